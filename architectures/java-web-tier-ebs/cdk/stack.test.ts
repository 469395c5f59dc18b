import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { checkConfigurations, entryTemplate, synthConfigs } from '../../../test/helpers/synth-entry.ts';
import { flatten, ingressRules } from '../../../test/helpers/template.ts';

const ID = 'java-web-tier-ebs';
const template = entryTemplate(ID);
const runs = await synthConfigs(ID, {
  custom: [
    'certificateArn=arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
    'singleNatGateway=true',
    'azCount=3',
    'vpcCidr=10.20.0.0/24',
    'allowedIngressCidr=203.0.113.0/24',
    'appPort=9000',
    'healthCheckPath=/healthz',
    'dataVolumeSizeGiB=200',
    'dataVolumeIops=6000',
    'dataVolumeThroughputMiBps=500',
    'rootVolumeSizeGiB=30',
    'appArtifactUrl=s3://releases-bucket/shop/app-1.4.2.jar',
    'amiId=ami-0123456789abcdef0',
    'javaVersion=17',
    'instanceType=c7i.large',
    'minCapacity=3',
    'maxCapacity=9',
    'cpuTargetPercent=65',
    'logRetentionDays=90',
  ],
  capacity: ['minCapacity=8', 'maxCapacity=4'],
  oneNode: ['minCapacity=1'],
  iops: ['dataVolumeSizeGiB=10', 'dataVolumeIops=16000'],
});
const custom = runs.ok('custom');

type Resource = { Properties?: Record<string, unknown> };

/** The properties of every resource of a type. */
function propsOf(t: Template, type: string): Record<string, unknown>[] {
  return Object.values(t.findResources(type) as Record<string, Resource>).map((r) => r.Properties ?? {});
}

/** The logical id of the only resource of a type whose properties match. */
function idOf(t: Template, type: string, props: Record<string, unknown> = {}): string {
  const ids = Object.keys(t.findResources(type, { Properties: props }));
  expect(ids).toHaveLength(1);
  return ids[0] ?? '';
}

/** User data as text, with CloudFormation references shown as <…>. */
function userDataOf(t: Template): string {
  const [lt] = propsOf(t, 'AWS::EC2::LaunchTemplate');
  const data = (lt?.['LaunchTemplateData'] as { UserData: { 'Fn::Base64': unknown } }).UserData['Fn::Base64'];
  return flatten(data);
}

/** The distinct zone expressions of the subnets whose logical id contains `name`. */
function zonesOf(t: Template, name: string): Set<string> {
  const subnets = t.findResources('AWS::EC2::Subnet') as Record<string, Resource>;
  return new Set(
    Object.entries(subnets)
      .filter(([logicalId]) => logicalId.includes(name))
      .map(([, r]) => JSON.stringify(r.Properties?.['AvailabilityZone'])),
  );
}

checkConfigurations(ID, { custom });

describe('network', () => {
  test('public and private subnets span two zones by default and three with azCount=3', () => {
    expect(zonesOf(template, 'Public').size).toBe(2);
    expect(zonesOf(template, 'Private').size).toBe(2);
    expect(zonesOf(custom.template, 'Public').size).toBe(3);
    expect(zonesOf(custom.template, 'Private').size).toBe(3);
    custom.template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.20.0.0/24' });
  });

  test('singleNatGateway=true makes one NAT gateway for all zones', () => {
    custom.template.resourceCountIs('AWS::EC2::NatGateway', 1);
  });

  test('the nodes run in the private subnets only', () => {
    const [asg] = propsOf(template, 'AWS::AutoScaling::AutoScalingGroup');
    const subnets = (asg?.['VPCZoneIdentifier'] as { Ref: string }[]).map((s) => s.Ref);
    expect(subnets).toHaveLength(2);
    for (const subnet of subnets) expect(subnet).toMatch(/^VpcPrivateSubnet/u);
  });

  test('VPC flow logs go to a log group with logRetentionDays', () => {
    template.hasResourceProperties('AWS::EC2::FlowLog', { LogDestinationType: 'cloud-watch-logs' });
    for (const group of propsOf(template, 'AWS::Logs::LogGroup')) expect(group['RetentionInDays']).toBe(30);
    for (const group of propsOf(custom.template, 'AWS::Logs::LogGroup')) expect(group['RetentionInDays']).toBe(90);
  });
});

describe('security', () => {
  test('only the load balancer is reachable from allowedIngressCidr', () => {
    for (const [t, cidr, ports] of [
      [template, '0.0.0.0/0', [80]],
      [custom.template, '203.0.113.0/24', [80, 443]],
    ] as const) {
      const lbGroup = idOf(t, 'AWS::EC2::SecurityGroup', {
        GroupDescription: Match.stringLikeRegexp('^Load balancer'),
      });
      const cidrRules = ingressRules(t).filter(({ rule }) => 'CidrIp' in rule || 'CidrIpv6' in rule);
      expect(cidrRules.map(({ group }) => group)).toEqual(ports.map(() => lbGroup));
      expect(cidrRules.map(({ rule }) => [rule.CidrIp, rule.FromPort])).toEqual(ports.map((p) => [cidr, p]));
    }
  });

  test('appPort is reachable only from the load balancer security group', () => {
    for (const [t, port] of [
      [template, 8080],
      [custom.template, 9000],
    ] as const) {
      const lbGroup = idOf(t, 'AWS::EC2::SecurityGroup', {
        GroupDescription: Match.stringLikeRegexp('^Load balancer'),
      });
      const nodeGroup = idOf(t, 'AWS::EC2::SecurityGroup', {
        GroupDescription: Match.stringLikeRegexp('^Java nodes'),
      });
      const nodeRules = ingressRules(t).filter(({ group }) => group === nodeGroup);
      expect(nodeRules.map(({ rule }) => rule)).toEqual([
        expect.objectContaining({
          FromPort: port,
          ToPort: port,
          IpProtocol: 'tcp',
          SourceSecurityGroupId: { 'Fn::GetAtt': [lbGroup, 'GroupId'] },
        }),
      ]);
      t.hasResourceProperties('AWS::EC2::SecurityGroupEgress', {
        GroupId: { 'Fn::GetAtt': [lbGroup, 'GroupId'] },
        DestinationSecurityGroupId: { 'Fn::GetAtt': [nodeGroup, 'GroupId'] },
        FromPort: port,
        ToPort: port,
      });
    }
  });

  test('the node role reads only the s3 artifact it is given', () => {
    expect(JSON.stringify(propsOf(template, 'AWS::IAM::Policy'))).not.toContain('s3:GetObject');
    custom.template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 's3:GetObject',
            Resource: {
              'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::releases-bucket/shop/app-1.4.2.jar']],
            },
          }),
        ]),
      },
    });
  });

  test('the access log bucket blocks public access, enforces TLS and expires logs', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: Match.objectLike({ BlockPublicAcls: true, RestrictPublicBuckets: true }),
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 30 })] },
    });
    template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain' });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});

describe('nodes', () => {
  test('the data volume is an encrypted gp3 mapping with the size, IOPS and throughput parameters', () => {
    for (const [t, size, iops, throughput] of [
      [template, 50, 3000, 125],
      [custom.template, 200, 6000, 500],
    ] as const) {
      t.hasResourceProperties('AWS::EC2::LaunchTemplate', {
        LaunchTemplateData: Match.objectLike({
          BlockDeviceMappings: Match.arrayWith([
            {
              DeviceName: '/dev/sdf',
              Ebs: {
                VolumeType: 'gp3',
                VolumeSize: size,
                Iops: iops,
                Throughput: throughput,
                Encrypted: true,
                DeleteOnTermination: true,
              },
            },
          ]),
        }),
      });
    }
  });

  test('the root volume is an encrypted gp3 volume of rootVolumeSizeGiB', () => {
    custom.template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({
        BlockDeviceMappings: Match.arrayWith([
          { DeviceName: '/dev/xvda', Ebs: Match.objectLike({ VolumeType: 'gp3', VolumeSize: 30, Encrypted: true }) },
        ]),
      }),
    });
    template.resourceCountIs('AWS::EC2::Volume', 0);
  });

  test('instance type and AMI follow the parameters', () => {
    template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({
        InstanceType: 'm6i.large',
        ImageId: { Ref: Match.stringLikeRegexp('al2023') },
      }),
    });
    custom.template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({ InstanceType: 'c7i.large', ImageId: 'ami-0123456789abcdef0' }),
    });
  });

  test('the group follows the capacity parameters', () => {
    template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', { MinSize: '2', MaxSize: '6' });
    custom.template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', { MinSize: '3', MaxSize: '9' });
  });

  test('target tracking and the capacity alarm follow the parameters', () => {
    custom.template.hasResourceProperties('AWS::AutoScaling::ScalingPolicy', {
      TargetTrackingConfiguration: Match.objectLike({ TargetValue: 65 }),
    });
    custom.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'GroupInServiceInstances',
      Threshold: 3,
    });
  });

  test('user data mounts the data volume and runs the app with the parameter values', () => {
    const text = userDataOf(template);
    expect(text).toMatch(/^#!\/bin\/bash\n/u);
    expect(text).not.toMatch(/\{\{\w+\}\}/u);
    expect(text).toContain("DATA_DEVICE='/dev/sdf'");
    expect(text).toContain("JAVA_VERSION='21'");
    expect(text).toContain("INSTALL_JAVA='true'");
    expect(text).toContain("APP_ARTIFACT_URL=''");
    expect(text).toContain("APP_PORT='8080'");
    expect(text).toContain("HEALTH_CHECK_PATH='/actuator/health'");
    expect(text).toMatch(/LOG_GROUP='<\{"Ref":"ApplicationLogs\w+"\}>'/u);
    expect(text).toContain('mkfs.xfs');
    expect(text).toContain('amazon-cloudwatch-agent-ctl');

    const customText = userDataOf(custom.template);
    expect(customText).toContain("JAVA_VERSION='17'");
    expect(customText).toContain("INSTALL_JAVA='false'");
    expect(customText).toContain("APP_ARTIFACT_URL='s3://releases-bucket/shop/app-1.4.2.jar'");
    expect(customText).toContain("APP_PORT='9000'");
    expect(customText).toContain("HEALTH_CHECK_PATH='/healthz'");
  });

  test('rendered user data is valid bash and fits the 16 KiB limit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oar-user-data-'));
    for (const t of [template, custom.template]) {
      const text = userDataOf(t);
      expect(Buffer.byteLength(text)).toBeLessThan(16_384);
      const file = join(dir, 'user-data.sh');
      writeFileSync(file, text);
      expect(() => execFileSync('bash', ['-n', file], { stdio: 'pipe' })).not.toThrow();
    }
  });
});

describe('load balancer', () => {
  test('without certificateArn there is one HTTP listener that forwards to the nodes', () => {
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 1);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80,
      Protocol: 'HTTP',
      DefaultActions: [Match.objectLike({ Type: 'forward' })],
    });
  });

  test('the HTTP redirect under HTTPS is permanent', () => {
    custom.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80,
      DefaultActions: [
        Match.objectLike({ RedirectConfig: Match.objectLike({ Port: '443', StatusCode: 'HTTP_301' }) }),
      ],
    });
  });

  test('the target group forwards to appPort and wants a 200', () => {
    custom.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      Port: 9000,
      Matcher: { HttpCode: '200' },
    });
  });

  test('access logs are on and go to the stack bucket', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internet-facing',
      LoadBalancerAttributes: Match.arrayWith([
        { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
        { Key: 'access_logs.s3.enabled', Value: 'true' },
        { Key: 'access_logs.s3.bucket', Value: { Ref: Match.stringLikeRegexp('^AccessLogs') } },
      ]),
    });
  });
});

describe('outputs and alarms', () => {
  test('every output declared in architecture.yaml exists', () => {
    for (const name of [
      'LoadBalancerUrl',
      'SmokeTestUrl',
      'LoadBalancerDnsName',
      'AutoScalingGroupName',
      'LaunchTemplateId',
      'ApplicationLogGroupName',
      'VpcId',
    ]) {
      template.hasOutput(name, {});
    }
  });

  test('LoadBalancerUrl is http, or https with certificateArn', () => {
    expect(JSON.stringify(template.findOutputs('LoadBalancerUrl'))).toContain('"http://"');
    expect(JSON.stringify(custom.template.findOutputs('LoadBalancerUrl'))).toContain('"https://"');
  });
});

test('inconsistent parameters fail with the fix in the message', () => {
  expect(runs.error('capacity')).toMatch(/raise maxCapacity/u);
  expect(runs.error('oneNode')).toMatch(/use 0 for a pilot-light stack with no nodes, or at least 2/u);
  expect(runs.error('iops')).toMatch(/raise dataVolumeSizeGiB to at least 32/u);
});
