import { describe, expect, test } from 'vitest';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { openCatalogue } from '../../../lib/catalogue.ts';
import {
  checkConfigurations,
  entryAcknowledgements,
  entryTemplate,
  REPO_ROOT,
  synthConfigs,
  expectClaimsHold,
} from '../../../test/helpers/synth-entry.ts';
import { customResourceTypes, ofType, typesOf } from '../../../test/helpers/template.ts';
import { maxConnectionsOf } from './alarms.ts';
import { CLASS_MEMORY_GIB, clusterIdentifierOf } from './stack.ts';

const ID = 'aurora-data-tier';
const template = entryTemplate(ID);
const PARAMS = {
  wide: [
    'azCount=3',
    'readerCount=3',
    'engineVersion=16.13',
    'instanceClass=db.r8g.xlarge',
    'storageType=io-optimized',
    'databaseInsightsMode=advanced',
    'monitoringIntervalSeconds=15',
    'awsBackupRetentionDays=0',
    'alarmEmail=dba@example.com',
    'vpcCidr=172.20.0.0/20',
  ],
  throwaway: [
    'deletionProtection=false',
    'removalPolicy=destroy',
    'backupRetentionDays=1',
    'rotationDays=7',
    'awsBackupRetentionDays=35',
    'engineVersion=18.6',
    'databaseName=orders',
    'masterUsername=orders_admin',
    'iamDbUser=orders_app',
    'preferredBackupWindow=22:00-22:30',
    'preferredMaintenanceWindow=sat:23:00-sat:23:30',
    'logRetentionDays=7',
  ],
} as const;
const runs = await synthConfigs(ID, PARAMS);
const wide = runs.ok('wide');
const throwaway = runs.ok('throwaway');
const meta = openCatalogue(REPO_ROOT).byId.get(ID)?.meta;

const getAtt = (prefix: string, attr: string) => ({ 'Fn::GetAtt': [Match.stringLikeRegexp(`^${prefix}`), attr] });
const keyArn = getAtt('DataKey', 'Arn');

checkConfigurations(ID, { wide, throwaway });

// oar check runs cdk/claims.ts on the default and the declared variants; here the claims also run on the two
// configurations above, which change nearly every parameter.
test.each(Object.entries(PARAMS))('every claim holds with the %s parameters', async (name, params) => {
  await expectClaimsHold(ID, name, runs.ok(name), params, 9);
});

test('deletion protection is acknowledged only when the deployer turned it off', () => {
  expect(entryAcknowledgements(ID).map((a) => a.rule)).not.toContain('AwsSolutions-RDS10');
  expect(throwaway.result.acknowledged.map((a) => a.rule)).toContain('AwsSolutions-RDS10');
});

test('no custom resources; the rotation function comes from the Secrets Manager transform', () => {
  const types = typesOf(template);
  expect(customResourceTypes(template)).toEqual([]);
  expect(types).not.toContain('AWS::Lambda::Function');
  expect(types).not.toContain('AWS::Serverless::Application');
  expect(template.toJSON()['Transform']).toBe('AWS::SecretsManager-2024-09-16');
});

describe('Multi-AZ network with no way in from outside', () => {
  test('application and database subnets in two zones by default, three with azCount=3', () => {
    template.resourceCountIs('AWS::EC2::Subnet', 4);
    wide.template.resourceCountIs('AWS::EC2::Subnet', 6);
    const azs = ofType(wide.template, 'AWS::EC2::Subnet').map((s) =>
      JSON.stringify(s.Properties?.['AvailabilityZone']),
    );
    expect(new Set(azs).size).toBe(3);
    const dbSubnets = ofType(template, 'AWS::RDS::DBSubnetGroup')[0]?.Properties?.['SubnetIds'] as unknown[];
    expect(dbSubnets).toHaveLength(2);
    expect(JSON.stringify(dbSubnets)).toContain('DatabaseSubnet');
  });

  test('the database security group sends nothing, and its application group is an output', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: Match.stringLikeRegexp('^Aurora cluster'),
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '255.255.255.255/32' })],
    });
    template.hasOutput('ApplicationSecurityGroupId', { Value: getAtt('NetworkApplicationSecurityGroup', 'GroupId') });
  });

  test('VPC flow log of all traffic into an encrypted log group', () => {
    template.hasResourceProperties('AWS::EC2::FlowLog', { ResourceType: 'VPC', TrafficType: 'ALL' });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/vpc-flow-logs/oar-aurora-data-tier',
      KmsKeyId: keyArn,
      RetentionInDays: 30,
    });
  });
});

describe('the cluster', () => {
  test('writer and readers in different zones; readers follow the zones in turn', () => {
    const azOf = (t: Template) =>
      ofType(t, 'AWS::RDS::DBInstance').map((i) => [
        i.Properties?.['PromotionTier'],
        (i.Properties?.['AvailabilityZone'] as { 'Fn::Select': [number, unknown] })['Fn::Select'][0],
      ]);
    expect(azOf(template)).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(azOf(wide.template)).toEqual([
      [0, 0],
      [1, 1],
      [1, 2],
      [1, 0],
    ]);
    template.allResourcesProperties('AWS::RDS::DBInstance', { DBInstanceClass: 'db.r7g.large' });
    wide.template.allResourcesProperties('AWS::RDS::DBInstance', { DBInstanceClass: 'db.r8g.xlarge' });
  });

  test('Aurora PostgreSQL, encrypted with the key, IAM authentication, logs exported, insights on', () => {
    template.hasResourceProperties('AWS::RDS::DBCluster', {
      Engine: 'aurora-postgresql',
      EngineVersion: '17.9',
      DBClusterIdentifier: 'oar-aurora-data-tier',
      StorageEncrypted: true,
      KmsKeyId: keyArn,
      StorageType: 'aurora',
      EnableIAMDatabaseAuthentication: true,
      EnableCloudwatchLogsExports: ['postgresql'],
      PerformanceInsightsEnabled: true,
      PerformanceInsightsKmsKeyId: keyArn,
      PerformanceInsightsRetentionPeriod: 7,
      DatabaseInsightsMode: 'standard',
      Port: 5432,
      DatabaseName: 'app',
      CopyTagsToSnapshot: true,
    });
    template.allResourcesProperties('AWS::RDS::DBInstance', {
      MonitoringInterval: 60,
      MonitoringRoleArn: getAtt('ClusterMonitoringRole', 'Arn'),
      CACertificateIdentifier: 'rds-ca-rsa2048-g1',
    });
    wide.template.hasResourceProperties('AWS::RDS::DBCluster', {
      EngineVersion: '16.13',
      StorageType: 'aurora-iopt1',
      DatabaseInsightsMode: 'advanced',
      PerformanceInsightsRetentionPeriod: 465,
    });
    wide.template.allResourcesProperties('AWS::RDS::DBInstance', { MonitoringInterval: 15 });
  });

  test('the parameter group forces TLS and matches the engine major version', () => {
    template.hasResourceProperties('AWS::RDS::DBClusterParameterGroup', {
      Family: 'aurora-postgresql17',
      Parameters: { 'rds.force_ssl': '1' },
    });
    wide.template.hasResourceProperties('AWS::RDS::DBClusterParameterGroup', { Family: 'aurora-postgresql16' });
    throwaway.template.hasResourceProperties('AWS::RDS::DBClusterParameterGroup', { Family: 'aurora-postgresql18' });
  });

  test('the maintenance window applies to the cluster and every instance; names follow the parameters', () => {
    template.hasResourceProperties('AWS::RDS::DBCluster', { PreferredMaintenanceWindow: 'sun:04:00-sun:04:30' });
    template.allResourcesProperties('AWS::RDS::DBInstance', { PreferredMaintenanceWindow: 'sun:04:00-sun:04:30' });
    throwaway.template.hasResourceProperties('AWS::RDS::DBCluster', {
      PreferredMaintenanceWindow: 'sat:23:00-sat:23:30',
      DatabaseName: 'orders',
      MasterUsername: 'orders_admin',
    });
    throwaway.template.allResourcesProperties('AWS::RDS::DBInstance', {
      PreferredMaintenanceWindow: 'sat:23:00-sat:23:30',
    });
  });

  test('the PostgreSQL log group exists, encrypted, before the cluster', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/aws/rds/cluster/oar-aurora-data-tier/postgresql',
      KmsKeyId: keyArn,
      RetentionInDays: 30,
    });
    const [cluster] = ofType(template, 'AWS::RDS::DBCluster');
    expect(cluster?.DependsOn?.some((d) => d.startsWith('PostgresLogGroup'))).toBe(true);
    throwaway.template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
  });

  test('the key lets CloudWatch Logs use it only for the two log groups', () => {
    const policy = JSON.stringify(ofType(template, 'AWS::KMS::Key')[0]?.Properties?.['KeyPolicy']);
    expect(policy).toContain('kms:EncryptionContext:aws:logs:arn');
    expect(policy).toContain(':log-group:/aws/rds/cluster/oar-aurora-data-tier/postgresql');
    expect(policy).toContain(':log-group:/vpc-flow-logs/oar-aurora-data-tier');
  });
});

describe('credentials', () => {
  test('the master secret is encrypted with the key and attached to the cluster', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      KmsKeyId: keyArn,
      GenerateSecretString: Match.objectLike({ SecretStringTemplate: '{"username":"dbadmin"}' }),
    });
    template.hasResourceProperties('AWS::SecretsManager::SecretTargetAttachment', {
      TargetType: 'AWS::RDS::DBCluster',
      TargetId: { Ref: Match.stringLikeRegexp('^Cluster') },
    });
  });

  test('hosted single-user rotation in the application subnets, every rotationDays', () => {
    template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      HostedRotationLambda: Match.objectLike({
        RotationType: 'PostgreSQLSingleUser',
        KmsKeyArn: keyArn,
        VpcSecurityGroupIds: getAtt('NetworkRotationSecurityGroup', 'GroupId'),
        VpcSubnetIds: {
          'Fn::Join': [
            '',
            [
              { Ref: Match.stringLikeRegexp('ApplicationSubnet1') },
              ',',
              { Ref: Match.stringLikeRegexp('ApplicationSubnet2') },
            ],
          ],
        },
      }),
      RotationRules: { ScheduleExpression: 'rate(30 days)' },
    });
    throwaway.template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      RotationRules: { ScheduleExpression: 'rate(7 days)' },
    });
  });

  test('the first rotation waits for the instances, the endpoint and the security group rules', () => {
    const [schedule] = ofType(template, 'AWS::SecretsManager::RotationSchedule');
    const deps = schedule?.DependsOn ?? [];
    for (const prefix of ['ClusterWriter', 'ClusterReader1', 'NetworkVpcSecretsManagerEndpoint'])
      expect(
        deps.some((d) => d.startsWith(prefix)),
        prefix,
      ).toBe(true);
    expect(deps.filter((d) => d.startsWith('DatabaseSecurityGroupfrom'))).toHaveLength(2);
    const [wideSchedule] = ofType(wide.template, 'AWS::SecretsManager::RotationSchedule');
    expect(wideSchedule?.DependsOn?.filter((d) => d.startsWith('ClusterReader'))).toHaveLength(3);
  });
});

describe('alarms', () => {

  test('seven alarms by role, with OK actions too; max_connections follows the Aurora formula', () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', 7);
    for (const alarm of ofType(template, 'AWS::CloudWatch::Alarm')) {
      const dimensions = alarm.Properties?.['Dimensions'] as { Name: string; Value: string }[];
      expect(dimensions.map((d) => d.Name)).toEqual(['DBClusterIdentifier', 'Role']);
      expect(dimensions[0]?.Value).toBe('oar-aurora-data-tier');
      expect(JSON.stringify(alarm.Properties?.['OKActions'])).toMatch(/^\[\{"Ref":"AlarmsTopic[0-9A-F]+"\}\]$/u);
    }
    expect(maxConnectionsOf(16)).toBe(1802);
    expect(maxConnectionsOf(1024)).toBe(5000);
  });

  test('the topic is encrypted, TLS-only, and subscribes alarmEmail when given', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: keyArn });
    template.resourceCountIs('AWS::SNS::TopicPolicy', 1);
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    wide.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'dba@example.com' });
  });
});

describe('AWS Backup', () => {

  test('awsBackupRetentionDays=0 creates no AWS Backup resources', () => {
    expect(typesOf(wide.template).filter((t) => t.startsWith('AWS::Backup::'))).toEqual([]);
    wide.template.hasOutput('BackupVaultName', { Value: 'none' });
  });
});

describe('helpers', () => {
  test('cluster identifiers drop the double hyphen of environment stack names', () => {
    expect(clusterIdentifierOf('oar-aurora-data-tier')).toBe('oar-aurora-data-tier');
    expect(clusterIdentifierOf('oar-aurora-data-tier--prod')).toBe('oar-aurora-data-tier-prod');
    expect(clusterIdentifierOf('9_Orders.DB')).toBe('orders-db');
    expect(clusterIdentifierOf(`oar-aurora-data-tier--${'x'.repeat(45)}`)).toHaveLength(63);
  });
});

describe('metadata agrees with the stack', () => {
  test('the instance class enum and the memory table agree', () => {
    const classes = meta?.parameters?.find((p) => p.name === 'instanceClass')?.enum ?? [];
    expect(classes.length).toBeGreaterThan(0);
    expect([...classes].sort()).toEqual(Object.keys(CLASS_MEMORY_GIB).sort());
  });
});
