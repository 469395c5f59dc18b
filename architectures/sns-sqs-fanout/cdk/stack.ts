import { ArnFormat, CfnOutput, Duration, Fn, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { Consumer } from './consumer.ts';
import { INLINE_CODE_LIMIT, inlineHandlerSource, retentionOf, settingsOf } from './parameters.ts';
import type { Parameters } from './parameters.generated.ts';

export type { Parameters };

export interface SnsSqsFanoutStackProps extends StackProps {
  readonly parameters: Parameters;
}

/**
 * Event-driven fan-out: one KMS-encrypted SNS topic, a queue with its own dead-letter queue per consumer,
 * and a Lambda worker per queue that handles each message once per idempotency key.
 */
export default class SnsSqsFanoutStack extends Stack {
  constructor(scope: Construct, id: string, props: SnsSqsFanoutStackProps) {
    super(scope, id, props);
    const p = props.parameters;
    const stackName = this.stackName;
    const settings = settingsOf(p, stackName);
    const code = inlineHandlerSource();
    if (code.length > INLINE_CODE_LIMIT) {
      throw new Error(`lambda/index.js ships ${code.length} characters inline, over ${INLINE_CODE_LIMIT}; shorten it`);
    }
    // Named topics: the key policy names the events topic's ARN, and the topic names the key, without a cycle.
    const topicName = `${stackName}-events`;
    const topicArn = this.formatArn({ service: 'sns', resource: topicName });

    // --- One customer managed key for the topics, the queues and their dead-letter queues.
    const key = new kms.Key(this, 'Key', {
      description: `Encrypts the topics and queues of ${stackName}`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      // Deleting the stack deletes the queues; the key follows after the 30-day waiting period.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'SnsDeliversToTheEncryptedQueues',
        principals: [new iam.ServicePrincipal('sns.amazonaws.com')],
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { ArnEquals: { 'aws:SourceArn': topicArn } },
      }),
    );
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublishToTheEncryptedAlarmTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
      }),
    );

    // --- The events topic: publishers need sns:Publish and the key (see PublisherPolicy); TLS only.
    const topic = new sns.Topic(this, 'Topic', {
      topicName,
      displayName: `${stackName} events`,
      masterKey: key,
      enforceSSL: true,
    });

    // --- The alarm topic: CloudWatch alarms of this stack publish to it; email is optional.
    const alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      topicName: `${stackName}-alarms`,
      displayName: `${stackName} alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    alarmTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AlarmsOfThisStackOnly',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [alarmTopic.topicArn],
        conditions: {
          ArnLike: {
            'aws:SourceArn': this.formatArn({
              service: 'cloudwatch',
              resource: 'alarm',
              resourceName: `${stackName}-*`,
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
          StringEquals: { 'aws:SourceAccount': this.account },
        },
      }),
    );
    if (p.alarmEmail !== '') {
      new sns.Subscription(this, 'AlarmEmail', {
        topic: alarmTopic,
        protocol: sns.SubscriptionProtocol.EMAIL,
        endpoint: p.alarmEmail,
      });
    }

    // --- Idempotency records: <consumer>#<key>, expired by TTL; no message content is stored.
    const table = new dynamodb.Table(this, 'IdempotencyTable', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: 'expiresAt',
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Records only matter while their messages can still be delivered, which ends with the queues.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // --- One queue, dead-letter queue, worker and pair of alarms per consumer.
    const consumers = settings.consumers.map(
      (name) =>
        [
          name,
          new Consumer(this, `Consumer-${name}`, {
            name,
            topic,
            topicArn,
            key,
            table,
            alarmTopic,
            code,
            filterPolicy: settings.filterPolicies[name],
            filterPolicyScope: p.filterPolicyScope,
            maxReceiveCount: p.maxReceiveCount,
            visibilityTimeoutSeconds: settings.visibilityTimeoutSeconds,
            messageRetentionDays: p.messageRetentionDays,
            workerTimeoutSeconds: p.workerTimeoutSeconds,
            workerMemoryMiB: p.workerMemoryMiB,
            batchSize: p.batchSize,
            maxBatchingWindowSeconds: p.maxBatchingWindowSeconds,
            maxConcurrency: p.maxConcurrency,
            idempotencyTtlDays: p.idempotencyTtlDays,
            oldestMessageAlarmSeconds: p.oldestMessageAlarmSeconds,
            logRetention: retentionOf(p.logRetentionDays),
          }),
        ] as const,
    );

    // --- A message SNS could neither deliver nor park in a subscription dead-letter queue is lost: say so at once.
    const lost = new cloudwatch.Alarm(this, 'UndeliverableLostAlarm', {
      alarmName: `${stackName}-messages-lost`,
      alarmDescription:
        'SNS failed to deliver messages and also failed to move them to a subscription dead-letter queue, so they are lost; check the key and queue policies now.',
      metric: topic.metric('NumberOfNotificationsFailedToRedriveToDlq', {
        statistic: cloudwatch.Stats.SUM,
        period: Duration.minutes(5),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const notify = new cwActions.SnsAction(alarmTopic);
    lost.addAlarmAction(notify);
    lost.addOkAction(notify);

    // --- What a publishing application needs: publish to the topic, and the key to encrypt the message.
    const publisherPolicy = new iam.ManagedPolicy(this, 'PublisherPolicy', {
      description: `Publish events to ${topicName}`,
      statements: [
        new iam.PolicyStatement({ sid: 'Publish', actions: ['sns:Publish'], resources: [topic.topicArn] }),
        new iam.PolicyStatement({
          sid: 'EncryptWithTheTopicKey',
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [key.keyArn],
        }),
      ],
    });

    // --- Outputs.
    const list = (pairs: readonly (readonly [string, string])[]): string =>
      Fn.join(
        ',',
        pairs.map(([name, value]) => Fn.join('=', [name, value])),
      );
    new CfnOutput(this, 'TopicArn', { value: topic.topicArn, description: 'The events topic.' });
    new CfnOutput(this, 'PublisherPolicyArn', {
      value: publisherPolicy.managedPolicyArn,
      description: 'Managed policy for publishers.',
    });
    new CfnOutput(this, 'KmsKeyArn', { value: key.keyArn, description: 'Key of the topics and queues.' });
    new CfnOutput(this, 'QueueUrls', {
      value: list(consumers.map(([name, c]) => [name, c.queue.queueUrl])),
      description: 'consumer=queue URL pairs.',
    });
    new CfnOutput(this, 'DeadLetterQueueArns', {
      value: list(consumers.map(([name, c]) => [name, c.deadLetterQueue.queueArn])),
      description: 'consumer=dead-letter queue ARN pairs, for start-message-move-task.',
    });
    new CfnOutput(this, 'SubscriptionDeadLetterQueueUrls', {
      value: list(consumers.map(([name, c]) => [name, c.subscriptionDeadLetterQueue.queueUrl])),
      description: 'consumer=URL pairs of the queues where SNS parks messages it cannot deliver.',
    });
    new CfnOutput(this, 'WorkerFunctionNames', {
      value: list(consumers.map(([name, c]) => [name, c.worker.functionName])),
      description: 'consumer=worker function name pairs.',
    });
    new CfnOutput(this, 'IdempotencyTableName', {
      value: table.tableName,
      description: 'DynamoDB table of idempotency records.',
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarmTopic.topicArn, description: 'Topic the alarms notify.' });
  }
}
