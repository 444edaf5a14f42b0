import { beforeAll, describe, expect, it } from 'vitest';
import { metlib2024 } from '../../events/programs/metlib-2024.ts';
import { nominationBody, testStack, type WorkerStack } from '../support/test-stack.ts';

let stack: WorkerStack;
let organizer: string;
const people = { steady: nominationBody(), busy: nominationBody() };
const ids: Record<keyof typeof people, string> = {} as never;
let rejected: string;
const meetings = metlib2024.timeline.filter((e) => e.kind === 'meeting').map((e) => e.id);

const pagePath = (who: keyof typeof people) => stack.participantPage(people[who].candidate.email);

beforeAll(async () => {
  stack = await testStack();
  organizer = await stack.organizer();
  for (const [who, body] of Object.entries(people))
    ids[who as keyof typeof people] = (await stack.decided(body)).id;
  rejected = (await stack.decided(nominationBody(), ['review', 'reject', 'notify'])).id;
  await stack.advanceTo('2025-03-20T12:00:00Z');
});

describe('attendance and certificates on the running stack', { timeout: 90_000 }, () => {
  it('keeps the registers, refusing a mark for someone not in the program', async () => {
    const stranger = await stack.api('PUT', '/programs/metlib-2024/attendance/meeting-2024-04', {
      token: organizer,
      body: { marks: { [rejected]: 'present' }, expectedVersion: 0 },
    });
    expect(stranger.status).toBe(400);
    expect(stranger.json.issues).toEqual([
      { path: `marks.${rejected}`, message: `${rejected} is not a participant of the program` },
    ]);
    for (const [i, id] of meetings.entries()) {
      const saved = await stack.api('PUT', `/programs/metlib-2024/attendance/${id}`, {
        token: organizer,
        body: {
          marks: { [ids.steady]: 'present', [ids.busy]: i < 6 ? 'present' : 'absent' },
          expectedVersion: 0,
        },
      });
      expect(saved.status).toBe(200);
    }
    const year = await stack.api('GET', '/programs/metlib-2024/attendance', {
      token: await stack.reviewer(),
    });
    expect(
      Object.fromEntries(
        year.json.participants.map((p: { id: string; attended: number }) => [p.id, p.attended]),
      ),
    ).toEqual({ [ids.steady]: 10, [ids.busy]: 6 });
  });

  it('sends one PDF and one record on certificate day; a corrected name gets a new certificate', async () => {
    // Certificate day: the Scheduler emulator fires the certificates' schedule.
    const fired = stack.scheduler.invocations().length;
    await stack.advanceTo('2025-03-31T13:00:05Z');
    expect(
      stack.scheduler
        .invocations()
        .slice(fired)
        .map((f) => f.schedule),
    ).toContain('certificates-2025.certificates');
    const certificates = async (who: keyof typeof people) =>
      (await stack.inbox(people[who].candidate.email)).filter((e) =>
        e.subject.startsWith('Your certificate'),
      );
    expect(await certificates('steady')).toHaveLength(1);
    expect(await certificates('busy')).toEqual([]);
    const [record] = (await stack.inbox(people.busy.candidate.email)).filter((e) =>
      e.subject.startsWith('Your participation'),
    );
    expect(record?.body.text).toContain('our register shows you present at 6:');

    expect((await stack.api('GET', await pagePath('steady'))).text).toContain(
      'Download your certificate of participation (PDF)',
    );
    expect((await stack.api('GET', await pagePath('busy'))).text).toContain(
      'So far you count as present at 6 of the 10 held.',
    );
    const download = await stack.api('GET', `${await pagePath('steady')}/certificate`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.text.startsWith('%PDF-')).toBe(true);
    expect((await stack.api('GET', `${await pagePath('busy')}/certificate`)).status).toBe(404);

    const current = (await stack.api('GET', `/nominations/${ids.steady}`, { token: organizer })).json;
    const corrected = await stack.api('PATCH', `/nominations/${ids.steady}`, {
      token: organizer,
      body: { candidate: { name: 'Zoë Ångström' }, expectedVersion: current.version },
    });
    expect(corrected.status).toBe(200);
    const reissued = await stack.api('POST', `/nominations/${ids.steady}/certificate`, {
      token: organizer,
      body: { expectedVersion: corrected.json.version },
    });
    expect(reissued.status).toBe(200);
    expect(reissued.json.certificate).toMatchObject({ name: 'Zoë Ångström' });
    expect(await certificates('steady')).toHaveLength(2);
    const refused = await stack.api('POST', `/nominations/${ids.busy}/certificate`, {
      token: organizer,
      body: {},
    });
    expect(refused.status).toBe(409);
  });
});
