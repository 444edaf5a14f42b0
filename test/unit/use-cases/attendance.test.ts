import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { metlib2024 } from '#events/programs/metlib-2024';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  VersionConflictError,
} from '#shared/domain/errors';
import type { Nomination } from '#shared/domain/nomination';
import { readAttendance, recordAttendance } from '#shared/use-cases/attendance';
import { certificateFromPage, issueCertificateNow } from '#shared/use-cases/certificate-on-demand';
import { correctNomination } from '#shared/use-cases/correct-nomination';
import { issueCertificates } from '#shared/use-cases/issue-certificates';
import {
  inMemoryWorld,
  nominated,
  organizer,
  queued,
  reviewer,
  scheduledInput,
  type World,
} from '../../support/in-memory/world.ts';
import { tokenOf } from './participant-token.ts';

const fontDir = fileURLToPath(new URL('../../../node_modules/dejavu-fonts-ttf/ttf', import.meta.url));
const meetings = metlib2024.timeline.filter((e) => e.kind === 'meeting').map((e) => e.id);
const certificateDay = '2025-03-31T13:00:05Z';

/** Two participants and one applicant not selected, the clock then at `now`. */
const cohort = async (now: string) => {
  const world = inMemoryWorld();
  const steady = await nominated(world, ['review', 'select', 'notify']);
  const busy = await nominated(world, ['review', 'select', 'notify'], (b) => {
    b.candidate.name = 'Ana Bussy';
  });
  const rejected = await nominated(world, ['review', 'reject', 'notify']);
  world.clock.set(now);
  return { world, steady, busy, rejected };
};

const register = (
  world: World,
  eventId: string,
  marks: Record<string, string>,
  expectedVersion = 0,
  actor = organizer,
) => recordAttendance(world, 'metlib-2024', eventId, actor, { marks, expectedVersion });

/** The whole year's registers: `steady` at every meeting, `busy` at the first five only. */
const keepTheYear = async (world: World, steady: Nomination, busy: Nomination) => {
  for (const [i, id] of meetings.entries()) {
    await register(world, id, {
      [steady.id]: 'present',
      [busy.id]: i < 5 ? 'present' : i === 5 ? 'excused' : 'absent',
    });
  }
};

describe('the attendance register', () => {
  it('is kept by organizers for meetings held, and read against the certificate rule', async () => {
    const { world, steady, busy } = await cohort('2024-06-12T12:00:00Z');
    const saved = await register(world, 'meeting-2024-04', { [steady.id]: 'present', [busy.id]: 'absent' });
    expect(saved).toMatchObject({ version: 1 });
    await register(world, 'meeting-2024-04', { [steady.id]: 'present', [busy.id]: 'present' }, 1);
    const read = await readAttendance(world, 'metlib-2024', reviewer);
    expect(read.certificateRule).toEqual({ meetingsAttended: 7 });
    expect(read.events.find((e) => e.id === 'meeting-2024-04')).toMatchObject({
      held: true,
      version: 2,
      marks: { [steady.id]: 'present', [busy.id]: 'present' },
    });
    expect(read.events.find((e) => e.id === 'meeting-2024-07')).toMatchObject({ held: false, version: 0 });
    // Three meetings held by 12 June: April (kept), May and June (no register: counted as present).
    expect(read.participants.map((p) => [p.name, p.attended, p.held])).toEqual(
      [
        [busy.candidate.name, 3, 3],
        [steady.candidate.name, 3, 3],
      ].sort(),
    );
  });

  it('refuses what it cannot record, writing nothing', async () => {
    const { world, steady, rejected } = await cohort('2024-06-12T12:00:00Z');
    const attempt = (eventId: string, body: unknown, actor = organizer) =>
      recordAttendance(world, 'metlib-2024', eventId, actor, body).then(
        () => undefined,
        (e: unknown) => e as Error & { issues?: unknown },
      );
    expect(
      await attempt('meeting-2024-07', { marks: { [steady.id]: 'present' }, expectedVersion: 0 }),
    ).toEqual(
      new ConflictError('"Monthly online meeting" has not begun yet; its register is kept once it has'),
    );
    expect(
      await attempt('meeting-2024-04', { marks: { [rejected.id]: 'present' }, expectedVersion: 0 }),
    ).toEqual(
      new ValidationError('The register is not valid', [
        { path: `marks.${rejected.id}`, message: `${rejected.id} is not a participant of the program` },
      ]),
    );
    const badMark = await attempt('meeting-2024-04', { marks: { [steady.id]: 'late' }, expectedVersion: 0 });
    expect(badMark).toBeInstanceOf(ValidationError);
    expect(await attempt('conference-2024', { marks: {}, expectedVersion: 0 })).toBeInstanceOf(
      ValidationError,
    );
    expect(await attempt('meeting-2099', { marks: {}, expectedVersion: 0 })).toBeInstanceOf(NotFoundError);
    expect(await attempt('meeting-2024-04', { marks: {}, expectedVersion: 0 }, reviewer)).toBeInstanceOf(
      ForbiddenError,
    );
    expect(await world.programs.attendance('metlib-2024')).toEqual([]);
    await register(world, 'meeting-2024-04', { [steady.id]: 'present' });
    expect(await attempt('meeting-2024-04', { marks: {}, expectedVersion: 0 })).toBeInstanceOf(
      VersionConflictError,
    );
  });
});

describe('certificates and the rule', () => {
  it('gives the certificate to those who meet the rule and their record to the others, once each', async () => {
    const { world, steady, busy } = await cohort(certificateDay);
    await keepTheYear(world, steady, busy);
    const deps = { ...world, fontDir };
    expect(await issueCertificates(deps, scheduledInput('certificates-2025.certificates'))).toMatchObject({
      queued: 2,
    });
    expect(queued(world, 'certificate').map((e) => e.nominationId)).toEqual([steady.id]);
    const [record] = queued(world, 'attendance-record');
    expect(record?.nominationId).toBe(busy.id);
    expect(record?.email.text).toContain(
      'goes to those present at 7 of the 10 monthly meetings; our register shows you present at 5:',
    );
    expect(record?.email.text).toContain(
      '- Tuesday 12 November 2024, 09:00 (New York time, UTC−5) (2 hours): excused',
    );
    expect(record?.email.text).toContain('please write to learning-circle@metlib.example.org');
    expect((await world.nominations.get(steady.id))?.certificate).toEqual({
      issuedAt: '2025-03-31T13:00:00.000Z',
      name: steady.candidate.name,
    });
    expect((await world.nominations.get(busy.id))?.certificate).toBeUndefined();
    // Again (a retried delivery): nothing more.
    expect(await issueCertificates(deps, scheduledInput('certificates-2025.certificates'))).toMatchObject({
      queued: 0,
      alreadyQueued: 2,
    });

    // The participant downloads it from their page; the other has none yet.
    const pdf = await certificateFromPage(deps, await tokenOf(world, steady));
    expect((await PDFDocument.load(pdf.pdf)).getTitle()).toBe(
      `Certificate of participation – ${steady.candidate.name}`,
    );
    await expect(certificateFromPage(deps, await tokenOf(world, busy))).rejects.toThrow(
      new NotFoundError('No certificate has been issued to you yet'),
    );
  });

  it('issues it after the register is corrected, and again after a name correction, with the name as it is', async () => {
    const { world, steady, busy } = await cohort(certificateDay);
    await keepTheYear(world, steady, busy);
    const deps = { ...world, fontDir };
    await issueCertificates(deps, scheduledInput('certificates-2025.certificates'));
    await expect(issueCertificateNow(deps, busy.id, organizer, {})).rejects.toThrow(
      new ConflictError(
        'The register shows Ana Bussy present at 5 of the 7 meetings the certificate needs; correct the register first',
      ),
    );
    // Two registers were wrong: she was there.
    for (const id of meetings.slice(8))
      await register(world, id, { [steady.id]: 'present', [busy.id]: 'present' }, 1);
    const issued = await issueCertificateNow(deps, busy.id, organizer, { note: 'Register corrected' });
    expect(issued.certificate).toMatchObject({ name: 'Ana Bussy' });
    expect(queued(world, 'certificate').filter((e) => e.nominationId === busy.id)).toHaveLength(1);

    const renamed = await correctNomination(world, steady.id, organizer, {
      candidate: { name: 'María José Núñez' },
      expectedVersion: (await world.nominations.get(steady.id))?.version,
    });
    const again = await issueCertificateNow(deps, steady.id, organizer, { expectedVersion: renamed.version });
    expect(again.certificate).toMatchObject({
      name: 'María José Núñez',
      issuedAt: '2025-03-31T13:00:00.000Z',
    });
    const copies = queued(world, 'certificate').filter((e) => e.nominationId === steady.id);
    expect(copies).toHaveLength(2);
    const pdf = await PDFDocument.load(
      Buffer.from(copies[1]?.email.attachments?.[0]?.content ?? '', 'base64'),
    );
    expect(pdf.getTitle()).toBe('Certificate of participation – María José Núñez');
    const history = (await world.nominations.getDetail(steady.id))?.history ?? [];
    expect(history.at(-1)).toMatchObject({ action: 'reissue-certificate', actor: 'organizer@example.org' });
    // A double click: the second finds the nomination changed.
    await expect(
      issueCertificateNow(deps, steady.id, organizer, { expectedVersion: renamed.version }),
    ).rejects.toThrow(VersionConflictError);
    await expect(issueCertificateNow(deps, steady.id, reviewer, {})).rejects.toThrow(ForbiddenError);
  });

  it('issues none before certificate day', async () => {
    const { world, steady } = await cohort('2025-03-10T12:00:00Z');
    await expect(issueCertificateNow({ ...world, fontDir }, steady.id, organizer, {})).rejects.toThrow(
      new ConflictError('The certificates are issued on certificate day; until then there is none to issue'),
    );
  });
});
