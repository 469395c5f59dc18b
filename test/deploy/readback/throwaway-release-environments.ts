import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  DescribeLifecycleHooksCommand,
  DescribePoliciesCommand,
  type AutoScalingGroup,
} from '@aws-sdk/client-auto-scaling';
import { CloudFormationClient, ListExportsCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetHealthCheckCommand, Route53Client } from '@aws-sdk/client-route-53';
import { expect } from 'vitest';
import { readBack, type DeployedStack } from '../readback.ts';

// The defaults in architecture.yaml, which the emulator suite deploys with.
const BUILD_NUMBER = 'local';
const GIT_COMMIT = 'unknown';
const MIN_CAPACITY = 2;
const MAX_CAPACITY = 6;
const CPU_TARGET_PERCENT = 50;
const BOOTSTRAP_TIMEOUT_SECONDS = 900;
const HEALTH_CHECK_PATH = '/actuator/health';

/** The release name is the environment name: the stack is oar-<id>--<env>. */
const releaseOf = (stack: DeployedStack): string => stack.stackName.split('--').at(-1) ?? '';

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

export default [
  readBack(
    'The release name, build number and commit are outputs of the stack',
    (stack) => {
      expect(stack.outputs['ReleaseName']).toBe(releaseOf(stack));
      expect([stack.outputs['BuildNumber'], stack.outputs['GitCommit']]).toEqual([BUILD_NUMBER, GIT_COMMIT]);
      return Promise.resolve();
    },
    'release-identity',
  ),
  readBack(
    'The group carries the release name, build number and commit, propagated at launch to every node',
    async (stack) => {
      const release = {
        'release:name': releaseOf(stack),
        'release:build-number': BUILD_NUMBER,
        'release:git-commit': GIT_COMMIT,
      };
      const nodes = await group(stack);
      const tags = (nodes.Tags ?? []).filter((t) => t.Key?.startsWith('release:'));
      expect(Object.fromEntries(tags.map((t) => [t.Key, t.Value]))).toEqual(release);
      expect(tags.every((t) => t.PropagateAtLaunch === true)).toBe(true);
      const ids = (nodes.Instances ?? []).map((i) => i.InstanceId ?? '');
      expect(ids).toHaveLength(MIN_CAPACITY);
      const ec2 = new EC2Client(stack.aws);
      const { Reservations = [] } = await ec2.send(new DescribeInstancesCommand({ InstanceIds: ids }));
      for (const instance of Reservations.flatMap((r) => r.Instances ?? [])) {
        const carried = Object.fromEntries((instance.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
        expect(carried, instance.InstanceId).toMatchObject(release);
      }
    },
    'release-tags',
  ),
  readBack(
    "A release exports its load balancer's DNS name and zone under its own stack name",
    async (stack) => {
      const cfn = new CloudFormationClient(stack.aws);
      const { Exports = [] } = await cfn.send(new ListExportsCommand({}));
      const exported = new Map(Exports.map((e) => [e.Name ?? '', e.Value ?? '']));
      expect(exported.get(`${stack.stackName}:LoadBalancerDnsName`)).toBe(stack.outputs['LoadBalancerDnsName']);
      expect(exported.get(`${stack.stackName}:LoadBalancerHostedZoneId`)).toBe(
        stack.outputs['LoadBalancerHostedZoneId'],
      );
    },
    'release-exports',
  ),
  readBack(
    'A launch lifecycle hook keeps each node out of service until it has configured itself, and abandons it otherwise',
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
    'bootstrap-gate',
  ),
  readBack(
    'Target tracking keeps average CPU near cpuTargetPercent between minCapacity and maxCapacity nodes',
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
    },
    'cpu-scaling',
  ),
  readBack(
    "A Route 53 health check probes the health path over HTTP on the release's own load balancer every 30 seconds",
    async (stack) => {
      const route53 = new Route53Client(stack.aws);
      const { HealthCheck } = await route53.send(
        new GetHealthCheckCommand({ HealthCheckId: stack.outputs['HealthCheckId'] }),
      );
      const config = HealthCheck?.HealthCheckConfig;
      expect([config?.Type, config?.Port, config?.ResourcePath]).toEqual(['HTTP', 80, HEALTH_CHECK_PATH]);
      expect(config?.FullyQualifiedDomainName).toBe(stack.outputs['LoadBalancerDnsName']);
      expect(config?.RequestInterval).toBe(30);
    },
    'external-health-check',
  ),
  readBack(
    'An alarm goes off when fewer than minCapacity nodes have been in service for 10 minutes',
    async (stack) => {
      const cloudwatch = new CloudWatchClient(stack.aws);
      const name = stack.physicalId('AWS::CloudWatch::Alarm', 'NodesBelowMinimumCapacity');
      const { MetricAlarms = [] } = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [name] }));
      const [capacity] = MetricAlarms;
      expect([capacity?.Namespace, capacity?.MetricName]).toEqual(['AWS/AutoScaling', 'GroupInServiceInstances']);
      expect([capacity?.ComparisonOperator, capacity?.Threshold]).toEqual(['LessThanThreshold', MIN_CAPACITY]);
      expect((capacity?.Period ?? 0) * (capacity?.EvaluationPeriods ?? 0)).toBe(10 * 60);
      expect(capacity?.Dimensions).toEqual([
        { Name: 'AutoScalingGroupName', Value: stack.outputs['AutoScalingGroupName'] },
      ]);
    },
    'capacity-alarm',
  ),
];
