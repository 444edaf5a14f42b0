import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, ValidationError } from '#shared/domain/errors';
import type { Nomination } from '#shared/domain/nomination';
import { listAnnouncements, previewAnnouncement, sendAnnouncement } from '#shared/use-cases/announcements';
import { changeMentoringGroups } from '#shared/use-cases/mentoring-groups';
import {
  inMemoryWorld,
  nominated,
  organizer,
  queued,
  reviewer,
  type World,
} from '../../support/in-memory/world.ts';

/** Three participants, a reserve told so, one applicant not selected, one undecided and one withdrawn. */
const world = async () => {
  const w = inMemoryWorld({ now: '2024-02-01T14:00:00Z' });
  const participants: Nomination[] = [];
  for (let i = 0; i < 3; i++) participants.push(await nominated(w, ['review', 'select', 'notify']));
  const reserve = await nominated(w, ['review', 'reserve', 'notify']);
  const rejected = await nominated(w, ['review', 'reject', 'notify']);
  const undecided = await nominated(w, ['review']);
  const withdrawn = await nominated(w, ['withdraw']);
  w.clock.set('2024-03-01T12:00:00Z');
  return {
    w,
    participants: participants as [Nomination, Nomination, Nomination],
    reserve,
    rejected,
    undecided,
    withdrawn,
  };
};

const draft = (audience: Record<string, unknown>) => ({
  audience,
  subject: 'Reading for April <b>before</b> we meet',
  body: 'Please read the Aarhus case study.\n\nIt is <short> & worth it.',
});

const recipients = (w: World, id: string) =>
  queued(w, 'announcement')
    .filter((e) => e.email.key === `announcement-${id}`)
    .map((e) => e.nominationId)
    .sort();

describe('announcements', () => {
  it('previews whom it reaches and the email, writing nothing', async () => {
    const { w, participants } = await world();
    const before = w.outbox.all().length;
    const preview = await previewAnnouncement(w, 'metlib-2024', organizer, draft({ kind: 'participants' }));
    expect(preview.audience).toBe('every participant');
    expect(preview.recipients.map((r) => r.id).sort()).toEqual(participants.map((n) => n.id).sort());
    expect(preview.email?.subject).toBe('Reading for April <b>before</b> we meet');
    expect(preview.email?.text).toContain('It is <short> & worth it.');
    expect(preview.email?.html).toContain('It is &lt;short&gt; &amp; worth it.');
    expect(preview.email?.html).not.toContain('<short>');
    expect(w.outbox.all()).toHaveLength(before);
    expect((await listAnnouncements(w, 'metlib-2024', organizer)).announcements).toEqual([]);
  });

  it.each([
    ['participants', { kind: 'participants' }, (s: Awaited<ReturnType<typeof world>>) => s.participants],
    ['the reserve list', { kind: 'reserve' }, (s: Awaited<ReturnType<typeof world>>) => [s.reserve]],
    [
      'all applicants',
      { kind: 'applicants' },
      (s: Awaited<ReturnType<typeof world>>) => [...s.participants, s.reserve, s.rejected, s.undecided],
    ],
  ])('sends to %s once each, filed with each nomination', async (_, audience, expected) => {
    const setting = await world();
    const { w } = setting;
    const id = randomUUID();
    const sent = await sendAnnouncement(w, 'metlib-2024', organizer, { ...draft(audience), id });
    const want = expected(setting)
      .map((n) => n.id)
      .sort();
    expect(sent).toMatchObject({ id, recipients: want.length, queued: want.length, alreadyQueued: 0 });
    expect(recipients(w, id)).toEqual(want);
    // A second click, or a retry: the same announcement, nothing more queued.
    const again = await sendAnnouncement(w, 'metlib-2024', organizer, { ...draft(audience), id });
    expect(again).toMatchObject({ queued: 0, alreadyQueued: want.length, sentAt: sent.sentAt });
    expect(recipients(w, id)).toEqual(want);
    const detail = await w.nominations.getDetail(want[0] ?? '');
    expect(detail?.emails.filter((e) => e.kind === 'announcement').map((e) => e.subject)).toEqual([
      'Reading for April <b>before</b> we meet',
    ]);
  });

  it('copies the nominator when writing about the nomination, not to participants', async () => {
    const { w, participants, reserve } = await world();
    await sendAnnouncement(w, 'metlib-2024', organizer, { ...draft({ kind: 'reserve' }), id: randomUUID() });
    await sendAnnouncement(w, 'metlib-2024', organizer, {
      ...draft({ kind: 'participants' }),
      id: randomUUID(),
    });
    const mails = queued(w, 'announcement');
    expect(mails.find((e) => e.nominationId === reserve.id)?.email.cc).toEqual([reserve.nominator.email]);
    expect(mails.find((e) => e.nominationId === participants[0].id)?.email.cc).toEqual([]);
  });

  it('sends to a mentoring group’s members only', async () => {
    const { w, participants } = await world();
    const [a, b] = participants;
    await changeMentoringGroups(w, 'metlib-2024', organizer, {
      groups: [{ id: 'lisbon', name: 'Lisbon circle', mentor: 'Ana Santos', members: [a.id, b.id] }],
      expectedVersion: 0,
    });
    const id = randomUUID();
    const sent = await sendAnnouncement(w, 'metlib-2024', organizer, {
      ...draft({ kind: 'group', group: 'lisbon' }),
      id,
    });
    expect(sent.audience).toBe('the mentoring group Lisbon circle');
    expect(recipients(w, id)).toEqual([a.id, b.id].sort());
    const [listed] = (await listAnnouncements(w, 'metlib-2024', reviewer)).announcements;
    expect(listed).toMatchObject({ id, recipients: 2, audienceLabel: 'the mentoring group Lisbon circle' });
  });

  it('refuses bad input clearly and sends nothing', async () => {
    const { w } = await world();
    const attempt = (body: unknown, actor = organizer) =>
      sendAnnouncement(w, 'metlib-2024', actor, body).then(
        () => undefined,
        (e: unknown) => e as ValidationError,
      );
    const emails = w.outbox.all().length;
    expect(
      (await attempt({ ...draft({ kind: 'participants' }), id: 'x', subject: ' ' }))?.issues?.map(
        (i) => i.path,
      ),
    ).toEqual(['subject', 'id']);
    expect(await attempt({ ...draft({ kind: 'group', group: 'nowhere' }), id: randomUUID() })).toEqual(
      new ValidationError('The announcement is not valid', [
        { path: 'audience.group', message: '"nowhere" is not one of the program\'s mentoring groups' },
      ]),
    );
    // A subject is a header: one line. A body keeps its lines, but no carriage return alone.
    for (const [field, value] of [
      ['subject', 'April\r\nBcc: someone@elsewhere.example'],
      ['body', 'Line one\rLine two'],
      ['body', 'Ring\u0007'],
    ]) {
      const refused = await attempt({
        ...draft({ kind: 'participants' }),
        id: randomUUID(),
        [field as string]: value,
      });
      expect(refused?.issues?.map((i) => i.path)).toEqual([field]);
    }
    expect(await attempt({ ...draft({ kind: 'everyone' }), id: randomUUID() })).toBeInstanceOf(
      ValidationError,
    );
    expect(await attempt({ ...draft({ kind: 'participants' }), id: randomUUID() }, reviewer)).toBeInstanceOf(
      ForbiddenError,
    );
    expect(w.outbox.all()).toHaveLength(emails);

    const id = randomUUID();
    await sendAnnouncement(w, 'metlib-2024', organizer, { ...draft({ kind: 'participants' }), id });
    const sent = w.outbox.all().length;
    expect(await attempt({ ...draft({ kind: 'participants' }), id, subject: 'Another' })).toEqual(
      new ConflictError(
        'An announcement with this id was already sent, with another text ("Reading for April <b>before</b> we meet"); start a new one',
      ),
    );
    expect(w.outbox.all()).toHaveLength(sent);
  });

  it('refuses an audience with nobody in it', async () => {
    const w = inMemoryWorld({ now: '2024-02-01T14:00:00Z' });
    await expect(
      sendAnnouncement(w, 'metlib-2024', organizer, { ...draft({ kind: 'reserve' }), id: randomUUID() }),
    ).rejects.toThrow(
      new ConflictError('There is nobody to send it to yet (everyone on the reserve list: none)'),
    );
  });
});
