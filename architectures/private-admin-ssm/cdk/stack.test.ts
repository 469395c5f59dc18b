import { describe, expect, test } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { unemulatedTypes } from '../../../generators/check/emulator-types.ts';
import { checkConfigurations, entryTemplate, synthConfigs } from '../../../test/helpers/synth-entry.ts';
import {
  customResourceTypes,
  ingressRules as rulesWithGroups,
  ofType,
  typesOf,
  type SgRule,
} from '../../../test/helpers/template.ts';

const ID = 'private-admin-ssm';
const template = entryTemplate(ID);
const runs = await synthConfigs(ID, {
  zero: ['instanceCount=0'],
  wide: ['azCount=3', 'instanceCount=4', 'instanceType=t4g.small', 'rootVolumeSizeGiB=20'],
  custom: [
    'sessionDocumentName=SSM-SessionManagerRunShell',
    'idleSessionTimeoutMinutes=15',
    'maxSessionDurationMinutes=60',
    'runAsDefaultUser=opsadmin',
    'allowPortForwarding=false',
    'sessionLogRetentionDays=1827',
    'flowLogRetentionDays=30',
    'retainSessionLogs=false',
    'vpcCidr=172.31.0.0/20',
  ],
});
const zero = runs.ok('zero');
const wide = runs.ok('wide');
const custom = runs.ok('custom');

const ingressRules = (t: typeof template): SgRule[] => rulesWithGroups(t).map((r) => r.rule);
const opensPort = (rule: SgRule, port: number): boolean =>
  rule.IpProtocol === '-1' || ((rule.FromPort ?? 0) <= port && port <= (rule.ToPort ?? 65535));

const CONFIGS = { default: template, zero: zero.template, wide: wide.template, custom: custom.template };

checkConfigurations(ID, { zero, wide, custom });

describe('fully emulated by moto', () => {
  test.each(Object.entries(CONFIGS))('%s: every resource type is one moto creates', (_, t) => {
    expect(unemulatedTypes(typesOf(t))).toEqual([]);
  });

  test('no custom resources, no SecurityGroupEgress, no alarms', () => {
    const types = typesOf(template);
    expect(customResourceTypes(template)).toEqual([]);
    expect(types).not.toContain('AWS::EC2::SecurityGroupEgress');
    expect(types).not.toContain('AWS::CloudWatch::Alarm');
  });

  test('the default template has the expected resource types', () => {
    expect(typesOf(template)).toEqual([
      'AWS::EC2::FlowLog',
      'AWS::EC2::Instance',
      'AWS::EC2::RouteTable',
      'AWS::EC2::SecurityGroup',
      'AWS::EC2::Subnet',
      'AWS::EC2::SubnetRouteTableAssociation',
      'AWS::EC2::VPC',
      'AWS::EC2::VPCEndpoint',
      'AWS::IAM::InstanceProfile',
      'AWS::IAM::ManagedPolicy',
      'AWS::IAM::Policy',
      'AWS::IAM::Role',
      'AWS::KMS::Key',
      'AWS::Logs::LogGroup',
      'AWS::SSM::Document',
    ]);
  });
});

describe('no way in except Session Manager', () => {
  test.each(Object.entries(CONFIGS))('%s: no ingress on port 22 anywhere', (_, t) => {
    expect(ingressRules(t).filter((r) => opensPort(r, 22))).toEqual([]);
  });

  test('the only ingress is HTTPS from the VPC CIDR to the endpoints', () => {
    expect(ingressRules(template)).toMatchObject([
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.60.0.0/16' },
    ]);
    expect(ingressRules(custom.template)).toMatchObject([{ CidrIp: '172.31.0.0/20' }]);
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: Match.stringLikeRegexp('^Managed instances'),
      SecurityGroupIngress: Match.absent(),
      SecurityGroupEgress: [
        { CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 443, ToPort: 443, Description: Match.anyValue() },
      ],
    });
  });

  test.each(Object.entries(CONFIGS))(
    '%s: no internet gateway, NAT gateway, public address or default route',
    (_, t) => {
      for (const type of [
        'AWS::EC2::InternetGateway',
        'AWS::EC2::EgressOnlyInternetGateway',
        'AWS::EC2::VPCGatewayAttachment',
        'AWS::EC2::NatGateway',
        'AWS::EC2::EIP',
        'AWS::EC2::Route',
        'AWS::EC2::NetworkInterface',
      ]) {
        t.resourceCountIs(type, 0);
      }
      for (const subnet of ofType(t, 'AWS::EC2::Subnet'))
        expect(subnet.Properties?.['MapPublicIpOnLaunch']).toBe(false);
      for (const instance of ofType(t, 'AWS::EC2::Instance')) {
        expect(JSON.stringify(instance.Properties)).not.toContain('AssociatePublicIpAddress');
      }
    },
  );

  test('no key pair and no SSH session document in the operator policy', () => {
    for (const instance of ofType(template, 'AWS::EC2::Instance'))
      expect(instance.Properties?.['KeyName']).toBeUndefined();
    template.resourceCountIs('AWS::EC2::KeyPair', 0);
    expect(JSON.stringify(ofType(template, 'AWS::IAM::ManagedPolicy'))).not.toContain('AWS-StartSSHSession');
  });
});

describe('network and endpoints', () => {
  test('isolated subnets in two Availability Zones by default, three with azCount=3', () => {
    template.resourceCountIs('AWS::EC2::Subnet', 2);
    const azs = ofType(template, 'AWS::EC2::Subnet').map((s) => s.Properties?.['AvailabilityZone']);
    expect(azs).toEqual([0, 1].map((i) => ({ 'Fn::Select': [i, { 'Fn::GetAZs': '' }] })));
    wide.template.resourceCountIs('AWS::EC2::Subnet', 3);
    template.hasResourceProperties('AWS::EC2::VPC', {
      CidrBlock: '10.60.0.0/16',
      EnableDnsHostnames: true,
      EnableDnsSupport: true,
    });
    template.hasResourceProperties('AWS::EC2::Subnet', { CidrBlock: '10.60.0.0/24' });
  });

  test('interface endpoints for ssm, ssmmessages, ec2messages, logs and kms, each with private DNS', () => {
    const interfaces = ofType(template, 'AWS::EC2::VPCEndpoint').filter(
      (r) => r.Properties?.['VpcEndpointType'] === 'Interface',
    );
    const services = interfaces.map((r) => JSON.stringify(r.Properties?.['ServiceName']));
    for (const name of ['.ssm', '.ssmmessages', '.ec2messages', '.logs', '.kms']) {
      expect(services.filter((s) => s.includes(`${name}"`))).toHaveLength(1);
    }
    expect(interfaces).toHaveLength(5);
    for (const r of interfaces) {
      expect(r.Properties?.['PrivateDnsEnabled']).toBe(true);
      expect(r.Properties?.['SubnetIds']).toHaveLength(2);
    }
  });

  test('an S3 gateway endpoint limited to AWS repositories and buckets of this account', () => {
    const gateways = ofType(template, 'AWS::EC2::VPCEndpoint').filter(
      (r) => r.Properties?.['VpcEndpointType'] === 'Gateway',
    );
    expect(gateways).toHaveLength(1);
    const policy = JSON.stringify(gateways[0]?.Properties?.['PolicyDocument']);
    expect(policy).toContain('al2023-repos-');
    expect(policy).toContain('patch-baseline-snapshot-');
    expect(policy).toContain('aws:ResourceAccount');
    expect(policy).not.toContain('"s3:*"');
  });

  test('VPC flow log of all traffic into the encrypted flow log group', () => {
    template.hasResourceProperties('AWS::EC2::FlowLog', {
      ResourceType: 'VPC',
      TrafficType: 'ALL',
      LogDestinationType: 'cloud-watch-logs',
      LogGroupName: { Ref: Match.stringLikeRegexp('^FlowLogGroup') },
    });
  });
});

describe('encrypted, logged sessions', () => {
  const keyRef = { 'Fn::GetAtt': [Match.stringLikeRegexp('^LogKey'), 'Arn'] };

  test('both log groups are encrypted with the stack key', () => {
    template.resourceCountIs('AWS::Logs::LogGroup', 2);
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/session-manager/oar-private-admin-ssm',
      KmsKeyId: keyRef,
      RetentionInDays: 365,
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/vpc-flow-logs/oar-private-admin-ssm',
      KmsKeyId: keyRef,
      RetentionInDays: 90,
    });
  });

  test('the key rotates and lets CloudWatch Logs use it only for these log groups', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
            Condition: {
              ArnEquals: {
                'kms:EncryptionContext:aws:logs:arn': [
                  Match.objectLike({
                    'Fn::Join': ['', Match.arrayWith([':log-group:/session-manager/oar-private-admin-ssm'])],
                  }),
                  Match.objectLike({
                    'Fn::Join': ['', Match.arrayWith([':log-group:/vpc-flow-logs/oar-private-admin-ssm'])],
                  }),
                ],
              },
            },
          }),
        ]),
      },
    });
  });

  test('the preferences document logs to the encrypted group and encrypts the data channel', () => {
    template.hasResourceProperties('AWS::SSM::Document', {
      DocumentType: 'Session',
      Name: 'oar-private-admin-ssm-SessionPreferences',
      Content: {
        schemaVersion: '1.0',
        sessionType: 'Standard_Stream',
        inputs: Match.objectLike({
          cloudWatchLogGroupName: { Ref: Match.stringLikeRegexp('^SessionLogGroup') },
          cloudWatchEncryptionEnabled: true,
          cloudWatchStreamingEnabled: true,
          kmsKeyId: { Ref: Match.stringLikeRegexp('^LogKey') },
          idleSessionTimeout: '20',
          maxSessionDuration: '120',
          runAsEnabled: false,
        }),
      },
    });
  });

  test('session logs and key are retained by default and deleted with retainSessionLogs=false', () => {
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { LogGroupName: '/session-manager/oar-private-admin-ssm' },
      DeletionPolicy: 'Retain',
    });
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain' });
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { LogGroupName: '/vpc-flow-logs/oar-private-admin-ssm' },
      DeletionPolicy: 'Delete',
    });
    custom.template.allResources('AWS::Logs::LogGroup', { DeletionPolicy: 'Delete' });
    custom.template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Delete' });
  });

  test('the operator policy forces the document and the stack tag', () => {
    const policy = JSON.stringify(ofType(template, 'AWS::IAM::ManagedPolicy')[0]?.Properties?.['PolicyDocument']);
    expect(policy).toContain('"ssm:SessionDocumentAccessCheck":"true"');
    expect(policy).toContain('"ssm:resourceTag/SessionManagerAccess":"oar-private-admin-ssm"');
    expect(policy).toContain('document/oar-private-admin-ssm-SessionPreferences');
    expect(policy).toContain('document/AWS-StartPortForwardingSession"');
    expect(policy).not.toContain('SSM-SessionManagerRunShell');
    template.hasResourceProperties('AWS::EC2::Instance', {
      Tags: Match.arrayWith([{ Key: 'SessionManagerAccess', Value: 'oar-private-admin-ssm' }]),
    });
  });
});

describe('managed instances', () => {
  test('IMDSv2 required, encrypted gp3 root, detailed monitoring, on every instance', () => {
    for (const t of [template, wide.template, custom.template]) {
      const instances = ofType(t, 'AWS::EC2::Instance');
      expect(instances.length).toBeGreaterThan(0);
      for (const i of instances) {
        expect(i.Properties?.['MetadataOptions']).toMatchObject({ HttpTokens: 'required', HttpEndpoint: 'enabled' });
        expect(i.Properties?.['BlockDeviceMappings']).toMatchObject([
          { DeviceName: '/dev/xvda', Ebs: { Encrypted: true, VolumeType: 'gp3', DeleteOnTermination: true } },
        ]);
        expect(i.Properties?.['Monitoring']).toBe(true);
      }
    }
  });

  test('the instance role has no managed policies and reads only its own log group', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: Match.objectLike({
        Statement: [Match.objectLike({ Principal: { Service: 'ec2.amazonaws.com' } })],
      }),
      ManagedPolicyArns: Match.absent(),
      Policies: [
        Match.objectLike({
          PolicyDocument: Match.objectLike({
            Statement: Match.arrayWith([
              Match.objectLike({
                Sid: 'WriteSessionLogs',
                Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SessionLogGroup'), 'Arn'] },
              }),
            ]),
          }),
        }),
      ],
    });
    const role = JSON.stringify(ofType(template, 'AWS::IAM::Role'));
    expect(role).not.toContain('ssm:GetParameter');
    expect(role).not.toContain('"s3:*"');
  });

  test('instanceCount=0 gives no instances and InstanceIds none', () => {
    zero.template.resourceCountIs('AWS::EC2::Instance', 0);
    zero.template.hasOutput('InstanceIds', { Value: 'none' });
    zero.template.resourceCountIs('AWS::SSM::Document', 1);
    zero.template.resourceCountIs('AWS::EC2::VPCEndpoint', 6);
    zero.template.resourceCountIs('AWS::IAM::InstanceProfile', 1);
  });

  test('instances spread over the zones; Graviton types get the arm64 image; root size follows the parameter', () => {
    const instances = ofType(wide.template, 'AWS::EC2::Instance');
    expect(instances).toHaveLength(4);
    const subnets = instances.map((i) => JSON.stringify(i.Properties?.['SubnetId']));
    expect(new Set(subnets).size).toBe(3);
    expect(instances[0]?.Properties?.['InstanceType']).toBe('t4g.small');
    expect(instances[0]?.Properties?.['BlockDeviceMappings']).toMatchObject([{ Ebs: { VolumeSize: 20 } }]);
    expect(JSON.stringify(wide.template.toJSON()['Parameters'])).toContain('al2023-ami-kernel-default-arm64');
    expect(JSON.stringify(template.toJSON()['Parameters'])).toContain('al2023-ami-kernel-default-x86_64');
  });
});

describe('parameters', () => {
  test('custom document name, timeouts, Run As and retention reach the template', () => {
    custom.template.hasResourceProperties('AWS::SSM::Document', {
      Name: 'SSM-SessionManagerRunShell',
      Content: Match.objectLike({
        inputs: Match.objectLike({
          idleSessionTimeout: '15',
          maxSessionDuration: '60',
          runAsEnabled: true,
          runAsDefaultUser: 'opsadmin',
        }),
      }),
    });
    custom.template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 1827 });
    custom.template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    custom.template.hasOutput('SessionDocumentName', { Value: { Ref: 'SessionPreferences' } });
  });

  test('allowPortForwarding=false removes the port-forwarding documents from the operator policy', () => {
    const policy = JSON.stringify(ofType(custom.template, 'AWS::IAM::ManagedPolicy'));
    expect(policy).not.toContain('AWS-StartPortForwardingSession');
    expect(policy).toContain('document/SSM-SessionManagerRunShell');
  });
});
