import { GetScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metlib2024 } from '../../events/programs/metlib-2024.ts';
import { localCredentials } from '../../local/emulators.ts';
import { nominationBody, testStack, type WorkerStack } from '../support/test-stack.ts';

let stack: WorkerStack;
let organizer: string;
let scheduler: SchedulerClient;
const nominator = nominationBody();

beforeAll(async () => {
  stack = await testStack();
  organizer = await stack.organizer();
  scheduler = new SchedulerClient({
    endpoint: stack.schedulerEndpoint,
    region: 'us-east-1',
    credentials: localCredentials,
  });
  await stack.nominate(nominator);
});
afterAll(async () => {
  scheduler?.destroy();
});

const settings = (token: string) => stack.api('GET', '/programs/metlib-2024/settings', { token });
const change = (body: Record<string, unknown>) =>
  stack.api('PUT', '/programs/metlib-2024/settings', { token: organizer, body });

describe('the program’s settings', () => {
  it('are for organizers, seeded from the program file', async () => {
    expect((await settings(await stack.reviewer())).status).toBe(403);
    const read = await settings(organizer);
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({
      timeZone: 'America/New_York',
      settingsVersion: 0,
      settings: {
        nominationWindow: metlib2024.nominationWindow,
        decisionsDueAt: metlib2024.decisionsDueAt,
        capacity: { min: 15, max: 20 },
        contactEmail: 'learning-circle@metlib.example.org',
      },
      history: [],
    });
  });

  it('give every email the contact address as its Reply-To and in its words', async () => {
    const [confirmation] = await stack.inbox(nominator.nominator.email);
    expect(confirmation?.replyTo).toEqual(['learning-circle@metlib.example.org']);
    expect(confirmation?.body.text).toContain('Questions? Write to learning-circle@metlib.example.org');
    const form = await stack.api('GET', '/programs/metlib-2024/nominate');
    expect(form.text).toContain('mailto:learning-circle@metlib.example.org');
  });

  it('change with an audit entry, and the program and its schedules follow', async () => {
    const changed = await change({
      nominationWindow: { opensAt: metlib2024.nominationWindow.opensAt, closesAt: '2024-02-20T23:59' },
      decisionsDueAt: '2024-02-26T09:00',
      contactEmail: 'circle@metlib.example.org',
      expectedVersion: 0,
      note: 'One week more',
    });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({ settingsVersion: 1, schedules: { pending: [] } });

    const program = (await stack.api('GET', '/programs/metlib-2024')).json;
    expect(program.nominationWindow.closesAt).toBe('2024-02-21T04:59:59.000Z');
    expect(program.contactEmail).toBe('circle@metlib.example.org');
    const due = await scheduler.send(
      new GetScheduleCommand({ GroupName: 'metlib-2024', Name: 'decisions-due' }),
    );
    expect(due.ScheduleExpression).toBe('at(2024-02-26T09:00:00)');
    const readiness = await scheduler.send(
      new GetScheduleCommand({ GroupName: 'metlib-2024', Name: 'decision-readiness' }),
    );
    expect(readiness.ScheduleExpression).toBe('at(2024-02-24T09:00:00)');

    const { history } = (await settings(organizer)).json;
    expect(history).toEqual([
      expect.objectContaining({
        version: 1,
        actor: 'organizer@example.org',
        note: 'One week more',
        changes: {
          before: {
            nominationWindow: metlib2024.nominationWindow,
            decisionsDueAt: metlib2024.decisionsDueAt,
            contactEmail: 'learning-circle@metlib.example.org',
          },
          after: {
            nominationWindow: {
              opensAt: metlib2024.nominationWindow.opensAt,
              closesAt: '2024-02-21T04:59:59.000Z',
            },
            decisionsDueAt: '2024-02-26T14:00:00.000Z',
            contactEmail: 'circle@metlib.example.org',
          },
        },
      }),
    ]);
  });

  it('refuse a stale version, an invalid value and a change that breaks what happened, saving nothing', async () => {
    const stale = await change({ capacity: { min: 15, max: 22 }, expectedVersion: 0 });
    expect(stale.status).toBe(409);
    expect(stale.json.error).toBe('VersionConflict');

    const invalid = await change({ travelStipends: { min: 4, max: 3 }, expectedVersion: 1 });
    expect(invalid.status).toBe(400);
    expect(invalid.json.issues).toEqual([
      { path: 'travelStipends', message: 'the minimum must not be more than the maximum' },
    ]);

    const breaking = await change({
      nominationWindow: { opensAt: '2024-02-10T00:00', closesAt: '2024-02-20T23:59' },
      expectedVersion: 1,
    });
    expect(breaking.status).toBe(409);
    expect(breaking.json.message).toMatch(/^Nominations were received from Thursday 1 February 2024, 09:00/);
    expect((await settings(organizer)).json.settingsVersion).toBe(1);
  });
});
