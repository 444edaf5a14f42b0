import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { wallTimeToInstant } from '#shared/domain/time';
import { isIanaTimeZone } from '#shared/domain/time-zones';
import type { Clock } from '#shared/ports';
import { type Listening, listen } from './listen.ts';

/**
 * EventBridge Scheduler's REST-JSON API as @aws-sdk/client-scheduler speaks it, with its
 * validation rules and error shapes, firing Lambda targets on the local clock.
 *
 * Fires at() and rate() schedules; cron() expressions are validated and stored but not fired
 * (this project schedules one-time events and a rate() sweep). ClientToken is accepted and ignored: a
 * repeated create answers ConflictException where AWS would answer the first result again. Event age for the retry policy counts from the
 * first attempt, so a clock that jumps ahead does not turn on-time schedules into expired ones.
 */

const account = '000000000000';
const region = 'us-east-1';
const namePattern = /^[0-9a-zA-Z\-_.]{1,64}$/;
const roleArnPattern = /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const sqsArnPattern = /^arn:aws(-[a-z]+)*:sqs:[a-z0-9-]+:\d{12}:[a-zA-Z0-9\-_]+(\.fifo)?$/;
const atPattern = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/;
const ratePattern = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const cronPattern = /^cron\(([^\s)]+\s+){5}[^\s)]+\)$/;

export interface Target {
  Arn: string;
  RoleArn: string;
  Input?: string;
  RetryPolicy?: { MaximumRetryAttempts?: number; MaximumEventAgeInSeconds?: number };
  DeadLetterConfig?: { Arn?: string };
  [other: string]: unknown;
}

interface Schedule {
  Arn: string;
  Name: string;
  GroupName: string;
  ScheduleExpression: string;
  ScheduleExpressionTimezone?: string;
  FlexibleTimeWindow: { Mode: 'OFF' | 'FLEXIBLE'; MaximumWindowInMinutes?: number };
  Target: Target;
  State: 'ENABLED' | 'DISABLED';
  ActionAfterCompletion: 'NONE' | 'DELETE';
  Description?: string;
  StartDate?: number;
  EndDate?: number;
  KmsKeyArn?: string;
  CreationDate: number;
  LastModificationDate: number;
  /** Local bookkeeping: the next instant it fires (ms), or undefined when done or never. */
  next?: number;
}

export interface DeadLetter {
  schedule: string;
  group: string;
  deadLetterArn?: string;
  input?: string;
  error: string;
  attempts: number;
  at: string;
}

export interface Invocation {
  schedule: string;
  group: string;
  scheduledFor: string;
  attempts: number;
  ok: boolean;
}

export interface SchedulerEmulatorOptions {
  port: number;
  clock: Clock;
  /** Invokes a Lambda target; throws when the function fails. */
  invoke: (functionArn: string, payload: unknown) => Promise<void>;
  tickMs?: number;
  retryBaseMs?: number;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}
const validation = (message: string) => new ApiError(400, 'ValidationException', message);

const epoch = (ms: number) => ms / 1000;

export class SchedulerEmulator {
  readonly groups = new Map<
    string,
    { Arn: string; Name: string; State: 'ACTIVE'; CreationDate: number; LastModificationDate: number }
  >();
  readonly schedules = new Map<string, Schedule>();
  readonly deadLetters: DeadLetter[] = [];
  readonly invocations: Invocation[] = [];
  private inFlight = 0;
  private listening?: Listening;
  private timer?: NodeJS.Timeout;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: SchedulerEmulatorOptions) {
    this.createGroup('default');
  }

  // ---- the API ------------------------------------------------------------------------------

  createGroup(name: string) {
    if (!namePattern.test(name)) throw validation(`Schedule group name ${name} is invalid.`);
    if (this.groups.has(name))
      throw new ApiError(409, 'ConflictException', `Schedule group ${name} already exists.`);
    const now = epoch(Date.now());
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

  private group(name: string | undefined) {
    const groupName = name || 'default';
    if (!this.groups.has(groupName)) {
      throw new ApiError(404, 'ResourceNotFoundException', `Schedule group ${groupName} does not exist.`);
    }
    return groupName;
  }

  private validate(name: string, body: Record<string, unknown>) {
    if (!namePattern.test(name)) {
      throw validation(
        `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9a-zA-Z-_.]+`,
      );
    }
    const expression = body.ScheduleExpression;
    if (typeof expression !== 'string' || expression.length === 0) {
      throw validation('ScheduleExpression is required.');
    }
    const zone = body.ScheduleExpressionTimezone;
    if (zone !== undefined && (typeof zone !== 'string' || !isIanaTimeZone(zone))) {
      throw validation(`Invalid timezone provided: ${String(zone)}.`);
    }
    const at = atPattern.exec(expression);
    const rate = ratePattern.exec(expression);
    if (at) {
      const [date, time] = (at[1] as string).split('T') as [string, string];
      const d = new Date(`${date}T${time}Z`);
      if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 19) !== `${date}T${time}`) {
        throw validation(`Invalid Schedule Expression ${expression}.`);
      }
    } else if (rate) {
      const value = Number(rate[1]);
      const singular = !(rate[2] as string).endsWith('s');
      if (value < 1 || (value === 1) !== singular)
        throw validation(`Invalid Schedule Expression ${expression}.`);
    } else if (!cronPattern.test(expression)) {
      throw validation(`Invalid Schedule Expression ${expression}.`);
    }
    const window = body.FlexibleTimeWindow as Schedule['FlexibleTimeWindow'] | undefined;
    if (!window || (window.Mode !== 'OFF' && window.Mode !== 'FLEXIBLE')) {
      throw validation('FlexibleTimeWindow with Mode OFF or FLEXIBLE is required.');
    }
    if (window.Mode === 'FLEXIBLE') {
      const max = window.MaximumWindowInMinutes;
      if (typeof max !== 'number' || max < 1 || max > 1440) {
        throw validation('MaximumWindowInMinutes must be between 1 and 1440 when Mode is FLEXIBLE.');
      }
    } else if (window.MaximumWindowInMinutes !== undefined) {
      throw validation('MaximumWindowInMinutes is only allowed when Mode is FLEXIBLE.');
    }
    const target = body.Target as Target | undefined;
    if (!target || typeof target.Arn !== 'string' || target.Arn.length === 0)
      throw validation('Target.Arn is required.');
    if (typeof target.RoleArn !== 'string' || !roleArnPattern.test(target.RoleArn)) {
      throw validation(`Invalid RoleArn provided: ${String(target.RoleArn)}.`);
    }
    if (
      target.Input !== undefined &&
      (typeof target.Input !== 'string' || target.Input.length < 1 || target.Input.length > 8192)
    ) {
      throw validation('Target.Input must be a string of 1 to 8192 characters.');
    }
    const retry = target.RetryPolicy;
    if (
      retry?.MaximumRetryAttempts !== undefined &&
      (retry.MaximumRetryAttempts < 0 || retry.MaximumRetryAttempts > 185)
    ) {
      throw validation('MaximumRetryAttempts must be between 0 and 185.');
    }
    if (
      retry?.MaximumEventAgeInSeconds !== undefined &&
      (retry.MaximumEventAgeInSeconds < 60 || retry.MaximumEventAgeInSeconds > 86400)
    ) {
      throw validation('MaximumEventAgeInSeconds must be between 60 and 86400.');
    }
    const dlq = target.DeadLetterConfig?.Arn;
    if (dlq !== undefined && !sqsArnPattern.test(dlq))
      throw validation(`Invalid DeadLetterConfig Arn provided: ${dlq}.`);
    if (body.State !== undefined && body.State !== 'ENABLED' && body.State !== 'DISABLED') {
      throw validation('State must be ENABLED or DISABLED.');
    }
    if (
      body.ActionAfterCompletion !== undefined &&
      body.ActionAfterCompletion !== 'NONE' &&
      body.ActionAfterCompletion !== 'DELETE'
    ) {
      throw validation('ActionAfterCompletion must be NONE or DELETE.');
    }
    if (typeof body.Description === 'string' && body.Description.length > 512) {
      throw validation('Description must be at most 512 characters.');
    }
  }

  private firstFire(
    s: Pick<Schedule, 'ScheduleExpression' | 'ScheduleExpressionTimezone' | 'StartDate' | 'State'>,
  ) {
    if (s.State === 'DISABLED') return undefined;
    const at = atPattern.exec(s.ScheduleExpression);
    if (at) return wallTimeToInstant(at[1] as string, s.ScheduleExpressionTimezone ?? 'UTC').getTime();
    const rate = ratePattern.exec(s.ScheduleExpression);
    if (rate) {
      // AWS starts a rate schedule at its StartDate, or as soon as it is created.
      const now = this.options.clock.now().getTime();
      const start = s.StartDate ? s.StartDate * 1000 : now;
      return start >= now ? start : start + Math.ceil((now - start) / rateMs(rate)) * rateMs(rate);
    }
    return undefined;
  }

  putSchedule(name: string, body: Record<string, unknown>, mode: 'create' | 'update') {
    this.validate(name, body);
    const groupName = this.group(body.GroupName as string | undefined);
    const key = `${groupName}/${name}`;
    const existing = this.schedules.get(key);
    if (mode === 'create' && existing)
      throw new ApiError(409, 'ConflictException', `Schedule ${name} already exists.`);
    if (mode === 'update' && !existing) {
      throw new ApiError(404, 'ResourceNotFoundException', `Schedule ${name} does not exist.`);
    }
    const now = epoch(Date.now());
    const schedule: Schedule = {
      Arn: `arn:aws:scheduler:${region}:${account}:schedule/${groupName}/${name}`,
      Name: name,
      GroupName: groupName,
      ScheduleExpression: body.ScheduleExpression as string,
      ...(body.ScheduleExpressionTimezone
        ? { ScheduleExpressionTimezone: body.ScheduleExpressionTimezone as string }
        : {}),
      FlexibleTimeWindow: body.FlexibleTimeWindow as Schedule['FlexibleTimeWindow'],
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
    schedule.next = this.firstFire(schedule);
    this.schedules.set(key, schedule);
    return { ScheduleArn: schedule.Arn };
  }

  getSchedule(name: string, groupName?: string) {
    const schedule = this.schedules.get(`${this.group(groupName)}/${name}`);
    if (!schedule) throw new ApiError(404, 'ResourceNotFoundException', `Schedule ${name} does not exist.`);
    const { next: _next, ...visible } = schedule;
    return visible;
  }

  deleteSchedule(name: string, groupName?: string) {
    const key = `${this.group(groupName)}/${name}`;
    if (!this.schedules.delete(key)) {
      throw new ApiError(404, 'ResourceNotFoundException', `Schedule ${name} does not exist.`);
    }
    return {};
  }

  listSchedules(query: URLSearchParams) {
    const max = query.has('MaxResults') ? Number(query.get('MaxResults')) : 100;
    if (!Number.isInteger(max) || max < 1 || max > 100)
      throw validation('MaxResults must be between 1 and 100.');
    const group = query.get('ScheduleGroup');
    const prefix = query.get('NamePrefix');
    const state = query.get('State');
    if (state !== null && state !== 'ENABLED' && state !== 'DISABLED')
      throw validation('State must be ENABLED or DISABLED.');
    const all = [...this.schedules.values()]
      .filter(
        (s) =>
          (group === null || s.GroupName === group) &&
          (prefix === null || s.Name.startsWith(prefix)) &&
          (state === null || s.State === state),
      )
      .sort((a, b) => `${a.GroupName}/${a.Name}`.localeCompare(`${b.GroupName}/${b.Name}`));
    const token = query.get('NextToken');
    const start = token === null ? 0 : Number(Buffer.from(token, 'base64url').toString('utf8'));
    if (!Number.isInteger(start) || start < 0) throw validation('The NextToken is not valid.');
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

  // ---- firing -------------------------------------------------------------------------------

  /**
   * The earliest instant any enabled schedule fires next, for a caller that moves the clock;
   * `oneTimeOnly` leaves out rate() schedules, which a clock jump fires once on the way.
   */
  nextDue(options: { oneTimeOnly?: boolean } = {}): Date | undefined {
    let earliest: number | undefined;
    for (const s of this.schedules.values()) {
      if (options.oneTimeOnly && ratePattern.test(s.ScheduleExpression)) continue;
      if (s.next !== undefined && (earliest === undefined || s.next < earliest)) earliest = s.next;
    }
    return earliest === undefined ? undefined : new Date(earliest);
  }

  /** Resolves when nothing is due and nothing is being invoked or retried. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle() {
    const now = this.options.clock.now().getTime();
    return (
      this.inFlight === 0 && ![...this.schedules.values()].some((s) => s.next !== undefined && s.next <= now)
    );
  }

  private tick() {
    const now = this.options.clock.now().getTime();
    for (const schedule of [...this.schedules.values()]) {
      if (schedule.next === undefined || schedule.next > now) continue;
      const scheduledFor = schedule.next;
      const rate = ratePattern.exec(schedule.ScheduleExpression);
      // The next occurrence after now: a clock that jumped ahead gets one firing, not the backlog.
      schedule.next = rate
        ? scheduledFor + Math.max(1, Math.ceil((now - scheduledFor + 1) / rateMs(rate))) * rateMs(rate)
        : undefined;
      if (schedule.EndDate && schedule.next !== undefined && schedule.next > schedule.EndDate * 1000)
        schedule.next = undefined;
      this.inFlight++;
      void this.deliver(schedule, scheduledFor).finally(() => {
        this.inFlight--;
        if (schedule.next === undefined && schedule.ActionAfterCompletion === 'DELETE') {
          const key = `${schedule.GroupName}/${schedule.Name}`;
          if (this.schedules.get(key) === schedule) this.schedules.delete(key);
        }
      });
    }
    if (this.idleWaiters.length && this.isIdle()) {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  private async deliver(schedule: Schedule, scheduledFor: number) {
    const retries = schedule.Target.RetryPolicy?.MaximumRetryAttempts ?? 185;
    const maxAgeMs = (schedule.Target.RetryPolicy?.MaximumEventAgeInSeconds ?? 86_400) * 1000;
    const firstAttempt = this.options.clock.now().getTime();
    let lastError = '';
    for (let attempt = 0; ; attempt++) {
      try {
        // Lambda refuses a payload that is not JSON: that is a failed invocation, retried, then a dead letter.
        const payload = schedule.Target.Input === undefined ? {} : JSON.parse(schedule.Target.Input);
        await this.options.invoke(schedule.Target.Arn, payload);
        this.invocations.push({
          schedule: schedule.Name,
          group: schedule.GroupName,
          scheduledFor: new Date(scheduledFor).toISOString(),
          attempts: attempt + 1,
          ok: true,
        });
        return;
      } catch (error) {
        lastError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
      const age = this.options.clock.now().getTime() - firstAttempt;
      if (attempt >= retries || age >= maxAgeMs) {
        this.invocations.push({
          schedule: schedule.Name,
          group: schedule.GroupName,
          scheduledFor: new Date(scheduledFor).toISOString(),
          attempts: attempt + 1,
          ok: false,
        });
        this.deadLetters.push({
          schedule: schedule.Name,
          group: schedule.GroupName,
          ...(schedule.Target.DeadLetterConfig?.Arn
            ? { deadLetterArn: schedule.Target.DeadLetterConfig.Arn }
            : {}),
          ...(schedule.Target.Input !== undefined ? { input: schedule.Target.Input } : {}),
          error: lastError,
          attempts: attempt + 1,
          at: this.options.clock.now().toISOString(),
        });
        return;
      }
      await new Promise((r) =>
        setTimeout(r, Math.min((this.options.retryBaseMs ?? 100) * 2 ** attempt, 2000)),
      );
    }
  }

  // ---- the HTTP server ----------------------------------------------------------------------

  async start(): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res));
    this.listening = await listen(server, { port: this.options.port, what: 'the Scheduler emulator' });
    this.timer = setInterval(() => this.tick(), this.options.tickMs ?? 50);
    return this.listening.url;
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    await this.listening?.close();
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> = {};
      if (raw) {
        try {
          body = JSON.parse(raw);
        } catch {
          throw new ApiError(400, 'SerializationException', 'The request body is not valid JSON.');
        }
        if (body === null || typeof body !== 'object' || Array.isArray(body)) {
          throw new ApiError(400, 'SerializationException', 'The request body must be a JSON object.');
        }
      }
      const schedule = /^\/schedules\/([^/]+)$/.exec(url.pathname);
      const group = /^\/schedule-groups\/([^/]+)$/.exec(url.pathname);
      let name = '';
      try {
        name = decodeURIComponent((schedule ?? group)?.[1] ?? '');
      } catch {
        throw validation('The name in the path is not valid.');
      }
      if (schedule && method === 'POST') return send(200, this.putSchedule(name, body, 'create'));
      if (schedule && method === 'PUT') return send(200, this.putSchedule(name, body, 'update'));
      if (schedule && method === 'GET')
        return send(200, this.getSchedule(name, url.searchParams.get('groupName') ?? undefined));
      if (schedule && method === 'DELETE')
        return send(200, this.deleteSchedule(name, url.searchParams.get('groupName') ?? undefined));
      if (url.pathname === '/schedules' && method === 'GET')
        return send(200, this.listSchedules(url.searchParams));
      if (group && method === 'POST') return send(200, { ScheduleGroupArn: this.createGroup(name).Arn });
      if (group && method === 'GET') {
        const found = this.groups.get(name);
        if (!found)
          throw new ApiError(404, 'ResourceNotFoundException', `Schedule group ${name} does not exist.`);
        return send(200, found);
      }
      if (group && method === 'DELETE') {
        if (name === 'default') throw validation('The default schedule group cannot be deleted.');
        if (!this.groups.delete(name))
          throw new ApiError(404, 'ResourceNotFoundException', `Schedule group ${name} does not exist.`);
        for (const [key, s] of this.schedules) if (s.GroupName === name) this.schedules.delete(key);
        return send(200, {});
      }
      if (url.pathname === '/schedule-groups' && method === 'GET') {
        const prefix = url.searchParams.get('NamePrefix');
        return send(200, {
          ScheduleGroups: [...this.groups.values()].filter(
            (g) => prefix === null || g.Name.startsWith(prefix),
          ),
        });
      }
      // Not AWS: what the local stack shows a person about fired and failed schedules.
      if (url.pathname === '/_local/dead-letters' && method === 'GET')
        return send(200, { deadLetters: this.deadLetters });
      if (url.pathname === '/_local/invocations' && method === 'GET')
        return send(200, { invocations: this.invocations });
      throw new ApiError(404, 'UnknownOperationException', `No operation ${method} ${url.pathname}.`);
    } catch (error) {
      if (error instanceof ApiError)
        return send(error.status, { Message: error.message }, { 'x-amzn-errortype': error.type });
      return send(500, { Message: 'Internal error' }, { 'x-amzn-errortype': 'InternalServerException' });
    }
  }
}

const rateMs = (match: RegExpExecArray) =>
  Number(match[1]) *
  ({ minute: 60_000, hour: 3_600_000, day: 86_400_000 }[(match[2] as string).replace(/s$/, '') as 'minute'] ??
    0);
