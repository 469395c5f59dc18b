// What architecture.yaml promises about this stack, checked against every configuration oar check synthesizes.
import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';
import { flatten, type Json, type Resource, propsOf as props, refTarget as target } from '../../../generators/check/claims/template-queries.ts';

/** The KMS-encrypted bucket that Firehose writes to. */
function archiveBucket(t: ClaimContext): Resource & { id: string } {
  const stream = props(t.only('AWS::KinesisFirehose::DeliveryStream'));
  const id = target((stream['ExtendedS3DestinationConfiguration'] as Json)['BucketARN']);
  const bucket = t.resources('AWS::S3::Bucket').find((b) => b.id === id);
  assert.ok(bucket, 'the Firehose stream does not write to a bucket of this stack');
  return bucket;
}

/** The alarm on a metric, with the topic it notifies. */
function alarmOn(t: ClaimContext, metricName: string): Json {
  const alarm = t.resources('AWS::CloudWatch::Alarm').find((a) => props(a)['MetricName'] === metricName);
  assert.ok(alarm, `there is no alarm on ${metricName}`);
  const topic = t.only('AWS::SNS::Topic');
  assert.deepEqual(
    (props(alarm)['AlarmActions'] as unknown[] | undefined)?.map(target),
    [topic.id],
    `the ${metricName} alarm does not notify the alert topic`,
  );
  return props(alarm);
}

/** Every Allow statement of every IAM policy attached to a role, by the role's logical id. */
function allowedOf(t: ClaimContext, roleId: string): Json[] {
  return t
    .resources('AWS::IAM::Policy')
    .filter((p) => ((props(p)['Roles'] ?? []) as unknown[]).some((r) => target(r) === roleId))
    .flatMap((p) => (props(p)['PolicyDocument'] as { Statement: Json[] }).Statement)
    .filter((s) => s['Effect'] === 'Allow');
}

const actionsOf = (statements: readonly Json[]): string[] =>
  statements.flatMap((s) => (Array.isArray(s['Action']) ? (s['Action'] as string[]) : [s['Action'] as string]));

export default [
  claim(
    'archive-path-is-regional',
    'Log events reach the archive through a Direct PUT Firehose stream that writes straight to S3 with its own processors, with no function, server or zone of its own on the way.',
    (t) => {
      const stream = props(t.only('AWS::KinesisFirehose::DeliveryStream'));
      assert.equal(stream['DeliveryStreamType'], 'DirectPut', 'the stream is not Direct PUT');
      archiveBucket(t);
      const processing = (stream['ExtendedS3DestinationConfiguration'] as Json)['ProcessingConfiguration'] as Json;
      const types = (processing['Processors'] as Json[]).map((p) => p['Type']);
      for (const type of types)
        assert.ok(
          ['Decompression', 'CloudWatchLogProcessing', 'AppendDelimiterToRecord'].includes(String(type)),
          `the stream runs a ${String(type)} processor, not only Firehose's own`,
        );
      if (t.parameters['openSearchEnabled'] === false) {
        const zonal = Object.values(t.json['Resources'] as Record<string, Resource>).filter(
          (r) => r.Type.startsWith('AWS::EC2::') || r.Type === 'AWS::Lambda::Function',
        );
        assert.deepEqual(zonal, [], 'without OpenSearch the stack still creates network or function resources');
      }
    },
  ),
  claim(
    'zone-aware-search',
    'The OpenSearch domain spreads its data nodes over openSearchAzCount zones with zone awareness, one isolated subnet per zone.',
    { variants: ['with-opensearch'] },
    (t) => {
      const domain = props(t.only('AWS::OpenSearchService::Domain'));
      const cluster = domain['ClusterConfig'] as Json;
      const zones = t.parameters['openSearchAzCount'];
      assert.equal(cluster['ZoneAwarenessEnabled'], true, 'zone awareness is off');
      assert.deepEqual(cluster['ZoneAwarenessConfig'], { AvailabilityZoneCount: zones }, 'zone awareness does not use every zone');
      assert.equal(cluster['InstanceCount'], t.parameters['openSearchDataNodes'], 'the data node count is not openSearchDataNodes');
      assert.equal(Number(cluster['InstanceCount']) % Number(zones), 0, 'the data nodes do not divide evenly over the zones');
      const subnetIds = ((domain['VPCOptions'] as Json)['SubnetIds'] as unknown[]).map(target);
      const subnetZones = new Set(
        t
          .resources('AWS::EC2::Subnet')
          .filter((s) => subnetIds.includes(s.id))
          .map((s) => JSON.stringify(props(s)['AvailabilityZone'])),
      );
      assert.equal(subnetZones.size, zones, 'the domain subnets are not one per zone');
      const routes = t.resources('AWS::EC2::Route');
      assert.deepEqual(routes, [], 'the domain subnets have routes out of the VPC');
    },
  ),
  claim(
    'delivery-alarms-notify',
    'Alarms on records older than the buffer interval plus ten minutes, on failed deliveries to S3 and on throttled records notify the alert topic.',
    (t) => {
      const freshness = alarmOn(t, 'DeliveryToS3.DataFreshness');
      assert.equal(
        freshness['Threshold'],
        Number(t.parameters['bufferIntervalSeconds']) + 600,
        'the freshness alarm does not follow bufferIntervalSeconds',
      );
      const success = alarmOn(t, 'DeliveryToS3.Success');
      assert.equal(success['ComparisonOperator'], 'LessThanThreshold', 'the delivery alarm does not fire on failures');
      assert.equal(success['Threshold'], 1, 'the delivery alarm does not fire below full success');
      const throttled = alarmOn(t, 'ThrottledRecords');
      assert.equal(throttled['Threshold'], 0, 'the throttling alarm ignores some throttled records');
      assert.equal(throttled['ComparisonOperator'], 'GreaterThanThreshold', 'the throttling alarm does not fire on throttling');
    },
  ),
  claim(
    'indexer-retries-then-parks',
    'Each archived object goes through a queue that retries it five times and then parks it in a dead-letter queue, whose alarm notifies the alert topic.',
    { variants: ['with-opensearch'] },
    (t) => {
      const queues = t.resources('AWS::SQS::Queue');
      const main = queues.find((q) => props(q)['RedrivePolicy'] !== undefined);
      assert.ok(main, 'no queue has a dead-letter queue');
      const redrive = props(main)['RedrivePolicy'] as Json;
      assert.equal(redrive['maxReceiveCount'], 5, 'objects are not retried five times');
      const dlq = target(redrive['deadLetterTargetArn']);
      const rule = props(t.only('AWS::Events::Rule'));
      assert.ok(
        (rule['Targets'] as Json[]).some((x) => target(x['Arn']) === main.id),
        'new archive objects do not reach the queue',
      );
      const mapping = props(t.only('AWS::Lambda::EventSourceMapping'));
      assert.equal(target(mapping['EventSourceArn']), main.id, 'the indexer does not read the queue');
      assert.deepEqual(mapping['FunctionResponseTypes'], ['ReportBatchItemFailures'], 'one failed object fails its whole batch');
      assert.deepEqual(
        mapping['ScalingConfig'],
        { MaximumConcurrency: t.parameters['indexerMaxConcurrency'] },
        'the indexer concurrency is not indexerMaxConcurrency',
      );
      const parked = alarmOn(t, 'ApproximateNumberOfMessagesVisible');
      assert.ok(
        JSON.stringify(parked['Dimensions']).includes(`"${String(dlq)}"`),
        'the parked-objects alarm does not watch the dead-letter queue',
      );
    },
  ),
  claim(
    'indexing-is-idempotent',
    'The indexer uses each CloudWatch Logs event id as the document id and returns an object to the queue on throttling or server errors, so a replay never duplicates an event.',
    { variants: ['with-opensearch'] },
    (t) => {
      const code = (props(t.only('AWS::Lambda::Function'))['Code'] as Json)['ZipFile'];
      assert.equal(typeof code, 'string', 'the indexer code is not inline in the template');
      const deployed = String(code);
      assert.match(deployed, /_id: e\.id\b/u, 'documents are not keyed by the log event id');
      assert.match(deployed, /status === 429 \|\| i\.status >= 500/u, 'throttled or failed documents are not retried');
      assert.match(deployed, /batchItemFailures\.push/u, 'a failed object is not returned to the queue');
      const source = t.file('lambda/index.js');
      for (const line of deployed.split('\n')) assert.ok(source.includes(line), `the deployed code differs from lambda/index.js: ${line}`);
    },
  ),
  claim(
    'search-storage-alarms',
    'Alarms on a data node with less than a quarter of its volume free, on blocked writes and on a red cluster notify the alert topic.',
    { variants: ['with-opensearch'] },
    (t) => {
      const free = alarmOn(t, 'FreeStorageSpace');
      assert.equal(
        free['Threshold'],
        Number(t.parameters['openSearchVolumeGiB']) * 1024 * 0.25,
        'the free storage alarm is not at a quarter of openSearchVolumeGiB',
      );
      assert.equal(alarmOn(t, 'ClusterIndexWritesBlocked')['Threshold'], 1, 'blocked writes do not alarm');
      assert.equal(alarmOn(t, 'ClusterStatus.red')['Threshold'], 1, 'a red cluster does not alarm');
    },
  ),
  claim(
    'failed-records-kept-under-errors',
    'Records Firehose cannot decompress or process are written under errors/ with their error type, and Firehose may write there, so they are kept instead of dropped.',
    (t) => {
      const stream = props(t.only('AWS::KinesisFirehose::DeliveryStream'));
      const destination = stream['ExtendedS3DestinationConfiguration'] as Json;
      assert.match(String(destination['ErrorOutputPrefix']), /^errors\/!\{firehose:error-output-type\}\//u, 'failed records have no errors/ prefix with their type');
      assert.equal((destination['ProcessingConfiguration'] as Json)['Enabled'], true, 'records are not processed');
      const role = target(destination['RoleARN']) ?? '';
      const writes = allowedOf(t, role).filter((s) => actionsOf([s]).includes('s3:PutObject'));
      assert.ok(
        writes.some((s) => JSON.stringify(s['Resource']).includes('/errors/*')),
        'the delivery role may not write under errors/',
      );
    },
  ),
  claim(
    'archive-versioned-and-locked',
    'The archive bucket is versioned, keeps replaced versions for 30 days, and locks every new object in objectLockMode for objectLockRetentionDays when a mode is set.',
    (t) => {
      const bucket = props(archiveBucket(t));
      assert.deepEqual(bucket['VersioningConfiguration'], { Status: 'Enabled' }, 'the archive is not versioned');
      const rules = (bucket['LifecycleConfiguration'] as { Rules: Json[] }).Rules;
      assert.ok(
        rules.some((r) => (r['NoncurrentVersionExpiration'] as Json | undefined)?.['NoncurrentDays'] === 30),
        'replaced versions are not kept for 30 days',
      );
      const mode = t.parameters['objectLockMode'];
      if (mode === 'none') {
        assert.equal(bucket['ObjectLockConfiguration'], undefined, 'Object Lock is on although objectLockMode is none');
        return;
      }
      assert.equal(bucket['ObjectLockEnabled'], true, 'Object Lock is not enabled on the bucket');
      assert.deepEqual(
        bucket['ObjectLockConfiguration'],
        {
          ObjectLockEnabled: 'Enabled',
          Rule: { DefaultRetention: { Mode: mode, Days: t.parameters['objectLockRetentionDays'] } },
        },
        'the default retention is not objectLockMode for objectLockRetentionDays',
      );
    },
  ),
  claim(
    'senders-only-add-events',
    'Other accounts may only subscribe to the destination, its role may only put records into the stream, and no bucket or key policy lets another account read or delete.',
    (t) => {
      const destination = props(t.only('AWS::Logs::Destination'));
      const org = String(t.parameters['organizationId']);
      const accounts = String(t.parameters['sourceAccountIds']);
      if (org === '' && accounts === '') {
        assert.equal(destination['DestinationPolicy'], undefined, 'the destination admits other accounts');
      } else {
        const policy = flatten(destination['DestinationPolicy']);
        assert.match(policy, /"Action":"logs:PutSubscriptionFilter"/u, 'other accounts may do more than subscribe');
        assert.doesNotMatch(policy, /"Action":\[/u, 'the destination policy allows several actions');
        if (org !== '') assert.ok(policy.includes(`"aws:PrincipalOrgID":["${org}"]`), 'the destination is not limited to the organization');
        else for (const a of accounts.split(',')) assert.ok(policy.includes(a), `account ${a} is not allowed`);
      }
      const role = target(destination['RoleArn']) ?? '';
      const statements = allowedOf(t, role);
      assert.deepEqual(actionsOf(statements).sort(), ['firehose:PutRecord', 'firehose:PutRecordBatch'], 'the senders role may do more than put records');
      for (const s of statements)
        assert.equal(target(s['Resource']), target(destination['TargetArn']), 'the senders role reaches another stream');
      for (const p of t.resources('AWS::S3::BucketPolicy')) {
        for (const s of (props(p)['PolicyDocument'] as { Statement: Json[] }).Statement.filter((x) => x['Effect'] === 'Allow')) {
          assert.deepEqual(s['Principal'], { Service: 'logging.s3.amazonaws.com' }, 'a bucket policy grants access to a principal other than S3 logging');
          assert.deepEqual(actionsOf([s]), ['s3:PutObject'], 'S3 logging may do more than write logs');
        }
      }
      const key = props(t.only('AWS::KMS::Key'));
      for (const s of (key['KeyPolicy'] as { Statement: Json[] }).Statement) {
        const principal = (s['Principal'] ?? {}) as Json;
        if (principal['AWS'] !== undefined)
          assert.equal(flatten(principal['AWS']), 'arn:<{"Ref":"AWS::Partition"}>:iam::<{"Ref":"AWS::AccountId"}>:root', 'the key policy names another account');
      }
    },
  ),
  claim(
    'writers-cannot-delete',
    "Firehose's role may write objects only under logs/ and errors/, and has no right to delete objects, change their retention or change the bucket.",
    (t) => {
      const stream = props(t.only('AWS::KinesisFirehose::DeliveryStream'));
      const role = target((stream['ExtendedS3DestinationConfiguration'] as Json)['RoleARN']) ?? '';
      const statements = allowedOf(t, role);
      const actions = actionsOf(statements);
      for (const a of actions) {
        assert.doesNotMatch(a, /\*|Delete|Retention|LegalHold|PutBucket|PutLifecycle/u, `the delivery role may call ${a}`);
      }
      for (const s of statements.filter((x) => actionsOf([x]).includes('s3:PutObject'))) {
        const resources = (Array.isArray(s['Resource']) ? s['Resource'] : [s['Resource']]).map(flatten);
        for (const r of resources) assert.match(r, /\/(logs|errors)\/\*$/u, `the delivery role may write ${r}`);
      }
    },
  ),
  claim(
    'archive-outlives-the-stack',
    'With retainArchive, deleting or replacing the stack keeps the archive bucket, its access log bucket and the key; without it, they are deleted.',
    (t) => {
      const policy = t.parameters['retainArchive'] === true ? 'Retain' : 'Delete';
      const kept = [...t.resources('AWS::S3::Bucket'), ...t.resources('AWS::KMS::Key')];
      assert.ok(kept.length >= 3, 'the buckets and the key are missing');
      for (const r of kept) {
        assert.equal(r.DeletionPolicy, policy, `${r.id} has DeletionPolicy ${String(r.DeletionPolicy)}, not ${policy}`);
        assert.equal(r.UpdateReplacePolicy, policy, `${r.id} has UpdateReplacePolicy ${String(r.UpdateReplacePolicy)}, not ${policy}`);
      }
    },
  ),
];
