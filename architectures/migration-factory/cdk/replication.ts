import { Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dms from 'aws-cdk-lib/aws-dms';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export type SourceEngine = 'postgres' | 'mysql' | 'sqlserver' | 'oracle';
export type TargetEngine = 'aurora-postgresql' | 'postgres' | 'aurora-mysql' | 'mysql' | 'sqlserver';

/** The endpoint settings block that takes a Secrets Manager secret, per DMS engine name. */
const SETTINGS: Record<string, string> = {
  postgres: 'postgreSqlSettings',
  'aurora-postgresql': 'postgreSqlSettings',
  mysql: 'mySqlSettings',
  aurora: 'mySqlSettings',
  sqlserver: 'microsoftSqlServerSettings',
  oracle: 'oracleSettings',
};
/** CloudFormation's EngineName for a target engine. */
const DMS_ENGINE: Record<string, string> = { 'aurora-mysql': 'aurora' };

export interface ReplicationProps {
  readonly vpc: ec2.IVpc;
  readonly key: kms.IKey;
  readonly instanceClass: string;
  readonly storageGiB: number;
  readonly sourceEngine: SourceEngine;
  readonly sourceDatabase: string;
  readonly targetEngine: TargetEngine;
  readonly targetDatabase: string;
  readonly schemas: readonly string[];
  readonly migrationType: 'full-load' | 'full-load-and-cdc' | 'cdc';
  readonly sourceCidr: string;
  readonly createDmsVpcRole: boolean;
  readonly alarmTopicArn: string;
}

/**
 * A DMS replication instance (Multi-AZ, private, encrypted) in the migration VPC's isolated subnets, a source
 * and a target endpoint whose credentials and host names come from Secrets Manager through a role DMS assumes,
 * and one replication task per schema of the wave, each validating the rows it copies and logging to CloudWatch.
 */
export class Replication extends Construct {
  readonly instance: dms.CfnReplicationInstance;
  readonly tasks: dms.CfnReplicationTask[] = [];
  readonly sourceSecret: secretsmanager.Secret;
  readonly targetSecret: secretsmanager.Secret;
  readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: ReplicationProps) {
    super(scope, id);
    const stack = Stack.of(this);

    // DMS needs this exact role name to manage the network interfaces of a subnet group; once per account.
    const vpcRole = props.createDmsVpcRole
      ? new iam.Role(this, 'DmsVpcRole', {
          roleName: 'dms-vpc-role',
          assumedBy: new iam.ServicePrincipal('dms.amazonaws.com'),
          managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonDMSVPCManagementRole')],
        })
      : undefined;
    if (vpcRole) {
      Validations.of(vpcRole).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonDMSVPCManagementRole]',
        reason: 'DMS requires the role dms-vpc-role with this AWS managed policy to place replication instances in a VPC.',
      });
    }

    const subnetGroup = new dms.CfnReplicationSubnetGroup(this, 'SubnetGroup', {
      replicationSubnetGroupDescription: `Isolated subnets of ${stack.stackName}`,
      subnetIds: props.vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }).subnetIds,
    });
    if (vpcRole) subnetGroup.node.addDependency(vpcRole);

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'DMS replication instance: no inbound; out to the source and target databases',
      allowAllOutbound: false,
    });
    for (const port of new Set([portOf(props.sourceEngine), portOf(props.targetEngine)])) {
      this.securityGroup.addEgressRule(ec2.Peer.ipv4(props.sourceCidr), ec2.Port.tcp(port), `Database port ${port} on the source network`);
      this.securityGroup.addEgressRule(ec2.Peer.ipv4(props.vpc.vpcCidrBlock), ec2.Port.tcp(port), `Database port ${port} in the VPC`);
    }
    this.securityGroup.addEgressRule(ec2.Peer.ipv4(props.vpc.vpcCidrBlock), ec2.Port.tcp(443), 'Secrets Manager endpoint');

    this.instance = new dms.CfnReplicationInstance(this, 'Instance', {
      replicationInstanceClass: props.instanceClass,
      allocatedStorage: props.storageGiB,
      multiAz: true,
      publiclyAccessible: false,
      kmsKeyId: props.key.keyArn,
      replicationSubnetGroupIdentifier: subnetGroup.ref,
      vpcSecurityGroupIds: [this.securityGroup.securityGroupId],
      autoMinorVersionUpgrade: true,
      preferredMaintenanceWindow: 'sun:05:00-sun:06:00',
    });

    // Credentials and host names live in Secrets Manager; the runbook fills in the real values.
    const secret = (name: string, engine: string): secretsmanager.Secret => {
      const s = new secretsmanager.Secret(this, `${name}Secret`, {
        description: `DMS ${name.toLowerCase()} database: username, password, host, port (fill in before the wave starts)`,
        encryptionKey: props.key,
        generateSecretString: {
          secretStringTemplate: JSON.stringify({ username: 'dms_user', host: 'replace-me.example.internal', port: portOf(engine) }),
          generateStringKey: 'password',
          excludeCharacters: `"'\\/@ `,
        },
        removalPolicy: RemovalPolicy.DESTROY,
      });
      Validations.of(s).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason: 'The secret holds credentials of a database outside this stack, which its owners rotate; DMS reads the current value at each connection.',
      });
      return s;
    };
    this.sourceSecret = secret('Source', props.sourceEngine);
    this.targetSecret = secret('Target', props.targetEngine);

    const secretsRole = new iam.Role(this, 'SecretsRole', {
      assumedBy: new iam.ServicePrincipal(`dms.${stack.region}.amazonaws.com`),
      description: 'DMS reads the source and target credentials',
    });
    this.sourceSecret.grantRead(secretsRole);
    this.targetSecret.grantRead(secretsRole);

    const endpoint = (kind: 'source' | 'target', engine: string, database: string, s: secretsmanager.ISecret): dms.CfnEndpoint => {
      const settingsKey = SETTINGS[DMS_ENGINE[engine] ?? engine] ?? 'postgreSqlSettings';
      return new dms.CfnEndpoint(this, kind === 'source' ? 'Source' : 'Target', {
        endpointType: kind,
        engineName: DMS_ENGINE[engine] ?? engine,
        databaseName: database,
        sslMode: 'require',
        [settingsKey]: { secretsManagerSecretId: s.secretArn, secretsManagerAccessRoleArn: secretsRole.roleArn },
      });
    };
    const source = endpoint('source', props.sourceEngine, props.sourceDatabase, this.sourceSecret);
    const target = endpoint('target', props.targetEngine, props.targetDatabase, this.targetSecret);

    const actions = props.alarmTopicArn === '' ? undefined : [props.alarmTopicArn];
    for (const schema of props.schemas) {
      const task = new dms.CfnReplicationTask(this, `Task-${schema}`, {
        migrationType: props.migrationType,
        replicationInstanceArn: this.instance.ref,
        sourceEndpointArn: source.ref,
        targetEndpointArn: target.ref,
        tableMappings: JSON.stringify({
          rules: [
            {
              'rule-type': 'selection',
              'rule-id': '1',
              'rule-name': `schema-${schema}`,
              'object-locator': { 'schema-name': schema, 'table-name': '%' },
              'rule-action': 'include',
            },
          ],
        }),
        replicationTaskSettings: JSON.stringify(TASK_SETTINGS),
      });
      this.tasks.push(task);
      if (props.migrationType !== 'full-load') {
        for (const metric of ['CDCLatencySource', 'CDCLatencyTarget']) {
          new cloudwatch.CfnAlarm(this, `${schema}-${metric}`, {
            alarmDescription: `Wave task for schema ${schema}: ${metric} above 10 minutes; the cutover would lose that much.`,
            namespace: 'AWS/DMS',
            metricName: metric,
            dimensions: [
              { name: 'ReplicationInstanceIdentifier', value: this.instance.attrId },
              // DMS names a task in its metrics by the resource id at the end of its ARN.
              { name: 'ReplicationTaskIdentifier', value: Fn.select(6, Fn.split(':', task.ref)) },
            ],
            statistic: 'Maximum',
            period: 300,
            evaluationPeriods: 3,
            threshold: 600,
            comparisonOperator: 'GreaterThanThreshold',
            treatMissingData: 'notBreaching',
            alarmActions: actions,
          });
        }
      }
    }
    new cloudwatch.CfnAlarm(this, 'FreeStorage', {
      alarmDescription: 'The replication instance has less than 10 GiB of storage left for cached changes and logs.',
      namespace: 'AWS/DMS',
      metricName: 'FreeStorageSpace',
      dimensions: [{ name: 'ReplicationInstanceIdentifier', value: this.instance.attrId }],
      statistic: 'Minimum',
      period: 300,
      evaluationPeriods: 2,
      threshold: 10 * 1024 ** 3,
      comparisonOperator: 'LessThanThreshold',
      treatMissingData: 'breaching',
      alarmActions: actions,
    });
  }
}

/** The task settings: validation of every row copied, CloudWatch logging, and a stop on table errors. */
export const TASK_SETTINGS = {
  ValidationSettings: { EnableValidation: true, ValidationMode: 'ROW_LEVEL', ThreadCount: 5, FailureMaxCount: 10000 },
  Logging: { EnableLogging: true },
  TargetMetadata: { SupportLobs: true, LimitedSizeLobMode: true, LobMaxSize: 32 },
  FullLoadSettings: { TargetTablePrepMode: 'DO_NOTHING', StopTaskCachedChangesApplied: false },
  ErrorBehavior: { TableErrorPolicy: 'STOP_TASK', DataErrorPolicy: 'LOG_ERROR', ApplyErrorFailOnTruncationDdl: true },
};

function portOf(engine: string): number {
  if (engine.includes('postgres')) return 5432;
  if (engine.includes('mysql') || engine === 'aurora') return 3306;
  if (engine === 'sqlserver') return 1433;
  return 1521;
}
