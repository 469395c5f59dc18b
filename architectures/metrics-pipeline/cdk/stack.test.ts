import { describe, expect, test } from 'vitest';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { unemulatedTypes } from '../../../generators/check/emulator-types.ts';
import {
  checkConfigurations,
  entryAcknowledgements,
  entryTemplate,
  synthConfigs,
} from '../../../test/helpers/synth-entry.ts';
import { asList, customResourceTypes, ofType, typesOf, type Json } from '../../../test/helpers/template.ts';
import { inlineSource, INLINE_CODE_LIMIT, STEP_FILES } from './functions.ts';

const ID = 'metrics-pipeline';
const template = entryTemplate(ID);
const runs = await synthConfigs(ID, {
  full: [
    'schedule=cron(0 7 * * ? *)',
    'dataLagDays=2',
    'costTagKey=team',
    'costMetric=UnblendedCost',
    'usersTableName=prod-users',
    'userCountMethod=scan',
    'metricNamespace=Acme/Kpi',
    'graphiteHost=carbon.internal.example',
    'graphitePort=2013',
    'graphitePrefix=acme.kpi',
    'graphiteSubnetIds=subnet-0123456789abcdef0,subnet-0fedcba9876543210',
    'graphiteSecurityGroupIds=sg-0123456789abcdef0',
    'reportEmail=kpi@example.com',
    'alarmEmail=oncall@example.com',
    'historyRetentionDays=730',
    'logRetentionDays=30',
    'retainHistory=false',
  ],
  usersOnly: ['costReport=false', 'usersTableName=users', 'createDashboard=false', 'graphiteHost=203.0.113.10'],
  nothing: ['costReport=false'],
  vpcWithoutHost: ['graphiteSubnetIds=subnet-0123456789abcdef0'],
  rateTooSlow: ['schedule=rate(8 days)'],
});
const full = runs.ok('full');
const usersOnly = runs.ok('usersOnly');

const statementsOf = (t: Template): Json[] =>
  ofType(t, 'AWS::IAM::Policy').flatMap((p) => (p.Properties?.['PolicyDocument'] as { Statement: Json[] }).Statement);
const functions = (t: Template) => ofType(t, 'AWS::Lambda::Function').map((f) => f.Properties as Json);
const fnNamed = (t: Template, file: string): Json => {
  const found = functions(t).filter((f) => String(f['Description']).startsWith(`metrics-pipeline ${file}`));
  expect(found, file).toHaveLength(1);
  return found[0] as Json;
};
const envOf = (t: Template, file: string): Json => (fnNamed(t, file)['Environment'] as { Variables: Json }).Variables;
/** The state machine definition with its CloudFormation references replaced by their logical ids. */
function definitionOf(t: Template): { StartAt: string; States: Record<string, Json>; TimeoutSeconds: number } {
  const [machine] = ofType(t, 'AWS::StepFunctions::StateMachine');
  const parts = ((machine?.Properties?.['DefinitionString'] as Json)['Fn::Join'] as [string, unknown[]])[1];
  const text = parts.map((x) => (typeof x === 'string' ? x : JSON.stringify(x).replace(/"/gu, "'"))).join('');
  return JSON.parse(text) as { StartAt: string; States: Record<string, Json>; TimeoutSeconds: number };
}

const CONFIGS = { default: template, full: full.template, usersOnly: usersOnly.template };

checkConfigurations(ID, { full, usersOnly });

test('every configuration acknowledges something, the default exactly these', () => {
  for (const acks of [entryAcknowledgements(ID), full.result.acknowledged, usersOnly.result.acknowledged]) {
    expect(acks.length).toBeGreaterThan(0);
  }
  expect(
    entryAcknowledgements(ID)
      .map((a) => a.rule)
      .sort(),
  ).toEqual([
    'AwsSolutions-IAM5[Resource::*]',
    'AwsSolutions-IAM5[Resource::*]',
    'AwsSolutions-IAM5[Resource::*]',
    'AwsSolutions-IAM5[Resource::<ComputeFunction2E617D01.Arn>:*]',
    'AwsSolutions-IAM5[Resource::<GatherFunction33F6BF49.Arn>:*]',
    'AwsSolutions-IAM5[Resource::<HistoryBucket4D953918.Arn>/runs/*]',
    'AwsSolutions-IAM5[Resource::<StoreFunction5F4E66B8.Arn>:*]',
    'AwsSolutions-S1',
  ]);
});

test('synthesis refuses a pipeline with nothing to gather, and VPC settings without a Graphite host', () => {
  expect(runs.error('nothing')).toMatch(/nothing to gather/u);
  expect(runs.error('vpcWithoutHost')).toMatch(/go together/u);
});

test('synthesis refuses a rate schedule that runs less often than missedRunWindow', () => {
  expect(runs.error('rateTooSlow')).toMatch(/runs less often than once a week, so missedRunWindow week would alarm/u);
});

describe('what moto can emulate', () => {
  test.each(Object.entries(CONFIGS))('%s: the emulator creates every resource', (_, t) => {
    expect(unemulatedTypes(typesOf(t))).toEqual([]);
    expect(customResourceTypes(t)).toEqual([]);
  });
});

describe('schedule and workflow', () => {
  test('an EventBridge rule starts the state machine on the UTC schedule', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0 6 ? * TUE *)',
      State: 'ENABLED',
      Targets: [
        Match.objectLike({
          Arn: { Ref: Match.stringLikeRegexp('^WorkflowStateMachine') },
          RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WorkflowStateMachineEventsRole'), 'Arn'] },
        }),
      ],
    });
    full.template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'cron(0 7 * * ? *)' });
  });

  // The order of the steps, their throttling retries and the outputs' retries and catches are claims (cdk/claims.ts).
  test('a run times out after 30 minutes', () => {
    expect(definitionOf(template).TimeoutSeconds).toBe(1800);
  });

  test('outputs run in parallel and each failure is caught, then fails the run', () => {
    const one = definitionOf(template).States;
    expect((one['Outputs']?.['Branches'] as unknown[]).length).toBe(1);
    expect(one['Outputs']?.['ResultSelector']).toEqual({ 'Email.$': '$[0].ok' });
    const two = definitionOf(full.template).States;
    const branches = two['Outputs']?.['Branches'] as { StartAt: string; States: Record<string, Json> }[];
    expect(branches.map((b) => b.StartAt)).toEqual(['PublishReport', 'SendToGraphite']);
    expect(two['Outputs']?.['ResultSelector']).toEqual({ 'Email.$': '$[0].ok', 'Graphite.$': '$[1].ok' });
    expect(two['AllOutputsOk']).toMatchObject({
      Type: 'Choice',
      Choices: [
        {
          Or: [
            { Variable: '$.Email', BooleanEquals: false },
            { Variable: '$.Graphite', BooleanEquals: false },
          ],
          Next: 'OutputFailed',
        },
      ],
      Default: 'Done',
    });
    expect(two['OutputFailed']).toMatchObject({ Type: 'Fail', Error: 'OutputFailed' });
  });

  test('the report is published to the report topic with its subject', () => {
    const branch = (definitionOf(template).States['Outputs']?.['Branches'] as { States: Record<string, Json> }[])[0];
    expect(branch?.States['PublishReport']).toMatchObject({
      Resource: expect.stringContaining(':states:::sns:publish') as unknown,
      Parameters: { 'Message.$': '$.report.text', 'Subject.$': '$.report.subject' },
    });
  });

  // Level ALL without execution data is the claim logs-without-execution-data (cdk/claims.ts).
  test('the state machine logs to its own log group and traces with X-Ray', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: {
        Destinations: [
          {
            CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WorkflowLogs'), 'Arn'] } },
          },
        ],
      },
    });
  });
});

describe('the step functions', () => {
  // That each step runs its shipped file on Node.js 24 is the claim functions-run-shipped-code (cdk/claims.ts).
  test('each step fits the inline code limit and runs on arm64 with its own log group', () => {
    for (const file of STEP_FILES) {
      const fn = fnNamed(full.template, file);
      expect(inlineSource(file).length).toBeLessThanOrEqual(INLINE_CODE_LIMIT);
      expect(fn).toMatchObject({ Architectures: ['arm64'], Handler: 'index.handler' });
      expect(fn['LoggingConfig']).toMatchObject({ LogGroup: { Ref: expect.any(String) as unknown } });
    }
  });

  test('parameters reach the gather and store environments', () => {
    expect(envOf(template, 'gather')).toEqual({
      COST_ENABLED: 'true',
      COST_TAG_KEY: 'oar:env',
      COST_METRIC: 'AmortizedCost',
      USERS_TABLE: '',
      USERS_COUNT_METHOD: 'describe',
      DATA_LAG_DAYS: '1',
    });
    expect(envOf(full.template, 'gather')).toMatchObject({
      COST_TAG_KEY: 'team',
      COST_METRIC: 'UnblendedCost',
      USERS_TABLE: 'prod-users',
      USERS_COUNT_METHOD: 'scan',
      DATA_LAG_DAYS: '2',
    });
    expect(envOf(full.template, 'store')).toMatchObject({ METRIC_NAMESPACE: 'Acme/Kpi', RETENTION_DAYS: '730' });
    expect(envOf(full.template, 'graphite')).toEqual({
      GRAPHITE_HOST: 'carbon.internal.example',
      GRAPHITE_PORT: '2013',
      GRAPHITE_PREFIX: 'acme.kpi',
    });
  });

  test('the users table is read the way userCountMethod says, and only when it is set', () => {
    const dynamoOn = (t: Template, action: string) =>
      statementsOf(t).filter((s) => asList(s['Action']).includes(action));
    expect(dynamoOn(template, 'dynamodb:DescribeTable')).toEqual([]);
    expect(dynamoOn(template, 'dynamodb:Scan')).toEqual([]);
    expect(JSON.stringify(dynamoOn(full.template, 'dynamodb:Scan'))).toContain(':table/prod-users');
    expect(JSON.stringify(dynamoOn(usersOnly.template, 'dynamodb:DescribeTable'))).toContain(':table/users');
    expect(dynamoOn(usersOnly.template, 'ce:GetCostAndUsage')).toEqual([]);
  });

  // The one-role-per-step claim (cdk/claims.ts) covers roles, wildcards, runs/ and the metric namespace.
  test('the store step puts only items of its own table', () => {
    expect(statementsOf(template)).toContainEqual(
      expect.objectContaining({
        Action: 'dynamodb:PutItem',
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^SeriesTable/u), 'Arn'] },
      }),
    );
  });

  test('the Graphite writer attaches to subnets only when they are given', () => {
    expect(fnNamed(full.template, 'graphite')['VpcConfig']).toEqual({
      SubnetIds: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'],
      SecurityGroupIds: ['sg-0123456789abcdef0'],
    });
    expect(fnNamed(usersOnly.template, 'graphite')['VpcConfig']).toBeUndefined();
    for (const t of Object.values(CONFIGS)) {
      expect(typesOf(t).filter((ty) => ty.startsWith('AWS::EC2::'))).toEqual([]);
    }
  });
});

describe('stores', () => {
  // Versioning and the 90-day noncurrent expiry are the claim history-recoverable (cdk/claims.ts).
  test('the history bucket is private, encrypted and TLS-only, with expiry only on request', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LifecycleConfiguration: {
        Rules: [
          Match.objectLike({ Id: 'history', Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } }),
        ],
      },
    });
    full.template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 730 })] },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  test('the series table is on demand with a TTL attribute', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'series', KeyType: 'HASH' },
        { AttributeName: 'date', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

});

describe('email, alarm and dashboard outputs', () => {
  // Encryption of the topics and the key policy are the claim topics-encrypted (cdk/claims.ts).
  test('the state machine may use the topic key to publish the report', () => {
    expect(statementsOf(template)).toContainEqual(
      expect.objectContaining({
        Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^NotificationsKey/u), 'Arn'] },
      }),
    );
  });

  // That the only subscribers are the given addresses is the claim subscribers-only-given (cdk/claims.ts).
  test('each address subscribes to its own topic', () => {
    full.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'kpi@example.com',
      TopicArn: { Ref: Match.stringLikeRegexp('^NotificationsReportTopic') },
    });
    full.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'oncall@example.com',
      TopicArn: { Ref: Match.stringLikeRegexp('^NotificationsAlarmTopic') },
    });
  });

  // The failed-run and missed-run alarms are the claims run-failure-alarm and missed-run-alarm (cdk/claims.ts).
  test('CloudWatch alarms may publish to the alarm topic', () => {
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish' }),
        ]),
      },
    });
  });

  test('the dashboard finds environments with SEARCH and can be switched off', () => {
    const [dashboard] = ofType(template, 'AWS::CloudWatch::Dashboard');
    const body = JSON.stringify(dashboard?.Properties?.['DashboardBody']);
    expect(body).toContain('SEARCH(');
    expect(body).toContain('MetricName=\\\\\\"WeeklyCost\\\\\\"');
    expect(body).not.toContain('UserCount');
    expect(JSON.stringify(ofType(full.template, 'AWS::CloudWatch::Dashboard'))).toContain('UserCount');
    usersOnly.template.resourceCountIs('AWS::CloudWatch::Dashboard', 0);
    usersOnly.template.hasOutput('DashboardName', { Value: 'none' });
  });
});
