import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../functions/catalog.ts';
import { synthesized } from './synthesized.ts';

let services: Template;

beforeAll(() => {
  ({ services } = synthesized());
});

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/** Every statement of every role policy of the services stack, by the policy's logical id. */
const statements = () =>
  Object.entries(services.findResources('AWS::IAM::Policy')).flatMap(([id, policy]) =>
    (policy.Properties.PolicyDocument.Statement as Statement[]).map((statement) => ({ id, statement })),
  );

const granting = (action: string) =>
  statements().filter(({ statement }) => [statement.Action].flat().includes(action));

/** The environment variables of the catalog function of this name. */
const variablesOf = (name: string) => {
  const description = catalog.find((e) => e.name === name)?.description;
  const fn = Object.values(services.findResources('AWS::Lambda::Function')).find(
    (f) => f.Properties.Description === description,
  );
  return fn?.Properties.Environment.Variables as Record<string, unknown>;
};

describe('the conditions on the grants', () => {
  it('let a function send email only as the address it is configured to send from', () => {
    const senders = catalog.filter((e) => e.access.sendEmail).map((e) => e.name);
    const grants = granting('ses:SendRawEmail');
    expect(grants.map(({ id }) => id.replace(/ServiceRoleDefaultPolicy.*$/, '')).sort()).toEqual(
      [...senders].sort(),
    );
    for (const { id, statement } of grants) {
      const name = id.replace(/ServiceRoleDefaultPolicy.*$/, '');
      // The same address the function puts in From: (MAIL_FROM), and nothing else at the domain.
      expect([name, statement.Condition]).toEqual([
        name,
        { StringEquals: { 'ses:FromAddress': variablesOf(name).MAIL_FROM } },
      ]);
      expect(variablesOf(name).MAIL_FROM).toBe('learning-circle@metlib.example.org');
    }
  });

  it('let the schedule managers hand the scheduler role to EventBridge Scheduler only', () => {
    const grants = granting('iam:PassRole');
    expect(grants.map(({ id }) => id.replace(/ServiceRoleDefaultPolicy.*$/, '')).sort()).toEqual(
      catalog
        .filter((e) => e.access.manageSchedules)
        .map((e) => e.name)
        .sort(),
    );
    for (const { statement } of grants)
      expect(statement).toEqual({
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^SchedulerRole/), 'Arn'] },
        Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      });
  });

  it('let the public readers of programs reach each program’s own partition and nothing else of the table', () => {
    for (const name of ['RenderNominationForm', 'GetProgram']) {
      const table = granting('dynamodb:GetItem').filter(({ id }) => id.startsWith(`${name}ServiceRole`));
      expect(table.map(({ statement }) => statement)).toEqual([
        expect.objectContaining({
          Action: 'dynamodb:GetItem',
          Condition: {
            'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['PROGRAM#metlib-2024'] },
            Null: { 'dynamodb:LeadingKeys': 'false' },
          },
        }),
      ]);
    }
  });

  it('leave every other function’s table grant as its catalog entry says: no partition condition', () => {
    const limited = granting('dynamodb:GetItem')
      .filter(({ statement }) => statement.Condition)
      .map(({ id }) => id.replace(/ServiceRoleDefaultPolicy.*$/, ''))
      .sort();
    expect(limited).toEqual(
      catalog
        .filter((e) => e.access.partitions)
        .map((e) => e.name)
        .sort(),
    );
  });
});
