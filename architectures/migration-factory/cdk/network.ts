import { Fn } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface NetworkProps {
  readonly flowLogGroup: logs.ILogGroup;
}

/**
 * The migration VPC: one isolated subnet per zone in two zones for the DMS replication instance and the MGN
 * staging area, with no internet route (AWS services through VPC endpoints; the source network over your VPN or
 * Direct Connect), and a flow log of all traffic.
 */
export class Network extends Construct {
  readonly vpc: ec2.Vpc;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr('10.30.0.0/16'),
      availabilityZones: [Fn.select(0, Fn.getAzs()), Fn.select(1, Fn.getAzs())],
      natGateways: 0,
      subnetConfiguration: [{ name: 'Staging', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 22 }],
      restrictDefaultSecurityGroup: false,
    });
    this.vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(props.flowLogGroup),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });
  }
}
