// What this entry promises, proven on every configuration oar check synthesizes: the default parameters and
// each variant in architecture.yaml. Run: npx oar check migration-factory
import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';
import { asList, flatOf, ingressRules, type Json, refTarget } from '../../../generators/check/claims/template-queries.ts';

type Found = Json & { readonly id: string };

const all = (t: ClaimContext, type: string): Found[] => t.resources(type).map(flatOf);
const only = (t: ClaimContext, type: string): Found => flatOf(t.only(type));
const schemas = (t: ClaimContext): string[] => String(t.parameters['waveSchemas']).split(',');
const settingsOf = (task: Found): Json => JSON.parse(String(task['ReplicationTaskSettings'])) as Json;

/** The subnets of the replication subnet group. */
const groupSubnets = (t: ClaimContext): unknown[] => asList(only(t, 'AWS::DMS::ReplicationSubnetGroup')['SubnetIds']);

/** Whether a subnet has any route at all (to an internet or NAT gateway). */
function hasRoutes(t: ClaimContext, subnet: unknown): boolean {
  const assoc = all(t, 'AWS::EC2::SubnetRouteTableAssociation').find((a) => refTarget(a['SubnetId']) === refTarget(subnet));
  return all(t, 'AWS::EC2::Route').some((r) => refTarget(r['RouteTableId']) === refTarget(assoc?.['RouteTableId']));
}

/** The endpoints' engine settings blocks (PostgreSqlSettings, MySqlSettings…), one per endpoint. */
function secretSettings(e: Found): Json {
  const key = Object.keys(e).find((k) => k.endsWith('Settings'));
  assert.ok(key, `${e.id} has no engine settings`);
  return e[key] as Json;
}

export default [
  claim(
    'replication-is-private',
    'The replication instance is not publicly accessible, sits in subnets without any route out, admits no inbound traffic, and reaches Secrets Manager, MGN, EC2 and S3 through VPC endpoints.',
    (t) => {
      const instance = only(t, 'AWS::DMS::ReplicationInstance');
      assert.equal(instance['PubliclyAccessible'], false);
      for (const s of groupSubnets(t)) assert.equal(hasRoutes(t, s), false, 'a replication subnet has a route out');
      const groups = asList(instance['VpcSecurityGroupIds']).map((g) => refTarget(g));
      assert.deepEqual(ingressRules(t.template).filter((r) => groups.includes(r.group)), [], 'the replication instance admits inbound traffic');
      const services = all(t, 'AWS::EC2::VPCEndpoint').map((e) => JSON.stringify(e['ServiceName']));
      for (const name of ['secretsmanager', 'mgn', 'ec2', 's3']) {
        assert.ok(services.some((s) => s.includes(`.${name}`)), `no ${name} endpoint`);
      }
    },
  ),
  claim(
    'encrypted-with-the-stacks-key',
    'The replication instance’s storage and both database secrets are encrypted with the stack’s own rotating KMS key.',
    (t) => {
      const keyId = refTarget(only(t, 'AWS::DMS::ReplicationInstance')['KmsKeyId']);
      const key = t.resources('AWS::KMS::Key').find((k) => k.id === keyId);
      assert.ok(key, 'the replication instance is not encrypted with a key of this stack');
      assert.equal(key.Properties?.['EnableKeyRotation'], true);
      const secrets = all(t, 'AWS::SecretsManager::Secret');
      assert.equal(secrets.length, 2);
      for (const s of secrets) assert.equal(refTarget(s['KmsKeyId']), keyId, `${s.id} uses another key`);
    },
  ),
  claim(
    'credentials-from-secrets-manager',
    'Neither endpoint has a user name, password or server in the template: each reads them from its own secret through a role only DMS can assume, which may read those two secrets and nothing else; connections require TLS.',
    (t) => {
      const endpoints = all(t, 'AWS::DMS::Endpoint');
      assert.deepEqual(endpoints.map((e) => e['EndpointType']).sort(), ['source', 'target']);
      const secrets = new Set(all(t, 'AWS::SecretsManager::Secret').map((s) => s.id));
      const roles = new Set<string | undefined>();
      for (const e of endpoints) {
        for (const prop of ['Username', 'Password', 'ServerName']) assert.equal(e[prop], undefined, `${e.id} has ${prop}`);
        assert.equal(e['SslMode'], 'require');
        const settings = secretSettings(e);
        assert.ok(secrets.has(refTarget(settings['SecretsManagerSecretId']) ?? ''), `${e.id} does not read a secret of this stack`);
        roles.add(refTarget(settings['SecretsManagerAccessRoleArn']));
      }
      assert.equal(roles.size, 1);
      const [roleId] = [...roles];
      const role = all(t, 'AWS::IAM::Role').find((r) => r.id === roleId);
      assert.ok(JSON.stringify(role?.['AssumeRolePolicyDocument']).includes('dms.'), 'the role is not for DMS');
      const statements = all(t, 'AWS::IAM::Policy')
        .filter((p) => asList(p['Roles']).some((r) => refTarget(r) === roleId))
        .flatMap((p) => (p['PolicyDocument'] as { Statement: Json[] }).Statement);
      const read = statements.filter((s) => asList(s['Action']).some((a) => String(a).startsWith('secretsmanager:')));
      assert.deepEqual(new Set(read.flatMap((s) => asList(s['Resource']).map((r) => refTarget(r)))), secrets);
    },
  ),
  claim(
    'replication-instance-multi-az',
    'The replication instance is Multi-AZ, in a subnet group with one subnet in each of two zones.',
    (t) => {
      assert.equal(only(t, 'AWS::DMS::ReplicationInstance')['MultiAZ'], true);
      const zones = groupSubnets(t).map((s) =>
        JSON.stringify(t.resources('AWS::EC2::Subnet').find((x) => x.id === refTarget(s))?.Properties?.['AvailabilityZone']),
      );
      assert.equal(new Set(zones).size, 2);
      assert.equal(
        refTarget(only(t, 'AWS::DMS::ReplicationInstance')['ReplicationSubnetGroupIdentifier']),
        only(t, 'AWS::DMS::ReplicationSubnetGroup').id,
      );
    },
  ),
  claim(
    'tasks-validate-rows',
    'There is one task per schema of the wave, each selecting every table of its schema only, with row-level validation on.',
    (t) => {
      const tasks = all(t, 'AWS::DMS::ReplicationTask');
      const selected = tasks.map((task) => {
        const rules = (JSON.parse(String(task['TableMappings'])) as { rules: Json[] }).rules;
        assert.equal(rules.length, 1);
        const locator = rules[0]?.['object-locator'] as Json;
        assert.equal(locator['table-name'], '%');
        assert.equal(task['MigrationType'], t.parameters['migrationType']);
        const validation = settingsOf(task)['ValidationSettings'] as Json;
        assert.equal(validation['EnableValidation'], true);
        assert.equal(validation['ValidationMode'], 'ROW_LEVEL');
        return String(locator['schema-name']);
      });
      assert.deepEqual(selected.sort(), schemas(t).sort());
    },
  ),
  claim(
    'tasks-stop-on-table-errors',
    'Every task stops on a table error rather than skip the table, fails on a truncation it cannot apply, and logs to CloudWatch.',
    (t) => {
      for (const task of all(t, 'AWS::DMS::ReplicationTask')) {
        const s = settingsOf(task);
        assert.equal((s['ErrorBehavior'] as Json)['TableErrorPolicy'], 'STOP_TASK');
        assert.equal((s['ErrorBehavior'] as Json)['ApplyErrorFailOnTruncationDdl'], true);
        assert.equal((s['Logging'] as Json)['EnableLogging'], true);
      }
    },
  ),
  claim(
    'latency-and-storage-alarms',
    'With change capture, each task has alarms on its source and target latency above 10 minutes; the replication instance has an alarm below 10 GiB of free storage; all notify alarmTopicArn.',
    (t) => {
      const alarms = all(t, 'AWS::CloudWatch::Alarm');
      const cdc = t.parameters['migrationType'] !== 'full-load';
      for (const metric of ['CDCLatencySource', 'CDCLatencyTarget']) {
        const found = alarms.filter((a) => a['MetricName'] === metric);
        assert.equal(found.length, cdc ? schemas(t).length : 0, `not one ${metric} alarm per task`);
        for (const a of found) assert.equal(a['Threshold'], 600);
      }
      const storage = alarms.find((a) => a['MetricName'] === 'FreeStorageSpace');
      assert.equal(storage?.['Threshold'], 10 * 1024 ** 3);
      const topic = String(t.parameters['alarmTopicArn']);
      for (const a of alarms) assert.deepEqual(a['AlarmActions'], topic === '' ? undefined : [topic]);
    },
  ),
  claim(
    'staging-admits-agents-only',
    'The MGN replication servers’ security group admits only the replication agents on TCP 1500 from sourceCidr, and sends only HTTPS inside the VPC.',
    (t) => {
      const sg = all(t, 'AWS::EC2::SecurityGroup').find((g) => String(g['GroupDescription']).startsWith('MGN replication servers'));
      assert.ok(sg, 'no security group for the replication servers');
      const rules = ingressRules(t.template).filter((r) => r.group === sg.id);
      assert.equal(rules.length, 1);
      const { rule } = rules[0] as (typeof rules)[number];
      assert.equal(rule.FromPort, 1500);
      assert.equal(rule.ToPort, 1500);
      assert.equal(rule.CidrIp, t.parameters['sourceCidr']);
      const egress = asList(sg['SecurityGroupEgress']) as Json[];
      assert.equal(egress.length, 1);
      assert.equal(egress[0]?.['FromPort'], 443);
    },
  ),
];
