import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';

export interface DatabaseProps {
  readonly vpc: ec2.IVpc;
  readonly directoryId: string;
  readonly engine: 'sqlserver-se' | 'sqlserver-ee' | 'sqlserver-web';
  readonly instanceType: string;
  readonly storageGiB: number;
  readonly backupRetentionDays: number;
  readonly deletionProtection: boolean;
  readonly key: kms.IKey;
  readonly clients: ec2.ISecurityGroup;
}

// SQL Server 2022 with a fixed cumulative update; RDS applies newer minor versions in the maintenance window.
const ENGINE_VERSION = rds.SqlServerEngineVersion.of('16.00.4210.1.v1', '16.00');

/**
 * SQL Server on Amazon RDS, license included, Multi-AZ (a synchronous standby in the other zone), in the data
 * subnets, encrypted with the stack's key, with Windows Authentication through the managed directory and the
 * master password in Secrets Manager. Only the web servers reach port 1433.
 */
export class Database extends Construct {
  readonly instance: rds.DatabaseInstance;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    const engine =
      props.engine === 'sqlserver-ee'
        ? rds.DatabaseInstanceEngine.sqlServerEe({ version: ENGINE_VERSION })
        : props.engine === 'sqlserver-web'
          ? rds.DatabaseInstanceEngine.sqlServerWeb({ version: ENGINE_VERSION })
          : rds.DatabaseInstanceEngine.sqlServerSe({ version: ENGINE_VERSION });
    const domainRole = new iam.Role(this, 'DirectoryRole', {
      assumedBy: new iam.ServicePrincipal('rds.amazonaws.com'),
      description: 'RDS joins the SQL Server instance to the managed directory for Windows Authentication',
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonRDSDirectoryServiceAccess')],
    });
    Validations.of(domainRole).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonRDSDirectoryServiceAccess]',
      reason: 'The AWS managed policy RDS documents for Windows Authentication; it only describes and authorizes directories.',
    });
    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'SQL Server: 1433 from the web servers only',
      allowAllOutbound: true,
    });
    securityGroup.addIngressRule(props.clients, ec2.Port.tcp(1433), 'SQL Server from the web servers');
    this.instance = new rds.DatabaseInstance(this, 'Instance', {
      engine,
      licenseModel: rds.LicenseModel.LICENSE_INCLUDED,
      instanceType: new ec2.InstanceType(props.instanceType.replace(/^db\./u, '')),
      vpc: props.vpc,
      vpcSubnets: { subnetGroupName: 'Data' },
      securityGroups: [securityGroup],
      multiAz: true,
      allocatedStorage: props.storageGiB,
      storageType: rds.StorageType.GP3,
      storageEncrypted: true,
      storageEncryptionKey: props.key,
      credentials: rds.Credentials.fromGeneratedSecret('sqladmin', { encryptionKey: props.key }),
      domain: props.directoryId,
      domainRole,
      backupRetention: Duration.days(props.backupRetentionDays),
      preferredBackupWindow: '02:00-03:00',
      preferredMaintenanceWindow: 'sun:04:00-sun:05:00',
      autoMinorVersionUpgrade: true,
      deletionProtection: props.deletionProtection,
      removalPolicy: props.deletionProtection ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY,
      cloudwatchLogsExports: ['error', 'agent'],
      enablePerformanceInsights: false,
      monitoringInterval: Duration.seconds(60),
      caCertificate: rds.CaCertificate.RDS_CA_RSA2048_G1,
    });
    Validations.of(this.instance).acknowledge({
      id: 'AwsSolutions-RDS11',
      reason: 'Port 1433 is the SQL Server default every .NET connection string and tool expects; only the web servers’ security group reaches it.',
    });
    if (!props.deletionProtection) {
      Validations.of(this.instance).acknowledge({
        id: 'AwsSolutions-RDS10',
        reason: 'deletionProtection false is for short-lived test estates, whose database is meant to go with the stack.',
      });
    }
    const monitoringRole = this.instance.node.tryFindChild('MonitoringRole');
    if (monitoringRole) {
      Validations.of(monitoringRole).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole]',
        reason: 'The AWS managed policy RDS documents for Enhanced Monitoring; it only writes to the RDSOSMetrics log group.',
      });
    }
    const secret = this.instance.node.tryFindChild('Secret');
    if (secret) {
      Validations.of(secret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          'The application logs in with Windows Authentication (its domain identity), not this master login; rotate it by hand (runbook) or add the RDS rotation application in a fork.',
      });
    }
  }
}
