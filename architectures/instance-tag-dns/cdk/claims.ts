// What architecture.yaml promises about this stack, checked against every configuration oar check synthesizes.
// Claims about the function's behaviour check that it ships lambda/index.js exactly as cdk/handler.test.ts runs
// it, and the property in that source; the handler tests prove the behaviour.
import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';
import { asList, flatten, type Json, inlineSource, refTarget as target } from '../../../generators/check/claims/template-queries.ts';

type Found = Record<string, unknown> & { readonly id: string };

/** The one resource of a type, with its logical id. */
function only(t: ClaimContext, type: string): Found {
  const all = t.resources(type);
  assert.equal(all.length, 1, `expected exactly one ${type}, found ${all.length}`);
  const [r] = all as [(typeof all)[number]];
  return { id: r.id, ...(r.Properties ?? {}) };
}

/** The function runs lambda/index.js as it ships, the code cdk/handler.test.ts loads and runs; returns that code. */
function functionShipsTheHandler(t: ClaimContext): string {
  const code = inlineSource(t.file('lambda/index.js'));
  const fn = only(t, 'AWS::Lambda::Function');
  assert.equal((fn['Code'] as Json)['ZipFile'], code, 'the function does not run lambda/index.js as shipped');
  assert.equal(fn['Handler'], 'index.handler', 'the function does not call exports.handler');
  return code;
}

/** The EventBridge rules that invoke the function. */
function rulesInvokingTheFunction(t: ClaimContext): Found[] {
  const fn = only(t, 'AWS::Lambda::Function');
  return t
    .resources('AWS::Events::Rule')
    .map((r): Found => ({ id: r.id, ...(r.Properties ?? {}) }))
    .filter((r) => ((r['Targets'] ?? []) as Json[]).some((x) => target(x['Arn']) === fn.id));
}

/** The statements of every inline or separate IAM policy of the template. */
function statements(t: ClaimContext): Json[] {
  return t
    .resources('AWS::IAM::Policy')
    .flatMap((p) => ((p.Properties?.['PolicyDocument'] as { Statement: Json[] } | undefined)?.Statement ?? []));
}

/** The one alarm on a metric, with its logical id. */
function alarmOn(t: ClaimContext, metricName: string): Found {
  const alarms = t
    .resources('AWS::CloudWatch::Alarm')
    .map((r): Found => ({ id: r.id, ...(r.Properties ?? {}) }))
    .filter((a) => a['MetricName'] === metricName);
  assert.equal(alarms.length, 1, `expected one alarm on ${metricName}, found ${alarms.length}`);
  return alarms[0] as Found;
}

/** How an alarm evaluates its metric: what it watches, the statistic and the rule that sets it off. */
interface Evaluation {
  readonly namespace: string;
  /** The dimension and the logical id of the resource it names. */
  readonly dimension: readonly [string, string];
  readonly statistic: string;
  readonly threshold: number;
  /** Periods of five minutes that must breach, in a row. */
  readonly periods: number;
  /** What a period without data counts as. */
  readonly missing: 'notBreaching' | 'ignore';
}

/** The alarm evaluates as given and notifies the alarm topic when it fires and when it clears. */
function assertAlarm(t: ClaimContext, alarm: Found, e: Evaluation): void {
  const what = `the ${String(alarm['MetricName'])} alarm`;
  assert.equal(alarm['Namespace'], e.namespace, `${what} watches another namespace`);
  const dims = (alarm['Dimensions'] ?? []) as Json[];
  assert.deepEqual(
    dims.map((d) => [d['Name'], target(d['Value'])]),
    [[e.dimension[0], e.dimension[1]]],
    `${what} does not watch ${e.dimension[1]}`,
  );
  assert.equal(alarm['Statistic'], e.statistic, `${what} does not use the ${e.statistic}`);
  assert.equal(alarm['Period'], 300, `${what} does not evaluate 5-minute periods`);
  assert.equal(alarm['ComparisonOperator'], 'GreaterThanThreshold', `${what} does not fire above its threshold`);
  assert.equal(alarm['Threshold'], e.threshold, `${what} does not fire above ${e.threshold}`);
  assert.equal(alarm['EvaluationPeriods'], e.periods, `${what} does not look at ${e.periods} periods`);
  assert.equal(alarm['DatapointsToAlarm'] ?? alarm['EvaluationPeriods'], e.periods, `${what} fires on fewer than ${e.periods} breaching periods`);
  assert.equal(alarm['TreatMissingData'], e.missing, `${what} does not treat periods without data as ${e.missing}`);
  const topic = only(t, 'AWS::SNS::Topic');
  assert.notEqual(alarm['ActionsEnabled'], false, `${what} has its actions disabled`);
  for (const key of ['AlarmActions', 'OKActions']) {
    assert.deepEqual(((alarm[key] ?? []) as unknown[]).map(target), [topic.id], `${what} ${key} do not notify exactly the alarm topic`);
  }
}

export default [
  claim(
    'state-changes-move-records',
    'An instance that reaches running, stopped or terminated, or whose name tag changes, invokes the function at once; an instance in between does not.',
    (t) => {
      const rules = rulesInvokingTheFunction(t);
      const state = rules.find((r) => asList((r['EventPattern'] as Json | undefined)?.['detail-type']).includes('EC2 Instance State-change Notification'));
      assert.ok(state, 'no rule sends EC2 state changes to the function');
      const pattern = state['EventPattern'] as { source: string[]; detail: { state: string[] } };
      assert.deepEqual(pattern.source, ['aws.ec2'], 'the state rule listens to other sources than EC2');
      assert.deepEqual([...pattern.detail.state].sort(), ['running', 'stopped', 'terminated'], 'the state rule matches other states');
      const tag = rules.find((r) => asList((r['EventPattern'] as Json | undefined)?.['detail-type']).includes('Tag Change on Resource'));
      assert.ok(tag, 'no rule sends tag changes to the function');
      const detail = (tag['EventPattern'] as { detail: Json }).detail;
      assert.deepEqual(detail['changed-tag-keys'], [t.parameters['tagKey']], 'the tag rule does not follow tagKey');
      assert.deepEqual(detail['resource-type'], ['instance'], 'the tag rule matches other resources than instances');
      for (const r of [state, tag]) assert.notEqual(r['State'], 'DISABLED', `rule ${r.id} is disabled`);
    },
  ),
  claim(
    'records-remembered-in-the-table',
    'The function remembers every record it writes in a table, before it writes it, and deletes a record only when name, TTL and address still match.',
    (t) => {
      const code = functionShipsTheHandler(t);
      const table = only(t, 'AWS::DynamoDB::Table');
      const env = (only(t, 'AWS::Lambda::Function')['Environment'] as { Variables: Json }).Variables;
      assert.equal(target(env['TABLE_NAME']), table.id, 'the function does not use the record table');
      assert.ok(
        code.indexOf('await remember(want, false);') < code.indexOf("await change(same ? 'UPSERT' : 'CREATE', want);"),
        'the function changes DNS before it records its intent in the table',
      );
      assert.match(code, /await change\('DELETE', had\)/u, 'the function does not delete the remembered record');
      assert.match(code, /ConsistentRead: true/u, 'the function reads the table without strong consistency');
    },
  ),
  claim(
    'record-ttl-follows-the-parameter',
    'Every record gets the TTL of recordTtlSeconds and points at the address that addressType names.',
    (t) => {
      const env = (only(t, 'AWS::Lambda::Function')['Environment'] as { Variables: Json }).Variables;
      assert.equal(env['RECORD_TTL'], String(t.parameters['recordTtlSeconds']), 'the records do not get recordTtlSeconds');
      assert.equal(env['ADDRESS_TYPE'], t.parameters['addressType'], 'the records do not follow addressType');
      const code = functionShipsTheHandler(t);
      assert.match(code, /ttl: \+RECORD_TTL/u, 'the function does not use RECORD_TTL for the records');
    },
  ),
  claim(
    'no-zonal-resources',
    'The function runs outside any VPC and the stack creates nothing that lives in one Availability Zone.',
    (t) => {
      const types = Object.values((t.json['Resources'] ?? {}) as Record<string, { Type: string }>).map((r) => r.Type);
      assert.deepEqual(types.filter((ty) => ty.startsWith('AWS::EC2::')), [], 'the stack creates EC2 resources, which live in zones');
      assert.equal(only(t, 'AWS::Lambda::Function')['VpcConfig'], undefined, 'the function is attached to a VPC');
    },
  ),
  claim(
    'reconcile-on-schedule',
    'With reconcileIntervalMinutes above 0 a schedule runs a reconcile of every tagged instance and remembered record at that interval; with 0 there is none.',
    (t) => {
      const minutes = Number(t.parameters['reconcileIntervalMinutes']);
      const schedules = rulesInvokingTheFunction(t).filter((r) => r['ScheduleExpression'] !== undefined);
      if (minutes === 0) {
        assert.deepEqual(schedules, [], 'a reconcile schedule exists although reconcileIntervalMinutes is 0');
        return;
      }
      assert.equal(schedules.length, 1, 'there is not exactly one reconcile schedule');
      const expected = minutes % 60 === 0 ? `rate(${minutes / 60} hour${minutes === 60 ? '' : 's'})` : `rate(${minutes} minutes)`;
      assert.equal(schedules[0]?.['ScheduleExpression'], expected, `the reconcile does not run every ${minutes} minutes`);
      assert.match(functionShipsTheHandler(t), /if \(event\['detail-type'\] === 'Scheduled Event'\) return reconcile\(\);/u, 'a scheduled event does not start a reconcile');
    },
  ),
  claim(
    'failed-events-retried-then-parked',
    'A failed event is retried by Lambda with its default of two retries within six hours and then kept for 14 days in an encrypted dead-letter queue.',
    (t) => {
      const fn = only(t, 'AWS::Lambda::Function');
      const queue = only(t, 'AWS::SQS::Queue');
      assert.equal(target((fn['DeadLetterConfig'] as Json | undefined)?.['TargetArn']), queue.id, 'failed events are not sent to the queue');
      assert.equal(queue['MessageRetentionPeriod'], 14 * 86_400, 'the dead-letter queue keeps events less than 14 days');
      assert.equal(queue['SqsManagedSseEnabled'], true, 'the dead-letter queue is not encrypted');
      assert.deepEqual(
        t.resources('AWS::Lambda::EventInvokeConfig'),
        [],
        'an event invoke config changes the retries or the event age from the documented defaults',
      );
    },
  ),
  claim(
    'accelerated-recovery-on-a-public-zone',
    'A public zone has Route 53 accelerated recovery on unless acceleratedRecovery is false, so records can change again within about an hour of a us-east-1 outage; a private zone has no such feature.',
    (t) => {
      const zone = only(t, 'AWS::Route53::HostedZone');
      const features = zone['HostedZoneFeatures'] as Json | undefined;
      if (t.parameters['vpcIds'] !== '') {
        assert.equal(features, undefined, 'a private zone asks for a feature only public zones have');
        return;
      }
      assert.equal(
        features?.['EnableAcceleratedRecovery'] ?? false,
        t.parameters['acceleratedRecovery'],
        'accelerated recovery on the public zone does not follow acceleratedRecovery',
      );
    },
  ),
  claim(
    'one-change-at-a-time',
    'The function runs one event at a time, so Lambda queues a burst of events instead of running them against Route 53 in parallel.',
    (t) => {
      assert.equal(only(t, 'AWS::Lambda::Function')['ReservedConcurrentExecutions'], 1, 'the function may run more than one event at once');
    },
  ),
  claim(
    'dashboard-shows-the-backlog',
    'The dashboard graphs the age of the oldest queued event, errors, throttles and the dead-letter queue.',
    (t) => {
      const body = flatten(only(t, 'AWS::CloudWatch::Dashboard')['DashboardBody']);
      for (const metric of ['AsyncEventAge', 'Errors', 'Throttles', 'ApproximateNumberOfMessagesVisible']) {
        assert.ok(body.includes(`"${metric}"`), `the dashboard does not show ${metric}`);
      }
    },
  ),
  claim(
    'errors-alarm',
    'An alarm notifies the alarm topic when the function fails in each of three 5-minute periods in a row, so a broken release or dependency is reported within about 15 minutes, while a single failure that its retry repairs is not.',
    (t) => {
      const fn = only(t, 'AWS::Lambda::Function');
      assertAlarm(t, alarmOn(t, 'Errors'), { namespace: 'AWS/Lambda', dimension: ['FunctionName', fn.id], statistic: 'Sum', threshold: 0, periods: 3, missing: 'notBreaching' });
    },
  ),
  claim(
    'dead-letter-queue-alarm',
    'An alarm notifies the alarm topic within five minutes of the first event parked in the dead-letter queue, stays in alarm while parked events wait even when the queue stops reporting, and notifies again once the queue is empty.',
    (t) => {
      const queue = only(t, 'AWS::SQS::Queue');
      assertAlarm(t, alarmOn(t, 'ApproximateNumberOfMessagesVisible'), { namespace: 'AWS/SQS', dimension: ['QueueName', queue.id], statistic: 'Maximum', threshold: 0, periods: 1, missing: 'ignore' });
    },
  ),
  claim(
    'lost-events-alarm',
    'An alarm notifies the alarm topic within five minutes of any failed event that Lambda could not send to the dead-letter queue.',
    (t) => {
      const fn = only(t, 'AWS::Lambda::Function');
      assertAlarm(t, alarmOn(t, 'DeadLetterErrors'), { namespace: 'AWS/Lambda', dimension: ['FunctionName', fn.id], statistic: 'Sum', threshold: 0, periods: 1, missing: 'notBreaching' });
    },
  ),
  claim(
    'backlog-alarm',
    'An alarm notifies the alarm topic when events wait more than five minutes for the function in two 5-minute periods in a row.',
    (t) => {
      const fn = only(t, 'AWS::Lambda::Function');
      assertAlarm(t, alarmOn(t, 'AsyncEventAge'), { namespace: 'AWS/Lambda', dimension: ['FunctionName', fn.id], statistic: 'Maximum', threshold: 5 * 60_000, periods: 2, missing: 'notBreaching' });
    },
  ),
  claim(
    'alarms-notify-an-encrypted-topic',
    'The alarm topic is encrypted with a customer managed key with rotation that CloudWatch may use for alarms of this account, accepts publishing from those alarms and over TLS only, and emails alarmEmail when it is set.',
    (t) => {
      const topic = only(t, 'AWS::SNS::Topic');
      const key = only(t, 'AWS::KMS::Key');
      assert.equal(target(topic['KmsMasterKeyId']), key.id, 'the alarm topic is not encrypted with the key');
      assert.equal(key['EnableKeyRotation'], true, 'the key of the alarm topic is not rotated');
      const keyStatements = (key['KeyPolicy'] as { Statement: Json[] }).Statement;
      const cloudwatch = keyStatements.find((s) => (s['Principal'] as Json | undefined)?.['Service'] === 'cloudwatch.amazonaws.com');
      assert.ok(cloudwatch, 'CloudWatch may not use the key, so alarms cannot publish to the encrypted topic');
      assert.equal(cloudwatch['Effect'], 'Allow', 'the key policy denies CloudWatch');
      assert.deepEqual(asList(cloudwatch['Action']), ['kms:Decrypt', 'kms:GenerateDataKey*'], 'CloudWatch may not use the key to publish, or may do more');
      assert.deepEqual(cloudwatch['Condition'], { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } }, 'CloudWatch may use the key for alarms of other accounts');
      const policies = t.resources('AWS::SNS::TopicPolicy').filter((r) => asList(r.Properties?.['Topics']).some((x) => target(x) === topic.id));
      assert.equal(policies.length, 1, 'the alarm topic has not exactly one topic policy');
      const topicStatements = (policies[0]?.Properties?.['PolicyDocument'] as { Statement: Json[] }).Statement;
      const publish = topicStatements.find((s) => s['Effect'] === 'Allow' && (s['Principal'] as Json | undefined)?.['Service'] === 'cloudwatch.amazonaws.com');
      assert.ok(publish, 'the topic policy does not let CloudWatch alarms publish');
      assert.equal(publish['Action'], 'sns:Publish', 'CloudWatch may do more than publish to the alarm topic');
      assert.match(flatten(((publish['Condition'] as Json)['ArnLike'] as Json)['aws:SourceArn']), /^arn:<.*>:cloudwatch:<.*"AWS::Region".*>:<.*"AWS::AccountId".*>:alarm:\*$/u, 'alarms of other accounts or Regions may publish');
      assert.ok(
        topicStatements.some((s) => s['Effect'] === 'Deny' && JSON.stringify(s['Condition']) === '{"Bool":{"aws:SecureTransport":"false"}}'),
        'the alarm topic accepts requests without TLS',
      );
      const email = String(t.parameters['alarmEmail']);
      const subscriptions = t.resources('AWS::SNS::Subscription').map((r): Found => ({ id: r.id, ...(r.Properties ?? {}) }));
      assert.deepEqual(
        subscriptions.map((x) => [target(x['TopicArn']), x['Protocol'], x['Endpoint']]),
        email === '' ? [] : [[topic.id, 'email', email]],
        'the alarm topic does not email exactly alarmEmail',
      );
    },
  ),
  claim(
    'changes-only-a-records-below-the-zone',
    'The function role may change only A records below zoneName in its own zone, and may read and write only its own table.',
    (t) => {
      const zone = only(t, 'AWS::Route53::HostedZone');
      const route53 = statements(t).filter((s) => asList(s['Action']).some((a) => String(a).startsWith('route53:')));
      assert.equal(route53.length, 1, 'the role has more than one Route 53 statement');
      const [s] = route53 as [Json];
      assert.deepEqual(s['Action'], 'route53:ChangeResourceRecordSets', 'the role may call more than ChangeResourceRecordSets');
      assert.ok(flatten(s['Resource']).endsWith(`hostedzone/<${JSON.stringify({ Ref: zone.id })}>`), 'the role reaches other zones');
      const condition = s['Condition'] as Json;
      assert.deepEqual(condition['ForAllValues:StringEquals'], {
        'route53:ChangeResourceRecordSetsRecordTypes': ['A'],
        'route53:ChangeResourceRecordSetsActions': ['CREATE', 'UPSERT', 'DELETE'],
      }, 'the role may change other record types or use other actions');
      assert.deepEqual(condition['ForAllValues:StringLike'], {
        'route53:ChangeResourceRecordSetsNormalizedRecordNames': [`*.${String(t.parameters['zoneName'])}`],
      }, 'the role may change names outside zoneName, such as its apex');
      const table = only(t, 'AWS::DynamoDB::Table');
      for (const st of statements(t).filter((x) => asList(x['Action']).some((a) => String(a).startsWith('dynamodb:')))) {
        assert.equal(target(st['Resource']), table.id, 'the role reaches another table');
      }
      const wildcards = statements(t).filter((x) => asList(x['Resource']).includes('*'));
      assert.deepEqual(wildcards.map((x) => x['Action']), ['ec2:DescribeInstances'], 'the role has other wildcard permissions');
    },
  ),
  claim(
    'never-takes-a-name-it-did-not-write',
    'The function creates a name it does not already hold with CREATE, which fails on a taken name, and then forgets it instead of overwriting.',
    (t) => {
      const code = functionShipsTheHandler(t);
      assert.match(code, /await change\(same \? 'UPSERT' : 'CREATE', want\);/u, 'a new name is upserted, which takes over records');
      assert.match(code, /if \(e\.name !== 'InvalidChangeBatch'\) throw e;\nawait forget\(id\);/u, 'a taken name is not left to its holder');
    },
  ),
  claim(
    'zone-and-table-outlive-the-stack',
    'The zone and the record table are kept when the stack is deleted or they are replaced, and the table has point-in-time recovery.',
    (t) => {
      for (const type of ['AWS::Route53::HostedZone', 'AWS::DynamoDB::Table']) {
        const [r] = t.resources(type);
        assert.ok(r, `the stack has no ${type}`);
        assert.equal(r.DeletionPolicy, 'Retain', `${type} is deleted with the stack`);
        assert.equal(r.UpdateReplacePolicy, 'Retain', `${type} is deleted when replaced`);
      }
      assert.deepEqual(
        only(t, 'AWS::DynamoDB::Table')['PointInTimeRecoverySpecification'],
        { PointInTimeRecoveryEnabled: true },
        'the table has no point-in-time recovery',
      );
    },
  ),
  claim(
    'private-zone-with-vpc-ids',
    'With vpcIds the zone is private and answers only inside exactly those VPCs; only without them is it public.',
    (t) => {
      const zone = only(t, 'AWS::Route53::HostedZone');
      const wanted = String(t.parameters['vpcIds']);
      const vpcs = ((zone['VPCs'] ?? []) as Json[]).map((v) => v['VPCId']);
      assert.deepEqual(vpcs, wanted === '' ? [] : wanted.split(','), 'the zone is not private to exactly the vpcIds');
      assert.equal(zone['Name'], t.parameters['zoneName'], 'the zone is not zoneName');
    },
  ),
];
