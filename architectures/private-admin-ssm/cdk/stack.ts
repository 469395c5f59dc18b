import {
  ArnFormat,
  Aws,
  CfnOutput,
  Duration,
  Fn,
  RemovalPolicy,
  Stack,
  Tags,
  Validations,
  type StackProps,
} from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import type { Parameters } from './parameters.generated.ts';

export interface PrivateAdminSsmStackProps extends StackProps {
  readonly parameters: Parameters;
}

/** Tag on managed instances that the operator policy requires before it allows a session. */
export const ACCESS_TAG_KEY = 'SessionManagerAccess';

/** Interface endpoints the SSM Agent and session logging need when there is no route to the internet. */
const INTERFACE_ENDPOINTS: readonly [string, ec2.InterfaceVpcEndpointAwsService][] = [
  ['Ssm', ec2.InterfaceVpcEndpointAwsService.SSM],
  ['SsmMessages', ec2.InterfaceVpcEndpointAwsService.SSM_MESSAGES],
  ['Ec2Messages', ec2.InterfaceVpcEndpointAwsService.EC2_MESSAGES],
  ['Logs', ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS],
  ['Kms', ec2.InterfaceVpcEndpointAwsService.KMS],
];

/**
 * AWS-owned buckets the instances read through the S3 gateway endpoint: the Amazon Linux 2023 package
 * repositories, and the buckets for SSM Agent updates, Patch Manager and Distributor
 * (see "SSM Agent communications with AWS managed S3 buckets").
 */
const AWS_MANAGED_BUCKETS: readonly string[] = [
  'al2023-repos-{region}-de612dc2',
  'aws-ssm-{region}',
  'amazon-ssm-{region}',
  'amazon-ssm-packages-{region}',
  '{region}-birdwatcher-prod',
  'aws-ssm-distributor-file-{region}',
  'aws-ssm-document-attachments-{region}',
  'patch-baseline-snapshot-{region}',
];

/** The CloudWatch Logs retention period for a number of days; the parameter enums list only valid ones. */
function retentionOf(days: number): logs.RetentionDays {
  const match = Object.values(logs.RetentionDays).find((v): v is logs.RetentionDays => Number(v) === days);
  if (match === undefined)
    throw new Error(
      `${days} days is not a CloudWatch Logs retention period; use one of the values that architecture.yaml lists`,
    );
  return match;
}

/**
 * Private administration without bastions: managed instances in isolated subnets that are reached only
 * through Session Manager over VPC endpoints, with encrypted, logged sessions and no inbound ports.
 */
export default class PrivateAdminSsmStack extends Stack {
  constructor(scope: Construct, id: string, props: PrivateAdminSsmStackProps) {
    super(scope, id, props);
    const p = props.parameters;
    const stackName = Stack.of(this).stackName;
    const documentName = p.sessionDocumentName === '' ? `${stackName}-SessionPreferences` : p.sessionDocumentName;
    const sessionLogGroupName = `/session-manager/${stackName}`;
    const flowLogGroupName = `/vpc-flow-logs/${stackName}`;
    // Log group ARNs built from their names, so the key policy can name them without a reference cycle.
    const logGroupArn = (name: string): string =>
      Stack.of(this).formatArn({
        service: 'logs',
        resource: 'log-group',
        resourceName: name,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
    const sessionRemoval = p.retainSessionLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    // --- Network: isolated subnets only, so no internet gateway, no NAT gateway and no public addresses.
    const vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(p.vpcCidr),
      // Fn::GetAZs tokens: an environment-agnostic stack otherwise gets at most two zones.
      availabilityZones: Array.from({ length: p.azCount }, (_, i) => Fn.select(i, Fn.getAzs())),
      natGateways: 0,
      subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
      enableDnsHostnames: true,
      enableDnsSupport: true,
      // The restricting feature is a custom resource; the default group is left unused instead.
      restrictDefaultSecurityGroup: false,
    });
    const isolated = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };

    // --- One key for the session log group, the flow log group and the session data channel.
    const key = new kms.Key(this, 'LogKey', {
      description: `Encrypts Session Manager logs, VPC flow logs and session data of ${stackName}`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      // The key must live as long as the logs it protects.
      removalPolicy: sessionRemoval,
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchLogsForThisStacksLogGroups',
        principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: [
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:ReEncryptFrom',
          'kms:ReEncryptTo',
          'kms:GenerateDataKey',
          'kms:GenerateDataKeyWithoutPlaintext',
          'kms:DescribeKey',
        ],
        resources: ['*'],
        conditions: {
          ArnEquals: {
            'kms:EncryptionContext:aws:logs:arn': [logGroupArn(sessionLogGroupName), logGroupArn(flowLogGroupName)],
          },
        },
      }),
    );

    const sessionLogGroup = new logs.LogGroup(this, 'SessionLogGroup', {
      logGroupName: sessionLogGroupName,
      encryptionKey: key,
      retention: retentionOf(p.sessionLogRetentionDays),
      // Session transcripts are audit evidence.
      removalPolicy: sessionRemoval,
    });
    const flowLogGroup = new logs.LogGroup(this, 'FlowLogGroup', {
      logGroupName: flowLogGroupName,
      encryptionKey: key,
      retention: retentionOf(p.flowLogRetentionDays),
      // Flow logs are diagnostics that are rebuilt with the network.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogGroup),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });

    // --- Endpoints: HTTPS from inside the VPC only; egress stays inline (no SecurityGroupEgress resources).
    const endpointSg = new ec2.SecurityGroup(this, 'EndpointSecurityGroup', {
      vpc,
      description: 'Interface endpoints: HTTPS from the VPC only',
      allowAllOutbound: false,
    });
    endpointSg.addIngressRule(ec2.Peer.ipv4(p.vpcCidr), ec2.Port.tcp(443), 'HTTPS from the VPC CIDR');
    for (const [name, service] of INTERFACE_ENDPOINTS) {
      vpc.addInterfaceEndpoint(`${name}Endpoint`, {
        service,
        subnets: isolated,
        securityGroups: [endpointSg],
        privateDnsEnabled: true,
        open: false,
      });
    }
    const awsManagedBuckets = AWS_MANAGED_BUCKETS.map(
      (b) => `arn:${Aws.PARTITION}:s3:::${b.replace('{region}', Aws.REGION)}/*`,
    );
    const s3Endpoint = vpc.addGatewayEndpoint('S3Endpoint', {
      service: ec2.GatewayVpcEndpointAwsService.S3,
      subnets: [isolated],
    });
    s3Endpoint.addToPolicy(
      new iam.PolicyStatement({
        sid: 'AwsManagedRepositoriesAndSsmBuckets',
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:GetObject'],
        resources: awsManagedBuckets,
      }),
    );
    s3Endpoint.addToPolicy(
      new iam.PolicyStatement({
        sid: 'BucketsOfThisAccountOnly',
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:GetObject', 's3:PutObject', 's3:ListBucket', 's3:GetBucketLocation', 's3:AbortMultipartUpload'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:ResourceAccount': Aws.ACCOUNT_ID } },
      }),
    );

    // --- Instance role: what the SSM Agent needs for sessions, Run Command, Patch Manager and session logs.
    const instanceRole = new iam.Role(this, 'InstanceRole', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      description: `Managed instances of ${stackName}: SSM Agent, session logging and patching only`,
      inlinePolicies: {
        SsmAgent: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              sid: 'AgentRegistrationAndChannels',
              actions: [
                'ssm:UpdateInstanceInformation',
                'ssmmessages:CreateControlChannel',
                'ssmmessages:CreateDataChannel',
                'ssmmessages:OpenControlChannel',
                'ssmmessages:OpenDataChannel',
                'ec2messages:AcknowledgeMessage',
                'ec2messages:DeleteMessage',
                'ec2messages:FailMessage',
                'ec2messages:GetEndpoint',
                'ec2messages:GetMessages',
                'ec2messages:SendReply',
              ],
              resources: ['*'],
            }),
            new iam.PolicyStatement({
              sid: 'StateManagerAndPatchManager',
              actions: [
                'ssm:DescribeAssociation',
                'ssm:DescribeDocument',
                'ssm:GetDeployablePatchSnapshotForInstance',
                'ssm:GetDocument',
                'ssm:GetManifest',
                'ssm:ListAssociations',
                'ssm:ListInstanceAssociations',
                'ssm:PutComplianceItems',
                'ssm:PutConfigurePackageResult',
                'ssm:PutInventory',
                'ssm:UpdateAssociationStatus',
                'ssm:UpdateInstanceAssociationStatus',
              ],
              resources: ['*'],
            }),
            new iam.PolicyStatement({
              sid: 'CheckLogGroupEncryption',
              actions: ['logs:DescribeLogGroups'],
              resources: ['*'],
            }),
            new iam.PolicyStatement({
              sid: 'WriteSessionLogs',
              actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
              resources: [sessionLogGroup.logGroupArn],
            }),
            new iam.PolicyStatement({
              sid: 'DecryptSessionData',
              actions: ['kms:Decrypt'],
              resources: [key.keyArn],
            }),
            new iam.PolicyStatement({
              sid: 'AwsManagedSsmBuckets',
              actions: ['s3:GetObject'],
              resources: awsManagedBuckets,
            }),
          ],
        }),
      },
    });
    Validations.of(instanceRole).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'ssm:UpdateInstanceInformation, the ssmmessages and ec2messages channel actions, the association and patch snapshot reads and logs:DescribeLogGroups do not support resource-level permissions; this is the set the SSM Agent calls, without AmazonSSMManagedInstanceCore parameter reads.',
    });
    for (const bucket of AWS_MANAGED_BUCKETS) {
      Validations.of(instanceRole).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${bucket.replace('{region}', '<AWS::Region>')}/*]`,
        reason:
          'Read-only GetObject on objects of an AWS-owned bucket of this Region whose object names AWS chooses; required when instances reach S3 through a VPC endpoint.',
      });
    }
    const instanceProfile = new iam.InstanceProfile(this, 'InstanceProfile', { role: instanceRole });

    // No ingress at all; HTTPS out reaches only the endpoints and S3, since the route tables have nothing else.
    const instanceSg = new ec2.SecurityGroup(this, 'InstanceSecurityGroup', {
      vpc,
      description: 'Managed instances: no inbound rules, HTTPS out to the VPC endpoints and S3 only',
      allowAllOutbound: false,
    });
    instanceSg.addEgressRule(
      ec2.Peer.anyIpv4(),
      ec2.Port.tcp(443),
      'HTTPS to the interface endpoints and the S3 gateway endpoint; there is no route to the internet',
    );

    // --- Sample managed instances, spread over the Availability Zones.
    // AWS's public parameter for the current Amazon Linux 2023 image with the default kernel, resolved at each deploy;
    // a newer image replaces the instances on the next deploy.
    const arch = /^[a-z]+\d+g[a-z]*\./u.test(p.instanceType) ? 'arm64' : 'x86_64';
    const machineImage = ec2.MachineImage.fromSsmParameter(
      `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${arch}`,
      { os: ec2.OperatingSystemType.LINUX },
    );
    const subnets = vpc.isolatedSubnets;
    const instances: ec2.Instance[] = [];
    for (let i = 0; i < p.instanceCount; i++) {
      const subnet = subnets[i % subnets.length];
      if (subnet === undefined) throw new Error('the VPC has no isolated subnet to place an instance in');
      const instance = new ec2.Instance(this, `Instance${i + 1}`, {
        vpc,
        vpcSubnets: { subnets: [subnet] },
        instanceType: new ec2.InstanceType(p.instanceType),
        machineImage,
        instanceProfile,
        securityGroup: instanceSg,
        httpEndpoint: true,
        httpTokens: ec2.HttpTokens.REQUIRED,
        httpPutResponseHopLimit: 1,
        detailedMonitoring: true,
        blockDevices: [
          {
            deviceName: '/dev/xvda',
            volume: ec2.BlockDeviceVolume.ebs(p.rootVolumeSizeGiB, {
              encrypted: true,
              volumeType: ec2.EbsDeviceVolumeType.GP3,
              deleteOnTermination: true,
            }),
          },
        ],
      });
      Tags.of(instance).add(ACCESS_TAG_KEY, stackName);
      Validations.of(instance).acknowledge({
        id: 'AwsSolutions-EC29',
        reason:
          'Sample managed instance that is rebuilt, not repaired; termination protection would block stack updates and deletion, and nothing on it must survive.',
      });
      instances.push(instance);
    }

    // --- Session preferences: logging to the encrypted group, KMS on the data channel, timeouts, Run As.
    const sessionDocument = new ssm.CfnDocument(this, 'SessionPreferences', {
      name: documentName,
      documentType: 'Session',
      documentFormat: 'JSON',
      // A named document cannot be replaced in place; content changes become a new default version.
      updateMethod: 'NewVersion',
      content: {
        schemaVersion: '1.0',
        description: `Session Manager preferences of ${stackName}: encrypted CloudWatch Logs, KMS data channel`,
        sessionType: 'Standard_Stream',
        inputs: {
          s3BucketName: '',
          s3KeyPrefix: '',
          s3EncryptionEnabled: true,
          cloudWatchLogGroupName: sessionLogGroup.logGroupName,
          cloudWatchEncryptionEnabled: true,
          cloudWatchStreamingEnabled: true,
          kmsKeyId: key.keyId,
          runAsEnabled: p.runAsDefaultUser !== '',
          runAsDefaultUser: p.runAsDefaultUser,
          idleSessionTimeout: String(p.idleSessionTimeoutMinutes),
          maxSessionDuration: String(p.maxSessionDurationMinutes),
          shellProfile: { linux: '', windows: '' },
        },
      },
    });

    // --- Operator policy: sessions only through this document, only to instances tagged for this stack.
    const documentArn = (name: string, account: string): string =>
      `arn:${Aws.PARTITION}:ssm:${Aws.REGION}:${account}:document/${name}`;
    const documents = [documentArn(documentName, Aws.ACCOUNT_ID)];
    if (p.allowPortForwarding) {
      documents.push(
        documentArn('AWS-StartPortForwardingSession', ''),
        documentArn('AWS-StartPortForwardingSessionToRemoteHost', ''),
      );
    }
    const documentCheck = { BoolIfExists: { 'ssm:SessionDocumentAccessCheck': 'true' } };
    const ownSessions = [
      `arn:${Aws.PARTITION}:ssm:${Aws.REGION}:${Aws.ACCOUNT_ID}:session/\${aws:username}-*`,
      `arn:${Aws.PARTITION}:ssm:${Aws.REGION}:${Aws.ACCOUNT_ID}:session/\${aws:userid}-*`,
    ];
    const operatorPolicy = new iam.ManagedPolicy(this, 'OperatorPolicy', {
      description: `Start logged Session Manager sessions on the instances of ${stackName}`,
      statements: [
        new iam.PolicyStatement({
          sid: 'StartSessionsOnTaggedInstances',
          actions: ['ssm:StartSession'],
          resources: [`arn:${Aws.PARTITION}:ec2:${Aws.REGION}:${Aws.ACCOUNT_ID}:instance/*`],
          conditions: { ...documentCheck, StringEquals: { [`ssm:resourceTag/${ACCESS_TAG_KEY}`]: stackName } },
        }),
        new iam.PolicyStatement({
          sid: 'OnlyTheseSessionDocuments',
          actions: ['ssm:StartSession'],
          resources: documents,
          conditions: documentCheck,
        }),
        new iam.PolicyStatement({
          sid: 'OwnSessionsOnly',
          actions: ['ssm:ResumeSession', 'ssm:TerminateSession', 'ssmmessages:OpenDataChannel'],
          resources: ownSessions,
        }),
        new iam.PolicyStatement({
          sid: 'FindInstancesAndSessions',
          actions: [
            'ssm:DescribeSessions',
            'ssm:GetConnectionStatus',
            'ssm:DescribeInstanceInformation',
            'ssm:DescribeInstanceProperties',
            'ec2:DescribeInstances',
          ],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'EncryptSessionData',
          actions: ['kms:GenerateDataKey'],
          resources: [key.keyArn],
        }),
      ],
    });
    const operatorAcks: readonly [string, string][] = [
      [
        'Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:instance/*',
        'Any instance of this account and Region, narrowed by the condition that it carries the SessionManagerAccess tag of this stack.',
      ],
      [
        'Resource::arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:session/<aws:username>-*',
        'Session ids are generated by AWS and start with the caller name, so this limits resume and terminate to sessions the caller started.',
      ],
      [
        'Resource::arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:session/<aws:userid>-*',
        'Session ids of federated and role callers start with their user id, so this limits resume and terminate to sessions the caller started.',
      ],
      [
        'Resource::*',
        'DescribeSessions, GetConnectionStatus, DescribeInstanceInformation, DescribeInstanceProperties and ec2:DescribeInstances do not support resource-level permissions; they only list.',
      ],
    ];
    for (const [finding, reason] of operatorAcks) {
      Validations.of(operatorPolicy).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
    }

    // --- Outputs.
    new CfnOutput(this, 'VpcId', { value: vpc.vpcId, description: 'Id of the VPC.' });
    new CfnOutput(this, 'IsolatedSubnetIds', {
      value: Fn.join(
        ',',
        vpc.isolatedSubnets.map((s) => s.subnetId),
      ),
      description: 'Comma-separated ids of the isolated subnets.',
    });
    new CfnOutput(this, 'InstanceIds', {
      value:
        instances.length > 0
          ? Fn.join(
              ',',
              instances.map((i) => i.instanceId),
            )
          : 'none',
      description: 'Comma-separated ids of the sample managed instances, or none when instanceCount is 0.',
    });
    new CfnOutput(this, 'InstanceProfileName', {
      value: instanceProfile.instanceProfileName,
      description: 'Instance profile for further managed instances.',
    });
    new CfnOutput(this, 'InstanceSecurityGroupId', {
      value: instanceSg.securityGroupId,
      description: 'Security group for further managed instances.',
    });
    new CfnOutput(this, 'SessionDocumentName', {
      value: sessionDocument.ref,
      description: 'Session Manager preferences document to pass as --document-name.',
    });
    new CfnOutput(this, 'SessionLogGroupName', {
      value: sessionLogGroup.logGroupName,
      description: 'Encrypted log group with the session transcripts.',
    });
    new CfnOutput(this, 'FlowLogGroupName', {
      value: flowLogGroup.logGroupName,
      description: 'Encrypted log group with the VPC flow log.',
    });
    new CfnOutput(this, 'KmsKeyArn', { value: key.keyArn, description: 'KMS key of the logs and session data.' });
    new CfnOutput(this, 'OperatorPolicyArn', {
      value: operatorPolicy.managedPolicyArn,
      description: 'Managed policy to attach to operator roles.',
    });
  }
}
