import { CfnOutput, Stack, type CfnTag, type StackProps } from 'aws-cdk-lib';
import * as organizations from 'aws-cdk-lib/aws-organizations';
import type { Construct } from 'constructs';
import { LogArchive } from './log-archive.ts';
import { OrganizationTree, memberAccount } from './organization.ts';
import type { Parameters } from './parameters.generated.ts';
import { guardrailsScp, perimeterRcp, regionDenyScp, suspendedScp } from './policies.ts';

export interface LandingZoneStackProps extends StackProps {
  readonly parameters: Parameters;
}

const listOf = (value: string): string[] =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/**
 * A multi-account landing zone, deployed to the management account: OUs for security, infrastructure, workloads,
 * sandboxes and suspended accounts; SCPs and an RCP that keep accounts in the organisation, in the allowed
 * Regions, off the root user and away from the security tooling; the log-archive and audit accounts (given by id,
 * or created here when createAccounts is true); and an organisation trail to a locked, KMS-encrypted bucket.
 */
export default class LandingZoneStack extends Stack {
  constructor(scope: Construct, id: string, props: LandingZoneStackProps) {
    super(scope, id, props);
    const p = props.parameters;
    const tags: CfnTag[] = [{ key: 'landing-zone', value: this.stackName }];
    if (p.createAccounts && (p.logArchiveAccountId !== '' || p.auditAccountId !== '')) {
      throw new Error('createAccounts creates the log-archive and audit accounts: leave logArchiveAccountId and auditAccountId empty');
    }
    if (p.createAccounts && (p.logArchiveEmail === '' || p.auditEmail === '')) {
      throw new Error('createAccounts needs logArchiveEmail and auditEmail: each account needs its own root email address');
    }
    const allowedRegions = listOf(p.allowedRegions);

    // --- The organization and its OUs.
    const tree = new OrganizationTree(this, 'Org', { rootId: p.organizationRootId, tags });
    const { ous } = tree;

    // --- Policies: guardrails and the region deny on the root, a deny-all on Suspended, the perimeter RCP on the root.
    const scps = {
      guardrails: new organizations.CfnPolicy(this, 'GuardrailsScp', {
        name: `${this.stackName}-guardrails`,
        type: 'SERVICE_CONTROL_POLICY',
        description: 'No leaving the organisation, no root user, no tampering with the security tooling',
        content: guardrailsScp(p.breakGlassRoleName),
        targetIds: [tree.rootId],
        tags,
      }),
      regionDeny: new organizations.CfnPolicy(this, 'RegionDenyScp', {
        name: `${this.stackName}-region-deny`,
        type: 'SERVICE_CONTROL_POLICY',
        description: `Only ${allowedRegions.join(', ')}, except global services`,
        content: regionDenyScp(allowedRegions, p.breakGlassRoleName),
        targetIds: [tree.rootId],
        tags,
      }),
      suspended: new organizations.CfnPolicy(this, 'SuspendedScp', {
        name: `${this.stackName}-suspended`,
        type: 'SERVICE_CONTROL_POLICY',
        description: 'Accounts in the Suspended OU can do nothing',
        content: suspendedScp(),
        targetIds: [ous.Suspended.attrId],
        tags,
      }),
    };
    const rcp = new organizations.CfnPolicy(this, 'PerimeterRcp', {
      name: `${this.stackName}-perimeter`,
      type: 'RESOURCE_CONTROL_POLICY',
      description: 'TLS only, and only principals of this organisation or AWS services',
      content: perimeterRcp(),
      targetIds: [tree.rootId],
      tags,
    });

    // --- Member accounts: existing ids by default; created here (retained on delete) only with createAccounts.
    let logArchiveAccountId = p.logArchiveAccountId;
    let auditAccountId = p.auditAccountId;
    if (p.createAccounts) {
      // Created after every policy, so that they are born under the guardrails, one after the other.
      const logArchive = memberAccount(this, 'LogArchiveAccount', {
        accountName: `${this.stackName}-log-archive`,
        email: p.logArchiveEmail,
        parent: ous.Security,
        tags,
        after: rcp,
      });
      for (const scp of Object.values(scps)) logArchive.addResourceDependency(scp);
      const audit = memberAccount(this, 'AuditAccount', {
        accountName: `${this.stackName}-audit`,
        email: p.auditEmail,
        parent: ous.Security,
        tags,
        after: logArchive,
      });
      logArchiveAccountId = logArchive.attrAccountId;
      auditAccountId = audit.attrAccountId;
    }

    // --- The organisation trail and its locked bucket.
    const archive = new LogArchive(this, 'Logs', {
      trailName: `${this.stackName}-org-trail`,
      retentionDays: p.logRetentionDays,
      readerAccountIds: auditAccountId === '' ? [] : [auditAccountId],
    });

    new CfnOutput(this, 'OrganizationRootId', { value: tree.rootId, description: 'Root of the organization.' });
    for (const name of Object.keys(ous) as (keyof typeof ous)[]) {
      new CfnOutput(this, `${name}OuId`, { value: ous[name].attrId, description: `The ${name} OU.` });
    }
    new CfnOutput(this, 'GuardrailsScpId', { value: scps.guardrails.attrId });
    new CfnOutput(this, 'RegionDenyScpId', { value: scps.regionDeny.attrId });
    new CfnOutput(this, 'SuspendedScpId', { value: scps.suspended.attrId });
    new CfnOutput(this, 'PerimeterRcpId', { value: rcp.attrId });
    new CfnOutput(this, 'TrailArn', { value: archive.trail.attrArn });
    new CfnOutput(this, 'LogArchiveBucketName', { value: archive.bucket.bucketName });
    new CfnOutput(this, 'LogKeyArn', { value: archive.key.keyArn });
    new CfnOutput(this, 'LogArchiveAccountId', { value: logArchiveAccountId === '' ? 'none' : logArchiveAccountId });
    new CfnOutput(this, 'AuditAccountId', { value: auditAccountId === '' ? 'none' : auditAccountId });
  }
}
