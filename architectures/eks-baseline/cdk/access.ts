import { Stack } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledgeManagedPolicies } from './cluster.ts';

/** The access policy that makes an access entry a cluster administrator. */
export const CLUSTER_ADMIN_POLICY = 'AmazonEKSClusterAdminPolicy';

/** Where the CloudWatch Observability add-on runs its agent. */
const OBSERVABILITY_NAMESPACE = 'amazon-cloudwatch';
const OBSERVABILITY_SERVICE_ACCOUNT = 'cloudwatch-agent';

/**
 * A role that EKS Pod Identity may assume only for one service account in one namespace of one cluster: the
 * session tags Pod Identity sets are conditions of the trust policy, so no other association can use the role.
 */
export function podIdentityRole(
  scope: Construct,
  id: string,
  target: { clusterName: string; namespace: string; serviceAccount: string; description: string },
): iam.Role {
  const stack = Stack.of(scope);
  return new iam.Role(scope, id, {
    description: target.description,
    assumedBy: new iam.SessionTagsPrincipal(new iam.ServicePrincipal('pods.eks.amazonaws.com')).withConditions({
      StringEquals: {
        'aws:SourceAccount': stack.account,
        'aws:RequestTag/eks-cluster-name': target.clusterName,
        'aws:RequestTag/kubernetes-namespace': target.namespace,
        'aws:RequestTag/kubernetes-service-account': target.serviceAccount,
      },
    }),
  });
}

export interface ClusterAccessProps {
  readonly cluster: eks.CfnCluster;
  /** IAM role of the platform team; empty for none. */
  readonly adminRoleArn: string;
  /** namespace/serviceaccount of a workload that gets its own IAM role through Pod Identity; empty for none. */
  readonly podIdentityServiceAccount: string;
  /** Install the CloudWatch Observability add-on, with its agent's permissions through Pod Identity. */
  readonly observabilityAddon: boolean;
}

/**
 * Who and what may do what in the cluster: an access entry that makes the platform team's IAM role cluster
 * administrator, a Pod Identity association that gives one workload's service account its own IAM role, and the
 * CloudWatch Observability managed add-on with its agent's role, each only when its parameter asks for it.
 */
export class ClusterAccess extends Construct {
  readonly adminEntry?: eks.CfnAccessEntry;
  readonly workloadRole?: iam.Role;

  constructor(scope: Construct, id: string, props: ClusterAccessProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const clusterName = props.cluster.ref;

    if (props.adminRoleArn !== '') {
      this.adminEntry = new eks.CfnAccessEntry(this, 'AdminAccessEntry', {
        clusterName,
        principalArn: props.adminRoleArn,
        type: 'STANDARD',
        accessPolicies: [
          {
            policyArn: `arn:${stack.partition}:eks::aws:cluster-access-policy/${CLUSTER_ADMIN_POLICY}`,
            accessScope: { type: 'cluster' },
          },
        ],
      });
    }

    if (props.podIdentityServiceAccount !== '') {
      const [namespace = '', serviceAccount = ''] = props.podIdentityServiceAccount.split('/');
      this.workloadRole = podIdentityRole(this, 'WorkloadRole', {
        clusterName,
        namespace,
        serviceAccount,
        description: `Pods of service account ${serviceAccount} in namespace ${namespace}: no permissions until you add them`,
      });
      new eks.CfnPodIdentityAssociation(this, 'WorkloadPodIdentity', {
        clusterName,
        namespace,
        serviceAccount,
        roleArn: this.workloadRole.roleArn,
      });
    }

    if (props.observabilityAddon) {
      const agentRole = podIdentityRole(this, 'ObservabilityAgentRole', {
        clusterName,
        namespace: OBSERVABILITY_NAMESPACE,
        serviceAccount: OBSERVABILITY_SERVICE_ACCOUNT,
        description: 'CloudWatch agent and Fluent Bit of the CloudWatch Observability add-on: metrics and logs to CloudWatch',
      });
      agentRole.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('CloudWatchAgentServerPolicy'));
      acknowledgeManagedPolicies(
        agentRole,
        ['CloudWatchAgentServerPolicy'],
        "CloudWatchAgentServerPolicy is the policy the add-on documents for its agent: put metrics and logs, read its SSM configuration; only the add-on's service account can assume the role.",
      );
      new eks.CfnAddon(this, 'ObservabilityAddon', {
        clusterName,
        addonName: 'amazon-cloudwatch-observability',
        // Keep what the add-on owns as EKS configures it; an update never silently keeps a hand edit.
        resolveConflicts: 'OVERWRITE',
        podIdentityAssociations: [{ serviceAccount: OBSERVABILITY_SERVICE_ACCOUNT, roleArn: agentRole.roleArn }],
      });
    }
  }
}
