// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** Comma-separated URLs the app client may receive authorization codes at after sign-in; HTTPS, a custom scheme of a mobile app (myapp://callback), or http://localhost for development. Default: "http://localhost:5173/callback". */
  readonly callbackUrls: string;
  /** Comma-separated URLs the managed login pages may send users back to after sign-out; HTTPS, a custom scheme, or http://localhost. Default: "http://localhost:5173/". */
  readonly logoutUrls: string;
  /** Comma-separated browser origins the API answers CORS requests from, such as https://app.example.com. Default: "http://localhost:5173". */
  readonly allowedOrigins: string;
  /** Prefix of the Cognito domain of the sign-in pages, before .auth.REGION.amazoncognito.com; empty derives a unique one from the stack id. Default: "". */
  readonly domainPrefix: string;
  /** ON requires every user to set up an authenticator app (TOTP) at first sign-in; OPTIONAL lets users choose, and threat protection then asks for MFA only on risky sign-ins from users who set it up. Default: "ON". */
  readonly mfa: "ON" | "OPTIONAL";
  /** Cognito threat protection (Plus plan) for sign-ins; ENFORCED blocks high-risk sign-ins and compromised passwords, AUDIT only records risk, OFF uses the cheaper Essentials plan without it. Default: "ENFORCED". */
  readonly threatProtection: "ENFORCED" | "AUDIT" | "OFF";
  /** Lifetime of access and ID tokens in minutes; a revoked user keeps API access until the access token expires. Default: 60. */
  readonly accessTokenMinutes: number;
  /** Lifetime of refresh tokens in days, which is how long a user stays signed in without entering a password. Default: 30. */
  readonly refreshTokenDays: number;
  /** Steady requests per second the stage accepts across all clients before it answers 429. Default: 100. */
  readonly throttlingRateLimit: number;
  /** Requests the stage accepts at once above the steady rate (token bucket size). Default: 200. */
  readonly throttlingBurstLimit: number;
  /** Concurrent executions reserved for the function, which are also its maximum; 0 leaves it in the unreserved pool of the account. Default: 0. */
  readonly reservedConcurrency: number;
  /** Memory of the function in MB; CPU grows with it. Default: 256. */
  readonly memorySizeMb: 128 | 256 | 512 | 1024;
  /** How a deployment moves the live alias to a new version; the canary and linear choices shift traffic through CodeDeploy over 10 minutes and move it back when the 5xx alarm goes off, AllAtOnce moves it in one step without CodeDeploy. Default: "Canary10Percent10Minutes". */
  readonly trafficShifting: "Canary10Percent10Minutes" | "Linear10PercentEvery1Minute" | "AllAtOnce";
  /** Turn on AWS X-Ray active tracing for the function (HTTP APIs do not trace), which is billed per trace. Default: false. */
  readonly tracing: boolean;
  /** Days back to which point-in-time recovery can restore the table. Default: 35. */
  readonly pitrRecoveryDays: number;
  /** Turn on deletion protection for the table and the user pool and keep both when the stack is deleted; false deletes them with the stack, for throwaway environments. Default: true. */
  readonly retainData: boolean;
  /** Retention of the access and function log groups in CloudWatch Logs. Default: 30. */
  readonly logRetentionDays: 7 | 14 | 30 | 90 | 180 | 365;
  /** ARN of an SNS topic in this Region that the alarms notify; empty creates the alarms without actions. Default: "". */
  readonly alarmTopicArn: string;
}
