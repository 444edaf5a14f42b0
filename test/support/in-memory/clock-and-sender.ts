import type { EmailMessage } from '#shared/email/templates';
import type { Clock, ComplaintRegistry, EmailSender } from '#shared/ports';

/** A clock that stands still until a test moves it. */
export class ManualClock implements Clock {
  private at: number;

  constructor(start: string) {
    this.at = Date.parse(start);
  }

  now() {
    return new Date(this.at);
  }

  set(instant: string) {
    this.at = Date.parse(instant);
  }

  advance(ms: number) {
    this.at += ms;
  }
}

/**
 * The mail service as a list of what it accepted. `failNext` makes the next sends throw, one
 * error each, as SES refusing or unreachable; a failed send accepts nothing.
 */
export class RecordingSender implements EmailSender {
  readonly sent: EmailMessage[] = [];
  private readonly failures: Error[] = [];
  /** Runs inside each send, before it succeeds or fails: a test's way to act during a send. */
  during: (() => void | Promise<void>) | undefined;

  failNext(...errors: Error[]) {
    this.failures.push(...errors);
  }

  /** The outbox reference each accepted message was tagged with, in order. */
  readonly refs: (string | undefined)[] = [];

  async send(message: EmailMessage, ref?: string): Promise<{ messageId: string }> {
    await this.during?.();
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push(structuredClone(message));
    this.refs.push(ref);
    return { messageId: `message-${this.sent.length}` };
  }
}

/** The addresses that complained, as the complaint items hold them: case-insensitive. */
export class InMemoryComplaints implements ComplaintRegistry {
  private readonly addresses = new Set<string>();

  add(address: string) {
    this.addresses.add(address.trim().toLowerCase());
  }

  async complainedOf(addresses: string[]): Promise<string[]> {
    return addresses.filter((a) => this.addresses.has(a.trim().toLowerCase()));
  }
}
