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
    'scales-on-cpu',
    'Target tracking keeps the task count between minTasks and maxTasks on average CPU, adding tasks a minute after a scale-out, and on no metric of one target group, which blue/green swaps.',
    (t) => {
      const scalable = only(t, 'AWS::ApplicationAutoScaling::ScalableTarget');
      assert.equal(scalable['ScalableDimension'], 'ecs:service:DesiredCount', 'the scalable target is not the task count');
      assert.equal(scalable['MinCapacity'], t.parameters['minTasks'], 'the task count floor is not minTasks');
      assert.equal(scalable['MaxCapacity'], t.parameters['maxTasks'], 'the task count ceiling is not maxTasks');
      const policies = t.resources('AWS::ApplicationAutoScaling::ScalingPolicy').map(
        (p) => p.Properties?.['TargetTrackingScalingPolicyConfiguration'] as Json,
      );
      assert.equal(policies.length, 1, 'there is not exactly one scaling policy');
      const [cpu = {}] = policies;
      assert.equal((cpu['PredefinedMetricSpecification'] as Json)['PredefinedMetricType'], 'ECSServiceAverageCPUUtilization');
      assert.equal(cpu['TargetValue'], t.parameters['cpuTargetPercent'], 'the CPU target is not cpuTargetPercent');
      assert.equal(cpu['ScaleOutCooldown'], 60, 'scale-out waits more than a minute');
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
    'The load balancer checks every task of both target groups on healthCheckPath and expects HTTP 200, so the service replaces tasks that crash or stop answering, and a new revision registers only healthy tasks.',
    (t) => {
      const service = only(t, 'AWS::ECS::Service');
      const [attached] = service['LoadBalancers'] as Json[];
      assert.ok(attached, 'the service is in no target group');
      assert.equal(attached['ContainerPort'], t.parameters['containerPort'], 'the service registers another port');
      const blue = target(attached['TargetGroupArn']);
      const green = target((attached['AdvancedConfiguration'] as Json | undefined)?.['AlternateTargetGroupArn']);
      const groups = t.resources('AWS::ElasticLoadBalancingV2::TargetGroup');
      assert.deepEqual(groups.map((g) => g.id).sort(), [blue, green].sort(), 'the target groups are not the service\'s two');
      for (const g of groups) {
        const group = (g.Properties ?? {}) as Props;
        assert.equal(group['TargetType'], 'ip', `${g.id}: tasks do not register by IP address`);
        assert.equal(group['HealthCheckPath'], t.parameters['healthCheckPath'], `${g.id}: the health check does not probe healthCheckPath`);
        assert.deepEqual(group['Matcher'], { HttpCode: '200' }, `${g.id}: the health check accepts more than HTTP 200`);
      }
      assert.ok(Number(service['HealthCheckGracePeriodSeconds']) > 0, 'a starting task is judged before it can answer');
    },
  ),
  claim(
    'blue-green-with-bake-time',
    'Deployments are ECS blue/green: the new revision starts in full in the second target group, production traffic moves at once through the production listener rule, and the old revision stays for bakeTimeMinutes while the 5xx alarm can roll back.',
    (t) => {
      const service = only(t, 'AWS::ECS::Service');
      const config = service['DeploymentConfiguration'] as Json;
      assert.equal(config['Strategy'], 'BLUE_GREEN', 'deployments are not blue/green');
      assert.equal(config['BakeTimeInMinutes'], t.parameters['bakeTimeMinutes'], 'the bake time is not bakeTimeMinutes');
      assert.deepEqual(
        [(config['Alarms'] as Json | undefined)?.['Enable'], (config['Alarms'] as Json | undefined)?.['Rollback']],
        [true, true],
        'no deployment alarm rolls back',
      );
      const advanced = ((service['LoadBalancers'] as Json[])[0]?.['AdvancedConfiguration'] ?? {}) as Json;
      const rules = t.resources('AWS::ElasticLoadBalancingV2::ListenerRule');
      const production = rules.find((r) => r.id === target(advanced['ProductionListenerRule']));
      const test = rules.find((r) => r.id === target(advanced['TestListenerRule']));
      assert.ok(production, 'there is no production listener rule for ECS to switch');
      assert.ok(test, 'there is no test listener rule');
      for (const rule of [production, test]) {
        const forwarded = JSON.stringify(rule.Properties?.['Actions']);
        for (const group of t.resources('AWS::ElasticLoadBalancingV2::TargetGroup')) {
          assert.ok(forwarded.includes(group.id), `${rule.id} does not forward to ${group.id}`);
        }
      }
      const role = t.resources('AWS::IAM::Role').find((r) => r.id === target(advanced['RoleArn']));
      assert.ok(role, 'ECS has no role to change the listener rules');
      assert.match(JSON.stringify(role.Properties?.['ManagedPolicyArns']), /AmazonECSInfrastructureRolePolicyForLoadBalancers/u);
    },
  ),
  claim(
    'test-gate-before-production',
    'After test traffic moves to the new revision, a lifecycle hook requests healthCheckPath through the test listener and fails the deployment, so ECS rolls back, unless it answers 200; the test listener answers only the NAT gateways.',
    (t) => {
      const service = only(t, 'AWS::ECS::Service');
      const hooks = ((service['DeploymentConfiguration'] as Json)['LifecycleHooks'] ?? []) as Json[];
      assert.equal(hooks.length, 1, 'there is not exactly one lifecycle hook');
      const [hook = {}] = hooks;
      assert.deepEqual(hook['LifecycleStages'], ['POST_TEST_TRAFFIC_SHIFT'], 'the hook does not run after test traffic moves');
      const fn = t.resources('AWS::Lambda::Function').find((f) => f.id === target(hook['HookTargetArn']));
      assert.ok(fn, 'the hook is not the test gate function');
      const url = JSON.stringify((fn.Properties?.['Environment'] as Json)['Variables']);
      assert.ok(url.includes(`:${String(t.parameters['testListenerPort'])}${String(t.parameters['healthCheckPath'])}`), 'the gate does not request healthCheckPath on the test listener');
      const code = JSON.stringify((fn.Properties?.['Code'] as Json)['ZipFile']);
      assert.match(code, /status == 200/u, 'the gate does not require HTTP 200');
      assert.match(code, /FAILED/u, 'the gate never fails a deployment');
      const testListener = t
        .resources('AWS::ElasticLoadBalancingV2::Listener')
        .find((l) => l.Properties?.['Port'] === t.parameters['testListenerPort']);
      assert.ok(testListener, 'there is no test listener on testListenerPort');
      const lbGroup = t.resources('AWS::EC2::SecurityGroup').find((g) => String(g.Properties?.['GroupDescription']).startsWith('Load balancer'));
      const testIngress = ((lbGroup?.Properties?.['SecurityGroupIngress'] ?? []) as Json[]).filter(
        (r) => r['FromPort'] === t.parameters['testListenerPort'],
      );
      assert.equal(testIngress.length, t.parameters['natGateways'], 'the test listener does not answer each NAT gateway');
      for (const rule of testIngress) assert.match(JSON.stringify(rule['CidrIp']), /PublicIp/u, 'the test listener answers more than the NAT gateways');
    },
  ),
  claim(
    'listener-follows-certificate',
    'With certificateArn set, clients reach the service only over HTTPS with TLS 1.2 or 1.3 and plain HTTP is redirected; without it, HTTP on 80 serves; either way through the production rule.',
    (t) => {
      const all = t.resources('AWS::ElasticLoadBalancingV2::Listener');
      const rules = t.resources('AWS::ElasticLoadBalancingV2::ListenerRule');
      const servedBy = (listenerId: string) => rules.some((r) => target(r.Properties?.['ListenerArn']) === listenerId);
      const production = all.filter((l) => l.Properties?.['Port'] !== t.parameters['testListenerPort']);
      if (t.parameters['certificateArn'] === '') {
        assert.equal(production.length, 1, 'without a certificate there should be one production listener');
        assert.equal(production[0]?.Properties?.['Protocol'], 'HTTP');
        assert.ok(servedBy(production.at(0)?.id ?? ''), 'the HTTP listener has no rule to the tasks');
        return;
      }
      const secure = production.find((l) => l.Properties?.['Protocol'] === 'HTTPS');
      assert.ok(secure?.Properties, 'there is no HTTPS listener');
      assert.equal(secure.Properties['Port'], 443);
      assert.deepEqual(secure.Properties['Certificates'], [{ CertificateArn: t.parameters['certificateArn'] }]);
      assert.equal(secure.Properties['SslPolicy'], 'ELBSecurityPolicy-TLS13-1-2-2021-06', 'the TLS policy is not TLS 1.2 and 1.3');
      assert.ok(servedBy(secure.id), 'the HTTPS listener has no rule to the tasks');
      for (const l of production.filter((x) => x.Properties?.['Protocol'] === 'HTTP')) {
        assert.ok(!servedBy(l.id), 'plain HTTP still reaches the tasks');
        const actions = JSON.stringify(l.Properties?.['DefaultActions']);
        assert.ok(actions.includes('"redirect"') && actions.includes('"Protocol":"HTTPS"'), 'HTTP does not redirect to HTTPS');
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
    'With three or more healthy tasks, the load balancer sends less traffic to a task that answers with errors while it passes its health check, in both target groups.',
    (t) => {
      for (const g of t.resources('AWS::ElasticLoadBalancingV2::TargetGroup')) {
        const attrs = new Map(((g.Properties?.['TargetGroupAttributes'] ?? []) as { Key: string; Value: string }[]).map((a) => [a.Key, a.Value]));
        assert.equal(attrs.get('load_balancing.algorithm.type'), 'weighted_random', `${g.id} does not use weighted_random`);
        assert.equal(attrs.get('load_balancing.algorithm.anomaly_mitigation'), 'on', `${g.id}: anomaly mitigation is off`);
      }
    },
  ),
];
