// What architecture.yaml promises about this stack, checked against every configuration oar check synthesizes:
// the primary with the defaults, and the secondary and HTTPS variants. Claims about the web tier's behaviour check
// that the function ships lambda/index.js exactly as cdk/handler.test.ts runs it, and the property in that
// source; the handler tests prove the behaviour.
import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';
import { flatten, type Json, inlineSource, refTarget as target, flatOf } from '../../../generators/check/claims/template-queries.ts';

type Found = Record<string, unknown> & { readonly id: string };

const all = (t: ClaimContext, type: string): Found[] => t.resources(type).map(flatOf);

/** The one resource of a type; fails when there is not exactly one. */
const only = (t: ClaimContext, type: string): Found => flatOf(t.only(type));

const isPrimary = (t: ClaimContext): boolean => t.parameters['role'] === 'primary';

/** The web function runs lambda/index.js as it ships, the code cdk/handler.test.ts runs; returns that code. */
function functionShipsTheHandler(t: ClaimContext): string {
  const code = inlineSource(t.file('lambda/index.js'));
  const fn = only(t, 'AWS::Lambda::Function');
  assert.equal((fn['Code'] as Json)['ZipFile'], code, 'the web function does not run lambda/index.js as shipped');
  assert.equal(fn['Handler'], 'index.handler', 'the web function does not call exports.handler');
  return code;
}

/** The alarms of this Region, by metric name, each checked to notify the Region's topic. */
function alarmOn(t: ClaimContext, metric: string): Found {
  const topic = only(t, 'AWS::SNS::Topic');
  const found = all(t, 'AWS::CloudWatch::Alarm').filter((a) => a['MetricName'] === metric);
  assert.equal(found.length, 1, `expected one alarm on ${metric}, found ${found.length}`);
  const alarm = found[0] as Found;
  const actions = ((alarm['AlarmActions'] ?? []) as unknown[]).map(target);
  assert.ok(actions.includes(topic.id), `the ${metric} alarm does not notify the alarm topic`);
  return alarm;
}

export default [
  claim(
    'failover-records-for-the-name',
    'The primary stack answers for domainName with a PRIMARY alias record guarded by a health check of its load balancer, the secondary with a SECONDARY alias record that evaluates its own load balancer.',
    (t) => {
      const record = only(t, 'AWS::Route53::RecordSet');
      const lb = only(t, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
      assert.equal(record['Name'], t.parameters['domainName'], 'the failover record is not for domainName');
      assert.equal(record['Type'], 'A', 'the failover record is not an A record');
      const alias = record['AliasTarget'] as Json;
      assert.equal(target(alias['DNSName']), lb.id, "the record does not point at this Region's load balancer");
      assert.equal(alias['EvaluateTargetHealth'], true, 'the record ignores the health of its targets');
      if (isPrimary(t)) {
        assert.equal(record['Failover'], 'PRIMARY', 'the primary stack does not own the PRIMARY record');
        const check = only(t, 'AWS::Route53::HealthCheck');
        assert.equal(
          target(record['HealthCheckId']),
          check.id,
          'the PRIMARY record is not guarded by the health check',
        );
      } else {
        assert.equal(record['Failover'], 'SECONDARY', 'the secondary stack does not own the SECONDARY record');
        assert.deepEqual(t.resources('AWS::Route53::HealthCheck'), [], 'the secondary creates a health check');
        assert.equal(record['HostedZoneId'], t.parameters['hostedZoneId'], 'the secondary does not use the given zone');
      }
    },
  ),
  claim(
    'health-check-detects-in-time',
    "Route 53 checks the primary load balancer's /health path over HTTP every healthCheckIntervalSeconds and calls it unhealthy after healthCheckFailureThreshold failures in a row.",
    (t) => {
      if (!isPrimary(t)) return;
      const config = only(t, 'AWS::Route53::HealthCheck')['HealthCheckConfig'] as Json;
      const lb = only(t, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
      assert.equal(
        config['Type'],
        'HTTP',
        'the health check does not use plain HTTP, which the load balancer name allows',
      );
      assert.equal(config['Port'], 80, 'the health check does not call port 80');
      assert.equal(config['ResourcePath'], '/health', 'the health check does not call /health');
      assert.equal(
        target(config['FullyQualifiedDomainName']),
        lb.id,
        "the health check does not call the Region's load balancer",
      );
      assert.equal(
        config['RequestInterval'],
        t.parameters['healthCheckIntervalSeconds'],
        'the interval ignores healthCheckIntervalSeconds',
      );
      assert.equal(
        config['FailureThreshold'],
        t.parameters['healthCheckFailureThreshold'],
        'the threshold ignores healthCheckFailureThreshold',
      );
    },
  ),
  claim(
    'health-path-reachable-over-http',
    'Port 80 serves /health from the function even when HTTPS is on, so Route 53 can check the load balancer by its own name.',
    (t) => {
      const targetGroup = only(t, 'AWS::ElasticLoadBalancingV2::TargetGroup');
      assert.equal(targetGroup['HealthCheckPath'], '/health', 'the target group does not check /health');
      const http = all(t, 'AWS::ElasticLoadBalancingV2::Listener').find((l) => l['Port'] === 80);
      assert.ok(http, 'there is no listener on port 80');
      const forwardsAll = ((http['DefaultActions'] ?? []) as Json[]).some(
        (a) => a['Type'] === 'forward' && target(a['TargetGroupArn']) === targetGroup.id,
      );
      const forwardsHealth = all(t, 'AWS::ElasticLoadBalancingV2::ListenerRule').some(
        (r) =>
          target(r['ListenerArn']) === http.id &&
          JSON.stringify(r['Conditions']) ===
            JSON.stringify([{ Field: 'path-pattern', PathPatternConfig: { Values: ['/health'] } }]) &&
          ((r['Actions'] ?? []) as Json[]).some(
            (a) => a['Type'] === 'forward' && target(a['TargetGroupArn']) === targetGroup.id,
          ),
      );
      assert.ok(forwardsAll || forwardsHealth, 'port 80 does not forward /health to the function');
    },
  ),
  claim(
    'writes-gated-by-the-region-flag',
    "Each Region has a writes flag, true in the primary and false in the secondary, and the function refuses writes unless its Region's flag is true.",
    (t) => {
      const flag = only(t, 'AWS::SSM::Parameter');
      assert.equal(flag['Value'], isPrimary(t) ? 'true' : 'false', 'the writes flag does not start as the role says');
      assert.equal(flag['AllowedPattern'], '^(true|false)$', 'the writes flag accepts other values');
      const env = (only(t, 'AWS::Lambda::Function')['Environment'] as { Variables: Json }).Variables;
      assert.equal(target(env['WRITES_PARAMETER']), flag.id, "the function does not read this Region's flag");
      assert.equal(env['ROLE'], t.parameters['role'], 'the function does not know its role');
      const code = functionShipsTheHandler(t);
      assert.match(
        code,
        /if \(!\(await writesOn\(\)\)\) \{\nreturn reply\(503,/u,
        'a write is not refused while the flag is off',
      );
      assert.match(code, /let writes = \{ on: false, at: 0 \};/u, 'a function that never read the flag may write');
    },
  ),
  claim(
    'stood-down-primary-fails-its-health-check',
    'A primary whose writes flag is false answers 503 on /health, and so does any Region that cannot read its replica, so Route 53 keeps traffic away from it.',
    (t) => {
      const code = functionShipsTheHandler(t);
      assert.match(
        code,
        /await DDB\.send\(new db\.GetItemCommand\(key\('_health'\)\)\);/u,
        'the health path does not read the replica',
      );
      assert.match(
        code,
        /if \(ROLE === 'primary' && !on\) return reply\(503, \{ status: 'standing down'/u,
        'a primary that stood down still reports healthy',
      );
      assert.match(
        code,
        /return reply\(503, \{ status: 'unavailable'/u,
        'a failing replica does not fail the health path',
      );
    },
  ),
  claim(
    'global-table-in-both-regions',
    'The primary stack owns a global table with replicas in its Region and peerRegion, on demand, each with 35 days of point-in-time recovery; the function reaches only the replica of its own Region.',
    (t) => {
      const tables = all(t, 'AWS::DynamoDB::GlobalTable');
      if (isPrimary(t)) {
        assert.equal(tables.length, 1, 'the primary does not own exactly one global table');
        const table = tables[0] as Found;
        assert.equal(table['BillingMode'], 'PAY_PER_REQUEST', 'the table is not on demand');
        const replicas = table['Replicas'] as Json[];
        assert.deepEqual(
          replicas.map((r) => JSON.stringify(r['Region'])),
          [JSON.stringify({ Ref: 'AWS::Region' }), JSON.stringify(t.parameters['peerRegion'])],
          'the replicas are not in this Region and peerRegion',
        );
        for (const r of replicas) {
          assert.deepEqual(
            r['PointInTimeRecoverySpecification'],
            { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 35 },
            `the replica in ${JSON.stringify(r['Region'])} has no 35-day point-in-time recovery`,
          );
          assert.equal(
            r['DeletionProtectionEnabled'],
            t.parameters['tableDeletionProtection'],
            'deletion protection ignores tableDeletionProtection',
          );
        }
        const [raw] = t.resources('AWS::DynamoDB::GlobalTable');
        assert.equal(raw?.DeletionPolicy, 'Retain', 'the global table is deleted with the stack');
      } else {
        assert.deepEqual(tables, [], 'the secondary creates a table');
      }
      const roleId = target(only(t, 'AWS::Lambda::Function')['Role']);
      const role = all(t, 'AWS::IAM::Role').find((r) => r.id === roleId);
      assert.ok(role, 'the function role is not in the template');
      assert.deepEqual(
        t
          .resources('AWS::IAM::Policy')
          .filter((p) => ((p.Properties?.['Roles'] ?? []) as unknown[]).some((r) => target(r) === roleId)),
        [],
        'the function role has policies beyond its inline ones',
      );
      const tableStatements = (
        JSON.parse(JSON.stringify(role['Policies'] ?? [])) as { PolicyDocument: { Statement: Json[] } }[]
      )
        .flatMap((p) => p.PolicyDocument.Statement)
        .filter((s) => JSON.stringify(s['Action']).includes('dynamodb:'));
      assert.equal(tableStatements.length, 1, 'the function has more than one DynamoDB statement');
      const resource = flatten(tableStatements[0]?.['Resource']);
      assert.ok(
        resource.includes(':dynamodb:<{"Ref":"AWS::Region"}>:'),
        'the function reaches replicas outside its own Region',
      );
      assert.ok(!resource.includes('*'), 'the function reaches other tables');
    },
  ),
  claim(
    'load-balancer-spans-the-zones',
    'The load balancer of each Region spans azCount Availability Zones, one public subnet in each.',
    (t) => {
      const lb = only(t, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
      const subnets = ((lb['Subnets'] ?? []) as unknown[]).map(target);
      assert.equal(subnets.length, t.parameters['azCount'], 'the load balancer is not in azCount subnets');
      const zones = new Set(
        subnets.map((id) => JSON.stringify(all(t, 'AWS::EC2::Subnet').find((s) => s.id === id)?.['AvailabilityZone'])),
      );
      assert.equal(zones.size, t.parameters['azCount'], 'two load balancer subnets share a zone');
    },
  ),
  claim(
    'regional-endpoints-bypass-dns',
    "Each stack outputs its load balancer's own URL and health URL, which reach the Region without the failover name.",
    (t) => {
      const lb = only(t, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
      const outputs = (t.json['Outputs'] ?? {}) as Record<string, { Value: unknown }>;
      const lbName = `<${JSON.stringify({ 'Fn::GetAtt': [lb.id, 'DNSName'] })}>`;
      const https = t.parameters['certificateArn'] !== '';
      assert.equal(
        flatten(outputs['RegionalEndpointUrl']?.Value),
        `${https ? 'https' : 'http'}://${lbName}`,
        'RegionalEndpointUrl is not the load balancer',
      );
      assert.equal(
        flatten(outputs['RegionalHealthUrl']?.Value),
        `http://${lbName}/health`,
        'RegionalHealthUrl is not the health path',
      );
    },
  ),
  claim(
    'accelerated-recovery-on-the-zone',
    'The public zone the primary creates has Route 53 accelerated recovery on unless acceleratedRecovery is false; a given zone is left as it is.',
    (t) => {
      const zones = all(t, 'AWS::Route53::HostedZone');
      if (!isPrimary(t) || t.parameters['hostedZoneId'] !== '') {
        assert.deepEqual(zones, [], 'a stack that was given a zone creates one');
        return;
      }
      const zone = only(t, 'AWS::Route53::HostedZone');
      assert.equal(zone['VPCs'], undefined, 'the zone is private, and failover records need a public zone');
      assert.equal(
        (zone['HostedZoneFeatures'] as Json | undefined)?.['EnableAcceleratedRecovery'] ?? false,
        t.parameters['acceleratedRecovery'],
        'accelerated recovery does not follow acceleratedRecovery',
      );
    },
  ),
  claim(
    'alarms-in-each-region',
    "Each Region alarms on function errors, throttles and replication latency to peerRegion, and the primary in us-east-1 on its health check, all to the Region's encrypted topic.",
    (t) => {
      alarmOn(t, 'Errors');
      alarmOn(t, 'Throttles');
      const replication = alarmOn(t, 'ReplicationLatency');
      const dims = replication['Dimensions'] as Json[];
      assert.ok(
        dims.some((d) => d['Name'] === 'ReceivingRegion' && d['Value'] === t.parameters['peerRegion']),
        'the replication alarm does not watch peerRegion',
      );
      const [raw] = t
        .resources('AWS::CloudWatch::Alarm')
        .filter((a) => a.Properties?.['MetricName'] === 'HealthCheckStatus');
      if (isPrimary(t)) {
        assert.ok(raw, 'the primary has no health check alarm');
        const conditions = (t.json['Conditions'] ?? {}) as Json;
        assert.deepEqual(
          conditions[raw.Condition ?? ''],
          { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] },
          'the health check alarm is not limited to us-east-1, where its metric exists',
        );
        assert.equal(
          raw.Properties?.['TreatMissingData'],
          'breaching',
          'a health check that reports nothing does not alarm',
        );
      } else {
        assert.equal(raw, undefined, 'the secondary alarms on a health check it does not own');
      }
      const topic = only(t, 'AWS::SNS::Topic');
      assert.ok(topic['KmsMasterKeyId'], 'the alarm topic is not encrypted');
    },
  ),
];
