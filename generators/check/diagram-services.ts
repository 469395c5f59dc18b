import type { Service } from '../../schema/architecture.ts';
import { labelOf } from '../../lib/vocabulary.ts';
import { diag, type Diagnostic } from '../../lib/diagnostics.ts';
import type { CfnTemplate } from '../synth/template.ts';
import { diagramClauses, EXTERNAL_CLASS } from './diagram-text.ts';
import { templateServices } from './service-evidence.ts';

/**
 * The words that name each service in a diagram. Keyed by the schema's Service
 * type, so a new service id without diagram terms is a type error. Terms are
 * deliberately specific: "queue" alone would match a Batch job queue.
 */
export const DIAGRAM_TERMS: Readonly<Record<Service, RegExp>> = {
  acm: /\bACM\b|Certificate Manager/iu,
  'acm-pca': /Private CA|Private Certificate Authority|\bACM PCA\b/iu,
  'api-gateway': /API Gateway/iu,
  appsync: /AppSync/iu,
  arc: /Application Recovery Controller|\bARC\b|Region switch/iu,
  athena: /\bAthena\b/iu,
  aurora: /\bAurora\b/iu,
  autoscaling: /Auto Scaling|autoscaling/iu,
  backup: /AWS Backup|backup vault|backup plan/iu,
  batch: /AWS Batch|job queue|compute environment|job definition/iu,
  bedrock: /Bedrock(?!\s*AgentCore)/iu,
  'bedrock-agentcore': /AgentCore/iu,
  budgets: /AWS Budgets|\bbudgets?\b/iu,
  ce: /Cost Explorer/iu,
  cloudformation: /CloudFormation/iu,
  cloudfront: /CloudFront/iu,
  cloudtrail: /CloudTrail/iu,
  cloudwatch: /CloudWatch(?!\s*Logs)|\balarms?\b|\bdashboards?\b/iu,
  'cloudwatch-logs': /CloudWatch Logs|\blog groups?\b/iu,
  codebuild: /CodeBuild/iu,
  codecommit: /CodeCommit/iu,
  codedeploy: /CodeDeploy/iu,
  codepipeline: /CodePipeline/iu,
  cognito: /Cognito/iu,
  config: /AWS Config|Config rules?\b/iu,
  'control-tower': /Control Tower/iu,
  'direct-connect': /Direct Connect/iu,
  'directory-service': /Directory Service|Managed Microsoft AD|\bManaged AD\b/iu,
  dms: /\bDMS\b|Database Migration Service/iu,
  dsql: /\bDSQL\b/iu,
  dynamodb: /DynamoDB/iu,
  ebs: /\bEBS\b|\bgp[23]\b|\bio[12]\b/iu,
  ec2: /\bEC2\b/iu,
  ecr: /\bECR\b|Elastic Container Registry/iu,
  ecs: /\bECS\b/iu,
  efs: /\bEFS\b/iu,
  eks: /\bEKS\b/iu,
  elasticache: /ElastiCache/iu,
  elb: /\b(?:ALB|NLB|ELB)s?\b|load balancers?/iu,
  eventbridge: /EventBridge/iu,
  fargate: /Fargate/iu,
  fsx: /\bFSx\b/iu,
  glue: /\bGlue\b/iu,
  guardduty: /GuardDuty/iu,
  iam: /\bIAM\b/iu,
  'iam-identity-center': /Identity Center|\bSSO\b/iu,
  inspector: /Inspector/iu,
  'iot-core': /IoT Core|\bIoT\b/iu,
  'kinesis-data-streams': /Kinesis Data Streams?|Kinesis streams?/iu,
  'kinesis-firehose': /Firehose/iu,
  kms: /\bKMS\b/iu,
  'lake-formation': /Lake Formation/iu,
  lambda: /\bLambda\b/iu,
  'managed-flink': /\bFlink\b/iu,
  mgn: /Application Migration Service|\bMGN\b/iu,
  msk: /\bMSK\b|\bKafka\b/iu,
  'network-firewall': /Network Firewall/iu,
  opensearch: /OpenSearch/iu,
  'opensearch-serverless': /OpenSearch Serverless|\bAOSS\b/iu,
  organizations: /AWS Organizations|\bSCPs?\b/iu,
  ram: /Resource Access Manager|\bRAM\b/u,
  rds: /\bRDS\b|\bAurora\b/iu,
  redshift: /Redshift/iu,
  route53: /Route ?53|hosted zones?|\bResolver\b/iu,
  s3: /\bS3\b|\bbuckets?\b/iu,
  's3-tables': /S3 Tables?|table buckets?/iu,
  's3-vectors': /S3 Vectors|vector buckets?|vector index/iu,
  sagemaker: /SageMaker/iu,
  'secrets-manager': /Secrets Manager/iu,
  'security-hub': /Security Hub/iu,
  'service-catalog': /Service Catalog/iu,
  ses: /\bSES\b|Simple Email Service/iu,
  shield: /\bShield\b/iu,
  'site-to-site-vpn': /\bVPN\b|customer gateway|virtual private gateway/iu,
  sns: /\bSNS\b/iu,
  sqs: /\bSQS\b|dead-letter queues?|\bDLQs?\b/iu,
  ssm: /Systems Manager|\bSSM\b|Session Manager|Parameter Store/iu,
  'step-functions': /Step Functions|state machines?/iu,
  timestream: /Timestream/iu,
  'transfer-family': /Transfer Family|\bSFTP\b/iu,
  'transit-gateway': /Transit Gateway|\bTGW\b/iu,
  'verified-access': /Verified Access/iu,
  vpc: /\bVPCs?\b|\bsubnets?\b/iu,
  'vpc-lattice': /VPC Lattice|\bLattice\b/iu,
  waf: /\bWAF\b/iu,
  'x-ray': /X-Ray/iu,
};

/** Services every stack has plumbing for and that a diagram need not draw. */
export const NEED_NOT_APPEAR: ReadonlySet<Service> = new Set<Service>(['iam']);

/** One diagram: its path inside the entry and its mermaid source. */
export interface DiagramSource {
  readonly file: string;
  readonly source: string;
}

/**
 * Compares the services named in an entry's diagrams with the services its
 * template uses, both ways (OAR329): a service the template uses that no diagram
 * names, and a service a diagram names that the template lacks, are errors at the
 * diagram's line. `dir` is the entry folder, which diagram files are relative to.
 */
export function crossCheckDiagrams(
  diagrams: readonly DiagramSource[],
  template: CfnTemplate,
  dir: string,
): Diagnostic[] {
  const used = templateServices(template);
  const named = new Map<Service, NamedAt>();
  const findings: Diagnostic[] = [];
  for (const d of diagrams) {
    for (const [service, places] of servicesNamedIn(d)) {
      if (!named.has(service)) named.set(service, places[0] as NamedAt);
      if (used.has(service)) continue;
      for (const at of places) {
        findings.push(
          diag(
            'OAR329',
            `${dir}/${d.file}`,
            `the diagram names ${labelOf('service', service)} ("${at.text}"), but the template has no ${labelOf('service', service)} resources; remove it, add it to the stack, or mark a node outside the stack with :::${EXTERNAL_CLASS}`,
            { line: at.line },
          ),
        );
      }
    }
  }
  const first = diagrams[0]?.file ?? 'diagrams/main.mmd';
  for (const service of used) {
    if (named.has(service) || NEED_NOT_APPEAR.has(service)) continue;
    findings.push(
      diag(
        'OAR329',
        `${dir}/${first}`,
        `the template uses ${labelOf('service', service)} (${service}), but no diagram names it; draw it in ${first} with a label matching ${DIAGRAM_TERMS[service].source}`,
      ),
    );
  }
  return findings;
}

/** Where a diagram names a service: the file, the line and the clause. */
interface NamedAt {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

/** The services one diagram names, each with every line that names it (once per line), in line order. */
export function servicesNamedIn(d: DiagramSource): Map<Service, NamedAt[]> {
  const named = new Map<Service, NamedAt[]>();
  for (const clause of diagramClauses(d.source)) {
    for (const [service, re] of Object.entries(DIAGRAM_TERMS) as [Service, RegExp][]) {
      if ((clause.endpoint && service !== 'vpc') || !re.test(clause.text)) continue;
      const places = named.get(service) ?? [];
      if (places.at(-1)?.line !== clause.line) places.push({ file: d.file, line: clause.line, text: clause.text });
      named.set(service, places);
    }
  }
  return named;
}
