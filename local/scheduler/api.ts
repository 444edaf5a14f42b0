import { epochSeconds } from '#shared/domain/time';
import type { Clock } from '#shared/ports';
import { type Expression, firstFiring } from './expressions.ts';
import {
  assertGroupName,
  conflictError,
  type FlexibleTimeWindow,
  notFoundError,
  type Target,
  validateSchedule,
  validationError,
} from './validation.ts';

const account = '000000000000';
const region = 'us-east-1';

/** A schedule as GetSchedule describes it. */
export interface Schedule {
  Arn: string;
  Name: string;
  GroupName: string;
  ScheduleExpression: string;
  ScheduleExpressionTimezone?: string;
  FlexibleTimeWindow: FlexibleTimeWindow;
  Target: Target;
  State: 'ENABLED' | 'DISABLED';
  ActionAfterCompletion: 'NONE' | 'DELETE';
  Description?: string;
  StartDate?: number;
  EndDate?: number;
  KmsKeyArn?: string;
  CreationDate: number;
  LastModificationDate: number;
}

export interface ScheduleGroup {
  Arn: string;
  Name: string;
  State: 'ACTIVE';
  CreationDate: number;
  LastModificationDate: number;
}

/** A stored schedule and what the firing engine keeps of it. */
export interface Entry {
  readonly schedule: Schedule;
  readonly expression: Expression;
  /** The next instant it fires (ms), or undefined when done or never. */
  next?: number;
}

/**
 * The schedule groups and schedules, and the API operations on them with AWS's answers. Dates
 * come from the local clock. ClientToken is accepted and ignored: a repeated create answers
 * ConflictException where AWS would answer the first result again.
 */
export class SchedulerApi {
  private readonly groups = new Map<string, ScheduleGroup>();
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly clock: Clock) {
    this.createGroup('default');
  }

  createGroup(name: string): ScheduleGroup {
    assertGroupName(name);
    if (this.groups.has(name)) throw conflictError(`Schedule group ${name} already exists.`);
    const now = epochSeconds(this.clock.now());
    const group = {
      Arn: `arn:aws:scheduler:${region}:${account}:schedule-group/${name}`,
      Name: name,
      State: 'ACTIVE' as const,
      CreationDate: now,
      LastModificationDate: now,
    };
    this.groups.set(name, group);
    return group;
  }

  getGroup(name: string): ScheduleGroup {
    const group = this.groups.get(name);
    if (!group) throw notFoundError(`Schedule group ${name} does not exist.`);
    return group;
  }

  /** Deletes a group with its schedules. */
  deleteGroup(name: string) {
    if (name === 'default') throw validationError('The default schedule group cannot be deleted.');
    if (!this.groups.delete(name)) throw notFoundError(`Schedule group ${name} does not exist.`);
    for (const [key, entry] of this.entries) if (entry.schedule.GroupName === name) this.entries.delete(key);
    return {};
  }

  listGroups(prefix: string | null) {
    return {
      ScheduleGroups: [...this.groups.values()].filter((g) => prefix === null || g.Name.startsWith(prefix)),
    };
  }

  /** The group's name (`default` when none is given), once it is known to exist. */
  private existingGroup(name: string | undefined) {
    const groupName = name || 'default';
    if (!this.groups.has(groupName)) throw notFoundError(`Schedule group ${groupName} does not exist.`);
    return groupName;
  }

  putSchedule(name: string, body: Record<string, unknown>, mode: 'create' | 'update') {
    const expression = validateSchedule(name, body);
    const groupName = this.existingGroup(body.GroupName as string | undefined);
    const key = `${groupName}/${name}`;
    const existing = this.entries.get(key)?.schedule;
    if (mode === 'create' && existing) throw conflictError(`Schedule ${name} already exists.`);
    if (mode === 'update' && !existing) throw notFoundError(`Schedule ${name} does not exist.`);
    const now = epochSeconds(this.clock.now());
    const schedule: Schedule = {
      Arn: `arn:aws:scheduler:${region}:${account}:schedule/${groupName}/${name}`,
      Name: name,
      GroupName: groupName,
      ScheduleExpression: body.ScheduleExpression as string,
      ...(body.ScheduleExpressionTimezone
        ? { ScheduleExpressionTimezone: body.ScheduleExpressionTimezone as string }
        : {}),
      FlexibleTimeWindow: body.FlexibleTimeWindow as FlexibleTimeWindow,
      Target: body.Target as Target,
      State: (body.State as Schedule['State']) ?? 'ENABLED',
      ActionAfterCompletion: (body.ActionAfterCompletion as Schedule['ActionAfterCompletion']) ?? 'NONE',
      ...(body.Description ? { Description: body.Description as string } : {}),
      ...(typeof body.StartDate === 'number' ? { StartDate: body.StartDate } : {}),
      ...(typeof body.EndDate === 'number' ? { EndDate: body.EndDate } : {}),
      ...(body.KmsKeyArn ? { KmsKeyArn: body.KmsKeyArn as string } : {}),
      CreationDate: existing?.CreationDate ?? now,
      LastModificationDate: now,
    };
    const next =
      schedule.State === 'DISABLED'
        ? undefined
        : firstFiring(expression, {
            nowMs: this.clock.now().getTime(),
            ...(schedule.ScheduleExpressionTimezone ? { timeZone: schedule.ScheduleExpressionTimezone } : {}),
            ...(schedule.StartDate ? { startMs: schedule.StartDate * 1000 } : {}),
          });
    this.entries.set(key, { schedule, expression, ...(next === undefined ? {} : { next }) });
    return { ScheduleArn: schedule.Arn };
  }

  getSchedule(name: string, groupName?: string): Schedule {
    const entry = this.entries.get(`${this.existingGroup(groupName)}/${name}`);
    if (!entry) throw notFoundError(`Schedule ${name} does not exist.`);
    return entry.schedule;
  }

  deleteSchedule(name: string, groupName?: string) {
    if (!this.entries.delete(`${this.existingGroup(groupName)}/${name}`)) {
      throw notFoundError(`Schedule ${name} does not exist.`);
    }
    return {};
  }

  listSchedules(query: URLSearchParams) {
    const max = query.has('MaxResults') ? Number(query.get('MaxResults')) : 100;
    if (!Number.isInteger(max) || max < 1 || max > 100) {
      throw validationError('MaxResults must be between 1 and 100.');
    }
    const group = query.get('ScheduleGroup');
    const prefix = query.get('NamePrefix');
    const state = query.get('State');
    if (state !== null && state !== 'ENABLED' && state !== 'DISABLED') {
      throw validationError('State must be ENABLED or DISABLED.');
    }
    const all = [...this.entries.values()]
      .map((e) => e.schedule)
      .filter(
        (s) =>
          (group === null || s.GroupName === group) &&
          (prefix === null || s.Name.startsWith(prefix)) &&
          (state === null || s.State === state),
      )
      .sort((a, b) => `${a.GroupName}/${a.Name}`.localeCompare(`${b.GroupName}/${b.Name}`));
    const token = query.get('NextToken');
    const start = token === null ? 0 : Number(Buffer.from(token, 'base64url').toString('utf8'));
    if (!Number.isInteger(start) || start < 0) throw validationError('The NextToken is not valid.');
    const page = all.slice(start, start + max);
    return {
      Schedules: page.map((s) => ({
        Arn: s.Arn,
        Name: s.Name,
        GroupName: s.GroupName,
        State: s.State,
        CreationDate: s.CreationDate,
        LastModificationDate: s.LastModificationDate,
        Target: { Arn: s.Target.Arn },
      })),
      ...(start + max < all.length
        ? { NextToken: Buffer.from(String(start + max)).toString('base64url') }
        : {}),
    };
  }

  // ---- for the firing engine and the emulator's own accessors --------------------------------

  /** Every stored schedule with its firing bookkeeping. */
  allEntries(): Entry[] {
    return [...this.entries.values()];
  }

  /** Removes a schedule after its last firing, unless it was replaced or deleted meanwhile. */
  removeEntry(entry: Entry) {
    const key = `${entry.schedule.GroupName}/${entry.schedule.Name}`;
    if (this.entries.get(key) === entry) this.entries.delete(key);
  }

  /** `group/name` of every stored schedule. */
  keys(): string[] {
    return [...this.entries.keys()];
  }

  /** Back to a new account's state: the default group alone, no schedules. */
  clear() {
    this.entries.clear();
    this.groups.clear();
    this.createGroup('default');
  }
}
