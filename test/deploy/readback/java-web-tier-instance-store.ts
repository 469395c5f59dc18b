import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  DescribeLifecycleHooksCommand,
  DescribePoliciesCommand,
  type AutoScalingGroup,
} from '@aws-sdk/client-auto-scaling';
import { CloudWatchClient, DescribeAlarmsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import {
  DescribeLaunchTemplateVersionsCommand,
  DescribeVolumesCommand,
  EC2Client,
  type ResponseLaunchTemplateData,
} from '@aws-sdk/client-ec2';
import { expect } from 'vitest';
import { readBack, type DeployedStack } from '../readback.ts';

// The defaults in architecture.yaml, which the emulator suite deploys with.
const MIN_CAPACITY = 2;
const MAX_CAPACITY = 6;
const CPU_TARGET_PERCENT = 50;
const BOOTSTRAP_TIMEOUT_SECONDS = 900;

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
    'A launch lifecycle hook keeps each new node out of service until its bootstrap succeeds, and abandons it after bootstrapTimeoutSeconds',
    async (stack) => {
      const autoscaling = new AutoScalingClient(stack.aws);
      const { LifecycleHooks = [] } = await autoscaling.send(
        new DescribeLifecycleHooksCommand({ AutoScalingGroupName: stack.outputs['AutoScalingGroupName'] }),
      );
      expect(LifecycleHooks).toHaveLength(1);
      const [hook] = LifecycleHooks;
      expect(hook?.LifecycleTransition).toBe('autoscaling:EC2_INSTANCE_LAUNCHING');
      expect([hook?.DefaultResult, hook?.HeartbeatTimeout]).toEqual(['ABANDON', BOOTSTRAP_TIMEOUT_SECONDS]);
    },
    'launch-hook-gates-service',
  ),
  readBack(
    'A node that gives up its bootstrap is counted, and an alarm fires on every such report from the group',
    async (stack) => {
      const failures = await alarm(stack, 'BootstrapFailures');
      expect([failures.Namespace, failures.MetricName, failures.Statistic]).toEqual([
        'CWAgent',
        'BootstrapFailed',
        'Sum',
      ]);
      expect([failures.ComparisonOperator, failures.Threshold]).toEqual(['GreaterThanOrEqualToThreshold', 1]);
      expect(failures.Dimensions).toEqual([
        { Name: 'AutoScalingGroupName', Value: stack.outputs['AutoScalingGroupName'] },
      ]);
    },
    'bootstrap-failure-alarm',
  ),
  readBack(
    'Target tracking keeps the average CPU of the group at cpuTargetPercent, between minCapacity and maxCapacity nodes',
    async (stack) => {
      const autoscaling = new AutoScalingClient(stack.aws);
      const { ScalingPolicies = [] } = await autoscaling.send(
        new DescribePoliciesCommand({ AutoScalingGroupName: stack.outputs['AutoScalingGroupName'] }),
      );
      expect(ScalingPolicies).toHaveLength(1);
      const config = ScalingPolicies[0]?.TargetTrackingConfiguration;
      expect(config?.PredefinedMetricSpecification?.PredefinedMetricType).toBe('ASGAverageCPUUtilization');
      expect(config?.TargetValue).toBe(CPU_TARGET_PERCENT);
      const nodes = await group(stack);
      expect([nodes.MinSize, nodes.MaxSize]).toEqual([MIN_CAPACITY, MAX_CAPACITY]);
      expect(nodes.Instances).toHaveLength(MIN_CAPACITY);
    },
    'cpu-target-tracking',
  ),
  readBack(
    'The group replaces nodes on the EC2 and load balancer health checks, not on the EBS health check',
    async (stack) => {
      const nodes = await group(stack);
      expect(nodes.HealthCheckType).toBe('ELB');
      expect(nodes.TargetGroupARNs).toEqual([stack.physicalId('AWS::ElasticLoadBalancingV2::TargetGroup')]);
    },
    'no-ebs-health-check',
  ),
  readBack(
    "The launch template maps no EBS volume but the root device, as encrypted gp3 at the AMI's size deleted with the node",
    async (stack) => {
      const mappings = (await launchTemplateData(stack)).BlockDeviceMappings ?? [];
      expect(mappings.map((m) => m.DeviceName)).toEqual(['/dev/xvda']);
      const root = mappings[0]?.Ebs;
      expect([root?.VolumeType, root?.Encrypted, root?.DeleteOnTermination]).toEqual(['gp3', true, true]);
      expect(root?.VolumeSize, 'the root volume has a size of its own, not the AMI size').toBeUndefined();
      // No node has a volume at a data device.
      const ec2 = new EC2Client(stack.aws);
      for (const node of (await group(stack)).Instances ?? []) {
        const { Volumes = [] } = await ec2.send(
          new DescribeVolumesCommand({
            Filters: [{ Name: 'attachment.instance-id', Values: [node.InstanceId ?? ''] }],
          }),
        );
        const devices = Volumes.flatMap((v) => (v.Attachments ?? []).map((a) => a.Device));
        expect(devices.filter((d) => d === '/dev/sdf' || d === '/dev/xvdf')).toEqual([]);
      }
    },
    'no-data-volume',
  ),
  readBack(
    'Nodes require IMDSv2 and have no SSH key',
    async (stack) => {
      const data = await launchTemplateData(stack);
      expect(data.KeyName).toBeUndefined();
      expect(data.MetadataOptions?.HttpTokens).toBe('required');
    },
    'no-interactive-access',
  ),
  readBack(
    "An alarm fires when a node's instance store is 80 percent full",
    async (stack) => {
      const disk = await alarm(stack, 'InstanceStoreDiskUsage');
      expect([disk.Namespace, disk.MetricName, disk.Threshold]).toEqual(['CWAgent', 'disk_used_percent', 80]);
      expect(disk.Dimensions).toContainEqual({ Name: 'path', Value: '/mnt/instance-store' });
      expect(disk.Dimensions).toContainEqual({
        Name: 'AutoScalingGroupName',
        Value: stack.outputs['AutoScalingGroupName'],
      });
    },
    'instance-store-disk-alarm',
  ),
  readBack('The group is named after the stack, as its bootstrap and alarms expect', async (stack) => {
    expect(stack.outputs['AutoScalingGroupName']).toBe(`${stack.stackName}-nodes`);
    expect((await group(stack)).AutoScalingGroupName).toBe(`${stack.stackName}-nodes`);
  }),
];

// weekly-node-lifetime is not read back: moto's Auto Scaling backend does not keep MaxInstanceLifetime.
