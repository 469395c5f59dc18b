// What this entry promises, proven on every configuration oar check synthesizes: the default parameters and
// each variant in architecture.yaml. Run: npx oar check windows-dotnet-estate
import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';
import { asList, flatOf, ingressRules, type Json, refTarget } from '../../../generators/check/claims/template-queries.ts';

type Found = Json & { readonly id: string };

const all = (t: ClaimContext, type: string): Found[] => t.resources(type).map(flatOf);
const only = (t: ClaimContext, type: string): Found => flatOf(t.only(type));
const raw = (t: ClaimContext): Record<string, Json> => t.json['Resources'] as Record<string, Json>;

/** The customer managed key that encrypts the data: the key the database uses. */
function dataKey(t: ClaimContext): string {
  const id = refTarget(only(t, 'AWS::RDS::DBInstance')['KmsKeyId']);
  assert.ok(id && t.resources('AWS::KMS::Key').some((k) => k.id === id), 'the database is not encrypted with a key of this stack');
  return id;
}

/** The security group of the web servers, from their launch template. */
function webGroup(t: ClaimContext): string {
  const lt = only(t, 'AWS::EC2::LaunchTemplate')['LaunchTemplateData'] as Json;
  const [group] = asList(lt['SecurityGroupIds']).map((g) => refTarget(g));
  assert.ok(group, 'the web servers have no security group of this stack');
  return group;
}

/** The zone expression of a subnet, to tell zones apart. */
const zoneOf = (t: ClaimContext, subnet: unknown): string =>
  JSON.stringify(t.resources('AWS::EC2::Subnet').find((s) => s.id === refTarget(subnet))?.Properties?.['AvailabilityZone']);

/** Whether a subnet routes to an internet gateway, which makes it public. */
function isPublic(t: ClaimContext, subnet: unknown): boolean {
  const id = refTarget(subnet);
  const assoc = all(t, 'AWS::EC2::SubnetRouteTableAssociation').find((a) => refTarget(a['SubnetId']) === id);
  const table = refTarget(assoc?.['RouteTableId']);
  return all(t, 'AWS::EC2::Route').some((r) => refTarget(r['RouteTableId']) === table && r['GatewayId'] !== undefined);
}

export default [
  claim(
    'encrypted-with-the-stacks-key',
    'The file system, the database and every secret are encrypted with the stack’s own rotating KMS key, and the web servers’ disks are encrypted.',
    (t) => {
      const key = dataKey(t);
      assert.equal(raw(t)[key]?.['Properties'] && (raw(t)[key]?.['Properties'] as Json)['EnableKeyRotation'], true, 'the key does not rotate');
      assert.equal(only(t, 'AWS::RDS::DBInstance')['StorageEncrypted'], true);
      assert.equal(refTarget(only(t, 'AWS::FSx::FileSystem')['KmsKeyId']), key, 'the file system uses another key');
      const secrets = all(t, 'AWS::SecretsManager::Secret');
      assert.ok(secrets.length >= 3);
      for (const s of secrets) assert.equal(refTarget(s['KmsKeyId']), key, `${s.id} is not encrypted with the data key`);
      const lt = only(t, 'AWS::EC2::LaunchTemplate')['LaunchTemplateData'] as Json;
      for (const m of lt['BlockDeviceMappings'] as { Ebs: Json }[]) assert.equal(m.Ebs['Encrypted'], true);
    },
  ),
  claim(
    'data-reachable-only-from-web-servers',
    'Only the web servers’ security group reaches the file system (SMB, 445) and the database (1433); nothing else may connect to either.',
    (t) => {
      const web = webGroup(t);
      const fsGroups = asList(only(t, 'AWS::FSx::FileSystem')['SecurityGroupIds']).map((g) => refTarget(g));
      const dbGroups = asList(only(t, 'AWS::RDS::DBInstance')['VPCSecurityGroups']).map((g) => refTarget(g));
      for (const [groups, port] of [
        [fsGroups, 445],
        [dbGroups, 1433],
      ] as const) {
        const rules = ingressRules(t.template).filter((r) => groups.includes(r.group));
        assert.equal(rules.length, 1, `expected one rule into the port ${port} group, found ${rules.length}`);
        const { rule } = rules[0] as (typeof rules)[number];
        assert.equal(refTarget(rule.SourceSecurityGroupId), web);
        assert.equal(rule.FromPort, port);
        assert.equal(rule.ToPort, port);
      }
    },
  ),
  claim(
    'no-public-servers',
    'The web servers run in private subnets without public addresses and require IMDSv2; the database is not publicly accessible; the directory, file system and database sit in subnets with no route to the internet.',
    (t) => {
      const group = only(t, 'AWS::AutoScaling::AutoScalingGroup');
      for (const s of asList(group['VPCZoneIdentifier'])) assert.equal(isPublic(t, s), false, 'a web server subnet is public');
      const lt = only(t, 'AWS::EC2::LaunchTemplate')['LaunchTemplateData'] as Json;
      assert.equal((lt['MetadataOptions'] as Json)['HttpTokens'], 'required');
      assert.equal(lt['NetworkInterfaces'], undefined, 'the launch template sets network interfaces (a public address?)');
      assert.notEqual(only(t, 'AWS::RDS::DBInstance')['PubliclyAccessible'], true);
      const dataSubnets = [
        ...asList(((only(t, 'AWS::DirectoryService::MicrosoftAD')['VpcSettings'] as Json)['SubnetIds'])),
        ...asList(only(t, 'AWS::FSx::FileSystem')['SubnetIds']),
      ];
      for (const s of dataSubnets) {
        const id = refTarget(s);
        const assoc = all(t, 'AWS::EC2::SubnetRouteTableAssociation').find((a) => refTarget(a['SubnetId']) === id);
        const routes = all(t, 'AWS::EC2::Route').filter((r) => refTarget(r['RouteTableId']) === refTarget(assoc?.['RouteTableId']));
        assert.deepEqual(routes, [], `data subnet ${String(id)} has a route out`);
      }
    },
  ),
  claim(
    'web-tier-spans-zones-with-zonal-shift',
    'The web servers span both zones, and both the load balancer and the group take part in zonal shift.',
    (t) => {
      const group = only(t, 'AWS::AutoScaling::AutoScalingGroup');
      const subnets = asList(group['VPCZoneIdentifier']);
      assert.equal(new Set(subnets.map((s) => zoneOf(t, s))).size, 2, 'the group is not in two zones');
      assert.ok(Number(group['MinSize']) >= 2, 'fewer than one server per zone');
      assert.deepEqual(group['AvailabilityZoneImpairmentPolicy'], { ZonalShiftEnabled: true, ImpairedZoneHealthCheckBehavior: 'IgnoreUnhealthy' });
      const lb = only(t, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
      const attrs = lb['LoadBalancerAttributes'] as { Key: string; Value: string }[];
      assert.ok(attrs.some((a) => a.Key === 'zonal_shift.config.enabled' && a.Value === 'true'), 'zonal shift is off on the load balancer');
    },
  ),
  claim(
    'replacement-launches-before-termination',
    'The group replaces servers that fail the load balancer health check, launching the new server before it terminates the old one, after a grace period long enough for Windows to boot and join the domain.',
    (t) => {
      const group = only(t, 'AWS::AutoScaling::AutoScalingGroup');
      assert.equal(group['HealthCheckType'], 'ELB');
      assert.ok(Number(group['HealthCheckGracePeriod']) >= 900, 'the grace period is shorter than 15 minutes');
      assert.deepEqual(group['InstanceMaintenancePolicy'], { MinHealthyPercentage: 100, MaxHealthyPercentage: 200 });
    },
  ),
  claim(
    'directory-in-two-zones',
    'The managed directory has its two domain controllers in two data subnets in different zones, and the web servers use them as DNS servers to join the domain.',
    (t) => {
      const ad = only(t, 'AWS::DirectoryService::MicrosoftAD');
      const subnets = asList((ad['VpcSettings'] as Json)['SubnetIds']);
      assert.equal(subnets.length, 2);
      assert.equal(new Set(subnets.map((s) => zoneOf(t, s))).size, 2, 'both domain controllers are in one zone');
      assert.equal(ad['Name'], t.parameters['domainName']);
      const userData = JSON.stringify((only(t, 'AWS::EC2::LaunchTemplate')['LaunchTemplateData'] as Json)['UserData']);
      assert.ok(userData.includes('DnsIpAddresses') && userData.includes('Add-Computer'), 'the servers do not join the directory');
    },
  ),
  claim(
    'file-system-multi-az',
    'The file system is Multi-AZ (an active and a standby file server in the two data subnets) and joined to the managed directory.',
    (t) => {
      const fs = only(t, 'AWS::FSx::FileSystem');
      const windows = fs['WindowsConfiguration'] as Json;
      assert.equal(fs['FileSystemType'], 'WINDOWS');
      assert.equal(windows['DeploymentType'], 'MULTI_AZ_1');
      const subnets = asList(fs['SubnetIds']);
      assert.equal(new Set(subnets.map((s) => zoneOf(t, s))).size, 2);
      assert.ok(subnets.some((s) => refTarget(s) === refTarget(windows['PreferredSubnetId'])));
      assert.equal(refTarget(windows['ActiveDirectoryId']), only(t, 'AWS::DirectoryService::MicrosoftAD').id);
      assert.equal(windows['ThroughputCapacity'], t.parameters['fileThroughputMBps']);
    },
  ),
  claim(
    'database-multi-az',
    'SQL Server runs license-included on RDS with a Multi-AZ standby, and Windows Authentication through the managed directory.',
    (t) => {
      const db = only(t, 'AWS::RDS::DBInstance');
      assert.equal(db['MultiAZ'], true);
      assert.equal(db['LicenseModel'], 'license-included');
      assert.equal(db['Engine'], t.parameters['sqlServerEdition']);
      assert.equal(refTarget(db['Domain']), only(t, 'AWS::DirectoryService::MicrosoftAD').id);
      assert.ok(refTarget(db['DomainIAMRoleName']), 'no role for the directory join');
    },
  ),
  claim(
    'backups-kept',
    'The file system and the database keep automated backups for backupRetentionDays.',
    (t) => {
      const days = t.parameters['backupRetentionDays'];
      assert.equal((only(t, 'AWS::FSx::FileSystem')['WindowsConfiguration'] as Json)['AutomaticBackupRetentionDays'], days);
      assert.equal(only(t, 'AWS::RDS::DBInstance')['BackupRetentionPeriod'], days);
    },
  ),
  claim(
    'database-protected',
    'With deletionProtection the database refuses deletion and is snapshotted, and the data key is kept, when the stack is deleted.',
    (t) => {
      const on = t.parameters['deletionProtection'] === true;
      const db = only(t, 'AWS::RDS::DBInstance');
      assert.equal(db['DeletionProtection'], on);
      assert.equal(raw(t)[db.id]?.['DeletionPolicy'], on ? 'Snapshot' : 'Delete');
      assert.equal(raw(t)[dataKey(t)]?.['DeletionPolicy'], on ? 'Retain' : 'Delete');
    },
  ),
  claim(
    'servers-read-only-the-join-secret',
    'The web servers’ role may read the domain join secret and nothing else from Secrets Manager; it has no access to the directory Admin or SQL Server master secrets.',
    (t) => {
      const lt = only(t, 'AWS::EC2::LaunchTemplate')['LaunchTemplateData'] as Json;
      const profileId = refTarget((lt['IamInstanceProfile'] as Json)['Arn']);
      const profile = all(t, 'AWS::IAM::InstanceProfile').find((p) => p.id === profileId);
      const [roleId] = asList(profile?.['Roles']).map((r) => refTarget(r));
      const statements = all(t, 'AWS::IAM::Policy')
        .filter((p) => asList(p['Roles']).some((r) => refTarget(r) === roleId))
        .flatMap((p) => (p['PolicyDocument'] as { Statement: Json[] }).Statement);
      const secretStatements = statements.filter((s) => asList(s['Action']).some((a) => String(a).startsWith('secretsmanager:')));
      assert.equal(secretStatements.length, 1);
      const [secret] = asList(secretStatements[0]?.['Resource']).map((r) => refTarget(r));
      const join = all(t, 'AWS::SecretsManager::Secret').find((s) => s.id === secret);
      assert.ok(String(join?.['Description']).startsWith('Domain join account'), 'the servers read another secret than the join secret');
      const managed = JSON.stringify(all(t, 'AWS::IAM::Role').find((r) => r.id === roleId)?.['ManagedPolicyArns']);
      assert.ok(managed.includes('AmazonSSMManagedInstanceCore') && !managed.includes('SecretsManager'), 'unexpected managed policies');
    },
  ),
];
