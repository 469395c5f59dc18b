import { Fn } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** The VPC's address range. */
export const VPC_CIDR = '10.0.0.0/16';

export interface NetworkProps {
  readonly azCount: number;
  /** Where the VPC flow log goes. */
  readonly flowLogGroup: logs.ILogGroup;
}

/**
 * A VPC across azCount Availability Zones with an isolated subnet per zone for the internal load balancer and
 * its clients, no internet gateway or NAT gateway, and a flow log of all traffic.
 */
export class Network extends Construct {
  readonly vpc: ec2.Vpc;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(VPC_CIDR),
      // Fn::GetAZs tokens: an environment-agnostic stack otherwise gets at most two zones.
      availabilityZones: Array.from({ length: props.azCount }, (_, i) => Fn.select(i, Fn.getAzs())),
      natGateways: 0,
      subnetConfiguration: [
        { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 20 },
      ],
      // The default security group is left unused; restricting it needs a custom resource.
      restrictDefaultSecurityGroup: false,
    });
    this.vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(props.flowLogGroup),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });
  }
}
