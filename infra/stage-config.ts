import type { App } from 'aws-cdk-lib';
import { publicLinkKeysSchema } from '#shared/domain/link-keys';
import * as z from '#shared/domain/zod';

/** A console base URL Cognito accepts as a callback's base: https, or http on this machine only. */
export const isConsoleUrl = (text: string) => {
  const url = URL.parse(text);
  if (!url || url.search || url.hash || url.username || url.password || text.endsWith('/')) return false;
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  return url.protocol === 'https:' || (url.protocol === 'http:' && local);
};

const stageConfigSchema = z.strictObject({
  /** The SES identity mail is sent from: a verified address or an address at a verified domain. */
  senderEmail: z.email({ error: 'senderEmail must be an email address SES may send from' }),
  /** Verify the whole domain instead of the one address (recommended for production). */
  senderDomain: z.optional(
    z
      .string()
      .check(
        z.regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'senderDomain must be a domain such as metlib.example.org'),
      ),
  ),
  organizerEmails: z
    .array(z.email({ error: 'organizerEmails must be email addresses' }))
    .check(z.minLength(1, 'name at least one organizer')),
  alarmEmail: z.email({ error: 'alarmEmail must be an email address for alarms' }),
  /**
   * Submissions one nominator address may make a day (each mails that address a confirmation
   * link), and submissions from one source address an hour: counted in the submission's write.
   */
  intakeLimits: z._default(
    z.strictObject({
      perNominatorPerDay: z.int().check(z.minimum(1), z.maximum(1000)),
      perSourcePerHour: z.int().check(z.minimum(1), z.maximum(100_000)),
    }),
    { perNominatorPerDay: 5, perSourcePerHour: 20 },
  ),
  /**
   * The public keys links are checked against (docs/link-keys.md): the public half of the key in
   * the link secret, and of each key rotated out whose links have not all expired.
   */
  linkPublicKeys: publicLinkKeysSchema,
  /**
   * The AWS region the stage deploys to. Required while the edge is on: its web ACL lives in
   * us-east-1 (as CloudFront requires) and reaches the stage's stacks by a cross-region reference,
   * which CDK makes only between stacks of known regions.
   */
  region: z.optional(
    z.string().check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'region must be an AWS region such as eu-west-1')),
  ),
  /** CloudFront and AWS WAF in front of the API (infra/edge.ts): on unless turned off. */
  edge: z._default(
    z.strictObject({
      enabled: z._default(z.boolean(), true),
      /** Public POSTs one viewer address may make a minute before WAF blocks it (10 at least). */
      publicPostsPerIpPerMinute: z._default(z.int().check(z.minimum(10), z.maximum(100_000)), 30),
    }),
    { enabled: true, publicPostsPerIpPerMinute: 30 },
  ),
  /** Requests per second on the public submit route (burst twice that). */
  submitRateLimit: z._default(z.int().check(z.minimum(1), z.maximum(1000)), 20),
  /**
   * The user pool's managed login domain, `<prefix>.auth.<region>.amazoncognito.com`. Prefixes are
   * global to a region across all accounts, so it is chosen, not derived from the stage.
   */
  loginDomainPrefix: z
    .string()
    .check(
      z.regex(
        /^(?!.*(aws|amazon|cognito))[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
        'loginDomainPrefix must be 1–63 lowercase letters, digits and hyphens, neither starting nor ending with a hyphen, without "aws", "amazon" or "cognito"',
      ),
    ),
  /**
   * Where the staff console is served (the HTTP API's URL or a domain in front of it), without a
   * trailing slash: Cognito returns to `<consoleUrl>/staff/callback` and `<consoleUrl>/staff`.
   */
  consoleUrl: z
    .string()
    .check(
      z.refine(
        isConsoleUrl,
        'consoleUrl must be an https:// URL (http:// only for localhost) without a query, fragment or trailing slash',
      ),
    ),
});

export type StageConfig = z.infer<typeof stageConfigSchema> & { stage: 'dev' | 'prod' };

/**
 * The stage from `--context stage=dev|prod` (dev by default) and its settings from the context
 * `stages.<stage>` (cdk.json, or --context). Synth stops with the value to set when one is
 * missing or wrong.
 */
export const readStageConfig = (app: App): StageConfig => {
  const stage = app.node.tryGetContext('stage') ?? 'dev';
  if (stage !== 'dev' && stage !== 'prod') {
    throw new Error(`Unknown stage "${stage}": use --context stage=dev or --context stage=prod`);
  }
  const raw = app.node.tryGetContext('stages')?.[stage];
  if (!raw) {
    throw new Error(
      `No settings for stage "${stage}": add "stages": {"${stage}": {"senderEmail", "organizerEmails", "alarmEmail", "loginDomainPrefix", "consoleUrl", "linkPublicKeys"}} to the context in cdk.json`,
    );
  }
  const parsed = stageConfigSchema
    .check(
      z.refine((config) => !config.edge.enabled || config.region !== undefined, {
        path: ['region'],
        message:
          'region is needed while the edge is on (an AWS region such as eu-west-1), or set edge.enabled to false',
      }),
    )
    .safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `stages.${stage}.${i.path.join('.')}: ${i.message}`);
    throw new Error(
      `Stage "${stage}" is not configured right; set in cdk.json context:\n  ${problems.join('\n  ')}`,
    );
  }
  return { ...parsed.data, stage };
};
