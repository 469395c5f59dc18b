// What architecture.yaml promises about this stack, checked against every configuration oar check synthesizes.
// The state machine's definition is read from its DefinitionString, with each reference to another resource
// shown as <LogicalId> or <LogicalId.Attribute>.
import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';
import { asList, flatOf, inlineSource, refTarget as target, type Json } from '../../../generators/check/claims/template-queries.ts';

type Found = Record<string, unknown> & { readonly id: string };
interface State extends Json {
  Type: string;
  Next?: string;
  Retry?: Json[];
  Catch?: { ErrorEquals: string[]; Next: string; ResultPath?: string }[];
  Resource?: string;
  Parameters?: Json;
}
interface Definition {
  StartAt: string;
  TimeoutSeconds?: number;
  States: Record<string, State>;
}

const all = (t: ClaimContext, type: string): Found[] => t.resources(type).map(flatOf);
const only = (t: ClaimContext, type: string): Found => flatOf(t.only(type));

/** A reference as text: <Id> for a Ref, <Id.Attr> for a GetAtt. */
function text(part: unknown): string {
  if (typeof part === 'string') return part;
  const p = part as Json;
  if ('Ref' in p) return `<${String(p['Ref'])}>`;
  if ('Fn::GetAtt' in p) return `<${(p['Fn::GetAtt'] as string[]).join('.')}>`;
  if ('Fn::Join' in p) {
    const [sep, parts] = p['Fn::Join'] as [string, unknown[]];
    return parts.map(text).join(sep);
  }
  return JSON.stringify(p);
}

function definition(t: ClaimContext): Definition {
  return JSON.parse(text(only(t, 'AWS::StepFunctions::StateMachine')['DefinitionString'])) as Definition;
}

/** The state reached from `name` by its Next links, in order, ending with the first state that has none. */
function path(d: Definition, name: string): string[] {
  const out = [name];
  let next = d.States[name]?.Next;
  while (next !== undefined) {
    out.push(next);
    next = d.States[next]?.Next;
  }
  return out;
}

/** The participant action a task invokes. */
const actionOf = (s: State | undefined): unknown => s?.Parameters?.['action'];

/** The alarm on a queue's depth. */
function queueAlarm(t: ClaimContext, queueId: string): Found {
  const alarm = all(t, 'AWS::CloudWatch::Alarm').find((a) =>
    ((a['Dimensions'] ?? []) as Json[]).some((d) => d['Name'] === 'QueueName' && JSON.stringify(d['Value']).includes(queueId)),
  );
  assert.ok(alarm, `no alarm watches the queue ${queueId}`);
  assert.equal(alarm['MetricName'], 'ApproximateNumberOfMessagesVisible', `the alarm on ${queueId} does not watch its depth`);
  assert.equal(alarm['Threshold'], 1, `the alarm on ${queueId} waits for more than one message`);
  assert.equal(alarm['ComparisonOperator'], 'GreaterThanOrEqualToThreshold', `the alarm on ${queueId} compares wrongly`);
  const topic = String(t.parameters['alarmTopicArn']);
  assert.deepEqual(alarm['AlarmActions'], topic === '' ? undefined : [topic], 'the alarm does not notify alarmTopicArn');
  return alarm;
}

const STEPS = ['ReserveInventory', 'ChargePayment', 'ArrangeShipping'];
const COMPENSATIONS = ['ReleaseInventoryAfterPayment', 'RefundPayment', 'ReleaseInventory'];

export default [
  claim(
    'regional-services-only',
    'The stack creates nothing that lives in one Availability Zone: no EC2 resources, and the function runs outside any VPC.',
    (t) => {
      const types = Object.values((t.json['Resources'] ?? {}) as Record<string, { Type: string }>).map((r) => r.Type);
      assert.deepEqual(types.filter((ty) => ty.startsWith('AWS::EC2::')), [], 'the stack creates EC2 resources');
      assert.equal(only(t, 'AWS::Lambda::Function')['VpcConfig'], undefined, 'the function is attached to a VPC');
    },
  ),
  claim(
    'standard-workflow-with-timeout',
    'The state machine is a Standard workflow, so each step runs exactly once unless retried, and an execution is stopped after executionTimeoutMinutes.',
    (t) => {
      const machine = only(t, 'AWS::StepFunctions::StateMachine');
      assert.equal(machine['StateMachineType'], 'STANDARD', 'the workflow is not Standard');
      assert.equal(definition(t).TimeoutSeconds, Number(t.parameters['executionTimeoutMinutes']) * 60, 'the timeout ignores executionTimeoutMinutes');
    },
  ),
  claim(
    'steps-retry-with-backoff',
    'Every step and compensation retries only transient Lambda errors and timeouts, with exponential backoff (rate 2, at most 60 seconds) and full jitter; steps retryAttempts times, compensations twice as often.',
    (t) => {
      const d = definition(t);
      const attempts = Number(t.parameters['retryAttempts']);
      for (const [name, want] of [...STEPS.map((s) => [s, attempts] as const), ...COMPENSATIONS.map((s) => [s, attempts * 2] as const)]) {
        const state = d.States[name];
        assert.ok(state, `there is no ${name}`);
        const retries = state.Retry ?? [];
        assert.equal(retries.length, 1, `${name} does not have exactly one retry rule`);
        const [retry] = retries as [Json];
        const errors = retry['ErrorEquals'] as string[];
        assert.ok(!errors.includes('States.ALL') && !errors.includes('Refused'), `${name} retries errors that a retry cannot fix`);
        assert.ok(errors.includes('Lambda.TooManyRequestsException'), `${name} does not retry Lambda throttling`);
        assert.equal(retry['IntervalSeconds'], t.parameters['retryIntervalSeconds'], `${name} ignores retryIntervalSeconds`);
        assert.equal(retry['BackoffRate'], 2, `${name} does not back off exponentially`);
        assert.equal(retry['MaxDelaySeconds'], 60, `${name} can wait more than a minute between attempts`);
        assert.equal(retry['JitterStrategy'], 'FULL', `${name} retries without jitter`);
        assert.equal(retry['MaxAttempts'], want, `${name} does not retry ${want} times`);
        assert.equal(state['TimeoutSeconds'], 30, `${name} can hang for longer than 30 seconds`);
      }
    },
  ),
  claim(
    'failed-steps-are-compensated',
    'When a step fails for good, the steps already done are undone in reverse order and OrderFailed is published: a failed payment releases the inventory, a failed shipment refunds the payment, then releases the inventory.',
    (t) => {
      const d = definition(t);
      const catchOf = (name: string): string => {
        const c = (d.States[name]?.Catch ?? []).find((x) => x.ErrorEquals.includes('States.ALL'));
        assert.ok(c, `${name} does not catch its failures`);
        return c.Next;
      };
      const actions = (from: string): unknown[] => path(d, from).map((s) => actionOf(d.States[s])).filter(Boolean);
      assert.deepEqual(actions(catchOf('ReserveInventory')), ['finish'], 'a failed reservation undoes something');
      assert.deepEqual(actions(catchOf('ChargePayment')), ['release', 'finish'], 'a failed payment does not release the inventory');
      assert.deepEqual(actions(catchOf('ArrangeShipping')), ['refund', 'release', 'finish'], 'a failed shipment does not refund and release, in that order');
      for (const step of STEPS) {
        const end = path(d, catchOf(step));
        assert.ok(end.includes('PublishOrderFailed'), `a failed ${step} does not publish OrderFailed`);
        assert.equal(d.States[end.at(-1) ?? '']?.Type, 'Fail', `a failed ${step} does not end the execution as failed`);
      }
    },
  ),
  claim(
    'compensation-failures-reach-a-person',
    'A compensation that fails after its retries sends the order and the error to the compensation-failures queue and ends the execution as failed; an alarm fires at the first message.',
    (t) => {
      const d = definition(t);
      const queue = all(t, 'AWS::SQS::Queue').find((q) => q.id.startsWith('CompensationFailures'));
      assert.ok(queue, 'there is no compensation-failures queue');
      for (const name of COMPENSATIONS) {
        const c = (d.States[name]?.Catch ?? []).find((x) => x.ErrorEquals.includes('States.ALL'));
        assert.ok(c, `${name} does not catch its failures`);
        const handover = d.States[c.Next];
        assert.equal(handover?.Resource, 'arn:<AWS::Partition>:states:::sqs:sendMessage', `${name} does not hand over to a queue`);
        assert.ok(String(handover.Parameters?.['QueueUrl']).includes(`<${queue.id}>`), `${name} hands over to another queue`);
        assert.equal(d.States[handover.Next ?? '']?.Type, 'Fail', `after ${name} fails, the execution does not fail`);
      }
      queueAlarm(t, queue.id);
      assert.equal(queue['SqsManagedSseEnabled'], true, 'the queue is not encrypted');
    },
  ),
  claim(
    'idempotency-gate',
    'The first step records the event idempotency key with a conditional write and a TTL of idempotencyTtlDays, and a duplicate ends the execution before any participant runs; every step and undo is idempotent by order.',
    (t) => {
      const d = definition(t);
      const [, gate, choice, first] = path(d, d.StartAt);
      assert.equal(actionOf(d.States[gate ?? '']), 'begin', 'the first task is not the idempotency gate');
      const c = d.States[choice ?? ''] as State & { Choices?: Json[]; Default?: string };
      assert.equal(c.Type, 'Choice', 'the gate is not followed by a choice');
      const dup = (c.Choices ?? []).find((x) => x['Variable'] === '$.gate.duplicate' && x['BooleanEquals'] === true);
      assert.ok(dup && d.States[String(dup['Next'])]?.Type === 'Succeed', 'a duplicate does not end the execution');
      assert.equal(first, undefined, 'the choice has a Next');
      assert.equal(c.Default, 'ReserveInventory', 'a new order does not go to the first step');
      const table = all(t, 'AWS::DynamoDB::Table').find((x) => x.id.startsWith('IdempotencyTable'));
      assert.deepEqual(table?.['TimeToLiveSpecification'], { AttributeName: 'expiresAt', Enabled: true }, 'keys do not expire');
      const fn = only(t, 'AWS::Lambda::Function');
      const env = (fn['Environment'] as { Variables: Json }).Variables;
      assert.equal(env['IDEMPOTENCY_TTL_DAYS'], String(t.parameters['idempotencyTtlDays']), 'the TTL ignores idempotencyTtlDays');
      const code = inlineSource(t.file('lambda/index.js'));
      assert.equal((fn['Code'] as Json)['ZipFile'], code, 'the function does not run lambda/index.js as shipped');
      assert.match(code, /return \{ duplicate: !\(await put\(IDEMPOTENCY_TABLE, Item, 'attribute_not_exists\(pk\)'\)\) \};/u, 'the gate is not a conditional write');
      assert.match(code, /await put\(LEDGER_TABLE, \{ pk: order\.orderId, sk, at: new Date\(\)\.toISOString\(\) \}, 'attribute_not_exists\(pk\)'\);/u, 'a repeated step is not absorbed by its ledger entry');
    },
  ),
  claim(
    'events-in-and-out',
    'OrderPlaced events on the stack bus start the state machine through a role that may only start it; the saga publishes OrderConfirmed and OrderFailed to the same bus; an archive keeps every event for archiveRetentionDays.',
    (t) => {
      const bus = only(t, 'AWS::Events::EventBus');
      const rule = only(t, 'AWS::Events::Rule');
      const machine = only(t, 'AWS::StepFunctions::StateMachine');
      assert.equal(target(rule['EventBusName']), bus.id, 'the rule listens on another bus');
      assert.deepEqual(rule['EventPattern'], { source: ['shop.orders'], 'detail-type': ['OrderPlaced'] }, 'the rule matches other events');
      const [tgt] = rule['Targets'] as [Json];
      assert.equal(target(tgt['Arn']), machine.id, 'the rule does not start the state machine');
      const d = definition(t);
      for (const [state, type] of [['PublishOrderConfirmed', 'OrderConfirmed'], ['PublishOrderFailed', 'OrderFailed']]) {
        const s = d.States[state ?? ''];
        assert.equal(s?.Resource, 'arn:<AWS::Partition>:states:::events:putEvents', `${state} does not put an event`);
        const [entry] = s.Parameters?.['Entries'] as [Json];
        assert.equal(entry['DetailType'], type, `${state} publishes another type`);
        assert.equal(entry['EventBusName'], `<${bus.id}.Arn>`, `${state} publishes to another bus`);
      }
      const archive = only(t, 'AWS::Events::Archive');
      assert.equal(String((archive['SourceArn'] as Json)['Fn::GetAtt']?.toString()), `${bus.id},Arn`, 'the archive keeps another bus');
      assert.equal(archive['RetentionDays'], t.parameters['archiveRetentionDays'], 'the archive ignores archiveRetentionDays');
    },
  ),
  claim(
    'rule-retries-then-dlq',
    'EventBridge retries starting a saga for up to 24 hours and 185 attempts, then puts the event in an encrypted dead-letter queue whose alarm fires at the first message.',
    (t) => {
      const [tgt] = only(t, 'AWS::Events::Rule')['Targets'] as [Json];
      assert.deepEqual(tgt['RetryPolicy'], { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 }, 'the rule gives up early');
      const dlq = target((tgt['DeadLetterConfig'] as Json | undefined)?.['Arn']);
      assert.ok(dlq !== undefined && dlq.startsWith('StartFailuresDlq'), 'failed events have no dead-letter queue');
      queueAlarm(t, dlq);
    },
  ),
  claim(
    'failed-executions-alarm',
    'An alarm fires when failed, timed-out and aborted executions of the saga reach failedExecutionsThreshold in 5 minutes, and the execution history is logged at level ALL without execution data, encrypted, for logRetentionDays, with X-Ray as tracing says.',
    (t) => {
      const alarm = all(t, 'AWS::CloudWatch::Alarm').find((a) => Array.isArray(a['Metrics']));
      assert.ok(alarm, 'there is no alarm on executions');
      const metrics = alarm['Metrics'] as Json[];
      const names = metrics.map((m) => ((m['MetricStat'] as Json | undefined)?.['Metric'] as Json | undefined)?.['MetricName']).filter(Boolean);
      assert.deepEqual([...names].sort(), ['ExecutionsAborted', 'ExecutionsFailed', 'ExecutionsTimedOut'], 'the alarm does not count every failed end');
      assert.ok(metrics.some((m) => m['Expression'] === 'failed + timedOut + aborted'), 'the alarm does not add them up');
      assert.equal(alarm['Threshold'], t.parameters['failedExecutionsThreshold'], 'the alarm ignores failedExecutionsThreshold');
      const machine = only(t, 'AWS::StepFunctions::StateMachine');
      const logging = machine['LoggingConfiguration'] as Json;
      assert.equal(logging['Level'], 'ALL', 'not every step is logged');
      assert.equal(logging['IncludeExecutionData'], false, 'order data is written to the logs');
      const [dest] = logging['Destinations'] as [Json];
      const groupId = target((dest['CloudWatchLogsLogGroup'] as Json)['LogGroupArn']);
      const group = all(t, 'AWS::Logs::LogGroup').find((g) => g.id === groupId);
      assert.ok(group?.['KmsKeyId'], 'the execution history is not encrypted with the key');
      assert.equal(group['RetentionInDays'], t.parameters['logRetentionDays'], 'the history ignores logRetentionDays');
      assert.deepEqual(machine['TracingConfiguration'], { Enabled: t.parameters['tracing'] === true }, 'X-Ray does not follow tracing');
    },
  ),
  claim(
    'ledger-retained',
    'Both tables have point-in-time recovery, and with retainData the ledger has deletion protection and outlives the stack.',
    (t) => {
      const retain = t.parameters['retainData'] === true;
      for (const table of t.resources('AWS::DynamoDB::Table')) {
        assert.deepEqual(
          table.Properties?.['PointInTimeRecoverySpecification'],
          { PointInTimeRecoveryEnabled: true },
          `${table.id} has no point-in-time recovery`,
        );
        if (table.id.startsWith('LedgerTable')) {
          assert.equal(table.Properties['DeletionProtectionEnabled'], retain, 'deletion protection ignores retainData');
          assert.equal(table.DeletionPolicy, retain ? 'Retain' : 'Delete', 'the deletion policy ignores retainData');
        }
      }
    },
  ),
  claim(
    'participants-least-privilege',
    'The participants may only put and update items in the two tables and write their logs; the state machine may only invoke them, put events on the stack bus and send to the compensation queue, besides log delivery and tracing.',
    (t) => {
      const policies = all(t, 'AWS::IAM::Policy');
      const statementsOf = (prefix: string): Json[] => {
        const p = policies.find((x) => x.id.startsWith(prefix));
        assert.ok(p, `there is no ${prefix}`);
        return (p['PolicyDocument'] as { Statement: Json[] }).Statement;
      };
      const participantActions = statementsOf('ParticipantsRoleDefaultPolicy').flatMap((s) => asList(s['Action']) as string[]);
      assert.deepEqual(
        participantActions.filter((a) => a.startsWith('dynamodb:')).sort(),
        ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
        'the participants may make other table calls',
      );
      assert.ok(participantActions.every((a) => /^(dynamodb|logs|xray):/u.test(a)), 'the participants may call other services');
      const machineActions = statementsOf('SagaStateMachineRoleDefaultPolicy').flatMap((s) => asList(s['Action']) as string[]);
      assert.deepEqual(
        machineActions.filter((a) => !/^(logs|xray):/u.test(a)).sort(),
        ['events:PutEvents', 'lambda:InvokeFunction', 'sqs:SendMessage'],
        'the state machine may do more than its steps need',
      );
      assert.deepEqual(
        statementsOf('SagaStateMachineEventsRoleDefaultPolicy').flatMap((s) => asList(s['Action'])),
        ['states:StartExecution'],
        'the rule role may do more than start the saga',
      );
    },
  ),
];
