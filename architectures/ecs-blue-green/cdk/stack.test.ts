import { describe, expect, test } from 'vitest';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { openCatalogue } from '../../../lib/catalogue.ts';
import {
  checkConfigurations,
  entryAcknowledgements,
  entryTemplate,
  REPO_ROOT,
  synthConfigs,
  expectClaimsHold,
} from '../../../test/helpers/synth-entry.ts';
import {
  customResourceTypes,
  ofType,
  onlyProps as propsOf,
  resourcesOf,
  type Json,
} from '../../../test/helpers/template.ts';
import { isFargateTaskSize, privateEcrRepository } from './parameters.ts';

const ID = 'ecs-blue-green';
const CERT = 'arn:aws:acm:eu-west-1:123456789012:certificate/0b2c1d3e-4f50-6789-abcd-ef0123456789';
const REFUSED = {
  tasks: [['minTasks=5', 'maxTasks=4'], /minTasks 5 is greater than maxTasks 4/u],
  nat: [['natGateways=3'], /natGateways 3 is more than azCount 2/u],
  certificate: [[`certificateArn=${CERT}`], /certificateArn needs domainName/u],
} as const;
const template = entryTemplate(ID);
const CONFIGS = {
  custom: [
    'azCount=3',
    'natGateways=1',
    'containerImage=123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web:2.3.1',
    'containerPort=8080',
    'healthCheckPath=/healthz',
    'taskSize=1024/4096',
    'cpuArchitecture=arm64',
    'minTasks=3',
    'maxTasks=30',
    'cpuTargetPercent=50',
    'bakeTimeMinutes=30',
    'testListenerPort=9000',
    `certificateArn=${CERT}`,
    'domainName=shop.example.com',
    'allowedIngressCidr=203.0.113.0/24',
    'enableExecuteCommand=true',
    'containerInsights=enhanced',
    'logRetentionDays=90',
    'vpcCidr=172.20.0.0/20',
  ],
  partial: ['azCount=3', 'natGateways=2', 'domainName=app.example.com'],
} as const;
const runs = await synthConfigs(ID, {
  ...CONFIGS,
  ...Object.fromEntries(Object.entries(REFUSED).map(([name, [params]]) => [name, params])),
});
const custom = runs.ok('custom');
const partial = runs.ok('partial');
const meta = openCatalogue(REPO_ROOT).byId.get(ID)?.meta;

const logicalIdOf = (t: Template, type: string, pattern: RegExp): string => {
  const ids = Object.entries(resourcesOf(t))
    .filter(([id, r]) => r.Type === type && pattern.test(id))
    .map(([id]) => id);
  expect(ids, `${type} ${pattern}`).toHaveLength(1);
  return ids[0] ?? '';
};
const statementsOf = (t: Template, rolePattern: RegExp): Json[] =>
  ofType(t, 'AWS::IAM::Policy')
    .filter((p) => JSON.stringify(p.Properties?.['Roles']).match(rolePattern))
    .flatMap((p) => (p.Properties?.['PolicyDocument'] as { Statement: Json[] }).Statement);

checkConfigurations(ID, { custom, partial });

// The claims in cdk/claims.ts run on the default and the declared variants in oar check; here they run on the
// two configurations above too, which change every parameter.
test.each(Object.entries(CONFIGS))('every claim holds with the %s parameters', async (name, params) => {
  await expectClaimsHold(ID, name, runs.ok(name), params, 6);
});

describe('checks', () => {
  const nagAcks = (acks: readonly { rule: string }[]) =>
    acks
      .map((a) => a.rule)
      .filter((rule) => rule.startsWith('AwsSolutions-'))
      .sort();

  test('the default needs only the parent\'s acknowledgements and those of the blue/green roles and gate', () => {
    expect(nagAcks(entryAcknowledgements(ID))).toEqual([
      'AwsSolutions-EC23',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers]',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole]',
      expect.stringMatching(/^AwsSolutions-IAM5\[Resource::<TestGateFunction[0-9A-F]+\.Arn>:\*\]$/u) as string,
      'AwsSolutions-L1',
      'AwsSolutions-S1',
    ]);
  });

  test('no custom resources', () => {
    expect(customResourceTypes(template)).toEqual([]);
  });

  test('every taskSize in architecture.yaml is a Fargate combination, and the check rejects others', () => {
    const sizes = meta?.parameters?.find((p) => p.name === 'taskSize')?.enum ?? [];
    expect(sizes.length).toBeGreaterThan(10);
    for (const size of sizes) {
      const [cpu, memory] = String(size).split('/').map(Number);
      expect(isFargateTaskSize(cpu ?? 0, memory ?? 0), String(size)).toBe(true);
    }
    expect(isFargateTaskSize(256, 1536)).toBe(false);
    expect(isFargateTaskSize(512, 512)).toBe(false);
    expect(isFargateTaskSize(4096, 32768)).toBe(false);
  });

  test.each(Object.entries(REFUSED))(
    'parameter combinations the schema cannot express are refused: %s',
    (name, [, message]) => {
      expect(runs.error(name)).toMatch(message);
    },
  );
});

describe('network', () => {
  const azs = (t: Template) =>
    ofType(t, 'AWS::EC2::Subnet').map((s) => JSON.stringify(s.Properties?.['AvailabilityZone']));

  test('a public and a private subnet in each of azCount zones', () => {
    template.resourceCountIs('AWS::EC2::Subnet', 4);
    expect(new Set(azs(template)).size).toBe(2);
    custom.template.resourceCountIs('AWS::EC2::Subnet', 6);
    expect(new Set(azs(custom.template)).size).toBe(3);
    for (const subnet of ofType(template, 'AWS::EC2::Subnet')) {
      expect(subnet.Properties?.['MapPublicIpOnLaunch']).toBe(false);
    }
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.20.0.0/16' });
    custom.template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '172.20.0.0/20' });
  });

  test('a flow log of all traffic into a log group with retention', () => {
    template.hasResourceProperties('AWS::EC2::FlowLog', { ResourceType: 'VPC', TrafficType: 'ALL' });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: Match.absent(),
      RetentionInDays: 30,
    });
  });
});

describe('security groups', () => {
  const taskSg = (t: Template) => ({
    'Fn::GetAtt': [logicalIdOf(t, 'AWS::EC2::SecurityGroup', /^TaskSecurityGroup/u), 'GroupId'],
  });
  const lbSg = (t: Template) => ({
    'Fn::GetAtt': [logicalIdOf(t, 'AWS::EC2::SecurityGroup', /^LoadBalancerSecurityGroup/u), 'GroupId'],
  });

  test('tasks accept containerPort from the load balancer only and send HTTPS only', () => {
    for (const [t, port] of [
      [template, 80],
      [custom.template, 8080],
    ] as const) {
      expect(ofType(t, 'AWS::EC2::SecurityGroupIngress').map((r) => r.Properties)).toEqual([
        expect.objectContaining({
          GroupId: taskSg(t),
          SourceSecurityGroupId: lbSg(t),
          IpProtocol: 'tcp',
          FromPort: port,
          ToPort: port,
        }),
      ]);
      expect(ofType(t, 'AWS::EC2::SecurityGroupEgress').map((r) => r.Properties)).toEqual([
        expect.objectContaining({
          GroupId: lbSg(t),
          DestinationSecurityGroupId: taskSg(t),
          FromPort: port,
          ToPort: port,
        }),
      ]);
    }
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: Match.stringLikeRegexp('^Fargate tasks'),
      SecurityGroupIngress: Match.absent(),
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 443, ToPort: 443 })],
    });
  });

  test('the load balancer listens on 80, and on 443 with a certificate, from allowedIngressCidr; the test port from the NAT gateways only', () => {
    const lbGroup = (t: Template) =>
      ofType(t, 'AWS::EC2::SecurityGroup').find((g) => String(g.Properties?.['GroupDescription']).startsWith('Load balancer'));
    const ingress = (t: Template) => (lbGroup(t)?.Properties?.['SecurityGroupIngress'] ?? []) as Json[];
    expect(ingress(template).map((r) => [r['FromPort'], r['CidrIp']])).toEqual([
      [80, '0.0.0.0/0'],
      [8080, { 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/PublicSubnet1EIP/u) as string, 'PublicIp'] }, '/32']] }],
      [8080, { 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/PublicSubnet2EIP/u) as string, 'PublicIp'] }, '/32']] }],
    ]);
    expect(ingress(custom.template).map((r) => r['FromPort'])).toEqual([80, 443, 9000]);
    expect(ingress(custom.template).slice(0, 2).map((r) => r['CidrIp'])).toEqual(['203.0.113.0/24', '203.0.113.0/24']);
    expect(lbGroup(template)?.Properties?.['SecurityGroupEgress']).toBeUndefined();
  });
});

describe('cluster, task definition and service', () => {
  test('Container Insights is on, enhanced on request', () => {
    template.hasResourceProperties('AWS::ECS::Cluster', {
      ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }],
      Configuration: Match.absent(),
    });
    custom.template.hasResourceProperties('AWS::ECS::Cluster', {
      ClusterSettings: [{ Name: 'containerInsights', Value: 'enhanced' }],
    });
  });

  test('the task definition follows taskSize, cpuArchitecture, image and port, with awslogs non-blocking', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      Cpu: '512',
      Memory: '1024',
      NetworkMode: 'awsvpc',
      RequiresCompatibilities: ['FARGATE'],
      RuntimePlatform: { CpuArchitecture: 'X86_64', OperatingSystemFamily: 'LINUX' },
      ContainerDefinitions: [
        Match.objectLike({
          Name: 'app',
          Image: 'public.ecr.aws/nginx/nginx:stable-alpine',
          Essential: true,
          PortMappings: [{ ContainerPort: 80, Protocol: 'tcp' }],
          LinuxParameters: Match.objectLike({ InitProcessEnabled: true }),
          Environment: Match.absent(),
          LogConfiguration: {
            LogDriver: 'awslogs',
            Options: Match.objectLike({
              'awslogs-group': { Ref: Match.stringLikeRegexp('^ApplicationLogs') },
              mode: 'non-blocking',
            }),
          },
        }),
      ],
    });
    custom.template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      Cpu: '1024',
      Memory: '4096',
      RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' },
      ContainerDefinitions: [
        Match.objectLike({
          Image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web:2.3.1',
          PortMappings: [{ ContainerPort: 8080, Protocol: 'tcp' }],
        }),
      ],
    });
  });
});

describe('roles', () => {
  test('managed policies only for the ECS infrastructure role and the gate; the task role is empty and trusts only tasks of this account', () => {
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
    const managed = ofType(template, 'AWS::IAM::Role')
      .flatMap((r) => (r.Properties?.['ManagedPolicyArns'] ?? []) as unknown[])
      .map((a) => JSON.stringify(a).replace(/.*policy\/([\w/-]+).*/u, '$1'))
      .sort();
    expect(managed).toEqual(['AmazonECSInfrastructureRolePolicyForLoadBalancers', 'service-role/AWSLambdaVPCAccessExecutionRole']);
    expect(statementsOf(template, /TaskRole/u)).toEqual([]);
    template.hasResourceProperties('AWS::IAM::Role', {
      Description: Match.stringLikeRegexp('^The application'),
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: 'ecs-tasks.amazonaws.com' },
            Condition: {
              ArnLike: { 'aws:SourceArn': Match.anyValue() },
              StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
            },
          }),
        ],
        Version: '2012-10-17',
      },
    });
  });

  test('the execution role writes the application log group and pulls only the one ECR repository', () => {
    expect(statementsOf(template, /ExecutionRole/u)).toEqual([
      expect.objectContaining({
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^ApplicationLogs/u) as string, 'Arn'] },
      }),
    ]);
    const custom_ = statementsOf(custom.template, /ExecutionRole/u);
    expect(custom_).toContainEqual(
      expect.objectContaining({
        Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
        Resource: {
          'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ecr:eu-west-1:123456789012:repository/shop/web']],
        },
      }),
    );
    expect(custom_).toContainEqual({ Action: 'ecr:GetAuthorizationToken', Effect: 'Allow', Resource: '*' });
  });

  test('private ECR references are recognised, other registries are not', () => {
    expect(privateEcrRepository('123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web:2.3.1')).toEqual({
      account: '123456789012',
      region: 'eu-west-1',
      repository: 'shop/web',
    });
    expect(
      privateEcrRepository(`123456789012.dkr.ecr.us-east-1.amazonaws.com/api@sha256:${'a'.repeat(64)}`)?.repository,
    ).toBe('api');
    expect(privateEcrRepository('public.ecr.aws/nginx/nginx:stable-alpine')).toBeUndefined();
    expect(privateEcrRepository('ghcr.io/acme/api:1.0')).toBeUndefined();
  });

  test('ECS Exec adds its channels and a session log group only when enabled', () => {
    expect(JSON.stringify(resourcesOf(template))).not.toContain('ssmmessages');
    template.hasResourceProperties('AWS::ECS::Service', { EnableExecuteCommand: false });
    custom.template.hasResourceProperties('AWS::ECS::Service', { EnableExecuteCommand: true });
    custom.template.hasResourceProperties('AWS::ECS::Cluster', {
      Configuration: {
        ExecuteCommandConfiguration: {
          Logging: 'OVERRIDE',
          LogConfiguration: { CloudWatchLogGroupName: { Ref: Match.stringLikeRegexp('^ExecLogs') } },
        },
      },
    });
    const actions = JSON.stringify(statementsOf(custom.template, /TaskRole/u));
    expect(actions).toContain('ssmmessages:OpenDataChannel');
    expect(actions).toContain('ExecLogs');
  });
});

describe('load balancer', () => {
  test('internet-facing in the public subnets, invalid headers dropped, access logs to the bucket', () => {
    const lb = propsOf(template, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
    expect(lb['Scheme']).toBe('internet-facing');
    expect((lb['Subnets'] as { Ref: string }[]).map((s) => s.Ref)).toEqual([
      expect.stringMatching(/PublicSubnet1/u),
      expect.stringMatching(/PublicSubnet2/u),
    ]);
    expect(lb['LoadBalancerAttributes']).toEqual(
      expect.arrayContaining([
        { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
        { Key: 'access_logs.s3.enabled', Value: 'true' },
        { Key: 'access_logs.s3.bucket', Value: { Ref: expect.stringMatching(/^AccessLogsBucket/u) as string } },
      ]),
    );
  });

  test('the access log bucket is private, TLS only, expiring and retained', () => {
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        LifecycleConfiguration: {
          Rules: [Match.objectLike({ ExpirationInDays: 30, Status: 'Enabled' })],
        },
      }),
    });
    custom.template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 90 })] },
    });
    const policy = JSON.stringify(propsOf(template, 'AWS::S3::BucketPolicy'));
    expect(policy).toContain('"aws:SecureTransport":"false"');
    expect(policy).toContain('logdelivery.elasticloadbalancing.amazonaws.com');
  });

  test('URL outputs: the load balancer name over HTTP, domainName when set', () => {
    template.hasOutput('HealthCheckUrl', {
      Value: { 'Fn::Join': ['', ['http://', { 'Fn::GetAtt': [Match.anyValue(), 'DNSName'] }, '/']] },
    });
    custom.template.hasOutput('LoadBalancerUrl', { Value: 'https://shop.example.com' });
    custom.template.hasOutput('HealthCheckUrl', { Value: 'https://shop.example.com/healthz' });
    partial.template.hasOutput('HealthCheckUrl', { Value: 'http://app.example.com/' });
  });

  test('alarms on unhealthy tasks of both target groups and on the 5xx rate of the whole load balancer', () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', 2);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 1,
      EvaluationPeriods: 5,
      Metrics: Match.arrayWith([Match.objectLike({ Expression: 'FILL(g0, 0) + FILL(g1, 0)' })]),
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 5,
      EvaluationPeriods: 3,
      Metrics: Match.arrayWith([
        Match.objectLike({
          Expression:
            'IF(FILL(requests, 0) + FILL(lb, 0) > 0, 100 * (FILL(errors, 0) + FILL(lb, 0)) / (FILL(requests, 0) + FILL(lb, 0)), 0)',
        }),
      ]),
    });
  });
});
