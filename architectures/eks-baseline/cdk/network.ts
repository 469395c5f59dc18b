import { Fn, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface NetworkProps {
  readonly vpcCidr: string;
  readonly azCount: number;
  readonly natGateways: number;
  /** Where the VPC flow log goes. */
  readonly flowLogGroup: logs.ILogGroup;
}

/**
 * A VPC across azCount Availability Zones: a small public subnet per zone for internet-facing load balancers and
 * the NAT gateways, and a large private subnet per zone for the nodes and pods, which take their addresses from
 * the VPC. The subnet tags are the ones EKS Auto Mode reads to place load balancers.
 */
export class Network extends Construct {
  readonly vpc: ec2.Vpc;

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
        // Load balancers and NAT gateways only: a /24 in a /16.
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: prefix + 8, mapPublicIpOnLaunch: false },
        // Every pod takes a VPC address (VPC CNI): a /18 in a /16, about 16,000 addresses per zone.
        { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: prefix + 2 },
      ],
      enableDnsHostnames: true,
      enableDnsSupport: true,
      // The default security group is left unused; restricting it needs a custom resource.
      restrictDefaultSecurityGroup: false,
    });
    // EKS Auto Mode puts internet-facing load balancers in subnets tagged elb, internal ones in internal-elb.
    for (const s of this.vpc.publicSubnets) Tags.of(s).add('kubernetes.io/role/elb', '1');
    for (const s of this.vpc.privateSubnets) Tags.of(s).add('kubernetes.io/role/internal-elb', '1');
    this.vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(props.flowLogGroup),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });
  }
}
