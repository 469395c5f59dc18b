import { GetPolicyCommand, GetPolicyVersionCommand, GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetKeyRotationStatusCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  GetBucketLifecycleConfigurationCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { DescribePortfolioCommand, ServiceCatalogClient } from '@aws-sdk/client-service-catalog';
import { GetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { BudgetsClient, DescribeBudgetCommand, DescribeNotificationsForBudgetCommand } from '@aws-sdk/client-budgets';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetScheduleCommand, ListSchedulesCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { expect } from 'vitest';
import { readBack, type DeployedStack } from '../readback.ts';

interface Statement {
  Sid?: string;
  Effect: string;
  Principal?: unknown;
  Action?: string | string[];
  NotAction?: string[];
  Condition?: unknown;
}

/** A policy document as IAM returns it: URL-encoded JSON. */
const document = (text: string | undefined) =>
  JSON.parse(decodeURIComponent(text ?? '{}')) as { Statement: Statement[] };

/** The account the stack is in, from an ARN of its outputs. */
const accountOf = (stack: DeployedStack) => (stack.outputs['LaunchRoleArn'] ?? '').split(':')[4];

const parent = [
  readBack(
    'The portfolio offers exactly the environments, teams and lifetimes of the parameters as TagOptions',
    async (stack) => {
      const sc = new ServiceCatalogClient(stack.aws);
      const portfolio = await sc.send(new DescribePortfolioCommand({ Id: stack.outputs['PortfolioId'] }));
      expect(portfolio.PortfolioDetail?.Id).toBe(stack.physicalId('AWS::ServiceCatalog::Portfolio'));
      expect(portfolio.PortfolioDetail?.DisplayName).toBe('Engineering environments');
      const options = (portfolio.TagOptions ?? []).map((o) => `${o.Key ?? ''}=${o.Value ?? ''}`).sort();
      expect(options).toEqual(
        [
          'oar:env=dev',
          'oar:env=staging',
          'oar:env=prod',
          'team=platform',
          'expires-after=7d',
          'expires-after=30d',
          'expires-after=90d',
          'expires-after=never',
        ].sort(),
      );
      expect((portfolio.TagOptions ?? []).every((o) => o.Active === true)).toBe(true);
    },
    'tags-chosen-from-fixed-lists',
  ),

  readBack(
    'The template bucket is private, TLS-only and versioned, and keeps old versions for a year',
    async (stack) => {
      const s3 = new S3Client({ ...stack.aws, forcePathStyle: true });
      const bucket = stack.outputs['TemplateBucketName'];
      expect((await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }))).Status).toBe('Enabled');
      const block = (await s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket }))).PublicAccessBlockConfiguration;
      expect(block).toEqual({
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      });
      const { Rules = [] } = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }));
      expect(Rules.map((r) => r.NoncurrentVersionExpiration?.NoncurrentDays)).toContain(365);
      const policy = JSON.parse((await s3.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy ?? '{}') as {
        Statement: Statement[];
      };
      expect(policy.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    },
    'template-bucket-versioned-and-private',
  ),

  readBack(
    'The events topic is encrypted with a rotating key, and CloudFormation may publish to it only for this account',
    async (stack) => {
      const sns = new SNSClient(stack.aws);
      const topic = stack.outputs['NotificationTopicArn'];
      const { Attributes = {} } = await sns.send(new GetTopicAttributesCommand({ TopicArn: topic }));
      const keyId = stack.physicalId('AWS::KMS::Key');
      expect(Attributes['KmsMasterKeyId']).toMatch(new RegExp(`:key/${keyId}$`, 'u'));
      const kms = new KMSClient(stack.aws);
      expect((await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).KeyRotationEnabled).toBe(true);
      const policy = JSON.parse(Attributes['Policy'] ?? '{}') as { Statement: Statement[] };
      const fromCloudFormation = policy.Statement.filter(
        (s) => JSON.stringify(s.Principal) === '{"Service":"cloudformation.amazonaws.com"}',
      );
      expect(fromCloudFormation).toHaveLength(1);
      expect(fromCloudFormation[0]?.Condition).toEqual({ StringEquals: { 'aws:SourceAccount': accountOf(stack) } });
    },
    'events-topic-encrypted-for-this-account',
  ),

  readBack(
    'Only Service Catalog can assume the launch role, on behalf of this account',
    async (stack) => {
      const iam = new IAMClient(stack.aws);
      const name = stack.physicalId('AWS::IAM::Role', 'LaunchRole');
      const { Role } = await iam.send(new GetRoleCommand({ RoleName: name }));
      expect(Role?.Arn).toBe(stack.outputs['LaunchRoleArn']);
      const trust = document(Role?.AssumeRolePolicyDocument);
      expect(trust.Statement).toEqual([
        {
          Effect: 'Allow',
          Principal: { Service: 'servicecatalog.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEqualsIfExists: { 'aws:SourceAccount': accountOf(stack) } },
        },
      ]);
    },
    'launch-role-assumed-only-by-service-catalog',
  ),

  readBack(
    'The product role boundary allows everything but IAM, STS, organization, account, Identity Center and Service Catalog administration',
    async (stack) => {
      const iam = new IAMClient(stack.aws);
      const arn = stack.physicalId('AWS::IAM::ManagedPolicy', 'ProductRoleBoundary');
      const { Policy } = await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
      expect(Policy?.PolicyName).toBe(stack.outputs['ProductRoleBoundaryName']);
      const version = await iam.send(
        new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: Policy?.DefaultVersionId }),
      );
      const { Statement } = document(version.PolicyVersion?.Document);
      const everythingBut = Statement.find((s) => s.NotAction !== undefined);
      expect(everythingBut?.Effect).toBe('Allow');
      expect([...(everythingBut?.NotAction ?? [])].sort()).toEqual(
        [
          'iam:*',
          'sts:*',
          'organizations:*',
          'account:*',
          'sso:*',
          'sso-directory:*',
          'identitystore:*',
          'servicecatalog:*',
        ].sort(),
      );
    },
    'boundary-leaves-out-identity-administration',
  ),
];

// The fork's defaults in architecture.yaml, which the emulator suite deploys with.
const GRACE_DAYS = 2;
const TIMEZONE = 'UTC';
const MONTHLY_BUDGET_USD = 1000;

async function schedules(stack: DeployedStack) {
  const client = new SchedulerClient(stack.aws);
  const { Schedules = [] } = await client.send(new ListSchedulesCommand({}));
  return Promise.all(
    Schedules.map((s) => client.send(new GetScheduleCommand({ Name: s.Name, GroupName: s.GroupName }))),
  );
}

async function functionArn(stack: DeployedStack, output: string): Promise<string | undefined> {
  const lambda = new LambdaClient(stack.aws);
  const fn = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: stack.outputs[output] }));
  return fn.FunctionArn;
}

export default [
  ...parent,
  readBack(
    'EventBridge Scheduler runs the reaper every day at 06:00 in the schedule time zone',
    async (stack) => {
      const reaper = await functionArn(stack, 'ReaperFunctionName');
      const daily = (await schedules(stack)).filter((s) => s.Target?.Arn === reaper);
      expect(daily).toHaveLength(1);
      expect(daily[0]?.ScheduleExpression).toBe('cron(0 6 * * ? *)');
      expect(daily[0]?.ScheduleExpressionTimezone).toBe(TIMEZONE);
      expect(daily[0]?.State).toBe('ENABLED');
      expect(daily[0]?.Target?.RetryPolicy?.MaximumRetryAttempts).toBe(3);
    },
    'expired-environments-are-terminated',
  ),
  readBack(
    'The reaper terminates after the grace period and announces on the events topic',
    async (stack) => {
      const lambda = new LambdaClient(stack.aws);
      const fn = await lambda.send(
        new GetFunctionConfigurationCommand({ FunctionName: stack.outputs['ReaperFunctionName'] }),
      );
      expect(fn.Environment?.Variables).toEqual({
        GRACE_DAYS: String(GRACE_DAYS),
        TOPIC_ARN: stack.outputs['NotificationTopicArn'],
      });
    },
    'expired-environments-are-terminated',
  ),
  readBack(
    'Office-hours instances are stopped at 19:00 and started at 07:00, Monday to Friday',
    async (stack) => {
      const scheduler = await functionArn(stack, 'InstanceSchedulerFunctionName');
      const byInput = new Map(
        (await schedules(stack))
          .filter((s) => s.Target?.Arn === scheduler)
          .map((s) => [s.Target?.Input, s.ScheduleExpression]),
      );
      expect(byInput.get(JSON.stringify({ action: 'stop' }))).toBe('cron(0 19 ? * MON-FRI *)');
      expect(byInput.get(JSON.stringify({ action: 'start' }))).toBe('cron(0 7 ? * MON-FRI *)');
      const lambda = new LambdaClient(stack.aws);
      const fn = await lambda.send(
        new GetFunctionConfigurationCommand({ FunctionName: stack.outputs['InstanceSchedulerFunctionName'] }),
      );
      expect(fn.Environment?.Variables).toEqual({ TAG_KEY: 'schedule', TAG_VALUE: 'office-hours' });
    },
    'office-hours-instances-stop-and-start',
  ),
  readBack(
    'A monthly cost budget of monthlyBudgetUsd alerts the events topic at 80 percent forecast and 100 percent actual',
    async (stack) => {
      const { Account } = await new STSClient(stack.aws).send(new GetCallerIdentityCommand({}));
      const budgets = new BudgetsClient(stack.aws);
      const { Budget } = await budgets.send(
        new DescribeBudgetCommand({ AccountId: Account, BudgetName: stack.outputs['BudgetName'] }),
      );
      expect(Budget?.BudgetType).toBe('COST');
      expect(Budget?.TimeUnit).toBe('MONTHLY');
      expect(Number(Budget?.BudgetLimit?.Amount)).toBe(MONTHLY_BUDGET_USD);
      const { Notifications = [] } = await budgets.send(
        new DescribeNotificationsForBudgetCommand({ AccountId: Account, BudgetName: stack.outputs['BudgetName'] }),
      );
      expect(Notifications.map((n) => [n.NotificationType, n.Threshold])).toEqual([
        ['FORECASTED', 80],
        ['ACTUAL', 100],
      ]);
    },
    'budget-warns-before-the-limit',
  ),
];
