// What architecture.yaml promises about this stack, checked against every configuration oar check synthesizes.
import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';
import { flatten, ingressRules, type Json, type Resource, propsOf as props, refTarget as target } from '../../../generators/check/claims/template-queries.ts';
import { RUNNABLE_CANCEL_REASONS } from './compute.ts';

/** The compute environments by capacity: SPOT, and EC2 (On-Demand) when there is one. */
function environments(t: ClaimContext): { spot: Resource & { id: string }; onDemand?: Resource & { id: string } } {
  const all = t.resources('AWS::Batch::ComputeEnvironment');
  const kind = (r: Resource) => (props(r)['ComputeResources'] as Json)['Type'];
  const spot = all.filter((r) => kind(r) === 'SPOT');
  const onDemand = all.filter((r) => kind(r) === 'EC2');
  assert.equal(spot.length, 1, 'there is not exactly one Spot compute environment');
  assert.equal(all.length, spot.length + onDemand.length, 'a compute environment is neither Spot nor On-Demand EC2');
  assert.ok(onDemand.length <= 1, 'there is more than one On-Demand compute environment');
  const [s] = spot;
  assert.ok(s);
  return { spot: s, ...(onDemand[0] ? { onDemand: onDemand[0] } : {}) };
}

const list = (value: unknown): string[] =>
  String(value)
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');

/** The zone index of a subnet, as CDK selects it from Fn::GetAZs. */
const zoneOf = (t: ClaimContext, subnetId: string | undefined): number => {
  const subnet = t.resources('AWS::EC2::Subnet').find((s) => s.id === subnetId);
  assert.ok(subnet, `subnet ${String(subnetId)} is not in the template`);
  return (props(subnet)['AvailabilityZone'] as { 'Fn::Select': [number, unknown] })['Fn::Select'][0];
};

/** The NAT gateway a subnet's default route uses, or undefined. */
function natOf(t: ClaimContext, subnetId: string | undefined): string | undefined {
  const association = t
    .resources('AWS::EC2::SubnetRouteTableAssociation')
    .find((a) => target(props(a)['SubnetId']) === subnetId);
  const table = target(props(association)['RouteTableId']);
  const route = t
    .resources('AWS::EC2::Route')
    .find((r) => target(props(r)['RouteTableId']) === table && props(r)['DestinationCidrBlock'] === '0.0.0.0/0');
  return target(props(route)['NatGatewayId']);
}

/** Every Allow statement a role has, inline or in attached IAM policies. */
function statementsOf(t: ClaimContext, roleId: string): Json[] {
  const role = t.resources('AWS::IAM::Role').find((r) => r.id === roleId);
  assert.ok(role, `role ${roleId} is not in the template`);
  const inline = ((props(role)['Policies'] ?? []) as Json[]).flatMap(
    (p) => (p['PolicyDocument'] as { Statement: Json[] }).Statement,
  );
  const attached = t
    .resources('AWS::IAM::Policy')
    .filter((p) => ((props(p)['Roles'] ?? []) as unknown[]).some((r) => target(r) === roleId))
    .flatMap((p) => (props(p)['PolicyDocument'] as { Statement: Json[] }).Statement);
  return [...inline, ...attached].filter((s) => s['Effect'] === 'Allow');
}

const actionsOf = (s: Json): string[] => (Array.isArray(s['Action']) ? (s['Action'] as string[]) : [String(s['Action'])]);
const resourcesOf = (s: Json): string[] => (Array.isArray(s['Resource']) ? s['Resource'] : [s['Resource']]).map(flatten);

export default [
  claim(
    'retries-only-lost-hosts',
    'A job is retried, up to retryAttempts attempts, only when its host went away (status reason Host EC2); every other failure ends it at once.',
    (t) => {
      const job = props(t.only('AWS::Batch::JobDefinition'));
      const retry = job['RetryStrategy'] as Json;
      assert.equal(retry['Attempts'], t.parameters['retryAttempts'], 'the attempts are not retryAttempts');
      assert.deepEqual(
        retry['EvaluateOnExit'],
        [
          { Action: 'RETRY', OnStatusReason: 'Host EC2*' },
          { Action: 'EXIT', OnStatusReason: '*' },
          { Action: 'EXIT', OnReason: '*' },
        ],
        'the retry rules are not: retry a lost host, then exit on every other status reason and reason',
      );
      assert.deepEqual(
        job['Timeout'],
        { AttemptDurationSeconds: Number(t.parameters['attemptTimeoutMinutes']) * 60 },
        'the attempt timeout is not attemptTimeoutMinutes',
      );
    },
  ),
  claim(
    'diversified-spot-capacity',
    'The Spot compute environment uses the price-capacity-optimized strategy over every instance type in instanceTypes, in a private subnet of each zone, and scales from zero to spotMaxVcpus.',
    (t) => {
      const resources = props(environments(t).spot)['ComputeResources'] as Json;
      assert.equal(resources['AllocationStrategy'], 'SPOT_PRICE_CAPACITY_OPTIMIZED', 'Spot capacity is not price-capacity-optimized');
      assert.deepEqual(resources['InstanceTypes'], list(t.parameters['instanceTypes']), 'the instance types are not instanceTypes');
      assert.equal(resources['MinvCpus'], 0, 'instances run while the queue is empty');
      assert.equal(resources['MaxvCpus'], t.parameters['spotMaxVcpus'], 'the Spot ceiling is not spotMaxVcpus');
      const subnets = (resources['Subnets'] as unknown[]).map(target);
      const zones = new Set(subnets.map((s) => zoneOf(t, s)));
      assert.equal(zones.size, t.parameters['azCount'], 'the Spot capacity pools do not span azCount zones');
      for (const s of subnets) assert.ok(natOf(t, s), `instance subnet ${String(s)} has no route out through a NAT gateway`);
    },
  ),
  claim(
    'nat-gateway-per-zone-when-asked',
    'With natGatewayPerAz, every zone has its own NAT gateway and its instances use it; without, one NAT gateway serves every zone.',
    (t) => {
      const gateways = t.resources('AWS::EC2::NatGateway');
      const perZone = t.parameters['natGatewayPerAz'] === true;
      assert.equal(gateways.length, perZone ? t.parameters['azCount'] : 1, 'the number of NAT gateways does not follow natGatewayPerAz');
      const subnets = ((props(environments(t).spot)['ComputeResources'] as Json)['Subnets'] as unknown[]).map(target);
      for (const subnet of subnets) {
        const nat = gateways.find((g) => g.id === natOf(t, subnet));
        assert.ok(nat, `instance subnet ${String(subnet)} does not route through a NAT gateway of this stack`);
        if (perZone)
          assert.equal(zoneOf(t, target(props(nat)['SubnetId'])), zoneOf(t, subnet), `instance subnet ${String(subnet)} uses a NAT gateway in another zone`);
      }
    },
  ),
  claim(
    'on-demand-fallback-when-set',
    'With onDemandMaxVcpus above 0, the queue places jobs on an On-Demand environment of that size after the Spot one; with 0, it has the Spot environment only.',
    (t) => {
      const { spot, onDemand } = environments(t);
      const order = (props(t.only('AWS::Batch::JobQueue'))['ComputeEnvironmentOrder'] as Json[]).map((o) => [
        target(o['ComputeEnvironment']),
        o['Order'],
      ]);
      const max = Number(t.parameters['onDemandMaxVcpus']);
      if (max === 0) {
        assert.equal(onDemand, undefined, 'an On-Demand environment exists although onDemandMaxVcpus is 0');
        assert.deepEqual(order, [[spot.id, 1]], 'the queue does not use the Spot environment alone');
        return;
      }
      assert.ok(onDemand, 'there is no On-Demand environment although onDemandMaxVcpus is above 0');
      const resources = props(onDemand)['ComputeResources'] as Json;
      assert.equal(resources['MaxvCpus'], max, 'the On-Demand ceiling is not onDemandMaxVcpus');
      assert.equal(resources['MinvCpus'], 0, 'On-Demand instances run while the queue is empty');
      assert.deepEqual(order, [[spot.id, 1], [onDemand.id, 2]], 'the queue does not try Spot first and On-Demand second');
    },
  ),
  claim(
    'runnable-jobs-cancelled',
    'With runnableTimeoutMinutes above 0, the queue cancels a job that has waited that long at its head for capacity or for an instance that fits it.',
    (t) => {
      const actions = (props(t.only('AWS::Batch::JobQueue'))['JobStateTimeLimitActions'] ?? []) as Json[];
      const minutes = Number(t.parameters['runnableTimeoutMinutes']);
      if (minutes === 0) {
        assert.deepEqual(actions, [], 'jobs are cancelled although runnableTimeoutMinutes is 0');
        return;
      }
      assert.deepEqual(
        actions.map((a) => [a['Reason'], a['State'], a['Action'], a['MaxTimeSeconds']]).sort(),
        RUNNABLE_CANCEL_REASONS.map((r) => [r, 'RUNNABLE', 'CANCEL', minutes * 60]).sort(),
        'the queue does not cancel RUNNABLE jobs after runnableTimeoutMinutes for capacity and misconfiguration',
      );
    },
  ),
  claim(
    'failed-jobs-alert',
    "Every job of this queue that fails after its last attempt sends one message with its status reason to the alert topic; array children are summed up by their parent's.",
    (t) => {
      const rule = props(t.only('AWS::Events::Rule'));
      const pattern = rule['EventPattern'] as Json;
      const detail = pattern['detail'] as Json;
      assert.deepEqual(pattern['detail-type'], ['Batch Job State Change'], 'the rule does not watch job state changes');
      assert.deepEqual(detail['status'], ['FAILED'], 'the rule does not match failed jobs');
      const queue = t.only('AWS::Batch::JobQueue');
      assert.deepEqual((detail['jobQueue'] as unknown[]).map(target), [queue.id], 'the rule does not watch this queue');
      assert.deepEqual(detail['arrayProperties'], { index: [{ exists: false }] }, 'array children alert one by one');
      const topic = t.only('AWS::SNS::Topic');
      const targets = rule['Targets'] as Json[];
      assert.deepEqual(targets.map((x) => target(x['Arn'])), [topic.id], 'failed jobs do not reach the alert topic');
      assert.match(JSON.stringify(targets[0]?.['InputTransformer']), /statusReason/u, 'the alert does not say why the job failed');
    },
  ),
  claim(
    'root-volume-sized',
    'Every instance boots with an encrypted gp3 root volume of rootVolumeSizeGiB, IMDSv2 only, from the launch template both environments pin.',
    (t) => {
      const template = t.only('AWS::EC2::LaunchTemplate');
      const data = props(template)['LaunchTemplateData'] as Json;
      assert.deepEqual(
        data['BlockDeviceMappings'],
        [
          {
            DeviceName: '/dev/xvda',
            Ebs: { DeleteOnTermination: true, Encrypted: true, VolumeSize: t.parameters['rootVolumeSizeGiB'], VolumeType: 'gp3' },
          },
        ],
        'the root volume is not an encrypted gp3 volume of rootVolumeSizeGiB',
      );
      assert.deepEqual(
        data['MetadataOptions'],
        { HttpEndpoint: 'enabled', HttpPutResponseHopLimit: 1, HttpTokens: 'required' },
        'instance metadata does not require IMDSv2 with one hop',
      );
      for (const env of t.resources('AWS::Batch::ComputeEnvironment')) {
        const lt = (props(env)['ComputeResources'] as Json)['LaunchTemplate'] as Json;
        assert.equal(target(lt['LaunchTemplateId']), template.id, `${env.id} does not use the launch template`);
        assert.deepEqual(lt['Version'], { 'Fn::GetAtt': [template.id, 'LatestVersionNumber'] }, `${env.id} does not pin the version, so changes are not rolled out`);
      }
    },
  ),
  claim(
    'checkpoints-writable',
    'Jobs get the checkpoints/ prefix in their environment and may read, write and delete there, and checkpoints expire after 14 days.',
    (t) => {
      const job = props(t.only('AWS::Batch::JobDefinition'));
      const container = job['ContainerProperties'] as Json;
      assert.ok(
        (container['Environment'] as Json[]).some((e) => e['Name'] === 'CHECKPOINT_PREFIX' && e['Value'] === 'checkpoints/'),
        'jobs are not told where to checkpoint',
      );
      const statements = statementsOf(t, target(container['JobRoleArn']) ?? '');
      const checkpoint = statements.filter((s) => resourcesOf(s).some((r) => r.endsWith('/checkpoints/*')));
      const actions = checkpoint.flatMap(actionsOf);
      for (const a of ['s3:GetObject', 's3:PutObject', 's3:DeleteObject']) assert.ok(actions.includes(a), `jobs may not ${a} checkpoints`);
      const bucket = t.resources('AWS::S3::Bucket').find((b) => JSON.stringify(props(b)['BucketEncryption']).includes('aws:kms'));
      const rules = ((props(bucket)['LifecycleConfiguration'] as { Rules: Json[] } | undefined)?.Rules ?? []);
      assert.ok(
        rules.some((r) => r['Prefix'] === 'checkpoints/' && r['ExpirationInDays'] === 14),
        'checkpoints do not expire after 14 days',
      );
    },
  ),
  claim(
    'job-role-scoped',
    'The job role may only read input/, write output/ and use checkpoints/ of the data bucket, with its key through S3; the instance role only talks to the container agent endpoints and writes job logs.',
    (t) => {
      const job = props(t.only('AWS::Batch::JobDefinition'));
      const jobRole = target((job['ContainerProperties'] as Json)['JobRoleArn']) ?? '';
      for (const s of statementsOf(t, jobRole)) {
        for (const a of actionsOf(s)) assert.match(a, /^(s3:(GetObject|PutObject|DeleteObject|AbortMultipartUpload|ListBucket)|kms:(Decrypt|GenerateDataKey))$/u, `the job role may ${a}`);
        for (const r of resourcesOf(s))
          assert.match(r, /StorageDataBucket.*(\/(input|output|checkpoints)\/\*|Arn"\]\}>)$|StorageKey/u, `the job role reaches ${r}`);
        if (actionsOf(s).some((a) => a.startsWith('kms:')))
          assert.ok(JSON.stringify(s['Condition']).includes('kms:ViaService'), 'the job role may use the key outside S3');
        if (actionsOf(s).includes('s3:DeleteObject'))
          for (const r of resourcesOf(s)) assert.ok(r.endsWith('/checkpoints/*'), `jobs may delete ${r}`);
      }
      const instanceRoles = t
        .resources('AWS::IAM::Role')
        .filter((r) => JSON.stringify(props(r)['AssumeRolePolicyDocument']).includes('ec2.amazonaws.com'));
      assert.equal(instanceRoles.length, 1, 'there is not exactly one instance role');
      for (const s of statementsOf(t, instanceRoles[0]?.id ?? ''))
        for (const a of actionsOf(s)) assert.match(a, /^(ecs:[A-Za-z]+|logs:(CreateLogStream|PutLogEvents))$/u, `the instance role may ${a}`);
      assert.equal(props(instanceRoles[0])['ManagedPolicyArns'], undefined, 'the instance role has managed policies');
    },
  ),
  claim(
    'no-way-in',
    'Instances run in private subnets without public addresses, behind a security group with no inbound rules that sends HTTPS only.',
    (t) => {
      const group = t.resources('AWS::EC2::SecurityGroup');
      assert.equal(group.length, 1, 'there is not exactly one security group');
      assert.deepEqual(ingressRules(t.template), [], 'the instances accept inbound connections');
      const egress = props(group[0])['SecurityGroupEgress'] as Json[];
      assert.deepEqual(
        egress.map((e) => [e['IpProtocol'], e['FromPort'], e['ToPort']]),
        [['tcp', 443, 443]],
        'the instances may send more than HTTPS',
      );
      for (const s of t.resources('AWS::EC2::Subnet')) assert.equal(props(s)['MapPublicIpOnLaunch'], false, `${s.id} gives instances public addresses`);
    },
  ),
  claim(
    'data-versioned',
    'The data bucket is versioned and keeps overwritten or deleted versions for 30 days.',
    (t) => {
      const bucket = t.resources('AWS::S3::Bucket').find((b) => JSON.stringify(props(b)['BucketEncryption']).includes('aws:kms'));
      assert.ok(bucket, 'there is no KMS-encrypted data bucket');
      assert.deepEqual(props(bucket)['VersioningConfiguration'], { Status: 'Enabled' }, 'the data bucket is not versioned');
      const rules = (props(bucket)['LifecycleConfiguration'] as { Rules: Json[] }).Rules;
      assert.ok(
        rules.some((r) => (r['NoncurrentVersionExpiration'] as Json | undefined)?.['NoncurrentDays'] === 30),
        'old versions are not kept for 30 days',
      );
    },
  ),
];
