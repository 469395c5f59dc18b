import type { Service } from '../../schema/architecture.ts';
import type { CfnTemplate } from '../synth/template.ts';

type Resource = NonNullable<CfnTemplate['Resources']>[string];

/** How to recognise a service in a template: type prefixes, exact types, or a test on the resource. */
interface Evidence {
  readonly prefixes?: readonly string[];
  readonly types?: readonly string[];
  readonly when?: (r: Resource) => boolean;
  /** Managed policies whose attachment means the service is used without resources of its own. */
  readonly managedPolicies?: readonly string[];
}

const VPC_TYPES = [
  'AWS::EC2::VPC',
  'AWS::EC2::Subnet',
  'AWS::EC2::RouteTable',
  'AWS::EC2::Route',
  'AWS::EC2::SubnetRouteTableAssociation',
  'AWS::EC2::InternetGateway',
  'AWS::EC2::EgressOnlyInternetGateway',
  'AWS::EC2::VPCGatewayAttachment',
  'AWS::EC2::NatGateway',
  'AWS::EC2::EIP',
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::SecurityGroupIngress',
  'AWS::EC2::SecurityGroupEgress',
  'AWS::EC2::NetworkAcl',
  'AWS::EC2::NetworkAclEntry',
  'AWS::EC2::SubnetNetworkAclAssociation',
  'AWS::EC2::VPCEndpoint',
  'AWS::EC2::FlowLog',
  'AWS::EC2::VPCCidrBlock',
  'AWS::EC2::PrefixList',
  'AWS::EC2::VPCPeeringConnection',
  'AWS::EC2::NetworkInterface',
];

const hasEbsMapping = (r: Resource): boolean => JSON.stringify(r.Properties ?? {}).includes('"Ebs":');

/** An IAM role or policy that allows an action of the service with this IAM prefix, e.g. `ce:GetCostAndUsage`. */
function grantsActionsOf(r: Resource, prefix: string): boolean {
  if (!r.Type.startsWith('AWS::IAM::')) return false;
  return new RegExp(`"${prefix}:[A-Za-z*]`, 'u').test(JSON.stringify(r.Properties ?? {}));
}

/** A state machine, function or API stage with X-Ray tracing switched on. */
function tracesWithXRay(r: Resource): boolean {
  const p = r.Properties ?? {};
  if (r.Type === 'AWS::StepFunctions::StateMachine') {
    return (p['TracingConfiguration'] as { Enabled?: unknown } | undefined)?.Enabled === true;
  }
  if (r.Type === 'AWS::Lambda::Function')
    return (p['TracingConfig'] as { Mode?: unknown } | undefined)?.Mode === 'Active';
  if (r.Type === 'AWS::ApiGateway::Stage') return p['TracingEnabled'] === true;
  return false;
}

/**
 * Which CloudFormation resources show that an entry uses each controlled service
 * id. Keyed by the schema's Service type, so adding a service to the schema
 * without saying how to recognise it is a type error.
 */
export const SERVICE_EVIDENCE: Readonly<Record<Service, Evidence>> = {
  acm: { prefixes: ['AWS::CertificateManager::'] },
  'acm-pca': { prefixes: ['AWS::ACMPCA::'] },
  'api-gateway': { prefixes: ['AWS::ApiGateway::', 'AWS::ApiGatewayV2::'] },
  appsync: { prefixes: ['AWS::AppSync::'] },
  arc: {
    prefixes: [
      'AWS::Route53RecoveryControl::',
      'AWS::Route53RecoveryReadiness::',
      'AWS::ARCZonalShift::',
      'AWS::ARCRegionSwitch::',
    ],
  },
  athena: { prefixes: ['AWS::Athena::'] },
  aurora: {
    // A subnet group serves RDS instances as well as Aurora clusters, so it is evidence of rds only.
    types: ['AWS::RDS::DBClusterParameterGroup'],
    when: (r) => {
      const engine = r.Properties?.['Engine'];
      return r.Type.startsWith('AWS::RDS::DB') && typeof engine === 'string' && engine.startsWith('aurora');
    },
  },
  autoscaling: { prefixes: ['AWS::AutoScaling::', 'AWS::ApplicationAutoScaling::'] },
  backup: { prefixes: ['AWS::Backup::'] },
  batch: { prefixes: ['AWS::Batch::'] },
  bedrock: { prefixes: ['AWS::Bedrock::'], when: (r) => grantsActionsOf(r, 'bedrock') },
  'bedrock-agentcore': { prefixes: ['AWS::BedrockAgentCore::'] },
  budgets: { prefixes: ['AWS::Budgets::'] },
  // Cost Explorer has no resources to create; a stack uses it by granting its API, e.g. ce:GetCostAndUsage.
  ce: { prefixes: ['AWS::CE::'], when: (r) => grantsActionsOf(r, 'ce') },
  cloudformation: { prefixes: ['AWS::CloudFormation::'] },
  cloudfront: { prefixes: ['AWS::CloudFront::'] },
  cloudtrail: { prefixes: ['AWS::CloudTrail::'] },
  cloudwatch: { prefixes: ['AWS::CloudWatch::'], managedPolicies: ['CloudWatchAgentServerPolicy'] },
  'cloudwatch-logs': { prefixes: ['AWS::Logs::'] },
  codebuild: { prefixes: ['AWS::CodeBuild::'] },
  codecommit: { prefixes: ['AWS::CodeCommit::'] },
  codedeploy: { prefixes: ['AWS::CodeDeploy::'] },
  codepipeline: { prefixes: ['AWS::CodePipeline::'] },
  cognito: { prefixes: ['AWS::Cognito::'] },
  config: { prefixes: ['AWS::Config::'] },
  'control-tower': { prefixes: ['AWS::ControlTower::'] },
  'direct-connect': { prefixes: ['AWS::DirectConnect::'] },
  'directory-service': { prefixes: ['AWS::DirectoryService::'] },
  dms: { prefixes: ['AWS::DMS::'] },
  dsql: { prefixes: ['AWS::DSQL::'] },
  dynamodb: { prefixes: ['AWS::DynamoDB::'] },
  ebs: { types: ['AWS::EC2::Volume', 'AWS::EC2::VolumeAttachment'], when: hasEbsMapping },
  ec2: {
    types: [
      'AWS::EC2::Instance',
      'AWS::EC2::LaunchTemplate',
      'AWS::AutoScaling::LaunchConfiguration',
      'AWS::EC2::SpotFleet',
      'AWS::EC2::EC2Fleet',
      'AWS::EC2::PlacementGroup',
      'AWS::EC2::KeyPair',
    ],
  },
  ecr: { prefixes: ['AWS::ECR::'] },
  ecs: { prefixes: ['AWS::ECS::'] },
  efs: { prefixes: ['AWS::EFS::'] },
  eks: { prefixes: ['AWS::EKS::'] },
  elasticache: { prefixes: ['AWS::ElastiCache::'] },
  elb: { prefixes: ['AWS::ElasticLoadBalancing::', 'AWS::ElasticLoadBalancingV2::'] },
  eventbridge: { prefixes: ['AWS::Events::', 'AWS::Scheduler::', 'AWS::Pipes::'] },
  fargate: {
    when: (r) =>
      (r.Type === 'AWS::ECS::TaskDefinition' || r.Type === 'AWS::ECS::Service') &&
      JSON.stringify(r.Properties ?? {}).includes('FARGATE'),
  },
  fsx: { prefixes: ['AWS::FSx::'] },
  glue: { prefixes: ['AWS::Glue::'] },
  guardduty: { prefixes: ['AWS::GuardDuty::'] },
  iam: { prefixes: ['AWS::IAM::'] },
  'iam-identity-center': { prefixes: ['AWS::SSO::', 'AWS::IdentityStore::'] },
  inspector: { prefixes: ['AWS::InspectorV2::', 'AWS::Inspector::'] },
  'iot-core': { prefixes: ['AWS::IoT::'] },
  'kinesis-data-streams': { prefixes: ['AWS::Kinesis::'] },
  'kinesis-firehose': { prefixes: ['AWS::KinesisFirehose::'] },
  kms: { prefixes: ['AWS::KMS::'] },
  'lake-formation': { prefixes: ['AWS::LakeFormation::'] },
  lambda: { prefixes: ['AWS::Lambda::'] },
  'managed-flink': { prefixes: ['AWS::KinesisAnalyticsV2::', 'AWS::KinesisAnalytics::'] },
  mgn: { prefixes: ['AWS::MGN::'], when: (r) => grantsActionsOf(r, 'mgn') },
  msk: { prefixes: ['AWS::MSK::'] },
  'network-firewall': { prefixes: ['AWS::NetworkFirewall::'] },
  opensearch: { prefixes: ['AWS::OpenSearchService::', 'AWS::Elasticsearch::'] },
  'opensearch-serverless': { prefixes: ['AWS::OpenSearchServerless::'] },
  organizations: { prefixes: ['AWS::Organizations::'] },
  ram: { prefixes: ['AWS::RAM::'] },
  rds: { prefixes: ['AWS::RDS::'] },
  redshift: { prefixes: ['AWS::Redshift::', 'AWS::RedshiftServerless::'] },
  route53: { prefixes: ['AWS::Route53::', 'AWS::Route53Resolver::'] },
  s3: { prefixes: ['AWS::S3::'] },
  's3-tables': { prefixes: ['AWS::S3Tables::'] },
  's3-vectors': { prefixes: ['AWS::S3Vectors::'] },
  sagemaker: { prefixes: ['AWS::SageMaker::'] },
  'secrets-manager': { prefixes: ['AWS::SecretsManager::'] },
  'security-hub': { prefixes: ['AWS::SecurityHub::'] },
  'service-catalog': { prefixes: ['AWS::ServiceCatalog::'] },
  ses: { prefixes: ['AWS::SES::'] },
  shield: { prefixes: ['AWS::Shield::'] },
  'site-to-site-vpn': {
    types: [
      'AWS::EC2::VPNConnection',
      'AWS::EC2::VPNConnectionRoute',
      'AWS::EC2::VPNGateway',
      'AWS::EC2::VPNGatewayRoutePropagation',
      'AWS::EC2::CustomerGateway',
    ],
  },
  sns: { prefixes: ['AWS::SNS::'] },
  sqs: { prefixes: ['AWS::SQS::'] },
  ssm: { prefixes: ['AWS::SSM::'], managedPolicies: ['AmazonSSMManagedInstanceCore'] },
  'step-functions': { prefixes: ['AWS::StepFunctions::'] },
  timestream: { prefixes: ['AWS::Timestream::'] },
  'transfer-family': { prefixes: ['AWS::Transfer::'] },
  'transit-gateway': { prefixes: ['AWS::EC2::TransitGateway'] },
  'verified-access': { prefixes: ['AWS::EC2::VerifiedAccess'] },
  vpc: { types: VPC_TYPES },
  'vpc-lattice': { prefixes: ['AWS::VpcLattice::'] },
  waf: { prefixes: ['AWS::WAFv2::', 'AWS::WAF::', 'AWS::WAFRegional::'] },
  // Tracing is a setting of the traced resource, not a resource of its own.
  'x-ray': { prefixes: ['AWS::XRay::'], when: tracesWithXRay },
};

/** True when resource `r` is evidence that `service` is in use. */
export function resourceShowsService(service: Service, r: Resource): boolean {
  const e = SERVICE_EVIDENCE[service];
  return Boolean(
    e.prefixes?.some((p) => r.Type.startsWith(p)) ||
    e.types?.includes(r.Type) ||
    e.when?.(r) ||
    (e.managedPolicies && r.Type === 'AWS::IAM::Role' && attachesManagedPolicy(r, e.managedPolicies)),
  );
}

const ALL_SERVICES = Object.keys(SERVICE_EVIDENCE) as Service[];

/** The services one resource is evidence of (none for a type no service claims). */
export function servicesShownBy(r: Resource): Service[] {
  return ALL_SERVICES.filter((s) => resourceShowsService(s, r));
}

/** Every service that some resource of the template shows. */
export function templateServices(template: CfnTemplate): Set<Service> {
  return new Set(Object.values(template.Resources ?? {}).flatMap(servicesShownBy));
}

function attachesManagedPolicy(r: Resource, names: readonly string[]): boolean {
  const arns = JSON.stringify(r.Properties?.['ManagedPolicyArns'] ?? []);
  return names.some((n) => arns.includes(`policy/${n}`));
}
