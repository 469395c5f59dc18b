import { describe, expect, test } from 'vitest';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { checkConfigurations, entryTemplate, synthConfigs } from '../../../test/helpers/synth-entry.ts';
import { customResourceTypes, ofType, onlyProps as only, resourcesOf } from '../../../test/helpers/template.ts';
import { RUNNABLE_CANCEL_REASONS } from './compute.ts';

const ID = 'batch-on-spot';
const template = entryTemplate(ID);
const runs = await synthConfigs(ID, {
  wide: [
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
  ],
  mixed: ['instanceTypes=m6i,m7g'],
});
const wide = runs.ok('wide');
const CONFIGS = { default: template, wide: wide.template };

checkConfigurations(ID, { wide });

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

  test('a NAT gateway per zone by default, one with natGatewayPerAz=false', () => {
    template.resourceCountIs('AWS::EC2::NatGateway', 2);
    wide.template.resourceCountIs('AWS::EC2::NatGateway', 1);
  });

  test('no inbound rule anywhere; instances may only send HTTPS', () => {
    for (const t of Object.values(CONFIGS)) {
      t.resourceCountIs('AWS::EC2::SecurityGroupIngress', 0);
      const sg = only(t, 'AWS::EC2::SecurityGroup');
      expect(sg['SecurityGroupIngress']).toBeUndefined();
      expect(sg['SecurityGroupEgress']).toMatchObject([
        { CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 443, ToPort: 443 },
      ]);
    }
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

  test('one Spot environment: price-capacity-optimized, diversified, scales to zero, pinned launch template', () => {
    expect(environments(template)).toHaveLength(1);
    template.hasResourceProperties('AWS::Batch::ComputeEnvironment', {
      Type: 'MANAGED',
      ReplaceComputeEnvironment: false,
      UpdatePolicy: { TerminateJobsOnUpdate: false },
      ServiceRole: Match.absent(),
      ComputeResources: {
        Type: 'SPOT',
        AllocationStrategy: 'SPOT_PRICE_CAPACITY_OPTIMIZED',
        MinvCpus: 0,
        MaxvCpus: 256,
        InstanceTypes: ['m6i', 'm6a', 'm5', 'm5a', 'c6i', 'c6a', 'c5', 'r6i', 'r5'],
        Ec2Configuration: [{ ImageType: 'ECS_AL2023' }],
        LaunchTemplate: {
          LaunchTemplateId: { Ref: Match.stringLikeRegexp('LaunchTemplate') },
          Version: { 'Fn::GetAtt': [Match.stringLikeRegexp('LaunchTemplate'), 'LatestVersionNumber'] },
        },
        Subnets: [{ Ref: Match.stringLikeRegexp('PrivateSubnet1') }, { Ref: Match.stringLikeRegexp('PrivateSubnet2') }],
        SpotIamFleetRole: Match.absent(),
      },
    });
  });

  test('onDemandMaxVcpus adds an On-Demand environment in second place', () => {
    const [spot, onDemand] = environments(wide.template);
    expect(spot?.['ComputeResources']).toMatchObject({
      Type: 'SPOT',
      MaxvCpus: 1000,
      InstanceTypes: ['m7g', 'c7g', 'r7g.xlarge'],
    });
    expect(onDemand?.['ComputeResources']).toMatchObject({
      Type: 'EC2',
      AllocationStrategy: 'BEST_FIT_PROGRESSIVE',
      MinvCpus: 0,
      MaxvCpus: 64,
    });
    const order = only(wide.template, 'AWS::Batch::JobQueue')['ComputeEnvironmentOrder'] as {
      ComputeEnvironment: { 'Fn::GetAtt': [string, string] };
      Order: number;
    }[];
    expect(order.map((o) => [o.ComputeEnvironment['Fn::GetAtt'][0].replace(/[0-9A-F]{8}$/u, ''), o.Order])).toEqual([
      ['ComputeSpotComputeEnvironment', 1],
      ['ComputeOnDemandComputeEnvironment', 2],
    ]);
    wide.template.hasOutput('OnDemandComputeEnvironmentArn', {
      Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('OnDemand'), 'ComputeEnvironmentArn'] },
    });
    template.hasOutput('OnDemandComputeEnvironmentArn', { Value: 'none' });
  });

  test('the queue cancels jobs stuck in RUNNABLE, unless runnableTimeoutMinutes is 0', () => {
    const actions = only(template, 'AWS::Batch::JobQueue')['JobStateTimeLimitActions'];
    expect(actions).toEqual(
      RUNNABLE_CANCEL_REASONS.map((Reason) => ({ Action: 'CANCEL', State: 'RUNNABLE', Reason, MaxTimeSeconds: 3600 })),
    );
    expect(actions).toContainEqual(expect.objectContaining({ Reason: 'CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY' }));
    expect(only(wide.template, 'AWS::Batch::JobQueue')['JobStateTimeLimitActions']).toBeUndefined();
  });

  test('the launch template requires IMDSv2 and gives an encrypted gp3 root volume, and tags nothing itself', () => {
    for (const [t, size] of [
      [template, 50],
      [wide.template, 200],
    ] as const) {
      const data = only(t, 'AWS::EC2::LaunchTemplate')['LaunchTemplateData'] as Record<string, unknown>;
      expect(data['MetadataOptions']).toEqual({
        HttpEndpoint: 'enabled',
        HttpTokens: 'required',
        HttpPutResponseHopLimit: 1,
      });
      expect(data['BlockDeviceMappings']).toEqual([
        {
          DeviceName: '/dev/xvda',
          Ebs: { Encrypted: true, VolumeType: 'gp3', VolumeSize: size, DeleteOnTermination: true },
        },
      ]);
      expect(data['TagSpecifications']).toBeUndefined();
      expect(data['UserData']).toBeUndefined();
      expect(data['ImageId']).toBeUndefined();
    }
  });

  test('the instance role only serves the container agent and job logs', () => {
    const role = ofType(template, 'AWS::IAM::Role').find((r) =>
      JSON.stringify(r.Properties?.['AssumeRolePolicyDocument']).includes('ec2.amazonaws.com'),
    );
    expect(role?.Properties?.['ManagedPolicyArns']).toBeUndefined();
    const text = JSON.stringify(role?.Properties?.['Policies']);
    expect(text).toContain('ecs:RegisterContainerInstance');
    for (const forbidden of ['s3:', 'ecr:', 'ssm:', 'kms:', '"*:*"', 'ecs:*']) expect(text).not.toContain(forbidden);
  });
});

describe('job definition', () => {
  test('retries only when the host went away, exits on anything else, with an attempt timeout', () => {
    template.hasResourceProperties('AWS::Batch::JobDefinition', {
      Type: 'container',
      PlatformCapabilities: ['EC2'],
      RetryStrategy: {
        Attempts: 3,
        EvaluateOnExit: [
          { OnStatusReason: 'Host EC2*', Action: 'RETRY' },
          { OnStatusReason: '*', Action: 'EXIT' },
          { OnReason: '*', Action: 'EXIT' },
        ],
      },
      Timeout: { AttemptDurationSeconds: 3600 },
    });
    wide.template.hasResourceProperties('AWS::Batch::JobDefinition', {
      RetryStrategy: { Attempts: 5 },
      Timeout: { AttemptDurationSeconds: 14400 },
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

  test('the job role reaches three prefixes of the data bucket and nothing else', () => {
    const role = ofType(template, 'AWS::IAM::Role').find((r) =>
      JSON.stringify(r.Properties?.['Description']).includes('read input/'),
    );
    expect(role?.Properties?.['ManagedPolicyArns']).toBeUndefined();
    const policy = ofType(template, 'AWS::IAM::Policy').find((r) =>
      JSON.stringify(r.Properties?.['PolicyName']).startsWith('"JobRole'),
    );
    const statements = (policy?.Properties?.['PolicyDocument'] as { Statement: Record<string, unknown>[] }).Statement;
    expect(statements.map((s) => s['Sid'])).toEqual([
      'ReadInput',
      'WriteOutput',
      'Checkpoints',
      'ListOwnPrefixes',
      'UseTheBucketKey',
    ]);
    const text = JSON.stringify(statements);
    for (const prefix of ['/input/*', '/output/*', '/checkpoints/*']) expect(text).toContain(prefix);
    expect(text).not.toContain('"Resource":"*"');
    expect(text).not.toContain('s3:*');
  });
});

describe('data, logs and encryption', () => {
  test('the data bucket is KMS-encrypted with a bucket key, versioned, private, logged and TLS-only', () => {
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
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'data-bucket-access/' }),
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([Match.objectLike({ Prefix: 'checkpoints/', ExpirationInDays: 14 })]),
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
  test('failed jobs of this queue, except array children, reach the encrypted topic', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.batch'],
        'detail-type': ['Batch Job State Change'],
        detail: {
          status: ['FAILED'],
          jobQueue: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('JobQueue'), 'JobQueueArn'] }],
          arrayProperties: { index: [{ exists: false }] },
        },
      },
      Targets: [
        Match.objectLike({
          Arn: { Ref: Match.stringLikeRegexp('AlertTopic') },
          InputTransformer: Match.objectLike({
            InputPathsMap: Match.objectLike({ 'detail-statusReason': '$.detail.statusReason' }),
          }),
        }),
      ],
    });
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
