/**
 * The one table's key design, shared by the DynamoDB adapter, the local stack's table creation
 * and the CDK stack so none of them can disagree.
 *
 * | item         | pk                                   | sk                 | gsi1pk          | gsi1sk                       |
 * |--------------|--------------------------------------|--------------------|-----------------|------------------------------|
 * | nomination   | NOMINATION#<id>                      | NOMINATION         | PROGRAM#<prog>  | <status>#<submittedAt>#<id>  |
 * | audit entry  | NOMINATION#<id>                      | AUDIT#<version>    |                 |                              |
 * | mail report  | NOMINATION#<id>                      | AUDIT#MAIL#<at>#<event id> |         |                              |
 * | outbox email | NOMINATION#<id>                      | EMAIL#<key>        |                 |                              |
 * | review       | NOMINATION#<id>                      | REVIEW#<sub>       |                 |                              |
 * | evaluation   | NOMINATION#<id>                      | EVALUATION         |                 |                              |
 * | guard        | PROGRAM#<prog>#CANDIDATE#<email>     | GUARD              |                 |                              |
 * | counter      | LIMIT#<prog>#<scope>#<hash>#<window> | COUNT              |                 |                              |
 * | places       | PROGRAM#<prog>                       | PLACES             |                 |                              |
 * | stipends     | PROGRAM#<prog>                       | STIPENDS           |                 |                              |
 * | reserve rank | PROGRAM#<prog>                       | RESERVE#<rank>     |                 |                              |
 * | timeline     | PROGRAM#<prog>                       | TIMELINE           |                 |                              |
 * | settings     | PROGRAM#<prog>                       | SETTINGS           |                 |                              |
 * | settings audit | PROGRAM#<prog>                     | AUDIT#SETTINGS#<version> |           |                              |
 * | groups       | PROGRAM#<prog>                       | GROUPS             |                 |                              |
 * | groups audit | PROGRAM#<prog>                       | AUDIT#GROUPS#<version> |             |                              |
 * | announcement | PROGRAM#<prog>                       | ANNOUNCEMENT#<id>  |                 |                              |
 * | register     | PROGRAM#<prog>                       | ATTENDANCE#<event> |                 |                              |
 * | register audit | PROGRAM#<prog>                     | AUDIT#ATTENDANCE#<event>#<version> |  |                              |
 * | program audit| PROGRAM#<prog>                       | AUDIT#<version>    |                 |                              |
 * | export audit | PROGRAM#<prog>                       | AUDIT#EXPORT#<at>#<sub> |            |                              |
 * | staff email  | PROGRAM#<prog>#EMAILS                | EMAIL#<key>        |                 |                              |
 * | address      | PERSON#<sha256 of the address>       | NOMINATION#<id>    |                 |                              |
 * | former address | PERSON#<sha256 of the address>     | NOMINATION#<id>    |                 |                              |
 * | former marker| NOMINATION#<id>                      | FORMER#<sha256 of the address> |     |                              |
 * | outcome      | PROGRAM#<prog>#OUTCOMES              | <sha256 of the id> |                 |                              |
 * | privacy audit| PRIVACY                              | AUDIT#<at>#<uuid>  |                 |                              |
 * | send slots   | SENDRATE                             | <epoch second>     |                 |                              |
 *
 * An address item says that an address (candidate's or nominator's, lower-cased) is in a
 * nomination: export and erasure by address find its nominations by one Query, without a Scan.
 * The key holds a hash, not the address, so no key (in a log, a metric, a stream record) shows one.
 * Outcome items are the anonymous statistics a nomination leaves (country, project type, outcome);
 * privacy audit entries say that an export or erasure happened, by whom, how much, never for whom.
 * When a correction replaces an address, its address item becomes a former-address item (type
 * `former-address`) and the nomination's partition gets a marker naming its hash: the old address
 * stays quoted in the history and the emails' records, so erasure must still find the nomination
 * by it, and the marker lets the nomination's lifetime and erasure reach the former-address item.
 *
 * Items holding personal data carry the TTL attribute `expiresAt` (retention.ts) once the
 * nomination's fate is known: its partition, its guard and its address items.
 * | complaint    | ADDRESS#<sha256 of the address>      | COMPLAINT          |                 |                              |
 *
 * Outbox emails (both kinds) carry `unsentPk` = UNSENT and `unsentSk` = <since>#<pk>|<sk> until
 * they are sent, where <since> is when the email was queued or last failed: the sparse, keys-only
 * `unsent` index lists exactly the emails still owed, longest waiting first, for the redrive sweep. One partition holds them all; at this system's volume (hundreds of
 * emails an hour at the peak) that is far below a partition's write limit.
 *
 * An unconfirmed nomination has no `gsi1pk`: it is in no listing until its nominator confirms
 * it, and its `expiresAt` (the table's TTL attribute, epoch seconds) drops it 48 hours on. A
 * submission counter holds no address, only a hash; it too expires.
 *
 * A reviewer's review is keyed by their `sub`, so reviewing again replaces it; the nomination item
 * keeps the summary (`reviewCount`, `scoreCount`, `scoreTotal`), the reviewers' subs
 * (`reviewedBy`) and the conflict declarations (`conflicts`), so a list page needs nothing else.
 * A mail report (what SES said of an email) is an audit entry that does not change the
 * nomination's version, so it has a key of its own; the history is shown in time order.
 * Places and stipends are counters (`taken`) changed in the transaction that takes or gives one
 * back, conditioned on the limit. A reserve rank item names the nomination holding that rank,
 * so two reserves cannot share one (docs/cohort.md).
 * The program's export audit entries sort after its timeline audit entries (digits before `E`).
 */
import { expiryAttribute } from '../domain/retention.ts';

export const tableDesign = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projection: 'ALL' },
    { name: 'unsent', partitionKey: 'unsentPk', sortKey: 'unsentSk', projection: 'KEYS_ONLY' },
  ],
  /** The TTL attribute (the same as retention.ts's `expiryAttribute`). */
  timeToLiveAttribute: expiryAttribute,
  /** The outbox email items are what the mailer's stream trigger selects. */
  emailItemType: 'email',
} as const;

export const keys = {
  nomination: (id: string) => ({ pk: `NOMINATION#${id}`, sk: 'NOMINATION' }),
  audit: (id: string, version: number) => ({
    pk: `NOMINATION#${id}`,
    sk: `AUDIT#${String(version).padStart(6, '0')}`,
  }),
  email: (id: string, key: string) => ({ pk: `NOMINATION#${id}`, sk: `EMAIL#${key}` }),
  /** A participant's answers to the evaluation: in their nomination's partition, erased with it. */
  evaluation: (id: string) => ({ pk: `NOMINATION#${id}`, sk: 'EVALUATION' }),
  mailReport: (id: string, at: string, eventId: string) => ({
    pk: `NOMINATION#${id}`,
    sk: `AUDIT#MAIL#${at}#${eventId}`,
  }),
  /** Keyed by the hash of the address (as `person`), so no key shows one. */
  complaint: (addressHash: string) => ({ pk: `ADDRESS#${addressHash}`, sk: 'COMPLAINT' }),
  review: (id: string, reviewer: string) => ({ pk: `NOMINATION#${id}`, sk: `REVIEW#${reviewer}` }),
  reviewPrefix: 'REVIEW#',
  guard: (programId: string, candidateEmail: string) => ({
    pk: `PROGRAM#${programId}#CANDIDATE#${candidateEmail}`,
    sk: 'GUARD',
  }),
  places: (programId: string) => ({ pk: `PROGRAM#${programId}`, sk: 'PLACES' }),
  stipends: (programId: string) => ({ pk: `PROGRAM#${programId}`, sk: 'STIPENDS' }),
  reserveRank: (programId: string, rank: number) => ({
    pk: `PROGRAM#${programId}`,
    sk: `RESERVE#${String(rank).padStart(4, '0')}`,
  }),
  counter: (key: string) => ({ pk: `LIMIT#${key}`, sk: 'COUNT' }),
  sendSlots: (second: number) => ({ pk: 'SENDRATE', sk: String(second) }),
  timeline: (programId: string) => ({ pk: `PROGRAM#${programId}`, sk: 'TIMELINE' }),
  settings: (programId: string) => ({ pk: `PROGRAM#${programId}`, sk: 'SETTINGS' }),
  settingsAudit: (programId: string, version: number) => ({
    pk: `PROGRAM#${programId}`,
    sk: `AUDIT#SETTINGS#${String(version).padStart(6, '0')}`,
  }),
  settingsAuditPrefix: 'AUDIT#SETTINGS#',
  announcement: (programId: string, id: string) => ({ pk: `PROGRAM#${programId}`, sk: `ANNOUNCEMENT#${id}` }),
  announcementPrefix: 'ANNOUNCEMENT#',
  attendance: (programId: string, eventId: string) => ({
    pk: `PROGRAM#${programId}`,
    sk: `ATTENDANCE#${eventId}`,
  }),
  attendancePrefix: 'ATTENDANCE#',
  attendanceAudit: (programId: string, eventId: string, version: number) => ({
    pk: `PROGRAM#${programId}`,
    sk: `AUDIT#ATTENDANCE#${eventId}#${String(version).padStart(6, '0')}`,
  }),
  mentoringGroups: (programId: string) => ({ pk: `PROGRAM#${programId}`, sk: 'GROUPS' }),
  mentoringGroupsAudit: (programId: string, version: number) => ({
    pk: `PROGRAM#${programId}`,
    sk: `AUDIT#GROUPS#${String(version).padStart(6, '0')}`,
  }),
  programAudit: (programId: string, version: number) => ({
    pk: `PROGRAM#${programId}`,
    sk: `AUDIT#${String(version).padStart(6, '0')}`,
  }),
  exportAudit: (programId: string, at: string, actor: string) => ({
    pk: `PROGRAM#${programId}`,
    sk: `AUDIT#EXPORT#${at}#${actor}`,
  }),
  /** Emails to organizers, not tied to one nomination. */
  programEmail: (programId: string, key: string) => ({
    pk: `PROGRAM#${programId}#EMAILS`,
    sk: `EMAIL#${key}`,
  }),
  person: (addressHash: string, nominationId: string) => ({
    pk: `PERSON#${addressHash}`,
    sk: `NOMINATION#${nominationId}`,
  }),
  personPartition: (addressHash: string) => `PERSON#${addressHash}`,
  formerAddress: (nominationId: string, addressHash: string) => ({
    pk: `NOMINATION#${nominationId}`,
    sk: `FORMER#${addressHash}`,
  }),
  outcome: (programId: string, idHash: string) => ({ pk: `PROGRAM#${programId}#OUTCOMES`, sk: idHash }),
  privacyAudit: (at: string, id: string) => ({ pk: 'PRIVACY', sk: `AUDIT#${at}#${id}` }),
  byProgram: (programId: string) => `PROGRAM#${programId}`,
  unsentPartition: 'UNSENT',
  byStatus: (status: string, submittedAt: string, id: string) => `${status}#${submittedAt}#${id}`,
};
