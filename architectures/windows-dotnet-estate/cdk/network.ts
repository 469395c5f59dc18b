import { Fn } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface NetworkProps {
  /** Where the VPC flow log goes. */
  readonly flowLogGroup: logs.ILogGroup;
}

/**
 * A VPC across exactly two Availability Zones, because AWS Managed Microsoft AD and FSx for Windows File Server
 * Multi-AZ each take exactly two subnets: public subnets for the load balancer and the NAT gateways, private
 * subnets with a NAT gateway per zone for the web servers (Windows Update, SSM), and isolated data subnets for
 * the domain controllers, the file system and the database. A flow log of all traffic.
 */
export class Network extends Construct {
  readonly vpc: ec2.Vpc;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr('10.20.0.0/16'),
      availabilityZones: [Fn.select(0, Fn.getAzs()), Fn.select(1, Fn.getAzs())],
      natGateways: 2,
      subnetConfiguration: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
        { name: 'Web', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
        { name: 'Data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
      restrictDefaultSecurityGroup: false,
    });
    this.vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(props.flowLogGroup),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });
  }

  /** The two data subnets, one per zone, for the directory, the file system and the database. */
  get dataSubnetIds(): string[] {
    return this.vpc.selectSubnets({ subnetGroupName: 'Data' }).subnetIds;
  }
}
