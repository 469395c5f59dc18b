import { Fn, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface NetworkProps {
  readonly vpcCidr: string;
  readonly azCount: number;
  readonly natGateways: number;
  readonly flowLogRetention: logs.RetentionDays;
}

/**
 * A VPC across azCount Availability Zones: a public subnet per zone for the load balancer and the
 * NAT gateways, a private subnet per zone for the tasks, natGateways NAT gateways, and a flow log.
 */
export class Network extends Construct {
  readonly vpc: ec2.Vpc;
  readonly flowLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const prefix = Number(props.vpcCidr.split('/')[1]);
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(props.vpcCidr),
      // Fn::GetAZs tokens: an environment-agnostic stack otherwise gets at most two zones.
      availabilityZones: Array.from({ length: props.azCount }, (_, i) => Fn.select(i, Fn.getAzs())),
      // With fewer NAT gateways than zones, CDK routes the private subnets of the other zones through them.
      natGateways: props.natGateways,
      subnetConfiguration: [
        // The load balancer needs at least a /27 with 8 free addresses per zone; /24 leaves room for both.
        {
          name: 'Public',
          subnetType: ec2.SubnetType.PUBLIC,
          cidrMask: Math.min(prefix + 8, 26),
          mapPublicIpOnLaunch: false,
        },
        // Every Fargate task takes one address here; the private subnets share the rest of the range.
        { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      ],
      enableDnsHostnames: true,
      enableDnsSupport: true,
      // The default security group is left unused; restricting it needs a custom resource.
      restrictDefaultSecurityGroup: false,
    });
    this.flowLogGroup = new logs.LogGroup(this, 'FlowLogs', {
      retention: props.flowLogRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(this.flowLogGroup),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });
  }
}
