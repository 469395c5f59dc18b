import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { CorpusPattern } from './corpus.ts';

// Words in a pattern that name a service of our vocabulary.
const SERVICE_WORDS: [RegExp, string][] = [
  [/lambda/i, 'lambda'],
  [/api ?gateway|apigw|rest api|http api/i, 'api-gateway'],
  [/dynamo/i, 'dynamodb'],
  [/\bsqs\b|queue/i, 'sqs'],
  [/\bsns\b|topic/i, 'sns'],
  [/eventbridge/i, 'eventbridge'],
  [/\bs3\b|bucket/i, 's3'],
  [/step functions|state machine/i, 'step-functions'],
  [/kinesis/i, 'kinesis-data-streams'],
  [/firehose/i, 'kinesis-firehose'],
  [/cognito/i, 'cognito'],
  [/\becs\b|fargate/i, 'ecs'],
  [/\brds\b|aurora/i, 'rds'],
  [/cloudwatch/i, 'cloudwatch'],
];

const clean = (text: string, max: number) =>
  text
    .replace(/[<>{}]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);

/**
 * Writes `count` realistic entries built from corpus patterns (repeated with new
 * ids past the corpus size) into `<root>/architectures/`.
 */
export function generateCatalogue(root: string, patterns: readonly CorpusPattern[], count: number): void {
  for (let i = 0; i < count; i++) {
    const p = patterns[i % patterns.length] as CorpusPattern;
    const round = Math.floor(i / patterns.length);
    const base =
      p.folder
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .slice(0, 50)
        .replace(/^-+|-+$/g, '') || 'pattern';
    const id = `${base}-${i}`;
    const haystack = `${p.title} ${p.description} ${p.text}`;
    const services = SERVICE_WORDS.filter(([re]) => re.test(haystack)).map(([, s]) => s);
    const title = clean(p.title, 70).padEnd(5, '.') + (round > 0 ? ` ${round}` : '');
    const summary = clean(p.description || p.text || p.title, 290).padEnd(20, '.');
    const meta = {
      id,
      title,
      summary,
      version: '1.0.0',
      status: 'stable',
      license: 'MIT-0',
      authors: [{ name: 'Serverless Land contributor', github: 'aws-samples' }],
      provider: 'aws',
      categories: ['serverless'],
      tags: ['serverless', 'pattern'],
      services: services.length > 0 ? services : ['lambda'],
      useCases: [clean(p.description || p.title, 190).padEnd(3, '.')],
      notFor: ['Workloads that need long-running servers.'],
      constraints: [{ kind: 'region', text: 'Deploys into a single Region.' }],
      limitations: ['Sample code; review before production use.'],
      failureModes: [
        {
          scenario: 'az-outage',
          impact: 'none',
          mitigation: 'Regional managed services span zones.',
          operational: { runbook: 'when-a-zone-fails', steps: 'Watch the service health dashboard.' },
        },
        {
          scenario: 'region-outage',
          impact: 'outage',
          mitigation: 'Redeploy in another Region.',
          operational: { runbook: 'when-a-region-fails', steps: 'Deploy the stack in another Region.' },
        },
      ],
      wellArchitected: {
        reliability: 'Managed services.',
        security: 'Least-privilege roles.',
        cost: 'Pay per request.',
        operations: 'Deployed as code.',
        performance: 'Scales with requests.',
        sustainability: 'No idle servers.',
      },
      cost: {
        monthlyUsd: { low: 1, high: 50 },
        asOf: '2026-11-25',
        assumptions: 'Light traffic.',
        drivers: ['Requests.'],
      },
      diagrams: [{ file: 'diagrams/main.mmd', title: 'Overview' }],
    };
    const dir = join(root, 'architectures', id);
    mkdirSync(join(dir, 'diagrams'), { recursive: true });
    writeFileSync(
      join(dir, 'architecture.yaml'),
      `# yaml-language-server: $schema=../../schema/architecture.schema.json\n${stringify(meta, { compat: 'yaml-1.1' })}`,
    );
    // The corpus READMEs show images this generator does not copy, and images from other sites, which entries
    // may not show (OAR228); keep their alt text only.
    const readme = p.readme
      .replace(/^(import|export)\s/gm, '$1_ ')
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/[<>{}]/g, ' ');
    // First: a corpus README may end inside an open code fence, which would swallow what follows.
    const runbook =
      '## Runbook\n\n### When a zone fails\n\nWatch the service health dashboard.\n\n### When a Region fails\n\nDeploy the stack in another Region.\n';
    writeFileSync(join(dir, 'README.mdx'), `${runbook}\n## How it works\n\n${clean(p.text, 4000)}\n\n${readme}\n`);
    writeFileSync(join(dir, 'CHANGELOG.md'), '# Changelog\n\n## 1.0.0 - 2026-11-25\n\n- Imported.\n');
    writeFileSync(
      join(dir, 'diagrams/main.mmd'),
      `flowchart LR\n  client --> ${services.map((s) => s.replace(/-/g, '')).join(' --> ') || 'lambda'}\n`,
    );
  }
}
