import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScheduledEvent } from '../../events/contracts.ts';
import { metlib2024 } from '../../events/programs/metlib-2024.ts';
import { planSchedules } from '../../shared/domain/schedule-plan.ts';
import { nominationBody, testStack, type WorkerStack } from '../support/test-stack.ts';

let stack: WorkerStack;
let organizer: string;
let runTimelineEvent: (input: unknown) => Promise<unknown>;
let issueCertificates: (input: unknown) => Promise<unknown>;
const people = {
  madrid: nominationBody(),
  tokyo: nominationBody(),
  withdrawn: nominationBody(),
  rejected: nominationBody(),
  undecided: nominationBody(),
};
const ids: Record<string, string> = {};

const input = (schedule: string): ScheduledEvent => {
  const planned = planSchedules(metlib2024).schedules.find((s) => s.name === schedule);
  if (!planned) throw new Error(`no schedule ${schedule}`);
  return planned.input;
};

beforeAll(async () => {
  stack = await testStack();
  organizer = await stack.organizer();
  people.tokyo.candidate.timeZone = 'Asia/Tokyo';
  people.tokyo.candidate.name = 'Yuki <Tanaka>';
  for (const [who, body] of Object.entries(people)) {
    ids[who] = (await stack.nominate(body)).id;
  }
  for (const who of ['madrid', 'tokyo', 'withdrawn'] as const)
    await stack.takeThrough(ids[who] as string, ['review', 'select'], organizer);
  await stack.takeThrough(ids.rejected as string, ['review', 'reject'], organizer);
  people.withdrawn.travel.conditionalOnStipend = true;
  ({ run: runTimelineEvent } = await import('../../functions/run-timeline-event.ts'));
  ({ run: issueCertificates } = await import('../../functions/issue-certificates.ts'));
});

describe('decision readiness (two days before decisions are due)', () => {
  it('tells the organizers how decisions stand', async () => {
    await runTimelineEvent(input('decision-readiness'));
    const [email] = await stack.inbox(stack.organizerInbox);
    expect(email?.subject).toMatch(/^Decisions due Monday 19 February 2024: \d+ nominations undecided$/);
    expect(email?.body.text).toMatch(/Places: 3 selected of 15–20\./);
    expect(email?.body.text).toContain(`Still undecided:`);
    expect(email?.body.text).toContain(ids.undecided);
  });
});

describe('decisions due', () => {
  it('notifies every decided applicant and alerts the organizers about the undecided', async () => {
    const outcome = await runTimelineEvent(input('decisions-due'));
    // The organizers' alert, and the undecided applicant told they are still being considered.
    expect(outcome).toMatchObject({ kind: 'decisions-due', notified: 4, queued: 2 });
    expect((await stack.inbox(people.madrid.candidate.email)).map((e) => e.subject)).toContain(
      'Selected: MetLib Learning Circle 2024',
    );
    expect((await stack.inbox(people.rejected.candidate.email)).map((e) => e.subject)).toContain(
      'Your nomination for the MetLib Learning Circle 2024',
    );
    const overdue = (await stack.inbox(stack.organizerInbox)).filter((e) => e.subject.startsWith('Overdue'));
    expect(overdue).toHaveLength(1);
    expect(overdue[0]?.body.text).toContain(ids.undecided);

    // The same scheduled event delivered again sends nothing new.
    expect(await runTimelineEvent(input('decisions-due'))).toMatchObject({
      notified: 0,
      queued: 0,
      alreadyQueued: 2,
    });
    const pending = (await stack.inbox(people.undecided.candidate.email)).filter((e) =>
      e.subject.startsWith('Your nomination is still being considered'),
    );
    expect(pending).toHaveLength(1);
    expect(pending[0]?.body.text).toContain('You will hear the decision by email by Friday 1 March 2024.');
    expect(
      (await stack.inbox(stack.organizerInbox)).filter((e) => e.subject.startsWith('Overdue')),
    ).toHaveLength(1);
    const withdrawal = await stack.api('POST', `/nominations/${ids.withdrawn}/transitions`, {
      token: organizer,
      body: { action: 'withdraw' },
    });
    expect(withdrawal.status).toBe(200);
  });
});

describe('reminders', () => {
  it('reach each participant with the time in New York and in their own zone, and an invitation', async () => {
    const outcome = await runTimelineEvent(input('meeting-2024-04.reminder-7d'));
    expect(outcome).toMatchObject({ kind: 'reminder', queued: 2, alreadyQueued: 0 });

    const [tokyo] = (await stack.inbox(people.tokyo.candidate.email)).filter((e) =>
      e.subject.startsWith('Reminder'),
    );
    expect(tokyo?.subject).toBe('Reminder: Monthly online meeting in 7 days');
    expect(tokyo?.body.text).toContain('Tuesday 9 April 2024, 09:00 (New York time, UTC−4)');
    expect(tokyo?.body.text).toContain('Tuesday 9 April 2024, 22:00 (Tokyo time, UTC+9)');
    expect(tokyo?.body.html).toContain('Yuki &lt;Tanaka&gt;');
    const invite = Buffer.from(tokyo?.attachments[0]?.content ?? '', 'base64').toString('utf8');
    expect(tokyo?.attachments[0]).toMatchObject({ filename: 'meeting-2024-04.ics' });
    expect(invite).toMatch(/^BEGIN:VCALENDAR/);
    expect(invite).toContain('DTSTART:20240409T130000Z');
    expect(invite).toContain('DURATION:PT120M');
    expect(invite).toContain('UID:meeting-2024-04.metlib-2024@metlib-nominations');

    const [madrid] = (await stack.inbox(people.madrid.candidate.email)).filter((e) =>
      e.subject.startsWith('Reminder'),
    );
    expect(madrid?.body.text).toContain('Tuesday 9 April 2024, 15:00 (Madrid time, UTC+2)');
  });

  it('are sent once however often the event is delivered, and never to a withdrawn or rejected nomination', async () => {
    expect(await runTimelineEvent(input('meeting-2024-04.reminder-7d'))).toMatchObject({
      queued: 0,
      alreadyQueued: 2,
    });
    expect(
      (await stack.inbox(people.tokyo.candidate.email)).filter((e) => e.subject.startsWith('Reminder')),
    ).toHaveLength(1);
    for (const who of ['withdrawn', 'rejected', 'undecided'] as const) {
      expect(
        (await stack.inbox(people[who].candidate.email)).filter((e) => e.subject.startsWith('Reminder')),
      ).toEqual([]);
    }
  });

  it('give the conference as dates in Barcelona with an all-day invitation', async () => {
    await runTimelineEvent(input('conference-2024.reminder-30d'));
    const [email] = (await stack.inbox(people.madrid.candidate.email)).filter((e) =>
      e.subject.includes('Conference'),
    );
    expect(email?.subject).toBe('Reminder: MetLib Conference in 30 days');
    expect(email?.body.text).toContain('6–10 October 2024');
    expect(email?.body.text).toContain('Where: Barcelona, Spain.');
    const invite = Buffer.from(email?.attachments[0]?.content ?? '', 'base64').toString('utf8');
    expect(invite).toContain('DTSTART;VALUE=DATE:20241006');
    expect(invite).toContain('DTEND;VALUE=DATE:20241011');
  });
});

describe('the end of the program', () => {
  it('asks each participant for the evaluation with the survey link', async () => {
    await runTimelineEvent(input('evaluation-2025.evaluation'));
    const [email] = (await stack.inbox(people.madrid.candidate.email)).filter((e) =>
      e.subject.includes('evaluation'),
    );
    expect(email?.body.text).toMatch(
      /The evaluation: http:\/\/localhost:\d+\/participants\/[^ ]+\/evaluation/,
    );
    expect(
      (await stack.inbox(people.withdrawn.candidate.email)).filter((e) => e.subject.includes('evaluation')),
    ).toEqual([]);
  });

  it('sends each participant a one-page PDF certificate with their name', async () => {
    // The timeline function leaves certificates to their own function, and says so.
    await expect(runTimelineEvent(input('certificates-2025.certificates'))).rejects.toThrow(
      /IssueCertificates/,
    );
    await issueCertificates(input('certificates-2025.certificates'));
    const [email] = (await stack.inbox(people.tokyo.candidate.email)).filter((e) =>
      e.subject.includes('certificate'),
    );
    const attachment = email?.attachments[0];
    expect(attachment).toMatchObject({
      filename: 'certificate-metlib-2024.pdf',
      contentType: 'application/pdf',
    });
    const bytes = Buffer.from(attachment?.content ?? '', 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getTitle()).toBe('Certificate of participation – Yuki <Tanaka>');
    expect(
      (await stack.inbox(people.withdrawn.candidate.email)).filter((e) => e.subject.includes('certificate')),
    ).toEqual([]);
  });

  it('refuses a malformed scheduled event so the scheduler retries it and keeps it as a dead letter', async () => {
    await expect(runTimelineEvent({ programId: 'metlib-2024', kind: 'party' })).rejects.toThrow();
  });
});
