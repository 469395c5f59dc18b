// What architecture.yaml promises about this stack, checked against every configuration oar check synthesizes.
import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';
import { flatten, ingressRules, type Json, type Resource, propsOf as props, refTarget as target } from '../../../generators/check/claims/template-queries.ts';
import { maxConnectionsOf, THRESHOLDS } from './alarms.ts';
import { CLASS_MEMORY_GIB } from './naming.ts';

/** The zone index an instance or subnet is pinned to with Fn::Select over Fn::GetAZs. */
const zoneIndex = (r: Resource): number =>
  (props(r)['AvailabilityZone'] as { 'Fn::Select': [number, unknown] })['Fn::Select'][0];

const keyId = (t: ClaimContext): string => t.only('AWS::KMS::Key').id;

export default [
  claim(
    'readers-in-other-zones',
    'The cluster has a writer and readerCount readers as failover targets, and at least one reader sits in another zone than the writer.',
    (t) => {
      const cluster = t.only('AWS::RDS::DBCluster');
      const instances = t.resources('AWS::RDS::DBInstance');
      for (const i of instances)
        assert.equal(target(props(i)['DBClusterIdentifier']), cluster.id, `${i.id} is not in the cluster`);
      const writers = instances.filter((i) => props(i)['PromotionTier'] === 0);
      const readers = instances.filter((i) => props(i)['PromotionTier'] === 1);
      assert.equal(writers.length, 1, 'there is not exactly one initial writer');
      assert.equal(readers.length, t.parameters['readerCount'], 'the number of failover targets is not readerCount');
      assert.equal(instances.length, readers.length + 1, 'some instance is neither the writer nor a failover target');
      const [writer] = writers;
      assert.ok(writer);
      assert.ok(
        readers.some((r) => zoneIndex(r) !== zoneIndex(writer)),
        'every reader is in the writer zone, so a zone failure takes all of them',
      );
      for (const i of instances)
        assert.ok(zoneIndex(i) < Number(t.parameters['azCount']), `${i.id} is placed outside the azCount zones`);
      const subnetGroup = t.only('AWS::RDS::DBSubnetGroup');
      const subnetIds = (props(subnetGroup)['SubnetIds'] as unknown[]).map(target);
      const zones = new Set(
        t
          .resources('AWS::EC2::Subnet')
          .filter((s) => subnetIds.includes(s.id))
          .map(zoneIndex),
      );
      assert.equal(zones.size, t.parameters['azCount'], 'the DB subnet group does not span azCount zones');
    },
  ),
  claim(
    'point-in-time-recovery',
    'Automated backups keep backupRetentionDays of point-in-time recovery, taken in preferredBackupWindow.',
    (t) => {
      const cluster = props(t.only('AWS::RDS::DBCluster'));
      assert.equal(cluster['BackupRetentionPeriod'], t.parameters['backupRetentionDays'], 'the recovery window is not backupRetentionDays');
      assert.equal(cluster['PreferredBackupWindow'], t.parameters['preferredBackupWindow'], 'the backup window is not preferredBackupWindow');
      assert.equal(cluster['CopyTagsToSnapshot'], true, 'snapshots lose the cluster tags');
    },
  ),
  claim(
    'daily-backup-snapshots',
    'With awsBackupRetentionDays above 0, AWS Backup snapshots the cluster every day into a retained vault encrypted with the stack key and keeps each snapshot that many days.',
    (t) => {
      const days = Number(t.parameters['awsBackupRetentionDays']);
      const vaults = t.resources('AWS::Backup::BackupVault');
      if (days === 0) {
        assert.deepEqual(vaults, [], 'a backup vault exists although awsBackupRetentionDays is 0');
        return;
      }
      const [vault] = vaults;
      assert.ok(vault && vaults.length === 1, 'there is not exactly one backup vault');
      assert.equal(vault.DeletionPolicy, 'Retain', 'the vault is deleted with the stack');
      assert.equal(target(props(vault)['EncryptionKeyArn']), keyId(t), 'the vault is not encrypted with the stack key');
      const plan = props(t.only('AWS::Backup::BackupPlan'))['BackupPlan'] as Json;
      const rules = plan['BackupPlanRule'] as Json[];
      assert.equal(rules.length, 1, 'the plan does not have exactly one rule');
      const [rule] = rules;
      assert.ok(rule);
      assert.match(String(rule['ScheduleExpression']), /^cron\(\d+ \d+ \* \* \? \*\)$/u, 'the plan does not run every day');
      assert.deepEqual(rule['Lifecycle'], { DeleteAfterDays: days }, 'snapshots are not kept awsBackupRetentionDays');
      assert.equal(target(rule['TargetBackupVault']), vault.id, 'the plan does not write to the vault');
      const selection = props(t.only('AWS::Backup::BackupSelection'))['BackupSelection'] as Json;
      const cluster = t.only('AWS::RDS::DBCluster');
      assert.deepEqual(
        (selection['Resources'] as unknown[]).map(flatten),
        [
          `arn:<{"Ref":"AWS::Partition"}>:rds:<{"Ref":"AWS::Region"}>:<{"Ref":"AWS::AccountId"}>:cluster:<{"Ref":"${cluster.id}"}>`,
        ],
        'the plan does not select exactly this cluster',
      );
    },
  ),
  claim(
    'deletion-leaves-a-snapshot',
    'Deletion protection follows deletionProtection, and with removalPolicy snapshot a stack deletion leaves a final snapshot and keeps the secret and the key.',
    (t) => {
      const cluster = t.only('AWS::RDS::DBCluster');
      assert.equal(props(cluster)['DeletionProtection'], t.parameters['deletionProtection'], 'deletion protection is not deletionProtection');
      const snapshot = t.parameters['removalPolicy'] === 'snapshot';
      assert.equal(cluster.DeletionPolicy, snapshot ? 'Snapshot' : 'Delete', 'the cluster deletion policy does not follow removalPolicy');
      assert.equal(cluster.UpdateReplacePolicy, snapshot ? 'Snapshot' : 'Delete', 'a replaced cluster leaves no snapshot');
      for (const type of ['AWS::KMS::Key', 'AWS::SecretsManager::Secret']) {
        const r = t.only(type);
        assert.equal(r.DeletionPolicy, snapshot ? 'Retain' : 'Delete', `${type} does not outlive the cluster it can open`);
      }
    },
  ),
  claim(
    'secret-rotated',
    'Secrets Manager rotates the master password every rotationDays with its hosted single-user function, in the application subnets.',
    (t) => {
      const schedule = props(t.only('AWS::SecretsManager::RotationSchedule'));
      assert.deepEqual(
        schedule['RotationRules'],
        { ScheduleExpression: `rate(${String(t.parameters['rotationDays'])} days)` },
        'the rotation schedule is not rotationDays',
      );
      const hosted = schedule['HostedRotationLambda'] as Json;
      assert.equal(hosted['RotationType'], 'PostgreSQLSingleUser', 'the rotation is not the hosted PostgreSQL function');
      assert.match(flatten(hosted['VpcSubnetIds']), /ApplicationSubnet/u, 'the rotation function is not in the application subnets');
      const attachment = t.only('AWS::SecretsManager::SecretTargetAttachment');
      assert.equal(target(schedule['SecretId']), attachment.id, 'the rotated secret is not the one attached to the cluster');
    },
  ),
  claim(
    'tls-and-iam-auth',
    'The cluster refuses connections without TLS, accepts IAM authentication tokens, and the connect policy allows only iamDbUser on this cluster.',
    (t) => {
      const cluster = props(t.only('AWS::RDS::DBCluster'));
      assert.equal(cluster['EnableIAMDatabaseAuthentication'], true, 'IAM database authentication is off');
      const group = t.only('AWS::RDS::DBClusterParameterGroup');
      assert.equal(target(cluster['DBClusterParameterGroupName']), group.id, 'the cluster does not use the parameter group');
      assert.equal((props(group)['Parameters'] as Json)['rds.force_ssl'], '1', 'TLS is not forced');
      const statements = (props(t.only('AWS::IAM::ManagedPolicy'))['PolicyDocument'] as { Statement: Json[] }).Statement;
      const [statement] = statements;
      assert.ok(statement && statements.length === 1, 'the connect policy has more than one statement');
      assert.equal(statement['Action'], 'rds-db:connect', 'the connect policy allows more than rds-db:connect');
      assert.match(
        flatten(statement['Resource']),
        new RegExp(`:dbuser:<[^>]*DBClusterResourceId[^>]*>/${String(t.parameters['iamDbUser'])}$`, 'u'),
        'the connect policy is not for iamDbUser on this cluster',
      );
    },
  ),
  claim(
    'database-reachable-from-two-groups',
    'Only the application and rotation security groups reach the database, on 5432; no subnet routes to the internet and no instance is public.',
    (t) => {
      const dbGroup = t
        .resources('AWS::EC2::SecurityGroup')
        .find((g) => String(props(g)['GroupDescription']).startsWith('Aurora cluster'));
      assert.ok(dbGroup, 'the database security group is missing');
      const rules = ingressRules(t.template).filter((r) => r.group === dbGroup.id).map((r) => r.rule);
      assert.equal(rules.length, 2, 'the database admits more or fewer than two sources');
      for (const r of rules) {
        assert.equal(r.CidrIp ?? r.CidrIpv6, undefined, 'the database admits an address range');
        assert.deepEqual([r.IpProtocol, r.FromPort, r.ToPort], ['tcp', 5432, 5432], 'the database admits more than 5432');
      }
      const sources = rules.map((r) => target(r.SourceSecurityGroupId) ?? '').sort();
      assert.match(sources.join(' '), /ApplicationSecurityGroup.*RotationSecurityGroup/u, 'the sources are not the application and rotation groups');
      for (const type of ['AWS::EC2::InternetGateway', 'AWS::EC2::NatGateway', 'AWS::EC2::Route'])
        assert.deepEqual(t.resources(type), [], `the network has a ${type}`);
      for (const i of t.resources('AWS::RDS::DBInstance'))
        assert.equal(props(i)['PubliclyAccessible'], false, `${i.id} is publicly accessible`);
    },
  ),
  claim(
    'secrets-manager-endpoint',
    'Secrets Manager is reachable from the isolated subnets through an interface endpoint with private DNS, open to the rotation function and the application only.',
    (t) => {
      const endpoint = props(t.only('AWS::EC2::VPCEndpoint'));
      assert.equal(endpoint['VpcEndpointType'], 'Interface', 'the endpoint is not an interface endpoint');
      assert.equal(endpoint['PrivateDnsEnabled'], true, 'the endpoint has no private DNS, so the SDK would not use it');
      assert.match(flatten(endpoint['ServiceName']), /secretsmanager$/u, 'the endpoint is not for Secrets Manager');
      const groups = (endpoint['SecurityGroupIds'] as unknown[]).map(target);
      const rules = ingressRules(t.template).filter((r) => groups.includes(r.group));
      assert.equal(rules.length, 2, 'the endpoint admits more or fewer than two sources');
      for (const { rule } of rules) {
        assert.equal(rule.CidrIp, undefined, 'the endpoint admits an address range');
        assert.equal(rule.FromPort, 443, 'the endpoint admits more than HTTPS');
      }
    },
  ),
  claim(
    'capacity-alarms-notify',
    'Alarms on CPU, freeable memory and connections of the writer and the readers, with thresholds from the instance class, and on replica lag notify the alarm topic.',
    (t) => {
      const topic = t.only('AWS::SNS::Topic');
      const alarms = t.resources('AWS::CloudWatch::Alarm').map(props);
      for (const a of alarms)
        assert.deepEqual((a['AlarmActions'] as unknown[]).map(target), [topic.id], `${String(a['MetricName'])} does not notify the topic`);
      const memoryGiB = CLASS_MEMORY_GIB[String(t.parameters['instanceClass'])] ?? 0;
      const expected: [string, number][] = [
        ['CPUUtilization', THRESHOLDS.cpuPercent],
        ['FreeableMemory', Math.round(memoryGiB * THRESHOLDS.freeMemoryShare * 1024 ** 3)],
        ['DatabaseConnections', Math.floor(maxConnectionsOf(memoryGiB) * THRESHOLDS.connectionShare)],
      ];
      for (const role of ['WRITER', 'READER']) {
        for (const [metric, threshold] of expected) {
          const alarm = alarms.find(
            (a) => a['MetricName'] === metric && JSON.stringify(a['Dimensions']).includes(`"Value":"${role}"`),
          );
          assert.ok(alarm, `there is no ${metric} alarm for the ${role.toLowerCase()}`);
          assert.equal(alarm['Threshold'], threshold, `the ${metric} threshold of the ${role.toLowerCase()} does not follow the instance class`);
        }
      }
      assert.ok(alarms.some((a) => a['MetricName'] === 'AuroraReplicaLagMaximum'), 'there is no replica lag alarm');
    },
  ),
  claim(
    'one-key-encrypts-everything',
    'One customer managed key with rotation encrypts the cluster storage and snapshots, Performance Insights, the master secret, the log groups, the alarm topic and the backup vault.',
    (t) => {
      const key = t.only('AWS::KMS::Key');
      assert.equal(props(key)['EnableKeyRotation'], true, 'the key does not rotate');
      const cluster = props(t.only('AWS::RDS::DBCluster'));
      assert.equal(cluster['StorageEncrypted'], true, 'the cluster storage is not encrypted');
      const uses: [string, unknown][] = [
        ['cluster storage', cluster['KmsKeyId']],
        ['Performance Insights', cluster['PerformanceInsightsKmsKeyId']],
        ['master secret', props(t.only('AWS::SecretsManager::Secret'))['KmsKeyId']],
        ['alarm topic', props(t.only('AWS::SNS::Topic'))['KmsMasterKeyId']],
        ...t.resources('AWS::Logs::LogGroup').map((g): [string, unknown] => [`log group ${g.id}`, props(g)['KmsKeyId']]),
        ...t.resources('AWS::Backup::BackupVault').map((v): [string, unknown] => ['backup vault', props(v)['EncryptionKeyArn']]),
      ];
      for (const [what, ref] of uses) assert.equal(target(ref), key.id, `the ${what} is not encrypted with the stack key`);
    },
  ),
];
