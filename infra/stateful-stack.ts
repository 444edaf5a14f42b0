import { Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  CfnUserPoolGroup,
  ClientAttributes,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { AttributeType, Billing, ProjectionType, StreamViewType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { programs } from '#events/programs/index';
import { type ConsoleSignIn, consolePaths } from '#functions/environment';
import { tableDesign } from '#shared/adapters/table-design';
import { groups, programGroupName } from '#shared/domain/actor';
import type { StageConfig } from './stage-config.ts';

export interface StatefulStackProps extends StackProps {
  config: StageConfig;
}

/** What holds data and must outlive a redeploy of the code: the table and the user pool. */
export class StatefulStack extends Stack {
  readonly table: TableV2;
  readonly userPool: UserPool;
  /**
   * The pool's one app client, the console's: the code grant with PKCE through the managed login
   * pages. No other client: every token the API admits was issued to the console.
   */
  readonly consoleClient: UserPoolClient;
  readonly loginDomain: UserPoolDomain;
  /** What the console's configuration names: the pool's issuer and the console's client. */
  readonly consoleSignIn: ConsoleSignIn;
  /** Holds the key that signs links: kept with the data, since links in sent emails rely on it. */
  readonly linkSecret: Secret;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const prod = props.config.stage === 'prod';

    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: tableDesign.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableDesign.sortKey, type: AttributeType.STRING },
      globalSecondaryIndexes: tableDesign.indexes.map((index) => ({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType[index.projection],
      })),
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: prod,
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      dynamoStream: StreamViewType.NEW_AND_OLD_IMAGES,
      timeToLiveAttribute: tableDesign.timeToLiveAttribute,
    });

    // Created with a random value that is no key: links are signed only once an operator has put
    // a private key made by `npm run link-key` in it (docs/link-keys.md). CloudFormation cannot
    // make an EC key, and a key written into the template would be read by anyone who reads it.
    this.linkSecret = new Secret(this, 'LinkSecret', {
      description: "The private ES256 key (a JWK) that signs the nominators' and participants' links",
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    Validations.of(this.linkSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'A new signing key must have its public half published (a deploy) before links are signed with it, which a rotation function cannot do; it is rotated by hand, as docs/link-keys.md says.',
    });

    this.userPool = new UserPool(this, 'Staff', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      deletionProtection: prod,
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'The Plus feature plan pays for threat protection; a staff pool of a few organizers and reviewers, invited by an administrator, with MFA required, does not justify its cost.',
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG3',
      reason:
        'Threat protection needs the Cognito Plus plan; a staff pool of a few organizers and reviewers, invited by an administrator, with MFA required, does not justify its cost.',
    });
    // A group of each program beside the global ones: a member of `reviewers:metlib-2024` is a
    // reviewer of that program only (shared/http/actor.ts).
    for (const group of groups) {
      new CfnUserPoolGroup(this, `Group-${group}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: group,
      });
      for (const programId of programs.keys()) {
        new CfnUserPoolGroup(this, `Group-${group}-${programId}`, {
          userPoolId: this.userPool.userPoolId,
          groupName: programGroupName(group, programId),
          description: `${group} of ${programId} only`,
        });
      }
    }
    this.loginDomain = this.userPool.addDomain('StaffLogin', {
      cognitoDomain: { domainPrefix: props.config.loginDomainPrefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    const { consoleUrl } = props.config;
    // A browser holds no secret: no client secret, and Cognito checks PKCE whenever the console sends a challenge.
    this.consoleClient = this.userPool.addClient('StaffConsole', {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${consoleUrl}${consolePaths.callback}`],
        logoutUrls: [`${consoleUrl}${consolePaths.signedOut}`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      enableTokenRevocation: true,
      // The audit trail names staff by their email only when verified; a token of this client
      // must not be able to change it. An empty list would mean "every standard attribute" to
      // Cognito, so the one writable attribute is the harmless locale.
      writeAttributes: new ClientAttributes().withStandardAttributes({ locale: true }),
    });
    // Managed login shows its pages to a client only with a style; Cognito's own is enough.
    new CfnManagedLoginBranding(this, 'StaffConsoleLoginStyle', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.consoleClient.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    this.consoleSignIn = {
      authority: this.userPool.userPoolProviderUrl,
      clientId: this.consoleClient.userPoolClientId,
      // Cognito's discovery names no end-session endpoint; its logout endpoint ends the session.
      signOutUrl: `${this.loginDomain.baseUrl()}/logout`,
    };
  }
}
