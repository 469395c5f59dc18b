import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { retentionOf } from './render.ts';

export interface NetworkProps {
  readonly vpcCidr: string;
  readonly azCount: number;
  readonly singleNatGateway: boolean;
  readonly allowedIngressCidr: string;
  readonly https: boolean;
  readonly appPort: number;
  readonly logRetentionDays: number;
  readonly logRemovalPolicy: RemovalPolicy;
}

/**
 * The environment's own network: public subnets for the load balancer and the NAT gateways,
 * private subnets for the nodes, a flow log, and the two security groups. Nothing outside the
 * environment refers to it, so it is deleted with the environment.
 */
export class Network extends Construct {
  readonly vpc: ec2.Vpc;
  readonly lbSecurityGroup: ec2.SecurityGroup;
  readonly nodeSecurityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, p: NetworkProps) {
    super(scope, id);
    const prefix = Number(p.vpcCidr.split('/')[1]);
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(p.vpcCidr),
      maxAzs: p.azCount,
      natGateways: p.singleNatGateway ? 1 : p.azCount,
      // The default security group is left as EC2 creates it; restricting it needs a custom resource.
      restrictDefaultSecurityGroup: false,
      subnetConfiguration: [
        // A load balancer subnet needs at least a /27; the private subnets share the rest.
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: Math.min(prefix + 4, 27) },
        { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      ],
    });
    const flowLogs = new logs.LogGroup(this, 'FlowLogs', {
      retention: retentionOf(p.logRetentionDays),
      removalPolicy: p.logRemovalPolicy,
    });
    this.vpc.addFlowLog('FlowLog', { destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs) });

    // Clients (and the Route 53 health checkers) reach only the load balancer; only it reaches appPort.
    this.lbSecurityGroup = new ec2.SecurityGroup(this, 'LoadBalancerSecurityGroup', {
      vpc: this.vpc,
      description: 'Load balancer: listeners open to allowedIngressCidr, egress only to the nodes on appPort',
      allowAllOutbound: false,
    });
    const clients = ec2.Peer.ipv4(p.allowedIngressCidr);
    this.lbSecurityGroup.addIngressRule(clients, ec2.Port.tcp(80), 'HTTP from allowedIngressCidr');
    if (p.https) this.lbSecurityGroup.addIngressRule(clients, ec2.Port.tcp(443), 'HTTPS from allowedIngressCidr');
    if (p.allowedIngressCidr === '0.0.0.0/0') {
      Validations.of(this.lbSecurityGroup).acknowledge({
        id: 'AwsSolutions-EC23',
        reason:
          'An internet-facing web tier: the load balancer listeners accept any client by default, which also lets the Route 53 health checkers in. Only ports 80 and 443 are open, and allowedIngressCidr narrows them.',
      });
    }
    this.nodeSecurityGroup = new ec2.SecurityGroup(this, 'NodeSecurityGroup', {
      vpc: this.vpc,
      description:
        'Java nodes: appPort from the load balancer only, no SSH; egress through the NAT gateways to git, packages, shared state and AWS APIs',
      allowAllOutbound: true,
    });
    this.nodeSecurityGroup.addIngressRule(
      this.lbSecurityGroup,
      ec2.Port.tcp(p.appPort),
      'appPort from the load balancer',
    );
    this.lbSecurityGroup.addEgressRule(this.nodeSecurityGroup, ec2.Port.tcp(p.appPort), 'appPort to the nodes');
  }
}
