import {
  ApplicationAutoScalingClient,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  type ScalingPolicy,
} from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import {
  DescribeListenersCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { expect } from 'vitest';
import { readBack, type DeployedStack } from '../readback.ts';

// The defaults in architecture.yaml, which the emulator suite deploys with.
const MIN_TASKS = 2;
const MAX_TASKS = 10;
const CPU_TARGET_PERCENT = 60;
const BAKE_TIME_MINUTES = 10;
const TEST_LISTENER_PORT = 8080;
const HEALTH_CHECK_PATH = '/';

/** The Application Auto Scaling resource id of the service: service/<cluster>/<service>. */
const serviceResourceId = (stack: DeployedStack): string =>
  `service/${stack.outputs['ClusterName'] ?? ''}/${stack.outputs['ServiceName'] ?? ''}`;

async function policies(stack: DeployedStack): Promise<ScalingPolicy[]> {
  const scaling = new ApplicationAutoScalingClient(stack.aws);
  const { ScalingPolicies = [] } = await scaling.send(
    new DescribeScalingPoliciesCommand({ ServiceNamespace: 'ecs', ResourceId: serviceResourceId(stack) }),
  );
  return ScalingPolicies;
}

export default [
  readBack(
    'Autoscaling keeps the task count of the service between minTasks and maxTasks',
    async (stack) => {
      const scaling = new ApplicationAutoScalingClient(stack.aws);
      const { ScalableTargets = [] } = await scaling.send(
        new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs', ResourceIds: [serviceResourceId(stack)] }),
      );
      expect(ScalableTargets).toHaveLength(1);
      const [target] = ScalableTargets;
      expect(target?.ScalableDimension).toBe('ecs:service:DesiredCount');
      expect([target?.MinCapacity, target?.MaxCapacity]).toEqual([MIN_TASKS, MAX_TASKS]);
    },
    'task-count-capped',
  ),
  readBack(
    'Target tracking scales the service on average CPU only, adding tasks a minute after a scale-out',
    async (stack) => {
      const found = await policies(stack);
      expect(found).toHaveLength(1);
      const config = found[0]?.TargetTrackingScalingPolicyConfiguration;
      expect(config?.PredefinedMetricSpecification?.PredefinedMetricType).toBe('ECSServiceAverageCPUUtilization');
      expect(config?.TargetValue).toBe(CPU_TARGET_PERCENT);
      expect(config?.ScaleOutCooldown).toBe(60);
    },
    'scales-on-cpu',
  ),
  readBack(
    'A deployment rolls back when more than 5 percent of requests fail with a 5xx, from the tasks or from the load balancer',
    async (stack) => {
      const cloudwatch = new CloudWatchClient(stack.aws);
      const name = stack.physicalId('AWS::CloudWatch::Alarm', 'AlarmsTarget5xxRate');
      const { MetricAlarms = [] } = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [name] }));
      const [rate] = MetricAlarms;
      expect([rate?.ComparisonOperator, rate?.Threshold]).toEqual(['GreaterThanThreshold', 5]);
      const stats = new Map((rate?.Metrics ?? []).map((m) => [m.Id, m.MetricStat?.Metric]));
      expect(stats.get('errors')?.MetricName).toBe('HTTPCode_Target_5XX_Count');
      expect(stats.get('lb')?.MetricName).toBe('HTTPCode_ELB_5XX_Count');
      // Counted over the whole load balancer: the live revision is in either target group.
      const dimensions = stats.get('errors')?.Dimensions?.map((d) => d.Name);
      expect(dimensions).toEqual(['LoadBalancer']);
    },
    'error-alarm-rolls-back-deployments',
  ),
  readBack(
    'The load balancer checks every task of both target groups on healthCheckPath and expects HTTP 200',
    async (stack) => {
      const elb = new ElasticLoadBalancingV2Client(stack.aws);
      const arns = stack.physicalIds('AWS::ElasticLoadBalancingV2::TargetGroup');
      expect(arns).toHaveLength(2);
      const { TargetGroups = [] } = await elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: arns }));
      for (const targets of TargetGroups) {
        expect([targets.TargetType, targets.HealthCheckPath]).toEqual(['ip', HEALTH_CHECK_PATH]);
        expect(targets.Matcher?.HttpCode).toBe('200');
      }
    },
    'unhealthy-tasks-replaced',
  ),
  readBack(
    'A deployment starts new tasks before it stops old ones, and the circuit breaker and the 5xx alarm roll a failing release back',
    async (stack) => {
      const ecs = new ECSClient(stack.aws);
      const { services = [] } = await ecs.send(
        new DescribeServicesCommand({
          cluster: stack.outputs['ClusterName'],
          services: [stack.outputs['ServiceName'] ?? ''],
        }),
      );
      const config = services[0]?.deploymentConfiguration;
      expect(config?.minimumHealthyPercent).toBe(100);
      expect(config?.maximumPercent).toBeGreaterThan(100);
      expect(config?.deploymentCircuitBreaker).toEqual({ enable: true, rollback: true });
      expect([config?.alarms?.enable, config?.alarms?.rollback]).toEqual([true, true]);
      expect(config?.alarms?.alarmNames).toContain(stack.physicalId('AWS::CloudWatch::Alarm', 'AlarmsTarget5xxRate'));
    },
    'rolling-deploy-keeps-capacity',
  ),
  readBack(
    'The tasks run in private subnets without public addresses, behind the load balancer',
    async (stack) => {
      const ecs = new ECSClient(stack.aws);
      const { services = [] } = await ecs.send(
        new DescribeServicesCommand({
          cluster: stack.outputs['ClusterName'],
          services: [stack.outputs['ServiceName'] ?? ''],
        }),
      );
      const [service] = services;
      const vpc = service?.networkConfiguration?.awsvpcConfiguration;
      expect(vpc?.assignPublicIp).toBe('DISABLED');
      expect(vpc?.subnets?.length).toBeGreaterThanOrEqual(2);
      expect(service?.loadBalancers?.map((l) => l.targetGroupArn)).toEqual([
        stack.physicalId('AWS::ElasticLoadBalancingV2::TargetGroup', 'Targets'),
      ]);
    },
    'tasks-spread-over-zones',
  ),
  readBack(
    'The load balancer takes part in ARC zonal shift',
    async (stack) => {
      const elb = new ElasticLoadBalancingV2Client(stack.aws);
      const { Attributes = [] } = await elb.send(
        new DescribeLoadBalancerAttributesCommand({
          LoadBalancerArn: stack.physicalId('AWS::ElasticLoadBalancingV2::LoadBalancer'),
        }),
      );
      expect(Attributes.find((a) => a.Key === 'zonal_shift.config.enabled')?.Value).toBe('true');
    },
    'alb-zonal-shift',
  ),
  readBack(
    'The target group sends less traffic to a task that answers with errors (weighted random, anomaly mitigation on)',
    async (stack) => {
      const elb = new ElasticLoadBalancingV2Client(stack.aws);
      const { Attributes = [] } = await elb.send(
        new DescribeTargetGroupAttributesCommand({
          TargetGroupArn: stack.physicalId('AWS::ElasticLoadBalancingV2::TargetGroup', 'Targets'),
        }),
      );
      const attrs = new Map(Attributes.map((a) => [a.Key, a.Value]));
      expect(attrs.get('load_balancing.algorithm.type')).toBe('weighted_random');
      expect(attrs.get('load_balancing.algorithm.anomaly_mitigation')).toBe('on');
    },
    'anomaly-mitigation',
  ),
  readBack(
    'Deployments are blue/green with the bake time, the second target group and the production and test listener rules',
    async (stack) => {
      const ecs = new ECSClient(stack.aws);
      const { services = [] } = await ecs.send(
        new DescribeServicesCommand({
          cluster: stack.outputs['ClusterName'],
          services: [stack.outputs['ServiceName'] ?? ''],
        }),
      );
      const [service] = services;
      const config = service?.deploymentConfiguration;
      expect(config?.strategy).toBe('BLUE_GREEN');
      expect(config?.bakeTimeInMinutes).toBe(BAKE_TIME_MINUTES);
      const advanced = service?.loadBalancers?.[0]?.advancedConfiguration;
      expect(advanced?.alternateTargetGroupArn).toBe(
        stack.physicalId('AWS::ElasticLoadBalancingV2::TargetGroup', 'GreenTargets'),
      );
      expect(advanced?.productionListenerRule).toBe(
        stack.physicalId('AWS::ElasticLoadBalancingV2::ListenerRule', 'ProductionRule'),
      );
      expect(advanced?.testListenerRule).toBe(
        stack.physicalId('AWS::ElasticLoadBalancingV2::ListenerRule', 'TestRule'),
      );
    },
    'blue-green-with-bake-time',
  ),
  readBack(
    'After test traffic moves, the test gate function requests healthCheckPath through the test listener',
    async (stack) => {
      const ecs = new ECSClient(stack.aws);
      const { services = [] } = await ecs.send(
        new DescribeServicesCommand({
          cluster: stack.outputs['ClusterName'],
          services: [stack.outputs['ServiceName'] ?? ''],
        }),
      );
      const hooks = services[0]?.deploymentConfiguration?.lifecycleHooks ?? [];
      expect(hooks).toHaveLength(1);
      expect(hooks[0]?.lifecycleStages).toEqual(['POST_TEST_TRAFFIC_SHIFT']);
      const functionArn = stack.physicalId('AWS::Lambda::Function');
      const lambda = new LambdaClient(stack.aws);
      const { Configuration } = await lambda.send(new GetFunctionCommand({ FunctionName: functionArn }));
      expect(hooks[0]?.hookTargetArn).toBe(Configuration?.FunctionArn);
      expect(Configuration?.Environment?.Variables?.['TEST_URL']).toMatch(
        new RegExp(`:${TEST_LISTENER_PORT}${HEALTH_CHECK_PATH}$`, 'u'),
      );
      const elb = new ElasticLoadBalancingV2Client(stack.aws);
      const { Listeners = [] } = await elb.send(
        new DescribeListenersCommand({
          LoadBalancerArn: stack.physicalId('AWS::ElasticLoadBalancingV2::LoadBalancer'),
        }),
      );
      expect(Listeners.map((l) => l.Port).sort()).toEqual([80, TEST_LISTENER_PORT]);
    },
    'test-gate-before-production',
  ),
];
