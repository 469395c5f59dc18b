// Generated from architecture.schema.json by `npm run schema:derive`. Do not edit by hand.
/* eslint-disable */

/**
 * Permanent id: lowercase kebab-case, equal to the entry's folder name.
 *
 * This interface was referenced by `Architecture`'s JSON-Schema
 * via the `definition` "entryId".
 */
export type EntryId = string;
/**
 * This interface was referenced by `Architecture`'s JSON-Schema
 * via the `definition` "noMarkup".
 */
export type NoMarkup = string;
/**
 * As proseCharacters, and no tab or line break either.
 *
 * This interface was referenced by `Architecture`'s JSON-Schema
 * via the `definition` "lineCharacters".
 */
export type LineCharacters = string;
export type PlainLine = string;
/**
 * No control characters but tab and line feed (C0, DEL, C1), no line or paragraph separators and no bidirectional-text controls, which hide or reorder what a terminal or page shows.
 *
 * This interface was referenced by `Architecture`'s JSON-Schema
 * via the `definition` "proseCharacters".
 */
export type ProseCharacters = string;
export type PlainText = string;
/**
 * This interface was referenced by `Architecture`'s JSON-Schema
 * via the `definition` "category".
 */
export type Category =
  | 'web-application'
  | 'static-site'
  | 'api'
  | 'compute'
  | 'containers'
  | 'serverless'
  | 'event-driven'
  | 'networking'
  | 'hybrid-connectivity'
  | 'security'
  | 'databases'
  | 'storage'
  | 'analytics'
  | 'observability'
  | 'ci-cd'
  | 'batch'
  | 'resilience'
  | 'operations'
  | 'platform-engineering'
  | 'cost-management'
  | 'ai-ml'
  | 'iot'
  | 'migration';
/**
 * This interface was referenced by `Architecture`'s JSON-Schema
 * via the `definition` "service".
 */
export type Service =
  | 'acm'
  | 'acm-pca'
  | 'api-gateway'
  | 'appsync'
  | 'arc'
  | 'athena'
  | 'aurora'
  | 'autoscaling'
  | 'backup'
  | 'batch'
  | 'bedrock'
  | 'bedrock-agentcore'
  | 'budgets'
  | 'ce'
  | 'cloudformation'
  | 'cloudfront'
  | 'cloudtrail'
  | 'cloudwatch'
  | 'cloudwatch-logs'
  | 'codebuild'
  | 'codecommit'
  | 'codedeploy'
  | 'codepipeline'
  | 'cognito'
  | 'config'
  | 'control-tower'
  | 'direct-connect'
  | 'directory-service'
  | 'dms'
  | 'dsql'
  | 'dynamodb'
  | 'ebs'
  | 'ec2'
  | 'ecr'
  | 'ecs'
  | 'efs'
  | 'eks'
  | 'elasticache'
  | 'elb'
  | 'eventbridge'
  | 'fargate'
  | 'fsx'
  | 'glue'
  | 'guardduty'
  | 'iam'
  | 'iam-identity-center'
  | 'inspector'
  | 'iot-core'
  | 'kinesis-data-streams'
  | 'kinesis-firehose'
  | 'kms'
  | 'lake-formation'
  | 'lambda'
  | 'managed-flink'
  | 'mgn'
  | 'msk'
  | 'network-firewall'
  | 'opensearch'
  | 'opensearch-serverless'
  | 'organizations'
  | 'ram'
  | 'rds'
  | 'redshift'
  | 'route53'
  | 's3'
  | 's3-tables'
  | 's3-vectors'
  | 'sagemaker'
  | 'secrets-manager'
  | 'security-hub'
  | 'service-catalog'
  | 'ses'
  | 'shield'
  | 'site-to-site-vpn'
  | 'sns'
  | 'sqs'
  | 'ssm'
  | 'step-functions'
  | 'timestream'
  | 'transfer-family'
  | 'transit-gateway'
  | 'verified-access'
  | 'vpc'
  | 'vpc-lattice'
  | 'waf'
  | 'x-ray';
/**
 * @minItems 1
 * @maxItems 10
 *
 * This interface was referenced by `Architecture`'s JSON-Schema
 * via the `definition` "shortList".
 */
export type ShortList = [
  (NoMarkup & ProseCharacters & PlainText) & string & string,
  ...((NoMarkup & ProseCharacters & PlainText) & string & string)[],
];
export type Sentence = string;
/**
 * Claims in cdk/claims.ts that prove this against the synthesized template; oar check runs them.
 *
 * @minItems 1
 * @maxItems 20
 *
 * This interface was referenced by `Architecture`'s JSON-Schema
 * via the `definition` "checks".
 */
export type Checks = [ClaimId, ...ClaimId[]];
/**
 * The id of a claim in the entry's cdk/claims.ts: claim('<id>', '<sentence>', check).
 *
 * This interface was referenced by `Architecture`'s JSON-Schema
 * via the `definition` "claimId".
 */
export type ClaimId = string;
/**
 * A failure scenario from the controlled list.
 *
 * This interface was referenced by `Architecture`'s JSON-Schema
 * via the `definition` "scenario".
 */
export type Scenario =
  | 'az-outage'
  | 'region-outage'
  | 'ebs-degradation'
  | 'instance-loss'
  | 'dependency-outage'
  | 'traffic-spike'
  | 'data-corruption'
  | 'credential-leak'
  | 'accidental-deletion'
  | 'bad-deployment'
  | 'config-drift'
  | 'dns-failure'
  | 'network-partition'
  | 'quota-exhaustion'
  | 'spot-interruption'
  | 'certificate-expiry'
  | 'ddos'
  | 'storage-full'
  | 'prompt-injection';
/**
 * This interface was referenced by `Architecture`'s JSON-Schema
 * via the `definition` "parameter".
 */
export type Parameter = Parameter1;
/**
 * This interface was referenced by `Architecture`'s JSON-Schema
 * via the `definition` "identifier".
 */
export type Identifier = string;
/**
 * An advisory's permanent id, unique in its entry: lowercase kebab-case, e.g. 2026-001-terminate-before-launch. Elsewhere it is written <entry-id>/<advisory-id>.
 *
 * This interface was referenced by `Architecture`'s JSON-Schema
 * via the `definition` "advisoryId".
 */
export type AdvisoryId = string;
/**
 * How bad an advisory is: low, medium, high or critical (the worst).
 *
 * This interface was referenced by `Architecture`'s JSON-Schema
 * via the `definition` "severity".
 */
export type Severity = 'low' | 'medium' | 'high' | 'critical';

/**
 * Metadata of one Open Architecture Registry entry (architectures/<id>/architecture.yaml).
 */
export interface Architecture {
  id: EntryId;
  /**
   * Short name shown in lists and as the page title.
   */
  title: (NoMarkup & LineCharacters & PlainLine) & string;
  /**
   * One or two sentences: what it is and who it is for.
   */
  summary: (NoMarkup & ProseCharacters & PlainText) & string;
  /**
   * Semantic version of the entry; the newest CHANGELOG.md heading must match.
   */
  version: string;
  /**
   * draft: not reviewed yet; stable: reviewed and verified; deprecated: kept for history, see replacedBy.
   */
  status: 'draft' | 'stable' | 'deprecated';
  /**
   * Permanent id: lowercase kebab-case, equal to the entry's folder name.
   */
  replacedBy?: string;
  /**
   * SPDX license expression for the entry's content and code.
   */
  license: string;
  /**
   * @minItems 1
   * @maxItems 20
   */
  authors: [Author, ...Author[]];
  /**
   * Cloud provider the entry deploys to.
   */
  provider: 'aws';
  /**
   * @minItems 1
   * @maxItems 5
   */
  categories: [Category, ...Category[]];
  /**
   * Free keywords that help search, lowercase kebab-case.
   *
   * @maxItems 20
   */
  tags?: string[];
  /**
   * AWS services the stack uses, from the controlled list.
   *
   * @minItems 1
   * @maxItems 40
   */
  services: [Service, ...Service[]];
  useCases: ShortList;
  notFor: ShortList;
  /**
   * @minItems 1
   * @maxItems 30
   */
  constraints: [Constraint, ...Constraint[]];
  /**
   * @minItems 1
   * @maxItems 30
   *
   * Items: This interface was referenced by `Architecture`'s JSON-Schema
   * via the `definition` "sentence".
   */
  limitations: [
    (NoMarkup & ProseCharacters & PlainText) & Sentence,
    ...((NoMarkup & ProseCharacters & PlainText) & Sentence)[],
  ];
  /**
   * What the design survives and what it does not.
   *
   * @minItems 1
   * @maxItems 30
   */
  failureModes: [FailureMode, ...FailureMode[]];
  wellArchitected: WellArchitected;
  cost: Cost;
  /**
   * Mermaid sources in the entry's diagrams/ folder; the first is the main diagram.
   *
   * @minItems 1
   * @maxItems 10
   */
  diagrams: [DiagramRef, ...DiagramRef[]];
  /**
   * Deploy-time inputs; CLI flags and deploy forms derive from these.
   *
   * @maxItems 40
   */
  parameters?: Parameter[];
  /**
   * Meaningful parameter sets besides the defaults; oar check synthesizes each and runs cdk-nag, the services check and the claims against it.
   *
   * @maxItems 10
   */
  variants?: Variant[];
  /**
   * @maxItems 40
   */
  outputs?: Output[];
  /**
   * @maxItems 20
   */
  smokeTests?: SmokeTest[];
  forkedFrom?: ForkedFrom;
  /**
   * @maxItems 20
   */
  related?: EntryId[];
  /**
   * Flaws found in published versions of this entry, newest first: what goes wrong and what to do. Forks and deployed stacks are told of them.
   *
   * @maxItems 50
   */
  advisories?: Advisory[];
}
/**
 * This interface was referenced by `Architecture`'s JSON-Schema
 * via the `definition` "author".
 */
export interface Author {
  name: (NoMarkup & LineCharacters & PlainLine) & string;
  /**
   * GitHub user name, without @.
   */
  github: string;
}
/**
 * This interface was referenced by `Architecture`'s JSON-Schema
 * via the `definition` "constraint".
 */
export interface Constraint {
  kind: 'region' | 'quota' | 'scale' | 'cost' | 'compliance' | 'dependency' | 'other';
  /**
   * This interface was referenced by `Architecture`'s JSON-Schema
   * via the `definition` "sentence".
   */
  text: (NoMarkup & ProseCharacters & PlainText) & Sentence;
  checks?: Checks;
  operational?: Operational;
}
/**
 * What a person or a runbook must do, which no template can prove; README.mdx holds the steps under its Runbook heading.
 *
 * This interface was referenced by `Architecture`'s JSON-Schema
 * via the `definition` "operational".
 */
export interface Operational {
  /**
   * The heading under '## Runbook' in README.mdx that holds the steps, as its slug (the heading's text in lowercase, spaces as hyphens).
   */
  runbook: string;
  /**
   * This interface was referenced by `Architecture`'s JSON-Schema
   * via the `definition` "sentence".
   */
  steps: (NoMarkup & ProseCharacters & PlainText) & Sentence;
}
/**
 * This interface was referenced by `Architecture`'s JSON-Schema
 * via the `definition` "failureMode".
 */
export interface FailureMode {
  scenario: Scenario;
  /**
   * none: survives unaffected; degraded: keeps serving with reduced capacity or features; outage: stops serving.
   */
  impact: 'none' | 'degraded' | 'outage';
  /**
   * This interface was referenced by `Architecture`'s JSON-Schema
   * via the `definition` "sentence".
   */
  mitigation: (NoMarkup & ProseCharacters & PlainText) & Sentence;
  checks?: Checks;
  operational?: Operational;
}
/**
 * One short note per Well-Architected pillar.
 *
 * This interface was referenced by `Architecture`'s JSON-Schema
 * via the `definition` "wellArchitected".
 */
export interface WellArchitected {
  /**
   * This interface was referenced by `Architecture`'s JSON-Schema
   * via the `definition` "sentence".
   */
  reliability: (NoMarkup & ProseCharacters & PlainText) & Sentence;
  /**
   * This interface was referenced by `Architecture`'s JSON-Schema
   * via the `definition` "sentence".
   */
  security: (NoMarkup & ProseCharacters & PlainText) & Sentence;
  /**
   * This interface was referenced by `Architecture`'s JSON-Schema
   * via the `definition` "sentence".
   */
  cost: (NoMarkup & ProseCharacters & PlainText) & Sentence;
  /**
   * This interface was referenced by `Architecture`'s JSON-Schema
   * via the `definition` "sentence".
   */
  operations: (NoMarkup & ProseCharacters & PlainText) & Sentence;
  /**
   * This interface was referenced by `Architecture`'s JSON-Schema
   * via the `definition` "sentence".
   */
  performance: (NoMarkup & ProseCharacters & PlainText) & Sentence;
  /**
   * This interface was referenced by `Architecture`'s JSON-Schema
   * via the `definition` "sentence".
   */
  sustainability: (NoMarkup & ProseCharacters & PlainText) & Sentence;
}
/**
 * This interface was referenced by `Architecture`'s JSON-Schema
 * via the `definition` "cost".
 */
export interface Cost {
  monthlyUsd: {
    low: number;
    high: number;
  };
  /**
   * Date the prices were checked (YYYY-MM-DD).
   */
  asOf: string;
  /**
   * This interface was referenced by `Architecture`'s JSON-Schema
   * via the `definition` "sentence".
   */
  assumptions: (NoMarkup & ProseCharacters & PlainText) & Sentence;
  /**
   * @minItems 1
   * @maxItems 10
   *
   * Items: This interface was referenced by `Architecture`'s JSON-Schema
   * via the `definition` "sentence".
   */
  drivers: [
    (NoMarkup & ProseCharacters & PlainText) & Sentence,
    ...((NoMarkup & ProseCharacters & PlainText) & Sentence)[],
  ];
}
/**
 * This interface was referenced by `Architecture`'s JSON-Schema
 * via the `definition` "diagram".
 */
export interface DiagramRef {
  file: string;
  title: (NoMarkup & LineCharacters & PlainLine) & string;
}
export interface Parameter1 {
  name: Identifier;
  type: 'string' | 'number' | 'boolean';
  default: string | number | boolean;
  /**
   * This interface was referenced by `Architecture`'s JSON-Schema
   * via the `definition` "sentence".
   */
  description: (NoMarkup & ProseCharacters & PlainText) & Sentence;
  /**
   * @minItems 1
   */
  enum?: [string | number, ...(string | number)[]];
  pattern?: LineCharacters;
  min?: number;
  max?: number;
}
/**
 * A named parameter set that oar check synthesizes and checks besides the defaults.
 *
 * This interface was referenced by `Architecture`'s JSON-Schema
 * via the `definition` "variant".
 */
export interface Variant {
  name: string;
  /**
   * This interface was referenced by `Architecture`'s JSON-Schema
   * via the `definition` "sentence".
   */
  summary: (NoMarkup & ProseCharacters & PlainText) & Sentence;
  /**
   * Parameter values that differ from the defaults.
   */
  parameters: {
    [k: string]: string | number | boolean | undefined;
  };
}
/**
 * This interface was referenced by `Architecture`'s JSON-Schema
 * via the `definition` "output".
 */
export interface Output {
  name: Identifier;
  /**
   * This interface was referenced by `Architecture`'s JSON-Schema
   * via the `definition` "sentence".
   */
  description: (NoMarkup & ProseCharacters & PlainText) & Sentence;
}
/**
 * This interface was referenced by `Architecture`'s JSON-Schema
 * via the `definition` "smokeTest".
 */
export interface SmokeTest {
  name: (NoMarkup & LineCharacters & PlainLine) & string;
  http: {
    /**
     * URL to request; may use ${outputs.Name}.
     */
    url: string;
    method?: 'GET' | 'HEAD' | 'POST';
    expectStatus: number;
  };
}
/**
 * Lineage: the entry this one was forked from, and why.
 *
 * This interface was referenced by `Architecture`'s JSON-Schema
 * via the `definition` "forkedFrom".
 */
export interface ForkedFrom {
  id: EntryId;
  version: string;
  /**
   * The catalogue's git commit the fork was taken from (oar fork records it; oar sync moves it forward).
   */
  commit?: string;
  /**
   * This interface was referenced by `Architecture`'s JSON-Schema
   * via the `definition` "sentence".
   */
  reason: (NoMarkup & ProseCharacters & PlainText) & Sentence;
  /**
   * @minItems 1
   * @maxItems 30
   */
  changes: [ForkChange, ...ForkChange[]];
  /**
   * What was verified of this entry on its own, when it is stable and its parent is a draft.
   */
  verified?: (NoMarkup & ProseCharacters & PlainText) & string;
  /**
   * How the fork handled each of its parent's advisories that affect its base version.
   *
   * @maxItems 50
   */
  advisories?: AdvisoryHandling[];
}
/**
 * One thing the fork changes from its parent, and the claims that prove it: each must fail on the parent's template and pass on the fork's.
 *
 * This interface was referenced by `Architecture`'s JSON-Schema
 * via the `definition` "forkChange".
 */
export interface ForkChange {
  /**
   * This interface was referenced by `Architecture`'s JSON-Schema
   * via the `definition` "sentence".
   */
  change: (NoMarkup & ProseCharacters & PlainText) & Sentence;
  checks?: Checks;
}
/**
 * How this fork handled one of its parent's advisories.
 *
 * This interface was referenced by `Architecture`'s JSON-Schema
 * via the `definition` "advisoryHandling".
 */
export interface AdvisoryHandling {
  id: AdvisoryId;
  /**
   * fixed: the fork has the fix; not-affected: the flaw cannot happen in the fork; accepted: the fork keeps the flaw on purpose.
   */
  status: 'fixed' | 'not-affected' | 'accepted';
  /**
   * Why: how it was fixed, why it cannot happen, or why the risk is accepted.
   */
  reason?: (NoMarkup & ProseCharacters & PlainText) & string;
}
/**
 * A flaw in published versions of the entry.
 *
 * This interface was referenced by `Architecture`'s JSON-Schema
 * via the `definition` "advisory".
 */
export interface Advisory {
  id: AdvisoryId;
  /**
   * When the advisory was published (YYYY-MM-DD).
   */
  date: string;
  severity: Severity;
  title: (NoMarkup & LineCharacters & PlainLine) & string;
  /**
   * The affected versions as a semver range over the entry's CHANGELOG releases, e.g. '>=1.0.0 <1.1.0'.
   */
  affected: (NoMarkup & LineCharacters & PlainLine) & string;
  /**
   * The first release that fixes it; leave it out while no release does.
   */
  fixedIn?: string;
  /**
   * What goes wrong, and when.
   */
  impact: (NoMarkup & ProseCharacters & PlainText) & string;
  /**
   * What upgrading to fixedIn changes on a running stack, and anything to watch during the update.
   */
  upgrade?: (NoMarkup & ProseCharacters & PlainText) & string;
  /**
   * What to do on a stack that is already running and cannot be upgraded yet.
   */
  mitigation?: (NoMarkup & ProseCharacters & PlainText) & string;
}
