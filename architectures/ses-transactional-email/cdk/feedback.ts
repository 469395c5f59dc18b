import { readFileSync } from 'node:fs';
import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** The repository's limit for inline code, kept so the template stays readable. */
export const INLINE_CODE_LIMIT = 4096;

/** The handler as it ships inline: lambda/index.js without comment lines and indentation (CommonJS index.js). */
export function inlineHandlerSource(): string {
  return readFileSync(new URL('../lambda/index.js', import.meta.url), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('//') && !line.startsWith('/*'))
    .join('\n');
}

/** The table calls the handler makes, and nothing else. */
export const TABLE_ACTIONS = ['dynamodb:UpdateItem'];

/** A failed batch item is retried this often before it lands in the dead-letter queue. */
export const MAX_RECEIVE_COUNT = 5;

export interface FeedbackProps {
  /** The configuration set whose events SES publishes to the topic; the topic and key name it. */
  readonly configurationSetName: string;
  readonly softBounceLimit: number;
  readonly softBounceWindowDays: number;
  readonly retainTable: boolean;
  readonly functionLogGroup: logs.ILogGroup;
}

/**
 * The bounce and complaint path: an encrypted SNS topic that only SES, for this configuration set and account,
 * may publish to; an encrypted SQS queue subscribed with raw delivery, with a dead-letter queue; the function
 * that reads it in batches and keeps the suppression table, and puts repeatedly soft-bouncing addresses on
 * SES's account-level suppression list.
 */
export class Feedback extends Construct {
  readonly key: kms.Key;
  readonly topic: sns.Topic;
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly table: dynamodb.Table;
  readonly fn: lambda.Function;

  constructor(scope: Construct, id: string, props: FeedbackProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const topicName = `${stack.stackName}-ses-feedback`;
    const topicArn = stack.formatArn({ service: 'sns', resource: topicName });
    const configurationSetArn = stack.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: props.configurationSetName,
    });

    // One key for the topic and both queues. SES must be able to use it to publish to the encrypted topic, and
    // SNS to deliver to the encrypted queue; each only on behalf of this account's set and topic.
    this.key = new kms.Key(this, 'Key', {
      description: `Encrypts the SES feedback topic and queues of ${stack.stackName}`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(7),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'SesPublishesEventsOfThisConfigurationSet',
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': configurationSetArn },
        },
      }),
    );
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'SnsDeliversFromTheFeedbackTopic',
        principals: [new iam.ServicePrincipal('sns.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { ArnEquals: { 'aws:SourceArn': topicArn } },
      }),
    );

    this.topic = new sns.Topic(this, 'Topic', {
      topicName,
      displayName: 'SES bounce and complaint events',
      masterKey: this.key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'SesPublishesEventsOfThisConfigurationSet',
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': configurationSetArn },
        },
      }),
    );

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This is the dead-letter queue of the feedback queue; events that failed five times wait here for the runbook.',
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      // Six times the function timeout, as Lambda advises for SQS event sources.
      visibilityTimeout: Duration.seconds(180),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });
    this.topic.addSubscription(new subscriptions.SqsSubscription(this.queue, { rawMessageDelivery: true }));

    this.table = new dynamodb.Table(this, 'SuppressionTable', {
      partitionKey: { name: 'address', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 35 },
      // Soft-bounce counters expire after the window; suppressed addresses never do.
      timeToLiveAttribute: 'expiresAt',
      deletionProtection: props.retainTable,
      removalPolicy: props.retainTable ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    const role = new iam.Role(this, 'FunctionRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Feedback function of ${stack.stackName}: reads its queue, updates its table, suppresses in SES`,
    });
    props.functionLogGroup.grantWrite(role);
    role.addToPolicy(
      new iam.PolicyStatement({ sid: 'SuppressionTable', actions: TABLE_ACTIONS, resources: [this.table.tableArn] }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'AccountLevelSuppressionList',
        actions: ['ses:PutSuppressedDestination'],
        resources: ['*'],
      }),
    );
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'ses:PutSuppressedDestination acts on the account-level suppression list, which has no resource type; IAM accepts only * for it. The table and log statements name their resources.',
    });

    const source = inlineHandlerSource();
    if (source.length > INLINE_CODE_LIMIT) {
      throw new Error(`lambda/index.js ships ${source.length} characters inline, over ${INLINE_CODE_LIMIT}`);
    }
    this.fn = new lambda.Function(this, 'Function', {
      description: `Bounce and complaint handling of ${stack.stackName}`,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromInline(source),
      role,
      logGroup: props.functionLogGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      memorySize: 256,
      timeout: Duration.seconds(30),
      environment: {
        TABLE_NAME: this.table.tableName,
        SOFT_BOUNCE_LIMIT: String(props.softBounceLimit),
        SOFT_BOUNCE_WINDOW_DAYS: String(props.softBounceWindowDays),
      },
    });
    this.fn.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: 10,
        maxBatchingWindow: Duration.seconds(5),
        reportBatchItemFailures: true,
      }),
    );
  }

}
