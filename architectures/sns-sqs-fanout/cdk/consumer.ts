import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface ConsumerProps {
  /** Consumer name: part of the queue, alarm and idempotency key names. */
  readonly name: string;
  readonly topic: sns.ITopic;
  /** ARN of the topic, built from its name, for conditions that must not reference the topic. */
  readonly topicArn: string;
  readonly key: kms.IKey;
  readonly table: dynamodb.ITable;
  readonly alarmTopic: sns.ITopic;
  readonly code: string;
  readonly filterPolicy: Record<string, unknown> | undefined;
  readonly filterPolicyScope: string;
  readonly maxReceiveCount: number;
  readonly visibilityTimeoutSeconds: number;
  readonly messageRetentionDays: number;
  readonly workerTimeoutSeconds: number;
  readonly workerMemoryMiB: number;
  readonly batchSize: number;
  readonly maxBatchingWindowSeconds: number;
  readonly maxConcurrency: number;
  readonly idempotencyTtlDays: number;
  readonly oldestMessageAlarmSeconds: number;
  readonly logRetention: logs.RetentionDays;
}

/**
 * One consumer of the topic: its queue and dead-letter queue, the subscription with raw delivery, an optional
 * filter policy and its own dead-letter queue, a worker function fed by the queue, and alarms on both DLQs and
 * the queue's backlog.
 */
export class Consumer extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  /** Where SNS parks a message it cannot deliver to the queue at all (the subscription's redrive policy). */
  readonly subscriptionDeadLetterQueue: sqs.Queue;
  readonly worker: lambda.Function;

  constructor(scope: Construct, id: string, props: ConsumerProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const queueName = `${stack.stackName}-${props.name}`;
    const queueArn = stack.formatArn({ service: 'sqs', resource: queueName });

    // --- Dead-letter queue: only this consumer's queue may redrive into it; kept for the SQS maximum.
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      queueName: `${queueName}-dlq`,
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.key,
      dataKeyReuse: Duration.minutes(5),
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      redriveAllowPolicy: {
        redrivePermission: sqs.RedrivePermission.BY_QUEUE,
        sourceQueues: [sqs.Queue.fromQueueArn(this, 'SourceQueue', queueArn)],
      },
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // --- The consumer's queue: after maxReceiveCount failed receives a message moves to the DLQ.
    this.queue = new sqs.Queue(this, 'Queue', {
      queueName,
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.key,
      dataKeyReuse: Duration.minutes(5),
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(props.visibilityTimeoutSeconds),
      retentionPeriod: Duration.days(props.messageRetentionDays),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // The queue policy admits the one topic, and only over TLS (enforceSSL above).
    this.queue.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'OnlyTheTopic',
        principals: [new iam.ServicePrincipal('sns.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [this.queue.queueArn],
        conditions: { ArnEquals: { 'aws:SourceArn': props.topicArn } },
      }),
    );

    // --- Subscription dead-letter queue: what SNS cannot deliver to the queue at all (a queue or key policy that
    // refuses SNS, a deleted queue) is kept here for 14 days instead of being dropped. Only the topic may send.
    this.subscriptionDeadLetterQueue = new sqs.Queue(this, 'SubscriptionDeadLetterQueue', {
      queueName: `${queueName}-sns-dlq`,
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.key,
      dataKeyReuse: Duration.minutes(5),
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.subscriptionDeadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        "This queue is the dead-letter queue of the consumer's SNS subscription (its RedrivePolicy), which cdk-nag does not recognise; a DLQ needs no DLQ of its own.",
    });
    this.subscriptionDeadLetterQueue.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'OnlyTheTopic',
        principals: [new iam.ServicePrincipal('sns.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [this.subscriptionDeadLetterQueue.queueArn],
        conditions: { ArnEquals: { 'aws:SourceArn': props.topicArn } },
      }),
    );

    // --- Subscription: raw delivery, so the body is the published message and attributes stay attributes.
    const subscription = new sns.CfnSubscription(this, 'Subscription', {
      topicArn: props.topic.topicArn,
      protocol: 'sqs',
      endpoint: this.queue.queueArn,
      rawMessageDelivery: true,
      redrivePolicy: { deadLetterTargetArn: this.subscriptionDeadLetterQueue.queueArn },
      ...(props.filterPolicy && { filterPolicy: props.filterPolicy, filterPolicyScope: props.filterPolicyScope }),
    });
    // SNS checks the queue policies on the first delivery; make sure they exist by then.
    subscription.node.addDependency(this.queue.node.findChild('Policy'));
    subscription.node.addDependency(this.subscriptionDeadLetterQueue.node.findChild('Policy'));

    // --- Worker: reads batches from the queue, reports only the failed messages back.
    const logGroup = new logs.LogGroup(this, 'WorkerLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new iam.Role(this, 'WorkerRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `sns-sqs-fanout worker ${props.name}: its queue, its log group, its own idempotency keys`,
    });
    logGroup.grantWrite(role);
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'OwnIdempotencyKeysOnly',
        actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
        resources: [props.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${props.name}#*`] } },
      }),
    );
    this.worker = new lambda.Function(this, 'Worker', {
      description: `Handles the ${props.name} queue of ${stack.stackName}, idempotently`,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromInline(props.code),
      role,
      logGroup,
      memorySize: props.workerMemoryMiB,
      timeout: Duration.seconds(props.workerTimeoutSeconds),
      environment: {
        TABLE_NAME: props.table.tableName,
        CONSUMER: props.name,
        RECORD_TTL_SECONDS: String(props.idempotencyTtlDays * 86_400),
        LOCK_SECONDS: String(props.workerTimeoutSeconds),
      },
    });
    Validations.of(this.worker).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Pinned to nodejs22.x, a supported Node.js LTS runtime, on purpose rather than following each new runtime; the handler uses only the AWS SDK v3 that the runtime bundles, so moving to a newer runtime is a one-line change to test and make before nodejs22.x is deprecated.',
    });
    this.worker.addEventSource(
      new sources.SqsEventSource(this.queue, {
        batchSize: props.batchSize,
        ...(props.maxBatchingWindowSeconds > 0 && {
          maxBatchingWindow: Duration.seconds(props.maxBatchingWindowSeconds),
        }),
        reportBatchItemFailures: true,
        maxConcurrency: props.maxConcurrency,
      }),
    );

    // --- Alarms to the alarm topic: anything in the DLQ, and a backlog older than oldestMessageAlarmSeconds.
    const notify = new cwActions.SnsAction(props.alarmTopic);
    const dlqDepth = new cloudwatch.Alarm(this, 'DeadLetterQueueAlarm', {
      alarmName: `${queueName}-dlq-not-empty`,
      alarmDescription: `Messages of ${props.name} failed ${props.maxReceiveCount} times and wait in its dead-letter queue; fix the cause, then redrive.`,
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        statistic: cloudwatch.Stats.MAXIMUM,
        period: Duration.minutes(1),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const backlogAge = new cloudwatch.Alarm(this, 'OldestMessageAlarm', {
      alarmName: `${queueName}-backlog-too-old`,
      alarmDescription: `The oldest message in the ${props.name} queue has waited more than ${props.oldestMessageAlarmSeconds} seconds: the worker is failing, throttled or too slow.`,
      metric: this.queue.metricApproximateAgeOfOldestMessage({
        statistic: cloudwatch.Stats.MAXIMUM,
        period: Duration.minutes(1),
      }),
      threshold: props.oldestMessageAlarmSeconds,
      evaluationPeriods: 5,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const undelivered = new cloudwatch.Alarm(this, 'SubscriptionDeadLetterQueueAlarm', {
      alarmName: `${queueName}-undeliverable`,
      alarmDescription: `SNS could not deliver messages to the ${props.name} queue and parked them in its subscription dead-letter queue; fix the queue or key policy, then move them to the queue.`,
      metric: this.subscriptionDeadLetterQueue.metricApproximateNumberOfMessagesVisible({
        statistic: cloudwatch.Stats.MAXIMUM,
        period: Duration.minutes(1),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    for (const alarm of [dlqDepth, backlogAge, undelivered]) {
      alarm.addAlarmAction(notify);
      alarm.addOkAction(notify);
    }
  }
}
