// What architecture.yaml promises about this stack, checked against every configuration oar check synthesizes.
// Claims about the worker's behaviour check that every function ships lambda/index.js exactly as
// cdk/handler.test.ts runs it, and the property in that source; the handler tests prove the behaviour.
import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';
import { flatten, type Json, inlineSource, refTarget as target, flatOf } from '../../../generators/check/claims/template-queries.ts';

type Props = Record<string, unknown>;
type Found = Props & { readonly id: string };

const all = (t: ClaimContext, type: string): Found[] => t.resources(type).map(flatOf);

const consumers = (t: ClaimContext): string[] => String(t.parameters['consumers']).split(',');

/** A consumer's queue, dead-letter queue and subscription dead-letter queue, found by their names. */
function queuesOf(t: ClaimContext, consumer: string): { queue: Found; dlq: Found; subscriptionDlq: Found } {
  const queues = all(t, 'AWS::SQS::Queue');
  const named = (suffix: string): Found => {
    const found = queues.filter((q) => String(q['QueueName']).endsWith(`-${consumer}${suffix}`));
    assert.equal(found.length, 1, `expected one queue named …-${consumer}${suffix}, found ${found.length}`);
    return found[0] as Found;
  };
  return { queue: named(''), dlq: named('-dlq'), subscriptionDlq: named('-sns-dlq') };
}

/** The SNS subscription that delivers to a queue. */
function subscriptionTo(t: ClaimContext, queueId: string): Found {
  const found = all(t, 'AWS::SNS::Subscription').filter((s) => target(s['Endpoint']) === queueId);
  assert.equal(found.length, 1, `expected one subscription delivering to ${queueId}, found ${found.length}`);
  return found[0] as Found;
}

/** The statements of the queue policies that name a queue. */
function queuePolicyStatements(t: ClaimContext, queueId: string): Json[] {
  return all(t, 'AWS::SQS::QueuePolicy')
    .filter((p) => ((p['Queues'] ?? []) as unknown[]).some((q) => target(q) === queueId))
    .flatMap((p) => (p['PolicyDocument'] as { Statement: Json[] }).Statement);
}

/** The only Allow statements are SNS sending from the events topic, and plain HTTP is refused. */
function admitsOnlyTheTopic(t: ClaimContext, queueId: string, what: string): void {
  const statements = queuePolicyStatements(t, queueId);
  const topic = all(t, 'AWS::SNS::Topic').find((x) => String(x['TopicName']).endsWith('-events'));
  assert.ok(topic, 'the events topic is not in the template');
  const allows = statements.filter((s) => s['Effect'] === 'Allow');
  assert.equal(allows.length, 1, `${what} allows ${allows.length} statements, not only the topic`);
  const [allow] = allows as [Json];
  assert.deepEqual(allow['Principal'], { Service: 'sns.amazonaws.com' }, `${what} admits a principal other than SNS`);
  assert.equal(allow['Action'], 'sqs:SendMessage', `${what} allows SNS more than sqs:SendMessage`);
  const source = ((allow['Condition'] as Json | undefined)?.['ArnEquals'] as Json | undefined)?.['aws:SourceArn'];
  assert.ok(
    flatten(source).endsWith(`:${String(topic['TopicName'])}`),
    `${what} does not limit SNS to the events topic (aws:SourceArn is ${flatten(source)})`,
  );
  assert.ok(
    statements.some(
      (s) =>
        s['Effect'] === 'Deny' &&
        JSON.stringify(s['Condition']) === JSON.stringify({ Bool: { 'aws:SecureTransport': 'false' } }),
    ),
    `${what} does not refuse requests without TLS`,
  );
}

/** The alarms on one metric of a queue, with their actions. */
function alarmsOn(t: ClaimContext, metric: string, queueId: string): Found[] {
  return all(t, 'AWS::CloudWatch::Alarm').filter(
    (a) =>
      a['MetricName'] === metric &&
      ((a['Dimensions'] ?? []) as Json[]).some((d) => d['Name'] === 'QueueName' && target(d['Value']) === queueId),
  );
}

/** The alarm topic, and whether an alarm notifies it on ALARM and on OK. */
function notifiesAlarmTopic(t: ClaimContext, alarm: Found): boolean {
  const alarmTopic = all(t, 'AWS::SNS::Topic').find((x) => String(x['TopicName']).endsWith('-alarms'));
  const to = (key: string) => ((alarm[key] ?? []) as unknown[]).map(target);
  return alarmTopic !== undefined && to('AlarmActions').includes(alarmTopic.id) && to('OKActions').includes(alarmTopic.id);
}

/** Every worker runs lambda/index.js as it ships, the code cdk/handler.test.ts loads and runs. */
function workersShipTheHandler(t: ClaimContext): string {
  const code = inlineSource(t.file('lambda/index.js'));
  const workers = all(t, 'AWS::Lambda::Function');
  assert.equal(workers.length, consumers(t).length, 'there is not one worker per consumer');
  for (const w of workers) {
    assert.equal((w['Code'] as Json)['ZipFile'], code, `worker ${w.id} does not run lambda/index.js as shipped`);
    assert.equal(w['Handler'], 'index.handler', `worker ${w.id} does not call exports.handler`);
  }
  return code;
}

export default [
  claim(
    'no-zonal-resources',
    'The workers run outside any VPC and the stack creates nothing that lives in one Availability Zone.',
    (t) => {
      const ec2 = Object.values((t.json['Resources'] ?? {}) as Record<string, { Type: string }>).filter((r) =>
        r.Type.startsWith('AWS::EC2::'),
      );
      assert.deepEqual(ec2, [], 'the stack creates EC2 network resources, which live in zones');
      for (const w of all(t, 'AWS::Lambda::Function')) {
        assert.equal(w['VpcConfig'], undefined, `worker ${w.id} is attached to a VPC`);
      }
    },
  ),
  claim(
    'queues-keep-messages',
    'Each consumer queue keeps a waiting message for messageRetentionDays days, and both dead-letter queues of a consumer keep theirs for 14 days.',
    (t) => {
      for (const c of consumers(t)) {
        const { queue, dlq, subscriptionDlq } = queuesOf(t, c);
        assert.equal(
          queue['MessageRetentionPeriod'],
          Number(t.parameters['messageRetentionDays']) * 86_400,
          `the ${c} queue does not keep messages for messageRetentionDays`,
        );
        for (const q of [dlq, subscriptionDlq]) {
          assert.equal(q['MessageRetentionPeriod'], 14 * 86_400, `${String(q['QueueName'])} keeps messages less than 14 days`);
        }
      }
    },
  ),
  claim(
    'dead-letter-queue-per-consumer',
    'After maxReceiveCount failed receives a message moves to the dead-letter queue of its own consumer, which only that consumer queue may redrive into.',
    (t) => {
      const targets = new Set<string>();
      for (const c of consumers(t)) {
        const { queue, dlq } = queuesOf(t, c);
        const redrive = queue['RedrivePolicy'] as Json | undefined;
        assert.ok(redrive, `the ${c} queue has no redrive policy`);
        assert.equal(target(redrive['deadLetterTargetArn']), dlq.id, `the ${c} queue does not redrive to its own DLQ`);
        assert.equal(redrive['maxReceiveCount'], t.parameters['maxReceiveCount'], `the ${c} redrive is not after maxReceiveCount`);
        targets.add(dlq.id);
        const allow = dlq['RedriveAllowPolicy'] as Json | undefined;
        assert.ok(allow, `the ${c} DLQ has no redrive allow policy`);
        assert.equal(allow['redrivePermission'], 'byQueue', `the ${c} DLQ accepts messages from any queue`);
        const sources = ((allow['sourceQueueArns'] ?? []) as unknown[]).map(flatten);
        assert.equal(sources.length, 1, `the ${c} DLQ accepts ${sources.length} source queues`);
        assert.ok(sources[0]?.endsWith(`:${String(queue['QueueName'])}`), `the ${c} DLQ accepts another queue than ${c}`);
      }
      assert.equal(targets.size, consumers(t).length, 'consumers share a dead-letter queue');
    },
  ),
  claim(
    'visibility-outlasts-the-worker',
    'A received message stays hidden for six times the worker timeout plus the batching window, so a second worker does not take it while the first may still run.',
    (t) => {
      const timeout = Number(t.parameters['workerTimeoutSeconds']);
      const expected = 6 * timeout + Number(t.parameters['maxBatchingWindowSeconds']);
      for (const c of consumers(t)) {
        assert.equal(queuesOf(t, c).queue['VisibilityTimeout'], expected, `the ${c} visibility timeout is not ${expected} s`);
      }
      for (const w of all(t, 'AWS::Lambda::Function')) {
        assert.equal(w['Timeout'], timeout, `worker ${w.id} does not time out after workerTimeoutSeconds`);
        const env = (w['Environment'] as { Variables: Json }).Variables;
        assert.equal(env['LOCK_SECONDS'], String(timeout), `worker ${w.id} holds its idempotency lock for another time`);
      }
    },
  ),
  claim(
    'one-failed-message-not-the-batch',
    'A worker reports only the messages that failed, so the rest of its batch is deleted and one poison message cannot hold up the others.',
    (t) => {
      const mappings = all(t, 'AWS::Lambda::EventSourceMapping');
      assert.equal(mappings.length, consumers(t).length, 'there is not one event source mapping per consumer');
      for (const m of mappings) {
        assert.deepEqual(m['FunctionResponseTypes'], ['ReportBatchItemFailures'], `mapping ${m.id} fails whole batches`);
      }
      const code = workersShipTheHandler(t);
      assert.match(code, /batchItemFailures\.push\(\{ itemIdentifier: r\.messageId \}\)/u, 'the worker does not list failed messages');
      assert.match(code, /return \{ batchItemFailures \};/u, 'the worker does not return a partial batch response');
    },
  ),
  claim(
    'duplicates-skipped-by-key',
    'A worker claims each message key in the idempotency table with a conditional write before the work, and skips a key already COMPLETED.',
    (t) => {
      const code = workersShipTheHandler(t);
      assert.match(code, /ConditionExpression: 'attribute_not_exists\(pk\) OR \(#s = :p AND lockedUntil < :now\)'/u, 'the claim is not a conditional write');
      assert.match(code, /=== 'COMPLETED' \? 'done' : 'busy'/u, 'a COMPLETED record does not make the worker skip');
      const table = all(t, 'AWS::DynamoDB::Table');
      assert.equal(table.length, 1, 'there is not one idempotency table');
      assert.deepEqual(
        (table[0] as Found)['TimeToLiveSpecification'],
        { AttributeName: 'expiresAt', Enabled: true },
        'idempotency records do not expire on expiresAt',
      );
      for (const w of all(t, 'AWS::Lambda::Function')) {
        const env = (w['Environment'] as { Variables: Json }).Variables;
        assert.equal(target(env['TABLE_NAME']), (table[0] as Found).id, `worker ${w.id} uses another table`);
        assert.equal(
          env['RECORD_TTL_SECONDS'],
          String(Number(t.parameters['idempotencyTtlDays']) * 86_400),
          `worker ${w.id} keeps records for another time than idempotencyTtlDays`,
        );
      }
    },
  ),
  claim(
    'alarms-on-dead-letters-and-backlog',
    'Each consumer has an alarm on any message in its dead-letter queue and on a backlog older than oldestMessageAlarmSeconds for 5 minutes, both notifying the alarm topic.',
    (t) => {
      for (const c of consumers(t)) {
        const { queue, dlq } = queuesOf(t, c);
        const [dlqAlarm] = alarmsOn(t, 'ApproximateNumberOfMessagesVisible', dlq.id);
        assert.ok(dlqAlarm, `no alarm watches the ${c} dead-letter queue`);
        assert.equal(dlqAlarm['Threshold'], 1, `the ${c} DLQ alarm does not go off at the first message`);
        assert.equal(dlqAlarm['ComparisonOperator'], 'GreaterThanOrEqualToThreshold', `the ${c} DLQ alarm compares wrongly`);
        assert.ok(notifiesAlarmTopic(t, dlqAlarm), `the ${c} DLQ alarm does not notify the alarm topic`);
        const [age] = alarmsOn(t, 'ApproximateAgeOfOldestMessage', queue.id);
        assert.ok(age, `no alarm watches the age of the ${c} backlog`);
        assert.equal(age['Threshold'], t.parameters['oldestMessageAlarmSeconds'], `the ${c} backlog alarm ignores oldestMessageAlarmSeconds`);
        assert.equal(Number(age['EvaluationPeriods']) * Number(age['Period']), 300, `the ${c} backlog alarm does not wait 5 minutes`);
        assert.ok(notifiesAlarmTopic(t, age), `the ${c} backlog alarm does not notify the alarm topic`);
      }
    },
  ),
  claim(
    'subscription-dead-letter-queues',
    'Each subscription parks the messages SNS cannot deliver to its queue in a dead-letter queue of its own, which only the topic may write to and an alarm watches; an alarm also fires if SNS cannot park one.',
    (t) => {
      for (const c of consumers(t)) {
        const { queue, dlq, subscriptionDlq } = queuesOf(t, c);
        const subscription = subscriptionTo(t, queue.id);
        const redrive = subscription['RedrivePolicy'] as Json | undefined;
        assert.ok(redrive, `the ${c} subscription has no redrive policy: SNS drops what it cannot deliver`);
        assert.equal(
          target(redrive['deadLetterTargetArn']),
          subscriptionDlq.id,
          `the ${c} subscription does not park messages in its own subscription dead-letter queue`,
        );
        assert.notEqual(subscriptionDlq.id, dlq.id, `the ${c} subscription shares the worker's dead-letter queue`);
        admitsOnlyTheTopic(t, subscriptionDlq.id, `the ${c} subscription dead-letter queue`);
        const [alarm] = alarmsOn(t, 'ApproximateNumberOfMessagesVisible', subscriptionDlq.id);
        assert.ok(alarm, `no alarm watches the ${c} subscription dead-letter queue`);
        assert.equal(alarm['Threshold'], 1, `the ${c} subscription DLQ alarm does not go off at the first message`);
        assert.ok(notifiesAlarmTopic(t, alarm), `the ${c} subscription DLQ alarm does not notify the alarm topic`);
      }
      const lost = all(t, 'AWS::CloudWatch::Alarm').find(
        (a) => a['MetricName'] === 'NumberOfNotificationsFailedToRedriveToDlq' && a['Namespace'] === 'AWS/SNS',
      );
      assert.ok(lost, 'no alarm fires when SNS cannot move a message to a subscription dead-letter queue');
      assert.equal(lost['Threshold'], 1, 'the lost-message alarm does not go off at the first message');
      assert.ok(notifiesAlarmTopic(t, lost), 'the lost-message alarm does not notify the alarm topic');
    },
  ),
  claim(
    'filter-policies-per-consumer',
    'A consumer named in filterPolicies receives only the messages its policy matches, in the filterPolicyScope chosen; the other consumers receive every message.',
    (t) => {
      const text = String(t.parameters['filterPolicies']);
      const policies = (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>;
      for (const c of consumers(t)) {
        const subscription = subscriptionTo(t, queuesOf(t, c).queue.id);
        assert.equal(subscription['RawMessageDelivery'], true, `the ${c} subscription wraps messages in SNS JSON`);
        if (c in policies) {
          assert.deepEqual(subscription['FilterPolicy'], policies[c], `the ${c} subscription does not use its filter policy`);
          assert.equal(subscription['FilterPolicyScope'], t.parameters['filterPolicyScope'], `the ${c} filter has the wrong scope`);
        } else {
          assert.equal(subscription['FilterPolicy'], undefined, `the ${c} subscription filters messages it should all get`);
        }
      }
    },
  ),
  claim(
    'concurrency-capped-per-worker',
    'Each worker runs at most maxConcurrency invocations at once, and no reserved concurrency caps it lower, which would throttle messages into the dead-letter queue.',
    (t) => {
      for (const m of all(t, 'AWS::Lambda::EventSourceMapping')) {
        assert.deepEqual(
          m['ScalingConfig'],
          { MaximumConcurrency: t.parameters['maxConcurrency'] },
          `mapping ${m.id} is not capped at maxConcurrency`,
        );
        assert.equal(m['BatchSize'], t.parameters['batchSize'], `mapping ${m.id} ignores batchSize`);
      }
      for (const w of all(t, 'AWS::Lambda::Function')) {
        const reserved = w['ReservedConcurrentExecutions'];
        assert.ok(
          reserved === undefined || Number(reserved) >= Number(t.parameters['maxConcurrency']),
          `worker ${w.id} reserves ${String(reserved)}, below maxConcurrency`,
        );
      }
    },
  ),
  claim(
    'publishers-reach-only-the-topic',
    'The publisher policy allows publishing to the events topic and the two key calls encryption needs, and nothing else.',
    (t) => {
      const policies = all(t, 'AWS::IAM::ManagedPolicy');
      assert.equal(policies.length, 1, 'there is not exactly one managed policy, the publisher policy');
      const statements = ((policies[0] as Found)['PolicyDocument'] as { Statement: Json[] }).Statement;
      const topic = all(t, 'AWS::SNS::Topic').find((x) => String(x['TopicName']).endsWith('-events'));
      const key = all(t, 'AWS::KMS::Key')[0];
      assert.deepEqual(
        statements.map((s) => [s['Effect'], s['Action'], target(s['Resource'])]),
        [
          ['Allow', 'sns:Publish', topic?.id],
          ['Allow', ['kms:GenerateDataKey', 'kms:Decrypt'], key?.id],
        ],
        'the publisher policy allows more than publishing to the topic with its key',
      );
    },
  ),
  claim(
    'queues-admit-only-the-topic',
    'Every consumer queue accepts messages only from the events topic, and every queue refuses requests without TLS.',
    (t) => {
      for (const c of consumers(t)) {
        const { queue, dlq } = queuesOf(t, c);
        admitsOnlyTheTopic(t, queue.id, `the ${c} queue`);
        const dlqStatements = queuePolicyStatements(t, dlq.id);
        assert.deepEqual(
          dlqStatements.filter((s) => s['Effect'] === 'Allow'),
          [],
          `the ${c} dead-letter queue policy allows something`,
        );
        assert.ok(
          dlqStatements.some((s) => s['Effect'] === 'Deny' && JSON.stringify(s['Condition']).includes('aws:SecureTransport')),
          `the ${c} dead-letter queue accepts requests without TLS`,
        );
      }
    },
  ),
  claim(
    'encrypted-with-the-stack-key',
    'Both topics and every queue are encrypted with the stack customer managed key, which rotates every year and lets SNS use it only for the events topic.',
    (t) => {
      const keys = all(t, 'AWS::KMS::Key');
      assert.equal(keys.length, 1, 'there is not exactly one key');
      const key = keys[0] as Found;
      assert.equal(key['EnableKeyRotation'], true, 'the key does not rotate');
      for (const r of [...all(t, 'AWS::SNS::Topic'), ...all(t, 'AWS::SQS::Queue')]) {
        assert.equal(target(r['KmsMasterKeyId']), key.id, `${r.id} is not encrypted with the stack key`);
      }
      const sns = ((key['KeyPolicy'] as { Statement: Json[] }).Statement).filter(
        (s) => JSON.stringify(s['Principal']) === JSON.stringify({ Service: 'sns.amazonaws.com' }),
      );
      assert.equal(sns.length, 1, 'the key policy has not exactly one statement for SNS');
      const source = ((sns[0]?.['Condition'] as Json | undefined)?.['ArnEquals'] as Json | undefined)?.['aws:SourceArn'];
      assert.ok(flatten(source).endsWith('-events'), 'the key lets SNS use it for other topics than the events topic');
    },
  ),
  claim(
    'no-message-bodies-stored-or-logged',
    'The worker writes only keys, owners, states and times to the idempotency table and logs message ids and event types, never a message body.',
    (t) => {
      const code = workersShipTheHandler(t);
      const item = /const Item = \{([^}]*)\};/u.exec(code)?.[1];
      assert.ok(item, 'the worker does not build its table item where this claim can read it');
      const fields = [...item.matchAll(/(\w+):/gu)].map((m) => m[1]);
      assert.deepEqual(fields, ['pk', 'status', 'owner', 'lockedUntil', 'expiresAt'], 'the table item holds other fields');
      assert.match(code, /UpdateExpression: 'SET #s = :c, completedAt = :now REMOVE lockedUntil'/u, 'the COMPLETED write stores more');
      const bodyUses = [...code.matchAll(/\br\.body\b|\.body\b/gu)].length;
      assert.equal(bodyUses, 1, 'the worker reads the message body in more places than parsing it for the work');
      assert.match(code, /work\(parse\(r\.body\), r\)/u, 'the message body is used for something else than the work');
      const parse = /function parse\(body\) \{\ntry \{\nreturn JSON\.parse\(body\);\n\} catch \{\nthrow new Error\('([^']*)'\);/u.exec(code);
      assert.ok(parse, 'a body that is not JSON is not replaced by a plain error, and the parser error quotes the body');
      assert.doesNotMatch(parse[1] ?? '', /\$\{/u, 'the error for a body that is not JSON includes content');
      for (const line of code.split('\n').filter((l) => /\blog\(/u.test(l) && !l.startsWith('const log'))) {
        assert.doesNotMatch(line, /body|event\b(?!\.type)/u, `a log line may carry the body: ${line}`);
      }
    },
  ),
  claim(
    'key-deleted-30-days-after-the-stack',
    'Deleting the stack schedules the key for deletion after 30 days, so messages encrypted with it stay readable for that long.',
    (t) => {
      const [key] = t.resources('AWS::KMS::Key');
      assert.ok(key, 'the stack has no key');
      assert.equal(key.Properties?.['PendingWindowInDays'], 30, 'the key waits less than 30 days before deletion');
      assert.equal(key.DeletionPolicy, 'Delete', 'the key is not scheduled for deletion with the stack');
    },
  ),
];
