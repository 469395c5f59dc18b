import { Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

export interface StagingProps {
  readonly vpc: ec2.IVpc;
  readonly sourceCidr: string;
}

/**
 * What Application Migration Service (MGN) needs from this stack: a staging subnet per zone with no internet
 * route, a security group for its replication servers that admits the replication agents on TCP 1500 from the
 * source network only, private endpoints for MGN, EC2, Secrets Manager and S3, and a managed policy for the
 * people who run the waves. MGN itself (initialisation, replication and launch templates, source servers) is set
 * up by the runbook: CloudFormation cannot initialise it, and the local emulator has no MGN.
 */
export class Staging extends Construct {
  readonly replicationServers: ec2.SecurityGroup;
  readonly operatorPolicy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: StagingProps) {
    super(scope, id);
    const { vpc } = props;
    const stack = Stack.of(this);
    this.replicationServers = new ec2.SecurityGroup(this, 'ReplicationServers', {
      vpc,
      description: 'MGN replication servers: agents on TCP 1500 from the source network; out to HTTPS endpoints',
      allowAllOutbound: false,
    });
    this.replicationServers.addIngressRule(ec2.Peer.ipv4(props.sourceCidr), ec2.Port.tcp(1500), 'Replication agents on the source servers');
    this.replicationServers.addEgressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(443), 'MGN, EC2 and Secrets Manager endpoints');

    const endpointGroup = new ec2.SecurityGroup(this, 'EndpointSecurityGroup', {
      vpc,
      description: 'Interface endpoints: HTTPS from the VPC',
      allowAllOutbound: false,
    });
    endpointGroup.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(443), 'HTTPS from the VPC');
    Validations.of(endpointGroup).acknowledge({
      id: 'AwsSolutions-EC23',
      reason: 'The rule names the VPC’s own CIDR, which cdk-nag cannot read from the template; it admits HTTPS from inside the VPC only.',
    });
    const subnets = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };
    for (const [name, service] of [
      ['Mgn', new ec2.InterfaceVpcEndpointService(`com.amazonaws.${stack.region}.mgn`, 443)],
      ['Ec2', ec2.InterfaceVpcEndpointAwsService.EC2],
      ['SecretsManager', ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER],
    ] as const) {
      vpc.addInterfaceEndpoint(name, { service, subnets, securityGroups: [endpointGroup], privateDnsEnabled: true });
    }
    vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3, subnets: [subnets] });

    this.operatorPolicy = new iam.ManagedPolicy(this, 'OperatorPolicy', {
      description: 'Run migration waves: MGN and DMS tasks in this Region, read the wave alarms',
      statements: [
        new iam.PolicyStatement({
          sid: 'ApplicationMigrationService',
          actions: ['mgn:*'],
          resources: ['*'],
          conditions: { StringEquals: { 'aws:RequestedRegion': stack.region } },
        }),
        new iam.PolicyStatement({
          sid: 'RunDmsTasks',
          actions: [
            'dms:StartReplicationTask',
            'dms:StopReplicationTask',
            'dms:DescribeReplicationTasks',
            'dms:DescribeTableStatistics',
            'dms:DescribeReplicationInstances',
            'dms:TestConnection',
            'dms:DescribeConnections',
          ],
          resources: ['*'],
          conditions: { StringEquals: { 'aws:RequestedRegion': stack.region } },
        }),
        new iam.PolicyStatement({
          sid: 'SeeWaveHealth',
          actions: ['cloudwatch:DescribeAlarms', 'cloudwatch:GetMetricData', 'ec2:DescribeInstances'],
          resources: ['*'],
        }),
      ],
    });
    Validations.of(this.operatorPolicy).acknowledge({
      id: 'AwsSolutions-IAM5[Action::mgn:*]',
      reason: 'Operators drive every step of MGN (agents, tests, cutovers, archive); MGN has no resource-level split a wave team could use, so the policy is limited to this Region.',
    });
    Validations.of(this.operatorPolicy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'MGN, the DMS describe and run calls, and CloudWatch reads listed here take no resource ARNs in their first call; limited to this Region.',
    });
  }
}
