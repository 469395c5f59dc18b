import { refsIn, type RefIndex, type TemplateResource } from './template-refs.ts';

/**
 * Resources that are part of another one and are drawn inside its box: the property that names the
 * parent (its last reference there, so a scalable target's `service/<cluster>/<service>` names the service);
 * of several properties, the first that names one.
 */
const PART_OF: Readonly<Record<string, string | readonly string[]>> = {
  // An internet or VPN gateway is drawn in the VPC its attachment names.
  'AWS::EC2::VPCGatewayAttachment': ['InternetGatewayId', 'VpnGatewayId'],
  // A policy of a role that is drawn (one made for someone outside the stack) is drawn inside the role.
  'AWS::IAM::Policy': ['Roles', 'Users', 'Groups'],
  'AWS::S3::BucketPolicy': 'Bucket',
  'AWS::SNS::TopicPolicy': 'Topics',
  'AWS::SQS::QueuePolicy': 'Queues',
  'AWS::KMS::Alias': 'TargetKeyId',
  'AWS::Lambda::Version': 'FunctionName',
  'AWS::Lambda::Alias': 'FunctionName',
  'AWS::Lambda::Url': 'TargetFunctionArn',
  'AWS::Lambda::EventInvokeConfig': 'FunctionName',
  'AWS::ApiGateway::Resource': 'RestApiId',
  'AWS::ApiGateway::Method': 'RestApiId',
  'AWS::ApiGateway::Deployment': 'RestApiId',
  'AWS::ApiGateway::Stage': 'RestApiId',
  'AWS::ApiGateway::Model': 'RestApiId',
  'AWS::ApiGateway::RequestValidator': 'RestApiId',
  'AWS::ApiGateway::GatewayResponse': 'RestApiId',
  'AWS::ApiGateway::Authorizer': 'RestApiId',
  'AWS::ApiGatewayV2::Route': 'ApiId',
  'AWS::ApiGatewayV2::Stage': 'ApiId',
  'AWS::ApiGatewayV2::Integration': 'ApiId',
  'AWS::ApiGatewayV2::Authorizer': 'ApiId',
  'AWS::ApiGatewayV2::Deployment': 'ApiId',
  'AWS::ElasticLoadBalancingV2::Listener': 'LoadBalancerArn',
  'AWS::ElasticLoadBalancingV2::ListenerRule': 'ListenerArn',
  'AWS::ElasticLoadBalancingV2::ListenerCertificate': 'ListenerArn',
  'AWS::ApplicationAutoScaling::ScalableTarget': 'ResourceId',
  'AWS::ApplicationAutoScaling::ScalingPolicy': 'ScalingTargetId',
  'AWS::AutoScaling::ScalingPolicy': 'AutoScalingGroupName',
  'AWS::AutoScaling::LifecycleHook': 'AutoScalingGroupName',
  'AWS::AutoScaling::ScheduledAction': 'AutoScalingGroupName',
  'AWS::AutoScaling::WarmPool': 'AutoScalingGroupName',
  'AWS::SecretsManager::SecretTargetAttachment': 'SecretId',
  'AWS::SecretsManager::RotationSchedule': 'SecretId',
  'AWS::SecretsManager::ResourcePolicy': 'SecretId',
  'AWS::RDS::DBInstance': 'DBClusterIdentifier',
  'AWS::Backup::BackupSelection': 'BackupPlanId',
  'AWS::Cognito::UserPoolClient': 'UserPoolId',
  'AWS::Cognito::UserPoolDomain': 'UserPoolId',
  'AWS::Cognito::UserPoolResourceServer': 'UserPoolId',
  'AWS::Cognito::UserPoolGroup': 'UserPoolId',
  'AWS::Route53::RecordSet': 'HostedZoneId',
  'AWS::SES::ConfigurationSetEventDestination': 'ConfigurationSetName',
  'AWS::Transfer::User': 'ServerId',
  'AWS::Bedrock::GuardrailVersion': 'GuardrailIdentifier',
  'AWS::Bedrock::DataSource': 'KnowledgeBaseId',
  'AWS::S3Vectors::Index': 'VectorBucketArn',
  'AWS::S3Tables::Namespace': 'TableBucketARN',
  'AWS::BedrockAgentCore::RuntimeEndpoint': 'AgentRuntimeId',
  'AWS::BedrockAgentCore::GatewayTarget': 'GatewayIdentifier',
  'AWS::NetworkFirewall::LoggingConfiguration': 'FirewallArn',
  'AWS::KinesisAnalyticsV2::ApplicationCloudWatchLoggingOption': 'ApplicationName',
  'AWS::ACMPCA::Certificate': 'CertificateAuthorityArn',
  'AWS::ACMPCA::CertificateAuthorityActivation': 'CertificateAuthorityArn',
  'AWS::ACMPCA::Permission': 'CertificateAuthorityArn',
  'AWS::CodeDeploy::DeploymentGroup': 'ApplicationName',
  'AWS::Events::Archive': 'SourceArn',
  'AWS::EC2::TransitGatewayRoute': 'TransitGatewayRouteTableId',
  'AWS::EC2::TransitGatewayRouteTableAssociation': 'TransitGatewayRouteTableId',
  'AWS::EC2::TransitGatewayRouteTablePropagation': 'TransitGatewayRouteTableId',
  'AWS::EC2::VPNConnectionRoute': 'VpnConnectionId',
  'AWS::VpcLattice::AuthPolicy': 'ResourceIdentifier',
  'AWS::VpcLattice::AccessLogSubscription': 'ResourceIdentifier',
  'AWS::VpcLattice::Listener': 'ServiceIdentifier',
  'AWS::VpcLattice::ServiceNetworkServiceAssociation': 'ServiceNetworkIdentifier',
  'AWS::VpcLattice::ServiceNetworkVpcAssociation': 'ServiceNetworkIdentifier',
  'AWS::ServiceCatalog::TagOptionAssociation': 'TagOptionId',
  'AWS::WAFv2::WebACLAssociation': 'WebACLArn',
  'AWS::EKS::Addon': 'ClusterName',
  'AWS::EKS::AccessEntry': 'ClusterName',
  'AWS::EKS::PodIdentityAssociation': 'ClusterName',
};

/** Resources that exist for the one resource that refers to them, and are drawn inside its box. */
const USED_BY_ONE = new Set([
  'AWS::EC2::LaunchTemplate',
  'AWS::AutoScaling::LaunchConfiguration',
  'AWS::ECS::TaskDefinition',
  'AWS::RDS::DBSubnetGroup',
  'AWS::RDS::DBParameterGroup',
  'AWS::RDS::DBClusterParameterGroup',
  'AWS::RDS::OptionGroup',
  'AWS::ElastiCache::SubnetGroup',
  'AWS::ElastiCache::ParameterGroup',
  'AWS::DMS::ReplicationSubnetGroup',
  'AWS::DocDB::DBSubnetGroup',
  'AWS::Redshift::ClusterSubnetGroup',
  'AWS::CloudFront::OriginAccessControl',
  'AWS::CloudFront::ResponseHeadersPolicy',
  'AWS::CloudFront::CachePolicy',
  'AWS::CloudFront::OriginRequestPolicy',
  'AWS::CloudFront::Function',
  'AWS::CloudFront::VpcOrigin',
  'AWS::Glue::SecurityConfiguration',
  'AWS::Lambda::LayerVersion',
  'AWS::EC2::PlacementGroup',
]);

/**
 * The resource each part is drawn inside, by logical id: for a type in PART_OF, the parent its property
 * names; for a type in USED_BY_ONE, the one resource that refers to it. Chains resolve to the outermost
 * resource (a listener rule to its listener's load balancer); a cycle attaches nothing. Only `parts` are
 * considered as parts (the caller leaves out what it folds); a part whose parent is folded is folded with it
 * by the caller.
 */
export function partsOf(
  resources: readonly TemplateResource[],
  refs: RefIndex,
  parts: ReadonlySet<string>,
): Map<string, string> {
  const ids = new Set(resources.map((r) => r.id));
  const direct = new Map<string, string>();
  for (const r of resources) {
    if (!parts.has(r.id)) continue;
    const property = PART_OF[r.type];
    const parent =
      property !== undefined
        ? [property]
            .flat()
            .map((p) => refsIn(r.props[p], ids).at(-1))
            .find((id) => id !== undefined)
        : USED_BY_ONE.has(r.type) && refs.into.get(r.id)?.length === 1
          ? refs.into.get(r.id)?.[0]
          : undefined;
    if (parent !== undefined && parent !== r.id) direct.set(r.id, parent);
  }
  const outermost = new Map<string, string>();
  for (const id of direct.keys()) {
    const seen = new Set([id]);
    let at = id;
    let next = direct.get(at);
    while (next !== undefined && !seen.has(next)) {
      seen.add(next);
      at = next;
      next = direct.get(at);
    }
    if (next === undefined) outermost.set(id, at);
  }
  return outermost;
}
