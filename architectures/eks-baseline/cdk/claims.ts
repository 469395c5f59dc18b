// What architecture.yaml promises about this stack, checked against every configuration oar check synthesizes:
// the default parameters and each variant.
import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';
import { refTarget as target, type Json } from '../../../generators/check/claims/template-queries.ts';

type Props = Json & Record<string, unknown>;

/** The properties of the one resource of a type; fails when there is not exactly one. */
function only(t: ClaimContext, type: string): Props & { id: string } {
  const all = t.resources(type);
  assert.equal(all.length, 1, `expected exactly one ${type}, found ${all.length}`);
  const [r] = all;
  return { id: r?.id ?? '', ...((r?.Properties ?? {}) as Props) };
}

const cluster = (t: ClaimContext) => only(t, 'AWS::EKS::Cluster');
const vpcConfig = (t: ClaimContext) => cluster(t)['ResourcesVpcConfig'] as Props;

/** The template's resource with a logical id, or a failure naming it. */
function byId(t: ClaimContext, type: string, id: string | undefined): Props {
  const found = t.resources(type).find((r) => r.id === id);
  assert.ok(found, `${id ?? 'nothing'} is not a ${type} of the template`);
  return found.Properties ?? {};
}

/** The zone of a subnet, as the index CDK selects from Fn::GetAZs. */
const zoneOf = (t: ClaimContext, subnetId: string): string =>
  JSON.stringify(byId(t, 'AWS::EC2::Subnet', subnetId)['AvailabilityZone']);

/** The NAT gateway a subnet's default route uses, or undefined when it has none. */
function natOf(t: ClaimContext, subnetId: string): string | undefined {
  const association = t
    .resources('AWS::EC2::SubnetRouteTableAssociation')
    .find((a) => target(a.Properties?.['SubnetId']) === subnetId);
  const table = target(association?.Properties?.['RouteTableId']);
  const route = t
    .resources('AWS::EC2::Route')
    .find((r) => target(r.Properties?.['RouteTableId']) === table && r.Properties?.['DestinationCidrBlock'] === '0.0.0.0/0');
  return target(route?.Properties?.['NatGatewayId']);
}

const clusterSubnets = (t: ClaimContext): string[] =>
  ((vpcConfig(t)['SubnetIds'] ?? []) as unknown[]).map((s) => target(s) ?? '');

/** The AWS managed policy names attached to a role. */
const managedPolicies = (role: Props): string[] =>
  ((role['ManagedPolicyArns'] ?? []) as unknown[]).map((a) => JSON.stringify(a).split('policy/')[1]?.replace(/"\]*\}*$/u, '') ?? '');

/** The statements of a role's trust policy. */
const trust = (role: Props): Props[] => (role['AssumeRolePolicyDocument'] as { Statement: Props[] }).Statement;

/** The actions of a statement, as a list. */
const actions = (s: Props): string[] => [s['Action']].flat() as string[];

export default [
  claim(
    'auto-mode-runs-the-data-plane',
    'EKS Auto Mode runs the nodes from its system and general-purpose pools with a node role that can only join the cluster and pull images, and runs block storage and load balancing, without self-managed add-ons beside them.',
    (t) => {
      const c = cluster(t);
      const compute = c['ComputeConfig'] as Props;
      assert.equal(compute['Enabled'], true, 'Auto Mode compute is off');
      assert.deepEqual([...(compute['NodePools'] as string[])].sort(), ['general-purpose', 'system'], 'a built-in node pool is missing');
      const nodeRole = byId(t, 'AWS::IAM::Role', target(compute['NodeRoleArn']));
      assert.deepEqual(
        managedPolicies(nodeRole).sort(),
        ['AmazonEC2ContainerRegistryPullOnly', 'AmazonEKSWorkerNodeMinimalPolicy'],
        'the node role has more than the minimal node policies',
      );
      assert.equal(nodeRole['Policies'], undefined, 'the node role has inline policies');
      assert.deepEqual(c['StorageConfig'], { BlockStorage: { Enabled: true } }, 'Auto Mode block storage is off');
      assert.deepEqual(
        (c['KubernetesNetworkConfig'] as Props)['ElasticLoadBalancing'],
        { Enabled: true },
        'Auto Mode load balancing is off',
      );
      assert.equal(c['BootstrapSelfManagedAddons'], false, 'self-managed VPC CNI, kube-proxy and CoreDNS are installed beside Auto Mode');
      const clusterRole = byId(t, 'AWS::IAM::Role', target(c['RoleArn']));
      for (const name of ['AmazonEKSClusterPolicy', 'AmazonEKSComputePolicy', 'AmazonEKSBlockStoragePolicy', 'AmazonEKSLoadBalancingPolicy', 'AmazonEKSNetworkingPolicy']) {
        assert.ok(managedPolicies(clusterRole).includes(name), `the cluster role lacks ${name}`);
      }
      assert.ok(
        trust(clusterRole).some((s) => actions(s).includes('sts:TagSession') && JSON.stringify(s['Principal']).includes('eks.amazonaws.com')),
        'the cluster role does not let EKS tag its sessions, which Auto Mode needs',
      );
    },
  ),
  claim(
    'nodes-in-private-subnets-of-every-zone',
    'The cluster places its nodes and pods in one private subnet of each of azCount zones, without public addresses, each with a default route through a NAT gateway.',
    (t) => {
      const subnets = clusterSubnets(t);
      const zones = new Set(subnets.map((s) => zoneOf(t, s)));
      assert.equal(zones.size, t.parameters['azCount'], `the cluster uses ${zones.size} zones, not azCount`);
      assert.equal(subnets.length, zones.size, 'the cluster has more than one subnet in a zone');
      for (const s of subnets) {
        assert.notEqual(byId(t, 'AWS::EC2::Subnet', s)['MapPublicIpOnLaunch'], true, `subnet ${s} gives public addresses`);
        assert.ok(natOf(t, s), `cluster subnet ${s} has no default route through a NAT gateway`);
      }
    },
  ),
  claim(
    'nat-gateway-per-zone-when-asked',
    'There are natGateways NAT gateways, and with one per zone every cluster subnet sends its internet traffic through the gateway in its own zone.',
    (t) => {
      const gateways = t.resources('AWS::EC2::NatGateway');
      assert.equal(gateways.length, t.parameters['natGateways'], 'the number of NAT gateways is not natGateways');
      for (const s of clusterSubnets(t)) {
        const nat = natOf(t, s);
        assert.ok(nat, `cluster subnet ${s} has no route through a NAT gateway`);
        if (t.parameters['natGateways'] === t.parameters['azCount']) {
          const gateway = gateways.find((g) => g.id === nat);
          assert.equal(zoneOf(t, target(gateway?.Properties?.['SubnetId']) ?? ''), zoneOf(t, s), `subnet ${s} uses a NAT gateway in another zone`);
        }
      }
    },
  ),
  claim(
    'room-for-pod-addresses',
    'Each cluster subnet holds a quarter of the VPC (a /18 in a /16, about 16,000 addresses), because every pod takes a VPC address.',
    (t) => {
      const vpcPrefix = Number(String(t.parameters['vpcCidr']).split('/')[1]);
      for (const s of clusterSubnets(t)) {
        const cidr = String(byId(t, 'AWS::EC2::Subnet', s)['CidrBlock']);
        assert.equal(Number(cidr.split('/')[1]), vpcPrefix + 2, `cluster subnet ${cidr} is smaller than a quarter of the VPC`);
      }
    },
  ),
  claim(
    'access-entries-only',
    'Kubernetes access goes through access entries only: no aws-auth ConfigMap, and the role that creates the cluster gets no Kubernetes rights.',
    (t) => {
      assert.deepEqual(
        cluster(t)['AccessConfig'],
        { AuthenticationMode: 'API', BootstrapClusterCreatorAdminPermissions: false },
        'the cluster reads the aws-auth ConfigMap, or makes its creator an administrator',
      );
    },
  ),
  claim(
    'admin-access-entry',
    'With adminRoleArn set, that role, and only it, gets an access entry with the cluster administrator policy over the whole cluster.',
    (t) => {
      const entries = t.resources('AWS::EKS::AccessEntry').map((e) => (e.Properties ?? {}) as Props);
      if (t.parameters['adminRoleArn'] === '') {
        assert.deepEqual(entries, [], 'there is an access entry without adminRoleArn');
        return;
      }
      assert.equal(entries.length, 1, 'there is not exactly one access entry');
      const [entry = {}] = entries;
      assert.equal(entry['PrincipalArn'], t.parameters['adminRoleArn'], 'the access entry is not for adminRoleArn');
      assert.equal(target(entry['ClusterName']), cluster(t).id, 'the access entry is for another cluster');
      assert.equal(entry['Type'], 'STANDARD', 'the access entry is not a standard one');
      const policies = entry['AccessPolicies'] as Props[];
      assert.equal(policies.length, 1, 'the access entry has more than one access policy');
      assert.match(JSON.stringify(policies[0]?.['PolicyArn']), /cluster-access-policy\/AmazonEKSClusterAdminPolicy/u);
      assert.deepEqual(policies[0]?.['AccessScope'], { Type: 'cluster' }, 'the administrator policy is scoped to namespaces');
    },
  ),
  claim(
    'endpoint-access-follows-parameter',
    'The Kubernetes API always answers privately inside the VPC; it has a public endpoint, reachable from publicAccessCidr only, just with endpointAccess public-and-private.',
    (t) => {
      const vpc = vpcConfig(t);
      assert.equal(vpc['EndpointPrivateAccess'], true, 'the API has no private endpoint');
      if (t.parameters['endpointAccess'] === 'private') {
        assert.equal(vpc['EndpointPublicAccess'], false, 'the API has a public endpoint although endpointAccess is private');
        return;
      }
      assert.equal(vpc['EndpointPublicAccess'], true, 'the API has no public endpoint');
      assert.deepEqual(vpc['PublicAccessCidrs'], [t.parameters['publicAccessCidr']], 'the public endpoint is open to more than publicAccessCidr');
    },
  ),
  claim(
    'secrets-envelope-encrypted',
    'Kubernetes secrets, and the rest of the Kubernetes API data, are envelope-encrypted with a customer managed key of the stack, which rotates yearly and, once scheduled for deletion, waits 30 days.',
    (t) => {
      const configs = cluster(t)['EncryptionConfig'] as Props[];
      assert.equal(configs.length, 1, 'the cluster has no encryption configuration with a key of its own');
      const [config = {}] = configs;
      // Resources is deprecated: with a key, EKS encrypts all Kubernetes API data with it, secrets included.
      assert.ok([undefined, ['secrets']].some((r) => JSON.stringify(r) === JSON.stringify(config['Resources'])));
      const key = byId(t, 'AWS::KMS::Key', target((config['Provider'] as Props)['KeyArn']));
      assert.equal(key['EnableKeyRotation'], true, 'the secrets key does not rotate');
      assert.equal(key['PendingWindowInDays'], 30, 'the secrets key can be deleted sooner than in 30 days');
    },
  ),
  claim(
    'control-plane-logs-kept',
    'Every control-plane log type (API, audit, authenticator, controller manager, scheduler) goes to the cluster\'s log group, created first with logRetentionDays and a customer managed key.',
    (t) => {
      const c = cluster(t);
      const types = ((c['Logging'] as Props)['ClusterLogging'] as { EnabledTypes: { Type: string }[] }).EnabledTypes.map((e) => e.Type);
      assert.deepEqual(types.sort(), ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'], 'a control-plane log type is off');
      const groups = t.resources('AWS::Logs::LogGroup').filter((g) => JSON.stringify(g.Properties?.['LogGroupName']).includes('/aws/eks/'));
      assert.equal(groups.length, 1, 'there is no log group for the control plane');
      const [group] = groups;
      assert.equal(JSON.stringify(group?.Properties?.['LogGroupName']), JSON.stringify(`/aws/eks/${String(c['Name'])}/cluster`), 'the log group is not the one EKS writes to');
      assert.equal(group?.Properties?.['RetentionInDays'], t.parameters['logRetentionDays'], 'the control-plane logs are not kept logRetentionDays');
      assert.ok(group?.Properties?.['KmsKeyId'], 'the control-plane log group is not encrypted with a customer managed key');
      const dependsOn = [t.resources('AWS::EKS::Cluster')[0]?.DependsOn].flat();
      assert.ok(dependsOn.includes(group.id), 'the cluster may be created before its log group, which EKS would then create without retention');
    },
  ),
  claim(
    'standard-support-only',
    'At the end of standard support EKS upgrades the cluster instead of billing extended support, and the cluster takes part in ARC zonal shift.',
    (t) => {
      const c = cluster(t);
      assert.deepEqual(c['UpgradePolicy'], { SupportType: 'STANDARD' }, 'the cluster stays on extended support, at six times the hourly price');
      assert.deepEqual(c['ZonalShiftConfig'], { Enabled: true }, 'zonal shift is off for the cluster');
    },
  ),
  claim(
    'pod-identity-per-service-account',
    'With podIdentityServiceAccount set, that service account gets its own empty IAM role through Pod Identity, and the role trusts Pod Identity only for that service account, namespace and cluster.',
    (t) => {
      const associations = t.resources('AWS::EKS::PodIdentityAssociation').map((a) => (a.Properties ?? {}) as Props);
      if (t.parameters['podIdentityServiceAccount'] === '') {
        assert.deepEqual(associations, [], 'there is a Pod Identity association without podIdentityServiceAccount');
        return;
      }
      const [namespace, serviceAccount] = String(t.parameters['podIdentityServiceAccount']).split('/');
      assert.equal(associations.length, 1, 'there is not exactly one Pod Identity association');
      const [a = {}] = associations;
      assert.deepEqual([a['Namespace'], a['ServiceAccount']], [namespace, serviceAccount], 'the association is for another service account');
      const role = byId(t, 'AWS::IAM::Role', target(a['RoleArn']));
      assert.equal(role['ManagedPolicyArns'], undefined, 'the workload role starts with managed policies');
      const [statement = {}] = trust(role);
      assert.equal(trust(role).length, 1, 'the workload role has more than one trust statement');
      assert.deepEqual(statement['Principal'], { Service: 'pods.eks.amazonaws.com' }, 'the workload role trusts more than Pod Identity');
      assert.deepEqual(actions(statement).sort(), ['sts:AssumeRole', 'sts:TagSession'], 'the trust policy allows other actions');
      const tags = ((statement['Condition'] as Props)['StringEquals'] ?? {}) as Props;
      assert.equal(tags['aws:RequestTag/kubernetes-namespace'], namespace, 'another namespace may use the role');
      assert.equal(tags['aws:RequestTag/kubernetes-service-account'], serviceAccount, 'another service account may use the role');
      assert.equal(target(tags['aws:RequestTag/eks-cluster-name']), cluster(t).id, 'another cluster may use the role');
    },
  ),
  claim(
    'observability-addon-through-pod-identity',
    'With observabilityAddon, the CloudWatch Observability managed add-on runs its agent with its own role through Pod Identity, trusted only for the agent\'s service account.',
    (t) => {
      const addons = t.resources('AWS::EKS::Addon').map((a) => (a.Properties ?? {}) as Props);
      if (t.parameters['observabilityAddon'] !== true) {
        assert.deepEqual(addons, [], 'there is an add-on without observabilityAddon');
        return;
      }
      assert.equal(addons.length, 1, 'there is not exactly one add-on');
      const [addon = {}] = addons;
      assert.equal(addon['AddonName'], 'amazon-cloudwatch-observability');
      const association = (addon['PodIdentityAssociations'] as Props[]).at(0);
      assert.ok(association, 'the add-on agent has no Pod Identity association');
      assert.equal(association['ServiceAccount'], 'cloudwatch-agent', 'the add-on agent has no Pod Identity association');
      const role = byId(t, 'AWS::IAM::Role', target(association['RoleArn']));
      assert.deepEqual(managedPolicies(role), ['CloudWatchAgentServerPolicy'], 'the agent role has more than the agent policy');
      const tags = ((trust(role).at(0)?.['Condition'] as Props | undefined)?.['StringEquals'] ?? {}) as Props;
      assert.deepEqual(
        [tags['aws:RequestTag/kubernetes-namespace'], tags['aws:RequestTag/kubernetes-service-account']],
        ['amazon-cloudwatch', 'cloudwatch-agent'],
        'other pods may use the agent role',
      );
    },
  ),
];
