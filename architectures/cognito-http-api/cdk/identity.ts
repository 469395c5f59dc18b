import { Duration, Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export interface IdentityProps {
  readonly mfa: 'ON' | 'OPTIONAL';
  readonly threatProtection: 'ENFORCED' | 'AUDIT' | 'OFF';
  readonly callbackUrls: string[];
  readonly logoutUrls: string[];
  readonly domainPrefix: string;
  readonly accessTokenMinutes: number;
  readonly refreshTokenDays: number;
  readonly retainData: boolean;
}

/** The resource server's identifier: scopes are `items/read` and `items/write`. */
export const RESOURCE_SERVER = 'items';
export const READ_SCOPE = `${RESOURCE_SERVER}/read`;
export const WRITE_SCOPE = `${RESOURCE_SERVER}/write`;

/** The minimum password length; NIST SP 800-63B asks for at least 8, and threat protection checks for leaked ones. */
export const MIN_PASSWORD_LENGTH = 12;

const THREAT_MODES: Readonly<Record<IdentityProps['threatProtection'], cognito.StandardThreatProtectionMode>> = {
  ENFORCED: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
  AUDIT: cognito.StandardThreatProtectionMode.AUDIT_ONLY,
  OFF: cognito.StandardThreatProtectionMode.NO_ENFORCEMENT,
};

/**
 * The user directory: a Cognito user pool where people sign up with their email address and sign in with a
 * password and an authenticator app (TOTP), threat protection on the Plus plan, a resource server with the
 * items scopes, a public app client for the authorization code flow with PKCE, and the managed login domain.
 */
export class Identity extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly domain: cognito.UserPoolDomain;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    const stackName = Stack.of(this).stackName;
    const protect = props.threatProtection !== 'OFF';

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      // Threat protection exists only on the Plus plan; without it the Essentials plan costs less.
      featurePlan: protect ? cognito.FeaturePlan.PLUS : cognito.FeaturePlan.ESSENTIALS,
      ...(protect && { standardThreatProtectionMode: THREAT_MODES[props.threatProtection] }),
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      mfa: props.mfa === 'ON' ? cognito.Mfa.REQUIRED : cognito.Mfa.OPTIONAL,
      // TOTP only: SMS costs per message, is open to SIM swaps and SMS pumping, and needs an SNS role.
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: MIN_PASSWORD_LENGTH,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      deletionProtection: props.retainData,
      removalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    if (!protect) {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG8',
        reason:
          'threatProtection is OFF in this configuration, which keeps the pool on the Essentials plan without threat protection, for throwaway environments; the default configuration enforces threat protection on the Plus plan.',
      });
    }
    if (props.mfa === 'OPTIONAL') {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG2',
        reason:
          'mfa is OPTIONAL in this configuration: users choose whether to enrol an authenticator app, and threat protection asks those who did for a code on risky sign-ins (adaptive authentication); the default configuration requires MFA.',
      });
    }

    const server = this.userPool.addResourceServer('Items', {
      identifier: RESOURCE_SERVER,
      userPoolResourceServerName: `${stackName} items`,
      scopes: [
        new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read your own items' }),
        new cognito.ResourceServerScope({ scopeName: 'write', scopeDescription: 'Create, change and delete your own items' }),
      ],
    });

    this.client = this.userPool.addClient('AppClient', {
      userPoolClientName: `${stackName} app`,
      // A browser or mobile app cannot keep a secret; it proves itself with PKCE instead.
      generateSecret: false,
      authFlows: { userSrp: true, user: false, userPassword: false, adminUserPassword: false, custom: false },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [
          cognito.OAuthScope.OPENID,
          cognito.OAuthScope.EMAIL,
          cognito.OAuthScope.custom(READ_SCOPE),
          cognito.OAuthScope.custom(WRITE_SCOPE),
        ],
        callbackUrls: props.callbackUrls,
        logoutUrls: props.logoutUrls,
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.minutes(props.accessTokenMinutes),
      idTokenValidity: Duration.minutes(props.accessTokenMinutes),
      refreshTokenValidity: Duration.days(props.refreshTokenDays),
    });
    this.client.node.addDependency(server);

    // An empty prefix derives a unique one from the stack id, which is a UUID: a prefix may not contain "cognito".
    const prefix =
      props.domainPrefix === ''
        ? Fn.join('-', ['login', Fn.select(2, Fn.split('/', Stack.of(this).stackId))])
        : props.domainPrefix;
    this.domain = this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: prefix } });
  }
}
