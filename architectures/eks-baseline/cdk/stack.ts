import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ClusterAccess } from './access.ts';
import { AutoModeCluster } from './cluster.ts';
import { LogKey, retentionOf } from './logs.ts';
import { Network } from './network.ts';
import type { Parameters } from './parameters.generated.ts';

export interface EntryStackProps extends StackProps {
  readonly parameters: Parameters;
}

/** Throws on parameter combinations that the schema cannot express, naming the fix. */
export function checkParameters(p: Parameters): void {
  const problems: string[] = [];
  if (p.natGateways > p.azCount) {
    problems.push(`natGateways ${p.natGateways} is more than azCount ${p.azCount}; use at most one NAT gateway per zone`);
  }
  if (p.endpointAccess === 'private' && p.publicAccessCidr !== '0.0.0.0/0') {
    problems.push('publicAccessCidr has no effect with endpointAccess private; leave it at its default');
  }
  if (problems.length > 0) throw new Error(`eks-baseline: ${problems.join('; ')}`);
}

/**
 * An Amazon EKS cluster baseline in EKS Auto Mode: a VPC across two or three zones with private subnets sized
 * for pod addresses, the cluster with its Kubernetes API private in the VPC (and public from publicAccessCidr when
 * asked), access entries instead of the aws-auth ConfigMap, secrets envelope-encrypted with a customer managed
 * key, every control-plane log type in an encrypted log group, and, when asked, an administrator access entry,
 * a Pod Identity association for one workload and the CloudWatch Observability managed add-on.
 */
export default class EntryStack extends Stack {
  constructor(scope: Construct, id: string, props: EntryStackProps) {
    super(scope, id, props);
    const p = props.parameters;
    checkParameters(p);
    const retention = retentionOf(p.logRetentionDays);
    // The cluster takes the stack's name, so its control-plane log group's name is known before it exists.
    const clusterName = this.stackName;

    // --- Logs: named log groups, so the key policy can name them; retention from logRetentionDays.
    const flowLogGroupName = `/vpc-flow-logs/${this.stackName}`;
    const controlPlaneLogGroupName = `/aws/eks/${clusterName}/cluster`;
    const logKey = new LogKey(this, 'Logs', { logGroupNames: [flowLogGroupName, controlPlaneLogGroupName] });
    const controlPlaneLogGroup = logKey.logGroup('ControlPlaneLogGroup', controlPlaneLogGroupName, retention);

    // --- Network: small public subnets for load balancers and NAT gateways, large private ones for nodes and pods.
    const { vpc } = new Network(this, 'Network', {
      vpcCidr: p.vpcCidr,
      azCount: p.azCount,
      natGateways: p.natGateways,
      flowLogGroup: logKey.logGroup('FlowLogGroup', flowLogGroupName, retention),
    });

    // --- The cluster in Auto Mode, with its roles and the secrets key.
    const auto = new AutoModeCluster(this, 'Eks', {
      clusterName,
      kubernetesVersion: p.kubernetesVersion,
      vpc,
      publicEndpoint: p.endpointAccess === 'public-and-private',
      publicAccessCidrs: [p.publicAccessCidr],
      deletionProtection: p.deletionProtection,
      controlPlaneLogGroup,
    });

    // --- Access: an administrator access entry, a workload's Pod Identity, the observability add-on.
    new ClusterAccess(this, 'Access', {
      cluster: auto.cluster,
      adminRoleArn: p.adminRoleArn,
      podIdentityServiceAccount: p.podIdentityServiceAccount,
      observabilityAddon: p.observabilityAddon,
    });

    // --- Outputs: one CfnOutput per output in architecture.yaml, with the same id.
    new CfnOutput(this, 'ClusterName', { value: auto.cluster.ref, description: 'Name of the EKS cluster.' });
    new CfnOutput(this, 'ClusterArn', { value: auto.cluster.attrArn, description: 'ARN of the EKS cluster.' });
    new CfnOutput(this, 'ClusterEndpoint', {
      value: auto.cluster.attrEndpoint,
      description: 'Endpoint of the Kubernetes API server.',
    });
    new CfnOutput(this, 'ClusterSecurityGroupId', {
      value: auto.cluster.attrClusterSecurityGroupId,
      description: 'Security group EKS created for the control plane and the nodes.',
    });
    new CfnOutput(this, 'NodeRoleArn', { value: auto.nodeRole.roleArn, description: 'IAM role of the Auto Mode nodes.' });
    new CfnOutput(this, 'SecretsKeyArn', {
      value: auto.secretsKey.keyArn,
      description: 'KMS key that envelope-encrypts the Kubernetes secrets.',
    });
    new CfnOutput(this, 'ControlPlaneLogGroupName', {
      value: controlPlaneLogGroup.logGroupName,
      description: 'Log group of the control-plane logs.',
    });
    new CfnOutput(this, 'VpcId', { value: vpc.vpcId, description: 'Id of the VPC.' });
    new CfnOutput(this, 'UpdateKubeconfigCommand', {
      value: `aws eks update-kubeconfig --name ${auto.cluster.ref} --region ${this.region}`,
      description: 'Writes a kubeconfig entry for the cluster; the caller needs an access entry.',
    });
  }
}
