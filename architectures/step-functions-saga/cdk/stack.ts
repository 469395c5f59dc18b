import { readFileSync } from 'node:fs';
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { LogKey, retentionOf } from './logs.ts';
import type { Parameters } from './parameters.generated.ts';
import { Saga } from './saga.ts';

export interface StepFunctionsSagaStackProps extends StackProps {
  readonly parameters: Parameters;
}

/** The events that start a saga. */
export const IN_SOURCE = 'shop.orders';
export const ORDER_PLACED = 'OrderPlaced';

/** How long EventBridge keeps retrying to start a saga, and how often, before the event goes to the DLQ. */
export const RULE_RETRY = { maxEventAgeHours: 24, attempts: 185 } as const;

/** The DynamoDB calls the participants make, and nothing else. */
export const TABLE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem'];

/** The participants as they ship inline: lambda/index.js without comment lines and indentation. */
export function inlineHandlerSource(): string {
  return readFileSync(new URL('../lambda/index.js', import.meta.url), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('//') && !line.startsWith('/*'))
    .join('\n');
}

/** An encrypted queue that refuses plain HTTP, kept 14 days: the longest SQS allows, time for a person to look. */
function holdingQueue(scope: Construct, id: string): sqs.Queue {
  const queue = new sqs.Queue(scope, id, {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(queue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason:
      'This queue is itself where failed work ends up (a dead-letter queue for events, or the hand-over of failed compensations); its alarm calls a person, and a queue behind it would only move the problem.',
  });
  return queue;
}

/**
 * A serverless saga: OrderPlaced events on an EventBridge bus start a Standard Step Functions execution, which
 * reserves inventory, charges payment and arranges shipping with retries, undoes done steps when one fails, keeps
 * idempotency keys in DynamoDB, and publishes OrderConfirmed or OrderFailed back to the bus.
 */
export default class StepFunctionsSagaStack extends Stack {
  constructor(scope: Construct, id: string, props: StepFunctionsSagaStackProps) {
    super(scope, id, props);
    const p = props.parameters;
    const stackName = Stack.of(this).stackName;
    const retention = retentionOf(p.logRetentionDays);

    // --- Logs: one key for the stack's log groups, whose names are fixed so that the key policy can name them.
    const names = { saga: `/aws/vendedlogs/states/${stackName}-orders`, participants: `/oar/${stackName}/participants` };
    const logKey = new LogKey(this, 'LogKey', { logGroupNames: Object.values(names) });
    const sagaLogs = logKey.logGroup('SagaLogs', names.saga, retention);
    const participantLogs = logKey.logGroup('ParticipantLogs', names.participants, retention);

    // --- Tables: idempotency keys with a TTL, and the participants' ledger of what was done and undone.
    const idempotency = new dynamodb.Table(this, 'IdempotencyTable', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: 'expiresAt',
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const ledger = new dynamodb.Table(this, 'LedgerTable', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: p.retainData,
      removalPolicy: p.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    // --- Participants: one function whose role may write only to the two tables and its log group.
    const role = new iam.Role(this, 'ParticipantsRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Participants of ${stackName}: writes to the idempotency and ledger tables, its log group`,
    });
    participantLogs.grantWrite(role);
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'SagaTables',
        actions: TABLE_ACTIONS,
        resources: [idempotency.tableArn, ledger.tableArn],
      }),
    );
    const participants = new lambda.Function(this, 'Participants', {
      description: `Inventory, payment and shipping steps of ${stackName}, each idempotent`,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromInline(inlineHandlerSource()),
      role,
      logGroup: participantLogs,
      loggingFormat: lambda.LoggingFormat.JSON,
      memorySize: 256,
      timeout: Duration.seconds(20),
      tracing: p.tracing ? lambda.Tracing.ACTIVE : lambda.Tracing.DISABLED,
      environment: {
        IDEMPOTENCY_TABLE: idempotency.tableName,
        LEDGER_TABLE: ledger.tableName,
        IDEMPOTENCY_TTL_DAYS: String(p.idempotencyTtlDays),
      },
    });
    // The function's GetAtt of the role already orders it after the role; only the policy needs a DependsOn.
    const rolePolicy = role.node.findChild('DefaultPolicy').node.defaultChild as iam.CfnPolicy;
    (participants.node.defaultChild as lambda.CfnFunction).addOverride('DependsOn', [this.getLogicalId(rolePolicy)]);
    if (p.tracing) {
      Validations.of(role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'xray:PutTraceSegments and xray:PutTelemetryRecords, added for active tracing, do not support resource-level permissions; the table and log group statements name their resources.',
      });
    }

    // --- Events in and out: a custom bus, an archive to replay from, the queues where failures wait for a person.
    const bus = new events.EventBus(this, 'OrdersBus', {
      eventBusName: `${stackName}-orders`,
      description: `Order events of ${stackName}`,
    });
    bus.archive('OrdersArchive', {
      description: `Every order event of ${stackName}, for replay`,
      eventPattern: { account: [Stack.of(this).account] },
      retention: Duration.days(p.archiveRetentionDays),
    });
    const ruleDlq = holdingQueue(this, 'StartFailuresDlq');
    const compensationQueue = holdingQueue(this, 'CompensationFailures');

    // --- The saga.
    const saga = new Saga(this, 'Saga', {
      participants,
      bus,
      compensationQueue,
      logGroup: sagaLogs,
      retryAttempts: p.retryAttempts,
      retryIntervalSeconds: p.retryIntervalSeconds,
      executionTimeoutMinutes: p.executionTimeoutMinutes,
      tracing: p.tracing,
    });
    const machine = saga.stateMachine;
    const machinePolicy = machine.role.node.findChild('DefaultPolicy').node.defaultChild as iam.CfnPolicy;
    (machine.node.defaultChild as sfn.CfnStateMachine).addOverride('DependsOn', [this.getLogicalId(machinePolicy)]);
    const machineRole = machine.role.node.findChild('DefaultPolicy');
    Validations.of(machineRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(participants.node.defaultChild as lambda.CfnFunction)}.Arn>:*]`,
      reason:
        'The state machine may invoke the participants function and its versions (ARN:*), which Step Functions needs to call a qualified function; it names this one function.',
    });
    Validations.of(machineRole).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Step Functions needs logs:CreateLogDelivery and related calls, and xray:PutTraceSegments with tracing, on *: these APIs have no resource-level permissions; every other statement names its resource.',
    });

    const rule = new events.Rule(this, 'OrderPlacedRule', {
      eventBus: bus,
      description: `Starts one ${stackName} saga per OrderPlaced event`,
      eventPattern: { source: [IN_SOURCE], detailType: [ORDER_PLACED] },
    });
    rule.addTarget(
      new targets.SfnStateMachine(machine, {
        deadLetterQueue: ruleDlq,
        retryAttempts: RULE_RETRY.attempts,
        maxEventAge: Duration.hours(RULE_RETRY.maxEventAgeHours),
      }),
    );

    // --- Alarms, with an optional SNS topic to notify.
    const alarmAction =
      p.alarmTopicArn === '' ? undefined : new actions.SnsAction(sns.Topic.fromTopicArn(this, 'AlarmTopic', p.alarmTopicArn));
    const depth = (queue: sqs.Queue) =>
      queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: Duration.minutes(1) });
    const alarms = [
      new cloudwatch.Alarm(this, 'FailedExecutionsAlarm', {
        alarmDescription: `A saga of ${stackName} failed, timed out or was aborted`,
        metric: new cloudwatch.MathExpression({
          expression: 'failed + timedOut + aborted',
          usingMetrics: {
            failed: machine.metricFailed({ statistic: 'Sum', period: Duration.minutes(5) }),
            timedOut: machine.metricTimedOut({ statistic: 'Sum', period: Duration.minutes(5) }),
            aborted: machine.metricAborted({ statistic: 'Sum', period: Duration.minutes(5) }),
          },
          period: Duration.minutes(5),
        }),
        threshold: p.failedExecutionsThreshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      new cloudwatch.Alarm(this, 'CompensationFailuresAlarm', {
        alarmDescription: `A compensation of ${stackName} failed after its retries: an order is half done`,
        metric: depth(compensationQueue),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      new cloudwatch.Alarm(this, 'StartFailuresAlarm', {
        alarmDescription: `EventBridge could not start a saga of ${stackName}: an order event is in the DLQ`,
        metric: depth(ruleDlq),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    ];
    if (alarmAction) for (const alarm of alarms) alarm.addAlarmAction(alarmAction);

    new CfnOutput(this, 'EventBusName', { value: bus.eventBusName, description: 'Bus for OrderPlaced events in and results out' });
    new CfnOutput(this, 'StateMachineArn', { value: machine.stateMachineArn, description: 'The order saga' });
    new CfnOutput(this, 'IdempotencyTableName', { value: idempotency.tableName, description: 'Idempotency keys, with a TTL' });
    new CfnOutput(this, 'LedgerTableName', { value: ledger.tableName, description: 'What each participant did and undid' });
    new CfnOutput(this, 'ParticipantsFunctionName', { value: participants.functionName, description: 'The participants function' });
    new CfnOutput(this, 'StartFailuresQueueUrl', { value: ruleDlq.queueUrl, description: 'Events that could not start a saga' });
    new CfnOutput(this, 'CompensationFailuresQueueUrl', {
      value: compensationQueue.queueUrl,
      description: 'Orders whose compensation failed, for a person',
    });
    new CfnOutput(this, 'SagaLogGroupName', { value: sagaLogs.logGroupName, description: 'Execution history log group' });
  }
}
