import { readFileSync } from 'node:fs';
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { Identity } from './identity.ts';
import { ItemsApi } from './items-api.ts';
import type { Parameters } from './parameters.generated.ts';

export interface CognitoHttpApiStackProps extends StackProps {
  readonly parameters: Parameters;
}

/**
 * This entry's limit for inline code, kept so the template stays readable. CloudFormation no longer caps ZipFile
 * at 4 KB; the parent keeps 4096, and this fork needs more for body validation in the function.
 */
export const INLINE_CODE_LIMIT = 6144;

/** The handler as it ships inline: lambda/index.js without comment lines and indentation (CommonJS index.js). */
export function inlineHandlerSource(): string {
  return readFileSync(new URL('../lambda/index.js', import.meta.url), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('//') && !line.startsWith('/*'))
    .join('\n');
}

/**
 * How a deployment moves the live alias, by the trafficShifting parameter; AllAtOnce needs no CodeDeploy. Both
 * gradual choices last 10 minutes, long enough for the 5xx alarm (3 of 5 one-minute datapoints) to go off
 * while the old version still takes most of the traffic.
 */
const TRAFFIC_SHIFTING: Readonly<Record<string, codedeploy.ILambdaDeploymentConfig | undefined>> = {
  AllAtOnce: undefined,
  Canary10Percent10Minutes: codedeploy.LambdaDeploymentConfig.CANARY_10PERCENT_10MINUTES,
  Linear10PercentEvery1Minute: codedeploy.LambdaDeploymentConfig.LINEAR_10PERCENT_EVERY_1MINUTE,
};

/** The DynamoDB calls the handler makes, and nothing else: no Scan, so no route can read across users. */
export const TABLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:Query'];

function retentionOf(days: number): logs.RetentionDays {
  const match = Object.values(logs.RetentionDays).find((v): v is logs.RetentionDays => Number(v) === days);
  if (match === undefined) throw new Error(`logRetentionDays is ${days}; use a value that architecture.yaml lists`);
  return match;
}

/** Comma-separated parameter values as a list. */
const list = (value: string): string[] =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');

/** Sign-in redirect URLs: Cognito accepts plain HTTP only for localhost. */
function redirectUrls(name: string, value: string): string[] {
  const urls = list(value);
  for (const url of urls) {
    if (url.startsWith('http://') && !/^http:\/\/localhost([:/]|$)/u.test(url)) {
      throw new Error(`${name} has ${url}; use HTTPS, a custom scheme, or http://localhost`);
    }
  }
  return urls;
}

/**
 * Authenticated web and mobile backend: a Cognito user pool signs users in, an HTTP API checks their access
 * tokens with a JWT authorizer and scopes, and one Lambda function keeps each user's items in their own
 * partition of an on-demand DynamoDB table with point-in-time recovery.
 */
export default class CognitoHttpApiStack extends Stack {
  constructor(scope: Construct, id: string, props: CognitoHttpApiStackProps) {
    super(scope, id, props);
    const p = props.parameters;
    const stackName = Stack.of(this).stackName;
    const retention = retentionOf(p.logRetentionDays);

    // --- Users: the Cognito user pool, its scopes, the public app client and the sign-in domain.
    const identity = new Identity(this, 'Identity', {
      mfa: p.mfa,
      threatProtection: p.threatProtection,
      callbackUrls: redirectUrls('callbackUrls', p.callbackUrls),
      logoutUrls: redirectUrls('logoutUrls', p.logoutUrls),
      domainPrefix: p.domainPrefix,
      accessTokenMinutes: p.accessTokenMinutes,
      refreshTokenDays: p.refreshTokenDays,
      retainData: p.retainData,
    });

    // --- Table: one partition per user (the token's sub), on-demand, point-in-time recovery, protected from deletion.
    const table = new dynamodb.Table(this, 'ItemsTable', {
      partitionKey: { name: 'owner', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: {
        pointInTimeRecoveryEnabled: true,
        recoveryPeriodInDays: p.pitrRecoveryDays,
      },
      deletionProtection: p.retainData,
      removalPolicy: p.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    // --- Function: its own role, which reaches only this table and its own log group.
    const functionLogs = new logs.LogGroup(this, 'FunctionLogs', { retention, removalPolicy: RemovalPolicy.DESTROY });
    const role = new iam.Role(this, 'FunctionRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Items function of ${stackName}: item calls on its table without Scan, its log group`,
    });
    functionLogs.grantWrite(role);
    role.addToPolicy(
      new iam.PolicyStatement({ sid: 'ItemsTable', actions: TABLE_ACTIONS, resources: [table.tableArn] }),
    );

    const source = inlineHandlerSource();
    if (source.length > INLINE_CODE_LIMIT) {
      throw new Error(`lambda/index.js ships ${source.length} characters inline, over ${INLINE_CODE_LIMIT}`);
    }
    const fn = new lambda.Function(this, 'ItemsFunction', {
      description: `CRUD on each user's own items of ${stackName}`,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromInline(source),
      role,
      logGroup: functionLogs,
      loggingFormat: lambda.LoggingFormat.JSON,
      memorySize: p.memorySizeMb,
      // An HTTP API waits at most 30 s; a request here takes tens of milliseconds.
      timeout: Duration.seconds(10),
      // 0 leaves the function in the account's unreserved pool (reserving 0 would stop it).
      ...(p.reservedConcurrency > 0 && { reservedConcurrentExecutions: p.reservedConcurrency }),
      tracing: p.tracing ? lambda.Tracing.ACTIVE : lambda.Tracing.DISABLED,
      environment: { TABLE_NAME: table.tableName },
      // Old versions stay, so the live alias can be pointed back at one without a deployment.
      currentVersionOptions: { removalPolicy: RemovalPolicy.RETAIN },
    });
    // The function's GetAtt of the role already orders it after the role; only the policy needs a DependsOn.
    const rolePolicy = role.node.findChild('DefaultPolicy').node.defaultChild as iam.CfnPolicy;
    (fn.node.defaultChild as lambda.CfnFunction).addOverride('DependsOn', [this.getLogicalId(rolePolicy)]);
    if (p.tracing) {
      Validations.of(role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'xray:PutTraceSegments and xray:PutTelemetryRecords, added for active tracing, do not support resource-level permissions; the table and log group statements name their resources.',
      });
    }
    const alias = new lambda.Alias(this, 'LiveAlias', {
      aliasName: 'live',
      version: fn.currentVersion,
      description: 'The version the HTTP API invokes',
    });

    // --- API: a JWT authorizer and a scope on every item route, an open GET /health, throttling, logs.
    const items = new ItemsApi(this, 'Items', {
      handler: alias,
      userPool: identity.userPool,
      client: identity.client,
      allowedOrigins: list(p.allowedOrigins),
      throttlingRateLimit: p.throttlingRateLimit,
      throttlingBurstLimit: p.throttlingBurstLimit,
      retention,
    });
    const api = items.api;

    // --- Alarms, with an optional SNS topic to notify.
    const alarmAction =
      p.alarmTopicArn === ''
        ? undefined
        : new actions.SnsAction(sns.Topic.fromTopicArn(this, 'AlarmTopic', p.alarmTopicArn));
    const alarms = [
      new cloudwatch.Alarm(this, 'ServerErrorRateAlarm', {
        alarmDescription: `More than 1% of requests to ${stackName} answered 5xx in 3 of 5 minutes`,
        metric: api.metricServerError({
          statistic: 'Average',
          period: Duration.minutes(1),
          dimensionsMap: { ApiId: api.apiId, Stage: '$default' },
        }),
        threshold: 0.01,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      new cloudwatch.Alarm(this, 'ThrottleAlarm', {
        alarmDescription: `The items function of ${stackName} was throttled: concurrency is exhausted`,
        metric: fn.metricThrottles({ statistic: 'Sum', period: Duration.minutes(5) }),
        threshold: 0,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    ];
    if (alarmAction) for (const alarm of alarms) alarm.addAlarmAction(alarmAction);

    // --- Gradual deployments: CodeDeploy shifts the live alias to a new version step by step and moves it back
    // when the 5xx alarm goes off. The first deployment creates the alias directly; updates go through CodeDeploy.
    if (!(p.trafficShifting in TRAFFIC_SHIFTING)) {
      throw new Error(`trafficShifting is ${p.trafficShifting}; use a value that architecture.yaml lists`);
    }
    const shifting = TRAFFIC_SHIFTING[p.trafficShifting];
    let deploymentApplication = 'none';
    if (shifting) {
      const group = new codedeploy.LambdaDeploymentGroup(this, 'LiveAliasDeployment', {
        alias,
        deploymentConfig: shifting,
        alarms: [alarms[0] as cloudwatch.Alarm],
        autoRollback: { failedDeployment: true, deploymentInAlarm: true, stoppedDeployment: true },
      });
      deploymentApplication = group.application.applicationName;
      Validations.of(group.role).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]',
        reason:
          'AWSCodeDeployRoleForLambdaLimited is the policy AWS documents for the CodeDeploy service role of Lambda deployments: it may update aliases, read alarms and invoke hook functions, and this role is used only by this deployment group.',
      });
    }

    new CfnOutput(this, 'ApiUrl', { value: items.stage.url, description: 'Base URL of the default stage' });
    new CfnOutput(this, 'ApiId', { value: api.apiId, description: 'Id of the HTTP API' });
    new CfnOutput(this, 'UserPoolId', { value: identity.userPool.userPoolId, description: 'The Cognito user pool' });
    new CfnOutput(this, 'UserPoolClientId', {
      value: identity.client.userPoolClientId,
      description: 'The public app client, without a secret',
    });
    new CfnOutput(this, 'IssuerUrl', {
      value: identity.userPool.userPoolProviderUrl,
      description: 'Issuer URL that the JWT authorizer trusts',
    });
    new CfnOutput(this, 'SignInDomain', {
      value: identity.domain.domainName,
      description: 'Domain prefix of the managed login pages',
    });
    new CfnOutput(this, 'TableName', { value: table.tableName, description: 'DynamoDB table, keyed by owner and id' });
    new CfnOutput(this, 'FunctionName', { value: fn.functionName, description: 'The items function' });
    new CfnOutput(this, 'LiveAliasArn', {
      value: alias.functionArn,
      description: 'Alias that the API invokes; point it at an older version to roll back',
    });
    new CfnOutput(this, 'DeploymentApplicationName', {
      value: deploymentApplication,
      description: 'CodeDeploy application that shifts the live alias, or none with AllAtOnce',
    });
    new CfnOutput(this, 'AccessLogGroupName', {
      value: items.accessLogs.logGroupName,
      description: 'One JSON line per API request',
    });
    new CfnOutput(this, 'FunctionLogGroupName', {
      value: functionLogs.logGroupName,
      description: 'Log group of the function, JSON format',
    });
  }
}
