import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { ScheduledEvent, ScheduledKind } from '#events/contracts';
import { metlib2024 } from '#events/programs/metlib-2024';
import { JwtLinkSigner } from '#shared/adapters/jwt-link-signer';
import { newLinkKeyPair } from '#shared/adapters/link-key-pair';
import type { StaffActor } from '#shared/domain/actor';
import type { NominationAction } from '#shared/domain/nomination-states';
import { planSchedules } from '#shared/domain/schedule-plan';
import { confirmNomination } from '#shared/use-cases/confirm-nomination';
import { participantPages } from '#shared/use-cases/participant-links';
import { submitNomination } from '#shared/use-cases/submit-nomination';
import { transitionNomination } from '#shared/use-cases/transition-nomination';
import sample from '../../../events/samples/nomination.json' with { type: 'json' };
import { linkIn as linkInText } from '../../../local/sent-emails.ts';
import { InMemoryComplaints, ManualClock, RecordingSender } from './clock-and-sender.ts';
import { InMemoryEvaluations } from './evaluations.ts';
import { InMemoryNominationStore } from './nominations.ts';
import { InMemoryOutbox } from './outbox.ts';
import { InMemoryProgramRepository } from './programs.ts';
import { InMemoryScheduleRegistry } from './schedules.ts';

export const organizer: StaffActor = {
  kind: 'staff',
  id: 'organizer-1',
  email: 'organizer@example.org',
  groups: ['organizers'],
};
export const reviewer: StaffActor = {
  kind: 'staff',
  id: 'reviewer-1',
  email: 'reviewer@example.org',
  groups: ['reviewers'],
};
export const secondReviewer: StaffActor = {
  kind: 'staff',
  id: 'reviewer-2',
  email: 'reviewer2@example.org',
  groups: ['reviewers'],
};
export const outsider: StaffActor = { kind: 'staff', id: 'someone', groups: [] };

const lambda = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

/** Two weeks before the nominations close: where the local stack's clock starts. */
export const windowOpen = '2024-02-01T14:00:00Z';

/**
 * Every port in memory, wired as the use cases take them, so one world is the deps of any of
 * them. The lease clock is a clock of its own, as the real clock is beside the program's.
 */
/** Where the in-memory world's links point. */
export const siteUrl = 'https://nominations.metlib.example.org';

export const inMemoryWorld = (options: { now?: string; organizerEmails?: string[] } = {}) => {
  const outbox = new InMemoryOutbox();
  const now = options.now ?? windowOpen;
  const clock = new ManualClock(now);
  const linkKey = newLinkKeyPair();
  const organizerEmails = options.organizerEmails ?? [
    'chair@metlib.example.org',
    'secretary@metlib.example.org',
  ];
  const links = new JwtLinkSigner(
    { publicKeys: [linkKey.publicKey], signingKey: async () => linkKey.privateJwk },
    clock,
  );
  return {
    clock,
    links,
    /** The participants' page links, as the emails carry them. */
    pages: participantPages(links, siteUrl),
    limits: { perNominatorPerDay: 5, perSourcePerHour: 20 },
    leaseClock: new ManualClock(now),
    leaseMs: 60_000,
    outbox,
    nominations: new InMemoryNominationStore(outbox),
    evaluations: new InMemoryEvaluations(),
    programs: new InMemoryProgramRepository(undefined, outbox),
    registry: new InMemoryScheduleRegistry(),
    sender: new RecordingSender(),
    organizerEmails,
    /** The mailer's: the alert of a failed email goes to the organizers. */
    organizers: organizerEmails,
    maxAttempts: 4,
    complaints: new InMemoryComplaints(),
    target: {
      roleArn: 'arn:aws:iam::000000000000:role/schedules',
      deadLetterArn: 'arn:aws:sqs:us-east-1:000000000000:schedule-dead-letters',
      maximumRetryAttempts: 3,
      maximumEventAgeSeconds: 21_600,
    },
    functionFor: {
      'decision-readiness': lambda('RunTimelineEvent'),
      'decisions-due': lambda('RunTimelineEvent'),
      'decisions-check': lambda('CheckDecisionsNotified'),
      'reserve-closes': lambda('RunTimelineEvent'),
      reminder: lambda('RunTimelineEvent'),
      evaluation: lambda('RunTimelineEvent'),
      'evaluation-reminder': lambda('RunTimelineEvent'),
      certificates: lambda('IssueCertificates'),
    } satisfies Record<ScheduledKind, string>,
  };
};

export type World = ReturnType<typeof inMemoryWorld>;

/** The sample submission body with a candidate and nominator of their own. */
export const sampleBody = () => {
  const body = structuredClone(sample);
  const tag = randomUUID().slice(0, 8);
  body.candidate.email = `candidate-${tag}@library.example.org`;
  body.nominator.email = `director-${tag}@library.example.org`;
  return body;
};

/** Where a submission comes from, as the handler reads it off the request. */
export const submission = (sourceIp = '203.0.113.7') => ({
  origin: 'https://nominations.example.org',
  sourceIp,
});

/** The token of a nominator link in the confirmation email of a nomination, as the nominator clicks it. */
export const linkIn = (world: World, nominationId: string, purpose: 'confirm' | 'manage') => {
  const email = world.outbox
    .all()
    .find((e) => e.nominationId === nominationId && e.email.kind === 'confirmation');
  const token = linkInText(email?.email.text, purpose)?.split('/').at(-1);
  if (!token) throw new Error(`No ${purpose} link was sent for ${nominationId}`);
  return token;
};

/**
 * A nomination submitted (the clock must be in the window) and taken through `actions` by an
 * organizer: the way a real one gets there, acknowledgement and audit trail included.
 */
export const nominated = async (
  world: World,
  actions: NominationAction[] = [],
  change: (body: ReturnType<typeof sampleBody>) => void = () => {},
) => {
  const body = sampleBody();
  change(body);
  const { id } = await submitNomination(world, 'metlib-2024', body, submission());
  await confirmNomination(world, linkIn(world, id, 'confirm'));
  for (const action of actions)
    await transitionNomination(world, id, organizer, {
      action,
      ...(action === 'review' ? { score: 3 } : {}),
    });
  const stored = await world.nominations.get(id);
  if (!stored) throw new Error(`${id} was not stored`);
  return stored;
};

/** The outbox emails of one kind, as stored. */
export const queued = (world: World, kind?: string) =>
  world.outbox.all().filter((e) => kind === undefined || e.email.kind === kind);

/** What a refused change must leave as it was: every count the stores keep. */
export const footprint = (world: World) => ({
  ...world.nominations.size(),
  emails: world.outbox.all().length,
  places: world.nominations.placesTaken('metlib-2024'),
});

/** Runs a change that must be refused, checks it wrote nothing anywhere, and gives its error. */
export const refused = async (world: World, id: string, change: () => Promise<unknown>) => {
  const before = { detail: await world.nominations.getDetail(id), counts: footprint(world) };
  const error = await change().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  expect({ detail: await world.nominations.getDetail(id), counts: footprint(world) }).toEqual(before);
  return error as Error;
};

/** The input the program's schedule of this name fires with, as planned from the program. */
export const scheduledInput = (name: string): ScheduledEvent => {
  const planned = planSchedules(metlib2024).schedules.find((s) => s.name === name);
  if (!planned) throw new Error(`The program plans no schedule "${name}"`);
  return planned.input;
};
