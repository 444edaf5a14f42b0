import { randomUUID } from 'node:crypto';
import { linkIn } from './sent-emails.ts';
import type { RunningStack } from './stack.ts';

/** A request to the stack's API that must succeed; answers its JSON. */
export type Api = <T = { id: string }>(
  method: string,
  path: string,
  token?: string,
  body?: unknown,
) => Promise<T>;

/** What the organizers and participants did during the simulated year, for the expected counts. */
export interface YearDone {
  withdrawn?: string;
  offered?: string;
  stipendAwarded: boolean;
  calendarChanged: boolean;
  /** The participants of the first mentoring group, whose May session alone is dated. */
  firstGroup: number;
  announced: boolean;
  /** Whether the year's registers were kept: one participant then misses the certificate. */
  registersKept: boolean;
  /** How many participants answered the evaluation before its reminder (half of them). */
  evaluated?: number;
}

export const nothingDoneYet = (): YearDone => ({
  stipendAwarded: false,
  calendarChanged: false,
  firstGroup: 0,
  announced: false,
  registersKept: false,
});

interface Year {
  stack: RunningStack;
  api: Api;
  organizer: string;
  /** This run's addresses all end with it. */
  domain: string;
  say: (line: string) => void;
  done: YearDone;
}

/**
 * Decision day: one participant withdraws (the first reserve is offered the place), a stipend is
 * awarded, the June meeting moves a week, two mentoring groups are formed (the first one's May
 * session dated) and every participant is welcomed.
 */
export const afterDecisionDay = async (year: Year, selected: string[], onReserve: string[], day: string) => {
  const { api, organizer, say, done } = year;
  done.withdrawn = selected.at(-1);
  await api('POST', `/nominations/${done.withdrawn}/transitions`, organizer, {
    action: 'withdraw',
    note: 'Changed jobs',
  });
  say(`${day}  one participant withdrew`);
  done.offered = onReserve[0];
  if (done.offered) {
    await api('POST', `/nominations/${done.offered}/transitions`, organizer, { action: 'offer-place' });
    say(`${day}  the first reserve was offered the place`);
  }
  const cohort = await api<{ participants: { id: string; stipend: { eligible: boolean } }[] }>(
    'GET',
    '/programs/metlib-2024/cohort',
    organizer,
  );
  const eligible = cohort.participants.find((p) => p.stipend.eligible);
  if (eligible) {
    await api('PUT', `/nominations/${eligible.id}/stipend`, organizer, { award: 'awarded' });
    done.stipendAwarded = true;
    say(`${day}  a travel stipend was awarded`);
  }
  // The June meeting moves a week: each participant hears of it once, with a new entry.
  await moveEvent(
    year,
    'meeting-2024-06',
    { when: { at: '2024-06-18T09:00', durationMinutes: 120 } },
    {
      note: 'Moved a week for the city elections',
    },
  );
  done.calendarChanged = true;
  say(`${day}  the June meeting moved to the 18th`);

  // Two mentoring groups, each member told once; the first group's May session is dated, which
  // only its members hear of and are reminded of. Then a word to every participant.
  const arranged = await api<{ participants: { id: string; told: boolean }[] }>(
    'GET',
    '/programs/metlib-2024/mentoring-groups',
    organizer,
  );
  const told = arranged.participants.filter((p) => p.told).map((p) => p.id);
  const half = Math.ceil(told.length / 2);
  done.firstGroup = half;
  await api('PUT', '/programs/metlib-2024/mentoring-groups', organizer, {
    groups: [
      {
        id: 'lisbon',
        name: 'Lisbon circle',
        mentor: 'Ana Santos, Lisbon Municipal Libraries',
        members: told.slice(0, half),
      },
      {
        id: 'helsinki',
        name: 'Helsinki circle',
        mentor: 'Anna-Maria Soininvaara, Helsinki City Library',
        members: told.slice(half),
      },
    ],
    expectedVersion: 0,
  });
  await moveEvent(year, 'mentoring-2024-05', {
    when: { at: '2024-05-22T10:00', durationMinutes: 90 },
    group: 'lisbon',
  });
  say(`${day}  two mentoring groups; the first one's May session dated`);
  await api('POST', '/programs/metlib-2024/announcements', organizer, {
    id: randomUUID(),
    audience: { kind: 'participants' },
    subject: 'Welcome to the learning circle',
    body: 'Welcome! Your page in the program has the meetings ahead and your calendar.',
  });
  done.announced = true;
  say(`${day}  a welcome announcement to every participant`);
};

/** Changes one event of the timeline as read, at the version read. */
const moveEvent = async (
  { api, organizer }: Year,
  eventId: string,
  change: Record<string, unknown>,
  extra: { note?: string } = {},
) => {
  const program = await api<{ timeline: { id: string }[]; timelineVersion: number }>(
    'GET',
    '/programs/metlib-2024',
  );
  await api('PUT', '/programs/metlib-2024/timeline', organizer, {
    timeline: program.timeline.map((e) => (e.id === eventId ? { ...e, ...change } : e)),
    expectedVersion: program.timelineVersion,
    ...extra,
  });
};

/** The evaluation opened: half the participants answer at once, from the link in its email. */
export const answerEvaluation = async ({ stack, api, domain, say, done }: Year, day: string) => {
  const links = (await stack.sentEmails())
    .filter(
      (e) =>
        e.subject.startsWith('Your evaluation') && e.destination.to.some((a) => a.endsWith(`@${domain}`)),
    )
    .map((e) => linkIn(e.body.text, 'evaluation'))
    .filter((link): link is string => link !== undefined);
  const answering = links.slice(0, Math.floor(links.length / 2));
  for (const [i, link] of answering.entries()) {
    await api('POST', link, undefined, {
      overall: 4 + (i % 2),
      meetings: 4,
      mentoring: 3 + (i % 3),
      conference: 5,
      learned: 'How other cities open their libraries to civic life',
      recommend: i % 5 !== 4,
    });
  }
  done.evaluated = answering.length;
  say(`${day}  ${answering.length} participants answered the evaluation`);
};

/**
 * The last meeting held: organizers fill in the year's registers, everyone present but one
 * participant, absent from the first four meetings (three short of the rule's seven).
 */
export const keepRegisters = async ({ api, organizer, say, done }: Year, day: string) => {
  const year = await api<{
    events: { id: string; kind: string; held: boolean; version: number; expected: string[] }[];
  }>('GET', '/programs/metlib-2024/attendance', organizer);
  const held = year.events.filter((e) => e.kind === 'meeting' && e.held);
  const absentee = held[0]?.expected[0];
  for (const [i, meeting] of held.entries()) {
    const marks = Object.fromEntries(
      meeting.expected.map((id) => [id, id === absentee && i < 4 ? 'absent' : 'present']),
    );
    await api('PUT', `/programs/metlib-2024/attendance/${meeting.id}`, organizer, {
      marks,
      expectedVersion: meeting.version,
    });
  }
  done.registersKept = held.length > 0 && absentee !== undefined;
  say(`${day}  the registers of ${held.length} meetings kept`);
};
