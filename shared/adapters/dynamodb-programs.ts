import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Announcement } from '../domain/announcements.ts';
import type { AttendanceRegister } from '../domain/attendance.ts';
import { NotFoundError, VersionConflictError } from '../domain/errors.ts';
import type { MentoringGroup } from '../domain/mentoring-groups.ts';
import type { Program, TimelineEvent } from '../domain/program.ts';
import type { ProgramSettings } from '../domain/program-settings.ts';
import type { QueuedEmail } from '../ports/email-queue.ts';
import type {
  AttendanceChange,
  MentoringGroupsChange,
  ProgramExport,
  ProgramRepository,
  SettingsAudit,
  SettingsChange,
  StoredProgram,
  TimelineChange,
} from '../ports/program-repository.ts';
import { callAws } from './aws-errors.ts';
import { checkExpiry, lifetimeAttempts, lifetimeChanged, storedExpiry } from './dynamodb-inherited-expiry.ts';
import { outboxEmailPut } from './dynamodb-outbox-items.ts';
import { getItem, queryPartition } from './dynamodb-reads.ts';
import { TableTransaction, TransactionCancelled } from './dynamodb-transaction.ts';
import { keys } from './table-design.ts';

/** The cache of programs in a process, once beside the repository it wraps: bench/ imports it here. */
export { cachedPrograms } from './cached-programs.ts';

const service = 'The program store';

/**
 * Programs are defined in code (events/programs); what organizers change (the timeline, and the
 * settings of program-settings.ts) is stored beside them in the table and wins over the
 * definition's.
 */
export class DynamoDbProgramRepository implements ProgramRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly definitions: ReadonlyMap<string, Program>,
  ) {}

  async require(programId: string): Promise<StoredProgram> {
    const definition = this.definitions.get(programId);
    if (!definition) throw new NotFoundError(`There is no program "${programId}"`);
    const [timeline, settings, groups] = await Promise.all([
      this.item(keys.timeline(programId)),
      this.item(keys.settings(programId)),
      this.item(keys.mentoringGroups(programId)),
    ]);
    return {
      program: {
        ...definition,
        ...((settings?.settings as ProgramSettings | undefined) ?? {}),
        ...(timeline ? { timeline: timeline.timeline as TimelineEvent[] } : {}),
        ...(groups ? { mentoringGroups: groups.groups as MentoringGroup[] } : {}),
      },
      timelineVersion: (timeline?.version as number | undefined) ?? 0,
      settingsVersion: (settings?.version as number | undefined) ?? 0,
      groupsVersion: (groups?.version as number | undefined) ?? 0,
    };
  }

  private item(key: Record<string, string>) {
    return getItem(this.client, this.tableName, service, key);
  }

  saveSettings(change: SettingsChange): Promise<number> {
    return this.saveVersioned(
      change,
      { key: keys.settings(change.programId), type: 'settings', content: { settings: change.settings } },
      {
        key: keys.settingsAudit(change.programId, change.expectedVersion + 1),
        action: 'change-settings',
        content: { changes: change.changes },
      },
      'The settings were changed by someone else',
    );
  }

  saveMentoringGroups(change: MentoringGroupsChange): Promise<number> {
    return this.saveVersioned(
      change,
      {
        key: keys.mentoringGroups(change.programId),
        type: 'mentoring-groups',
        content: { groups: change.groups },
      },
      {
        key: keys.mentoringGroupsAudit(change.programId, change.expectedVersion + 1),
        action: 'change-mentoring-groups',
        content: { groups: change.groups },
      },
      'The mentoring groups were changed by someone else',
      change.emails,
    );
  }

  /**
   * Writes the next version of a program's item (its timeline, its settings) if it is still at
   * `expectedVersion` (0: none saved yet), with its audit entry and any emails, in one
   * transaction; VersionConflictError, saying `conflict`, otherwise.
   */
  private async saveVersioned(
    change: { programId: string; expectedVersion: number; actor: string; at: string; note?: string },
    item: { key: Record<string, string>; type: string; content: Record<string, unknown> },
    audit: { key: Record<string, string>; action: string; content: Record<string, unknown> },
    conflict: string,
    emails: QueuedEmail[] = [],
  ): Promise<number> {
    const version = change.expectedVersion + 1;
    const first = change.expectedVersion === 0;
    const nominationIds = [...new Set(emails.flatMap((e) => (e.nominationId ? [e.nominationId] : [])))];
    for (let attempt = 1; ; attempt += 1) {
      const transaction = new TableTransaction(this.client, this.tableName);
      // At most one email per participant (20), each with the check on its nomination's lifetime:
      // with the two items below, within a transaction's 100.
      for (const email of emails) {
        const lifetime = email.nominationId
          ? await storedExpiry(this.client, this.tableName, email.nominationId)
          : undefined;
        // A participant erased meanwhile is emailed nothing.
        if (lifetime?.gone) continue;
        transaction.put(
          `email ${email.nominationId ?? ''}`,
          outboxEmailPut(email, change.at, lifetime?.expiresAt),
        );
        if (email.nominationId) checkExpiry(transaction, email.nominationId, lifetime?.expiresAt);
      }
      try {
        await transaction
          .put(item.type, {
            Item: {
              ...item.key,
              type: item.type,
              ...item.content,
              version,
              updatedAt: change.at,
              updatedBy: change.actor,
            },
            ConditionExpression: first ? 'attribute_not_exists(pk)' : 'version = :expected',
            ...(first ? {} : { ExpressionAttributeValues: { ':expected': change.expectedVersion } }),
          })
          .put('audit', {
            Item: {
              ...audit.key,
              type: 'program-audit',
              action: audit.action,
              at: change.at,
              actor: change.actor,
              version,
              ...audit.content,
              ...(change.note ? { note: change.note } : {}),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          })
          .commit();
      } catch (error) {
        if (error instanceof TransactionCancelled) {
          // A participant's lifetime was set as the emails were written: they are written again with it.
          const versionHeld = !error.contended(item.type) && !error.contended('audit');
          if (versionHeld && lifetimeChanged(error, nominationIds) && attempt < lifetimeAttempts) continue;
          throw new VersionConflictError(
            `${conflict} since version ${change.expectedVersion}; reload and try again`,
          );
        }
        throw error;
      }
      return version;
    }
  }

  async recordAnnouncement(announcement: Announcement): Promise<Announcement | undefined> {
    const key = keys.announcement(announcement.programId, announcement.id);
    try {
      await callAws(service, () =>
        this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...key, type: 'announcement', ...announcement },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
      return undefined;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return announcementOf((await this.item(key)) ?? {});
    }
  }

  async attendance(programId: string): Promise<AttendanceRegister[]> {
    const items = await this.query(programId, keys.attendancePrefix);
    return items.map(({ eventId, marks, version, updatedAt, updatedBy }) => ({
      eventId,
      marks,
      version,
      updatedAt,
      updatedBy,
    })) as AttendanceRegister[];
  }

  saveAttendance(change: AttendanceChange): Promise<number> {
    return this.saveVersioned(
      change,
      {
        key: keys.attendance(change.programId, change.eventId),
        type: 'attendance',
        content: { eventId: change.eventId, marks: change.marks },
      },
      {
        key: keys.attendanceAudit(change.programId, change.eventId, change.expectedVersion + 1),
        action: 'record-attendance',
        content: { eventId: change.eventId, marks: change.marks },
      },
      `The register of "${change.eventId}" was changed by someone else`,
    );
  }

  async announcements(programId: string): Promise<Announcement[]> {
    const items = await this.query(programId, keys.announcementPrefix);
    return items.map(announcementOf).sort((a, b) => b.sentAt.localeCompare(a.sentAt));
  }

  private query(programId: string, prefix: string, newestFirst = false) {
    return queryPartition(this.client, this.tableName, service, {
      pk: keys.byProgram(programId),
      prefix,
      newestFirst,
    });
  }

  async settingsHistory(programId: string): Promise<SettingsAudit[]> {
    const Items = await this.query(programId, keys.settingsAuditPrefix, true);
    return Items.map(({ at, actor, version, changes, note }) => ({
      at,
      actor,
      version,
      changes,
      ...(note ? { note } : {}),
    })) as SettingsAudit[];
  }

  async all(): Promise<StoredProgram[]> {
    return Promise.all([...this.definitions.keys()].map((id) => this.require(id)));
  }

  saveTimeline(change: TimelineChange): Promise<number> {
    return this.saveVersioned(
      change,
      { key: keys.timeline(change.programId), type: 'timeline', content: { timeline: change.timeline } },
      {
        key: keys.programAudit(change.programId, change.expectedVersion + 1),
        action: 'change-timeline',
        content: { timeline: change.timeline },
      },
      'The timeline was changed by someone else',
      change.emails,
    );
  }

  async recordExport(entry: ProgramExport): Promise<void> {
    const { programId, actorId, ...audit } = entry;
    await callAws(service, () =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.exportAudit(programId, entry.at, actorId),
            type: 'program-audit',
            action: 'export-nominations',
            ...audit,
          },
        }),
      ),
    );
  }
}

const announcementOf = (item: Record<string, unknown>): Announcement => {
  const { pk: _, sk: __, type: ___, ...announcement } = item;
  return announcement as unknown as Announcement;
};
