import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** Every control-plane log type EKS can send to CloudWatch Logs. */
export const CONTROL_PLANE_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];

/** The two node pools EKS Auto Mode builds in: system for cluster add-ons, general-purpose for workloads. */
export const NODE_POOLS = ['general-purpose', 'system'];

/** The AWS managed policies EKS Auto Mode documents for the cluster role and for the node role. */
export const CLUSTER_POLICIES = [
  'AmazonEKSClusterPolicy',
  'AmazonEKSComputePolicy',
  'AmazonEKSBlockStoragePolicy',
  'AmazonEKSLoadBalancingPolicy',
  'AmazonEKSNetworkingPolicy',
];
export const NODE_POLICIES = ['AmazonEKSWorkerNodeMinimalPolicy', 'AmazonEC2ContainerRegistryPullOnly'];

/** Acknowledges cdk-nag's AwsSolutions-IAM4 for exactly these AWS managed policies on a role. */
export function acknowledgeManagedPolicies(role: iam.Role, names: readonly string[], reason: string): void {
  Validations.of(role).acknowledge(
    ...names.map((name) => ({ id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${name}]`, reason })),
  );
}

export interface AutoModeClusterProps {
  readonly clusterName: string;
  readonly kubernetesVersion: string;
  readonly vpc: ec2.IVpc;
  /** Whether the Kubernetes API has a public endpoint besides the private one in the VPC. */
  readonly publicEndpoint: boolean;
  readonly publicAccessCidrs: readonly string[];
  readonly deletionProtection: boolean;
  /** The control-plane log group, created before the cluster so EKS writes into it with its retention. */
  readonly controlPlaneLogGroup: logs.LogGroup;
}

/**
 * An EKS cluster in Auto Mode, as L1 resources: EKS runs the nodes (EC2 managed instances in the private subnets),
 * the VPC CNI, CoreDNS, kube-proxy, the EBS CSI driver, the load balancer controller and the Pod Identity agent.
 * Kubernetes access is by access entries only, secrets are envelope-encrypted with a customer managed key, and
 * every control-plane log type goes to CloudWatch Logs.
 */
export class AutoModeCluster extends Construct {
  readonly cluster: eks.CfnCluster;
  readonly clusterRole: iam.Role;
  readonly nodeRole: iam.Role;
  readonly secretsKey: kms.Key;

  constructor(scope: Construct, id: string, props: AutoModeClusterProps) {
    super(scope, id);

    // --- The key that wraps the data keys of Kubernetes secrets in etcd.
    this.secretsKey = new kms.Key(this, 'SecretsKey', {
      description: `Envelope encryption of the Kubernetes secrets of EKS cluster ${props.clusterName}`,
      enableKeyRotation: true,
      // Deleting the key makes every secret of the cluster unreadable; the longest window leaves time to cancel.
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // --- Cluster role: what EKS does in the account for Auto Mode (instances, volumes, load balancers, ENIs).
    this.clusterRole = new iam.Role(this, 'ClusterRole', {
      // Auto Mode tags the sessions of the cluster role, so the trust policy allows sts:TagSession too.
      assumedBy: new iam.SessionTagsPrincipal(new iam.ServicePrincipal('eks.amazonaws.com')),
      description: 'EKS Auto Mode control plane: runs nodes, volumes, load balancers and networking for the cluster',
      managedPolicies: CLUSTER_POLICIES.map((name) => iam.ManagedPolicy.fromAwsManagedPolicyName(name)),
    });
    // What EKS needs of the secrets key, and nothing else (the same grant the aws-eks L2 gives its cluster role).
    this.clusterRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'EnvelopeEncryptionOfSecrets',
        actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:DescribeKey', 'kms:CreateGrant'],
        resources: [this.secretsKey.keyArn],
      }),
    );
    acknowledgeManagedPolicies(
      this.clusterRole,
      CLUSTER_POLICIES,
      'EKS Auto Mode documents exactly these five AWS managed policies for the cluster role; AWS updates them as Auto Mode gains features, which a copied inline policy would miss.',
    );

    // --- Node role: what the kubelet on an Auto Mode node needs, the minimal policy and image pulls only.
    this.nodeRole = new iam.Role(this, 'NodeRole', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      description: 'EKS Auto Mode nodes: join the cluster and pull images from ECR; pods get their own roles',
      managedPolicies: NODE_POLICIES.map((name) => iam.ManagedPolicy.fromAwsManagedPolicyName(name)),
    });
    acknowledgeManagedPolicies(
      this.nodeRole,
      NODE_POLICIES,
      'The two AWS managed policies EKS Auto Mode documents for nodes, both narrower than the classic worker node policy: no ENI management (EKS does it) and read-only ECR pulls.',
    );

    // --- The cluster.
    const vpcSubnets = props.vpc.selectSubnets({ subnetGroupName: 'Private' });
    this.cluster = new eks.CfnCluster(this, 'Cluster', {
      name: props.clusterName,
      version: props.kubernetesVersion,
      roleArn: this.clusterRole.roleArn,
      resourcesVpcConfig: {
        subnetIds: vpcSubnets.subnetIds,
        endpointPrivateAccess: true,
        endpointPublicAccess: props.publicEndpoint,
        ...(props.publicEndpoint && { publicAccessCidrs: [...props.publicAccessCidrs] }),
      },
      // Access entries only: no aws-auth ConfigMap, and the CloudFormation role that creates the cluster gets no
      // Kubernetes rights; people come in through access entries for IAM roles.
      accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: false },
      // Auto Mode brings its own VPC CNI, kube-proxy and CoreDNS; self-managed copies would run beside them.
      bootstrapSelfManagedAddons: false,
      computeConfig: { enabled: true, nodePools: NODE_POOLS, nodeRoleArn: this.nodeRole.roleArn },
      kubernetesNetworkConfig: { ipFamily: 'ipv4', elasticLoadBalancing: { enabled: true } },
      storageConfig: { blockStorage: { enabled: true } },
      // With a key of its own, EKS wraps the data keys of all Kubernetes API data, secrets included (KMS v2); the
      // Resources field that once limited this to secrets is deprecated.
      encryptionConfig: [{ provider: { keyArn: this.secretsKey.keyArn } }],
      logging: { clusterLogging: { enabledTypes: CONTROL_PLANE_LOG_TYPES.map((type) => ({ type })) } },
      // At the end of standard support EKS upgrades the cluster instead of billing extended support.
      upgradePolicy: { supportType: 'STANDARD' },
      // ARC zonal shift can move traffic of the cluster's load balancers and pods away from an impaired zone.
      zonalShiftConfig: { enabled: true },
      deletionProtection: props.deletionProtection,
    });
    this.cluster.node.addDependency(props.controlPlaneLogGroup);
    // The cluster role's key permissions must be in place before EKS uses the key (the role itself is a GetAtt).
    this.cluster.node.addDependency(this.clusterRole.node.findChild('DefaultPolicy'));
    if (props.publicEndpoint) {
      Validations.of(this.cluster).acknowledge({
        id: 'AwsSolutions-EKS1',
        reason:
          'endpointAccess public-and-private: kubectl and pipelines outside the VPC reach the API from publicAccessCidr only, and every request still needs an IAM identity with an access entry; endpointAccess private removes the public endpoint.',
      });
    }
  }
}
