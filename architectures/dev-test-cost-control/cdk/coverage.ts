/**
 * Which catalogue entries a portal with given launchRoleServices and attachablePolicies can launch, computed
 * from their synthesized templates: the IAM service prefixes their resource types need, and whatever else
 * keeps a template from launching through this portal (assets, transforms, roles the boundary refuses).
 * The entry's tests compare the result with the table in its README, so the list stays true.
 */
import { FORBIDDEN_SERVICES, OUTSIDE_THE_BOUNDARY } from './access.ts';

/** A CloudFormation template as far as this module reads it. */
export interface Template {
  readonly Transform?: string | readonly string[];
  readonly Parameters?: Readonly<Record<string, { readonly Type?: string; readonly Default?: unknown }>>;
  readonly Resources?: Readonly<
    Record<string, { readonly Type: string; readonly Properties?: Readonly<Record<string, unknown>> }>
  >;
}

/**
 * The IAM service prefix the launch role needs for each resource type namespace. null: the launch role's
 * own scoped statements cover it (product roles, their policies and instance profiles; the stack itself).
 */
const SERVICE_OF_NAMESPACE: Readonly<Record<string, string | null>> = {
  'AWS::ACMPCA': 'acm-pca',
  'AWS::ApiGateway': 'apigateway',
  'AWS::ApiGatewayV2': 'apigateway',
  'AWS::ApplicationAutoScaling': 'application-autoscaling',
  'AWS::ARCZonalShift': 'arc-zonal-shift',
  'AWS::Athena': 'athena',
  'AWS::AutoScaling': 'autoscaling',
  'AWS::Backup': 'backup',
  'AWS::Batch': 'batch',
  'AWS::Bedrock': 'bedrock',
  'AWS::BedrockAgentCore': 'bedrock-agentcore',
  'AWS::Budgets': 'budgets',
  'AWS::CertificateManager': 'acm',
  'AWS::CloudFront': 'cloudfront',
  'AWS::CloudTrail': 'cloudtrail',
  'AWS::CloudWatch': 'cloudwatch',
  'AWS::CodeBuild': 'codebuild',
  'AWS::CodeDeploy': 'codedeploy',
  'AWS::CodePipeline': 'codepipeline',
  'AWS::Cognito': 'cognito-idp',
  'AWS::Config': 'config',
  'AWS::DirectConnect': 'directconnect',
  'AWS::DirectoryService': 'ds',
  'AWS::DMS': 'dms',
  'AWS::DSQL': 'dsql',
  'AWS::DynamoDB': 'dynamodb',
  'AWS::EC2': 'ec2',
  'AWS::ECR': 'ecr',
  'AWS::ECS': 'ecs',
  'AWS::EFS': 'elasticfilesystem',
  'AWS::EKS': 'eks',
  'AWS::ElastiCache': 'elasticache',
  'AWS::ElasticLoadBalancingV2': 'elasticloadbalancing',
  'AWS::Events': 'events',
  'AWS::FSx': 'fsx',
  'AWS::Glue': 'glue',
  'AWS::GuardDuty': 'guardduty',
  'AWS::IoT': 'iot',
  'AWS::Kinesis': 'kinesis',
  'AWS::KinesisAnalyticsV2': 'kinesisanalytics',
  'AWS::KinesisFirehose': 'firehose',
  'AWS::KMS': 'kms',
  'AWS::LakeFormation': 'lakeformation',
  'AWS::Lambda': 'lambda',
  'AWS::Logs': 'logs',
  'AWS::NetworkFirewall': 'network-firewall',
  'AWS::ObservabilityAdmin': 'observabilityadmin',
  'AWS::OpenSearchServerless': 'aoss',
  'AWS::OpenSearchService': 'es',
  'AWS::Organizations': 'organizations',
  'AWS::Pipes': 'pipes',
  'AWS::RAM': 'ram',
  'AWS::RDS': 'rds',
  'AWS::Route53': 'route53',
  'AWS::Route53Resolver': 'route53resolver',
  'AWS::S3': 's3',
  'AWS::S3Tables': 's3tables',
  'AWS::S3Vectors': 's3vectors',
  'AWS::SageMaker': 'sagemaker',
  'AWS::Scheduler': 'scheduler',
  'AWS::SecretsManager': 'secretsmanager',
  'AWS::SecurityHub': 'securityhub',
  'AWS::ServiceCatalog': 'servicecatalog',
  'AWS::SES': 'ses',
  'AWS::SNS': 'sns',
  'AWS::SQS': 'sqs',
  'AWS::SSM': 'ssm',
  'AWS::StepFunctions': 'states',
  'AWS::Synthetics': 'synthetics',
  'AWS::Transfer': 'transfer',
  'AWS::VpcLattice': 'vpc-lattice',
  'AWS::WAFv2': 'wafv2',
  'AWS::XRay': 'xray',
};

/** IAM types the launch role's scoped statements cover; any other IAM type (users, groups, providers) it never creates. */
const PRODUCT_IAM_TYPES = ['AWS::IAM::Role', 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::InstanceProfile'];

/** The IAM service prefix that creating a resource of `type` needs; null when the launch role covers it otherwise. */
export function serviceOf(type: string): string | null {
  if (PRODUCT_IAM_TYPES.includes(type)) return null;
  if (type.startsWith('AWS::IAM::')) return 'iam';
  if (type === 'AWS::CloudFormation::WaitCondition' || type === 'AWS::CloudFormation::WaitConditionHandle') return null;
  // A custom resource is a Lambda invocation by CloudFormation.
  if (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource') return 'lambda';
  const namespace = type.split('::').slice(0, 2).join('::');
  const service = SERVICE_OF_NAMESPACE[namespace];
  if (service === undefined) {
    throw new Error(
      `${type}: add its namespace ${namespace} with its IAM service prefix to SERVICE_OF_NAMESPACE in architectures/dev-test-cost-control/cdk/coverage.ts`,
    );
  }
  return service;
}

/** What a portal is configured to allow. */
export interface PortalDefaults {
  readonly services: readonly string[];
  readonly attachablePolicies: readonly string[];
}

type Statement = { readonly Action?: unknown; readonly Resource?: unknown };

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** Role logical ids of a template, whose ARNs are product roles once launched. */
const roleIds = (t: Template) =>
  new Set(Object.entries(t.Resources ?? {}).filter(([, r]) => r.Type === 'AWS::IAM::Role').map(([id]) => id));

/** The statements of every identity policy in a template: inline role policies, AWS::IAM::Policy and ManagedPolicy. */
function identityStatements(t: Template): Statement[] {
  return Object.values(t.Resources ?? {}).flatMap((r) => {
    const p = r.Properties ?? {};
    const documents =
      r.Type === 'AWS::IAM::Role'
        ? list(p['Policies']).map((x) => (x as { PolicyDocument?: unknown }).PolicyDocument)
        : r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy'
          ? [p['PolicyDocument']]
          : [];
    return documents.flatMap((d) => list((d as { Statement?: unknown } | undefined)?.Statement) as Statement[]);
  });
}

/** Whether a resource of a statement is a role of the same template, which the launch makes a product role. */
function isOwnRole(resource: unknown, roles: Set<string>): boolean {
  const getAtt = (resource as { 'Fn::GetAtt'?: [string, string] } | null)?.['Fn::GetAtt'];
  return getAtt !== undefined && roles.has(getAtt[0]) && getAtt[1] === 'Arn';
}

/** The AWS managed policies the template's roles attach, by name with path. */
function awsManagedPolicies(t: Template): string[] {
  const names = Object.values(t.Resources ?? {})
    .filter((r) => r.Type === 'AWS::IAM::Role')
    .flatMap((r) => list(r.Properties?.['ManagedPolicyArns']))
    .map((arn) => JSON.stringify(arn))
    .map((text) => /:iam::aws:policy\/([\w+=.@/-]+)"/u.exec(text)?.[1])
    .filter((name): name is string => name !== undefined);
  return [...new Set(names)].sort();
}

/**
 * What a template needs beyond a portal with `defaults`, in plain words; empty when it launches as it is.
 */
export function needsOf(t: Template, defaults: PortalDefaults): string[] {
  const needs: string[] = [];
  const services = [
    ...new Set(Object.values(t.Resources ?? {}).map((r) => serviceOf(r.Type))),
  ].filter((s): s is string => s !== null);
  const forbidden = services.filter((s) => FORBIDDEN_SERVICES.includes(s)).sort();
  const missing = services.filter((s) => !FORBIDDEN_SERVICES.includes(s) && !defaults.services.includes(s)).sort();
  if (missing.length > 0) needs.push(`services ${missing.join(', ')}`);
  if (forbidden.length > 0) needs.push(`${forbidden.join(', ')} resources, which no launch role of this portal may create`);
  const text = JSON.stringify(t);
  if (/cdk-[a-z0-9]+-assets-/u.test(text)) needs.push('a file asset (oar synth --portable refuses it)');
  if (/cdk-[a-z0-9]+-container-assets-/u.test(text)) needs.push('a container image asset (oar synth --portable refuses it)');
  for (const transform of list(t.Transform)) {
    needs.push(`the ${String(transform)} transform, whose generated roles cannot carry the boundary`);
  }
  const roles = roleIds(t);
  const refused = identityStatements(t)
    .filter((s) =>
      list(s.Action).some((a) => {
        const action = String(a);
        if (!OUTSIDE_THE_BOUNDARY.includes(action.split(':')[0] ?? '')) return false;
        const productRoleAction = ['iam:GetRole', 'iam:PassRole', 'sts:AssumeRole'].includes(action);
        return !productRoleAction || !list(s.Resource).every((r) => isOwnRole(r, roles));
      }),
    )
    .flatMap((s) => list(s.Action).map(String))
    .filter((a) => OUTSIDE_THE_BOUNDARY.includes(a.split(':')[0] ?? ''));
  if (refused.length > 0) {
    const actions = [...new Set(refused)].sort();
    const named = actions.length <= 3 ? actions : [...new Set(actions.map((a) => `${a.split(':')[0] ?? ''}:*`))];
    needs.push(`roles with ${named.join(', ')} beyond its own roles, which the boundary refuses`);
  }
  // Parameter Store values the launch resolves: the launch role reads only these two paths unless ssm is added.
  const readable = /^\/(?:cdk-bootstrap|aws\/service)\//u;
  const parameters = Object.values(t.Parameters ?? {})
    .filter((p) => String(p.Type).startsWith('AWS::SSM::Parameter::Value<') && !readable.test(String(p.Default)))
    .map((p) => String(p.Default));
  if (parameters.length > 0 && !defaults.services.includes('ssm')) needs.push(`services ssm, to read ${parameters.join(', ')}`);
  const policies = awsManagedPolicies(t).filter((p) => !defaults.attachablePolicies.includes(p));
  if (policies.length > 0) needs.push(`attachable policies ${policies.join(', ')}`);
  return needs;
}

/** One row of the README table: an entry and what it needs beyond the defaults. */
export interface CoverageRow {
  readonly entry: string;
  readonly needs: readonly string[];
}

/** The README table of which entries launch with the defaults, in entry order. */
export function coverageTable(rows: readonly CoverageRow[]): string {
  const lines = rows.map(
    (r) =>
      `| [${r.entry}](../${r.entry}/) | ${r.needs.length === 0 ? 'yes' : 'no'} | ${r.needs.length === 0 ? '' : r.needs.join('; ')} |`,
  );
  return ['| Entry | Launches with the defaults | What else it needs |', '| --- | --- | --- |', ...lines].join('\n');
}
