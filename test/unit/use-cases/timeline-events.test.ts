import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { metlib2024 } from '#events/programs/metlib-2024';
import { issueCertificates, programPeriod } from '#shared/use-cases/issue-certificates';
import { runTimelineEvent } from '#shared/use-cases/run-timeline-event';
import {
  inMemoryWorld,
  nominated,
  queued,
  scheduledInput,
  type World,
} from '../../support/in-memory/world.ts';

const fontDir = fileURLToPath(new URL('../../../node_modules/dejavu-fonts-ttf/ttf', import.meta.url));

/** Nominations in every state a timeline occasion tells apart, the clock then moved to `now`. */
const cohort = async (now: string, notified = true) => {
  const world = inMemoryWorld();
  const decided = notified ? (['review', 'select', 'notify'] as const) : (['review', 'select'] as const);
  const people = {
    madrid: await nominated(world, [...decided]),
    tokyo: await nominated(world, [...decided], (b) => {
      b.candidate.timeZone = 'Asia/Tokyo';
      b.candidate.name = 'Yuki <Tanaka>';
    }),
    withdrawn: await nominated(world, [...decided, 'withdraw'], (b) => {
      b.travel.conditionalOnStipend = true;
    }),
    rejected: await nominated(world, notified ? ['review', 'reject', 'notify'] : ['review', 'reject']),
    submitted: await nominated(world),
    reviewed: await nominated(world, ['review']),
  };
  world.clock.set(now);
  return { world, people };
};

/** Who an occasion's emails went to, by nomination id (participants are listed in id order). */
const occasionEmails = (world: World, kind: string) =>
  queued(world, kind)
    .map((e) => ({ to: e.email.to, key: e.email.key, nominationId: e.nominationId }))
    .sort((a, b) => (a.nominationId ?? '').localeCompare(b.nominationId ?? ''));

const byId = <T extends { id: string }>(...nominations: T[]) =>
  nominations.sort((a, b) => a.id.localeCompare(b.id));

describe('runTimelineEvent: decision readiness', () => {
  it('tells each organizer how decisions stand, once however often it is delivered', async () => {
    const { world, people } = await cohort('2024-02-17T14:00:05Z', false);
    const input = scheduledInput('decision-readiness');
    expect(await runTimelineEvent(world, input)).toEqual({
      kind: 'decision-readiness',
      queued: 2,
      alreadyQueued: 0,
    });
    expect(occasionEmails(world, 'decision-readiness')).toEqual(
      world.organizerEmails.map((o) => ({
        to: [o],
        key: `decision-readiness@2024-02-17T14:00:00.000Z#${o}`,
        nominationId: undefined,
      })),
    );
    const [email] = queued(world, 'decision-readiness');
    expect(email?.email.subject).toBe('Decisions due Monday 19 February 2024: 2 nominations undecided');
    expect(email?.email.text).toContain(
      'Nominations: 1 submitted, 1 reviewed, 2 selected, 1 not selected, 0 on the reserve list, 1 withdrawn.',
    );
    expect(email?.email.text).toContain('they will hear by Friday 1 March 2024');
    expect(email?.email.text).toContain('Places: 2 selected of 15–20.');
    expect(email?.email.text).toContain(people.submitted.id);
    expect(await runTimelineEvent(world, input)).toMatchObject({ queued: 0, alreadyQueued: 2 });
  });
});

describe('runTimelineEvent: decisions due', () => {
  it('notifies every decided nomination and alerts each organizer about the undecided, once', async () => {
    const { world, people } = await cohort('2024-02-19T14:00:05Z', false);
    const input = scheduledInput('decisions-due');
    // Two organizer alerts, and the two undecided applicants told they are still considered.
    expect(await runTimelineEvent(world, input)).toEqual({
      kind: 'decisions-due',
      queued: 4,
      alreadyQueued: 0,
      notified: 3,
    });
    const pending = queued(world, 'decision-pending');
    expect(pending.map((e) => e.nominationId).sort()).toEqual(
      [people.submitted.id, people.reviewed.id].sort(),
    );
    expect(pending[0]?.email.subject).toBe(
      'Your nomination is still being considered: MetLib Learning Circle 2024',
    );
    expect(pending[0]?.email.text).toContain('You will hear the decision by email by Friday 1 March 2024.');
    expect(
      queued(world, 'decision-selected')
        .map((e) => e.nominationId)
        .sort(),
    ).toEqual([people.madrid.id, people.tokyo.id].sort());
    expect(queued(world, 'decision-not-selected').map((e) => e.nominationId)).toEqual([people.rejected.id]);
    const alerts = queued(world, 'decisions-overdue');
    expect(alerts.map((e) => e.email.to)).toEqual(world.organizerEmails.map((o) => [o]));
    expect(alerts[0]?.email.subject).toBe(
      'Overdue: 2 nominations for the MetLib Learning Circle 2024 have no decision',
    );
    expect(alerts[0]?.email.text).toContain(people.reviewed.id);

    const before = world.outbox.all().length;
    expect(await runTimelineEvent(world, input)).toEqual({
      kind: 'decisions-due',
      queued: 0,
      alreadyQueued: 4,
      notified: 0,
    });
    expect(world.outbox.all()).toHaveLength(before);
  });

  it('sends no alert when every nomination has a decision', async () => {
    const world = inMemoryWorld();
    await nominated(world, ['review', 'select']);
    world.clock.set('2024-02-19T14:00:05Z');
    expect(await runTimelineEvent(world, scheduledInput('decisions-due'))).toEqual({
      kind: 'decisions-due',
      queued: 0,
      alreadyQueued: 0,
      notified: 1,
    });
  });
});

describe('runTimelineEvent: reminders and the evaluation', () => {
  it('remind each participant not withdrawn, filed with their nomination, with the time in their zone and an invitation', async () => {
    const { world, people } = await cohort('2024-04-02T13:00:05Z');
    const input = scheduledInput('meeting-2024-04.reminder-7d');
    expect(await runTimelineEvent(world, input)).toEqual({ kind: 'reminder', queued: 2, alreadyQueued: 0 });
    expect(occasionEmails(world, 'reminder')).toEqual(
      byId(people.madrid, people.tokyo).map((n) => ({
        to: [n.candidate.email],
        key: 'meeting-2024-04.reminder-7d@2024-04-02T13:00:00.000Z',
        nominationId: n.id,
      })),
    );
    const tokyo = queued(world, 'reminder').find((e) => e.nominationId === people.tokyo.id)?.email;
    expect(tokyo?.subject).toBe('Reminder: Monthly online meeting in 7 days');
    expect(tokyo?.text).toContain('Tuesday 9 April 2024, 09:00 (New York time, UTC−4)');
    expect(tokyo?.text).toContain('Tuesday 9 April 2024, 22:00 (Tokyo time, UTC+9)');
    expect(tokyo?.html).toContain('Yuki &lt;Tanaka&gt;');
    expect(tokyo?.attachments?.[0]?.filename).toBe('meeting-2024-04.ics');
    const invite = Buffer.from(tokyo?.attachments?.[0]?.content ?? '', 'base64').toString('utf8');
    expect(invite).toContain('DTSTART:20240409T130000Z');
    expect((await world.nominations.getDetail(people.madrid.id))?.emails.map((e) => e.kind)).toContain(
      'reminder',
    );

    expect(await runTimelineEvent(world, input)).toEqual({ kind: 'reminder', queued: 0, alreadyQueued: 2 });
    expect(queued(world, 'reminder')).toHaveLength(2);
  });

  it('say "tomorrow" the day before', async () => {
    const { world } = await cohort('2024-04-08T13:00:05Z');
    await runTimelineEvent(world, scheduledInput('meeting-2024-04.reminder-1d'));
    expect(queued(world, 'reminder')[0]?.email.subject).toBe('Reminder: Monthly online meeting tomorrow');
  });

  it('queue nothing for an event taken off the timeline since the schedule was set', async () => {
    const { world } = await cohort('2024-04-02T13:00:05Z');
    const timeline = metlib2024.timeline.filter((e) => e.id !== 'meeting-2024-04');
    await world.programs.saveTimeline({
      programId: 'metlib-2024',
      timeline,
      expectedVersion: 0,
      actor: 'o',
      at: '',
    });
    expect(await runTimelineEvent(world, scheduledInput('meeting-2024-04.reminder-7d'))).toEqual({
      kind: 'reminder',
      queued: 0,
      alreadyQueued: 0,
      note: '"meeting-2024-04" is no longer on the timeline',
    });
    expect(queued(world, 'reminder')).toEqual([]);
  });

  it('ask each participant for the evaluation with the survey link', async () => {
    const { world, people } = await cohort('2025-03-05T14:00:05Z');
    expect(await runTimelineEvent(world, scheduledInput('evaluation-2025.evaluation'))).toMatchObject({
      queued: 2,
    });
    const emails = queued(world, 'evaluation');
    expect(emails.map((e) => e.nominationId).sort()).toEqual(
      byId(people.madrid, people.tokyo).map((n) => n.id),
    );
    expect(emails[0]?.email.text).toContain(
      '/evaluation (the link is yours alone). You can change your answers until the end of Wednesday 26 March 2025.',
    );
  });

  it('leave the certificates to their own function, and say so', async () => {
    const { world } = await cohort('2025-03-31T13:00:05Z');
    await expect(runTimelineEvent(world, scheduledInput('certificates-2025.certificates'))).rejects.toThrow(
      'Certificates are issued by the IssueCertificates function; sync the schedules',
    );
  });
});

describe('issueCertificates', () => {
  it('queues one one-page PDF certificate to each participant not withdrawn, once', async () => {
    const { world, people } = await cohort('2025-03-31T13:00:05Z');
    const input = scheduledInput('certificates-2025.certificates');
    const deps = { ...world, fontDir };
    expect(await issueCertificates(deps, input)).toEqual({
      kind: 'certificates',
      queued: 2,
      alreadyQueued: 0,
    });
    const emails = queued(world, 'certificate');
    expect(occasionEmails(world, 'certificate').map((e) => e.to)).toEqual(
      byId(people.madrid, people.tokyo).map((n) => [n.candidate.email]),
    );
    const tokyo = emails.find((e) => e.nominationId === people.tokyo.id)?.email;
    expect(tokyo?.subject).toBe('Your certificate of participation: MetLib Learning Circle 2024');
    const attachment = tokyo?.attachments?.[0];
    expect(attachment).toMatchObject({
      filename: 'certificate-metlib-2024.pdf',
      contentType: 'application/pdf',
    });
    const pdf = await PDFDocument.load(Buffer.from(attachment?.content ?? '', 'base64'));
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getTitle()).toBe('Certificate of participation – Yuki <Tanaka>');

    expect(await issueCertificates(deps, input)).toEqual({
      kind: 'certificates',
      queued: 0,
      alreadyQueued: 2,
    });
  });

  it('runs nothing but certificates', async () => {
    const world = inMemoryWorld();
    await expect(
      issueCertificates({ ...world, fontDir }, scheduledInput('evaluation-2025.evaluation')),
    ).rejects.toThrow('IssueCertificates does not run "evaluation" events');
  });

  it('gives the program period from the first and last dated events', () => {
    expect(programPeriod(metlib2024)).toBe('April 2024 – March 2025');
  });
});
