// What architecture.yaml promises about this stack, checked against every configuration oar check synthesizes.
import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';
import { flatten, type Json, type Resource, propsOf as props, refTarget as target } from '../../../generators/check/claims/template-queries.ts';

const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);
const statements = (policy: Resource | undefined): Json[] =>
  ((props(policy)['PolicyDocument'] as { Statement: Json[] } | undefined)?.Statement ?? []).filter((s) => s['Effect'] === 'Allow');

/** The IoT policy whose name ends with the given suffix. */
function iotPolicy(t: ClaimContext, suffix: string): Resource & { id: string } {
  const found = t.resources('AWS::IoT::Policy').find((p) => String(props(p)['PolicyName']).endsWith(suffix));
  assert.ok(found, `there is no IoT policy *${suffix}`);
  return found;
}

function alarm(t: ClaimContext, name: string): Json {
  const found = t.resources('AWS::CloudWatch::Alarm').find((a) => a.id.startsWith(`Alarms${name}`));
  assert.ok(found, `there is no ${name} alarm`);
  return props(found);
}

const THING = '${iot:Connection.Thing.ThingName}';

export default [
  claim(
    'device-policy-scoped-by-thing-name',
    'A device may connect only with its own thing name as client id while its certificate is attached to that thing, publish only below its own telemetry topic and shadow, and subscribe and receive only its own commands and shadow.',
    (t) => {
      const root = String(t.parameters['topicRoot']);
      const all = statements(iotPolicy(t, '-device'));
      assert.ok(all.length > 0);
      for (const s of all) {
        const actions = listOf(s['Action']).map(String);
        assert.ok(!actions.some((a) => a.includes('*')), `the device policy grants ${actions.join(', ')}`);
        for (const r of listOf(s['Resource']).map(flatten)) assert.ok(r.includes(THING), `a device reaches ${r}, not only its own`);
        if (actions.includes('iot:Connect')) {
          assert.ok(listOf(s['Resource']).map(flatten).every((r) => r.endsWith(`:client/${THING}`)));
          assert.deepEqual(s['Condition'], { Bool: { 'iot:Connection.Thing.IsAttached': 'true' } }, 'a certificate may connect as a thing it is not attached to');
        }
        if (actions.includes('iot:Publish'))
          for (const r of listOf(s['Resource']).map(flatten))
            assert.ok(r.endsWith(`:topic/dt/${root}/${THING}/*`) || r.endsWith(`:topic/$aws/things/${THING}/shadow/*`), `a device may publish to ${r}`);
      }
      const connect = all.filter((s) => listOf(s['Action']).includes('iot:Connect'));
      assert.equal(connect.length, 1, 'there is not exactly one Connect statement');
    },
  ),
  claim(
    'encrypted-with-the-data-key',
    'The stream, the telemetry bucket, the archive Firehose writes and the alert topic are encrypted with the customer managed data key, which rotates; the bucket refuses plain HTTP.',
    (t) => {
      const key = t.resources('AWS::KMS::Key').find((k) => k.id.startsWith('StorageDataKey'));
      assert.ok(key, 'there is no data key');
      assert.equal(props(key)['EnableKeyRotation'], true);
      const stream = props(t.only('AWS::Kinesis::Stream'))['StreamEncryption'] as Json;
      assert.deepEqual([stream['EncryptionType'], target(stream['KeyId'])], ['KMS', key.id], 'the stream is not encrypted with the data key');
      const bucket = t.resources('AWS::S3::Bucket').find((b) => b.id.startsWith('StorageTelemetryBucket'));
      const sse = (((props(bucket)['BucketEncryption'] as Json)['ServerSideEncryptionConfiguration'] as Json[])[0] as Json)['ServerSideEncryptionByDefault'] as Json;
      assert.deepEqual([sse['SSEAlgorithm'], target(sse['KMSMasterKeyID'])], ['aws:kms', key.id], 'the bucket is not encrypted with the data key');
      const s3 = props(t.only('AWS::KinesisFirehose::DeliveryStream'))['ExtendedS3DestinationConfiguration'] as Json;
      const kmsConfig = (s3['EncryptionConfiguration'] as Json)['KMSEncryptionConfig'] as Json;
      assert.equal(target(kmsConfig['AWSKMSKeyARN']), key.id, 'Firehose writes without the data key');
      assert.equal(target(props(t.only('AWS::SNS::Topic'))['KmsMasterKeyId']), key.id, 'the topic is not encrypted with the data key');
      for (const p of t.resources('AWS::S3::BucketPolicy')) {
        const denies = (props(p)['PolicyDocument'] as { Statement: Json[] }).Statement.filter((s) => s['Effect'] === 'Deny');
        assert.ok(denies.some((s) => JSON.stringify(s['Condition'] ?? {}).includes('"aws:SecureTransport":"false"')), `${p.id} accepts plain HTTP`);
      }
    },
  ),
  claim(
    'nothing-zonal',
    'Every part is a Regional service: there is no VPC, subnet or instance that a zone failure could take down.',
    (t) => {
      const zonal = Object.values(t.json['Resources'] as Record<string, Resource>).filter((r) => r.Type.startsWith('AWS::EC2::'));
      assert.deepEqual(zonal, []);
      for (const f of t.resources('AWS::Lambda::Function')) assert.equal(props(f)['VpcConfig'], undefined, `${f.id} runs in a VPC`);
    },
  ),
  claim(
    'failed-messages-are-kept',
    'The telemetry rule puts every message into the stream, keyed by thing name, and its error action writes what it cannot deliver below errors/ in the telemetry bucket; its role may write nowhere else in the bucket.',
    (t) => {
      const payload = props(t.only('AWS::IoT::TopicRule'))['TopicRulePayload'] as Json;
      assert.match(String(payload['Sql']), new RegExp(`FROM 'dt/${String(t.parameters['topicRoot'])}/\\+/telemetry'`, 'u'));
      const [action] = payload['Actions'] as Json[];
      const kinesis = action?.['Kinesis'] as Json;
      assert.equal(target(kinesis['StreamName']), t.only('AWS::Kinesis::Stream').id, 'the rule puts into another stream');
      assert.equal(kinesis['PartitionKey'], '${topic(3)}', 'messages are not keyed by thing name');
      const s3 = (payload['ErrorAction'] as Json)['S3'] as Json;
      assert.ok(s3, 'the rule has no S3 error action');
      assert.ok(String(s3['Key']).startsWith('errors/'), 'failed messages do not go below errors/');
      const role = t.resources('AWS::IAM::Role').find((r) => r.id.startsWith('IngestRuleRole'));
      const policy = t.resources('AWS::IAM::Policy').find((p) => listOf(props(p)['Roles']).some((r) => target(r) === role?.id));
      for (const s of statements(policy))
        if (listOf(s['Action']).includes('s3:PutObject'))
          assert.deepEqual(listOf(s['Resource']).map(flatten).map((r) => r.slice(r.lastIndexOf('/'))), ['/*'], 'unexpected');
      const put = statements(policy).find((s) => listOf(s['Action']).includes('s3:PutObject'));
      assert.ok(listOf(put?.['Resource']).map(flatten).every((r) => r.endsWith('/errors/*')), 'the rule may write outside errors/');
    },
  ),
  claim(
    'rule-alarms',
    'Alarms notify the alert topic when the rule fails to put into the stream, when the error action fails (messages lost), when the stream throttles, and when the archive falls three buffer intervals behind.',
    (t) => {
      const topic = t.only('AWS::SNS::Topic').id;
      const rule = t.only('AWS::IoT::TopicRule').id;
      for (const [name, metric] of [
        ['RuleActionFailures', 'Failure'],
        ['ErrorActionFailures', 'ErrorActionFailure'],
        ['StreamThrottles', 'WriteProvisionedThroughputExceeded'],
        ['ArchiveFreshness', 'DeliveryToS3.DataFreshness'],
      ] as const) {
        const a = alarm(t, name);
        assert.equal(a['MetricName'], metric);
        assert.ok(listOf(a['AlarmActions']).some((x) => target(x) === topic), `${name} notifies nobody`);
        if (metric.includes('Failure'))
          assert.ok((a['Dimensions'] as Json[]).some((d) => target(d['Value']) === rule), `${name} watches another rule`);
      }
      assert.equal(alarm(t, 'ArchiveFreshness')['Threshold'], Number(t.parameters['bufferSeconds']) * 3);
    },
  ),
  claim(
    'archive-is-versioned',
    'The telemetry bucket is versioned and keeps replaced or deleted objects for noncurrentVersionDays.',
    (t) => {
      const bucket = t.resources('AWS::S3::Bucket').find((b) => b.id.startsWith('StorageTelemetryBucket'));
      assert.deepEqual(props(bucket)['VersioningConfiguration'], { Status: 'Enabled' });
      const rules = (props(bucket)['LifecycleConfiguration'] as { Rules: Json[] }).Rules;
      assert.ok(rules.some((r) => (r['NoncurrentVersionExpiration'] as Json | undefined)?.['NoncurrentDays'] === t.parameters['noncurrentVersionDays']));
      assert.ok(!rules.some((r) => r['ExpirationInDays'] !== undefined), 'the archive expires');
    },
  ),
  claim(
    'claim-certificate-can-only-provision',
    'With fleet provisioning, the claim certificate may only create its own certificate and call this template, and the template asks a pre-provisioning hook that checks the serial number before it registers a thing with the device policy.',
    { variants: ['fleet-provisioning'] },
    (t) => {
      const template = props(t.only('AWS::IoT::ProvisioningTemplate'));
      const name = String(template['TemplateName']);
      for (const s of statements(iotPolicy(t, '-claim'))) {
        for (const r of listOf(s['Resource']).map(flatten)) {
          if (listOf(s['Action']).includes('iot:Connect')) continue;
          assert.ok(
            r.includes('$aws/certificates/create/') || r.includes(`$aws/provisioning-templates/${name}/provision/`),
            `the claim certificate reaches ${r}`,
          );
        }
      }
      const hook = template['PreProvisioningHook'] as Json;
      const fn = t.only('AWS::Lambda::Function');
      assert.equal(target(hook['TargetArn']), fn.id, 'the template has no pre-provisioning hook');
      assert.equal(((props(fn)['Environment'] as Json)['Variables'] as Json)['SERIAL_NUMBER_PATTERN'], t.parameters['serialNumberPattern']);
      const body = flatten(template['TemplateBody']);
      assert.ok(body.includes('"Type":"AWS::IoT::Policy"'), 'the template attaches no policy');
      assert.ok(body.includes(t.resources('AWS::IoT::Policy').find((p) => String(props(p)['PolicyName']).endsWith('-device'))?.id ?? 'none'), 'the template does not attach the device policy');
    },
  ),
];
