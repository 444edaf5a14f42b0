import type { App } from 'aws-cdk-lib';
import * as z from '#shared/domain/zod';

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
  /** Requests per second on the public submit route (burst twice that). */
  submitRateLimit: z._default(z.int().check(z.minimum(1), z.maximum(1000)), 20),
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
      `No settings for stage "${stage}": add "stages": {"${stage}": {"senderEmail", "organizerEmails", "alarmEmail"}} to the context in cdk.json`,
    );
  }
  const parsed = stageConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `stages.${stage}.${i.path.join('.')}: ${i.message}`);
    throw new Error(
      `Stage "${stage}" is not configured right; set in cdk.json context:\n  ${problems.join('\n  ')}`,
    );
  }
  return { ...parsed.data, stage };
};
