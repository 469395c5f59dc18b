import {
  ApplicationAutoScalingClient,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  type ScalingPolicy,
} from '@aws-sdk/client-application-auto-scaling';
import { CloudFrontClient, GetDistributionConfigCommand, GetVpcOriginCommand } from '@aws-sdk/client-cloudfront';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import {
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetWebACLCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import { expect } from 'vitest';
import { readBack, type DeployedStack } from '../readback.ts';

// The defaults in architecture.yaml, which the emulator suite deploys with.
const MIN_TASKS = 2;
const MAX_TASKS = 10;
const CPU_TARGET_PERCENT = 60;
const REQUESTS_PER_TARGET = 1000;
const HEALTH_CHECK_PATH = '/';
const RATE_LIMIT_PER_5_MINUTES = 2000;

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
    'Target tracking scales the service on average CPU and on requests per task, adding tasks a minute after a scale-out',
    async (stack) => {
      const found = await policies(stack);
      expect(found.map((p) => p.PolicyType)).toEqual(['TargetTrackingScaling', 'TargetTrackingScaling']);
      const byMetric = new Map(
        found.map((p) => [
          p.TargetTrackingScalingPolicyConfiguration?.PredefinedMetricSpecification?.PredefinedMetricType,
          p.TargetTrackingScalingPolicyConfiguration,
        ]),
      );
      const cpu = byMetric.get('ECSServiceAverageCPUUtilization');
      const requests = byMetric.get('ALBRequestCountPerTarget');
      expect(cpu?.TargetValue).toBe(CPU_TARGET_PERCENT);
      expect(requests?.TargetValue).toBe(REQUESTS_PER_TARGET);
      for (const config of [cpu, requests]) expect(config?.ScaleOutCooldown).toBe(60);
      // The request metric is counted on the service's own target group, behind its own load balancer.
      const targetGroup = stack.physicalId('AWS::ElasticLoadBalancingV2::TargetGroup');
      const label = requests?.PredefinedMetricSpecification?.ResourceLabel ?? '';
      expect(label).toMatch(/^app\/[^/]+\/[^/]+\/targetgroup\/[^/]+\/[^/]+$/u);
      expect(targetGroup.endsWith(label.split('/').slice(3).join('/'))).toBe(true);
      expect(stack.physicalId('AWS::ElasticLoadBalancingV2::LoadBalancer')).toContain(
        label.split('/').slice(0, 3).join('/'),
      );
    },
    'scales-on-cpu-and-requests',
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
      // The task errors are counted on the service's own target group.
      const targetGroup = stack.physicalId('AWS::ElasticLoadBalancingV2::TargetGroup');
      const dimension = stats.get('errors')?.Dimensions?.find((d) => d.Name === 'TargetGroup')?.Value ?? '';
      expect(dimension).toMatch(/^targetgroup\//u);
      expect(targetGroup.endsWith(`:${dimension}`)).toBe(true);
    },
    'error-alarm-rolls-back-deployments',
  ),
  readBack(
    'The load balancer checks every task on healthCheckPath and expects HTTP 200',
    async (stack) => {
      const elb = new ElasticLoadBalancingV2Client(stack.aws);
      const arn = stack.physicalId('AWS::ElasticLoadBalancingV2::TargetGroup');
      const { TargetGroups = [] } = await elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [arn] }));
      const [targets] = TargetGroups;
      expect([targets?.TargetType, targets?.HealthCheckPath]).toEqual(['ip', HEALTH_CHECK_PATH]);
      expect(targets?.Matcher?.HttpCode).toBe('200');
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
        stack.physicalId('AWS::ElasticLoadBalancingV2::TargetGroup'),
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
          TargetGroupArn: stack.physicalId('AWS::ElasticLoadBalancingV2::TargetGroup'),
        }),
      );
      const attrs = new Map(Attributes.map((a) => [a.Key, a.Value]));
      expect(attrs.get('load_balancing.algorithm.type')).toBe('weighted_random');
      expect(attrs.get('load_balancing.algorithm.anomaly_mitigation')).toBe('on');
    },
    'anomaly-mitigation',
  ),
  readBack(
    'The web ACL protects the distribution: a per-address rate limit first, then the AWS managed rule groups',
    async (stack) => {
      const cloudfront = new CloudFrontClient(stack.aws);
      const { DistributionConfig } = await cloudfront.send(
        new GetDistributionConfigCommand({ Id: stack.outputs['DistributionId'] }),
      );
      expect(DistributionConfig?.WebACLId).toBe(stack.outputs['WebAclArn']);
      const [name = '', id = '', scope] = stack.physicalId('AWS::WAFv2::WebACL').split('|');
      expect(scope).toBe('CLOUDFRONT');
      const waf = new WAFV2Client({ ...stack.aws, region: 'us-east-1' });
      const { WebACL } = await waf.send(new GetWebACLCommand({ Name: name, Id: id, Scope: 'CLOUDFRONT' }));
      expect(WebACL?.ARN).toBe(stack.outputs['WebAclArn']);
      expect(WebACL?.DefaultAction).toEqual({ Allow: {} });
      const rules = [...(WebACL?.Rules ?? [])].sort((a, b) => (a.Priority ?? 0) - (b.Priority ?? 0));
      const [rate, ...managed] = rules;
      expect(rate?.Action).toEqual({ Block: {} });
      expect(rate?.Statement?.RateBasedStatement?.Limit).toBe(RATE_LIMIT_PER_5_MINUTES);
      expect(rate?.Statement?.RateBasedStatement?.AggregateKeyType).toBe('IP');
      expect(managed.map((r) => r.Statement?.ManagedRuleGroupStatement?.Name)).toEqual([
        'AWSManagedRulesAmazonIpReputationList',
        'AWSManagedRulesCommonRuleSet',
        'AWSManagedRulesKnownBadInputsRuleSet',
      ]);
    },
    'web-acl-in-front',
  ),
  readBack(
    'The load balancer is internal, and the distribution reaches it through a VPC origin, its only origin',
    async (stack) => {
      const elb = new ElasticLoadBalancingV2Client(stack.aws);
      const lbArn = stack.physicalId('AWS::ElasticLoadBalancingV2::LoadBalancer');
      const { LoadBalancers = [] } = await elb.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [lbArn] }));
      expect(LoadBalancers[0]?.Scheme).toBe('internal');
      const cloudfront = new CloudFrontClient(stack.aws);
      const { DistributionConfig } = await cloudfront.send(
        new GetDistributionConfigCommand({ Id: stack.outputs['DistributionId'] }),
      );
      const origins = DistributionConfig?.Origins?.Items ?? [];
      expect(origins).toHaveLength(1);
      const vpcOriginId = origins[0]?.VpcOriginConfig?.VpcOriginId ?? '';
      expect(vpcOriginId).toBe(stack.physicalId('AWS::CloudFront::VpcOrigin'));
      const { VpcOrigin } = await cloudfront.send(new GetVpcOriginCommand({ Id: vpcOriginId }));
      expect(VpcOrigin?.VpcOriginEndpointConfig?.Arn).toBe(lbArn);
      expect(VpcOrigin?.VpcOriginEndpointConfig?.OriginProtocolPolicy).toBe('http-only');
    },
    'load-balancer-not-on-internet',
  ),
  readBack(
    'Viewers reach the application over HTTPS only, uncached',
    async (stack) => {
      const cloudfront = new CloudFrontClient(stack.aws);
      const { DistributionConfig } = await cloudfront.send(
        new GetDistributionConfigCommand({ Id: stack.outputs['DistributionId'] }),
      );
      expect(DistributionConfig?.DefaultCacheBehavior?.ViewerProtocolPolicy).toBe('redirect-to-https');
      expect(DistributionConfig?.DefaultCacheBehavior?.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad');
      expect(stack.outputs['HealthCheckUrl']).toMatch(/^https:\/\/[^/]+\.cloudfront\.net\/$/u);
    },
    'viewers-use-https',
  ),
];
