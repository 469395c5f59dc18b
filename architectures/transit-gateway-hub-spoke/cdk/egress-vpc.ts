import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { ATTACHMENT_GROUP, ZonalLayout, type Cidr } from './address-plan.ts';
import { routeToTransitGateway } from './routing.ts';

export interface EgressVpcProps {
  /** CIDR block of the egress VPC, /16 to /24. */
  readonly cidr: Cidr;
  /** Availability Zones, the same list and order as the spokes use. */
  readonly availabilityZones: string[];
  readonly transitGatewayId: string;
  /** Destinations that the public subnets send back to the transit gateway: the spokes' ranges. */
  readonly returnRanges: readonly string[];
  /** Prefix for Name tags. */
  readonly namePrefix: string;
}

/**
 * The egress VPC: a public subnet with a NAT gateway in every Availability Zone, and a /28 attachment
 * subnet per zone for the transit gateway whose route table sends 0.0.0.0/0 to the NAT gateway in the
 * same zone. The public route tables send the spokes' ranges back to the transit gateway. Nothing else
 * runs here; an inspection tier (AWS Network Firewall) would sit between the two subnet layers in a fork.
 */
export class EgressVpc extends Construct {
  readonly vpc: ec2.Vpc;
  readonly attachment: ec2.CfnTransitGatewayAttachment;
  /** Ref of each NAT gateway's Elastic IP, which is its public address. */
  readonly natPublicIps: string[];

  constructor(scope: Construct, id: string, props: EgressVpcProps) {
    super(scope, id);
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: new ZonalLayout(props.cidr),
      availabilityZones: props.availabilityZones,
      // One zonal NAT gateway per Availability Zone: the attachment subnet of each zone uses its own.
      natGateways: props.availabilityZones.length,
      natGatewayProvider: ec2.NatProvider.gateway(),
      natGatewaySubnets: { subnetGroupName: 'Public' },
      subnetConfiguration: [
        // A quarter of the VPC per zone; only the NAT gateways live here, nothing gets a public address.
        {
          name: 'Public',
          subnetType: ec2.SubnetType.PUBLIC,
          cidrMask: props.cidr.prefix + 2,
          mapPublicIpOnLaunch: false,
        },
        // Dedicated /28 subnets for the transit gateway's network interfaces; their default route is the zone's NAT gateway.
        { name: ATTACHMENT_GROUP, subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 28 },
      ],
      enableDnsHostnames: true,
      enableDnsSupport: true,
      // The restricting feature is a custom resource; the default security group is left unused instead.
      restrictDefaultSecurityGroup: false,
    });

    this.attachment = new ec2.CfnTransitGatewayAttachment(this, 'Attachment', {
      transitGatewayId: props.transitGatewayId,
      vpcId: this.vpc.vpcId,
      subnetIds: this.vpc.privateSubnets.map((s) => s.subnetId),
      options: {
        DnsSupport: 'enable',
        Ipv6Support: 'disable',
        // NAT gateways are zonal and every VPC has an attachment in every zone, so flows stay in their zone
        // both ways. Turn this on when a stateful appliance (Network Firewall) is inserted in a fork.
        ApplianceModeSupport: 'disable',
      },
      tags: [{ key: 'Name', value: `${props.namePrefix}-egress` }],
    });

    // Return path: replies that the NAT gateways translate back to spoke addresses go to the transit gateway.
    this.vpc.publicSubnets.forEach((subnet) => {
      for (const range of props.returnRanges) {
        const routeId = `ToTransitGateway${range.replace(/[./]/gu, '-')}`;
        routeToTransitGateway(subnet, routeId, range, props.transitGatewayId, this.attachment);
      }
    });

    this.natPublicIps = this.vpc.publicSubnets.map((s) => {
      const eip = s.node.findChild('EIP');
      if (!(eip instanceof ec2.CfnEIP)) throw new Error(`${s.node.path} has no Elastic IP address`);
      return eip.ref;
    });
  }
}
