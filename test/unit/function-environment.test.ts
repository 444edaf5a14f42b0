import { beforeEach, describe, expect, it, vi } from 'vitest';
import { catalog, type FunctionEntry } from '../../functions/catalog.ts';
import { environmentFor } from '../../functions/environment.ts';
import { loadHandler, localResources } from '../../local/load-handler.ts';
import { newLinkKeyPair } from '../../shared/adapters/link-key-pair.ts';
import { grantedVariables } from '../../shared/environment.ts';

const resources = {
  ...localResources({
    tableName: 'functions-environment',
    siteUrl: 'http://localhost:3000',
    linkPublicKeys: JSON.stringify([newLinkKeyPair().publicKey]),
    mailFrom: 'MetLib <learning-circle@metlib.example.org>',
    organizerEmails: ['a@metlib.example.org', 'b@metlib.example.org'],
    endpoints: {
      dynamoDb: 'http://127.0.0.1:1',
      ses: 'http://127.0.0.1:2',
      scheduler: 'http://127.0.0.1:3',
      secretsManager: 'http://127.0.0.1:5',
    },
  }),
  console: { authority: 'http://127.0.0.1:4', clientId: 'staff-console' },
};
const aws = {
  ...resources,
  endpoints: undefined,
  edgeSecret: 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:edge',
  sesConfigurationSet: 'mail',
  scheduleGroupPrefix: 'Stack-',
};

const entry = (name: string) => {
  const found = catalog.find((e) => e.name === name);
  if (!found) throw new Error(`No catalog entry ${name}`);
  return found;
};
const names = (env: Record<string, string>) => Object.keys(env).sort();

const table = ['TABLE_NAME'];
const mail = ['MAIL_FROM', 'SES_CONFIGURATION_SET'];
const schedules = [
  'CERTIFICATE_FUNCTION_ARN',
  'DECISIONS_CHECK_FUNCTION_ARN',
  'SCHEDULER_DLQ_ARN',
  'SCHEDULER_ROLE_ARN',
  'SCHEDULE_GROUP_PREFIX',
  'TIMELINE_FUNCTION_ARN',
];
/** Minting links: the secret holding the private key, and the public keys. */
const links = ['LINK_PUBLIC_KEYS', 'LINK_SECRET_ID'];
/** Checking links only: the public keys, and nothing that names the private key. */
const verify = ['LINK_PUBLIC_KEYS'];
/** The participants' signed links in the emails a function sends: the key, and where the site is. */
const pages = [...links, 'SITE_URL'];
const limits = ['LIMIT_PER_NOMINATOR_PER_DAY', 'LIMIT_PER_SOURCE_PER_HOUR'];
/** Every function with a route checks that the request came through CloudFront. */
const edge = ['EDGE_SECRET_ID'];

describe('the environment of each function', () => {
  it('holds on AWS exactly the variables its access grants', () => {
    const expected: Record<string, string[]> = {
      RenderNominationForm: table,
      GetProgram: table,
      SubmitNomination: [...table, ...links, ...limits],
      ConfirmNomination: [...table, ...verify],
      // A correction's emails count against the per-address limit a submission's do.
      ManageNomination: [...table, ...verify, ...limits],
      ServeParticipantPage: ['ORGANIZER_EMAILS', ...table, ...pages],
      ListNominations: table,
      GetNomination: table,
      // A participant's withdrawal alerts the organizers, naming the first reserves.
      TransitionNomination: ['ORGANIZER_EMAILS', ...table, ...pages],
      DecideNominations: ['ORGANIZER_EMAILS', ...table, ...pages],
      ReadCohort: table,
      DecideStipend: table,
      ClassifyNomination: table,
      DeclareConflict: table,
      ExportNominations: table,
      CorrectNomination: table,
      ResendEmail: table,
      AnswerPersonalDataRequest: table,
      NotifyDecisions: [...table, ...pages],
      UpdateTimeline: [...table, ...schedules, ...pages],
      ChangeProgramSettings: [...table, ...schedules, ...pages],
      ArrangeMentoringGroups: [...table, ...pages],
      SendAnnouncement: [...table, ...pages],
      RecordAttendance: table,
      ServeEvaluation: [...table, ...verify],
      ServeCertificate: ['CERTIFICATE_FONT_DIR', ...table, ...pages],
      SyncSchedules: [...table, ...schedules],
      RunTimelineEvent: ['ORGANIZER_EMAILS', ...table, ...pages],
      IssueCertificates: ['CERTIFICATE_FONT_DIR', 'ORGANIZER_EMAILS', ...table, ...pages],
      // The mailers alert the organizers once of an email they give up on.
      SendEmail: ['ORGANIZER_EMAILS', ...mail, ...table],
      RedriveOutbox: ['ORGANIZER_EMAILS', ...mail, ...table],
      RenderStaffConsole: ['CONSOLE_ASSET_DIR', 'CONSOLE_AUTHORITY', 'CONSOLE_CLIENT_ID'],
      RecordEmailEvent: table,
      CheckDecisionsNotified: table,
    };
    expect(Object.fromEntries(catalog.map((e) => [e.name, names(environmentFor(e, aws))]))).toEqual(
      Object.fromEntries(
        Object.entries(expected).map(([name, vars]) => [
          name,
          [...vars, ...(entry(name).routes ? edge : [])].sort(),
        ]),
      ),
    );
  });

  it('adds locally the endpoint of each emulator it is granted, and no configuration set', () => {
    expect(environmentFor(entry('GetNomination'), resources)).toEqual({
      TABLE_NAME: 'functions-environment',
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:1',
      // No CloudFront stands in front of the local gateway unless a stack is given an origin secret.
      EDGE_SECRET_ID: 'off',
    });
    expect(names(environmentFor(entry('SendEmail'), resources))).toEqual([
      'DYNAMODB_ENDPOINT',
      'MAIL_FROM',
      'ORGANIZER_EMAILS',
      'SES_ENDPOINT',
      'TABLE_NAME',
    ]);
    expect(environmentFor(entry('SyncSchedules'), resources)).toMatchObject({
      SCHEDULER_ENDPOINT: 'http://127.0.0.1:3',
      // The local groups are named by the program alone.
      SCHEDULE_GROUP_PREFIX: '',
      TIMELINE_FUNCTION_ARN: 'arn:aws:lambda:us-east-1:000000000000:function:RunTimelineEvent',
      CERTIFICATE_FUNCTION_ARN: 'arn:aws:lambda:us-east-1:000000000000:function:IssueCertificates',
    });
    // It only checks links: the public keys, and neither the secret nor the way to it.
    expect(environmentFor(entry('ConfirmNomination'), resources)).toEqual({
      TABLE_NAME: 'functions-environment',
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:1',
      LINK_PUBLIC_KEYS: resources.linkPublicKeys,
      EDGE_SECRET_ID: 'off',
    });
    expect(environmentFor(entry('SubmitNomination'), resources)).toMatchObject({
      LINK_SECRET_ID: resources.linkSecret,
      EDGE_SECRET_ID: 'off',
      SECRETS_MANAGER_ENDPOINT: 'http://127.0.0.1:5',
      LINK_PUBLIC_KEYS: resources.linkPublicKeys,
    });
  });

  it('tells a function with a route the origin secret, and where Secrets Manager is locally; no other function', () => {
    const withEdge = { ...resources, edgeSecret: 'metlib-nominations/edge-origin-secret' };
    expect(environmentFor(entry('GetNomination'), withEdge)).toMatchObject({
      EDGE_SECRET_ID: 'metlib-nominations/edge-origin-secret',
      SECRETS_MANAGER_ENDPOINT: 'http://127.0.0.1:5',
    });
    expect(environmentFor(entry('GetNomination'), aws)).not.toHaveProperty('SECRETS_MANAGER_ENDPOINT');
    expect(environmentFor(entry('SendEmail'), withEdge)).not.toHaveProperty('EDGE_SECRET_ID');
    expect(environmentFor(entry('SendEmail'), withEdge)).not.toHaveProperty('SECRETS_MANAGER_ENDPOINT');
  });

  it('gives the submission limits as written numbers, and on AWS no Secrets Manager endpoint', () => {
    const env = environmentFor(entry('SubmitNomination'), {
      ...aws,
      intakeLimits: { perNominatorPerDay: 3, perSourcePerHour: 40 },
    });
    expect(env).toMatchObject({ LIMIT_PER_NOMINATOR_PER_DAY: '3', LIMIT_PER_SOURCE_PER_HOUR: '40' });
    expect(env).not.toHaveProperty('SECRETS_MANAGER_ENDPOINT');
  });

  it('gives the organizers as one list, and the fonts where the package has them', () => {
    const env = environmentFor(entry('IssueCertificates'), resources);
    expect(env.ORGANIZER_EMAILS).toBe('a@metlib.example.org,b@metlib.example.org');
    // In the bundle it is /var/task/fonts (test/infra/stacks.test.ts).
    expect(env.CERTIFICATE_FONT_DIR).toMatch(/\/node_modules\/dejavu-fonts-ttf\/ttf$/);
  });
});

describe('a handler on the local stack', () => {
  // A module that failed to load would fail again from the cache: each test loads afresh.
  beforeEach(() => {
    vi.resetModules();
  });

  it.each([
    ['GetNomination', 'TABLE_NAME', { access: {} }],
    ['GetProgram', 'EDGE_SECRET_ID', { routes: undefined }],
    ['SendEmail', 'MAIL_FROM', { access: { table: ['GetItem'] } }],
    ['SyncSchedules', 'SCHEDULE_GROUP_PREFIX', { access: { table: ['GetItem'] } }],
    ['RunTimelineEvent', 'ORGANIZER_EMAILS', { access: { table: ['GetItem'] } }],
    ['IssueCertificates', 'CERTIFICATE_FONT_DIR', { bundleFiles: undefined }],
    ['ConfirmNomination', 'LINK_PUBLIC_KEYS', { access: { table: ['GetItem'] } }],
    ['SubmitNomination', 'LINK_SECRET_ID', { access: { table: ['GetItem'], verifyLinks: true } }],
  ] as [string, string, Partial<FunctionEntry>][])(
    'fails at start, naming the variable, when its catalog entry lacks the grant: %s without %s',
    async (name, variable, change) => {
      await expect(loadHandler({ ...entry(name), ...change }, resources)).rejects.toThrow(
        new RegExp(`^${name} failed to load .*: Missing environment variable ${variable}$`),
      );
    },
  );

  it('loads with what its catalog entry grants, and leaves no variable of it behind', async () => {
    for (const e of catalog) {
      await expect(loadHandler(e, resources), e.name).resolves.toBeTypeOf('function');
    }
    for (const name of Object.values(grantedVariables)) expect(process.env[name], name).toBeUndefined();
  });
});
