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
  // No port 22, no inbound rule on the instances, no gateway or public address: the claim no-inbound-path.
  test('the only ingress rule in the stack is the endpoints\' HTTPS from the VPC, and instances send only HTTPS', () => {
    expect(ingressRules(template)).toHaveLength(1);
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: Match.stringLikeRegexp('^Managed instances'),
      SecurityGroupIngress: Match.absent(),
      SecurityGroupEgress: [
        { CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 443, ToPort: 443, Description: Match.anyValue() },
      ],
    });
  });

  test.each(Object.entries(CONFIGS))(
    '%s: no gateway attachment, extra network interface or public address on an instance',
    (_, t) => {
      for (const type of ['AWS::EC2::VPCGatewayAttachment', 'AWS::EC2::NetworkInterface']) {
        t.resourceCountIs(type, 0);
      }
      for (const instance of ofType(t, 'AWS::EC2::Instance')) {
        expect(JSON.stringify(instance.Properties)).not.toContain('AssociatePublicIpAddress');
      }
    },
  );

});

describe('network and endpoints', () => {
  // Subnets and endpoints in every zone, and DNS, are the claims endpoints-in-every-az and private-dns-on.
  test('the VPC and its subnets take their blocks from vpcCidr, a /24 each, in distinct zones', () => {
    const azs = ofType(template, 'AWS::EC2::Subnet').map((s) => s.Properties?.['AvailabilityZone']);
    expect(azs).toEqual([0, 1].map((i) => ({ 'Fn::Select': [i, { 'Fn::GetAZs': '' }] })));
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.60.0.0/16' });
    template.hasResourceProperties('AWS::EC2::Subnet', { CidrBlock: '10.60.0.0/24' });
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

  // The session log group's encryption and retention are the claims sessions-logged-encrypted and session-logs-retained.
  test('the flow log group is encrypted with the stack key too', () => {
    template.resourceCountIs('AWS::Logs::LogGroup', 2);
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

  // Logging, encryption and the data channel key are the claim sessions-logged-encrypted (cdk/claims.ts).
  test('the preferences document has the default name, timeouts and no Run As', () => {
    template.hasResourceProperties('AWS::SSM::Document', {
      Name: 'oar-private-admin-ssm-SessionPreferences',
      Content: {
        schemaVersion: '1.0',
        sessionType: 'Standard_Stream',
        inputs: Match.objectLike({
          idleSessionTimeout: '20',
          maxSessionDuration: '120',
          runAsEnabled: false,
        }),
      },
    });
  });

  // Keeping the session logs and key is the claim session-logs-retained (cdk/claims.ts).
  test('the flow log group is deleted with the stack', () => {
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { LogGroupName: '/vpc-flow-logs/oar-private-admin-ssm' },
      DeletionPolicy: 'Delete',
    });
  });

  // The documents, the document check and own sessions are the claim operator-policy-scoped (cdk/claims.ts).
  test('the operator policy and the instances use the same tag value, the stack name', () => {
    const policy = JSON.stringify(ofType(template, 'AWS::IAM::ManagedPolicy')[0]?.Properties?.['PolicyDocument']);
    expect(policy).toContain('"ssm:resourceTag/SessionManagerAccess":"oar-private-admin-ssm"');
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
});
