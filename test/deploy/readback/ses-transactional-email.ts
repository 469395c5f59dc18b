import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeContinuousBackupsCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetFunctionConfigurationCommand, LambdaClient, ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import { GetConfigurationSetCommand, GetEmailIdentityCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import {
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  SNSClient,
} from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { expect } from 'vitest';
import { readBack, type DeployedStack } from '../readback.ts';

// The defaults in architecture.yaml, which the emulator suite deploys with.
const DOMAIN = 'example.com';
const MAX_DELIVERY_MINUTES = 60;
const SOFT_BOUNCE_LIMIT = 3;
const SOFT_BOUNCE_WINDOW_DAYS = 7;
const BOUNCE_RATE_ALARM = 0.04;
const COMPLAINT_RATE_ALARM = 0.0008;

interface Statement {
  readonly Effect: string;
  readonly Principal?: unknown;
  readonly Action?: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

async function queueAttributes(stack: DeployedStack, url: string): Promise<Record<string, string>> {
  const sqs = new SQSClient(stack.aws);
  const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
  return Attributes;
}

async function alarm(stack: DeployedStack, metric: string) {
  const cw = new CloudWatchClient(stack.aws);
  const { MetricAlarms = [] } = await cw.send(new DescribeAlarmsCommand({}));
  const found = MetricAlarms.filter((a) => a.MetricName === metric);
  expect(found, `alarms on ${metric}`).toHaveLength(1);
  return found[0];
}

export default [
  readBack(
    'The configuration set publishes reputation metrics, suppresses hard bounces and complaints, and stops retrying after maxDeliveryMinutes',
    async (stack) => {
      const ses = new SESv2Client(stack.aws);
      const set = await ses.send(
        new GetConfigurationSetCommand({ ConfigurationSetName: stack.outputs['ConfigurationSetName'] }),
      );
      expect(set.ReputationOptions?.ReputationMetricsEnabled).toBe(true);
      expect(set.SendingOptions?.SendingEnabled).toBe(true);
      expect([...(set.SuppressionOptions?.SuppressedReasons ?? [])].sort()).toEqual(['BOUNCE', 'COMPLAINT']);
      expect(set.DeliveryOptions?.MaxDeliverySeconds).toBe(MAX_DELIVERY_MINUTES * 60);
      expect(set.DeliveryOptions?.TlsPolicy).toBe('OPTIONAL');
    },
    'ses-suppresses-hard-bounces-and-complaints',
  ),
  readBack(
    'The domain signs with Easy DKIM at 2048 bits, uses the configuration set by default, and its three DKIM records are the identity tokens',
    async (stack) => {
      const ses = new SESv2Client(stack.aws);
      const identity = await ses.send(new GetEmailIdentityCommand({ EmailIdentity: DOMAIN }));
      expect(identity.IdentityType).toBe('DOMAIN');
      expect(identity.ConfigurationSetName).toBe(stack.outputs['ConfigurationSetName']);
      expect(identity.DkimAttributes?.SigningEnabled).toBe(true);
      expect(identity.DkimAttributes?.SigningAttributesOrigin).toBe('AWS_SES');
      expect(identity.DkimAttributes?.NextSigningKeyLength).toBe('RSA_2048_BIT');
      const tokens = identity.DkimAttributes?.Tokens ?? [];
      expect(tokens).toHaveLength(3);
      tokens.forEach((token, i) => {
        expect(stack.outputs[`DkimRecord${i + 1}`]).toBe(
          `${token}._domainkey.${DOMAIN} CNAME ${token}.dkim.amazonses.com`,
        );
      });
      expect(stack.outputs['MailFromDomain']).toBe(`bounce.${DOMAIN}`);
    },
    'domain-is-authenticated',
  ),
  readBack(
    'Only SES, for this account and configuration set, may publish to the KMS-encrypted feedback topic, which delivers raw messages to the feedback queue',
    async (stack) => {
      const sns = new SNSClient(stack.aws);
      const topicArn = stack.outputs['FeedbackTopicArn'];
      const { Attributes = {} } = await sns.send(new GetTopicAttributesCommand({ TopicArn: topicArn }));
      expect(Attributes['KmsMasterKeyId']).toBeTruthy();
      const statements = (JSON.parse(Attributes['Policy'] ?? '{}') as { Statement: Statement[] }).Statement;
      const allows = statements.filter((s) => s.Effect === 'Allow');
      expect(allows).toHaveLength(1);
      expect(allows[0]?.Principal).toEqual({ Service: 'ses.amazonaws.com' });
      expect(allows[0]?.Condition?.['StringEquals']?.['aws:SourceAccount']).toMatch(/^\d{12}$/u);
      expect(allows[0]?.Condition?.['ArnLike']?.['aws:SourceArn']).toMatch(
        new RegExp(`:ses:[a-z0-9-]+:\\d{12}:configuration-set/${stack.outputs['ConfigurationSetName']}$`, 'u'),
      );
      const { Subscriptions = [] } = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
      expect(Subscriptions).toHaveLength(1);
      expect(Subscriptions[0]?.Protocol).toBe('sqs');
      const queue = await queueAttributes(stack, stack.outputs['FeedbackQueueUrl'] ?? '');
      expect(Subscriptions[0]?.Endpoint).toBe(queue['QueueArn']);
      const sub = await sns.send(
        new GetSubscriptionAttributesCommand({ SubscriptionArn: Subscriptions[0]?.SubscriptionArn }),
      );
      expect(sub.Attributes?.['RawMessageDelivery']).toBe('true');
    },
    'only-ses-publishes-feedback',
  ),
  readBack(
    'The feedback queue invokes the function with partial batch failures and hands an event that failed five times to a dead-letter queue that keeps it 14 days',
    async (stack) => {
      const queue = await queueAttributes(stack, stack.outputs['FeedbackQueueUrl'] ?? '');
      const dlq = await queueAttributes(stack, stack.outputs['DeadLetterQueueUrl'] ?? '');
      const redrive = JSON.parse(queue['RedrivePolicy'] ?? '{}') as {
        deadLetterTargetArn?: string;
        maxReceiveCount?: number | string;
      };
      expect(redrive.deadLetterTargetArn).toBe(dlq['QueueArn']);
      expect(Number(redrive.maxReceiveCount)).toBe(5);
      expect(dlq['MessageRetentionPeriod']).toBe(String(14 * 86_400));
      expect(queue['KmsMasterKeyId']).toBeTruthy();
      const lambda = new LambdaClient(stack.aws);
      const { EventSourceMappings = [] } = await lambda.send(
        new ListEventSourceMappingsCommand({ FunctionName: stack.outputs['FunctionName'] }),
      );
      expect(EventSourceMappings).toHaveLength(1);
      expect(EventSourceMappings[0]?.EventSourceArn).toBe(queue['QueueArn']);
      expect(EventSourceMappings[0]?.BatchSize).toBe(10);
      expect(EventSourceMappings[0]?.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    },
    'failed-events-are-kept',
  ),
  readBack(
    'The function counts soft bounces against softBounceLimit over softBounceWindowDays, in the suppression table',
    async (stack) => {
      const lambda = new LambdaClient(stack.aws);
      const fn = await lambda.send(
        new GetFunctionConfigurationCommand({ FunctionName: stack.outputs['FunctionName'] }),
      );
      expect(fn.Environment?.Variables).toMatchObject({
        TABLE_NAME: stack.outputs['SuppressionTableName'],
        SOFT_BOUNCE_LIMIT: String(SOFT_BOUNCE_LIMIT),
        SOFT_BOUNCE_WINDOW_DAYS: String(SOFT_BOUNCE_WINDOW_DAYS),
      });
      expect(fn.Runtime).toBe('nodejs24.x');
    },
    'soft-bounces-are-suppressed-after-the-limit',
  ),
  readBack(
    "Alarms watch the account's bounce and complaint rates below SES's review rates of 5 and 0.1 percent",
    async (stack) => {
      const bounce = await alarm(stack, 'Reputation.BounceRate');
      const complaint = await alarm(stack, 'Reputation.ComplaintRate');
      expect(bounce?.Namespace).toBe('AWS/SES');
      expect(bounce?.Threshold).toBe(BOUNCE_RATE_ALARM);
      expect(complaint?.Threshold).toBe(COMPLAINT_RATE_ALARM);
      expect(bounce?.Dimensions ?? []).toEqual([]);
      expect(bounce?.ComparisonOperator).toBe('GreaterThanThreshold');
    },
    'reputation-alarms-fire-below-review-rates',
  ),
  readBack(
    'The suppression table has point-in-time recovery, deletion protection and a TTL for soft-bounce counters',
    async (stack) => {
      const db = new DynamoDBClient(stack.aws);
      const name = stack.outputs['SuppressionTableName'];
      const { Table } = await db.send(new DescribeTableCommand({ TableName: name }));
      expect(Table?.KeySchema).toEqual([{ AttributeName: 'address', KeyType: 'HASH' }]);
      expect(Table?.DeletionProtectionEnabled).toBe(true);
      expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
      const { ContinuousBackupsDescription } = await db.send(new DescribeContinuousBackupsCommand({ TableName: name }));
      expect(ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus).toBe('ENABLED');
    },
    'table-is-protected-and-recoverable',
  ),
];
