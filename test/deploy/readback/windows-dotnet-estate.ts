import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeDirectoriesCommand, DirectoryServiceClient } from '@aws-sdk/client-directory-service';
import { DescribeSecurityGroupsCommand, DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeFileSystemsCommand, FSxClient } from '@aws-sdk/client-fsx';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { expect } from 'vitest';
import type { DeployedStack, Teardown } from '../readback.ts';
import { readBack } from '../readback.ts';

/** architecture.yaml's defaults, which the suite's deploy uses. */
const DOMAIN = 'corp.example.com';
const BACKUP_DAYS = 7;
const FILE_THROUGHPUT = 32;

export const teardown: Teardown = {
  parameters: { deletionProtection: 'false' },
  why: 'Deleting: turn deletionProtection off with a deploy first.',
};

async function zonesOf(stack: DeployedStack, subnetIds: string[]): Promise<Set<string | undefined>> {
  const { Subnets = [] } = await new EC2Client(stack.aws).send(new DescribeSubnetsCommand({ SubnetIds: subnetIds }));
  return new Set(Subnets.map((s) => s.AvailabilityZone));
}

async function database(stack: DeployedStack) {
  const { DBInstances = [] } = await new RDSClient(stack.aws).send(
    new DescribeDBInstancesCommand({ DBInstanceIdentifier: stack.physicalId('AWS::RDS::DBInstance') }),
  );
  return DBInstances[0];
}

export default [
  readBack(
    'The directory is a Managed Microsoft AD for the domain with its two domain controllers in two zones',
    async (stack) => {
      const { DirectoryDescriptions = [] } = await new DirectoryServiceClient(stack.aws).send(
        new DescribeDirectoriesCommand({ DirectoryIds: [stack.outputs['DirectoryId'] ?? ''] }),
      );
      const d = DirectoryDescriptions[0];
      expect(d?.Type).toBe('MicrosoftAD');
      expect(d?.Name).toBe(DOMAIN);
      expect(d?.Edition).toBe('Standard');
      expect(d?.DnsIpAddrs?.join(',')).toBe(stack.outputs['DnsIpAddresses']);
      expect((await zonesOf(stack, d?.VpcSettings?.SubnetIds ?? [])).size).toBe(2);
    },
    'directory-in-two-zones',
  ),
  readBack(
    'The file system is FSx for Windows, Multi-AZ across two zones, joined to the directory, keeping backups',
    async (stack) => {
      const { FileSystems = [] } = await new FSxClient(stack.aws).send(
        new DescribeFileSystemsCommand({ FileSystemIds: [stack.outputs['FileSystemId'] ?? ''] }),
      );
      const fs = FileSystems[0];
      expect(fs?.FileSystemType).toBe('WINDOWS');
      expect(fs?.WindowsConfiguration?.DeploymentType).toBe('MULTI_AZ_1');
      expect(fs?.WindowsConfiguration?.ActiveDirectoryId).toBe(stack.outputs['DirectoryId']);
      expect(fs?.WindowsConfiguration?.ThroughputCapacity).toBe(FILE_THROUGHPUT);
      expect(fs?.WindowsConfiguration?.AutomaticBackupRetentionDays).toBe(BACKUP_DAYS);
      expect((await zonesOf(stack, fs?.SubnetIds ?? [])).size).toBe(2);
    },
    'file-system-multi-az',
  ),
  readBack(
    'SQL Server runs license-included, Multi-AZ, encrypted, with deletion protection and backups',
    async (stack) => {
      const db = await database(stack);
      expect(db?.Engine).toBe('sqlserver-se');
      expect(db?.LicenseModel).toBe('license-included');
      expect(db?.MultiAZ).toBe(true);
      expect(db?.StorageEncrypted).toBe(true);
      expect(db?.KmsKeyId).toMatch(/^arn:aws:kms:/u);
      expect(db?.DeletionProtection).toBe(true);
      expect(db?.BackupRetentionPeriod).toBe(BACKUP_DAYS);
      expect(db?.PubliclyAccessible).not.toBe(true);
    },
    'database-multi-az',
  ),
  readBack(
    'The file system and the database admit only the web servers’ security group, on 445 and 1433',
    async (stack) => {
      const ec2 = new EC2Client(stack.aws);
      const db = await database(stack);
      // FSx does not describe a file system's security groups; the stack names it.
      const groups: [string | undefined, number][] = [
        [db?.VpcSecurityGroups?.[0]?.VpcSecurityGroupId, 1433],
        [stack.physicalId('AWS::EC2::SecurityGroup', 'FilesSecurityGroup'), 445],
      ];
      const sources = new Set<string | undefined>();
      for (const [id, port] of groups) {
        const { SecurityGroups = [] } = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [id ?? ''] }));
        const perms = SecurityGroups[0]?.IpPermissions ?? [];
        expect(perms).toHaveLength(1);
        expect(perms[0]?.FromPort).toBe(port);
        expect(perms[0]?.IpRanges ?? []).toEqual([]);
        expect(perms[0]?.UserIdGroupPairs).toHaveLength(1);
        sources.add(perms[0]?.UserIdGroupPairs?.[0]?.GroupId);
      }
      expect(sources.size).toBe(1);
    },
    'data-reachable-only-from-web-servers',
  ),
  readBack(
    'The web servers span two zones in private subnets and are replaced on the load balancer health check after a long grace period',
    async (stack) => {
      const { AutoScalingGroups = [] } = await new AutoScalingClient(stack.aws).send(
        new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [stack.outputs['AutoScalingGroupName'] ?? ''] }),
      );
      const g = AutoScalingGroups[0];
      expect(g?.HealthCheckType).toBe('ELB');
      expect(g?.HealthCheckGracePeriod).toBeGreaterThanOrEqual(900);
      expect(g?.MinSize).toBe(2);
      const subnets = (g?.VPCZoneIdentifier ?? '').split(',');
      expect((await zonesOf(stack, subnets)).size).toBe(2);
      const { Subnets = [] } = await new EC2Client(stack.aws).send(new DescribeSubnetsCommand({ SubnetIds: subnets }));
      for (const s of Subnets) expect(s.MapPublicIpOnLaunch).toBe(false);
    },
    'web-tier-spans-zones-with-zonal-shift',
  ),
];
