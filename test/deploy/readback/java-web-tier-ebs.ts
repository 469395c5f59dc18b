import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  DescribePoliciesCommand,
  type AutoScalingGroup,
} from '@aws-sdk/client-auto-scaling';
import { CloudWatchClient, DescribeAlarmsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import {
  DescribeLaunchTemplateVersionsCommand,
  DescribeSecurityGroupsCommand,
  DescribeVolumesCommand,
  EC2Client,
  type ResponseLaunchTemplateData,
} from '@aws-sdk/client-ec2';
import { DescribeTargetGroupsCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { expect } from 'vitest';
import { readBack, type DeployedStack } from '../readback.ts';

// The defaults in architecture.yaml, which the emulator suite deploys with.
const MIN_CAPACITY = 2;
const MAX_CAPACITY = 6;
const CPU_TARGET_PERCENT = 50;
const DATA_VOLUME_GIB = 50;
const AZ_COUNT = 2;
const HEALTH_CHECK_PATH = '/actuator/health';

async function group(stack: DeployedStack): Promise<AutoScalingGroup> {
  const name = stack.outputs['AutoScalingGroupName'];
  const autoscaling = new AutoScalingClient(stack.aws);
  const { AutoScalingGroups = [] } = await autoscaling.send(
    new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name ?? ''] }),
  );
  const [found, ...more] = AutoScalingGroups;
  if (found === undefined || more.length > 0)
    throw new Error(`${String(AutoScalingGroups.length)} Auto Scaling groups named ${name ?? ''}`);
  return found;
}

async function launchTemplateData(stack: DeployedStack): Promise<ResponseLaunchTemplateData> {
  const ec2 = new EC2Client(stack.aws);
  const { LaunchTemplateVersions = [] } = await ec2.send(
    new DescribeLaunchTemplateVersionsCommand({
      LaunchTemplateId: stack.outputs['LaunchTemplateId'],
      Versions: ['$Latest'],
    }),
  );
  expect(LaunchTemplateVersions).toHaveLength(1);
  return LaunchTemplateVersions[0]?.LaunchTemplateData ?? {};
}

async function alarm(stack: DeployedStack, prefix: string): Promise<MetricAlarm> {
  const cloudwatch = new CloudWatchClient(stack.aws);
  const name = stack.physicalId('AWS::CloudWatch::Alarm', prefix);
  const { MetricAlarms = [] } = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [name] }));
  expect(MetricAlarms, `no alarm ${name}`).toHaveLength(1);
  return MetricAlarms[0] ?? {};
}

export default [
  readBack(
    'Target tracking keeps the average CPU of the group at cpuTargetPercent, between minCapacity and maxCapacity nodes',
    async (stack) => {
      const autoscaling = new AutoScalingClient(stack.aws);
      const { ScalingPolicies = [] } = await autoscaling.send(
        new DescribePoliciesCommand({ AutoScalingGroupName: stack.outputs['AutoScalingGroupName'] }),
      );
      expect(ScalingPolicies).toHaveLength(1);
      const [policy] = ScalingPolicies;
      expect(policy?.PolicyType).toBe('TargetTrackingScaling');
      expect(policy?.TargetTrackingConfiguration?.PredefinedMetricSpecification?.PredefinedMetricType).toBe(
        'ASGAverageCPUUtilization',
      );
      expect(policy?.TargetTrackingConfiguration?.TargetValue).toBe(CPU_TARGET_PERCENT);
      const nodes = await group(stack);
      expect([nodes.MinSize, nodes.MaxSize]).toEqual([MIN_CAPACITY, MAX_CAPACITY]);
      expect(nodes.Instances).toHaveLength(MIN_CAPACITY);
    },
    'cpu-target-tracking',
  ),
  readBack(
    'The group replaces nodes that fail the EC2 status checks, the load balancer health check or the EBS health check, in azCount zones',
    async (stack) => {
      const nodes = await group(stack);
      expect((nodes.HealthCheckType ?? '').split(',').sort()).toEqual(['EBS', 'ELB']);
      expect(nodes.TargetGroupARNs).toEqual([stack.physicalId('AWS::ElasticLoadBalancingV2::TargetGroup')]);
      expect(new Set(nodes.AvailabilityZones).size).toBe(AZ_COUNT);
    },
    'ebs-health-check',
  ),
  readBack(
    'Each node has its own encrypted gp3 data volume on /dev/sdf, and an alarm fires when /data is 80 percent full',
    async (stack) => {
      const mappings = (await launchTemplateData(stack)).BlockDeviceMappings ?? [];
      const data = mappings.find((m) => m.DeviceName === '/dev/sdf')?.Ebs;
      expect(data, 'the launch template maps no data volume').toBeDefined();
      expect([data?.VolumeType, data?.Encrypted, data?.VolumeSize]).toEqual(['gp3', true, DATA_VOLUME_GIB]);
      const ec2 = new EC2Client(stack.aws);
      for (const node of (await group(stack)).Instances ?? []) {
        const { Volumes = [] } = await ec2.send(
          new DescribeVolumesCommand({
            Filters: [{ Name: 'attachment.instance-id', Values: [node.InstanceId ?? ''] }],
          }),
        );
        const volume = Volumes.find((v) => v.Attachments?.some((a) => a.Device === '/dev/sdf'));
        expect(volume, `node ${node.InstanceId ?? ''} has no data volume`).toBeDefined();
        expect([volume?.VolumeType, volume?.Encrypted, volume?.Size]).toEqual(['gp3', true, DATA_VOLUME_GIB]);
      }
      const disk = await alarm(stack, 'DataVolumeDiskUsage');
      expect([disk.Namespace, disk.MetricName, disk.Threshold]).toEqual(['CWAgent', 'disk_used_percent', 80]);
      expect(disk.Dimensions).toContainEqual({ Name: 'path', Value: '/data' });
      expect(disk.Dimensions).toContainEqual({
        Name: 'AutoScalingGroupName',
        Value: stack.outputs['AutoScalingGroupName'],
      });
    },
    'data-volume-disk-alarm',
  ),
  readBack(
    'Nodes have no SSH key and no open SSH port, and require IMDSv2',
    async (stack) => {
      const data = await launchTemplateData(stack);
      expect(data.KeyName).toBeUndefined();
      expect(data.MetadataOptions?.HttpTokens).toBe('required');
      const ec2 = new EC2Client(stack.aws);
      const { SecurityGroups = [] } = await ec2.send(
        new DescribeSecurityGroupsCommand({ GroupIds: data.SecurityGroupIds }),
      );
      expect(SecurityGroups).toHaveLength(data.SecurityGroupIds?.length ?? 0);
      for (const sg of SecurityGroups) {
        for (const rule of sg.IpPermissions ?? []) {
          const opensSsh = rule.IpProtocol === '-1' || ((rule.FromPort ?? 0) <= 22 && 22 <= (rule.ToPort ?? 0));
          expect(opensSsh, `${sg.GroupId ?? ''} opens port 22`).toBe(false);
        }
      }
    },
    'no-interactive-access',
  ),
  readBack(
    'An alarm fires when fewer than minCapacity nodes have been in service for 15 minutes',
    async (stack) => {
      const capacity = await alarm(stack, 'CapacityBelowMinimum');
      expect([capacity.Namespace, capacity.MetricName]).toEqual(['AWS/AutoScaling', 'GroupInServiceInstances']);
      expect([capacity.ComparisonOperator, capacity.Threshold]).toEqual(['LessThanThreshold', MIN_CAPACITY]);
      expect((capacity.Period ?? 0) * (capacity.EvaluationPeriods ?? 0)).toBe(15 * 60);
      expect(capacity.Dimensions).toEqual([
        { Name: 'AutoScalingGroupName', Value: stack.outputs['AutoScalingGroupName'] },
      ]);
    },
    'capacity-alarm',
  ),
  readBack(
    'The load balancer probes healthCheckPath every 10 seconds and expects HTTP 200',
    async (stack) => {
      const elb = new ElasticLoadBalancingV2Client(stack.aws);
      const arn = stack.physicalId('AWS::ElasticLoadBalancingV2::TargetGroup');
      const { TargetGroups = [] } = await elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [arn] }));
      const [targets] = TargetGroups;
      expect([targets?.HealthCheckPath, targets?.HealthCheckIntervalSeconds]).toEqual([HEALTH_CHECK_PATH, 10]);
      expect(targets?.Matcher?.HttpCode).toBe('200');
    },
    'deep-health-check',
  ),
];
