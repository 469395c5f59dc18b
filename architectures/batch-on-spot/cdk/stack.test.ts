import { describe, expect, test } from 'vitest';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { checkConfigurations, entryTemplate, synthConfigs, expectClaimsHold } from '../../../test/helpers/synth-entry.ts';
import { customResourceTypes, ofType, onlyProps as only, resourcesOf } from '../../../test/helpers/template.ts';

const ID = 'batch-on-spot';
const template = entryTemplate(ID);
const WIDE = [
    'vpcCidr=10.20.0.0/17',
    'azCount=3',
    'natGatewayPerAz=false',
    'instanceTypes=m7g,c7g,r7g.xlarge',
    'spotMaxVcpus=1000',
    'onDemandMaxVcpus=64',
    'rootVolumeSizeGiB=200',
    'containerImage=123456789012.dkr.ecr.us-east-1.amazonaws.com/render:1.4.2',
    'jobCommand=',
    'jobVcpus=4',
    'jobMemoryMiB=16384',
    'retryAttempts=5',
    'attemptTimeoutMinutes=240',
    'runnableTimeoutMinutes=0',
    'logRetentionDays=90',
    'alertEmail=batch-ops@example.com',
  'retainData=false',
];
const runs = await synthConfigs(ID, { wide: WIDE, mixed: ['instanceTypes=m6i,m7g'] });
const wide = runs.ok('wide');
const CONFIGS = { default: template, wide: wide.template };

checkConfigurations(ID, { wide });

// oar check runs cdk/claims.ts on the default and the declared variants; here the claims also run on the wide
// configuration, which changes every parameter.
test('every claim holds with the wide parameters', async () => {
  await expectClaimsHold(ID, 'wide', wide, WIDE, 11);
});

test('mixing Graviton and x86 instance types is refused', () => {
  expect(runs.error('mixed')).toMatch(/one architecture/u);
});

// moto 5.2.1 requires ServiceRole on a compute environment, which this entry leaves out on purpose (AWS Batch then
// uses its service-linked role, which infrastructure updates need): under moto the entry is synth-only.
test('no custom resources', () => {
  for (const t of Object.values(CONFIGS)) expect(customResourceTypes(t)).toEqual([]);
});

describe('network', () => {
  const privateSubnets = (t: Template) =>
    Object.entries(resourcesOf(t)).filter(([id, r]) => r.Type === 'AWS::EC2::Subnet' && id.includes('PrivateSubnet'));

  test('private subnets in two zones by default and three with azCount=3', () => {
    const azs = privateSubnets(template).map(([, r]) => r.Properties?.['AvailabilityZone']);
    expect(azs).toEqual([0, 1].map((i) => ({ 'Fn::Select': [i, { 'Fn::GetAZs': '' }] })));
    expect(privateSubnets(wide.template)).toHaveLength(3);
    for (const [, s] of privateSubnets(template)) expect(s.Properties?.['MapPublicIpOnLaunch']).toBe(false);
  });

  test('an S3 gateway endpoint serves the private subnets, and the VPC flow log goes to the log bucket', () => {
    const endpoint = only(template, 'AWS::EC2::VPCEndpoint');
    expect(endpoint['VpcEndpointType']).toBe('Gateway');
    expect(JSON.stringify(endpoint['RouteTableIds'])).toContain('PrivateSubnet1RouteTable');
    template.hasResourceProperties('AWS::EC2::FlowLog', {
      LogDestinationType: 's3',
      TrafficType: 'ALL',
      LogDestination: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith(['/vpc-flow-logs/'])] }),
    });
  });
});

describe('compute environments and queue', () => {
  const environments = (t: Template) => ofType(t, 'AWS::Batch::ComputeEnvironment').map((r) => r.Properties ?? {});

  test('one Spot environment, updated in place with the service-linked role and the AL2023 ECS image', () => {
    expect(environments(template)).toHaveLength(1);
    template.hasResourceProperties('AWS::Batch::ComputeEnvironment', {
      Type: 'MANAGED',
      ReplaceComputeEnvironment: false,
      UpdatePolicy: { TerminateJobsOnUpdate: false },
      ServiceRole: Match.absent(),
      ComputeResources: Match.objectLike({
        Type: 'SPOT',
        Ec2Configuration: [{ ImageType: 'ECS_AL2023' }],
        UpdateToLatestImageVersion: true,
        SpotIamFleetRole: Match.absent(),
      }),
    });
  });

  test('the On-Demand environment uses best fit progressive and has an output', () => {
    const [, onDemand] = environments(wide.template);
    expect(onDemand?.['ComputeResources']).toMatchObject({ Type: 'EC2', AllocationStrategy: 'BEST_FIT_PROGRESSIVE' });
    wide.template.hasOutput('OnDemandComputeEnvironmentArn', {
      Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('OnDemand'), 'ComputeEnvironmentArn'] },
    });
    template.hasOutput('OnDemandComputeEnvironmentArn', { Value: 'none' });
  });

  test('the launch template tags nothing itself and leaves the image and user data to AWS Batch', () => {
    for (const t of [template, wide.template]) {
      const data = only(t, 'AWS::EC2::LaunchTemplate')['LaunchTemplateData'] as Record<string, unknown>;
      expect(data['TagSpecifications']).toBeUndefined();
      expect(data['UserData']).toBeUndefined();
      expect(data['ImageId']).toBeUndefined();
    }
  });
});

describe('job definition', () => {
  test('a container job definition for EC2', () => {
    template.hasResourceProperties('AWS::Batch::JobDefinition', {
      Type: 'container',
      PlatformCapabilities: ['EC2'],
    });
  });

  test('the public default image copies input to output with the job role, logging to the job log group', () => {
    template.hasResourceProperties('AWS::Batch::JobDefinition', {
      ContainerProperties: {
        Image: 'public.ecr.aws/aws-cli/aws-cli:2.31.23',
        Command: ['s3', 'cp', 'Ref::inputUri', 'Ref::outputUri'],
        Privileged: false,
        ResourceRequirements: [
          { Type: 'VCPU', Value: '1' },
          { Type: 'MEMORY', Value: '2048' },
        ],
        JobRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^JobRole'), 'Arn'] },
        ExecutionRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ExecutionRole'), 'Arn'] },
        LogConfiguration: {
          LogDriver: 'awslogs',
          Options: Match.objectLike({ 'awslogs-group': { Ref: Match.stringLikeRegexp('JobLogGroup') } }),
        },
      },
      Parameters: { inputUri: Match.anyValue(), outputUri: Match.anyValue() },
    });
  });

  test('an empty jobCommand leaves the image its own command; a private image and bigger jobs', () => {
    wide.template.hasResourceProperties('AWS::Batch::JobDefinition', {
      ContainerProperties: {
        Image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/render:1.4.2',
        Command: Match.absent(),
        ResourceRequirements: [
          { Type: 'VCPU', Value: '4' },
          { Type: 'MEMORY', Value: '16384' },
        ],
      },
    });
  });
});

describe('data, logs and encryption', () => {
  test('the data bucket is KMS-encrypted with a bucket key, private, logged and TLS-only', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: { 'Fn::GetAtt': [Match.stringLikeRegexp('Key'), 'Arn'] },
            },
          },
        ],
      },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'data-bucket-access/' }),
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    for (const policy of ofType(template, 'AWS::S3::BucketPolicy'))
      expect(JSON.stringify(policy.Properties)).toContain('"aws:SecureTransport":"false"');
  });

  test('the job log group is encrypted with the key and has the chosen retention', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/aws/batch/oar-batch-on-spot',
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('Key'), 'Arn'] },
      RetentionInDays: 30,
    });
    wide.template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  test('data, logs and key are retained by default and deleted with retainData=false', () => {
    for (const type of ['AWS::S3::Bucket', 'AWS::Logs::LogGroup', 'AWS::KMS::Key']) {
      for (const r of ofType(template, type)) expect(r.DeletionPolicy, type).toBe('Retain');
      for (const r of ofType(wide.template, type)) expect(r.DeletionPolicy, type).toBe('Delete');
    }
  });
});

describe('alerts', () => {
  test('the alert topic is encrypted with the key, which EventBridge may use, and TLS-only', () => {
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('Key'), 'Arn'] },
    });
    const keyPolicy = JSON.stringify(only(template, 'AWS::KMS::Key')['KeyPolicy']);
    expect(keyPolicy).toContain('events.amazonaws.com');
    expect(JSON.stringify(only(template, 'AWS::SNS::TopicPolicy'))).toContain('aws:SecureTransport');
  });

  test('an email subscription only when alertEmail is set', () => {
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    wide.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'batch-ops@example.com',
    });
  });
});
