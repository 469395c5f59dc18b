import { stringify } from 'yaml';

/** What `oar new` needs to know; everything else gets a placeholder that validates. */
export interface ScaffoldOptions {
  readonly id: string;
  readonly title?: string | undefined;
  readonly authorName: string;
  readonly github: string;
  /** YYYY-MM-DD, for the CHANGELOG and cost.asOf. */
  readonly today: string;
}

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
 * The files of a new entry. It validates as it stands (status draft), and every
 * placeholder says what to write instead.
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
services: [ec2]
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
parameters: []
outputs: []
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
`;
  const diagram = `flowchart LR
  user([User]) --> app[Application]
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
  ]);
}
