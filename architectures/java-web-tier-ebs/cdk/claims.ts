// What architecture.yaml promises of this stack, checked against every synthesized
// configuration (the defaults and each variant) by `oar check`.
import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';
import { flatten, ingressRules, type Json } from '../../../generators/check/claims/template-queries.ts';

type Props = Json;

/** The properties of the only resource of a type. */
function only(t: ClaimContext, type: string): Props & { readonly id: string } {
  const found = t.resources(type);
  assert.equal(found.length, 1, `expected one ${type}, found ${found.length}`);
  const [r] = found;
  return { id: r?.id ?? '', ...(r?.Properties ?? {}) };
}

/** A load balancer's or target group's attributes as key=value pairs. */
function attributes(props: Props, key: string): Map<string, unknown> {
  return new Map(((props[key] ?? []) as { Key: string; Value: unknown }[]).map((a) => [a.Key, a.Value]));
}

/** The launch template's data. */
function launchTemplateData(t: ClaimContext): Props {
  return (only(t, 'AWS::EC2::LaunchTemplate')['LaunchTemplateData'] ?? {}) as Props;
}

/** The Auto Scaling group with its UpdatePolicy. */
function group(t: ClaimContext): { props: Props; updatePolicy: Props; id: string } {
  const [asg] = t.resources('AWS::AutoScaling::AutoScalingGroup');
  assert.ok(asg, 'the stack has no Auto Scaling group');
  return {
    id: asg.id,
    props: asg.Properties ?? {},
    updatePolicy: (asg as { UpdatePolicy?: Props }).UpdatePolicy ?? {},
  };
}

/** The CloudWatch alarms on a metric, by metric name and namespace. */
function alarmsOn(t: ClaimContext, namespace: string, metricName: string): Props[] {
  return t
    .resources('AWS::CloudWatch::Alarm')
    .map((a): Props => ({ id: a.id, ...(a.Properties ?? {}) }))
    .filter((a) => a['Namespace'] === namespace && a['MetricName'] === metricName);
}

/** The value of a dimension of an alarm. */
function dimension(alarm: Props, name: string): unknown {
  return ((alarm['Dimensions'] ?? []) as { Name: string; Value: unknown }[]).find((d) => d.Name === name)?.Value;
}

/** The zone expression of a subnet, as JSON, for comparing zones. */
function zoneOf(t: ClaimContext, subnetRef: unknown): string {
  const id = (subnetRef as { Ref?: string }).Ref;
  const subnet = t.resources('AWS::EC2::Subnet').find((s) => s.id === id);
  assert.ok(subnet, `no subnet ${JSON.stringify(subnetRef)}`);
  return JSON.stringify(subnet.Properties?.['AvailabilityZone']);
}

const DAY = 86_400;

export default [
  claim(
    'launch-before-terminate',
    'The group launches a replacement and waits for it to be healthy before it terminates the node it replaces.',
    (t) => {
      const policy = (group(t).props['InstanceMaintenancePolicy'] ?? {}) as Props;
      assert.equal(policy['MinHealthyPercentage'], 100, 'MinHealthyPercentage is not 100: replacements can remove capacity first');
      const max = Number(policy['MaxHealthyPercentage']);
      assert.ok(max > 100 && max <= 200, `MaxHealthyPercentage ${String(max)} leaves no room to launch first`);
    },
  ),
  claim('alb-zonal-shift', 'The load balancer takes part in ARC zonal shift.', (t) => {
    const lb = only(t, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
    assert.equal(
      attributes(lb, 'LoadBalancerAttributes').get('zonal_shift.config.enabled'),
      'true',
      'zonal_shift.config.enabled is not true on the load balancer',
    );
  }),
  claim(
    'asg-zonal-shift',
    'The Auto Scaling group takes part in ARC zonal shift and leaves the nodes of a shifted zone in place.',
    (t) => {
      const policy = (group(t).props['AvailabilityZoneImpairmentPolicy'] ?? {}) as Props;
      assert.equal(policy['ZonalShiftEnabled'], true, 'the group does not have zonal shift enabled');
      assert.equal(
        policy['ImpairedZoneHealthCheckBehavior'],
        'IgnoreUnhealthy',
        'the group replaces nodes in a shifted zone; the entry promises IgnoreUnhealthy',
      );
    },
  ),
  claim(
    'launches-fall-back-to-other-zones',
    'When launches fail in one zone, the group launches in the other zones instead.',
    (t) => {
      const distribution = (group(t).props['AvailabilityZoneDistribution'] ?? {}) as Props;
      assert.equal(
        distribution['CapacityDistributionStrategy'] ?? 'balanced-best-effort',
        'balanced-best-effort',
        'the group keeps retrying launches in a failing zone (balanced-only)',
      );
    },
  ),
  claim(
    'ebs-health-check',
    'The group replaces nodes that fail the EC2 status checks, the load balancer health check or the EBS health check.',
    (t) => {
      const types = ((group(t).props['HealthCheckType'] as string | undefined) ?? 'EC2').split(',');
      assert.ok(types.includes('ELB'), `HealthCheckType ${types.join(',')} does not include the load balancer check`);
      assert.ok(types.includes('EBS'), `HealthCheckType ${types.join(',')} does not include the EBS check`);
    },
  ),
  claim(
    'deep-health-check',
    'The load balancer probes healthCheckPath every 10 seconds, and the placeholder answers it only after writing and reading a file on the data volume.',
    (t) => {
      const tg = only(t, 'AWS::ElasticLoadBalancingV2::TargetGroup');
      assert.equal(tg['HealthCheckPath'], t.parameters['healthCheckPath'], 'the target group probes another path');
      assert.equal(tg['HealthCheckIntervalSeconds'], 10, 'the health check interval is not 10 seconds');
      assert.equal(tg['UnhealthyThresholdCount'], 2, 'a node needs more than 2 failed checks to leave service');
      const userData = t.file('bootstrap/user-data.sh');
      assert.match(userData, /def disk_ok\(timeout=2\.0\)[\s\S]*os\.fsync/u, 'the placeholder health check does not write to disk');
      assert.match(userData, /if path == HEALTH_PATH:\s+ok = disk_ok\(\)/u, 'the health path does not run the disk probe');
      assert.match(userData, /PROBE_DIR=\$APP_TMP_DIR/u, 'the disk probe is not on the data volume');
    },
  ),
  claim(
    'anomaly-mitigation',
    'With three or more healthy nodes, the load balancer sends less traffic to a node that answers with errors while it passes its health check.',
    (t) => {
      const attrs = attributes(only(t, 'AWS::ElasticLoadBalancingV2::TargetGroup'), 'TargetGroupAttributes');
      assert.equal(attrs.get('load_balancing.algorithm.type'), 'weighted_random', 'the target group does not use weighted_random');
      assert.equal(attrs.get('load_balancing.algorithm.anomaly_mitigation'), 'on', 'anomaly mitigation is off');
    },
  ),
  claim(
    'one-nat-gateway-per-zone',
    'Unless singleNatGateway is set, each zone has its own NAT gateway and its private subnet routes through it.',
    (t) => {
      if (t.parameters['singleNatGateway'] === true) return;
      const nats = t.resources('AWS::EC2::NatGateway');
      assert.equal(nats.length, t.parameters['azCount'], `${nats.length} NAT gateways for ${String(t.parameters['azCount'])} zones`);
      const natZone = new Map(nats.map((n) => [n.id, zoneOf(t, n.Properties?.['SubnetId'])]));
      const routes = t.resources('AWS::EC2::Route').filter((r) => r.Properties?.['NatGatewayId'] !== undefined);
      assert.equal(routes.length, nats.length, 'not every private subnet has a default route through a NAT gateway');
      const associations = t.resources('AWS::EC2::SubnetRouteTableAssociation');
      for (const route of routes) {
        const table = (route.Properties?.['RouteTableId'] as { Ref: string }).Ref;
        const nat = (route.Properties?.['NatGatewayId'] as { Ref: string }).Ref;
        const subnets = associations.filter((a) => (a.Properties?.['RouteTableId'] as { Ref: string }).Ref === table);
        for (const a of subnets) {
          assert.equal(zoneOf(t, a.Properties?.['SubnetId']), natZone.get(nat), `route table ${table} sends egress to a NAT gateway in another zone`);
        }
      }
    },
  ),
  claim(
    'capacity-alarm',
    'An alarm fires when fewer than minCapacity nodes have been in service for 15 minutes.',
    (t) => {
      const min = Number(t.parameters['minCapacity']);
      if (min === 0) return; // a pilot light has no nodes to miss
      const { props, id } = group(t);
      const collection = (props['MetricsCollection'] ?? []) as { Metrics?: string[] }[];
      assert.ok(
        collection.some((c) => c.Metrics === undefined || c.Metrics.includes('GroupInServiceInstances')),
        'group metrics collection does not include GroupInServiceInstances',
      );
      const alarms = alarmsOn(t, 'AWS/AutoScaling', 'GroupInServiceInstances').filter(
        (a) => JSON.stringify(dimension(a, 'AutoScalingGroupName')) === JSON.stringify({ Ref: id }),
      );
      assert.equal(alarms.length, 1, 'no alarm on GroupInServiceInstances of the group');
      const alarm = alarms[0] ?? {};
      assert.equal(alarm['ComparisonOperator'], 'LessThanThreshold');
      assert.equal(alarm['Threshold'], min, `the alarm threshold is not minCapacity (${min})`);
      assert.equal(Number(alarm['EvaluationPeriods']) * Number(alarm['Period']), 15 * 60, 'the alarm does not wait 15 minutes');
    },
  ),
  claim('max-instance-lifetime', 'No node lives longer than maxInstanceLifetimeDays.', (t) => {
    assert.equal(
      group(t).props['MaxInstanceLifetime'],
      Number(t.parameters['maxInstanceLifetimeDays']) * DAY,
      'MaxInstanceLifetime is not maxInstanceLifetimeDays',
    );
  }),
  claim(
    'instance-refresh-on-deploy',
    'A deploy that changes the launch template replaces the nodes by an instance refresh that launches first, pauses at half the group and fails on the unhealthy-node alarm.',
    (t) => {
      const refresh = (group(t).updatePolicy['AutoScalingInstanceRefresh'] ?? {}) as Props;
      assert.equal(refresh['Strategy'], 'Rolling', 'the group has no AutoScalingInstanceRefresh update policy');
      const prefs = (refresh['Preferences'] ?? {}) as Props;
      assert.equal(prefs['MinHealthyPercentage'], 100, 'the refresh may take capacity away first');
      assert.deepEqual(prefs['CheckpointPercentages'], [50, 100], 'the refresh does not pause at half the group');
      const gates = ((prefs['AlarmSpecification'] as Props | undefined)?.['Alarms'] ?? []) as unknown[];
      const unhealthy = alarmsOn(t, 'AWS/ApplicationELB', 'UnHealthyHostCount').map((a) => JSON.stringify({ Ref: a['id'] }));
      assert.ok(
        gates.some((g) => unhealthy.includes(JSON.stringify(g))),
        'the refresh is not gated on the unhealthy-node alarm',
      );
    },
  ),
  claim('pilot-light-runs-no-nodes', 'With minCapacity 0 the stack deploys with no nodes, ready to scale up.', { variants: ['pilot-light'] }, (t) => {
    const { props } = group(t);
    assert.equal(props['MinSize'], '0', 'the group minimum is not 0');
    assert.ok(props['DesiredCapacity'] === undefined || props['DesiredCapacity'] === '0', 'the group starts nodes');
    t.template.resourceCountIs('AWS::ElasticLoadBalancingV2::LoadBalancer', 1);
  }),
  claim(
    'smoke-test-url',
    'The SmokeTestUrl output is healthCheckPath over plain HTTP on the load balancer name, whatever the certificate.',
    (t) => {
      const output = (t.json['Outputs'] as Record<string, { Value: unknown }> | undefined)?.['SmokeTestUrl'];
      assert.ok(output, 'there is no SmokeTestUrl output');
      const lb = only(t, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
      assert.equal(
        flatten(output.Value),
        `http://<${JSON.stringify({ 'Fn::GetAtt': [lb.id, 'DNSName'] })}>${String(t.parameters['healthCheckPath'])}`,
        'SmokeTestUrl is not http://<load balancer DNS name><healthCheckPath>',
      );
    },
  ),
  claim(
    'https-with-health-path-over-http',
    'With a certificate, clients use HTTPS and port 80 redirects to it, except for healthCheckPath, which stays on HTTP.',
    { variants: ['https'] },
    (t) => {
      const listeners = t.resources('AWS::ElasticLoadBalancingV2::Listener');
      const https = listeners.find((l) => l.Properties?.['Port'] === 443);
      assert.equal(https?.Properties?.['Protocol'], 'HTTPS', 'there is no HTTPS listener on 443');
      assert.deepEqual(https.Properties['Certificates'], [{ CertificateArn: t.parameters['certificateArn'] }]);
      const http = listeners.find((l) => l.Properties?.['Port'] === 80);
      const action = ((http?.Properties?.['DefaultActions'] ?? []) as Props[])[0] ?? {};
      assert.equal(action['Type'], 'redirect', 'port 80 does not redirect');
      assert.equal((action['RedirectConfig'] as Props | undefined)?.['Protocol'], 'HTTPS');
      const tg = only(t, 'AWS::ElasticLoadBalancingV2::TargetGroup');
      const rules = t
        .resources('AWS::ElasticLoadBalancingV2::ListenerRule')
        .filter((r) => JSON.stringify(r.Properties?.['ListenerArn']) === JSON.stringify({ Ref: http?.id }));
      assert.equal(rules.length, 1, 'port 80 does not have exactly one rule for the health check path');
      const rule = rules[0]?.Properties ?? {};
      assert.deepEqual(rule['Conditions'], [
        { Field: 'path-pattern', PathPatternConfig: { Values: [t.parameters['healthCheckPath']] } },
      ]);
      assert.deepEqual(rule['Actions'], [{ Type: 'forward', TargetGroupArn: { Ref: tg.id } }]);
      const ports = ingressRules(t.template)
        .filter(({ rule: r }) => r.CidrIp !== undefined)
        .map(({ rule: r }) => Number(r.FromPort))
        .sort((a, b) => a - b);
      assert.deepEqual(ports, [80, 443], 'clients reach other ports than 80 and 443');
    },
  ),
  claim('cpu-target-tracking', 'Target tracking keeps the average CPU of the group at cpuTargetPercent.', (t) => {
    const policy = only(t, 'AWS::AutoScaling::ScalingPolicy');
    const config = (policy['TargetTrackingConfiguration'] ?? {}) as Props;
    assert.equal(
      (config['PredefinedMetricSpecification'] as Props | undefined)?.['PredefinedMetricType'],
      'ASGAverageCPUUtilization',
    );
    assert.equal(config['TargetValue'], t.parameters['cpuTargetPercent']);
  }),
  claim(
    'data-volume-disk-alarm',
    'Each node has its own encrypted gp3 data volume on /data, and an alarm fires when one is 80 percent full.',
    (t) => {
      const mappings = (launchTemplateData(t)['BlockDeviceMappings'] ?? []) as { DeviceName: string; Ebs?: Props }[];
      const data = mappings.find((m) => m.DeviceName === '/dev/sdf')?.Ebs;
      assert.ok(data, 'there is no data volume mapping');
      assert.equal(data['VolumeType'], 'gp3');
      assert.equal(data['Encrypted'], true, 'the data volume is not encrypted');
      assert.equal(data['VolumeSize'], t.parameters['dataVolumeSizeGiB']);
      const alarms = alarmsOn(t, 'CWAgent', 'disk_used_percent').filter((a) => dimension(a, 'path') === '/data');
      assert.equal(alarms.length, 1, 'no disk alarm on /data');
      assert.equal(alarms[0]?.['Threshold'], 80);
    },
  ),
  claim(
    'no-interactive-access',
    'Nodes have no SSH key and no open SSH port, require IMDSv2, and are reached only through Session Manager.',
    (t) => {
      const data = launchTemplateData(t);
      assert.equal(data['KeyName'], undefined, 'the launch template names an SSH key');
      assert.equal((data['MetadataOptions'] as Props | undefined)?.['HttpTokens'], 'required', 'IMDSv2 is not required');
      for (const { rule } of ingressRules(t.template)) {
        const from = rule.FromPort ?? -1;
        const to = rule.ToPort ?? 65_535;
        assert.ok(!(rule.IpProtocol === '-1' || (from <= 22 && to >= 22)), 'a security group opens port 22');
      }
      const policies = JSON.stringify(t.resources('AWS::IAM::Role'));
      assert.match(policies, /AmazonSSMManagedInstanceCore/u, 'the node role cannot use Session Manager');
    },
  ),
];
