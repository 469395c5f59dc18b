// What architecture.yaml promises of this stack, checked against every synthesized
// configuration (the defaults and each variant) by `oar check`. The claims that the fork's
// changes name also run against java-web-tier-ebs's default template, where each must fail.
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

/** The nodes' user data as text, from the template, with CloudFormation references shown as <…>. */
function userData(t: ClaimContext): string {
  const data = launchTemplateData(t)['UserData'] as { 'Fn::Base64'?: unknown } | undefined;
  assert.ok(data?.['Fn::Base64'] !== undefined, 'the launch template has no user data');
  return flatten(data['Fn::Base64']);
}

/** The launch template's block device mappings. */
function mappings(t: ClaimContext): { DeviceName: string; Ebs?: Props }[] {
  return (launchTemplateData(t)['BlockDeviceMappings'] ?? []) as { DeviceName: string; Ebs?: Props }[];
}

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
  claim(
    'deep-health-check',
    'The load balancer probes healthCheckPath every 10 seconds, and the sample placeholder answers it only after writing and reading a file on the instance store.',
    (t) => {
      const tg = only(t, 'AWS::ElasticLoadBalancingV2::TargetGroup');
      assert.equal(tg['HealthCheckPath'], t.parameters['healthCheckPath'], 'the target group probes another path');
      assert.equal(tg['HealthCheckIntervalSeconds'], 10, 'the health check interval is not 10 seconds');
      assert.equal(tg['UnhealthyThresholdCount'], 2, 'a node needs more than 2 failed checks to leave service');
      const placeholder = t.file('bootstrap/puppet/modules/profile/files/placeholder.py');
      assert.match(placeholder, /def disk_ok\(timeout=2\.0\)[\s\S]*os\.fsync/u, 'the placeholder health check does not write to disk');
      assert.match(placeholder, /if path == HEALTH_PATH:\s+ok = disk_ok\(\)/u, 'the health path does not run the disk probe');
      const app = t.file('bootstrap/puppet/modules/profile/manifests/java_app.pp');
      assert.match(app, /\$tmp_dir = '\/opt\/oar\/tmp'/u, 'the probe directory is not under /opt/oar');
      assert.match(app, /PROBE_DIR=\$\{tmp_dir\}/u, 'the disk probe does not use tmp_dir');
      assert.match(userData(t), /PATHS=\([^)]*\/opt\/oar[^)]*\)/u, '/opt/oar is not moved onto the instance store');
    },
  ),
  claim(
    'instance-refresh-on-deploy',
    'A deploy that changes the launch template replaces the nodes by an instance refresh that launches first, pauses at half the group and fails when a node fails its health check or its bootstrap.',
    (t) => {
      const refresh = (group(t).updatePolicy['AutoScalingInstanceRefresh'] ?? {}) as Props;
      assert.equal(refresh['Strategy'], 'Rolling', 'the group has no AutoScalingInstanceRefresh update policy');
      const prefs = (refresh['Preferences'] ?? {}) as Props;
      assert.equal(prefs['MinHealthyPercentage'], 100, 'the refresh may take capacity away first');
      assert.deepEqual(prefs['CheckpointPercentages'], [50, 100], 'the refresh does not pause at half the group');
      const gates = JSON.stringify((prefs['AlarmSpecification'] as Props | undefined)?.['Alarms'] ?? []);
      for (const [namespace, metric] of [
        ['AWS/ApplicationELB', 'UnHealthyHostCount'],
        ['CWAgent', 'BootstrapFailed'],
      ] as const) {
        const ids = alarmsOn(t, namespace, metric).map((a) => JSON.stringify({ Ref: a['id'] }));
        assert.ok(
          ids.some((id) => gates.includes(id)),
          `the refresh is not gated on the ${metric} alarm`,
        );
      }
    },
  ),
  claim('instance-store-disk-alarm', 'An alarm fires when a node\'s instance store is 80 percent full.', (t) => {
    const alarms = alarmsOn(t, 'CWAgent', 'disk_used_percent').filter((a) => dimension(a, 'path') === '/mnt/instance-store');
    assert.equal(alarms.length, 1, 'no disk alarm on /mnt/instance-store');
    assert.equal(alarms[0]?.['Threshold'], 80);
  }),
  claim(
    'instance-store-types',
    'Every instance type offered has local NVMe instance store.',
    (t) => {
      const type = String(launchTemplateData(t)['InstanceType']);
      assert.match(type, /^[a-z]+\d+[a-z]*d\.[a-z0-9]+$/u, `${type} has no instance store (its family does not end in d)`);
    },
  ),
  claim(
    'no-data-volume',
    'The launch template maps no EBS volume but the root device, and the stack creates none.',
    (t) => {
      const devices = mappings(t).map((m) => m.DeviceName);
      assert.deepEqual(devices, ['/dev/xvda'], `the nodes map ${devices.join(', ')}, not only the root device`);
      t.template.resourceCountIs('AWS::EC2::Volume', 0);
    },
  ),
  claim(
    'root-volume-at-ami-size',
    'The root device is the AMI\'s own volume at the AMI\'s size, as encrypted gp3 deleted with the node.',
    (t) => {
      const root = mappings(t).find((m) => m.DeviceName === '/dev/xvda')?.Ebs;
      assert.deepEqual(
        root,
        { VolumeType: 'gp3', Encrypted: true, DeleteOnTermination: true },
        'the root mapping sets a size or is not encrypted gp3 deleted with the node',
      );
    },
  ),
  claim(
    'writable-paths-on-instance-store',
    'At every boot the nodes format the NVMe instance store, move every writable path onto it and keep the journal in memory.',
    (t) => {
      const text = userData(t);
      for (const [needle, what] of [
        ['Amazon EC2 NVMe Instance Storage', 'find the NVMe instance store devices'],
        ['mkfs.xfs -f', 'format the instance store'],
        ['PATHS=(/var/log /var/tmp /var/cache /var/lib/oar /opt/oar /tmp)', 'bind-mount the writable paths'],
        ['Storage=volatile', 'keep the journal in memory'],
        ['WantedBy=local-fs.target', 'repeat the mounts at every boot'],
      ] as const) {
        assert.ok(text.includes(needle), `the user data does not ${what}`);
      }
    },
  ),
  claim(
    'self-configures-with-puppet',
    'A node configures itself with a shallow clone of configRepoUrl at configRepoBranch and puppet apply of role::puppetRole, and fails its boot without the role.',
    (t) => {
      const text = userData(t);
      assert.ok(
        text.includes('git clone --quiet --depth 1 --single-branch --branch "$CONFIG_REPO_BRANCH" "$CONFIG_REPO_URL" "$CHECKOUT"'),
        'the user data does not clone the configuration repository shallowly',
      );
      assert.ok(text.includes('"$PUPPET" "${args[@]}"') && text.includes('args=(apply'), 'the user data does not run puppet apply');
      assert.ok(text.includes('grep -qx "role::$PUPPET_ROLE"'), 'the boot does not fail without the role');
      assert.ok(text.includes(`PUPPET_ROLE='${String(t.parameters['puppetRole'])}'`), 'the role is not puppetRole');
      assert.ok(text.includes(`CONFIG_REPO_BRANCH='${String(t.parameters['configRepoBranch'])}'`), 'the branch is not configRepoBranch');
    },
  ),
  claim(
    'launch-hook-gates-service',
    'A launch lifecycle hook keeps each new node out of service until its bootstrap and local health check succeed, and abandons it after bootstrapTimeoutSeconds.',
    (t) => {
      const hooks = (group(t).props['LifecycleHookSpecificationList'] ?? []) as Props[];
      const launch = hooks.filter((h) => h['LifecycleTransition'] === 'autoscaling:EC2_INSTANCE_LAUNCHING');
      assert.equal(launch.length, 1, 'the group has no launch lifecycle hook of its own');
      const hook = launch[0] ?? {};
      assert.equal(hook['DefaultResult'], 'ABANDON', 'a node that never reports is put in service');
      assert.equal(hook['HeartbeatTimeout'], t.parameters['bootstrapTimeoutSeconds'], 'the hook timeout is not bootstrapTimeoutSeconds');
      const text = userData(t);
      const check = text.indexOf('curl -fsS -o /dev/null --max-time 5 "$url" || fail');
      const proceed = text.indexOf('retry lifecycle CONTINUE');
      assert.ok(check > 0 && proceed > check, 'the node completes the hook without its local health check first');
      assert.ok(text.includes(`LIFECYCLE_HOOK='${String(hook['LifecycleHookName'])}'`), 'the node completes another hook');
    },
  ),
  claim(
    'bootstrap-failure-alarm',
    'A node that gives up its bootstrap reports it before it abandons its launch hook, and an alarm fires on every such report.',
    (t) => {
      const text = userData(t);
      const giveUp = text.slice(text.indexOf('give_up() {'), text.indexOf('\nfail() {'));
      assert.ok(
        giveUp.includes('put-metric-data --namespace CWAgent --metric-name BootstrapFailed') &&
          giveUp.indexOf('BootstrapFailed') < giveUp.indexOf('lifecycle ABANDON'),
        'the node does not report BootstrapFailed before it abandons its hook',
      );
      const { props } = group(t);
      const alarms = alarmsOn(t, 'CWAgent', 'BootstrapFailed').filter(
        (a) => JSON.stringify(dimension(a, 'AutoScalingGroupName')) === JSON.stringify(props['AutoScalingGroupName']),
      );
      assert.equal(alarms.length, 1, 'no alarm on BootstrapFailed for the group');
      const alarm = alarms[0] ?? {};
      assert.equal(alarm['Threshold'], 1);
      assert.equal(alarm['ComparisonOperator'], 'GreaterThanOrEqualToThreshold');
      assert.equal(alarm['Statistic'], 'Sum');
    },
  ),
  claim(
    'weekly-node-lifetime',
    'No node lives longer than maxInstanceLifetimeDays, a week by default.',
    (t) => {
      const lifetime = group(t).props['MaxInstanceLifetime'];
      assert.equal(lifetime, Number(t.parameters['maxInstanceLifetimeDays']) * DAY, 'MaxInstanceLifetime is not maxInstanceLifetimeDays');
      if (t.variant === 'default') {
        assert.ok(lifetime <= 7 * DAY, `the default lifetime is ${lifetime / DAY} days, not a week`);
      }
    },
  ),
  claim(
    'no-ebs-health-check',
    'The group replaces nodes on the EC2 and load balancer health checks, not on the EBS health check.',
    (t) => {
      const types = ((group(t).props['HealthCheckType'] as string | undefined) ?? 'EC2').split(',');
      assert.ok(types.includes('ELB'), `HealthCheckType ${types.join(',')} does not include the load balancer check`);
      assert.ok(!types.includes('EBS'), 'the group replaces nodes on the EBS health check');
    },
  ),
];
