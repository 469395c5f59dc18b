import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { LambdaClient, ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
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
const MAX_RECEIVE_COUNT = 5;
const MESSAGE_RETENTION_DAYS = 4;
const MAX_CONCURRENCY = 5;
const OLDEST_MESSAGE_ALARM_SECONDS = 600;
const DAY = 86_400;

interface Statement {
  readonly Effect: string;
  readonly Principal?: unknown;
  readonly Action?: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/** An output of `consumer=value` pairs, as a map. */
function pairs(stack: DeployedStack, output: string): Map<string, string> {
  const text = stack.outputs[output] ?? '';
  return new Map(text.split(',').map((pair) => pair.split('=', 2) as [string, string]));
}

async function queueAttributes(stack: DeployedStack, url: string): Promise<Record<string, string>> {
  const sqs = new SQSClient(stack.aws);
  const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
  return Attributes;
}

async function statementsOf(stack: DeployedStack, url: string): Promise<Statement[]> {
  const policy = (await queueAttributes(stack, url))['Policy'];
  expect(policy, `${url} has no queue policy`).toBeDefined();
  return (JSON.parse(policy ?? '{}') as { Statement: Statement[] }).Statement;
}

const refusesPlainHttp = (statements: Statement[]) =>
  statements.some(
    (s) =>
      s.Effect === 'Deny' &&
      JSON.stringify(s.Condition) === JSON.stringify({ Bool: { 'aws:SecureTransport': 'false' } }),
  );

/** Every queue of the stack: consumer queues, their dead-letter queues and their subscription dead-letter queues. */
function allQueueUrls(stack: DeployedStack): string[] {
  return stack.physicalIds('AWS::SQS::Queue');
}

export default [
  readBack(
    'Every consumer queue and subscription dead-letter queue lets only SNS send, only from the events topic, and every queue refuses plain HTTP',
    async (stack) => {
      const topic = stack.outputs['TopicArn'];
      const fromTopic = [
        ...pairs(stack, 'QueueUrls').values(),
        ...pairs(stack, 'SubscriptionDeadLetterQueueUrls').values(),
      ];
      expect(fromTopic).toHaveLength(6);
      for (const url of fromTopic) {
        const allows = (await statementsOf(stack, url)).filter((s) => s.Effect === 'Allow');
        expect(allows, url).toHaveLength(1);
        expect(allows[0]?.Principal).toEqual({ Service: 'sns.amazonaws.com' });
        expect(allows[0]?.Action).toBe('sqs:SendMessage');
        expect(allows[0]?.Condition).toEqual({ ArnEquals: { 'aws:SourceArn': topic } });
      }
      const queues = allQueueUrls(stack);
      expect(queues).toHaveLength(9);
      for (const url of queues)
        expect(refusesPlainHttp(await statementsOf(stack, url)), `${url} accepts plain HTTP`).toBe(true);
    },
    'queues-admit-only-the-topic',
  ),
  readBack(
    'Each consumer queue moves a message to its own dead-letter queue after maxReceiveCount receives',
    async (stack) => {
      const dlqs = pairs(stack, 'DeadLetterQueueArns');
      for (const [consumer, url] of pairs(stack, 'QueueUrls')) {
        const redrive = JSON.parse((await queueAttributes(stack, url))['RedrivePolicy'] ?? '{}') as Record<
          string,
          unknown
        >;
        expect(redrive['deadLetterTargetArn'], consumer).toBe(dlqs.get(consumer));
        expect(Number(redrive['maxReceiveCount']), consumer).toBe(MAX_RECEIVE_COUNT);
      }
      expect(new Set(dlqs.values()).size).toBe(3);
    },
    'dead-letter-queue-per-consumer',
  ),
  readBack(
    "Each subscription delivers raw messages to its consumer's queue and parks undeliverable ones in that consumer's own dead-letter queue",
    async (stack) => {
      const sns = new SNSClient(stack.aws);
      const { Subscriptions = [] } = await sns.send(
        new ListSubscriptionsByTopicCommand({ TopicArn: stack.outputs['TopicArn'] }),
      );
      const parking = pairs(stack, 'SubscriptionDeadLetterQueueUrls');
      const queues = pairs(stack, 'QueueUrls');
      expect(Subscriptions).toHaveLength(queues.size);
      for (const [consumer, url] of queues) {
        const queueArn = (await queueAttributes(stack, url))['QueueArn'];
        const subscription = Subscriptions.find((s) => s.Endpoint === queueArn);
        expect(subscription?.Protocol, `no SQS subscription delivers to the ${consumer} queue`).toBe('sqs');
        const { Attributes = {} } = await sns.send(
          new GetSubscriptionAttributesCommand({ SubscriptionArn: subscription?.SubscriptionArn }),
        );
        expect(Attributes['RawMessageDelivery'], consumer).toBe('true');
        const parkingArn = (await queueAttributes(stack, parking.get(consumer) ?? ''))['QueueArn'];
        expect(JSON.parse(Attributes['RedrivePolicy'] ?? '{}'), consumer).toEqual({ deadLetterTargetArn: parkingArn });
      }
    },
    'subscription-dead-letter-queues',
  ),
  readBack(
    'Consumer queues keep messages for messageRetentionDays, both kinds of dead-letter queue for 14 days',
    async (stack) => {
      for (const url of pairs(stack, 'QueueUrls').values())
        expect(Number((await queueAttributes(stack, url))['MessageRetentionPeriod'])).toBe(
          MESSAGE_RETENTION_DAYS * DAY,
        );
      const dlqs = [...pairs(stack, 'SubscriptionDeadLetterQueueUrls').values()];
      dlqs.push(...allQueueUrls(stack).filter((url) => url.endsWith('-dlq') && !url.endsWith('-sns-dlq')));
      expect(dlqs).toHaveLength(6);
      for (const url of dlqs)
        expect(Number((await queueAttributes(stack, url))['MessageRetentionPeriod']), url).toBe(14 * DAY);
    },
    'queues-keep-messages',
  ),
  readBack(
    'Both topics and every queue are encrypted with the stack key',
    async (stack) => {
      const key = stack.outputs['KmsKeyArn'];
      const sns = new SNSClient(stack.aws);
      for (const topic of [stack.outputs['TopicArn'], stack.outputs['AlarmTopicArn']]) {
        const { Attributes = {} } = await sns.send(new GetTopicAttributesCommand({ TopicArn: topic }));
        expect(Attributes['KmsMasterKeyId'], topic).toBe(key);
      }
      for (const url of allQueueUrls(stack))
        expect((await queueAttributes(stack, url))['KmsMasterKeyId'], url).toBe(key);
    },
    'encrypted-with-the-stack-key',
  ),
  readBack('The events topic refuses publishing over plain HTTP', async (stack) => {
    const sns = new SNSClient(stack.aws);
    const { Attributes = {} } = await sns.send(new GetTopicAttributesCommand({ TopicArn: stack.outputs['TopicArn'] }));
    const statements = (JSON.parse(Attributes['Policy'] ?? '{}') as { Statement: Statement[] }).Statement;
    expect(refusesPlainHttp(statements.filter((s) => s.Action === 'sns:Publish'))).toBe(true);
  }),
  readBack(
    "Each consumer's dead-letter queue and backlog age are watched by alarms that notify the alarm topic",
    async (stack) => {
      const cw = new CloudWatchClient(stack.aws);
      const { MetricAlarms = [] } = await cw.send(
        new DescribeAlarmsCommand({ AlarmNames: stack.physicalIds('AWS::CloudWatch::Alarm') }),
      );
      const alarmTopic = stack.outputs['AlarmTopicArn'];
      const dlqNames = [...pairs(stack, 'DeadLetterQueueArns').values()].map((arn) => arn.split(':').pop());
      for (const [consumer, url] of pairs(stack, 'QueueUrls')) {
        const on = (metric: string, queue: string) =>
          MetricAlarms.filter(
            (a) => a.MetricName === metric && a.Dimensions?.some((d) => d.Name === 'QueueName' && d.Value === queue),
          );
        const queueName = url.split('/').pop() ?? '';
        const backlog = on('ApproximateAgeOfOldestMessage', queueName);
        expect(backlog, consumer).toHaveLength(1);
        expect(backlog[0]?.Threshold).toBe(OLDEST_MESSAGE_ALARM_SECONDS);
        expect(dlqNames).toContain(`${queueName}-dlq`);
        const dead = on('ApproximateNumberOfMessagesVisible', `${queueName}-dlq`);
        expect(dead, consumer).toHaveLength(1);
        for (const alarm of [...backlog, ...dead]) {
          expect(alarm.AlarmActions, alarm.AlarmName).toContain(alarmTopic);
          expect(alarm.OKActions, alarm.AlarmName).toContain(alarmTopic);
        }
      }
    },
    'alarms-on-dead-letters-and-backlog',
  ),
  readBack(
    'Each worker reads its queue reporting failed messages one by one',
    async (stack) => {
      const mappings = await mappingsOf(stack);
      expect(mappings).toHaveLength(3);
      for (const m of mappings) expect(m.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    },
    'one-failed-message-not-the-batch',
  ),
  readBack(
    'Each worker runs at most maxConcurrency invocations at once',
    async (stack) => {
      for (const m of await mappingsOf(stack)) expect(m.ScalingConfig?.MaximumConcurrency).toBe(MAX_CONCURRENCY);
    },
    'concurrency-capped-per-worker',
  ),
];

/** The event source mappings from the stack's consumer queues. */
async function mappingsOf(stack: DeployedStack) {
  const lambda = new LambdaClient(stack.aws);
  const arns = await Promise.all(
    [...pairs(stack, 'QueueUrls').values()].map(async (url) => (await queueAttributes(stack, url))['QueueArn']),
  );
  const { EventSourceMappings = [] } = await lambda.send(new ListEventSourceMappingsCommand({}));
  return EventSourceMappings.filter((m) => arns.includes(m.EventSourceArn));
}
