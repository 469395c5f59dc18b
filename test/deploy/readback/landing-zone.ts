import { DescribeTrailsCommand, CloudTrailClient, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { GetKeyPolicyCommand, GetKeyRotationStatusCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  DescribePolicyCommand,
  ListOrganizationalUnitsForParentCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
  ListTargetsForPolicyCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { GetBucketPolicyCommand, GetBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { expect } from 'vitest';
import { readBack, type DeployedStack } from '../readback.ts';

// The defaults in architecture.yaml, which the emulator suite deploys with.
const ALLOWED_REGIONS = ['us-east-1', 'us-west-2'];
const BREAK_GLASS = ['arn:*:iam::*:role/LandingZoneBreakGlass'];

interface Statement {
  Sid?: string;
  Effect: string;
  Principal?: unknown;
  Action?: string | string[];
  NotAction?: string[];
  Condition?: Record<string, Record<string, unknown>>;
}

const out = (stack: DeployedStack, name: string): string => stack.outputs[name] ?? '';

async function statementsOf(stack: DeployedStack, policyOutput: string): Promise<Statement[]> {
  const org = new OrganizationsClient(stack.aws);
  const { Policy } = await org.send(new DescribePolicyCommand({ PolicyId: out(stack, policyOutput) }));
  return (JSON.parse(Policy?.Content ?? '{}') as { Statement: Statement[] }).Statement;
}

async function targetsOf(stack: DeployedStack, policyOutput: string): Promise<string[]> {
  const org = new OrganizationsClient(stack.aws);
  const { Targets } = await org.send(new ListTargetsForPolicyCommand({ PolicyId: out(stack, policyOutput) }));
  return (Targets ?? []).map((t) => t.TargetId ?? '');
}

export default [
  readBack(
    'The organization has five OUs under its root: Security, Infrastructure, Workloads, Sandbox and Suspended',
    async (stack) => {
      const org = new OrganizationsClient(stack.aws);
      const { Roots } = await org.send(new ListRootsCommand({}));
      expect(Roots?.map((r) => r.Id)).toEqual([out(stack, 'OrganizationRootId')]);
      const { OrganizationalUnits } = await org.send(
        new ListOrganizationalUnitsForParentCommand({ ParentId: out(stack, 'OrganizationRootId') }),
      );
      expect(OrganizationalUnits?.map((o) => o.Name).sort()).toEqual(
        ['Infrastructure', 'Sandbox', 'Security', 'Suspended', 'Workloads'].sort(),
      );
      expect(OrganizationalUnits?.find((o) => o.Name === 'Suspended')?.Id).toBe(out(stack, 'SuspendedOuId'));
    },
  ),
  readBack(
    'The guardrails and region deny SCPs and the perimeter RCP are attached to the root alone',
    async (stack) => {
      const root = out(stack, 'OrganizationRootId');
      for (const policy of ['GuardrailsScpId', 'RegionDenyScpId', 'PerimeterRcpId']) {
        expect(await targetsOf(stack, policy)).toEqual([root]);
      }
      const org = new OrganizationsClient(stack.aws);
      const { Policies } = await org.send(
        new ListPoliciesForTargetCommand({ TargetId: root, Filter: 'RESOURCE_CONTROL_POLICY' }),
      );
      expect(Policies?.map((p) => p.Id)).toContain(out(stack, 'PerimeterRcpId'));
    },
    'guardrails-on-the-root',
  ),
  readBack(
    'The guardrails SCP denies leaving the organisation and every root-user action to everyone, and protects the security tooling for all but the break-glass role',
    async (stack) => {
      const statements = await statementsOf(stack, 'GuardrailsScpId');
      const leave = statements.find((s) => s.Sid === 'DenyLeavingTheOrganization');
      expect(leave).toMatchObject({ Effect: 'Deny', Action: 'organizations:LeaveOrganization' });
      expect(leave?.Condition).toBeUndefined();
      expect(statements.find((s) => s.Sid === 'DenyRootUser')).toMatchObject({
        Effect: 'Deny',
        Action: '*',
        Condition: { ArnLike: { 'aws:PrincipalArn': ['arn:*:iam::*:root'] } },
      });
      const tooling = statements.find((s) => s.Sid === 'ProtectSecurityTooling');
      expect(tooling?.Action).toEqual(expect.arrayContaining(['cloudtrail:StopLogging', 'guardduty:DeleteDetector']));
      expect(tooling?.Condition).toEqual({ ArnNotLike: { 'aws:PrincipalARN': BREAK_GLASS } });
    },
    'members-cannot-leave-or-act-as-root',
  ),
  readBack(
    'The region deny SCP allows only us-east-1 and us-west-2, exempts global services such as IAM and Organizations, and spares the break-glass role',
    async (stack) => {
      const [deny] = await statementsOf(stack, 'RegionDenyScpId');
      expect(deny?.Effect).toBe('Deny');
      expect(deny?.Condition?.['StringNotEquals']).toEqual({ 'aws:RequestedRegion': ALLOWED_REGIONS });
      expect(deny?.Condition?.['ArnNotLike']).toEqual({ 'aws:PrincipalARN': BREAK_GLASS });
      expect(deny?.NotAction).toEqual(expect.arrayContaining(['iam:*', 'organizations:*', 'sts:*', 'route53:*']));
    },
    'break-glass-exempt',
  ),
  readBack(
    'The deny-everything SCP is attached only to the Suspended OU',
    async (stack) => {
      expect(await targetsOf(stack, 'SuspendedScpId')).toEqual([out(stack, 'SuspendedOuId')]);
      expect(await statementsOf(stack, 'SuspendedScpId')).toEqual([
        { Sid: 'DenyEverything', Effect: 'Deny', Action: '*', Resource: '*' },
      ]);
    },
    'suspended-only-on-its-ou',
  ),
  readBack(
    'The perimeter RCP denies requests without TLS and requests from principals outside the organisation that are not AWS services',
    async (stack) => {
      const statements = await statementsOf(stack, 'PerimeterRcpId');
      expect(statements.find((s) => s.Sid === 'EnforceTls')?.Condition).toEqual({
        BoolIfExists: { 'aws:SecureTransport': 'false' },
      });
      expect(statements.find((s) => s.Sid === 'EnforceOrgIdentities')?.Condition).toEqual({
        StringNotEqualsIfExists: { 'aws:PrincipalOrgID': '${aws:ResourceOrgID}' },
        BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
      });
    },
    'perimeter-rcp-on-the-root',
  ),
  readBack(
    'The trail is a logging, multi-Region organisation trail with log file validation, encrypted with the stack key, writing to the log archive bucket',
    async (stack) => {
      const ct = new CloudTrailClient(stack.aws);
      const { trailList } = await ct.send(new DescribeTrailsCommand({ trailNameList: [out(stack, 'TrailArn')] }));
      expect(trailList).toHaveLength(1);
      expect(trailList?.[0]).toMatchObject({
        TrailARN: out(stack, 'TrailArn'),
        IsOrganizationTrail: true,
        IsMultiRegionTrail: true,
        IncludeGlobalServiceEvents: true,
        LogFileValidationEnabled: true,
        KmsKeyId: out(stack, 'LogKeyArn'),
        S3BucketName: out(stack, 'LogArchiveBucketName'),
      });
      const status = await ct.send(new GetTrailStatusCommand({ Name: out(stack, 'TrailArn') }));
      expect(status.IsLogging).toBe(true);
    },
    'trail-covers-every-region',
  ),
  readBack(
    'The log archive bucket is versioned, admits writes only from CloudTrail for this trail, and denies deleting object versions to everyone',
    async (stack) => {
      const s3 = new S3Client({ ...stack.aws, forcePathStyle: true });
      const bucket = out(stack, 'LogArchiveBucketName');
      expect((await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }))).Status).toBe('Enabled');
      const { Policy } = await s3.send(new GetBucketPolicyCommand({ Bucket: bucket }));
      const statements = (JSON.parse(Policy ?? '{}') as { Statement: Statement[] }).Statement;
      const writers = statements.filter(
        (s) => s.Effect === 'Allow' && [s.Action].flat().some((a) => String(a).startsWith('s3:Put')),
      );
      expect(writers).toHaveLength(1);
      expect(writers[0]?.Principal).toEqual({ Service: 'cloudtrail.amazonaws.com' });
      expect(writers[0]?.Condition?.['StringEquals']?.['aws:SourceArn']).toBe(out(stack, 'TrailArn'));
      const deny = statements.find((s) => s.Sid === 'NobodyDeletesLogVersions');
      expect(deny).toMatchObject({ Effect: 'Deny', Action: 's3:DeleteObjectVersion', Principal: { AWS: '*' } });
    },
    'only-this-trail-writes-the-logs',
  ),
  readBack(
    'The trail key rotates and lets CloudTrail use it only for this trail',
    async (stack) => {
      const kms = new KMSClient(stack.aws);
      const keyId = out(stack, 'LogKeyArn');
      expect((await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).KeyRotationEnabled).toBe(true);
      const { Policy } = await kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }));
      const statements = (JSON.parse(Policy ?? '{}') as { Statement: Statement[] }).Statement;
      const cloudtrail = statements.filter((s) => JSON.stringify(s.Principal).includes('cloudtrail.amazonaws.com'));
      expect(cloudtrail.length).toBeGreaterThan(0);
      for (const s of cloudtrail) {
        expect(s.Condition?.['StringEquals']?.['aws:SourceArn']).toBe(out(stack, 'TrailArn'));
      }
    },
    'trail-key-for-this-trail-only',
  ),
];
