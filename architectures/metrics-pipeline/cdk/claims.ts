import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';
import { asList, type Json } from '../../../generators/check/claims/template-queries.ts';

const ref = (v: unknown): string => (v as { Ref?: string } | undefined)?.Ref ?? '';
const getAtt = (v: unknown): string => (v as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt']?.[0] ?? '';

interface Definition {
  readonly StartAt: string;
  readonly States: Record<string, Json>;
}

/** The state machine definition, with each CloudFormation reference replaced by the logical id it names. */
function definitionOf(t: ClaimContext): Definition {
  const [machine] = t.resources('AWS::StepFunctions::StateMachine');
  assert.ok(machine, 'there is no state machine');
  const body = machine.Properties?.['DefinitionString'] as { 'Fn::Join'?: [string, unknown[]] } | string;
  const parts = typeof body === 'string' ? [body] : (body['Fn::Join']?.[1] ?? []);
  const text = parts.map((x) => (typeof x === 'string' ? x : (ref(x) || getAtt(x) || 'ref'))).join('');
  return JSON.parse(text) as Definition;
}

/** The state machine's logical id. */
function machineId(t: ClaimContext): string {
  const [machine] = t.resources('AWS::StepFunctions::StateMachine');
  return machine?.id ?? '';
}

/** The alarm topic's logical id. */
function alarmTopicId(t: ClaimContext): string {
  const topic = t.resources('AWS::SNS::Topic').find((x) => /^NotificationsAlarmTopic/u.test(x.id));
  assert.ok(topic, 'there is no alarm topic');
  return topic.id;
}

function notifiesAlarmTopic(t: ClaimContext, alarm: { Properties?: Json }, what: string): void {
  assert.deepEqual(
    asList(alarm.Properties?.['AlarmActions']).map(ref),
    [alarmTopicId(t)],
    `the ${what} alarm does not notify the alarm topic`,
  );
}

/** Every policy statement of the role with logical id `role`. */
function statementsOf(t: ClaimContext, role: string): Json[] {
  return t
    .resources('AWS::IAM::Policy')
    .filter((p) => asList(p.Properties?.['Roles']).map(ref).includes(role))
    .flatMap((p) => (p.Properties?.['PolicyDocument'] as { Statement: Json[] }).Statement);
}

/** The shipped handler as it goes inline, the way cdk/functions.ts strips it. */
function shipped(t: ClaimContext, name: string): string {
  return t
    .file(`lambda/${name}.js`)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('//') && !line.startsWith('/*'))
    .join('\n');
}

const THROTTLING = ['LimitExceededException', 'ThrottlingException', 'ProvisionedThroughputExceededException', 'SlowDown'];

/** APIs that have no resource-level permissions, the only ones a step may call on Resource "*". */
const WILDCARD_ONLY =
  /^(ce:GetCostAndUsage|cloudwatch:PutMetricData|xray:\w+|logs:(CreateLogDelivery|GetLogDelivery|UpdateLogDelivery|DeleteLogDelivery|ListLogDeliveries|PutResourcePolicy|DescribeResourcePolicies|DescribeLogGroups)|ec2:(CreateNetworkInterface|DescribeNetworkInterfaces|DescribeSubnets|DeleteNetworkInterface|AssignPrivateIpAddresses|UnassignPrivateIpAddresses))$/u;

export default [
  claim(
    'throttling-retried',
    'Gather, compute and store retry throttling by Cost Explorer, DynamoDB, CloudWatch or S3 at least four times with growing waits',
    (t) => {
      const { States } = definitionOf(t);
      for (const name of ['Gather', 'Compute', 'Store']) {
        const retries = (States[name]?.['Retry'] ?? []) as Json[];
        const throttling = retries.find((r) => THROTTLING.every((e) => asList(r['ErrorEquals']).includes(e)));
        assert.ok(throttling, `the ${name} step does not retry throttling errors`);
        assert.ok(Number(throttling['MaxAttempts']) >= 4, `the ${name} step retries throttling fewer than four times`);
        assert.ok(Number(throttling['BackoffRate']) > 1, `the ${name} step retries throttling without backoff`);
      }
    },
  ),

  claim(
    'store-before-outputs',
    'The outputs run only after gather, compute and store have succeeded, so nothing is reported that was not stored',
    (t) => {
      const { StartAt, States } = definitionOf(t);
      assert.equal(StartAt, 'Gather', 'the run does not start with Gather');
      assert.equal(States['Gather']?.['Next'], 'Compute', 'Gather is not followed by Compute');
      assert.equal(States['Compute']?.['Next'], 'Store', 'Compute is not followed by Store');
      assert.equal(States['Store']?.['Next'], 'Outputs', 'Store is not followed by the outputs');
      for (const name of ['Gather', 'Compute', 'Store']) {
        assert.equal(States[name]?.['Catch'], undefined, `a failure of ${name} is caught instead of failing the run`);
      }
    },
  ),

  claim(
    'outputs-independent',
    'Each output retries on its own and a failed one does not stop the others, but the run still ends failed afterwards',
    (t) => {
      const { States } = definitionOf(t);
      const outputs = States['Outputs'];
      assert.equal(outputs?.['Type'], 'Parallel', 'the outputs do not run in parallel');
      const branches = outputs['Branches'] as Definition[];
      const expected = t.parameters['graphiteHost'] === '' ? 1 : 2;
      assert.equal(branches.length, expected, `expected ${expected} output branches`);
      for (const b of branches) {
        const task = b.States[b.StartAt] as Json;
        const retry = ((task['Retry'] ?? []) as Json[]).find((r) => asList(r['ErrorEquals']).includes('States.ALL'));
        assert.ok(retry && Number(retry['MaxAttempts']) >= 3, `output ${b.StartAt} does not retry every error three times`);
        const caught = ((task['Catch'] ?? []) as Json[]).some((c) => asList(c['ErrorEquals']).includes('States.ALL'));
        assert.ok(caught, `a failure of output ${b.StartAt} is not caught, so it would cancel the other outputs`);
      }
      const choice = States[String(outputs['Next'])];
      assert.equal(choice?.['Type'], 'Choice', 'nothing checks the outputs after they ran');
      const failState = States[String((choice['Choices'] as Json[])[0]?.['Next'])];
      assert.equal(failState?.['Type'], 'Fail', 'a failed output does not end the run FAILED');
    },
  ),

  claim(
    'run-failure-alarm',
    'One alarm notifies the alarm topic when a run fails, times out or is stopped, or when the schedule cannot start one',
    (t) => {
      const machine = machineId(t);
      const [rule] = t.resources('AWS::Events::Rule');
      const alarm = t.resources('AWS::CloudWatch::Alarm').find((a) =>
        JSON.stringify(a.Properties?.['Metrics'] ?? []).includes('ExecutionsFailed'),
      );
      assert.ok(alarm, 'there is no alarm on failed runs');
      const metrics = alarm.Properties?.['Metrics'] as Json[];
      const expression = String(metrics.find((m) => m['Expression'] !== undefined)?.['Expression']);
      const stat = (name: string) =>
        metrics.find((m) => (m['MetricStat'] as { Metric?: Json } | undefined)?.Metric?.['MetricName'] === name);
      for (const name of ['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted']) {
        const m = stat(name);
        assert.ok(m, `the alarm does not count ${name}`);
        assert.ok(expression.includes(String(m['Id'])), `the alarm expression leaves out ${name}`);
        const dims = (m['MetricStat'] as { Metric: { Dimensions: Json[] } }).Metric.Dimensions;
        assert.equal(ref(dims[0]?.['Value']), machine, `${name} is not the pipeline's state machine`);
      }
      const notStarted = stat('FailedInvocations');
      assert.ok(notStarted, 'the alarm does not count FailedInvocations of the schedule rule');
      assert.ok(expression.includes(String(notStarted['Id'])), 'the alarm expression leaves out FailedInvocations');
      const dims = (notStarted['MetricStat'] as { Metric: { Dimensions: Json[] } }).Metric.Dimensions;
      assert.equal(ref(dims[0]?.['Value']), rule?.id, 'FailedInvocations is not the schedule rule');
      assert.deepEqual(
        [alarm.Properties?.['Threshold'], alarm.Properties?.['ComparisonOperator']],
        [1, 'GreaterThanOrEqualToThreshold'],
        'the alarm does not fire on the first failed run',
      );
      notifiesAlarmTopic(t, alarm, 'failed-run');
    },
  ),

  claim(
    'missed-run-alarm',
    'Unless missedRunWindow is none, an alarm notifies the alarm topic when no run succeeded in a whole calendar day or week, even if nothing ran at all',
    (t) => {
      const window = t.parameters['missedRunWindow'];
      const alarms = t
        .resources('AWS::CloudWatch::Alarm')
        .filter((a) => a.Properties?.['MetricName'] === 'ExecutionsSucceeded');
      if (window === 'none') {
        assert.deepEqual(alarms, [], 'missedRunWindow none still creates a missed-run alarm');
        return;
      }
      assert.equal(alarms.length, 1, 'there is no alarm on missed runs');
      const p = alarms[0]?.Properties ?? {};
      assert.equal(ref((p['Dimensions'] as Json[])[0]?.['Value']), machineId(t), 'the alarm watches another state machine');
      assert.deepEqual(
        [p['Statistic'], p['ComparisonOperator'], p['Threshold'], p['EvaluationPeriods']],
        ['Sum', 'LessThanThreshold', 1, 1],
        'the alarm does not fire when fewer than one run succeeded in its window',
      );
      assert.equal(p['TreatMissingData'], 'breaching', 'a window without any data, as when nothing ran, does not alarm');
      assert.equal(p['Period'], window === 'day' ? 86400 : 604800, `the alarm window is not one ${String(window)}`);
      assert.deepEqual(p['EvaluationWindow'], { WallClockWindow: { Timezone: 'UTC' } }, 'the window is not a calendar period in UTC');
      notifiesAlarmTopic(t, alarms[0] ?? {}, 'missed-run');
    },
  ),

  claim(
    'functions-run-shipped-code',
    'Each step runs exactly the handler file that the handler tests exercise, inline on Node.js 24',
    (t) => {
      const functions = t.resources('AWS::Lambda::Function');
      const steps = ['gather', 'compute', 'store', ...(t.parameters['graphiteHost'] === '' ? [] : ['graphite'])];
      assert.equal(functions.length, steps.length, `expected ${steps.length} step functions`);
      for (const step of steps) {
        const fn = functions.find((f) => String(f.Properties?.['Description']).startsWith(`metrics-pipeline ${step}`));
        assert.ok(fn, `there is no ${step} function`);
        assert.equal((fn.Properties?.['Code'] as Json)['ZipFile'], shipped(t, step), `the ${step} function does not run lambda/${step}.js`);
        assert.equal(fn.Properties?.['Runtime'], 'nodejs24.x', `the ${step} function is not on Node.js 24`);
      }
    },
  ),

  claim(
    'rerun-overwrites-same-day',
    'A run is named by its event time, and everything it stores is keyed by that day, so a rerun of the same time overwrites instead of adding',
    (t) => {
      assert.match(t.file('lambda/gather.js'), /const runAt = new Date\(event\?\.time \?\? Date\.now\(\)\)/u, 'gather does not name the run by the event time');
      assert.match(t.file('lambda/compute.js'), /const prefix = `runs\/date=\$\{runDate\}\/`/u, 'the history prefix is not the run date');
      const store = t.file('lambda/store.js');
      assert.match(store, /Key: prefix \+ name/u, 'store does not write its objects under the run prefix');
      assert.match(store, /date: \{ S: runDate \}/u, 'store does not key table items by the run date');
      const [table] = t.resources('AWS::DynamoDB::Table');
      assert.deepEqual(
        (table?.Properties?.['KeySchema'] as Json[]).map((k) => k['AttributeName']),
        ['series', 'date'],
        'the series table is not keyed by series and date',
      );
    },
  ),

  claim(
    'history-recoverable',
    'The history bucket keeps overwritten objects for 90 days and the series table has point-in-time recovery',
    (t) => {
      const [bucket] = t.resources('AWS::S3::Bucket');
      assert.deepEqual(bucket?.Properties?.['VersioningConfiguration'], { Status: 'Enabled' }, 'the history bucket is not versioned');
      const rules = (bucket.Properties['LifecycleConfiguration'] as { Rules: Json[] }).Rules;
      assert.ok(
        rules.some((r) => (r['NoncurrentVersionExpiration'] as Json | undefined)?.['NoncurrentDays'] === 90),
        'old object versions are not kept for 90 days',
      );
      const [table] = t.resources('AWS::DynamoDB::Table');
      assert.deepEqual(
        table?.Properties?.['PointInTimeRecoverySpecification'],
        { PointInTimeRecoveryEnabled: true },
        'the series table has no point-in-time recovery',
      );
    },
  ),

  claim('history-retained', 'With retainHistory on, the history bucket and the series table survive stack deletion', (t) => {
    const expected = t.parameters['retainHistory'] === true ? 'Retain' : 'Delete';
    const [bucket] = t.resources('AWS::S3::Bucket');
    const [table] = t.resources('AWS::DynamoDB::Table');
    assert.equal(bucket?.DeletionPolicy, expected, `the history bucket's deletion policy is not ${expected}`);
    assert.equal(table?.DeletionPolicy, expected, `the series table's deletion policy is not ${expected}`);
  }),

  claim(
    'one-role-per-step',
    'Each step has its own role without managed policies, wildcards only for APIs that have no resource-level permissions, and store writes only below runs/ and to its own metric namespace',
    (t) => {
      const functions = t.resources('AWS::Lambda::Function');
      const roles = functions.map((f) => getAtt(f.Properties?.['Role']));
      assert.equal(new Set(roles).size, functions.length, 'two steps share a role');
      for (const role of t.resources('AWS::IAM::Role')) {
        assert.equal(role.Properties?.['ManagedPolicyArns'], undefined, `role ${role.id} has managed policies`);
      }
      for (const role of [...roles, getAtt(t.resources('AWS::StepFunctions::StateMachine')[0]?.Properties?.['RoleArn'])]) {
        for (const s of statementsOf(t, role)) {
          if (!asList(s['Resource']).includes('*')) continue;
          for (const action of asList(s['Action']) as string[]) {
            assert.match(action, WILDCARD_ONLY, `role ${role} may call ${action} on any resource`);
          }
        }
      }
      const store = functions.find((f) => String(f.Properties?.['Description']).startsWith('metrics-pipeline store'));
      const storeStatements = statementsOf(t, getAtt(store?.Properties?.['Role']));
      const put = storeStatements.find((s) => s['Action'] === 's3:PutObject');
      assert.match(JSON.stringify(put?.['Resource']), /\/runs\/\*"/u, 'store may write outside runs/');
      const metrics = storeStatements.find((s) => s['Action'] === 'cloudwatch:PutMetricData');
      assert.deepEqual(
        metrics?.['Condition'],
        { StringEquals: { 'cloudwatch:namespace': t.parameters['metricNamespace'] } },
        'store may publish metrics outside metricNamespace',
      );
    },
  ),

  claim(
    'topics-encrypted',
    'Both topics are encrypted with a customer managed key with rotation, refuse plain HTTP, and only CloudWatch alarms of this account may use the key',
    (t) => {
      const [key] = t.resources('AWS::KMS::Key');
      assert.equal(key?.Properties?.['EnableKeyRotation'], true, 'the topic key does not rotate');
      for (const topic of t.resources('AWS::SNS::Topic')) {
        assert.equal(getAtt(topic.Properties?.['KmsMasterKeyId']), key.id, `topic ${topic.id} is not encrypted with the key`);
        const policy = t
          .resources('AWS::SNS::TopicPolicy')
          .find((p) => asList(p.Properties?.['Topics']).map(ref).includes(topic.id));
        const statements = (policy?.Properties?.['PolicyDocument'] as { Statement: Json[] } | undefined)?.Statement ?? [];
        assert.ok(
          statements.some((s) => s['Effect'] === 'Deny' && JSON.stringify(s['Condition']).includes('"aws:SecureTransport":"false"')),
          `topic ${topic.id} accepts plain HTTP`,
        );
      }
      const statements = (key.Properties['KeyPolicy'] as { Statement: Json[] }).Statement;
      const cloudwatch = statements.filter((s) => JSON.stringify(s['Principal']).includes('cloudwatch.amazonaws.com'));
      assert.equal(cloudwatch.length, 1, 'the key policy does not have exactly one CloudWatch statement');
      assert.deepEqual(
        cloudwatch[0]?.['Condition'],
        { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
        'CloudWatch may use the key on behalf of other accounts',
      );
    },
  ),

  claim(
    'subscribers-only-given',
    'The topics have no subscribers but the reportEmail and alarmEmail addresses',
    (t) => {
      const endpoints = t
        .resources('AWS::SNS::Subscription')
        .map((s) => s.Properties?.['Endpoint'])
        .sort();
      const given = [t.parameters['reportEmail'], t.parameters['alarmEmail']].filter((e) => e !== '').sort();
      assert.deepEqual(endpoints, given, 'the topics have other subscribers than the given addresses');
    },
  ),

  claim('logs-without-execution-data', 'The state machine logs every state transition but not the numbers it carries', (t) => {
    const [machine] = t.resources('AWS::StepFunctions::StateMachine');
    const logging = machine?.Properties?.['LoggingConfiguration'] as Json | undefined;
    assert.equal(logging?.['Level'], 'ALL', 'the state machine does not log every transition');
    assert.equal(logging['IncludeExecutionData'], false, 'execution logs include the cost and user figures');
  }),
];
