import { CfnDeletionPolicy, type CfnResource, type CfnTag } from 'aws-cdk-lib';
import * as organizations from 'aws-cdk-lib/aws-organizations';
import { Construct } from 'constructs';

/** The OUs of the landing zone, in the order they are created. */
export const OU_NAMES = ['Security', 'Infrastructure', 'Workloads', 'Sandbox', 'Suspended'] as const;
export type OuName = (typeof OU_NAMES)[number];

export interface OrganizationTreeProps {
  /** An existing organization's root (r-…); empty creates the organization in this stack. */
  readonly rootId: string;
  readonly tags: CfnTag[];
}

/**
 * The organization (created here only when no root id is given) and one OU per purpose under its root.
 * AWS::Organizations::Organization cannot enable policy types, so SCPs and RCPs must be enabled on the root
 * before any policy attaches; the README's runbook does that once.
 */
export class OrganizationTree extends Construct {
  readonly rootId: string;
  readonly organization?: organizations.CfnOrganization;
  readonly ous: Record<OuName, organizations.CfnOrganizationalUnit>;

  constructor(scope: Construct, id: string, props: OrganizationTreeProps) {
    super(scope, id);
    if (props.rootId === '') {
      this.organization = new organizations.CfnOrganization(this, 'Organization', { featureSet: 'ALL' });
      this.rootId = this.organization.attrRootId;
    } else {
      this.rootId = props.rootId;
    }
    const ous = {} as Record<OuName, organizations.CfnOrganizationalUnit>;
    for (const name of OU_NAMES) {
      ous[name] = new organizations.CfnOrganizationalUnit(this, name, {
        name,
        parentId: this.rootId,
        tags: props.tags,
      });
    }
    this.ous = ous;
  }
}

export interface MemberAccountProps {
  readonly accountName: string;
  readonly email: string;
  readonly parent: organizations.CfnOrganizationalUnit;
  readonly tags: CfnTag[];
  /** Accounts must be created one after another in one template. */
  readonly after?: CfnResource;
}

/**
 * A member account created through Organizations CreateAccount. It is retained when the stack is deleted: closing
 * an account is a separate, deliberate act with a 90-day suspension, never a side effect of a stack deletion.
 */
export function memberAccount(scope: Construct, id: string, props: MemberAccountProps): organizations.CfnAccount {
  const account = new organizations.CfnAccount(scope, id, {
    accountName: props.accountName,
    email: props.email,
    parentIds: [props.parent.attrId],
    tags: props.tags,
  });
  account.cfnOptions.deletionPolicy = CfnDeletionPolicy.RETAIN;
  account.cfnOptions.updateReplacePolicy = CfnDeletionPolicy.RETAIN;
  if (props.after) account.addResourceDependency(props.after);
  return account;
}
