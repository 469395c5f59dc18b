import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import type { Parameter } from '../../lib/validate/parameter-value.ts';
import { parametersSource, PARAMETERS_FILE } from './parameters-file.ts';

/** What `oar new` needs to know; everything else gets a placeholder that validates. */
export interface ScaffoldOptions {
  readonly id: string;
  readonly title?: string | undefined;
  readonly authorName: string;
  readonly github: string;
  /** YYYY-MM-DD, for the CHANGELOG and cost.asOf. */
  readonly today: string;
}

/** The id the template's own test names, replaced by the new entry's id. */
const TEMPLATE_ID = 'entry-template';

/** A readable title from an id: `java-web-tier` → `Java web tier`. */
export function titleFromId(id: string): string {
  const words = id.split('-').join(' ');
  const title = words.charAt(0).toUpperCase() + words.slice(1);
  return title.length >= 5 ? title : `${title} architecture`;
}

/**
 * A value for the template: plain when every YAML reader, 1.1 or 1.2, reads it back as
 * this very text; else double-quoted (a date, `off`, `1e10`, `null`, a colon, a line break).
 */
function scalar(text: string): string {
  const plain = stringify(text, { compat: 'yaml-1.1', lineWidth: 0 }).trimEnd();
  return plain === text ? text : JSON.stringify(text);
}

/**
 * The parameters of a new entry: the ones its starting stack reads. architecture.yaml
 * declares them and cdk/parameters.generated.ts types them, both from this list.
 */
export const SCAFFOLD_PARAMETERS: readonly Parameter[] = [
  {
    name: 'azCount',
    type: 'number',
    default: 2,
    description: 'Number of Availability Zones; each gets a public and an isolated subnet.',
    min: 2,
    max: 3,
  },
  {
    name: 'allowedIngressCidr',
    type: 'string',
    default: '0.0.0.0/0',
    description: 'IPv4 CIDR allowed to reach the load balancer.',
    pattern: '^(\\d{1,3}\\.){3}\\d{1,3}/\\d{1,2}$',
  },
  {
    name: 'logRetentionDays',
    type: 'number',
    default: 30,
    description: 'Retention of the log groups in CloudWatch Logs, and of the access logs in S3.',
    enum: [7, 14, 30, 90, 180, 365],
  },
];

/**
 * The starting stack, copied as it is: one construct per concern in its own file, and one way each to
 * keep logs (retention from a parameter), to encrypt them (a key whose policy names the log groups) and
 * to log load balancer access (a bucket Elastic Load Balancing may write to in any Region). They are real
 * files beside this one, type-checked and linted with the entries (tsconfig.stacks.json).
 */
export const SCAFFOLD_STACK_FILES = [
  'stack.ts',
  'network.ts',
  'logs.ts',
  'access-logs.ts',
  'claims.ts',
  'stack.test.ts',
] as const;

function stackFile(name: string): string {
  return readFileSync(new URL(`./cdk/${name}`, import.meta.url), 'utf8');
}

/**
 * The files of a new entry. It validates and passes `oar check` as it stands
 * (status draft), and every placeholder says what to write instead.
 */
export function scaffoldEntry(o: ScaffoldOptions): Map<string, string> {
  const title = o.title ?? titleFromId(o.id);
  const yaml = `# yaml-language-server: $schema=../../schema/architecture.schema.json
# A new entry. Replace every "Describe ..." text, then run: npx oar validate ${o.id}
id: ${scalar(o.id)}
title: ${scalar(title)}
summary: Describe in one or two sentences what this architecture is and who it is for.
version: 0.1.0
status: draft
license: Apache-2.0
authors:
  - name: ${scalar(o.authorName)}
    github: ${scalar(o.github)}
provider: aws
categories: [web-application]
tags: []
services: [cloudwatch-logs, elb, iam, kms, s3, vpc]
useCases:
  - Describe a situation this architecture fits.
notFor:
  - Describe a situation where another entry fits better.
constraints:
  - kind: other
    text: Describe a limit a user must accept, such as a region, quota or cost floor.
limitations:
  - Describe something this design does not do.
failureModes:
  - scenario: az-outage
    impact: outage
    mitigation: Describe what happens when an Availability Zone fails, and how to recover.
    checks: [load-balancer-spans-zones]
    operational:
      runbook: when-a-zone-fails
      steps: Describe what a person does when a zone fails; the README's Runbook section holds the steps.
wellArchitected:
  reliability: Describe how the design stays available.
  security: Describe how the design protects data and access.
  cost: Describe what drives cost and how to keep it down.
  operations: Describe how the design is run, patched and rebuilt.
  performance: Describe how the design scales.
  sustainability: Describe how the design avoids waste.
cost:
  monthlyUsd: { low: 0, high: 0 }
  asOf: ${scalar(o.today)}
  assumptions: Describe the usage the estimate assumes.
  drivers:
    - Describe the largest cost item.
diagrams:
  - file: diagrams/main.mmd
    title: Overview
${stringify({ parameters: SCAFFOLD_PARAMETERS }, { lineWidth: 0 })}outputs:
  - name: LoadBalancerDnsName
    description: DNS name of the load balancer.
`;
  const readme = `## When to use

Describe the situations this architecture fits.

## When not to use

Describe where it does not fit, and which entry to use instead.

## How it works

Walk through the diagram step by step.

## Design principles

Say why it is built this way.

## Adapting it

Say which parameters to change, and which forks make sense.

## Operations

Backups, scaling, patching and rebuilds.

## Runbook

### When a zone fails

1. Describe the first step, with the console page or command.
2. Describe how to tell that it worked, and when to undo it.
`;
  const diagram = `flowchart LR
  clients(["Clients in allowedIngressCidr"]):::external
  subgraph vpc["VPC across azCount Availability Zones"]
    alb["Application Load Balancer: HTTP on 80"]
  end
  bucket[("S3 bucket: load balancer access logs, kept logRetentionDays")]
  flowlogs[("CloudWatch Logs log group: VPC flow log, kept logRetentionDays")]
  key["KMS key: encrypts the log groups"]
  clients -->|"HTTP"| alb
  alb -.->|"access logs"| bucket
  vpc -.->|"flow log"| flowlogs
  key -.-> flowlogs
`;
  const changelog = `# Changelog

## 0.1.0 - ${o.today}

- First draft.
`;
  return new Map([
    ['architecture.yaml', yaml],
    ['README.mdx', readme],
    ['CHANGELOG.md', changelog],
    ['diagrams/main.mmd', diagram],
    ...SCAFFOLD_STACK_FILES.map((name) => [`cdk/${name}`, stackFile(name).replaceAll(TEMPLATE_ID, o.id)] as const),
    [PARAMETERS_FILE, parametersSource(SCAFFOLD_PARAMETERS)],
  ]);
}
