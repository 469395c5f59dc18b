import { Fn } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface BatchNetworkProps {
  readonly vpcCidr: string;
  readonly azCount: number;
  readonly natGatewayPerAz: boolean;
  /** Bucket that receives the VPC flow log (the stack's log bucket). */
  readonly flowLogBucket: s3.IBucket;
}

/**
 * The network of the compute environments: a public subnet per zone that holds only NAT gateways, a
 * private subnet per zone for the Batch instances, an S3 gateway endpoint so job data and container
 * image layers bypass the NAT gateways, a flow log, and the instance security group.
 */
export class BatchNetwork extends Construct {
  readonly vpc: ec2.Vpc;
  readonly instanceSecurityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: BatchNetworkProps) {
    super(scope, id);
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(props.vpcCidr),
      // Fn::GetAZs tokens: an environment-agnostic stack otherwise gets at most two zones.
      availabilityZones: Array.from({ length: props.azCount }, (_, i) => Fn.select(i, Fn.getAzs())),
      natGateways: props.natGatewayPerAz ? props.azCount : 1,
      subnetConfiguration: [
        // Public subnets hold only the NAT gateways; nothing else is launched there.
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
        // /20 per zone: Batch jobs on EC2 use host networking, so each instance takes one address.
        { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
      ],
      enableDnsHostnames: true,
      enableDnsSupport: true,
      // The restricting feature is a custom resource; the default group is left unused instead.
      restrictDefaultSecurityGroup: false,
    });

    // Free gateway endpoint: S3 traffic (job input and output, ECR image layers) skips the NAT gateways
    // and their per-GB processing charge.
    this.vpc.addGatewayEndpoint('S3Endpoint', {
      service: ec2.GatewayVpcEndpointAwsService.S3,
      subnets: [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }],
    });

    this.vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toS3(props.flowLogBucket, 'vpc-flow-logs/'),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });

    // No inbound rules: jobs are batch work, nothing connects to them. HTTPS out covers the container
    // agent, image registries, S3 and CloudWatch Logs; add rules for databases or other ports a job needs.
    this.instanceSecurityGroup = new ec2.SecurityGroup(this, 'InstanceSecurityGroup', {
      vpc: this.vpc,
      description: 'AWS Batch instances: no inbound rules, HTTPS out only',
      allowAllOutbound: false,
    });
    this.instanceSecurityGroup.addEgressRule(
      ec2.Peer.anyIpv4(),
      ec2.Port.tcp(443),
      'HTTPS to the container agent endpoints, registries, S3 and CloudWatch Logs',
    );
  }
}
