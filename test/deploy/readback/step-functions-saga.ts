import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeArchiveCommand,
  EventBridgeClient,
  ListRulesCommand,
  ListTargetsByRuleCommand,
} from '@aws-sdk/client-eventbridge';
import { DescribeStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { expect } from 'vitest';
import type { DeployedStack } from '../readback.ts';
import { readBack } from '../readback.ts';

/** architecture.yaml's defaults, which the suite's deploy uses. */
const RETRY_ATTEMPTS = 3;
const RETRY_INTERVAL_SECONDS = 2;
const TIMEOUT_SECONDS = 15 * 60;
const ARCHIVE_DAYS = 30;

interface State {
  Type: string;
  Next?: string;
  Retry?: {
    ErrorEquals: string[];
    MaxAttempts: number;
    BackoffRate: number;
    IntervalSeconds: number;
    JitterStrategy?: string;
  }[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
  Parameters?: Record<string, unknown>;
}

async function machine(stack: DeployedStack) {
  const sfn = new SFNClient(stack.aws);
  return sfn.send(new DescribeStateMachineCommand({ stateMachineArn: stack.outputs['StateMachineArn'] }));
}

async function states(stack: DeployedStack): Promise<{ TimeoutSeconds?: number; States: Record<string, State> }> {
  return JSON.parse((await machine(stack)).definition ?? '{}') as {
    TimeoutSeconds?: number;
    States: Record<string, State>;
  };
}

/** The participant actions run after a step's catch, in order. */
function compensationsAfter(d: { States: Record<string, State> }, step: string): unknown[] {
  const out: unknown[] = [];
  let next = d.States[step]?.Catch?.find((c) => c.ErrorEquals.includes('States.ALL'))?.Next;
  while (next !== undefined) {
    const action = d.States[next]?.Parameters?.['action'];
    if (action !== undefined) out.push(action);
    next = d.States[next]?.Next;
  }
  return out;
}

export default [
  readBack(
    'The saga is a Standard state machine with X-Ray tracing, logging every step without execution data, and a 15-minute timeout',
    async (stack) => {
      const m = await machine(stack);
      expect(m.type).toBe('STANDARD');
      expect(m.tracingConfiguration?.enabled).toBe(true);
      expect(m.loggingConfiguration?.level).toBe('ALL');
      expect(m.loggingConfiguration?.includeExecutionData).toBe(false);
      expect(m.loggingConfiguration?.destinations?.[0]?.cloudWatchLogsLogGroup?.logGroupArn).toContain(
        `:log-group:${stack.outputs['SagaLogGroupName']}`,
      );
      expect((await states(stack)).TimeoutSeconds).toBe(TIMEOUT_SECONDS);
    },
    'standard-workflow-with-timeout',
  ),
  readBack(
    'Each step retries transient errors 3 times from 2 seconds with backoff rate 2 and full jitter; each compensation 6 times',
    async (stack) => {
      const d = await states(stack);
      for (const [name, attempts] of [
        ['ReserveInventory', RETRY_ATTEMPTS],
        ['ChargePayment', RETRY_ATTEMPTS],
        ['ArrangeShipping', RETRY_ATTEMPTS],
        ['RefundPayment', RETRY_ATTEMPTS * 2],
        ['ReleaseInventory', RETRY_ATTEMPTS * 2],
      ] as const) {
        const [retry] = d.States[name]?.Retry ?? [];
        expect(retry?.MaxAttempts, name).toBe(attempts);
        expect(retry?.IntervalSeconds, name).toBe(RETRY_INTERVAL_SECONDS);
        expect(retry?.BackoffRate, name).toBe(2);
        expect(retry?.JitterStrategy, name).toBe('FULL');
        expect(retry?.ErrorEquals, name).not.toContain('States.ALL');
      }
    },
    'steps-retry-with-backoff',
  ),
  readBack(
    'A failed payment releases the inventory; a failed shipment refunds, then releases; both publish OrderFailed',
    async (stack) => {
      const d = await states(stack);
      expect(compensationsAfter(d, 'ChargePayment')).toEqual(['release', 'finish']);
      expect(compensationsAfter(d, 'ArrangeShipping')).toEqual(['refund', 'release', 'finish']);
      expect(compensationsAfter(d, 'ReserveInventory')).toEqual(['finish']);
    },
    'failed-steps-are-compensated',
  ),
  readBack(
    'OrderPlaced on the bus starts the saga; EventBridge retries 185 times over 24 hours, then sends the event to the dead-letter queue',
    async (stack) => {
      const eb = new EventBridgeClient(stack.aws);
      const EventBusName = stack.outputs['EventBusName'];
      const { Rules = [] } = await eb.send(new ListRulesCommand({ EventBusName }));
      // Besides the archive's own managed rule, one rule: OrderPlaced from the order service.
      const ours = Rules.filter((r) => !(r.Name ?? '').startsWith('Events-Archive-'));
      expect(ours).toHaveLength(1);
      const [rule] = ours;
      expect(JSON.parse(rule?.EventPattern ?? '{}')).toEqual({
        source: ['shop.orders'],
        'detail-type': ['OrderPlaced'],
      });
      const { Targets = [] } = await eb.send(new ListTargetsByRuleCommand({ Rule: rule?.Name, EventBusName }));
      expect(Targets).toHaveLength(1);
      expect(Targets[0]?.Arn).toBe(stack.outputs['StateMachineArn']);
      expect(Targets[0]?.RetryPolicy).toEqual({ MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 });
      const queueName = (stack.outputs['StartFailuresQueueUrl'] ?? '').split('/').pop() ?? '';
      expect(Targets[0]?.DeadLetterConfig?.Arn).toMatch(new RegExp(`:${queueName}$`, 'u'));
    },
    'rule-retries-then-dlq',
  ),
  readBack(
    'The bus archive keeps order events 30 days for replay',
    async (stack) => {
      const eb = new EventBridgeClient(stack.aws);
      const archive = await eb.send(
        new DescribeArchiveCommand({ ArchiveName: stack.physicalId('AWS::Events::Archive') }),
      );
      expect(archive.RetentionDays).toBe(ARCHIVE_DAYS);
      expect(archive.EventSourceArn).toContain(`:event-bus/${stack.outputs['EventBusName']}`);
    },
    'events-in-and-out',
  ),
  readBack(
    'Idempotency keys expire through a TTL on expiresAt; the ledger has deletion protection and point-in-time recovery',
    async (stack) => {
      const ddb = new DynamoDBClient(stack.aws);
      const ttl = await ddb.send(new DescribeTimeToLiveCommand({ TableName: stack.outputs['IdempotencyTableName'] }));
      expect(ttl.TimeToLiveDescription?.AttributeName).toBe('expiresAt');
      expect(ttl.TimeToLiveDescription?.TimeToLiveStatus).toBe('ENABLED');
      const TableName = stack.outputs['LedgerTableName'];
      const { Table: ledger } = await ddb.send(new DescribeTableCommand({ TableName }));
      expect(ledger?.DeletionProtectionEnabled).toBe(true);
      const backups = await ddb.send(new DescribeContinuousBackupsCommand({ TableName }));
      expect(backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus).toBe(
        'ENABLED',
      );
    },
    'ledger-retained',
  ),
  readBack(
    'Both queues are encrypted and keep messages 14 days, and an alarm fires at the first message in each',
    async (stack) => {
      const sqs = new SQSClient(stack.aws);
      const cw = new CloudWatchClient(stack.aws);
      const { MetricAlarms = [] } = await cw.send(
        new DescribeAlarmsCommand({ AlarmNames: stack.physicalIds('AWS::CloudWatch::Alarm') }),
      );
      for (const output of ['StartFailuresQueueUrl', 'CompensationFailuresQueueUrl']) {
        const QueueUrl = stack.outputs[output] ?? '';
        const { Attributes = {} } = await sqs.send(
          new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }),
        );
        expect(Attributes['SqsManagedSseEnabled'], output).toBe('true');
        expect(Attributes['MessageRetentionPeriod'], output).toBe(String(14 * 24 * 3600));
        const name = QueueUrl.split('/').pop();
        const alarm = MetricAlarms.find((a) => a.Dimensions?.some((x) => x.Name === 'QueueName' && x.Value === name));
        expect(alarm?.MetricName, output).toBe('ApproximateNumberOfMessagesVisible');
        expect(alarm?.Threshold, output).toBe(1);
        expect(alarm?.ComparisonOperator, output).toBe('GreaterThanOrEqualToThreshold');
      }
    },
    'compensation-failures-reach-a-person',
  ),
];
