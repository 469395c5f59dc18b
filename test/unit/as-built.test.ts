import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { asBuilt, asBuiltFromSnapshot, templateResources } from '../../lib/asbuilt/as-built.ts';
import { MAX_NODES } from '../../lib/asbuilt/collapse.ts';
import { mermaidText } from '../../lib/asbuilt/mermaid-text.ts';
import { refsIn } from '../../lib/asbuilt/template-refs.ts';
import { fixture } from '../helpers/temp-catalogue.ts';

type Props = Record<string, unknown>;
/** A template from `{ LogicalId: [Type, Properties] }`, drawn for entry x. */
const draw = (resources: Record<string, [string, Props?]>) =>
  asBuilt(
    templateResources(
      Object.fromEntries(Object.entries(resources).map(([id, [Type, p]]) => [id, { Type, Properties: p ?? {} }])),
    ),
    'x',
  );
const file = (name: string) => readFileSync(fixture(`asbuilt/${name}`), 'utf8');
const ref = (id: string) => ({ Ref: id });
const arn = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
/** The drawing without its comment lines: what a reader sees. */
const body = (source: string) =>
  source
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('%%'))
    .join('\n');

describe('references', () => {
  it('reads Ref, both forms of Fn::GetAtt and Fn::Sub variables, but not Sub literals or shadowed names', () => {
    const ids = new Set(['A', 'B', 'C', 'D', 'E']);
    const value = {
      x: ref('A'),
      y: { 'Fn::GetAtt': 'B.Arn' },
      z: { 'Fn::Sub': ['${C.Arn}/${!D}/${E}', { E: 'literal' }] },
      w: ref('AWS::Region'),
    };
    expect(refsIn(value, ids)).toEqual(['A', 'B', 'C']);
  });

  it('walks a template nested far deeper than the call stack allows', () => {
    let deep: unknown = ref('A');
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(refsIn(deep, new Set(['A']))).toEqual(['A']);
  });
});

describe('grouping by VPC, subnet tier and service', () => {
  const drawn = asBuiltFromSnapshot(file('network.template.json'), 'architectures/x', 'x');

  it('sorts subnets into tiers by the CDK tag, public addresses and routes, and places each box in its subnets', () => {
    expect(body(drawn.source)).toMatchInlineSnapshot(`
      "flowchart LR
        internet(("Internet"))
        subgraph g0["VPC Vpc 10.0.0.0/16"]
          n0["Igw<br/>Amazon VPC: internet gateway"]
          n3["Targets<br/>Elastic Load Balancing: target group"]
          subgraph g1["Public subnets: Ingress, 2 × subnet"]
            n2["Elastic Load Balancing: load balancer"]
          end
          subgraph g2["Public subnets, 2 × subnet"]
            n1["Nat<br/>Amazon VPC: NAT gateway"]
          end
          subgraph g3["Private subnets, 1 × subnet"]
            n4["Nodes<br/>Amazon EC2 Auto Scaling: auto scaling group"]
          end
          subgraph g4["Isolated subnets, 1 × subnet"]
            n5[("Database<br/>Amazon RDS: DB instance")]
          end
        end
        n2 -->|"forwards"| n3
        n3 -->|"targets"| n4
        internet -->|"tcp 443"| n2
        n2 -->|"tcp 8080"| n4
        n4 -->|"tcp 5432"| n5
      "
    `);
  });

  it('names the service of each box it draws, for the box’s icon', () => {
    expect(Object.fromEntries(drawn.boxServices)).toEqual({
      n0: 'vpc',
      n1: 'vpc',
      n2: 'elb',
      n3: 'elb',
      n4: 'autoscaling',
      n5: 'rds',
    });
  });

  it('lists the services it draws, the VPC among them', () => {
    expect(drawn.services).toEqual(['autoscaling', 'ec2', 'elb', 'rds', 'vpc']);
  });

  it('boxes the resources of a service together when it has several in one place', () => {
    const d = draw({
      Fn: ['AWS::Lambda::Function'],
      Signing: ['AWS::Lambda::CodeSigningConfig'],
      T: ['AWS::DynamoDB::Table'],
    });
    expect(body(d.source)).toContain(
      'subgraph g0["AWS Lambda"]\n    n0["Fn<br/>function"]\n    n1["Signing<br/>code signing config"]\n  end',
    );
    expect(body(d.source)).toContain('n2[("T<br/>Amazon DynamoDB: table")]');
  });

  it('draws a VPC with nothing in it as a box, not an empty frame', () => {
    expect(body(draw({ Vpc: ['AWS::EC2::VPC'] }).source)).toBe('flowchart LR\n  e0["VPC Vpc"]\n');
  });
});

describe('edges', () => {
  it('draws event sources and request paths in the direction they travel', () => {
    const d = draw({
      Orders: ['AWS::SNS::Topic'],
      Inbox: ['AWS::SQS::Queue', { RedrivePolicy: { deadLetterTargetArn: arn('Parked') } }],
      Parked: ['AWS::SQS::Queue'],
      Sub: ['AWS::SNS::Subscription', { TopicArn: ref('Orders'), Endpoint: arn('Inbox'), Protocol: 'sqs' }],
      Worker: ['AWS::Lambda::Function'],
      Mapping: ['AWS::Lambda::EventSourceMapping', { EventSourceArn: arn('Inbox'), FunctionName: ref('Worker') }],
      Nightly: ['AWS::Events::Rule', { Targets: [{ Arn: arn('Worker'), Id: 't' }] }],
      Uploads: [
        'AWS::S3::Bucket',
        {
          NotificationConfiguration: {
            LambdaConfigurations: [{ Event: 's3:ObjectCreated:*', Function: arn('Worker') }],
          },
        },
      ],
      Api: ['AWS::ApiGateway::RestApi'],
      Method: [
        'AWS::ApiGateway::Method',
        { RestApiId: ref('Api'), Integration: { Uri: { 'Fn::Join': ['', [arn('Worker')]] } } },
      ],
      Http: ['AWS::ApiGatewayV2::Api'],
      Integration: ['AWS::ApiGatewayV2::Integration', { ApiId: ref('Http'), IntegrationUri: arn('Worker') }],
      Permission: ['AWS::Lambda::Permission', { FunctionName: ref('Worker'), SourceArn: arn('Uploads') }],
    });
    const edges = body(d.source)
      .split('\n')
      .filter((l) => l.includes('-->'));
    const names = new Map([...d.source.matchAll(/(n\d+)\[\(?"([A-Za-z]+)/gu)].map((m) => [m[1], m[2]]));
    const named = edges.map((l) => l.replace(/n\d+/gu, (n) => names.get(n) ?? n).trim());
    expect(named.sort()).toEqual([
      'Api -->|"integration"| Worker',
      'Http -->|"integration"| Worker',
      'Inbox -->|"dead letters"| Parked',
      'Inbox -->|"event source"| Worker',
      'Nightly -->|"rule target"| Worker',
      'Orders -->|"subscription"| Inbox',
      'Uploads -->|"invokes, notification"| Worker',
    ]);
  });

  it('follows a load balancer through its listener and target group to an ECS service', () => {
    const d = draw({
      Lb: ['AWS::ElasticLoadBalancingV2::LoadBalancer'],
      Listener: [
        'AWS::ElasticLoadBalancingV2::Listener',
        { LoadBalancerArn: ref('Lb'), DefaultActions: [{ TargetGroupArn: ref('Tg') }] },
      ],
      Tg: ['AWS::ElasticLoadBalancingV2::TargetGroup'],
      Service: ['AWS::ECS::Service', { LoadBalancers: [{ TargetGroupArn: ref('Tg') }], Cluster: ref('Cluster') }],
      Cluster: ['AWS::ECS::Cluster'],
    });
    expect(body(d.source)).toContain('n0 -->|"forwards"| n1');
    expect(body(d.source)).toContain('n1 -->|"targets"| n2');
    // A plain reference is a dotted "uses" edge.
    expect(body(d.source)).toContain('n2 -.-> n3');
  });

  it('draws a reference only where no flow joins the two boxes, once, both ways when both refer', () => {
    const d = draw({
      A: ['AWS::S3::Bucket', { Tags: [{ Key: 'topic', Value: ref('B') }] }],
      B: ['AWS::SNS::Topic', { Tags: [{ Key: 'bucket', Value: ref('A') }] }],
    });
    expect(
      body(d.source)
        .split('\n')
        .filter((l) => l.includes('->')),
    ).toEqual(['  n0 <-.-> n1']);
  });
});

describe('folding', () => {
  const d = draw({
    Fn: ['AWS::Lambda::Function', { Role: arn('FnRole') }],
    FnRole: ['AWS::IAM::Role'],
    FnPolicy: ['AWS::IAM::Policy', { Roles: [ref('FnRole')] }],
    ClientPolicy: ['AWS::IAM::ManagedPolicy', { PolicyDocument: { Statement: [{ Resource: arn('Fn') }] } }],
    Logs: ['AWS::Logs::LogGroup'],
    Permission: ['AWS::Lambda::Permission', { FunctionName: ref('Fn'), Principal: 'events.amazonaws.com' }],
    CDKMetadata: ['AWS::CDK::Metadata'],
    Seed: ['Custom::Seed', { ServiceToken: arn('ProviderframeworkonEvent') }],
    ProviderframeworkonEvent: [
      'AWS::Lambda::Function',
      { Environment: { Variables: { USER_ON_EVENT_FUNCTION_ARN: arn('SeedHandler') } } },
    ],
    SeedHandler: ['AWS::Lambda::Function'],
    AWS679f53fac002430cb0da5b7982bd2287: ['AWS::Lambda::Function'],
    CdkParameter: ['AWS::SSM::Parameter', { Name: '/cdk-bootstrap/hnb659fds/version' }],
    Flag: ['AWS::SSM::Parameter', { Name: '/my-app/in-service' }],
  });

  it('draws the architecture, a policy made for someone outside and an entry parameter, not the plumbing', () => {
    expect(body(d.source)).toMatchInlineSnapshot(`
      "flowchart LR
        n0["Fn<br/>AWS Lambda: function"]
        n1["ClientPolicy<br/>AWS IAM: managed policy"]
        n2["Flag<br/>AWS Systems Manager: parameter"]
        n1 -.-> n0
      "
    `);
    expect(d.foldedServices).toEqual(['cloudwatch-logs']);
  });

  it('says in a comment what it folded, how many of which type, and why', () => {
    const comments = d.source.split('\n').filter((l) => l.trimStart().startsWith('%%'));
    expect(comments).toEqual([
      '  %% As built: drawn by oar diagram x from cdk/__snapshots__/stack.template.json. Regenerate it, do not edit it.',
      expect.stringMatching(/^ {2}%% Folded 2 \(1 × AWS::IAM::Role, 1 × AWS::IAM::Policy\): IAM roles, policies/u),
      expect.stringMatching(/^ {2}%% Folded 1 \(1 × AWS::Logs::LogGroup\): log groups/u),
      expect.stringMatching(
        /^ {2}%% Folded 5 \(1 × AWS::CDK::Metadata, 1 × Custom::Seed, 3 × AWS::Lambda::Function\): custom-resource plumbing/u,
      ),
      expect.stringMatching(/^ {2}%% Folded 1 \(1 × AWS::Lambda::Permission\): Lambda permissions/u),
      expect.stringMatching(/^ {2}%% Folded 1 \(1 × AWS::SSM::Parameter\): account-wide settings/u),
    ]);
    expect(d.notes).toHaveLength(5);
  });
});

describe('collapsing', () => {
  it('merges resources that play the same part, and counts them', () => {
    const consumer = (name: string): Record<string, [string, Props?]> => ({
      [`Consumer${name}Queue`]: ['AWS::SQS::Queue'],
      [`Consumer${name}Worker`]: ['AWS::Lambda::Function'],
      [`Consumer${name}Mapping`]: [
        'AWS::Lambda::EventSourceMapping',
        { EventSourceArn: arn(`Consumer${name}Queue`), FunctionName: ref(`Consumer${name}Worker`) },
      ],
    });
    const d = draw({
      ...consumer('billing'),
      ...consumer('email'),
      ...consumer('analytics'),
      Audit: ['AWS::SQS::Queue'],
    });
    expect(body(d.source)).toContain('n0[("Consumer…Queue<br/>3 × queue")]');
    expect(body(d.source)).toContain('n2[("Audit<br/>queue")]');
    expect(body(d.source)).toContain('n1["Consumer…Worker<br/>AWS Lambda: 3 × function"]');
    expect(body(d.source)).toContain('n0 -->|"event source"| n1');
    expect(d.collapse).toBe('alike');
  });

  it(`merges by type, then by service, above ${MAX_NODES} boxes, and says so`, () => {
    const many = (n: number, type: string, prefix: string) =>
      Object.fromEntries(
        Array.from({ length: n }, (_, i): [string, [string, Props]] => [
          `${prefix}${i}`,
          [type, { Tags: [{ Key: 'n', Value: ref(`${prefix}${i - 1}`) }] }],
        ]),
      );
    // A chain of queues: every queue plays a different part, so alike merging cannot shrink it.
    const byType = draw(many(45, 'AWS::SQS::Queue', 'Q'));
    expect(byType.collapse).toBe('type');
    expect(byType.nodes).toBe(1);
    expect(body(byType.source)).toContain('45 × queue');
    expect(byType.notes.at(-1)).toBe(
      `Alike resources made more than ${MAX_NODES} boxes, so every resource of a type in one place is one box.`,
    );
    const types = ['Topic', 'Queue', 'Bucket', 'Table', 'Function', 'Key', 'Alarm', 'Rule', 'Secret', 'Stream'];
    const namespaces = [
      'SNS',
      'SQS',
      'S3',
      'DynamoDB',
      'Lambda',
      'KMS',
      'CloudWatch',
      'Events',
      'SecretsManager',
      'Kinesis',
    ];
    const wide = Object.fromEntries(
      types.flatMap((t, i) =>
        [1, 2, 3, 4, 5].map((k): [string, [string]] => [`${t}${k}`, [`AWS::${namespaces[i]}::${t}${k}`]]),
      ),
    );
    const byService = draw(wide);
    expect(byService.collapse).toBe('service');
    expect(byService.nodes).toBe(10);
    expect(byService.notes.at(-1)).toContain('every resource of a service in one place is one box');
  });
});

describe('labels from a hostile template', () => {
  it.each([
    [
      'syntax, HTML and markdown characters',
      'a"b]c#d;e<f>g`h|i{j}k&l*m',
      'a#34;b#93;c#35;d#59;e#60;f#62;g#96;h#124;i#123;j#125;k#38;l#42;m',
    ],
    ['line breaks and control characters', 'x\n\ty\u0000z', 'x y z'],
    ['letters of any script, digits and the few marks labels use', 'é 漢字 1 × 2…', 'é 漢字 1 × 2…'],
    ['a line longer than a label keeps', 'a'.repeat(60), `${'a'.repeat(47)}…`],
  ])('escapes %s', (_what, text, label) => {
    expect(mermaidText(text)).toBe(label);
  });

  it('draws a hostile template as labels only: no quote, bracket, link, directive or HTML escapes into the syntax', () => {
    const { source } = asBuiltFromSnapshot(file('hostile.template.json'), 'architectures/x', 'x');
    const label = String.raw`"(?:[\p{L}\p{N} .,:()/+×…_-]|#\d+;|<br/>)*"`;
    const shapes = [
      /^flowchart LR$/u,
      /^ {2}%% [A-Za-z0-9 .,:()/+×_'?-]*$/u,
      new RegExp(String.raw`^ *subgraph g\d+\[${label}\]$`, 'u'),
      /^ *end$/u,
      new RegExp(String.raw`^ *[ne]\d+(?:\[${label}\]|\[\(${label}\)\])$`, 'u'),
      /^ {2}internet\(\("Internet"\)\)$/u,
      new RegExp(String.raw`^ {2}(?:n\d+|internet) (?:-->|-\.->|<-\.->)(?:\|${label}\|)? n\d+$`, 'u'),
    ];
    const lines = source.trimEnd().split('\n');
    for (const line of lines)
      expect(
        shapes.some((s) => s.test(line)),
        line,
      ).toBe(true);
    expect(source).toContain('Evil#34;#93;#59; click n0 #34;javascript:alert(1)#34;#59; x#91;#34;');
    expect(source).toContain('Pub#60;/div#62;#60;script#62;');
    expect(source).toContain('#96;#42;#42;bold#42;#42;');
    expect(source).toContain('Odd#8238;Type');
    expect(source).not.toMatch(/^\s*(?:click|style|classDef|linkStyle)\b|%%\{|<script|<img/mu);
  });
});
