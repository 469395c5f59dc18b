// What this entry promises, proven on every configuration oar check synthesizes: the default parameters and
// each variant in architecture.yaml. Run: npx oar check sagemaker-mlops
import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';

type Json = Record<string, unknown>;
interface Found extends Json {
  id: string;
}
type Template = ClaimContext;
type Raw = { Type: string; Properties?: Json; DeletionPolicy?: string };
const resourcesOf = (t: Template): Record<string, Raw> => t.json['Resources'] as Record<string, Raw>;

function all(t: Template, type: string): Found[] {
  return Object.entries(resourcesOf(t))
    .filter(([, r]) => r.Type === type)
    .map(([id, r]) => ({ id, ...(r.Properties ?? {}) }));
}
function only(t: Template, type: string): Found {
  const found = all(t, type);
  assert.equal(found.length, 1, `there is not exactly one ${type}`);
  return found[0] as Found;
}
function target(v: unknown): string | undefined {
  const o = v as { Ref?: string; 'Fn::GetAtt'?: [string, string] } | undefined;
  return o?.Ref ?? o?.['Fn::GetAtt']?.[0];
}
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const flatten = (v: unknown): string => JSON.stringify(v);
function statements(roleId: string, t: Template): Json[] {
  return all(t, 'AWS::IAM::Policy')
    .filter((p) => asList(p['Roles']).some((r) => target(r) === roleId))
    .flatMap((p) => (p['PolicyDocument'] as { Statement: Json[] }).Statement);
}
/** The pipeline definition as JSON, each Ref or GetAtt inside it replaced by "<logical id>" or "<logical id.attribute>". */
function definition(t: Template): Json {
  const body = (only(t, 'AWS::SageMaker::Pipeline')['PipelineDefinition'] as Json)['PipelineDefinitionBody'];
  const join = (body as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  const text = join
    ? join[1]
        .map((part) => {
          if (typeof part === 'string') return part;
          const o = part as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
          return o.Ref !== undefined ? `<${o.Ref}>` : `<${(o['Fn::GetAtt'] ?? []).join('.')}>`;
        })
        .join('')
    : String(body);
  return JSON.parse(text) as Json;
}
type Step = { Name: string; Type: string; Arguments: Json };
const stepsOf = (d: Json): Step[] => d['Steps'] as Step[];
/** The endpoint's resources exist exactly when approvedModelPackageArn is set. */
function serving(t: Template): boolean {
  const wanted = t.parameters['approvedModelPackageArn'] !== '';
  assert.equal(all(t, 'AWS::SageMaker::Endpoint').length, wanted ? 1 : 0, 'the endpoint does not follow approvedModelPackageArn');
  return wanted;
}

export default [
  claim(
    'encrypted-and-isolated',
    'One rotating stack key encrypts the bucket, training output and volumes, captured traffic, the endpoint and the topic; the bucket is versioned, refuses plain HTTP and logs access; training and hosting run with network isolation.',
    (t) => {
      const key = only(t, 'AWS::KMS::Key');
      assert.equal(key['EnableKeyRotation'], true);
      const bucket = all(t, 'AWS::S3::Bucket').find((b) => flatten(b['BucketEncryption']).includes('aws:kms'));
      assert.ok(bucket, 'no bucket is encrypted with KMS');
      assert.ok(flatten(bucket['BucketEncryption']).includes(`{"Fn::GetAtt":["${key.id}","Arn"]}`), 'the bucket is not encrypted with the stack key');
      assert.deepEqual(bucket['VersioningConfiguration'], { Status: 'Enabled' });
      assert.ok(bucket['LoggingConfiguration'], 'the bucket does not log access');
      for (const bp of all(t, 'AWS::S3::BucketPolicy')) {
        assert.ok(flatten(bp['PolicyDocument']).includes('"aws:SecureTransport":"false"'), `${bp.id} allows plain HTTP`);
      }
      const train = stepsOf(definition(t)).find((x) => x.Type === 'Training');
      assert.ok(train, 'the pipeline does not train');
      assert.equal(train.Arguments['EnableNetworkIsolation'], true, 'training is not network-isolated');
      assert.equal((train.Arguments['OutputDataConfig'] as Json)['KmsKeyId'], `<${key.id}.Arn>`, 'training output is not encrypted with the key');
      assert.equal((train.Arguments['ResourceConfig'] as Json)['VolumeKmsKeyId'], `<${key.id}.Arn>`, 'training volumes are not encrypted with the key');
      assert.equal(target(only(t, 'AWS::SNS::Topic')['KmsMasterKeyId']), key.id, 'the topic is not encrypted with the key');
      for (const m of all(t, 'AWS::SageMaker::Model')) assert.equal(m['EnableNetworkIsolation'], true, `${m.id} is not isolated`);
      for (const c of all(t, 'AWS::SageMaker::EndpointConfig')) {
        assert.equal(target(c['KmsKeyId']), key.id, `${c.id} storage is not encrypted with the key`);
        assert.equal(target((c['DataCaptureConfig'] as Json)['KmsKeyId']), key.id, `${c.id} captures without the key`);
      }
    },
  ),
  claim(
    'gated-by-metric-and-approval',
    'The pipeline registers a version only when the validation AUC reaches minAuc, and registers it as PendingManualApproval in the stack registry; only a version given by ARN is ever served.',
    (t) => {
      const d = definition(t);
      const minAuc = (d['Parameters'] as Json[]).find((x) => x['Name'] === 'MinAuc');
      assert.deepEqual(minAuc, { Name: 'MinAuc', Type: 'Float', DefaultValue: t.parameters['minAuc'] }, 'the threshold is not minAuc');
      const check = stepsOf(d).find((x) => x.Type === 'Condition');
      assert.ok(check, 'no condition step');
      assert.deepEqual(check.Arguments['Conditions'], [
        {
          Type: 'GreaterThanOrEqualTo',
          LeftValue: { Get: "Steps.Train.FinalMetricDataList['validation:auc'].Value" },
          RightValue: { Get: 'Parameters.MinAuc' },
        },
      ]);
      const [register, ...more] = check.Arguments['IfSteps'] as Step[];
      assert.equal(more.length, 0);
      assert.equal(register?.Type, 'RegisterModel', 'passing runs do not register');
      assert.equal(register.Arguments['ModelApprovalStatus'], 'PendingManualApproval', 'registration does not wait for approval');
      const group = only(t, 'AWS::SageMaker::ModelPackageGroup');
      assert.equal(register.Arguments['ModelPackageGroupName'], `<${group.id}.ModelPackageGroupArn>`, 'versions go to another registry');
      assert.deepEqual((check.Arguments['ElseSteps'] as Step[]).map((x) => x.Type), ['Fail'], 'a low AUC does not fail the run');
      assert.equal(stepsOf(d).length, 2, 'steps run outside the gate');
      for (const m of all(t, 'AWS::SageMaker::Model')) {
        assert.deepEqual(m['PrimaryContainer'], { ModelPackageName: t.parameters['approvedModelPackageArn'] }, `${m.id} serves something else`);
      }
      serving(t);
      const rule = only(t, 'AWS::Events::Rule');
      assert.match(flatten(rule['EventPattern']), /SageMaker Model Package State Change[\s\S]*"Approved","Rejected"/u, 'approvals are not announced');
    },
  ),
  claim(
    'endpoint-spans-zones-and-scales',
    'The endpoint starts with minInstances instances and target tracking keeps invocations per instance at invocationsPerInstance between minInstances and maxInstances.',
    (t) => {
      if (!serving(t)) return;
      const variant = ((only(t, 'AWS::SageMaker::EndpointConfig')['ProductionVariants'] as Json[])[0] ?? {});
      assert.equal(variant['InitialInstanceCount'], t.parameters['minInstances']);
      const st = only(t, 'AWS::ApplicationAutoScaling::ScalableTarget');
      assert.equal(st['ScalableDimension'], 'sagemaker:variant:DesiredInstanceCount');
      assert.deepEqual([st['MinCapacity'], st['MaxCapacity']], [t.parameters['minInstances'], t.parameters['maxInstances']]);
      const policy = only(t, 'AWS::ApplicationAutoScaling::ScalingPolicy');
      const tt = policy['TargetTrackingScalingPolicyConfiguration'] as Json;
      assert.equal((tt['PredefinedMetricSpecification'] as Json)['PredefinedMetricType'], 'SageMakerVariantInvocationsPerInstance');
      assert.equal(tt['TargetValue'], t.parameters['invocationsPerInstance']);
    },
  ),
  claim(
    'deployments-roll-back-on-errors',
    'Endpoint updates are blue/green with a bake of 5 minutes, and roll back by themselves when the 5xx alarm on the endpoint goes off.',
    (t) => {
      if (!serving(t)) return;
      const dc = only(t, 'AWS::SageMaker::Endpoint')['DeploymentConfig'] as Json;
      const bg = dc['BlueGreenUpdatePolicy'] as Json;
      assert.equal((bg['TrafficRoutingConfiguration'] as Json)['WaitIntervalInSeconds'], 300);
      const alarmRefs = ((dc['AutoRollbackConfiguration'] as Json)['Alarms'] as Json[]).map((a) => target(a['AlarmName']));
      const alarm = only(t, 'AWS::CloudWatch::Alarm');
      assert.deepEqual(alarmRefs, [alarm.id]);
      assert.equal(alarm['MetricName'], 'Invocation5XXErrors');
      assert.equal(alarm['Threshold'], 0);
    },
  ),
  claim(
    'traffic-captured-for-monitoring',
    'The endpoint captures captureSamplingPercentage of requests and responses into the bucket under data-capture/, which expires after retentionDays.',
    (t) => {
      if (!serving(t)) return;
      const c = only(t, 'AWS::SageMaker::EndpointConfig')['DataCaptureConfig'] as Json;
      assert.equal(c['EnableCapture'], true);
      assert.equal(c['InitialSamplingPercentage'], t.parameters['captureSamplingPercentage']);
      assert.deepEqual(c['CaptureOptions'], [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }]);
      assert.match(flatten(c['DestinationS3Uri']), /\/data-capture"/u);
      const bucket = all(t, 'AWS::S3::Bucket').find((b) => flatten(b['BucketEncryption']).includes('aws:kms'));
      const rules = ((bucket?.['LifecycleConfiguration'] as Json)['Rules'] as Json[]).filter((r) => r['Prefix'] === 'data-capture/');
      assert.equal(rules[0]?.['ExpirationInDays'], t.parameters['retentionDays']);
    },
  ),
  claim(
    'least-privilege-roles',
    'No role has a wildcard action; the pipeline role reads only data/, writes only models/, registers only in the stack registry and passes only itself to SageMaker; the endpoint role reads only models/.',
    (t) => {
      for (const role of all(t, 'AWS::IAM::Role')) {
        for (const s of statements(role.id, t)) {
          for (const a of asList(s['Action'])) assert.ok(!String(a).endsWith('*'), `${role.id} allows ${String(a)}`);
          if (s['Resource'] === '*') assert.ok(s['Condition'], `${role.id} has ${String(s['Sid'])} on every resource without a condition`);
        }
      }
      const pipelineRole = target(only(t, 'AWS::SageMaker::Pipeline')['RoleArn']) ?? '';
      const sid = (roleId: string, name: string): Json | undefined => statements(roleId, t).find((s) => s['Sid'] === name);
      assert.match(flatten(sid(pipelineRole, 'ReadData')?.['Resource']), /\/data\/\*"/u);
      assert.match(flatten(sid(pipelineRole, 'WriteModels')?.['Resource']), /\/models\/\*"/u);
      assert.equal(target(sid(pipelineRole, 'PassSelf')?.['Resource']), pipelineRole, 'the pipeline may pass other roles');
      for (const m of all(t, 'AWS::SageMaker::Model')) {
        const hostRole = target(m['ExecutionRoleArn']) ?? '';
        const data = statements(hostRole, t).filter((s) => asList(s['Action']).some((a) => String(a).startsWith('s3:')));
        assert.deepEqual(data.map((s) => s['Action']), ['s3:GetObject'], 'the endpoint may do more than read models');
        assert.match(flatten(data[0]?.['Resource']), /\/models\/\*"/u);
      }
    },
  ),
];
