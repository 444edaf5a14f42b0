// Who may sign links and who may only check them: the IAM statements on the link secret.
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../functions/catalog.ts';
import { roleStatements, synthesized } from './synthesized.ts';

let services: Template;

beforeAll(() => {
  ({ services } = synthesized());
});

describe('the key that signs links', () => {
  it('is read only by the functions that mint links', () => {
    // Each function that only checks links, named: a catalog change giving one of them the key
    // (a public page able to forge any link) fails here.
    const checkers = catalog.filter((e) => e.access.verifyLinks && !e.access.signLinks).map((e) => e.name);
    expect(checkers).toEqual(['ConfirmNomination', 'ManageNomination', 'ServeEvaluation']);
    const readKey = {
      Effect: 'Allow',
      Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
      Resource: { 'Fn::ImportValue': Match.stringLikeRegexp(':ExportsOutputRefLinkSecret') },
    };
    services.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^SubmitNominationServiceRoleDefaultPolicy'),
      PolicyDocument: { Statement: Match.arrayWith([readKey]) },
    });
    for (const entry of catalog) {
      // The statements on the link secret (a function with a route also reads the edge's origin
      // secret, test/infra/edge.test.ts).
      const secrets = roleStatements(services, entry.name).filter((s) =>
        JSON.stringify(s.Resource).includes('LinkSecret'),
      );
      if (entry.access.signLinks) {
        expect([entry.name, secrets]).toEqual([
          entry.name,
          [
            {
              ...readKey,
              Resource: { 'Fn::ImportValue': expect.stringMatching(/:ExportsOutputRefLinkSecret/) },
            },
          ],
        ]);
      } else {
        expect([entry.name, secrets]).toEqual([entry.name, []]);
      }
    }
  });
});
