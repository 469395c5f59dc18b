import { CfnOutput, Duration, Fn, Lazy, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { Database } from './database.ts';
import { Directory } from './directory.ts';
import { FileShare } from './file-share.ts';
import { LogKey, retentionOf } from './logs.ts';
import { Network } from './network.ts';
import type { Parameters } from './parameters.generated.ts';
import { HEALTH_PATH, WebTier } from './web-tier.ts';

export interface EntryStackProps extends StackProps {
  readonly parameters: Parameters;
}

/**
 * A Windows and .NET estate on AWS: IIS web servers in an Auto Scaling group behind an Application Load Balancer,
 * joined to AWS Managed Microsoft AD, with shared files on FSx for Windows File Server (Multi-AZ) and a
 * license-included SQL Server on Amazon RDS (Multi-AZ) with Windows Authentication, across two zones.
 */
export default class EntryStack extends Stack {
  constructor(scope: Construct, id: string, props: EntryStackProps) {
    super(scope, id, props);
    const p = props.parameters;
    const retention = retentionOf(p.logRetentionDays);

    // --- Logs: named log groups, so the key policy can name them. FSx audit log groups must start with /aws/fsx/.
    const flowLogGroupName = `/vpc-flow-logs/${this.stackName}`;
    const auditLogGroupName = `/aws/fsx/${this.stackName}-audit`;
    const logKey = new LogKey(this, 'Logs', { logGroupNames: [flowLogGroupName, auditLogGroupName] });

    // --- Network: two zones, public, web and data subnets.
    const network = new Network(this, 'Network', {
      flowLogGroup: logKey.logGroup('FlowLogGroup', flowLogGroupName, retention),
    });
    const { vpc } = network;

    // --- One customer managed key for the secrets, the file system and the database.
    const dataKey = new kms.Key(this, 'DataKey', {
      description: `Encrypts the directory secrets, file system and database of ${this.stackName}`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      removalPolicy: p.deletionProtection ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    // --- Directory: AWS Managed Microsoft AD in the data subnets.
    const directory = new Directory(this, 'Directory', {
      vpc,
      subnetIds: network.dataSubnetIds,
      domainName: p.domainName,
      edition: p.directoryEdition,
      key: dataKey,
    });
    const directoryId = directory.directory.ref;
    const dnsIpAddresses = [Fn.select(0, directory.directory.attrDnsIpAddresses), Fn.select(1, directory.directory.attrDnsIpAddresses)];

    // eslint-disable-next-line prefer-const
    let files: FileShare;
    // --- Web tier: its security group is the only client of the file system and the database.
    const web = new WebTier(this, 'Web', {
      vpc,
      instanceType: p.instanceType,
      amiId: p.amiId,
      minCapacity: p.minCapacity,
      maxCapacity: p.maxCapacity,
      allowedIngressCidr: p.allowedIngressCidr,
      certificateArn: p.certificateArn,
      logRetentionDays: p.logRetentionDays,
      domainName: p.domainName,
      netbiosName: directory.netbiosName,
      dnsIpAddresses,
      joinSecret: directory.joinSecret,
      // The file system needs the web servers' security group first, so its name is filled in once it exists.
      fileShareDnsName: Lazy.string({ produce: () => files.fileSystem.attrDnsName }),
      alarmTopicArn: p.alarmTopicArn,
    });

    // --- Files: FSx for Windows File Server, Multi-AZ, joined to the directory.
    files = new FileShare(this, 'Files', {
      vpc,
      subnetIds: network.dataSubnetIds,
      directoryId,
      storageGiB: p.fileStorageGiB,
      throughputMBps: p.fileThroughputMBps,
      backupRetentionDays: p.backupRetentionDays,
      key: dataKey,
      auditLogGroup: logKey.logGroup('AuditLogGroup', auditLogGroupName, retention),
      clients: web.securityGroup,
    });

    // --- Database: SQL Server on RDS, license included, Multi-AZ, Windows Authentication.
    const database = new Database(this, 'Database', {
      vpc,
      directoryId,
      engine: p.sqlServerEdition,
      instanceType: p.databaseInstanceType,
      storageGiB: p.databaseStorageGiB,
      backupRetentionDays: p.backupRetentionDays,
      deletionProtection: p.deletionProtection,
      key: dataKey,
      clients: web.securityGroup,
    });

    // --- Outputs: one CfnOutput per output in architecture.yaml, with the same id.
    new CfnOutput(this, 'LoadBalancerUrl', { value: web.url, description: 'URL of the web application' });
    new CfnOutput(this, 'SmokeTestUrl', { value: `http://${web.loadBalancer.loadBalancerDnsName}${HEALTH_PATH}`, description: 'Health page over HTTP' });
    new CfnOutput(this, 'AutoScalingGroupName', { value: web.group.autoScalingGroupName, description: 'Web server group' });
    new CfnOutput(this, 'DirectoryId', { value: directoryId, description: 'AWS Managed Microsoft AD directory id' });
    new CfnOutput(this, 'DomainName', { value: p.domainName, description: 'Active Directory domain' });
    new CfnOutput(this, 'DnsIpAddresses', { value: Fn.join(',', dnsIpAddresses), description: 'Domain controllers (DNS servers)' });
    new CfnOutput(this, 'FileSystemId', { value: files.fileSystem.ref, description: 'FSx for Windows File Server file system' });
    new CfnOutput(this, 'FileShareDnsName', { value: files.fileSystem.attrDnsName, description: 'DNS name of the file system' });
    new CfnOutput(this, 'DatabaseEndpoint', { value: database.instance.dbInstanceEndpointAddress, description: 'SQL Server endpoint' });
    new CfnOutput(this, 'DatabaseSecretArn', { value: database.instance.secret?.secretArn ?? '', description: 'SQL Server master login secret' });
    new CfnOutput(this, 'JoinSecretArn', { value: directory.joinSecret.secretArn, description: 'Domain join account secret' });
  }
}
