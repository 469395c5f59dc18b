import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as fsx from 'aws-cdk-lib/aws-fsx';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface FileShareProps {
  readonly vpc: ec2.IVpc;
  readonly subnetIds: string[];
  readonly directoryId: string;
  readonly storageGiB: number;
  readonly throughputMBps: number;
  readonly backupRetentionDays: number;
  readonly key: kms.IKey;
  readonly auditLogGroup: logs.ILogGroup;
  readonly clients: ec2.ISecurityGroup;
}

/**
 * FSx for Windows File Server, Multi-AZ: an active file server in one zone and a standby in the other with
 * synchronous replication and automatic failover, joined to the managed directory, encrypted with the stack's
 * key, with daily backups and failed-access auditing to CloudWatch Logs. Only the web servers reach SMB.
 */
export class FileShare extends Construct {
  readonly fileSystem: fsx.CfnFileSystem;
  readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: FileShareProps) {
    super(scope, id);
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'FSx for Windows: SMB from the web servers only; out to the domain controllers',
      allowAllOutbound: true,
    });
    this.securityGroup.addIngressRule(props.clients, ec2.Port.tcp(445), 'SMB from the web servers');
    const [preferred] = props.subnetIds;
    this.fileSystem = new fsx.CfnFileSystem(this, 'FileSystem', {
      fileSystemType: 'WINDOWS',
      storageType: 'SSD',
      storageCapacity: props.storageGiB,
      subnetIds: props.subnetIds,
      securityGroupIds: [this.securityGroup.securityGroupId],
      kmsKeyId: props.key.keyArn,
      windowsConfiguration: {
        activeDirectoryId: props.directoryId,
        deploymentType: 'MULTI_AZ_1',
        preferredSubnetId: preferred,
        throughputCapacity: props.throughputMBps,
        automaticBackupRetentionDays: props.backupRetentionDays,
        dailyAutomaticBackupStartTime: '03:00',
        weeklyMaintenanceStartTime: '7:04:00',
        copyTagsToBackups: true,
        auditLogConfiguration: {
          fileAccessAuditLogLevel: 'FAILURE_ONLY',
          fileShareAccessAuditLogLevel: 'SUCCESS_AND_FAILURE',
          auditLogDestination: props.auditLogGroup.logGroupArn,
        },
      },
    });
  }
}
