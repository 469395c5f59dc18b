import { describe, expect, test } from 'vitest';
import { crossCheckDiagrams } from '../../generators/check/diagram-services.ts';
import { diagramClauses } from '../../generators/check/diagram-text.ts';
import type { CfnTemplate } from '../../generators/synth/template.ts';
import { formatDiagnostic } from '../../lib/report/format-diagnostics.ts';

const template = (...types: string[]): CfnTemplate => ({
  Resources: Object.fromEntries(types.map((Type, i) => [`R${i}`, { Type }])),
});
const check = (source: string, t: CfnTemplate) =>
  crossCheckDiagrams([{ file: 'diagrams/main.mmd', source }], t, 'architectures/x').map(formatDiagnostic);

describe('diagramClauses', () => {
  test('reads node, subgraph and edge labels with their lines, and drops negated clauses', () => {
    const clauses = diagramClauses(
      [
        'flowchart LR',
        '  subgraph vpc["VPC: no internet gateway, no NAT gateway"]',
        '    fn["Lambda handler (Node.js)"]',
        '  end',
        '  fn -->|"writes, never deletes"| table[("DynamoDB table")]',
        '  %% a comment naming S3',
      ].join('\n'),
    );
    expect(clauses.map((c) => `${c.line} ${c.text}`)).toEqual([
      '2 VPC',
      '3 Lambda handler',
      '3 Node.js',
      '5 DynamoDB table',
      '5 writes',
    ]);
  });

  test('ignores external nodes, everything inside an external subgraph, and edges that touch them', () => {
    const source = [
      'flowchart LR',
      '  users(["Browsers"]):::external',
      '  subgraph onprem["On-premises data centre"]',
      '    db[("Oracle on EC2 hosts")]',
      '  end',
      '  class onprem external',
      '  api["API Gateway"]',
      '  users -->|"HTTPS to the S3 website"| api',
      '  api -->|"JDBC over the VPN"| db',
    ].join('\n');
    expect(diagramClauses(source).map((c) => c.text)).toEqual(['API Gateway']);
  });

  test('drops IAM action names, and marks labels about endpoints', () => {
    const clauses = diagramClauses(
      ['flowchart LR', '  role["Role: ec2:DescribeInstances only"]', '  gep["S3 gateway endpoint"]'].join('\n'),
    );
    expect(clauses.map((c) => [c.text, c.endpoint])).toEqual([
      ['Role', false],
      ['only', false],
      ['S3 gateway endpoint', true],
    ]);
  });
});

describe('crossCheckDiagrams', () => {
  test('passes when every service of the template is drawn and nothing else is', () => {
    const source = 'flowchart LR\n  q[("SQS queue")] --> fn["Lambda worker"]\n  fn --> t[("DynamoDB table")]';
    expect(
      check(source, template('AWS::SQS::Queue', 'AWS::Lambda::Function', 'AWS::DynamoDB::Table', 'AWS::IAM::Role')),
    ).toEqual([]);
  });

  test('reports a service of the template that no diagram names', () => {
    expect(check('flowchart LR\n  fn["Lambda worker"]', template('AWS::Lambda::Function', 'AWS::SQS::Queue'))).toEqual([
      'architectures/x/diagrams/main.mmd  OAR329  the template uses Amazon SQS (sqs), but no diagram names it; draw it in diagrams/main.mmd with a label matching \\bSQS\\b|dead-letter queues?|\\bDLQs?\\b',
    ]);
  });

  test('reports, with its line, a service the diagram names that the template lacks', () => {
    const source = 'flowchart LR\n  fn["Lambda worker"]\n  fn --> r["Route 53 failover record"]';
    expect(check(source, template('AWS::Lambda::Function'))).toEqual([
      'architectures/x/diagrams/main.mmd:3:1  OAR329  the diagram names Amazon Route 53 ("Route 53 failover record"), but the template has no Amazon Route 53 resources; remove it, add it to the stack, or mark a node outside the stack with :::external',
    ]);
  });

  test('an endpoint label counts only for the VPC, in both directions', () => {
    const source = 'flowchart LR\n  gep["S3 gateway endpoint in the VPC"]';
    expect(check(source, template('AWS::EC2::VPCEndpoint'))).toEqual([]);
    expect(check(source, template('AWS::EC2::VPCEndpoint', 'AWS::S3::Bucket'))).toHaveLength(1);
  });
});

describe('service terms', () => {
  test('read whole words where a service shares letters with another word', () => {
    const eks = template('AWS::EKS::Cluster', 'AWS::EKS::Addon');
    expect(check('flowchart LR\n  addon["EKS managed add-on: CoreDNS"]', eks)).toEqual([]);
    expect(check('flowchart LR\n  c["EKS cluster"]\n  ad["AWS Managed AD: two domain controllers"]', eks)).toEqual([
      expect.stringContaining('the diagram names AWS Directory Service'),
    ]);
  });
});
