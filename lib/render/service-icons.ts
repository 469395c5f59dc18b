import type { Element, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { htmlToHast } from 'satteri';
import type { Service } from '../../schema/architecture.ts';

/** The icon pack's name in mermaid: a diagram names an icon `aws:<service id>`, e.g. `aws:lambda`. */
export const ICON_PACK = 'aws';

/** The version of the icon package; part of the diagram cache key, so new icons redraw the diagrams. */
export const ICON_PACKAGE = 'aws-icons@3.3.0';

/**
 * The icon of every service, a file of the `aws-icons` package (the official AWS Architecture
 * Icons, whose terms allow them in architecture diagrams; see README). Keyed by the schema's
 * Service type, so a new service id without an icon is a type error; `null` says on purpose
 * that it has none. Service icons where AWS draws one, resource icons where only those exist.
 */
export const SERVICE_ICONS: Readonly<Record<Service, string | null>> = {
  acm: 'architecture-service/AWSCertificateManager',
  'acm-pca': 'architecture-service/AWSPrivateCertificateAuthority',
  'api-gateway': 'architecture-service/AmazonAPIGateway',
  appsync: 'architecture-service/AWSAppSync',
  arc: 'architecture-service/AmazonApplicationRecoveryController',
  athena: 'architecture-service/AmazonAthena',
  aurora: 'architecture-service/AmazonAurora',
  autoscaling: 'architecture-service/AmazonEC2AutoScaling',
  backup: 'architecture-service/AWSBackup',
  batch: 'architecture-service/AWSBatch',
  bedrock: 'architecture-service/AmazonBedrock',
  'bedrock-agentcore': 'architecture-service/AmazonBedrockAgentCore',
  budgets: 'architecture-service/AWSBudgets',
  ce: 'architecture-service/AWSCostExplorer',
  cloudformation: 'architecture-service/AWSCloudFormation',
  cloudfront: 'architecture-service/AmazonCloudFront',
  cloudtrail: 'architecture-service/AWSCloudTrail',
  cloudwatch: 'architecture-service/AmazonCloudWatch',
  'cloudwatch-logs': 'resource/AmazonCloudWatchLogs',
  codebuild: 'architecture-service/AWSCodeBuild',
  codecommit: 'architecture-service/AWSCodeCommit',
  codedeploy: 'architecture-service/AWSCodeDeploy',
  codepipeline: 'architecture-service/AWSCodePipeline',
  cognito: 'architecture-service/AmazonCognito',
  config: 'architecture-service/AWSConfig',
  'control-tower': 'architecture-service/AWSControlTower',
  'direct-connect': 'architecture-service/AWSDirectConnect',
  'directory-service': 'architecture-service/AWSDirectoryService',
  dms: 'architecture-service/AWSDatabaseMigrationService',
  // Aurora DSQL has no icon of its own in the set; AWS files it under Aurora.
  dsql: 'architecture-service/AmazonAurora',
  dynamodb: 'architecture-service/AmazonDynamoDB',
  ebs: 'architecture-service/AmazonElasticBlockStore',
  ec2: 'architecture-service/AmazonEC2',
  ecr: 'architecture-service/AmazonElasticContainerRegistry',
  ecs: 'architecture-service/AmazonElasticContainerService',
  efs: 'architecture-service/AmazonEFS',
  eks: 'architecture-service/AmazonElasticKubernetesService',
  elasticache: 'architecture-service/AmazonElastiCache',
  elb: 'architecture-service/ElasticLoadBalancing',
  eventbridge: 'architecture-service/AmazonEventBridge',
  fargate: 'architecture-service/AWSFargate',
  fsx: 'architecture-service/AmazonFSx',
  glue: 'architecture-service/AWSGlue',
  guardduty: 'architecture-service/AmazonGuardDuty',
  iam: 'architecture-service/AWSIdentityandAccessManagement',
  'iam-identity-center': 'architecture-service/AWSIAMIdentityCenter',
  inspector: 'architecture-service/AmazonInspector',
  'iot-core': 'architecture-service/AWSIoTCore',
  'kinesis-data-streams': 'architecture-service/AmazonKinesisDataStreams',
  'kinesis-firehose': 'architecture-service/AmazonDataFirehose',
  kms: 'architecture-service/AWSKeyManagementService',
  'lake-formation': 'architecture-service/AWSLakeFormation',
  lambda: 'architecture-service/AWSLambda',
  'managed-flink': 'architecture-service/AmazonManagedServiceforApacheFlink',
  mgn: 'architecture-service/AWSApplicationMigrationService',
  msk: 'architecture-service/AmazonManagedStreamingforApacheKafka',
  'network-firewall': 'architecture-service/AWSNetworkFirewall',
  opensearch: 'architecture-service/AmazonOpenSearchService',
  'opensearch-serverless': 'architecture-service/AmazonOpenSearchService',
  organizations: 'architecture-service/AWSOrganizations',
  ram: 'architecture-service/AWSResourceAccessManager',
  rds: 'architecture-service/AmazonRDS',
  redshift: 'architecture-service/AmazonRedshift',
  route53: 'architecture-service/AmazonRoute53',
  s3: 'architecture-service/AmazonSimpleStorageService',
  's3-tables': 'resource/AmazonSimpleStorageServiceS3Tables',
  's3-vectors': 'resource/AmazonSimpleStorageServiceS3Vectors',
  sagemaker: 'architecture-service/AmazonSageMakerAI',
  'secrets-manager': 'architecture-service/AWSSecretsManager',
  'security-hub': 'architecture-service/AWSSecurityHub',
  'service-catalog': 'architecture-service/AWSServiceCatalog',
  ses: 'architecture-service/AmazonSimpleEmailService',
  shield: 'architecture-service/AWSShield',
  'site-to-site-vpn': 'architecture-service/AWSSitetoSiteVPN',
  sns: 'architecture-service/AmazonSimpleNotificationService',
  sqs: 'architecture-service/AmazonSimpleQueueService',
  ssm: 'architecture-service/AWSSystemsManager',
  'step-functions': 'architecture-service/AWSStepFunctions',
  timestream: 'architecture-service/AmazonTimestream',
  'transfer-family': 'architecture-service/AWSTransferFamily',
  'transit-gateway': 'architecture-service/AWSTransitGateway',
  'verified-access': 'architecture-service/AWSVerifiedAccess',
  // A VPC is drawn as a subgraph, the box the other nodes sit in; mermaid gives subgraphs no icons.
  vpc: null,
  'vpc-lattice': 'architecture-service/AmazonVPCLattice',
  waf: 'architecture-service/AWSWAF',
  'x-ray': 'architecture-service/AWSXRay',
};

/** One icon as Iconify JSON holds it: the inside of its `<svg>`, and its size. */
export interface IconData {
  readonly body: string;
  readonly width: number;
  readonly height: number;
}

/** An icon pack as `mermaid.registerIconPacks` takes it (Iconify JSON). */
export interface IconPack {
  readonly prefix: string;
  readonly icons: Readonly<Record<string, IconData>>;
}

/** The services that have an icon. */
export function servicesWithIcons(): Service[] {
  return (Object.keys(SERVICE_ICONS) as Service[]).filter((s) => SERVICE_ICONS[s] !== null);
}

let pack: IconPack | undefined;

/** Every service icon as one pack named ICON_PACK, read once from the `aws-icons` package. */
export function serviceIconPack(): IconPack {
  if (pack) return pack;
  const dir = join(dirname(createRequire(import.meta.url).resolve('aws-icons/package.json')), 'icons');
  const icons: Record<string, IconData> = {};
  for (const service of servicesWithIcons()) {
    icons[service] = iconData(readFileSync(join(dir, `${SERVICE_ICONS[service] ?? ''}.svg`), 'utf8'));
  }
  pack = { prefix: ICON_PACK, icons };
  return pack;
}

// What an icon file's <svg> may say for everything inside it; kept on a group around its body.
const INHERITED = ['fill', 'fillRule', 'stroke', 'strokeWidth'] as const;

/** An icon file as Iconify JSON: its children without the `<title>` (a tooltip naming AWS's file), and its viewBox. */
export function iconData(svg: string): IconData {
  const tree = htmlToHast(svg, { fragment: true }) as Root;
  const root = tree.children.find((c): c is Element => c.type === 'element' && c.tagName === 'svg');
  const viewBox = root?.properties['viewBox'];
  const [, , width = Number.NaN, height = Number.NaN] = (typeof viewBox === 'string' ? viewBox : '')
    .split(/[\s,]+/u)
    .map(Number);
  if (!root || !(width > 0 && height > 0)) throw new Error(`an icon of aws-icons has no viewBox: ${svg.slice(0, 80)}`);
  const children = root.children.filter((c) => !(c.type === 'element' && c.tagName === 'title'));
  const inherited = Object.fromEntries(
    INHERITED.flatMap((p) => (p in root.properties ? [[p, root.properties[p]]] : [])),
  );
  const body =
    Object.keys(inherited).length === 0
      ? toHtml({ type: 'root', children }, { space: 'svg' })
      : toHtml({ type: 'element', tagName: 'g', properties: inherited, children }, { space: 'svg' });
  return { body, width, height };
}
