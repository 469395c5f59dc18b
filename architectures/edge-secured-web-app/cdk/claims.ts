// What architecture.yaml promises about this stack, checked against every configuration oar check synthesizes.
import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';
import { refTarget as target, type Json } from '../../../generators/check/claims/template-queries.ts';

type Props = Json & Record<string, unknown>;

/** The properties of the one resource of a type; fails when there is not exactly one. */
function only(t: ClaimContext, type: string): Props & { id: string } {
  const all = t.resources(type);
  assert.equal(all.length, 1, `expected exactly one ${type}, found ${all.length}`);
  const [r] = all;
  return { id: r?.id ?? '', ...((r?.Properties ?? {}) as Props) };
}

/** The zone of a subnet, as the index CDK selects from Fn::GetAZs. */
function zoneOf(t: ClaimContext, subnetId: string): string {
  const subnet = t.resources('AWS::EC2::Subnet').find((s) => s.id === subnetId);
  assert.ok(subnet, `subnet ${subnetId} is not in the template`);
  return JSON.stringify(subnet.Properties?.['AvailabilityZone']);
}

/** The NAT gateway a subnet's default route uses, or undefined when it has none. */
function natOf(t: ClaimContext, subnetId: string): string | undefined {
  const association = t
    .resources('AWS::EC2::SubnetRouteTableAssociation')
    .find((a) => target(a.Properties?.['SubnetId']) === subnetId);
  const table = target(association?.Properties?.['RouteTableId']);
  const route = t
    .resources('AWS::EC2::Route')
    .find((r) => target(r.Properties?.['RouteTableId']) === table && r.Properties?.['DestinationCidrBlock'] === '0.0.0.0/0');
  return target(route?.Properties?.['NatGatewayId']);
}

/** The subnets the service's tasks run in. */
function taskSubnets(t: ClaimContext): string[] {
  const service = only(t, 'AWS::ECS::Service');
  const network = (service['NetworkConfiguration'] as Json)['AwsvpcConfiguration'] as Json;
  return (network['Subnets'] as unknown[]).map((s) => target(s) ?? '');
}


export default [
  claim(
    'tasks-spread-over-zones',
    'The service runs its tasks in a private subnet of every zone, without public addresses, and rebalances them when a zone returns.',
    (t) => {
      const service = only(t, 'AWS::ECS::Service');
      const subnets = taskSubnets(t);
      const zones = new Set(subnets.map((s) => zoneOf(t, s)));
      assert.equal(zones.size, t.parameters['azCount'], `tasks run in ${zones.size} zones, not azCount`);
      assert.equal(subnets.length, zones.size, 'the service has more than one task subnet in a zone');
      for (const s of subnets) assert.ok(natOf(t, s), `task subnet ${s} has no default route through a NAT gateway`);
      const network = (service['NetworkConfiguration'] as Json)['AwsvpcConfiguration'] as Json;
      assert.equal(network['AssignPublicIp'], 'DISABLED', 'tasks get public addresses');
      assert.equal(service['AvailabilityZoneRebalancing'], 'ENABLED', 'Availability Zone rebalancing is off');
    },
  ),
  claim(
    'nat-gateway-per-zone-when-asked',
    'There are natGateways NAT gateways, and with one per zone every task subnet sends its internet traffic through the gateway in its own zone.',
    (t) => {
      const gateways = t.resources('AWS::EC2::NatGateway');
      assert.equal(gateways.length, t.parameters['natGateways'], 'the number of NAT gateways is not natGateways');
      const used = new Set<string>();
      for (const subnet of taskSubnets(t)) {
        const nat = natOf(t, subnet);
        assert.ok(nat, `task subnet ${subnet} has no route through a NAT gateway`);
        used.add(nat);
        if (t.parameters['natGateways'] === t.parameters['azCount']) {
          const gateway = gateways.find((g) => g.id === nat);
          const natZone = zoneOf(t, target(gateway?.Properties?.['SubnetId']) ?? '');
          assert.equal(natZone, zoneOf(t, subnet), `task subnet ${subnet} uses a NAT gateway in another zone`);
        }
      }
      assert.equal(used.size, gateways.length, 'some NAT gateway carries no task traffic');
    },
  ),
  claim(
    'rolling-deploy-keeps-capacity',
    'A deployment starts new tasks before it stops old ones, and the circuit breaker rolls back a release whose tasks fail to start or fail health checks.',
    (t) => {
      const service = only(t, 'AWS::ECS::Service');
      const config = service['DeploymentConfiguration'] as Json;
      assert.deepEqual(service['DeploymentController'], { Type: 'ECS' }, 'the service is not on rolling deployments');
      assert.equal(config['MinimumHealthyPercent'], 100, 'a deployment may stop tasks before new ones are healthy');
      assert.ok(Number(config['MaximumPercent']) > 100, 'a deployment cannot start new tasks next to the old ones');
      assert.deepEqual(
        config['DeploymentCircuitBreaker'],
        { Enable: true, Rollback: true },
        'the circuit breaker does not roll back',
      );
      assert.equal(service['DesiredCount'], undefined, 'a deploy resets the task count that autoscaling chose');
    },
  ),
  claim(
    'error-alarm-rolls-back-deployments',
    'A deployment rolls back when more than 5 percent of requests fail with a 5xx, from the tasks or from the load balancer, while it runs or bakes.',
    (t) => {
      const service = only(t, 'AWS::ECS::Service');
      const alarms = ((service['DeploymentConfiguration'] as Json)['Alarms'] ?? {}) as Json;
      assert.equal(alarms['Enable'], true, 'the service does not watch any alarm during deployments');
      assert.equal(alarms['Rollback'], true, 'a deployment alarm fails the deployment without rolling back');
      const names = ((alarms['AlarmNames'] ?? []) as unknown[]).map(target);
      const watched = t.resources('AWS::CloudWatch::Alarm').filter((a) => names.includes(a.id));
      const errorAlarm = watched.find((a) => {
        const metrics = JSON.stringify(a.Properties?.['Metrics'] ?? []);
        return metrics.includes('HTTPCode_Target_5XX_Count') && metrics.includes('HTTPCode_ELB_5XX_Count');
      });
      assert.ok(errorAlarm, 'no deployment alarm counts both target and load balancer 5xx responses');
      const props = errorAlarm.Properties ?? {};
      assert.equal(props['Threshold'], 5, 'the 5xx alarm does not go off above 5 percent');
      assert.equal(props['TreatMissingData'], 'notBreaching', 'an idle service would roll back');
    },
  ),
  claim(
    'scales-on-cpu-and-requests',
    'Target tracking keeps the task count between minTasks and maxTasks on average CPU and on requests per task, adding tasks a minute after a scale-out.',
    (t) => {
      const scalable = only(t, 'AWS::ApplicationAutoScaling::ScalableTarget');
      assert.equal(scalable['ScalableDimension'], 'ecs:service:DesiredCount', 'the scalable target is not the task count');
      assert.equal(scalable['MinCapacity'], t.parameters['minTasks'], 'the task count floor is not minTasks');
      assert.equal(scalable['MaxCapacity'], t.parameters['maxTasks'], 'the task count ceiling is not maxTasks');
      const targets = Object.fromEntries(
        t.resources('AWS::ApplicationAutoScaling::ScalingPolicy').map((p) => {
          const c = p.Properties?.['TargetTrackingScalingPolicyConfiguration'] as Json;
          const metric = (c['PredefinedMetricSpecification'] as Json)['PredefinedMetricType'] as string;
          assert.equal(c['ScaleOutCooldown'], 60, `${metric} waits more than a minute between scale-outs`);
          return [metric, c['TargetValue']];
        }),
      );
      assert.deepEqual(
        targets,
        {
          ECSServiceAverageCPUUtilization: t.parameters['cpuTargetPercent'],
          ALBRequestCountPerTarget: t.parameters['requestsPerTarget'],
        },
        'the target tracking policies are not CPU at cpuTargetPercent and requests at requestsPerTarget',
      );
    },
  ),
  claim(
    'task-count-capped',
    'Autoscaling never runs more than maxTasks tasks, which caps both the bill of a flood and the Fargate vCPUs the service asks for.',
    (t) => {
      const scalable = only(t, 'AWS::ApplicationAutoScaling::ScalableTarget');
      assert.equal(scalable['MaxCapacity'], t.parameters['maxTasks'], 'the task count ceiling is not maxTasks');
      const [cpu] = String(t.parameters['taskSize']).split('/');
      const task = only(t, 'AWS::ECS::TaskDefinition');
      assert.equal(task['Cpu'], cpu, 'the task size is not the one taskSize names, so maxTasks says nothing about vCPUs');
    },
  ),
  claim(
    'unhealthy-tasks-replaced',
    'The load balancer checks every task on healthCheckPath and expects HTTP 200, so the service replaces tasks that crash or stop answering.',
    (t) => {
      const group = only(t, 'AWS::ElasticLoadBalancingV2::TargetGroup');
      assert.equal(group['TargetType'], 'ip', 'tasks do not register by IP address');
      assert.equal(group['HealthCheckPath'], t.parameters['healthCheckPath'], 'the health check does not probe healthCheckPath');
      assert.deepEqual(group['Matcher'], { HttpCode: '200' }, 'the health check accepts more than HTTP 200');
      assert.notEqual(group['HealthCheckEnabled'], false, 'health checks are off');
      const service = only(t, 'AWS::ECS::Service');
      const attached = (service['LoadBalancers'] as Json[]).map((l) => [target(l['TargetGroupArn']), l['ContainerPort']]);
      assert.deepEqual(attached, [[group.id, t.parameters['containerPort']]], 'the service is not in the target group');
      assert.ok(Number(service['HealthCheckGracePeriodSeconds']) > 0, 'a starting task is judged before it can answer');
    },
  ),
  claim(
    'web-acl-in-front',
    'An AWS WAF web ACL for CloudFront protects the distribution: it first blocks any address above rateLimitPer5Minutes requests in 5 minutes, then applies the AWS managed rule groups for IP reputation, common exploits and known bad inputs, each in its own blocking actions.',
    (t) => {
      const acl = only(t, 'AWS::WAFv2::WebACL');
      const distribution = only(t, 'AWS::CloudFront::Distribution');
      const config = distribution['DistributionConfig'] as Json;
      assert.equal(target(config['WebACLId']), acl.id, 'the distribution is not protected by the web ACL');
      assert.equal(acl['Scope'], 'CLOUDFRONT', 'the web ACL is not for CloudFront');
      assert.deepEqual(acl['DefaultAction'], { Allow: {} }, 'the web ACL does not let other requests through');
      const rules = [...(acl['Rules'] as Json[])].sort((a, b) => Number(a['Priority']) - Number(b['Priority']));
      const [rate, ...managed] = rules;
      const rateStatement = ((rate?.['Statement'] ?? {}) as Json)['RateBasedStatement'] as Json | undefined;
      assert.ok(rateStatement, 'the first rule is not a rate-based rule');
      assert.deepEqual(rate?.['Action'], { Block: {} }, 'the rate-based rule does not block');
      assert.equal(rateStatement['Limit'], t.parameters['rateLimitPer5Minutes'], 'the rate limit is not rateLimitPer5Minutes');
      assert.equal(rateStatement['AggregateKeyType'], 'IP', 'the rate limit is not per client address');
      assert.equal(rateStatement['EvaluationWindowSec'], 300, 'the rate limit does not count over 5 minutes');
      const groups = managed.map((r) => {
        assert.deepEqual(r['OverrideAction'], { None: {} }, `rule ${String(r['Name'])} only counts`);
        const statement = (r['Statement'] as Json)['ManagedRuleGroupStatement'] as Json;
        assert.equal(statement['VendorName'], 'AWS');
        return statement['Name'];
      });
      assert.deepEqual(
        groups,
        ['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'],
        'the managed rule groups are not IP reputation, common rules and known bad inputs',
      );
      for (const r of rules) assert.equal(((r['VisibilityConfig'] as Json)['CloudWatchMetricsEnabled']), true, `rule ${String(r['Name'])} has no metrics`);
    },
  ),
  claim(
    'load-balancer-not-on-internet',
    'The load balancer is internal, in private subnets without a route from the internet, accepts only addresses of the VPC, and CloudFront reaches it through a VPC origin, its only origin.',
    (t) => {
      const lb = only(t, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
      assert.equal(lb['Scheme'], 'internal', 'the load balancer faces the internet');
      for (const subnet of (lb['Subnets'] as unknown[]).map((s) => target(s) ?? '')) {
        assert.ok(natOf(t, subnet), `load balancer subnet ${subnet} is not a private subnet with a NAT route`);
      }
      const groups = (lb['SecurityGroups'] as unknown[]).map((g) => JSON.stringify(g));
      const sg = t.resources('AWS::EC2::SecurityGroup').find((g) => groups.some((ref) => ref.includes(`"${g.id}"`)));
      assert.ok(sg, 'the load balancer has no security group of the stack');
      const ingress = (sg.Properties?.['SecurityGroupIngress'] ?? []) as Json[];
      assert.ok(ingress.length > 0, 'the load balancer accepts nothing');
      for (const rule of ingress) {
        assert.match(JSON.stringify(rule['CidrIp']), /CidrBlock/u, `the load balancer accepts ${JSON.stringify(rule['CidrIp'])}, not the VPC's range`);
      }
      const origin = only(t, 'AWS::CloudFront::VpcOrigin');
      const endpoint = origin['VpcOriginEndpointConfig'] as Json;
      assert.equal(target(endpoint['Arn']), lb.id, 'the VPC origin does not lead to the load balancer');
      const config = only(t, 'AWS::CloudFront::Distribution')['DistributionConfig'] as Json;
      const origins = config['Origins'] as Json[];
      assert.equal(origins.length, 1, 'the distribution has more than one origin');
      const vpcOrigin = (origins[0]?.['VpcOriginConfig'] ?? {}) as Json;
      assert.match(JSON.stringify(vpcOrigin['VpcOriginId']), new RegExp(origin.id, 'u'), 'the origin is not the VPC origin');
    },
  ),
  claim(
    'viewers-use-https',
    'Viewers reach the application over HTTPS only (HTTP is redirected), with TLS 1.2 or later for domainName when certificateArn is set, and every request goes to the application uncached.',
    (t) => {
      const config = only(t, 'AWS::CloudFront::Distribution')['DistributionConfig'] as Json;
      const behaviour = config['DefaultCacheBehavior'] as Json;
      assert.equal(behaviour['ViewerProtocolPolicy'], 'redirect-to-https', 'viewers may use plain HTTP');
      assert.equal(config['CacheBehaviors'], undefined, 'some paths have their own behaviour');
      // The managed CachingDisabled policy.
      assert.equal(behaviour['CachePolicyId'], '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', 'responses are cached');
      if (t.parameters['certificateArn'] === '') {
        assert.equal(config['Aliases'], undefined, 'the distribution answers other names without a certificate');
        return;
      }
      assert.deepEqual(config['Aliases'], [t.parameters['domainName']], 'the distribution does not serve domainName');
      const certificate = config['ViewerCertificate'] as Json;
      assert.equal(certificate['AcmCertificateArn'], t.parameters['certificateArn'], 'the certificate is not certificateArn');
      assert.equal(certificate['MinimumProtocolVersion'], 'TLSv1.2_2021', 'viewers may use TLS older than 1.2');
      assert.equal(certificate['SslSupportMethod'], 'sni-only', 'the distribution asks for dedicated IP addresses');
    },
  ),
  claim(
    'shield-advanced-when-asked',
    'With shieldAdvanced, the distribution is registered with Shield Advanced; without it, no protection is created.',
    (t) => {
      const distribution = only(t, 'AWS::CloudFront::Distribution');
      const protections = t.resources('AWS::Shield::Protection');
      if (t.parameters['shieldAdvanced'] !== true) {
        assert.deepEqual(protections, [], 'there is a Shield protection without shieldAdvanced');
        return;
      }
      assert.equal(protections.length, 1, 'there is not exactly one Shield protection');
      assert.match(JSON.stringify(protections[0]?.Properties?.['ResourceArn']), new RegExp(`distribution/.*${distribution.id}`, 'u'), 'the protection is not for the distribution');
    },
  ),
  claim('alb-zonal-shift', 'The load balancer takes part in ARC zonal shift.', (t) => {
    const attrs = (only(t, 'AWS::ElasticLoadBalancingV2::LoadBalancer')['LoadBalancerAttributes'] ?? []) as {
      Key: string;
      Value: string;
    }[];
    assert.ok(
      attrs.some((a) => a.Key === 'zonal_shift.config.enabled' && a.Value === 'true'),
      'zonal_shift.config.enabled is not true on the load balancer',
    );
  }),
  claim(
    'anomaly-mitigation',
    'With three or more healthy tasks, the load balancer sends less traffic to a task that answers with errors while it passes its health check.',
    (t) => {
      const attrs = new Map(
        ((only(t, 'AWS::ElasticLoadBalancingV2::TargetGroup')['TargetGroupAttributes'] ?? []) as { Key: string; Value: string }[]).map(
          (a) => [a.Key, a.Value],
        ),
      );
      assert.equal(attrs.get('load_balancing.algorithm.type'), 'weighted_random', 'the target group does not use weighted_random');
      assert.equal(attrs.get('load_balancing.algorithm.anomaly_mitigation'), 'on', 'anomaly mitigation is off');
    },
  ),
];
