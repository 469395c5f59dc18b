// What architecture.yaml promises about this stack, checked against every configuration oar check synthesizes.
import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';
import { flatten, type Json, type Resource, propsOf as props, refTarget as target } from '../../../generators/check/claims/template-queries.ts';

const HOUR_MS = 3_600_000;

const flinkConfig = (t: ClaimContext): Json =>
  props(t.only('AWS::KinesisAnalyticsV2::Application'))['ApplicationConfiguration'] as Json;
const flinkPart = (t: ClaimContext, part: string): Json =>
  ((flinkConfig(t)['FlinkApplicationConfiguration'] as Json)[part] ?? {}) as Json;

/** The alarm whose logical id starts with Alarms<name>. */
function alarm(t: ClaimContext, name: string): Json {
  const found = t.resources('AWS::CloudWatch::Alarm').find((a) => a.id.startsWith(`Alarms${name}`));
  assert.ok(found, `there is no ${name} alarm`);
  return props(found);
}

/** The one managed KMS key of the stack's data (not the log key). */
const dataKeyId = (t: ClaimContext): string => {
  const key = t.resources('AWS::KMS::Key').find((k) => k.id.startsWith('StorageDataKey'));
  assert.ok(key, 'there is no data key');
  return key.id;
};

const statements = (policy: Resource | undefined): Json[] =>
  ((props(policy)['PolicyDocument'] as { Statement: Json[] } | undefined)?.Statement ?? []).filter((s) => s['Effect'] === 'Allow');
const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);
const actionsOf = (s: Json): string[] => listOf(s['Action']).map(String);
const resourcesOf = (s: Json): string[] => listOf(s['Resource']).map(flatten);

/** The alarm's actions name the alert topic. */
function notifies(t: ClaimContext, a: Json): void {
  const topic = t.only('AWS::SNS::Topic').id;
  assert.ok(listOf(a['AlarmActions']).some((x) => target(x) === topic), 'the alarm notifies nobody');
}

export default [
  claim(
    'encrypted-with-the-data-key',
    'The stream, the warehouse and artifact buckets, the Flink application state and the alert topic are encrypted with the customer managed data key, which rotates yearly, and every bucket refuses requests that are not TLS.',
    (t) => {
      const key = dataKeyId(t);
      assert.equal(props(t.resources('AWS::KMS::Key').find((k) => k.id === key))['EnableKeyRotation'], true, 'the data key does not rotate');
      const stream = props(t.only('AWS::Kinesis::Stream'))['StreamEncryption'] as Json;
      assert.equal(stream['EncryptionType'], 'KMS', 'the stream is not encrypted');
      assert.equal(target(stream['KeyId']), key, 'the stream uses another key');
      const encryption = flinkConfig(t)['ApplicationEncryptionConfiguration'] as Json;
      assert.equal(encryption['KeyType'], 'CUSTOMER_MANAGED_KEY', 'the Flink state uses an AWS owned key');
      assert.equal(target(encryption['KeyId']), key, 'the Flink state uses another key');
      assert.equal(target(props(t.only('AWS::SNS::Topic'))['KmsMasterKeyId']), key, 'the alert topic is not encrypted with the data key');
      for (const b of t.resources('AWS::S3::Bucket').filter((r) => !r.id.startsWith('StorageAccessLogs'))) {
        const rule = ((props(b)['BucketEncryption'] as Json)['ServerSideEncryptionConfiguration'] as Json[])[0] as Json;
        const sse = rule['ServerSideEncryptionByDefault'] as Json;
        assert.equal(sse['SSEAlgorithm'], 'aws:kms', `${b.id} is not encrypted with KMS`);
        assert.equal(target(sse['KMSMasterKeyID']), key, `${b.id} uses another key`);
      }
      for (const p of t.resources('AWS::S3::BucketPolicy')) {
        const denies = ((props(p)['PolicyDocument'] as { Statement: Json[] }).Statement).filter((s) => s['Effect'] === 'Deny');
        assert.ok(
          denies.some((s) => JSON.stringify(s['Condition'] ?? {}).includes('"aws:SecureTransport":"false"')),
          `${p.id} does not refuse plain HTTP`,
        );
      }
    },
  ),
  claim(
    'producers-only-put-records',
    'The producer policy allows putting records into this one stream and generating data keys only through Kinesis; it allows no reads.',
    (t) => {
      const policy = t.resources('AWS::IAM::ManagedPolicy').find((p) => String(props(p)['Description']).startsWith('Put records'));
      assert.ok(policy, 'there is no producer policy');
      const stream = t.only('AWS::Kinesis::Stream').id;
      for (const s of statements(policy)) {
        for (const a of actionsOf(s)) {
          assert.ok(!/Get|Subscribe|Decrypt|\*/u.test(a), `producers may ${a}`);
        }
        if (actionsOf(s).some((a) => a.startsWith('kinesis:'))) {
          assert.deepEqual(listOf(s['Resource']).map(target), [stream], 'producers may write to other streams');
        } else {
          assert.deepEqual(actionsOf(s), ['kms:GenerateDataKey']);
          assert.ok(JSON.stringify(s['Condition']).includes('kms:ViaService'), 'producers may use the key outside Kinesis');
        }
      }
    },
  ),
  claim(
    'checkpoints-are-commits',
    'The Flink job checkpoints on the configured interval with a pause between checkpoints, so the Iceberg sink commits once per checkpoint and restarts resume from the last commit.',
    (t) => {
      const c = flinkPart(t, 'CheckpointConfiguration');
      assert.equal(c['ConfigurationType'], 'CUSTOM');
      assert.equal(c['CheckpointingEnabled'], true, 'checkpointing is off: the Iceberg sink never commits');
      assert.equal(c['CheckpointInterval'], Number(t.parameters['checkpointIntervalSeconds']) * 1000);
      assert.ok(Number(c['MinPauseBetweenCheckpoints']) > 0, 'slow checkpoints could run back to back');
    },
  ),
  claim(
    'replay-window',
    'The stream keeps records for retentionHours, and an alarm fires when unread records are older than half of it, before they expire.',
    (t) => {
      const hours = Number(t.parameters['retentionHours']);
      assert.equal(props(t.only('AWS::Kinesis::Stream'))['RetentionPeriodHours'], hours);
      const a = alarm(t, 'RetentionRisk');
      assert.equal(a['MetricName'], 'GetRecords.IteratorAgeMilliseconds');
      assert.ok(Number(a['Threshold']) <= (hours * HOUR_MS) / 2, 'the alarm fires too late to save the records');
      notifies(t, a);
    },
  ),
  claim(
    'lag-alarm-watches-the-stream',
    'An alarm on the stream\'s iterator age fires when the job is more than iteratorAgeAlarmMinutes behind for five minutes, or when nothing reads the stream at all.',
    (t) => {
      const a = alarm(t, 'IteratorAge');
      assert.equal(a['Namespace'], 'AWS/Kinesis');
      assert.equal(a['MetricName'], 'GetRecords.IteratorAgeMilliseconds');
      assert.equal(a['Statistic'], 'Maximum');
      assert.equal(target((a['Dimensions'] as Json[])[0]?.['Value']), t.only('AWS::Kinesis::Stream').id);
      assert.equal(a['Threshold'], Number(t.parameters['iteratorAgeAlarmMinutes']) * 60_000);
      assert.equal(a['TreatMissingData'], 'breaching', 'a stopped job would leave the alarm quiet');
      notifies(t, a);
    },
  ),
  claim(
    'throttling-alarm',
    'An alarm fires when producers are throttled for three minutes in a row.',
    (t) => {
      const a = alarm(t, 'WriteThrottles');
      assert.equal(a['MetricName'], 'WriteProvisionedThroughputExceeded');
      assert.equal(a['Threshold'], 0);
      notifies(t, a);
    },
  ),
  claim(
    'commit-failures-alarm',
    'Alarms fire when the job is down, restarts, fails checkpoints (its table commits) or takes longer than the interval to checkpoint.',
    (t) => {
      for (const name of ['Downtime', 'Restarts', 'FailedCheckpoints', 'SlowCheckpoints']) notifies(t, alarm(t, name));
      const metricOf = (a: Json): string =>
        String(
          a['MetricName'] ??
            ((a['Metrics'] as Json[]).find((m) => m['MetricStat'])?.['MetricStat'] as { Metric: Json }).Metric['MetricName'],
        );
      assert.equal(metricOf(alarm(t, 'Downtime')), 'downtime');
      assert.equal(metricOf(alarm(t, 'Restarts')), 'fullRestarts');
      assert.equal(metricOf(alarm(t, 'FailedCheckpoints')), 'numberOfFailedCheckpoints');
      const slow = alarm(t, 'SlowCheckpoints');
      assert.equal(slow['MetricName'], 'lastCheckpointDuration');
      assert.equal(slow['Threshold'], Number(t.parameters['checkpointIntervalSeconds']) * 1000);
    },
  ),
  claim(
    'updates-roll-back-and-restore-state',
    'Snapshots are on, the service rolls back an update that fails to start, every start restores from the latest snapshot, and a release that cannot restore all of its state is refused.',
    (t) => {
      const config = flinkConfig(t);
      assert.deepEqual(config['ApplicationSnapshotConfiguration'], { SnapshotsEnabled: true });
      assert.deepEqual(config['ApplicationSystemRollbackConfiguration'], { RollbackEnabled: true });
      const run = props(t.only('AWS::KinesisAnalyticsV2::Application'))['RunConfiguration'] as Json;
      assert.deepEqual(run['ApplicationRestoreConfiguration'], { ApplicationRestoreType: 'RESTORE_FROM_LATEST_SNAPSHOT' });
      assert.deepEqual(run['FlinkRunConfiguration'], { AllowNonRestoredState: false });
    },
  ),
  claim(
    'job-code-is-versioned',
    'The application runs the JAR at codeKey; when the stack creates the artifact bucket it is versioned, so every uploaded release can be restored.',
    (t) => {
      const code = (flinkConfig(t)['ApplicationCodeConfiguration'] as Json)['CodeContent'] as Json;
      const location = code['S3ContentLocation'] as Json;
      assert.equal(location['FileKey'], t.parameters['codeKey']);
      if (t.parameters['codeBucketName'] === '') {
        const bucket = t.resources('AWS::S3::Bucket').find((b) => b.id.startsWith('StorageArtifactBucket'));
        assert.ok(bucket, 'there is no artifact bucket');
        assert.equal(target(location['BucketARN']), bucket.id, 'the application reads another bucket');
        assert.deepEqual(props(bucket)['VersioningConfiguration'], { Status: 'Enabled' });
      } else {
        assert.ok(flatten(location['BucketARN']).endsWith(`:::${String(t.parameters['codeBucketName'])}`));
      }
    },
  ),
  claim(
    'job-autoscales',
    'The job starts at the configured parallelism and, with autoScaling, the service may raise it under load and never lowers it below that.',
    (t) => {
      const p = flinkPart(t, 'ParallelismConfiguration');
      assert.equal(p['ConfigurationType'], 'CUSTOM');
      assert.equal(p['Parallelism'], Number(t.parameters['parallelism']));
      assert.equal(p['ParallelismPerKPU'], Number(t.parameters['parallelismPerKpu']));
      assert.equal(p['AutoScalingEnabled'], t.parameters['autoScaling']);
    },
  ),
  claim(
    'warehouse-is-versioned',
    'The warehouse bucket is versioned and keeps deleted or replaced table files for noncurrentVersionDays.',
    (t) => {
      const bucket = t.resources('AWS::S3::Bucket').find((b) => b.id.startsWith('StorageWarehouseBucket'));
      assert.ok(bucket, 'there is no warehouse bucket');
      assert.deepEqual(props(bucket)['VersioningConfiguration'], { Status: 'Enabled' });
      const rules = (props(bucket)['LifecycleConfiguration'] as { Rules: Json[] }).Rules;
      const days = rules.map((r) => (r['NoncurrentVersionExpiration'] as Json | undefined)?.['NoncurrentDays']);
      assert.deepEqual(days.filter((d) => d !== undefined), [Number(t.parameters['noncurrentVersionDays'])]);
      assert.ok(!rules.some((r) => r['ExpirationInDays'] !== undefined), 'current table files expire');
    },
  ),
  claim(
    'job-role-is-scoped',
    'The job role may be assumed only by Managed Flink for this application, reads only this stream and the JAR, writes only below the table location and commits only to this table.',
    (t) => {
      const role = t.resources('AWS::IAM::Role').find((r) => r.id.startsWith('JobRole'));
      assert.ok(role, 'there is no job role');
      const trust = JSON.stringify(props(role)['AssumeRolePolicyDocument']);
      assert.ok(trust.includes('kinesisanalytics.amazonaws.com') && trust.includes('aws:SourceArn'), 'the trust policy is not scoped');
      const policy = t.resources('AWS::IAM::Policy').find((p) => p.id.startsWith('JobPolicy'));
      const db = String(t.resources('AWS::Glue::Database').map((d) => (props(d)['DatabaseInput'] as Json)['Name'])[0]);
      const table = `${db}/${String(t.parameters['tableName'])}`;
      for (const s of statements(policy)) {
        const actions = actionsOf(s);
        assert.ok(!actions.some((a) => a.endsWith('*')), `the job role has a wildcard action in ${String(s['Sid'])}`);
        for (const r of resourcesOf(s)) {
          if (actions.some((a) => a === 's3:PutObject')) assert.ok(r.endsWith(`/${table}/*`), `the job may write ${r}`);
          if (actions.some((a) => a.startsWith('kinesis:'))) assert.ok(r.includes('StreamKinesis') || r.includes('IngestStream'), `the job may read ${r}`);
          if (actions.some((a) => a.startsWith('glue:')))
            assert.ok(r.endsWith(':catalog') || r.endsWith(`database/${db}`) || r.endsWith(`table/${table}`), `the job may change ${r}`);
        }
      }
    },
  ),
];
