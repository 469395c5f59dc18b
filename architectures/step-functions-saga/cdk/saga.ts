import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type * as events from 'aws-cdk-lib/aws-events';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';

export interface SagaProps {
  readonly participants: lambda.IFunction;
  readonly bus: events.IEventBus;
  readonly compensationQueue: sqs.IQueue;
  readonly logGroup: logs.ILogGroup;
  readonly retryAttempts: number;
  readonly retryIntervalSeconds: number;
  readonly executionTimeoutMinutes: number;
  readonly tracing: boolean;
}

/** The source and detail types of the events the saga publishes when it ends. */
export const OUT_SOURCE = 'shop.saga';
export const CONFIRMED = 'OrderConfirmed';
export const FAILED = 'OrderFailed';

/** Errors that a retry can fix: Lambda's own transient errors and throttling. A `Refused` is never retried. */
export const TRANSIENT_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'States.Timeout',
];

/**
 * The order saga as a Standard state machine: an idempotency gate, then reserve inventory, charge payment and
 * arrange shipping, each retried with exponential backoff and jitter; when a step fails for good, the steps
 * already done are undone in reverse order, and the saga publishes OrderFailed. A compensation that still fails
 * after its retries goes to the compensation queue for a person to finish.
 */
export class Saga extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: SagaProps) {
    super(scope, id);
    const stackName = Stack.of(this).stackName;
    const order = sfn.JsonPath.objectAt('$.order');

    /** A call of one participant action; its result goes under $.results.<action>, keeping the input. */
    const call = (name: string, action: string, attempts: number, status?: string): tasks.LambdaInvoke => {
      const task = new tasks.LambdaInvoke(this, name, {
        lambdaFunction: props.participants,
        payload: sfn.TaskInput.fromObject({ action, order, ...(status && { status }) }),
        payloadResponseOnly: true,
        retryOnServiceExceptions: false,
        resultPath: `$.results.${action}`,
        taskTimeout: sfn.Timeout.duration(Duration.seconds(30)),
      });
      task.addRetry({
        errors: TRANSIENT_ERRORS,
        interval: Duration.seconds(props.retryIntervalSeconds),
        backoffRate: 2,
        maxAttempts: attempts,
        maxDelay: Duration.seconds(60),
        jitterStrategy: sfn.JitterType.FULL,
      });
      return task;
    };

    const publish = (name: string, detailType: string, withError: boolean): tasks.EventBridgePutEvents =>
      new tasks.EventBridgePutEvents(this, name, {
        entries: [
          {
            eventBus: props.bus,
            source: OUT_SOURCE,
            detailType,
            detail: sfn.TaskInput.fromObject({
              orderId: sfn.JsonPath.stringAt('$.order.orderId'),
              idempotencyKey: sfn.JsonPath.stringAt('$.order.idempotencyKey'),
              ...(withError && { error: sfn.JsonPath.stringAt('$.error.Error') }),
              execution: sfn.JsonPath.executionId,
            }),
          },
        ],
        resultPath: sfn.JsonPath.DISCARD,
      });

    // Compensations retry longer than steps: giving up leaves the order half done.
    const compensationAttempts = props.retryAttempts * 2;
    const stuck = new tasks.SqsSendMessage(this, 'HandOverToAPerson', {
      queue: props.compensationQueue,
      messageBody: sfn.TaskInput.fromObject({
        orderId: sfn.JsonPath.stringAt('$.order.orderId'),
        execution: sfn.JsonPath.executionId,
        error: sfn.JsonPath.objectAt('$.compensationError'),
      }),
      resultPath: sfn.JsonPath.DISCARD,
    }).next(new sfn.Fail(this, 'CompensationFailed', { error: 'CompensationFailed' }));
    const compensate = (name: string, action: string): tasks.LambdaInvoke => {
      const task = call(name, action, compensationAttempts);
      task.addCatch(stuck, { errors: ['States.ALL'], resultPath: '$.compensationError' });
      return task;
    };

    const failed = publish('PublishOrderFailed', FAILED, true)
      .next(call('RecordFailure', 'finish', props.retryAttempts, 'FAILED'))
      .next(new sfn.Fail(this, 'OrderFailedState', { error: 'OrderFailed', cause: 'A step failed; the steps before it were undone' }));
    const releaseAfterCharge = compensate('ReleaseInventoryAfterPayment', 'release').next(failed);
    const releaseAfterShipping = compensate('ReleaseInventory', 'release').next(failed);
    const refund = compensate('RefundPayment', 'refund').next(releaseAfterShipping);

    const reserve = call('ReserveInventory', 'reserve', props.retryAttempts);
    reserve.addCatch(failed, { errors: ['States.ALL'], resultPath: '$.error' });
    const charge = call('ChargePayment', 'charge', props.retryAttempts);
    charge.addCatch(releaseAfterCharge, { errors: ['States.ALL'], resultPath: '$.error' });
    const ship = call('ArrangeShipping', 'ship', props.retryAttempts);
    ship.addCatch(refund, { errors: ['States.ALL'], resultPath: '$.error' });

    const begin = new tasks.LambdaInvoke(this, 'RecordIdempotencyKey', {
      lambdaFunction: props.participants,
      payload: sfn.TaskInput.fromObject({ action: 'begin', order }),
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
      resultPath: '$.gate',
    });
    begin.addRetry({
      errors: TRANSIENT_ERRORS,
      interval: Duration.seconds(props.retryIntervalSeconds),
      backoffRate: 2,
      maxAttempts: props.retryAttempts,
      jitterStrategy: sfn.JitterType.FULL,
    });

    const definition = new sfn.Pass(this, 'TakeOrderFromEvent', {
      parameters: {
        order: {
          'orderId.$': '$.detail.orderId',
          'idempotencyKey.$': '$.detail.idempotencyKey',
          'items.$': '$.detail.items',
          'amount.$': '$.detail.amount',
          'address.$': '$.detail.address',
        },
      },
    })
      .next(begin)
      .next(
        new sfn.Choice(this, 'SeenBefore')
          .when(sfn.Condition.booleanEquals('$.gate.duplicate', true), new sfn.Succeed(this, 'AlreadyProcessed'))
          .otherwise(
            reserve
              .next(charge)
              .next(ship)
              .next(publish('PublishOrderConfirmed', CONFIRMED, false))
              .next(call('RecordSuccess', 'finish', props.retryAttempts, 'CONFIRMED'))
              .next(new sfn.Succeed(this, 'OrderConfirmedState')),
          ),
      );

    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineName: `${stackName}-orders`,
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(definition),
      timeout: Duration.minutes(props.executionTimeoutMinutes),
      tracingEnabled: props.tracing,
      logs: { destination: props.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });
    if (!props.tracing) {
      Validations.of(this.stateMachine).acknowledge({
        id: 'AwsSolutions-SF2',
        reason:
          'tracing is off in this configuration, to save the X-Ray charge in a short-lived environment; the default configuration traces the state machine and the function.',
      });
    }
  }
}
