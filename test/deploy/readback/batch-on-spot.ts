import {
  BatchClient,
  DescribeComputeEnvironmentsCommand,
  DescribeJobDefinitionsCommand,
  DescribeJobQueuesCommand,
  type ComputeEnvironmentDetail,
} from '@aws-sdk/client-batch';
import {
  DescribeLaunchTemplateVersionsCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { GetBucketLifecycleConfigurationCommand, GetBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { expect } from 'vitest';
import { readBack, type DeployedStack } from '../readback.ts';

// The defaults in architecture.yaml, which the emulator suite deploys with.
const INSTANCE_TYPES = ['m6i', 'm6a', 'm5', 'm5a', 'c6i', 'c6a', 'c5', 'r6i', 'r5'];
const SPOT_MAX_VCPUS = 256;
const RETRY_ATTEMPTS = 3;
const ROOT_VOLUME_GIB = 50;
const AZ_COUNT = 2;

async function spotEnvironment(stack: DeployedStack): Promise<ComputeEnvironmentDetail> {
  const batch = new BatchClient(stack.aws);
  const arn = stack.outputs['SpotComputeEnvironmentArn'];
  const { computeEnvironments = [] } = await batch.send(
    new DescribeComputeEnvironmentsCommand({ computeEnvironments: [arn ?? ''] }),
  );
  expect(computeEnvironments, `no compute environment ${arn}`).toHaveLength(1);
  return computeEnvironments[0] as ComputeEnvironmentDetail;
}

async function jobDefinition(stack: DeployedStack) {
  const batch = new BatchClient(stack.aws);
  const { jobDefinitions = [] } = await batch.send(
    new DescribeJobDefinitionsCommand({ jobDefinitions: [stack.outputs['JobDefinitionArn'] ?? ''] }),
  );
  expect(jobDefinitions).toHaveLength(1);
  return jobDefinitions[0];
}

const s3Of = (stack: DeployedStack) => new S3Client({ ...stack.aws, forcePathStyle: true });
const privateSubnets = (stack: DeployedStack) => (stack.outputs['PrivateSubnetIds'] ?? '').split(',');

export default [
  readBack(
    'The job definition retries a job, up to retryAttempts attempts, only when its host went away, and ends it on any other failure',
    async (stack) => {
      const retry = (await jobDefinition(stack))?.retryStrategy;
      expect(retry?.attempts).toBe(RETRY_ATTEMPTS);
      const rules = (retry?.evaluateOnExit ?? []).map((r) => [r.action?.toUpperCase(), r.onStatusReason ?? r.onReason]);
      expect(rules[0]).toEqual(['RETRY', 'Host EC2*']);
      expect(rules.slice(1).every(([action, reason]) => action === 'EXIT' && reason === '*')).toBe(true);
    },
    'retries-only-lost-hosts',
  ),
  readBack(
    'The Spot compute environment uses price-capacity-optimized allocation over every instance type given, in a private subnet of each zone, from 0 to spotMaxVcpus',
    async (stack) => {
      const resources = (await spotEnvironment(stack)).computeResources;
      expect(resources?.type).toBe('SPOT');
      expect(resources?.allocationStrategy).toBe('SPOT_PRICE_CAPACITY_OPTIMIZED');
      expect(resources?.instanceTypes).toEqual(INSTANCE_TYPES);
      expect([resources?.minvCpus, resources?.maxvCpus]).toEqual([0, SPOT_MAX_VCPUS]);
      expect([...(resources?.subnets ?? [])].sort()).toEqual([...privateSubnets(stack)].sort());
      const { Subnets = [] } = await new EC2Client(stack.aws).send(
        new DescribeSubnetsCommand({ SubnetIds: privateSubnets(stack) }),
      );
      expect(new Set(Subnets.map((s) => s.AvailabilityZone)).size).toBe(AZ_COUNT);
    },
    'diversified-spot-capacity',
  ),
  readBack(
    'With onDemandMaxVcpus 0, the queue places jobs on the Spot environment only',
    async (stack) => {
      const batch = new BatchClient(stack.aws);
      const { jobQueues = [] } = await batch.send(
        new DescribeJobQueuesCommand({ jobQueues: [stack.outputs['JobQueueArn'] ?? ''] }),
      );
      expect(jobQueues[0]?.state).toBe('ENABLED');
      expect(jobQueues[0]?.computeEnvironmentOrder).toEqual([
        { order: 1, computeEnvironment: stack.outputs['SpotComputeEnvironmentArn'] },
      ]);
      expect(stack.outputs['OnDemandComputeEnvironmentArn']).toBe('none');
    },
    'on-demand-fallback-when-set',
  ),
  readBack(
    'Instances get no public address and a security group with no inbound rule that sends HTTPS only',
    async (stack) => {
      const ec2 = new EC2Client(stack.aws);
      const { Subnets = [] } = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: privateSubnets(stack) }));
      for (const s of Subnets) expect(s.MapPublicIpOnLaunch, s.SubnetId).toBe(false);
      const groups = (await spotEnvironment(stack)).computeResources?.securityGroupIds ?? [];
      expect(groups).toHaveLength(1);
      const { SecurityGroups = [] } = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: groups }));
      expect(SecurityGroups[0]?.IpPermissions).toEqual([]);
      expect(SecurityGroups[0]?.IpPermissionsEgress?.map((p) => [p.IpProtocol, p.FromPort, p.ToPort])).toEqual([
        ['tcp', 443, 443],
      ]);
    },
    'no-way-in',
  ),
  readBack(
    'The data bucket is versioned and keeps overwritten or deleted versions for 30 days',
    async (stack) => {
      const s3 = s3Of(stack);
      const Bucket = stack.outputs['DataBucketName'];
      expect((await s3.send(new GetBucketVersioningCommand({ Bucket }))).Status).toBe('Enabled');
      const { Rules = [] } = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket }));
      expect(Rules.some((r) => r.Status === 'Enabled' && r.NoncurrentVersionExpiration?.NoncurrentDays === 30)).toBe(
        true,
      );
    },
    'data-versioned',
  ),
  readBack(
    'Jobs get the checkpoints/ prefix in their environment, and the data bucket expires checkpoints after 14 days (the job role half is not read back)',
    async (stack) => {
      const env = (await jobDefinition(stack))?.containerProperties?.environment ?? [];
      expect(env).toContainEqual({ name: 'CHECKPOINT_PREFIX', value: 'checkpoints/' });
      const { Rules = [] } = await s3Of(stack).send(
        new GetBucketLifecycleConfigurationCommand({ Bucket: stack.outputs['DataBucketName'] }),
      );
      const checkpoints = Rules.filter((r) => r.Filter?.Prefix === 'checkpoints/');
      expect(checkpoints.map((r) => [r.Status, r.Expiration?.Days])).toEqual([['Enabled', 14]]);
    },
    'checkpoints-writable',
  ),
  readBack(
    'The Spot environment pins a launch template that boots an encrypted gp3 root volume of rootVolumeSizeGiB with IMDSv2 only',
    async (stack) => {
      const template = (await spotEnvironment(stack)).computeResources?.launchTemplate;
      expect(template?.launchTemplateId).toBe(stack.physicalId('AWS::EC2::LaunchTemplate'));
      const ec2 = new EC2Client(stack.aws);
      const { LaunchTemplateVersions = [] } = await ec2.send(
        new DescribeLaunchTemplateVersionsCommand({
          LaunchTemplateId: template?.launchTemplateId,
          Versions: [template?.version ?? '$Latest'],
        }),
      );
      const data = LaunchTemplateVersions[0]?.LaunchTemplateData;
      expect(data?.BlockDeviceMappings?.[0]?.Ebs).toMatchObject({
        Encrypted: true,
        VolumeSize: ROOT_VOLUME_GIB,
        VolumeType: 'gp3',
      });
      expect(data?.MetadataOptions?.HttpTokens).toBe('required');
    },
    'root-volume-sized',
  ),
];
