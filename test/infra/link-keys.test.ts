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
    const read = ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'];
    // CDK joins grants of the same actions into one statement: with the edge on, the link secret
    // stands beside the origin secret in a minting function's statement.
    services.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^SubmitNominationServiceRoleDefaultPolicy'),
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Effect: 'Allow',
            Action: read,
            Resource: Match.arrayWith([
              { 'Fn::ImportValue': Match.stringLikeRegexp(':ExportsOutputRefLinkSecret') },
            ]),
          },
        ]),
      },
    });
    for (const entry of catalog) {
      // The statements on the link secret (a function with a route also reads the edge's origin
      // secret, test/infra/edge.test.ts).
      const onLinkSecret = roleStatements(services, entry.name)
        .filter((s) => JSON.stringify(s.Resource).includes('LinkSecret'))
        .map((s) => s.Action);
      expect([entry.name, onLinkSecret]).toEqual([entry.name, entry.access.signLinks ? [read] : []]);
    }
  });
});
