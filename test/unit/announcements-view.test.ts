import { describe, expect, it } from 'vitest';
import {
  type AnnouncementSent,
  announcementBody,
  combineSent,
  formatSentAt,
  groupLabel,
  newDraft,
  people,
  placeIssues,
  sentBanner,
} from '../../console/src/announcements-view.ts';
import { announcementDraftSchema, announcementSchema } from '../../shared/domain/announcements.ts';

const id = '9b2f6c1e-4d8a-4f7b-9a55-0c1d2e3f4a5b';
const written = { ...newDraft(id), subject: 'Reading for April', body: 'Please read it.\n\nThank you.' };

const sent = (over: Partial<AnnouncementSent> = {}): AnnouncementSent => ({
  id,
  audience: 'every participant',
  subject: 'Reading for April',
  sentAt: '2024-03-01T12:00:00.000Z',
  sentBy: 'organizer@metlib.example.org',
  recipients: 3,
  queued: 3,
  alreadyQueued: 0,
  ...over,
});

describe('the announcements view', () => {
  it('starts a draft with its id and nothing chosen', () => {
    expect(newDraft(id)).toEqual({ id, kind: '', group: '', subject: '', body: '' });
  });

  it('sends the draft as typed, with its id, in the shape the API takes', () => {
    const toParticipants = announcementBody({ ...written, kind: 'participants', group: 'lisbon' });
    expect(toParticipants).toEqual({
      id,
      audience: { kind: 'participants' },
      subject: 'Reading for April',
      body: 'Please read it.\n\nThank you.',
    });
    expect(announcementSchema.safeParse(toParticipants).success).toBe(true);
    const toGroup = announcementBody({ ...written, kind: 'group', group: 'lisbon' });
    expect(toGroup.audience).toEqual({ kind: 'group', group: 'lisbon' });
    expect(announcementSchema.safeParse(toGroup).success).toBe(true);
    for (const kind of ['reserve', 'applicants'] as const) {
      expect(announcementDraftSchema.safeParse(announcementBody({ ...written, kind })).success).toBe(true);
    }
    // Nobody chosen: no audience, for the API to refuse.
    expect(announcementBody(written)).not.toHaveProperty('audience');
    expect(announcementSchema.safeParse(announcementBody(written)).success).toBe(false);
  });

  it('places the API’s issues on their fields, saying what was not chosen in the form’s words', () => {
    const placed = placeIssues(
      [
        { path: 'audience', message: 'Invalid input' },
        { path: 'subject', message: 'write a subject' },
        { path: 'body', message: 'write the message' },
        { path: 'id', message: 'id is a UUID made once for this announcement' },
      ],
      written,
    );
    expect(placed.problems).toEqual([
      {
        message: 'Who it is for: choose who the announcement is for',
        field: 'announcement-audience-participants',
      },
      { message: 'Subject: write a subject', field: 'announcement-subject' },
      { message: 'Message: write the message', field: 'announcement-body' },
      { message: 'id is a UUID made once for this announcement' },
    ]);
    expect(placed.beside).toEqual({
      audience: 'choose who the announcement is for',
      subject: 'write a subject',
      body: 'write the message',
    });

    const noGroup = placeIssues(
      [{ path: 'audience.group', message: 'Too small: expected string to have >=1 characters' }],
      { ...written, kind: 'group' },
    );
    expect(noGroup.problems).toEqual([
      { message: 'Mentoring group: choose a mentoring group', field: 'announcement-group' },
    ]);
    // A group chosen that the program no longer has: the API's words.
    const gone = placeIssues(
      [{ path: 'audience.group', message: '"lisbon" is not one of the program\'s mentoring groups' }],
      { ...written, kind: 'group', group: 'lisbon' },
    );
    expect(gone.beside).toEqual({
      'audience.group': '"lisbon" is not one of the program\'s mentoring groups',
    });
  });

  it('counts people and names a group with its mentor and size', () => {
    expect(people(1)).toBe('1 person');
    expect(people(0)).toBe('0 people');
    expect(people(3)).toBe('3 people');
    expect(groupLabel({ name: 'Lisbon circle', mentor: 'Ana Santos', members: [{}, {}] })).toBe(
      'Lisbon circle (Ana Santos), 2 members',
    );
    expect(groupLabel({ name: 'Solo', mentor: 'Ben', members: [{}] })).toBe('Solo (Ben), 1 member');
  });

  it('says whom it was sent to, and that those who already had it were not sent it twice', () => {
    expect(sentBanner(sent())).toEqual({ message: 'Sent to 3 people' });
    expect(sentBanner(sent({ recipients: 1, queued: 1 }))).toEqual({ message: 'Sent to 1 person' });
    expect(sentBanner(sent({ queued: 1, alreadyQueued: 2 }))).toEqual({
      message: 'Sent to 3 people',
      detail: '2 of them already had it from an earlier send of this announcement: nobody gets it twice.',
    });
    expect(sentBanner(sent({ queued: 0, alreadyQueued: 3 })).detail).toMatch(/^Everyone already had it/);
  });

  it('takes two answers for one announcement (a double click) as one send', () => {
    const first = sent({ queued: 2, alreadyQueued: 1 });
    const second = sent({ queued: 1, alreadyQueued: 2 });
    expect(combineSent(first, second)).toEqual(sent({ queued: 3, alreadyQueued: 0 }));
    expect(combineSent(sent(), sent({ queued: 0, alreadyQueued: 3 }))).toEqual(sent());
    expect(sentBanner(combineSent(sent(), sent({ queued: 0, alreadyQueued: 3 })))).toEqual({
      message: 'Sent to 3 people',
    });
    // Another announcement's answer is its own.
    const other = sent({ id: 'another', queued: 0, alreadyQueued: 3 });
    expect(combineSent(sent(), other)).toBe(other);
    expect(combineSent(undefined, other)).toBe(other);
  });

  it('writes when it was sent as people read it', () => {
    expect(formatSentAt('2024-03-01T12:05:00.000Z')).toBe('Friday 1 March 2024, 12:05 UTC');
    expect(formatSentAt('not a date')).toBe('not a date');
  });
});
