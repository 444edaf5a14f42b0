import { createServer } from 'node:http';
import type { Clock } from '#shared/ports';
import { type Listening, listen } from '../listen.ts';
import { SchedulerApi } from './api.ts';
import { type DeadLetter, FiringEngine, type Invocation } from './firing.ts';
import { schedulerRoutes } from './routes.ts';

export type { DeadLetter, Invocation } from './firing.ts';

export interface SchedulerEmulatorOptions {
  /** The port to listen on, 0 for any free one. */
  port: number;
  /** Every instant the emulator knows: dates it records, when schedules are due, event age. */
  clock: Clock;
  /** Invokes a Lambda target; throws when the function fails. */
  invoke: (functionArn: string, payload: unknown) => Promise<void>;
  /** How often (real time) it looks for due schedules. */
  tickMs?: number;
  retryBaseMs?: number;
}

/**
 * EventBridge Scheduler's REST-JSON API as @aws-sdk/client-scheduler speaks it, with its
 * validation rules and error shapes (validation.ts, api.ts, routes.ts), firing Lambda targets on
 * the local clock (expressions.ts, firing.ts).
 */
export class SchedulerEmulator {
  private readonly api: SchedulerApi;
  private readonly engine: FiringEngine;
  private listening?: Listening;
  private timer?: NodeJS.Timeout;

  constructor(private readonly options: SchedulerEmulatorOptions) {
    this.api = new SchedulerApi(options.clock);
    this.engine = new FiringEngine(this.api, options);
  }

  /** Listens and starts firing; resolves to the endpoint for the SDK. */
  async start(): Promise<string> {
    const handle = schedulerRoutes(this.api, this.engine);
    const server = createServer((req, res) => void handle(req, res));
    this.listening = await listen(server, { port: this.options.port, what: 'the Scheduler emulator' });
    this.startTicking();
    return this.listening.url;
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    await this.listening?.close();
  }

  /** Every firing so far, in the order they ended, with the attempts each took. */
  invocations(): readonly Invocation[] {
    return this.engine.invocations();
  }

  /** The events whose retries ran out. */
  deadLetters(): readonly DeadLetter[] {
    return this.engine.deadLetters();
  }

  /** `group/name` of every schedule stored now. */
  scheduleKeys(): string[] {
    return this.api.keys();
  }

  /** See FiringEngine.nextDue: where a caller that moves the clock moves it next. */
  nextDue(options: { oneTimeOnly?: boolean } = {}): Date | undefined {
    return this.engine.nextDue(options);
  }

  /** Resolves when nothing is due and nothing is being invoked or retried. */
  idle(): Promise<void> {
    return this.engine.idle();
  }

  /** Whether nothing is due and nothing is being invoked or retried, right now. */
  idleNow(): boolean {
    return this.engine.isIdle();
  }

  /**
   * Back to a new account: no schedules, groups but the default, no firings recorded. Firing
   * stops while the firings under way finish, so none ends in the new state.
   */
  async clear() {
    if (this.timer) clearInterval(this.timer);
    await this.engine.finished();
    this.engine.clearLogs();
    this.api.clear();
    this.startTicking();
  }

  private startTicking() {
    // Real time: the clock may stand still (speed 0) while a caller moves it, and must be watched all the same.
    this.timer = setInterval(() => this.engine.tick(), this.options.tickMs ?? 50);
  }
}
