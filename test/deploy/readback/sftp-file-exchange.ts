import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { EventBridgeClient, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { GetRolePolicyCommand, IAMClient, ListRolePoliciesCommand } from '@aws-sdk/client-iam';
import {
  GetBucketEncryptionCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { DescribeServerCommand, DescribeUserCommand, TransferClient } from '@aws-sdk/client-transfer';
import { expect } from 'vitest';
import type { DeployedStack } from '../readback.ts';
import { readBack } from '../readback.ts';

/** architecture.yaml's defaults, which the suite's deploy uses. */
const PARTNERS = ['partner-a', 'partner-b'];
const AZ_COUNT = 2;
const LOG_RETENTION_DAYS = 30;

interface Statement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource?: string | string[];
  readonly Condition?: Record<string, Record<string, unknown>>;
}

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

async function server(stack: DeployedStack) {
  const { Server } = await new TransferClient(stack.aws).send(
    new DescribeServerCommand({ ServerId: stack.outputs['ServerId'] }),
  );
  return Server;
}

async function user(stack: DeployedStack, name: string) {
  const { User } = await new TransferClient(stack.aws).send(
    new DescribeUserCommand({ ServerId: stack.outputs['ServerId'], UserName: name }),
  );
  return User;
}

/** The statements of every inline policy of a role, by the role's ARN. */
async function roleStatements(stack: DeployedStack, roleArn: string): Promise<Statement[]> {
  const iam = new IAMClient(stack.aws);
  const roleName = roleArn.split('/').pop() ?? '';
  const { PolicyNames = [] } = await iam.send(new ListRolePoliciesCommand({ RoleName: roleName }));
  const out: Statement[] = [];
  for (const name of PolicyNames) {
    const { PolicyDocument = '{}' } = await iam.send(
      new GetRolePolicyCommand({ RoleName: roleName, PolicyName: name }),
    );
    out.push(...(JSON.parse(decodeURIComponent(PolicyDocument)) as { Statement: Statement[] }).Statement);
  }
  return out;
}

export default [
  readBack(
    'The server speaks SFTP only, with service-managed (SSH key) users and the pinned 2024 security policy',
    async (stack) => {
      const s = await server(stack);
      expect(s?.Protocols).toEqual(['SFTP']);
      expect(s?.IdentityProviderType).toBe('SERVICE_MANAGED');
      expect(s?.SecurityPolicyName).toBe('TransferSecurityPolicy-2024-01');
    },
    'pinned-security-policy',
  ),
  readBack(
    'The endpoint is a VPC endpoint with a subnet and an Elastic IP in each zone, and writes structured logs to the stack’s log group',
    async (stack) => {
      const s = await server(stack);
      expect(s?.EndpointType).toBe('VPC');
      expect(s?.EndpointDetails?.SubnetIds).toHaveLength(AZ_COUNT);
      expect(s?.EndpointDetails?.AddressAllocationIds).toHaveLength(AZ_COUNT);
      expect(stack.outputs['PublicAddresses']?.split(',')).toHaveLength(AZ_COUNT);
      expect(s?.StructuredLogDestinations?.[0]).toContain(`log-group:${stack.outputs['TransferLogGroupName']}`);
    },
    'endpoint-in-every-zone',
  ),
  readBack(
    'Each partner user is chrooted to a logical home with only /inbox and /outbox, mapped to its own prefixes',
    async (stack) => {
      const bucket = stack.outputs['BucketName'];
      for (const p of PARTNERS) {
        const u = await user(stack, p);
        expect(u?.HomeDirectoryType).toBe('LOGICAL');
        expect(u?.HomeDirectoryMappings?.map((m) => [m.Entry, m.Target])).toEqual([
          ['/inbox', `/${bucket}/incoming/${p}`],
          ['/outbox', `/${bucket}/outbound/${p}`],
        ]);
      }
    },
    'logical-home-per-partner',
  ),
  readBack(
    'Each partner’s role reaches only its own incoming/ and outbound/ prefixes of the bucket',
    async (stack) => {
      for (const p of PARTNERS) {
        const u = await user(stack, p);
        const statements = await roleStatements(stack, u?.Role ?? '');
        const objects = statements
          .filter((s) => list(s.Action).some((a) => a.startsWith('s3:')) && !list(s.Action).includes('s3:ListBucket'))
          .flatMap((s) => list(s.Resource));
        expect(objects.length).toBeGreaterThan(0);
        for (const r of objects) expect(r).toMatch(new RegExp(`/(incoming|outbound)/${p}/\\*$`, 'u'));
        const others = PARTNERS.filter((x) => x !== p);
        for (const o of others) expect(JSON.stringify(statements)).not.toContain(`/${o}/`);
      }
    },
    'partner-roles-isolated',
  ),
  readBack(
    'The bucket encrypts with the stack’s KMS key, is versioned, and blocks public access',
    async (stack) => {
      const s3 = new S3Client({ ...stack.aws, forcePathStyle: true });
      const Bucket = stack.outputs['BucketName'];
      const enc = await s3.send(new GetBucketEncryptionCommand({ Bucket }));
      const rule = enc.ServerSideEncryptionConfiguration?.Rules?.[0];
      expect(rule?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm).toBe('aws:kms');
      expect(stack.outputs['KeyArn']).toContain(
        String(rule?.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID).split('/').pop(),
      );
      expect((await s3.send(new GetBucketVersioningCommand({ Bucket }))).Status).toBe('Enabled');
      const block = (await s3.send(new GetPublicAccessBlockCommand({ Bucket }))).PublicAccessBlockConfiguration;
      expect(block).toEqual({
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      });
    },
    'bucket-encrypted-with-its-own-key',
  ),
  readBack(
    'The bucket policy denies reading quarantine/ to everyone but the scanner’s role, and denies requests without TLS',
    async (stack) => {
      const s3 = new S3Client({ ...stack.aws, forcePathStyle: true });
      const { Policy = '{}' } = await s3.send(new GetBucketPolicyCommand({ Bucket: stack.outputs['BucketName'] }));
      const statements = (JSON.parse(Policy) as { Statement: Statement[] }).Statement;
      const seal = statements.find((s) => s.Sid === 'QuarantineIsSealed');
      expect(seal?.Effect).toBe('Deny');
      expect(list(seal?.Resource)).toEqual([`arn:aws:s3:::${stack.outputs['BucketName']}/quarantine/*`]);
      const except = list(seal?.Condition?.['ArnNotEquals']?.['aws:PrincipalArn'] as string | string[]);
      expect(except).toHaveLength(1);
      expect(except[0]).toMatch(/:role\//u);
      expect(
        statements.some((s) => s.Effect === 'Deny' && s.Condition?.['Bool']?.['aws:SecureTransport'] === 'false'),
      ).toBe(true);
    },
    'quarantine-is-sealed',
  ),
  readBack(
    'The scan rule invokes the scanner with 8 retries over 6 hours and a dead-letter queue',
    async (stack) => {
      const eb = new EventBridgeClient(stack.aws);
      const rule = stack.physicalId('AWS::Events::Rule');
      const { Targets = [] } = await eb.send(new ListTargetsByRuleCommand({ Rule: rule.split('|').pop() }));
      expect(Targets).toHaveLength(1);
      expect(Targets[0]?.Arn).toContain(`function:${stack.outputs['ScannerFunctionName']}`);
      expect(Targets[0]?.RetryPolicy).toEqual({ MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 21600 });
      expect(Targets[0]?.DeadLetterConfig?.Arn).toMatch(/^arn:aws:sqs:/u);
    },
    'scan-delivery-retried-then-dead-lettered',
  ),
  readBack(
    'The server’s log group is encrypted and kept logRetentionDays',
    async (stack) => {
      const logs = new CloudWatchLogsClient(stack.aws);
      const name = stack.outputs['TransferLogGroupName'];
      const { logGroups = [] } = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
      const group = logGroups.find((g) => g.logGroupName === name);
      expect(group?.retentionInDays).toBe(LOG_RETENTION_DAYS);
      expect(group?.kmsKeyId).toMatch(/^arn:aws:kms:/u);
    },
    'server-logs-every-session',
  ),
];
