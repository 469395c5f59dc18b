// What architecture.yaml promises about this stack, checked against every configuration oar check synthesizes:
// the primary with the defaults (consistency STRONG), and the secondary and eventual variants. Claims about the web tier's behaviour check
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

/** The condition an alarm is limited to, as written in the template's Conditions, or undefined. */
function conditionOf(t: ClaimContext, metric: string): unknown {
  const [raw] = t.resources('AWS::CloudWatch::Alarm').filter((a) => a.Properties?.['MetricName'] === metric);
  assert.ok(raw, `there is no alarm on ${metric}`);
  return ((t.json['Conditions'] ?? {}) as Json)[raw.Condition ?? ''];
}

export default [
  claim(
    'latency-records-with-a-health-check-per-region',
    "Each Region's stack answers for domainName with a latency alias record for its own Region, pointing at its own load balancer and guarded by a health check of that load balancer; no failover records.",
    (t) => {
      const record = only(t, 'AWS::Route53::RecordSet');
      const lb = only(t, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
      const check = only(t, 'AWS::Route53::HealthCheck');
      assert.equal(record['Name'], t.parameters['domainName'], 'the record is not for domainName');
      assert.equal(record['Type'], 'A', 'the record is not an A record');
      assert.equal(record['Failover'], undefined, 'the record uses failover routing, which sends traffic to one Region');
      assert.deepEqual(record['Region'], { Ref: 'AWS::Region' }, "the record is not a latency record for the stack's Region");
      assert.equal(record['SetIdentifier'], t.parameters['role'], 'the two Regions would not have distinct set identifiers');
      assert.equal(target(record['HealthCheckId']), check.id, "the record is not guarded by this Region's health check");
      const alias = record['AliasTarget'] as Json;
      assert.equal(target(alias['DNSName']), lb.id, "the record does not point at this Region's load balancer");
      assert.equal(alias['EvaluateTargetHealth'], true, 'the record ignores the health of its targets');
      if (t.parameters['hostedZoneId'] !== '') {
        assert.equal(record['HostedZoneId'], t.parameters['hostedZoneId'], 'the record is not in the given zone');
      }
    },
  ),
  claim(
    'health-check-detects-in-time',
    "Route 53 checks this Region's load balancer's /health path over HTTP every healthCheckIntervalSeconds and calls it unhealthy after healthCheckFailureThreshold failures in a row, in both roles.",
    (t) => {
      const config = only(t, 'AWS::Route53::HealthCheck')['HealthCheckConfig'] as Json;
      const lb = only(t, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
      assert.equal(config['Type'], 'HTTP', 'the health check does not use plain HTTP, which the load balancer name allows');
      assert.equal(config['Port'], 80, 'the health check does not call port 80');
      assert.equal(config['ResourcePath'], '/health', 'the health check does not call /health');
      assert.equal(target(config['FullyQualifiedDomainName']), lb.id, "the health check does not call the Region's load balancer");
      assert.equal(config['RequestInterval'], t.parameters['healthCheckIntervalSeconds'], 'the interval ignores healthCheckIntervalSeconds');
      assert.equal(config['FailureThreshold'], t.parameters['healthCheckFailureThreshold'], 'the threshold ignores healthCheckFailureThreshold');
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
    'both-regions-take-writes',
    "Each Region has an in-service flag that starts true in both roles; the function refuses writes and fails /health while its Region's flag is not true, whatever its role, and a strongly consistent read backs the health path.",
    (t) => {
      const flag = only(t, 'AWS::SSM::Parameter');
      assert.equal(flag['Value'], 'true', 'the Region does not start in service');
      assert.equal(flag['AllowedPattern'], '^(true|false)$', 'the flag accepts other values');
      const env = (only(t, 'AWS::Lambda::Function')['Environment'] as { Variables: Json }).Variables;
      assert.equal(target(env['IN_SERVICE_PARAMETER']), flag.id, "the function does not read this Region's flag");
      const code = functionShipsTheHandler(t);
      assert.match(code, /if \(!\(await inService\(\)\)\) \{\nreturn reply\(503,/u, 'a write is not refused while the Region is evacuated');
      assert.match(code, /if \(!on\) return reply\(503, \{ status: 'evacuated'/u, 'an evacuated Region still reports healthy');
      assert.doesNotMatch(code, /ROLE === /u, 'the handler behaves differently by role');
      assert.match(code, /let serving = \{ on: false, at: 0 \};/u, 'a function that never read the flag may write');
      assert.match(
        code,
        /async function health\(\) \{\ntry \{\nawait DDB\.send\(new db\.GetItemCommand\(\{ \.\.\.key\('_health'\), ConsistentRead: true \}\)\);/u,
        'the health path does not do a strongly consistent read of the replica',
      );
    },
  ),
  claim(
    'consistency-mode-as-chosen',
    'The global table has the multi-Region consistency the consistency parameter names: STRONG with one witness in witnessRegion and no replication stream, EVENTUAL with the NEW_AND_OLD_IMAGES stream and no witness.',
    (t) => {
      if (!isPrimary(t)) {
        assert.deepEqual(t.resources('AWS::DynamoDB::GlobalTable'), [], 'the secondary creates a table');
        return;
      }
      const table = only(t, 'AWS::DynamoDB::GlobalTable');
      assert.ok(
        ['STRONG', 'EVENTUAL'].includes(String(table['MultiRegionConsistency'])),
        'the table leaves its multi-Region consistency to the default',
      );
      assert.equal(table['MultiRegionConsistency'], t.parameters['consistency'], 'the table does not have the chosen consistency');
      const replicas = (table['Replicas'] as Json[]).map((r) => JSON.stringify(r['Region']));
      if (t.parameters['consistency'] === 'STRONG') {
        assert.deepEqual(table['GlobalTableWitnesses'], [{ Region: t.parameters['witnessRegion'] }], 'the STRONG table has no witness in witnessRegion');
        assert.equal(replicas.length, 2, 'a STRONG table needs two replicas with a witness');
        assert.ok(!replicas.includes(JSON.stringify(t.parameters['witnessRegion'])), 'the witness is in a replica Region');
        assert.equal(table['StreamSpecification'], undefined, 'the STRONG table declares a stream it does not replicate through');
      } else {
        assert.equal(table['GlobalTableWitnesses'], undefined, 'the EVENTUAL table has a witness');
        assert.deepEqual(table['StreamSpecification'], { StreamViewType: 'NEW_AND_OLD_IMAGES' }, 'the EVENTUAL table has no replication stream');
      }
      const outputs = (t.json['Outputs'] ?? {}) as Record<string, { Value: unknown }>;
      assert.equal(outputs['Consistency']?.Value, t.parameters['consistency'], 'the Consistency output does not say the mode');
    },
  ),
  claim(
    'write-conflicts-answered-and-counted',
    'A write that DynamoDB refuses with ReplicatedWriteConflictException answers 409 with Retry-After and logs a WriteConflicts data point in embedded metric format, which an alarm watches in this Region.',
    (t) => {
      const code = functionShipsTheHandler(t);
      assert.match(code, /if \(e\.name !== 'ReplicatedWriteConflictException'\) throw e;\ncountConflict\(id\);\nreturn reply\(409,/u, 'a write conflict is not answered 409 and counted');
      assert.match(code, /Namespace: 'MultiRegionActiveActive', Dimensions: \[\['Region'\]\], Metrics: \[\{ Name: 'WriteConflicts'/u, 'the conflict is not published as the WriteConflicts metric');
      const alarm = alarmOn(t, 'WriteConflicts');
      assert.equal(alarm['Namespace'], 'MultiRegionActiveActive', 'the alarm watches another namespace');
      assert.deepEqual(alarm['Dimensions'], [{ Name: 'Region', Value: { Ref: 'AWS::Region' } }], "the alarm does not watch this Region's conflicts");
      assert.equal(alarm['Statistic'], 'Sum', 'the alarm does not count conflicts');
    },
  ),
  claim(
    'slow-but-healthy-alarm',
    "Each Region alarms when its function's p99 duration is over 1.5 s for 4 of 5 minutes, a Region that latency routing keeps using because its health check passes.",
    (t) => {
      const alarm = alarmOn(t, 'Duration');
      assert.equal(alarm['ExtendedStatistic'], 'p99', 'the alarm does not watch p99');
      assert.equal(alarm['Threshold'], 1500, 'the threshold is not 1.5 s');
      assert.equal(alarm['Period'], 60, 'the period is not one minute');
      assert.deepEqual([alarm['DatapointsToAlarm'], alarm['EvaluationPeriods']], [4, 5], 'the alarm is not 4 of 5 minutes');
      const fn = only(t, 'AWS::Lambda::Function');
      const dims = alarm['Dimensions'] as Json[];
      assert.ok(dims.some((d) => d['Name'] === 'FunctionName' && target(d['Value']) === fn.id), 'the alarm does not watch the web function');
      assert.equal(conditionOf(t, 'Duration'), undefined, 'the slow-Region alarm is limited to some Regions');
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
    "Each Region alarms on function errors and throttles, on replication latency to peerRegion under EVENTUAL, and when deployed in us-east-1 on its own health check, all to the Region's encrypted topic.",
    (t) => {
      alarmOn(t, 'Errors');
      alarmOn(t, 'Throttles');
      const latency = all(t, 'AWS::CloudWatch::Alarm').filter((a) => a['MetricName'] === 'ReplicationLatency');
      if (t.parameters['consistency'] === 'EVENTUAL') {
        const replication = alarmOn(t, 'ReplicationLatency');
        const dims = replication['Dimensions'] as Json[];
        assert.ok(
          dims.some((d) => d['Name'] === 'ReceivingRegion' && d['Value'] === t.parameters['peerRegion']),
          'the replication alarm does not watch peerRegion',
        );
      } else {
        assert.deepEqual(latency, [], 'a STRONG table alarms on asynchronous replication latency it does not have');
      }
      const health = alarmOn(t, 'HealthCheckStatus');
      const check = only(t, 'AWS::Route53::HealthCheck');
      assert.equal(target((health['Dimensions'] as Json[])[0]?.['Value']), check.id, "the alarm does not watch this Region's health check");
      assert.deepEqual(
        conditionOf(t, 'HealthCheckStatus'),
        { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] },
        'the health check alarm is not limited to us-east-1, where its metric exists',
      );
      assert.equal(health['TreatMissingData'], 'breaching', 'a health check that reports nothing does not alarm');
      const topic = only(t, 'AWS::SNS::Topic');
      assert.ok(topic['KmsMasterKeyId'], 'the alarm topic is not encrypted');
    },
  ),
];
