// What architecture.yaml promises about this stack, checked against every configuration oar check synthesizes:
// a release environment (default, https) and the traffic stack (traffic). The fork's change checks also run
// against java-web-tier-instance-store's template, where each must fail, so they read only the template.
import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';
import { flatten, type Json } from '../../../generators/check/claims/template-queries.ts';

type Props = Json & Record<string, unknown>;
type Tag = { Key: string; Value: unknown; PropagateAtLaunch?: boolean };

/** The configurations that build a release environment; `traffic` builds the traffic stack. */
const RELEASE = ['default', 'https'];

/** The logical id a `{ Ref: id }` or `{ 'Fn::GetAtt': [id, …] }` points at, or undefined. */
const target = (value: unknown): string | undefined => {
  const v = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] } | undefined;
  return v?.Ref ?? v?.['Fn::GetAtt']?.[0];
};

/** The properties of the one resource of a type, with its logical id; fails when there is not exactly one. */
function only(t: ClaimContext, type: string): Props & { id: string } {
  const all = t.resources(type);
  assert.equal(all.length, 1, `expected exactly one ${type}, found ${all.length}`);
  const [r] = all;
  return { id: r?.id ?? '', ...((r?.Properties ?? {}) as Props) };
}

/** The template's outputs by name. */
const outputs = (t: ClaimContext) => (t.json['Outputs'] ?? {}) as Record<string, { Value: unknown; Export?: Json }>;

/** The literal value of an output; fails when the output is missing. */
function outputValue(t: ClaimContext, name: string): unknown {
  const out = outputs(t)[name];
  assert.ok(out, `the stack has no ${name} output`);
  return out.Value;
}

/** The nodes' user data as text, with CloudFormation references shown as <…>. */
function userData(t: ClaimContext): string {
  const data = only(t, 'AWS::EC2::LaunchTemplate')['LaunchTemplateData'] as Props;
  return flatten((data['UserData'] as Json)['Fn::Base64']);
}

/** Where a line or phrase first appears in the user data; fails when it does not. */
function at(text: string, phrase: string, what: string): number {
  const i = text.indexOf(phrase);
  assert.ok(i >= 0, `the user data does not ${what}`);
  return i;
}

/** A load balancer attribute's value, or undefined. */
function lbAttribute(t: ClaimContext, key: string): string | undefined {
  const attrs = (only(t, 'AWS::ElasticLoadBalancingV2::LoadBalancer')['LoadBalancerAttributes'] ?? []) as {
    Key: string;
    Value: string;
  }[];
  return attrs.find((a) => a.Key === key)?.Value;
}

/** The one alarm whose metrics (or metric math) name every one of `names`; fails when there is none. */
function alarmOn(t: ClaimContext, names: readonly string[], what: string): Props {
  const found = t
    .resources('AWS::CloudWatch::Alarm')
    .map((a) => (a.Properties ?? {}) as Props)
    .filter((p) => {
      const text = JSON.stringify([p['MetricName'], p['Metrics']]);
      return names.every((n) => text.includes(`"${n}"`));
    });
  assert.equal(found.length, 1, `expected one alarm on ${what}, found ${found.length}`);
  return found[0] as Props;
}

/** The weights the traffic stack was given, as release → weight. */
function listedWeights(t: ClaimContext): Map<string, number> {
  const text = String(t.parameters['weights'] ?? '');
  assert.notEqual(text, '', 'the weights parameter is empty');
  return new Map(text.split(',').map((pair) => [pair.split('=')[0] ?? '', Number(pair.split('=')[1])]));
}

/** The records of the traffic stack's one record set group. */
function trafficRecords(t: ClaimContext): Props[] {
  const group = only(t, 'AWS::Route53::RecordSetGroup');
  return (group['RecordSets'] ?? []) as Props[];
}

export default [
  // --- One environment per release -------------------------------------------------------------
  claim(
    'release-tags',
    'Every resource that takes tags, and every node and root volume at launch, carries the release name, build number and commit.',
    { variants: RELEASE },
    (t) => {
      const release = outputValue(t, 'ReleaseName');
      assert.equal(typeof t.parameters['buildNumber'], 'string', 'the stack has no buildNumber parameter');
      const expected: [string, unknown][] = [
        ['release:name', release],
        ['release:build-number', t.parameters['buildNumber']],
        ['release:git-commit', t.parameters['gitCommit']],
      ];
      let tagged = 0;
      for (const r of Object.entries((t.json['Resources'] ?? {}) as Record<string, { Properties?: Props }>)) {
        const [id, { Properties: props = {} }] = r;
        const tags = (props['Tags'] ?? props['HealthCheckTags']) as Tag[] | undefined;
        if (!Array.isArray(tags)) continue;
        tagged++;
        for (const [key, value] of expected) {
          assert.deepEqual(tags.find((x) => x.Key === key)?.Value, value, `${id} has no ${key} tag of ${String(value)}`);
        }
      }
      assert.ok(tagged > 15, `only ${tagged} resources carry tags`);
      const group = only(t, 'AWS::AutoScaling::AutoScalingGroup');
      for (const [key] of expected) {
        const tag = (group['Tags'] as Tag[]).find((x) => x.Key === key);
        assert.equal(tag?.PropagateAtLaunch, true, `the group does not give ${key} to the nodes it launches`);
      }
      const specs = ((only(t, 'AWS::EC2::LaunchTemplate')['LaunchTemplateData'] as Props)['TagSpecifications'] ??
        []) as { ResourceType: string; Tags: Tag[] }[];
      for (const type of ['instance', 'volume']) {
        const spec = specs.find((s) => s.ResourceType === type);
        for (const [key, value] of expected) {
          assert.deepEqual(spec?.Tags.find((x) => x.Key === key)?.Value, value, `a launched ${type} has no ${key} tag`);
        }
      }
    },
  ),
  claim(
    'release-identity',
    'The release name, build number and commit are outputs of the stack and reach Puppet on every node as facts.',
    { variants: RELEASE },
    (t) => {
      assert.equal(outputValue(t, 'BuildNumber'), t.parameters['buildNumber'], 'BuildNumber is not the buildNumber');
      assert.equal(outputValue(t, 'GitCommit'), t.parameters['gitCommit'], 'GitCommit is not the gitCommit');
      const text = userData(t);
      at(text, `RELEASE_NAME='${String(outputValue(t, 'ReleaseName'))}'`, 'set the release name');
      at(text, `BUILD_NUMBER='${String(t.parameters['buildNumber'])}'`, 'set the build number');
      at(text, `GIT_COMMIT='${String(t.parameters['gitCommit'])}'`, 'set the commit');
      at(
        text,
        'export FACTER_oar_release=$RELEASE_NAME FACTER_oar_build_number=$BUILD_NUMBER FACTER_oar_git_commit=$GIT_COMMIT',
        'pass the release, build number and commit to Puppet as facts',
      );
      // The sample Puppet code hands them to the application, and the placeholder reports them.
      const app = t.file('bootstrap/puppet/modules/profile/manifests/java_app.pp');
      assert.ok(app.includes('RELEASE_NAME=${release}'), 'the sample Puppet code does not give the release to the application');
      const placeholder = t.file('bootstrap/puppet/modules/profile/files/placeholder.py');
      assert.ok(placeholder.includes('X-Release'), 'the placeholder does not report the release in an X-Release header');
    },
  ),
  claim(
    'release-exports',
    "A release exports its load balancer's DNS name and zone under its own stack name, for the traffic stack to import.",
    { variants: RELEASE },
    (t) => {
      const lb = only(t, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
      const exported: [string, string][] = [
        ['LoadBalancerDnsName', 'DNSName'],
        ['LoadBalancerHostedZoneId', 'CanonicalHostedZoneID'],
      ];
      for (const [name, attribute] of exported) {
        const out = outputs(t)[name];
        assert.ok(out, `the stack has no ${name} output`);
        assert.deepEqual(out.Value, { 'Fn::GetAtt': [lb.id, attribute] }, `${name} is not the load balancer's ${attribute}`);
        assert.equal(
          flatten(out.Export?.['Name']),
          `<{"Ref":"AWS::StackName"}>:${name}`,
          `${name} is not exported as <stack name>:${name}`,
        );
      }
    },
  ),
  claim(
    'no-record-in-release',
    "A release's stack has no DNS record and no weight, so changing weights never updates a release.",
    { variants: RELEASE },
    (t) => {
      for (const type of ['AWS::Route53::RecordSet', 'AWS::Route53::RecordSetGroup']) {
        assert.equal(t.resources(type).length, 0, `the release has a ${type}`);
      }
      for (const name of ['weight', 'weights']) {
        assert.ok(!JSON.stringify(t.json['Outputs'] ?? {}).includes(`"${name}"`), `an output reports a ${name}`);
      }
      assert.equal(t.parameters['weights'], '', 'the release was given weights');
    },
  ),
  claim(
    'nothing-stateful',
    'The environment creates no bucket, volume, file system, database, queue or cache, so deleting it loses nothing.',
    { variants: RELEASE },
    (t) => {
      const stateful = [
        'AWS::S3::Bucket',
        'AWS::EC2::Volume',
        'AWS::EFS::FileSystem',
        'AWS::RDS::DBInstance',
        'AWS::RDS::DBCluster',
        'AWS::DynamoDB::Table',
        'AWS::SQS::Queue',
        'AWS::ElastiCache::CacheCluster',
        'AWS::ElastiCache::ReplicationGroup',
      ];
      for (const type of stateful) assert.equal(t.resources(type).length, 0, `the environment creates a ${type}`);
    },
  ),
  claim(
    'logs-retained',
    'The log groups are kept when a release is deleted, unless retainLogs is false.',
    { variants: RELEASE },
    (t) => {
      assert.equal(typeof t.parameters['retainLogs'], 'boolean', 'the stack has no retainLogs parameter');
      const want = t.parameters['retainLogs'] ? 'Retain' : 'Delete';
      const groups = t.resources('AWS::Logs::LogGroup');
      assert.ok(groups.length >= 2, 'the release has fewer than two log groups');
      for (const g of groups) assert.equal(g.DeletionPolicy, want, `log group ${g.id} is not ${want} on deletion`);
    },
  ),

  // --- Traffic: a separate stack, so a weight change never touches a release ---------------------
  claim(
    'traffic-records',
    "The traffic stack has one weighted alias record per listed release, with its weight, pointing at the load balancer that release exports, with target health evaluated.",
    { variants: ['traffic'] },
    (t) => {
      const weights = listedWeights(t);
      const records = trafficRecords(t);
      assert.equal(records.length, weights.size, 'the records are not one per listed release');
      for (const r of records) {
        const release = String(r['SetIdentifier']);
        assert.equal(r['Weight'], weights.get(release), `the record of ${release} does not have its listed weight`);
        assert.equal(r['Name'], t.parameters['recordName'], `the record of ${release} is not for recordName`);
        assert.equal(r['Type'], 'A', `the record of ${release} is not an A alias`);
        assert.equal(r['TTL'], undefined, `the record of ${release} sets a TTL of its own`);
        assert.equal(r['HealthCheckId'], undefined, `the record of ${release} is tied to a health check`);
        const alias = r['AliasTarget'] as Props;
        assert.equal(alias['EvaluateTargetHealth'], true, `the record of ${release} does not evaluate target health`);
        for (const [key, name] of [
          ['DNSName', 'LoadBalancerDnsName'],
          ['HostedZoneId', 'LoadBalancerHostedZoneId'],
        ]) {
          const imported = (alias[key as string] as Json | undefined)?.['Fn::ImportValue'];
          assert.match(
            String(imported),
            new RegExp(`--${release}:${String(name)}$`, 'u'),
            `the record of ${release} does not import ${String(name)} from that release's stack`,
          );
        }
      }
    },
  ),
  claim(
    'traffic-only-dns',
    'The traffic stack creates nothing but the one group of weighted records, so deploying it cannot change a release.',
    { variants: ['traffic'] },
    (t) => {
      const types = Object.values((t.json['Resources'] ?? {}) as Record<string, { Type: string }>).map((r) => r.Type);
      assert.deepEqual(types, ['AWS::Route53::RecordSetGroup'], `the traffic stack creates ${types.join(', ')}`);
    },
  ),
  claim(
    'traffic-never-all-zero',
    'At least one release in the traffic stack has a weight above 0, so Route 53 never answers with every release alike.',
    { variants: ['traffic'] },
    (t) => {
      const weights = trafficRecords(t).map((r) => Number(r['Weight']));
      assert.ok(
        weights.some((w) => w > 0),
        'every record has weight 0',
      );
    },
  ),

  // --- Gates before a release takes traffic ----------------------------------------------------
  claim(
    'creation-waits-for-nodes',
    'The release stack finishes creating only when minCapacity nodes have passed their bootstrap and signalled, and fails at the first node that signals a failure.',
    { variants: RELEASE },
    (t) => {
      const [group] = t.resources('AWS::AutoScaling::AutoScalingGroup');
      assert.ok(group, 'the stack has no Auto Scaling group');
      const signal = (group as { CreationPolicy?: { ResourceSignal?: { Count?: number; Timeout?: string } } })
        .CreationPolicy?.ResourceSignal;
      assert.ok(signal, 'the Auto Scaling group has no creation policy with a resource signal');
      assert.equal(signal.Count, t.parameters['minCapacity'], 'the creation policy does not wait for minCapacity signals');
      const seconds = Number(/^PT(\d+)S$/u.exec(signal.Timeout ?? '')?.[1]);
      assert.ok(
        seconds >= 2 * Number(t.parameters['bootstrapTimeoutSeconds']),
        'the signal timeout does not cover a bootstrap and one replacement',
      );
      const text = userData(t);
      at(text, `SIGNAL_RESOURCE='${group.id}'`, "name the group's logical id for its signal");
      const signals = at(text, '--unique-id "$INSTANCE_ID" --status "$1"', 'signal CloudFormation once per node');
      const success = at(text, 'retry signal SUCCESS', 'signal SUCCESS');
      const proceed = at(text, 'retry lifecycle CONTINUE', 'complete the lifecycle action with CONTINUE');
      const healthy = at(text, 'log "healthy: $url"', 'check the health path locally');
      assert.ok(signals < healthy && healthy < proceed && proceed < success, 'SUCCESS is not signalled after CONTINUE');
      const failure = at(text, 'signal FAILURE', 'signal FAILURE');
      const abandon = at(text, 'retry lifecycle ABANDON', 'abandon a node that fails');
      assert.ok(failure < abandon, 'FAILURE is not signalled before the node is abandoned');
      const statements = t
        .resources('AWS::IAM::Policy')
        .flatMap((p) => ((p.Properties?.['PolicyDocument'] as Json)['Statement'] ?? []) as Props[]);
      const grant = statements.find((s) => s['Action'] === 'cloudformation:SignalResource');
      assert.ok(grant, 'the nodes may not signal CloudFormation');
      assert.deepEqual(grant['Resource'], { Ref: 'AWS::StackId' }, 'the nodes may signal more than their own stack');
    },
  ),
  claim(
    'bootstrap-gate',
    'A launch lifecycle hook keeps each node out of service until it has configured itself and passed a local health check, and abandons it otherwise.',
    { variants: RELEASE },
    (t) => {
      const group = only(t, 'AWS::AutoScaling::AutoScalingGroup');
      const hooks = (group['LifecycleHookSpecificationList'] ?? []) as Props[];
      const hook = hooks.find((h) => h['LifecycleTransition'] === 'autoscaling:EC2_INSTANCE_LAUNCHING');
      assert.ok(hook, 'the group has no launch lifecycle hook of its own');
      assert.equal(hook['DefaultResult'], 'ABANDON', 'a node that never reports is let into service');
      assert.equal(
        hook['HeartbeatTimeout'],
        t.parameters['bootstrapTimeoutSeconds'],
        'the hook does not wait bootstrapTimeoutSeconds',
      );
      const text = userData(t);
      const apply = at(text, '"$PUPPET" "${args[@]}"', 'run puppet apply');
      const healthy = at(text, 'log "healthy: $url"', 'check the health path locally');
      const proceed = at(text, 'retry lifecycle CONTINUE', 'complete the lifecycle action with CONTINUE');
      assert.ok(apply < healthy && healthy < proceed, 'CONTINUE does not come after puppet apply and the health check');
      at(text, "trap 'fail", 'give up on any failed command');
    },
  ),
  claim(
    'external-health-check',
    "A Route 53 health check probes the health path over HTTP on the release's own load balancer every 30 seconds, from before the release takes traffic.",
    { variants: RELEASE },
    (t) => {
      const lb = only(t, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
      const config = only(t, 'AWS::Route53::HealthCheck')['HealthCheckConfig'] as Props;
      assert.equal(config['Type'], 'HTTP', 'the health check does not use HTTP');
      assert.equal(config['Port'], 80, 'the health check does not probe port 80');
      assert.equal(config['ResourcePath'], t.parameters['healthCheckPath'], 'the health check does not probe healthCheckPath');
      assert.equal(config['RequestInterval'], 30, 'the health check does not probe every 30 seconds');
      assert.equal(target(config['FullyQualifiedDomainName']), lb.id, "the health check does not probe the release's load balancer");
    },
  ),
  claim(
    'health-path-over-http',
    'With a certificate, port 80 redirects to HTTPS except for the health path, which stays on HTTP for the smoke test and the health check.',
    { variants: ['https'] },
    (t) => {
      const listeners = t
        .resources('AWS::ElasticLoadBalancingV2::Listener')
        .map((l): Props & { id: string } => ({ ...((l.Properties ?? {}) as Props), id: l.id }));
      const http = listeners.find((l) => l['Port'] === 80);
      assert.ok(http, 'there is no listener on port 80');
      assert.ok(
        listeners.some((l) => l['Port'] === 443 && l['Protocol'] === 'HTTPS'),
        'there is no HTTPS listener on port 443',
      );
      const actions = (http['DefaultActions'] ?? []) as Props[];
      assert.equal(actions[0]?.['Type'], 'redirect', 'port 80 does not redirect by default');
      const rule = t
        .resources('AWS::ElasticLoadBalancingV2::ListenerRule')
        .map((r) => (r.Properties ?? {}) as Props)
        .find((r) => target(r['ListenerArn']) === http.id);
      assert.ok(rule, 'port 80 has no rule for the health path');
      assert.deepEqual(
        rule['Conditions'],
        [{ Field: 'path-pattern', PathPatternConfig: { Values: [t.parameters['healthCheckPath']] } }],
        'the port 80 rule does not match exactly the health path',
      );
      assert.equal((rule['Actions'] as Props[])[0]?.['Type'], 'forward', 'the health path is not forwarded over HTTP');
      assert.match(flatten(outputValue(t, 'SmokeTestUrl')), /^http:\/\//u, 'the smoke test URL is not plain HTTP');
    },
  ),

  // --- Rollback signal and connections ----------------------------------------------------------
  claim(
    'error-alarm-counts-elb-5xx',
    'The rollback alarm goes off when more than 1 percent of requests end in a 5xx, counting those from the load balancer (502, 503, 504) as well as from the application.',
    { variants: RELEASE },
    (t) => {
      const alarm = alarmOn(t, ['HTTPCode_Target_5XX_Count', 'HTTPCode_ELB_5XX_Count', 'RequestCount'], '5xx responses');
      assert.equal(alarm['Threshold'], 1, 'the 5xx alarm does not go off above 1 percent');
      const metrics = alarm['Metrics'] as { Id: string; Expression?: string; ReturnData?: boolean; MetricStat?: Props }[];
      const returned = metrics.find((m) => m.ReturnData !== false);
      assert.match(returned?.Expression ?? '', /100 \* errors/u, 'the alarm does not compute a percentage of errors');
      const errors = metrics.find((m) => m.Id === 'errors')?.Expression ?? '';
      const id = (name: string) =>
        metrics.find((m) => JSON.stringify(m.MetricStat ?? {}).includes(`"${name}"`))?.Id ?? name;
      for (const name of ['HTTPCode_Target_5XX_Count', 'HTTPCode_ELB_5XX_Count']) {
        assert.ok(errors.includes(id(name)), `the errors the alarm counts leave out ${name}`);
      }
    },
  ),
  claim(
    'client-keep-alive',
    'The load balancer closes every client connection after at most 10 minutes, so clients resolve the shared name again soon after a weight change.',
    { variants: RELEASE },
    (t) => {
      const seconds = Number(lbAttribute(t, 'client_keep_alive.seconds'));
      assert.ok(seconds >= 60 && seconds <= 600, `client keep-alive is ${lbAttribute(t, 'client_keep_alive.seconds') ?? 'the default 3600'} seconds`);
    },
  ),

  // --- The EC2 tier: zones, replacement and capacity ----------------------------------------------
  claim(
    'spread-over-zones',
    'Nodes and the load balancer span azCount zones, with one NAT gateway per zone unless singleNatGateway is set.',
    { variants: RELEASE },
    (t) => {
      const zones = new Set(
        t.resources('AWS::EC2::Subnet').map((s) => JSON.stringify(s.Properties?.['AvailabilityZone'])),
      );
      assert.equal(zones.size, t.parameters['azCount'], 'the subnets do not span azCount zones');
      const group = only(t, 'AWS::AutoScaling::AutoScalingGroup');
      assert.equal(
        (group['VPCZoneIdentifier'] as unknown[]).length,
        t.parameters['azCount'],
        'the nodes do not use one subnet per zone',
      );
      const lb = only(t, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
      assert.equal((lb['Subnets'] as unknown[]).length, t.parameters['azCount'], 'the load balancer is not in every zone');
      const nats = t.resources('AWS::EC2::NatGateway').length;
      assert.equal(nats, t.parameters['singleNatGateway'] ? 1 : t.parameters['azCount'], 'the NAT gateways are not one per zone');
    },
  ),
  claim(
    'launch-before-terminate',
    'The group launches a replacement and waits for it to be in service before it terminates the node it replaces.',
    { variants: RELEASE },
    (t) => {
      const policy = only(t, 'AWS::AutoScaling::AutoScalingGroup')['InstanceMaintenancePolicy'] as Props | undefined;
      assert.ok(policy, 'the group has no instance maintenance policy, so replacements terminate first');
      assert.equal(policy['MinHealthyPercentage'], 100, 'a replacement may terminate a node before its successor serves');
      assert.ok(Number(policy['MaxHealthyPercentage']) > 100, 'the group cannot launch a replacement next to the node it replaces');
    },
  ),
  claim(
    'alb-zonal-shift',
    'The load balancer takes part in ARC zonal shift.',
    { variants: RELEASE },
    (t) => {
      assert.equal(lbAttribute(t, 'zonal_shift.config.enabled'), 'true', 'zonal_shift.config.enabled is not true on the load balancer');
    },
  ),
  claim(
    'asg-zonal-shift',
    'The Auto Scaling group takes part in ARC zonal shift and does not replace nodes in a zone shifted away from.',
    { variants: RELEASE },
    (t) => {
      const policy = only(t, 'AWS::AutoScaling::AutoScalingGroup')['AvailabilityZoneImpairmentPolicy'] as Props | undefined;
      assert.equal(policy?.['ZonalShiftEnabled'], true, 'zonal shift is not enabled on the group');
      assert.equal(policy['ImpairedZoneHealthCheckBehavior'], 'IgnoreUnhealthy', 'the group replaces nodes in a shifted zone');
    },
  ),
  claim(
    'launches-fall-back-to-other-zones',
    'When launches fail in one zone, the group launches in the other zones instead.',
    { variants: RELEASE },
    (t) => {
      const distribution = (only(t, 'AWS::AutoScaling::AutoScalingGroup')['AvailabilityZoneDistribution'] ??
        {}) as Props;
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
    { variants: RELEASE },
    (t) => {
      const attrs = (only(t, 'AWS::ElasticLoadBalancingV2::TargetGroup')['TargetGroupAttributes'] ?? []) as {
        Key: string;
        Value: string;
      }[];
      const value = (key: string) => attrs.find((a) => a.Key === key)?.Value;
      assert.equal(value('load_balancing.algorithm.type'), 'weighted_random', 'the target group does not use weighted_random');
      assert.equal(value('load_balancing.algorithm.anomaly_mitigation'), 'on', 'anomaly mitigation is off');
    },
  ),
  claim(
    'max-instance-lifetime',
    'No node of a release lives longer than maxInstanceLifetimeDays.',
    { variants: RELEASE },
    (t) => {
      assert.equal(
        only(t, 'AWS::AutoScaling::AutoScalingGroup')['MaxInstanceLifetime'],
        Number(t.parameters['maxInstanceLifetimeDays']) * 86_400,
        'the maximum instance lifetime is not maxInstanceLifetimeDays',
      );
    },
  ),
  claim(
    'replace-unhealthy-nodes',
    'The load balancer stops sending requests to a failing node within about 30 seconds, and the group replaces it.',
    { variants: RELEASE },
    (t) => {
      const group = only(t, 'AWS::AutoScaling::AutoScalingGroup');
      assert.equal(group['HealthCheckType'], 'ELB', 'the group ignores the load balancer health check');
      const tg = only(t, 'AWS::ElasticLoadBalancingV2::TargetGroup');
      const seconds = Number(tg['HealthCheckIntervalSeconds']) * Number(tg['UnhealthyThresholdCount']);
      assert.ok(seconds <= 30, `a failing node gets requests for ${seconds} seconds`);
      assert.equal(tg['HealthCheckPath'], t.parameters['healthCheckPath'], 'the target group does not check healthCheckPath');
    },
  ),
  claim(
    'capacity-alarm',
    'An alarm goes off when fewer than minCapacity nodes have been in service for 10 minutes.',
    { variants: RELEASE },
    (t) => {
      const alarm = alarmOn(t, ['GroupInServiceInstances'], 'the in-service nodes');
      assert.equal(alarm['Threshold'], t.parameters['minCapacity'], 'the alarm does not compare with minCapacity');
      assert.equal(alarm['ComparisonOperator'], 'LessThanThreshold', 'the alarm does not go off below minCapacity');
      const minutes = (Number(alarm['Period']) * Number(alarm['EvaluationPeriods'])) / 60;
      assert.ok(minutes <= 10, `the alarm waits ${minutes} minutes`);
      const group = only(t, 'AWS::AutoScaling::AutoScalingGroup');
      assert.deepEqual(
        alarm['Dimensions'],
        [{ Name: 'AutoScalingGroupName', Value: { Ref: group.id } }],
        "the alarm does not watch this release's group",
      );
    },
  ),
  claim(
    'failed-launch-alarm',
    'An alarm goes off when a node fails to launch or its bootstrap is abandoned by the lifecycle hook.',
    { variants: RELEASE },
    (t) => {
      const rule = only(t, 'AWS::Events::Rule');
      const pattern = rule['EventPattern'] as Props;
      assert.deepEqual(pattern['source'], ['aws.autoscaling'], 'the rule does not match Auto Scaling events');
      assert.deepEqual(pattern['detail-type'], ['EC2 Instance Launch Unsuccessful'], 'the rule does not match failed launches');
      const group = only(t, 'AWS::AutoScaling::AutoScalingGroup');
      const names = ((pattern['detail'] as Props)['AutoScalingGroupName'] as unknown[]).map(flatten);
      assert.deepEqual(names, [flatten(group['AutoScalingGroupName'])], "the rule does not match this release's group");
      const alarm = alarmOn(t, ['TriggeredRules'], 'the failed-launch rule');
      assert.deepEqual(alarm['Dimensions'], [{ Name: 'RuleName', Value: { Ref: rule.id } }], 'the alarm does not count that rule');
      assert.equal(alarm['Threshold'], 1, 'the alarm does not go off at the first failed launch');
    },
  ),
  claim(
    'cpu-scaling',
    'Target tracking keeps average CPU near cpuTargetPercent between minCapacity and maxCapacity nodes.',
    { variants: RELEASE },
    (t) => {
      const group = only(t, 'AWS::AutoScaling::AutoScalingGroup');
      assert.equal(group['MinSize'], String(t.parameters['minCapacity']), 'MinSize is not minCapacity');
      assert.equal(group['MaxSize'], String(t.parameters['maxCapacity']), 'MaxSize is not maxCapacity');
      const policy = only(t, 'AWS::AutoScaling::ScalingPolicy')['TargetTrackingConfiguration'] as Props;
      assert.equal(policy['TargetValue'], t.parameters['cpuTargetPercent'], 'the target is not cpuTargetPercent');
      assert.equal(
        (policy['PredefinedMetricSpecification'] as Props)['PredefinedMetricType'],
        'ASGAverageCPUUtilization',
        'the policy does not track average CPU',
      );
    },
  ),

  // --- Nodes: instance store, pinned configuration, one AMI per release --------------------------
  claim(
    'instance-store-only',
    'Nodes run on instance types with NVMe instance store and write there; the only EBS volume is the encrypted root the AMI boots from.',
    { variants: RELEASE },
    (t) => {
      const data = only(t, 'AWS::EC2::LaunchTemplate')['LaunchTemplateData'] as Props;
      assert.match(String(data['InstanceType']), /^[a-z]+\d+[a-z]*d\./u, 'the instance type has no instance store');
      assert.deepEqual(
        data['BlockDeviceMappings'],
        [{ DeviceName: '/dev/xvda', Ebs: { VolumeType: 'gp3', Encrypted: true, DeleteOnTermination: true } }],
        'the nodes map an EBS volume besides the encrypted root',
      );
      assert.equal(t.resources('AWS::EC2::Volume').length, 0, 'the stack creates an EBS volume');
      const text = userData(t);
      at(text, 'Amazon EC2 NVMe Instance Storage', 'find the NVMe instance store');
      at(text, 'PATHS=(/var/log /var/tmp /var/cache /var/lib/oar /opt/oar /tmp)', 'move the writable paths onto it');
      at(text, 'Storage=volatile', 'keep the journal in memory');
    },
  ),
  claim(
    'pinned-config',
    'Every node of a release checks out the same configuration branch or tag, configRepoBranch.',
    { variants: RELEASE },
    (t) => {
      const text = userData(t);
      at(text, `CONFIG_REPO_BRANCH='${String(t.parameters['configRepoBranch'])}'`, 'set configRepoBranch');
      at(text, '--branch "$CONFIG_REPO_BRANCH"', 'clone configRepoBranch');
    },
  ),
  claim(
    'ami-fixed-per-release',
    "The AMI is resolved once, when the release's stack is created, not again at each node launch.",
    { variants: RELEASE },
    (t) => {
      const image = (only(t, 'AWS::EC2::LaunchTemplate')['LaunchTemplateData'] as Props)['ImageId'];
      if (typeof image === 'string') {
        assert.match(image, /^ami-[0-9a-f]+$/u, `the image ${image} is resolved at launch`);
        return;
      }
      const ref = (image as { Ref?: string }).Ref;
      const parameter = ((t.json['Parameters'] ?? {}) as Record<string, { Type?: string }>)[ref ?? ''];
      assert.equal(
        parameter?.Type,
        'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>',
        'the image is not a template parameter that CloudFormation resolves when the stack is deployed',
      );
    },
  ),
  claim(
    'disk-alarm',
    "An alarm goes off when any node's instance store is 80 percent full.",
    { variants: RELEASE },
    (t) => {
      const alarm = alarmOn(t, ['disk_used_percent'], 'disk use');
      assert.equal(alarm['Threshold'], 80, 'the alarm does not go off at 80 percent');
      assert.equal(alarm['Statistic'], 'Maximum', 'the alarm averages over nodes instead of taking the fullest');
      assert.ok(
        JSON.stringify(alarm['Dimensions']).includes('"/mnt/instance-store"'),
        'the alarm does not watch the instance store mount',
      );
    },
  ),
];
