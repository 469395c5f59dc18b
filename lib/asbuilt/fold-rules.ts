import type { RefIndex, TemplateResource } from './template-refs.ts';

/**
 * Why a resource is left out of the as-built diagram. Each is plumbing that nearly every stack has, or
 * that the diagram already shows another way (as a group, or as an edge); drawing it would bury the
 * architecture under boxes a reader does not look for.
 */
export const FOLD_REASONS = {
  iam: 'IAM roles, policies and instance profiles that serve a resource of the stack: nearly every resource has one (a role or policy nothing in the stack uses is drawn: it is made for someone outside)',
  logs: 'log groups, log streams and metric filters: most resources write logs',
  custom:
    'custom-resource plumbing (custom resources, CDK metadata and the Lambda functions that serve them): deploy-time helpers, not the running architecture',
  permission: 'Lambda permissions: drawn as the edge from the caller they name, when they name one',
  connector: 'event source mappings, SNS subscriptions and log subscription filters: drawn as edges',
  settings: 'account-wide settings (API Gateway account, CDK-created SSM parameters): not part of this architecture',
  network:
    'network plumbing (route tables, routes, associations, network ACLs, Elastic IPs, flow logs): drawn as the VPC and its subnet groups',
  securityGroup: 'security groups and their rules: drawn as the edges their rules allow',
} as const;

/** One of FOLD_REASONS. */
export type FoldReason = keyof typeof FOLD_REASONS;

const BY_TYPE: Readonly<Record<string, FoldReason>> = {
  'AWS::Logs::LogGroup': 'logs',
  'AWS::Logs::LogStream': 'logs',
  'AWS::Logs::MetricFilter': 'logs',
  'AWS::Logs::ResourcePolicy': 'logs',
  'AWS::CDK::Metadata': 'custom',
  'AWS::CloudFormation::CustomResource': 'custom',
  'AWS::CloudFormation::WaitConditionHandle': 'custom',
  'AWS::CloudFormation::WaitCondition': 'custom',
  'AWS::Lambda::Permission': 'permission',
  'AWS::Lambda::EventSourceMapping': 'connector',
  'AWS::SNS::Subscription': 'connector',
  'AWS::Logs::SubscriptionFilter': 'connector',
  'AWS::ApiGateway::Account': 'settings',
  'AWS::EC2::RouteTable': 'network',
  'AWS::EC2::Route': 'network',
  'AWS::EC2::SubnetRouteTableAssociation': 'network',
  'AWS::EC2::EIP': 'network',
  'AWS::EC2::NetworkAcl': 'network',
  'AWS::EC2::NetworkAclEntry': 'network',
  'AWS::EC2::SubnetNetworkAclAssociation': 'network',
  'AWS::EC2::VPCCidrBlock': 'network',
  'AWS::EC2::FlowLog': 'network',
  'AWS::EC2::VPNGatewayRoutePropagation': 'network',
  'AWS::EC2::GatewayRouteTableAssociation': 'network',
  'AWS::EC2::SecurityGroup': 'securityGroup',
  'AWS::EC2::SecurityGroupIngress': 'securityGroup',
  'AWS::EC2::SecurityGroupEgress': 'securityGroup',
};

// The CDK's own singleton handlers (AwsCustomResource, log retention, bucket notifications, auto-delete) and
// provider framework functions, by the logical ids the CDK gives them.
const CDK_HANDLER =
  /^(?:AWS679f53fac002430cb0da5b7982bd2287|LogRetention[0-9a-f]{32}|BucketNotificationsHandler[0-9a-f]{32})|CustomResourceProvider(?:Handler|Role)|Providerframework/u;

const IAM_SERVING = new Set([
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::InstanceProfile',
]);

// The CDK names the parameters it makes for itself under /cdk-bootstrap/ or /cdk/ (cross-region references).
const cdkParameter = (name: unknown) => typeof name === 'string' && /^\/cdk[-/]/u.test(name);

/** Which resources the diagram folds away, and why; every other resource is drawn. */
export function foldedResources(resources: readonly TemplateResource[], refs: RefIndex): Map<string, FoldReason> {
  const folded = new Map<string, FoldReason>();
  const byId = new Map(resources.map((r) => [r.id, r]));
  for (const r of resources) {
    const reason = BY_TYPE[r.type];
    if (reason) folded.set(r.id, reason);
    else if (r.type.startsWith('Custom::') || (r.type === 'AWS::Lambda::Function' && CDK_HANDLER.test(r.id)))
      folded.set(r.id, 'custom');
    else if (r.type === 'AWS::SSM::Parameter' && cdkParameter(r.props['Name'])) folded.set(r.id, 'settings');
  }
  // A function a custom resource calls, or that such a function calls in turn (the provider framework), is plumbing.
  const serving = [...folded].filter(([, why]) => why === 'custom').map(([id]) => id);
  while (serving.length > 0) {
    for (const id of refs.out.get(serving.pop() as string) ?? []) {
      if (byId.get(id)?.type === 'AWS::Lambda::Function' && !folded.has(id)) {
        folded.set(id, 'custom');
        serving.push(id);
      }
    }
  }
  foldServingIam(resources, refs, folded);
  return folded;
}

/**
 * IAM resources serve the stack when a resource outside IAM refers to them, directly or through an
 * instance profile or a policy that names them; those are folded. The rest exist for principals outside the
 * stack (a role to assume, a policy to attach), which is the point of the resource, so they are drawn.
 */
function foldServingIam(resources: readonly TemplateResource[], refs: RefIndex, folded: Map<string, FoldReason>) {
  const iam = new Set(resources.filter((r) => IAM_SERVING.has(r.type)).map((r) => r.id));
  const serves = new Set<string>();
  for (const r of resources) {
    if (iam.has(r.id)) continue;
    for (const id of refs.out.get(r.id) ?? []) if (iam.has(id)) serves.add(id);
  }
  // A role that serves makes the profiles and policies around it serve too, and the other way round.
  let grew = true;
  while (grew) {
    grew = false;
    for (const id of iam) {
      if (serves.has(id)) continue;
      const linked = [...(refs.out.get(id) ?? []), ...(refs.into.get(id) ?? [])];
      if (linked.some((other) => serves.has(other) && iam.has(other))) {
        serves.add(id);
        grew = true;
      }
    }
  }
  for (const id of serves) if (!folded.has(id)) folded.set(id, 'iam');
}
