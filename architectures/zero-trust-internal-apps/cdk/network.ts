import { Fn } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface ClientVpcProps {
  readonly cidr: string;
  readonly azCount: number;
  /** Where the VPC flow log goes. */
  readonly flowLogGroup: logs.ILogGroup;
}

/**
 * A VPC whose workloads call internal services: isolated subnets only (no internet gateway, no NAT
 * gateway), a flow log of all traffic, and the security group that the service network association uses,
 * which admits HTTPS from this VPC only.
 */
export class ClientVpc extends Construct {
  readonly vpc: ec2.Vpc;
  readonly latticeSecurityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: ClientVpcProps) {
    super(scope, id);
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(props.cidr),
      // Fn::GetAZs tokens: an environment-agnostic stack otherwise gets at most two zones.
      availabilityZones: Array.from({ length: props.azCount }, (_, i) => Fn.select(i, Fn.getAzs())),
      natGateways: 0,
      subnetConfiguration: [{ name: 'Workload', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 20 }],
      // The default security group is left unused; restricting it needs a custom resource.
      restrictDefaultSecurityGroup: false,
    });
    this.vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(props.flowLogGroup),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });
    this.latticeSecurityGroup = new ec2.SecurityGroup(this, 'LatticeSecurityGroup', {
      vpc: this.vpc,
      description: 'VPC Lattice service network association: HTTPS from this VPC only',
      allowAllOutbound: false,
    });
    this.latticeSecurityGroup.addIngressRule(ec2.Peer.ipv4(props.cidr), ec2.Port.tcp(443), 'HTTPS from workloads in this VPC');
  }
}
