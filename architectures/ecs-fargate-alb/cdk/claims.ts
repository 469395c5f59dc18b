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

const listeners = (t: ClaimContext) =>
  t.resources('AWS::ElasticLoadBalancingV2::Listener').map((l) => (l.Properties ?? {}) as Props);

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
    'listener-follows-certificate',
    'With certificateArn set, clients reach the service only over HTTPS with TLS 1.2 or 1.3 and plain HTTP is redirected; without it, one HTTP listener serves.',
    (t) => {
      const all = listeners(t);
      const group = only(t, 'AWS::ElasticLoadBalancingV2::TargetGroup');
      const forwards = (l: Props) =>
        JSON.stringify(l['DefaultActions']).includes('"forward"') &&
        JSON.stringify(l['DefaultActions']).includes(group.id);
      if (t.parameters['certificateArn'] === '') {
        assert.equal(all.length, 1, 'without a certificate there should be one listener');
        assert.equal(all[0]?.['Protocol'], 'HTTP', 'without a certificate the listener is not HTTP');
        return;
      }
      const https = all.filter((l) => l['Protocol'] === 'HTTPS');
      assert.equal(https.length, 1, 'there is no HTTPS listener');
      const [secure] = https;
      assert.ok(secure, 'there is no HTTPS listener');
      assert.equal(secure['Port'], 443, 'HTTPS does not listen on 443');
      assert.deepEqual(secure['Certificates'], [{ CertificateArn: t.parameters['certificateArn'] }], 'HTTPS does not use certificateArn');
      assert.equal(secure['SslPolicy'], 'ELBSecurityPolicy-TLS13-1-2-2021-06', 'the TLS policy is not TLS 1.2 and 1.3');
      assert.ok(forwards(secure), 'the HTTPS listener does not forward to the tasks');
      for (const l of all.filter((x) => x['Protocol'] === 'HTTP')) {
        assert.ok(!forwards(l), `plain HTTP on port ${String(l['Port'])} still reaches the tasks`);
        const actions = (l['DefaultActions'] ?? []) as Json[];
        assert.ok(
          actions.length === 1 &&
            actions[0]?.['Type'] === 'redirect' &&
            (actions[0]['RedirectConfig'] as Json)['Protocol'] === 'HTTPS',
          `HTTP on port ${String(l['Port'])} does not redirect to HTTPS`,
        );
      }
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
