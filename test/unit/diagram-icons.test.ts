import { describe, expect, it } from 'vitest';
import {
  automaticIcons,
  chosenIcons,
  unknownIcons,
  withIcons,
  type DiagramNode,
  type DiagramShape,
} from '../../lib/render/diagram-icons.ts';
import type { Service } from '../../schema/architecture.ts';

const node = (id: string, label: string, extra: Partial<DiagramNode> = {}): DiagramNode => ({
  id,
  label,
  classes: [],
  ...extra,
});
const shapeOf = (...nodes: DiagramNode[]): DiagramShape => ({ nodes, subgraphs: [] });
const ENTRY: Service[] = ['lambda', 'dynamodb', 'aurora', 'rds', 'secrets-manager', 'cloudwatch', 'cloudwatch-logs'];

describe('the icons a diagram gets of its own accord', () => {
  it.for([
    { label: 'Lambda function: Node.js 24', icon: 'lambda' },
    { label: 'DynamoDB table, on demand', icon: 'dynamodb' },
    // Both name Aurora at the same place: the longer name wins, then the first in the entry's list.
    { label: 'Aurora PostgreSQL writer, zone 1', icon: 'aurora' },
    // The service named first: the log group, not the VPC flow log or CloudWatch.
    { label: 'PostgreSQL log group in CloudWatch Logs', icon: 'cloudwatch-logs' },
    { label: 'Secrets Manager hosted rotation function', icon: 'secrets-manager' },
    // A VPC endpoint reaches a service; it is not one.
    { label: 'Secrets Manager interface endpoint', icon: undefined },
    // Not a service of this entry, so no guess.
    { label: 'SQS queue of jobs', icon: undefined },
    { label: 'Application security group', icon: undefined },
    { label: 'CloudWatch alarms:<br>CPU, memory', icon: 'cloudwatch' },
  ])('"$label" gets $icon', ({ label, icon }) => {
    expect(automaticIcons(shapeOf(node('n', label)), ENTRY).get('n')).toBe(icon);
  });

  it('gives none to nodes outside the stack, marked noicon, with an icon of their own, or an id it cannot write back', () => {
    const shape: DiagramShape = {
      nodes: [
        node('app', 'Lambda callers', { classes: ['external'] }),
        node('quiet', 'Lambda function', { classes: ['noicon'] }),
        node('own', 'Lambda function', { icon: 'aws:dynamodb' }),
        node('in-partner', 'DynamoDB table of the partner'),
        node('deep', 'DynamoDB replica'),
        node('weird.id', 'Lambda function'),
        node('fn', 'Lambda function'),
      ],
      subgraphs: [
        { id: 'partner', members: ['in-partner', 'inner'], classes: ['external'] },
        { id: 'inner', members: ['deep'], classes: [] },
      ],
    };
    expect([...automaticIcons(shape, ENTRY)]).toEqual([['fn', 'lambda']]);
  });

  it('appends one statement per node and leaves the author’s text as it was', () => {
    const source = 'flowchart LR\n  fn["Lambda function"] --> t[(DynamoDB table)]\n\n';
    const drawn = withIcons(
      source,
      new Map<string, Service>([
        ['fn', 'lambda'],
        ['t', 'dynamodb'],
      ]),
    );
    expect(drawn.startsWith(source.trimEnd())).toBe(true);
    expect(drawn.slice(source.trimEnd().length)).toMatchInlineSnapshot(`
      "
      %% service icons added by the registry (lib/render/diagram-icons.ts)
        fn@{ icon: "aws:lambda" }
        t@{ icon: "aws:dynamodb" }
      "
    `);
    expect(withIcons(source, new Map())).toBe(source);
  });
});

describe('icons chosen by what wrote the source (the as-built generator)', () => {
  it('gives each node its chosen service’s icon, whatever its label says, but never over an icon of its own', () => {
    const shape = shapeOf(
      node('n0', 'AlarmTopic<br/>topic'),
      node('n1', 'Lambda function', { icon: 'aws:dynamodb' }),
      node('n2', 'Items…Policy'),
      node('n3', 'Thing'),
    );
    const chosen = new Map<string, Service>([
      ['n0', 'sns'],
      ['n1', 'lambda'],
      ['n2', 'iam'],
      ['n9', 'sqs'],
    ]);
    // n3 has no chosen service, n9 is not in the drawing.
    expect([...chosenIcons(shape, chosen)]).toEqual([
      ['n0', 'sns'],
      ['n2', 'iam'],
    ]);
  });
});

describe('icons an author names', () => {
  it('accepts the icon of a service, and reports any other (OAR345) at the line that names it', () => {
    const source =
      'flowchart LR\n  a --> b --> c\n  a@{ icon: "aws:lambda" }\n  b@{ icon: "logos:aws" }\n  c@{ icon: "aws:vpc" }\n';
    const shape = shapeOf(
      node('a', '', { icon: 'aws:lambda' }),
      node('b', '', { icon: 'logos:aws' }),
      node('c', '', { icon: 'aws:vpc' }),
    );
    const found = unknownIcons(shape, source, 'architectures/x/diagrams/main.mmd');
    expect(found.map((d) => [d.code, d.line])).toEqual([
      ['OAR345', 4],
      ['OAR345', 5],
    ]);
    expect(found[0]?.message).toContain('node "b" asks for the icon "logos:aws", which the site does not have');
    expect(found[0]?.message).toContain('aws:lambda');
  });
});
