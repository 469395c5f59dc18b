import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { ATTACHMENT_GROUP, FIREWALL_GROUP, ZonalLayout, type Cidr } from './address-plan.ts';

export interface InspectionVpcProps {
  /** CIDR block of the inspection VPC, /16 to /24. */
  readonly cidr: Cidr;
  /** Availability Zones, the same list and order as the spokes use. */
  readonly availabilityZones: string[];
  readonly transitGatewayId: string;
  /** Prefix for Name tags. */
  readonly namePrefix: string;
}

/**
 * The inspection VPC: three subnet layers per Availability Zone. The /28 attachment subnet holds the
 * transit gateway's network interface; the /28 firewall subnet holds that zone's Network Firewall
 * endpoint; the public subnet holds that zone's NAT gateway. The routes between the layers, through the
 * firewall endpoints, are added by the stack once the firewalls exist (see routing.ts). The transit
 * gateway attachment runs in appliance mode, so both directions of a flow use the same zone and so the
 * same stateful firewall endpoint.
 */
export class InspectionVpc extends Construct {
  readonly vpc: ec2.Vpc;
  readonly attachment: ec2.CfnTransitGatewayAttachment;
  readonly publicSubnets: ec2.ISubnet[];
  readonly firewallSubnets: ec2.ISubnet[];
  readonly attachmentSubnets: ec2.ISubnet[];
  /** Ref of each NAT gateway's Elastic IP, which is its public address. */
  readonly natPublicIps: string[];

  constructor(scope: Construct, id: string, props: InspectionVpcProps) {
    super(scope, id);
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: new ZonalLayout(props.cidr, { firewall: true }),
      availabilityZones: props.availabilityZones,
      // One zonal NAT gateway per Availability Zone: the firewall subnet of each zone uses its own.
      natGateways: props.availabilityZones.length,
      natGatewayProvider: ec2.NatProvider.gateway(),
      natGatewaySubnets: { subnetGroupName: 'Public' },
      subnetConfiguration: [
        // An eighth of the VPC per zone; only the NAT gateways live here, nothing gets a public address.
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: props.cidr.prefix + 3, mapPublicIpOnLaunch: false },
        // The firewall endpoints; CDK gives these the default route to the zone's NAT gateway.
        { name: FIREWALL_GROUP, subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 28 },
        // The transit gateway's interfaces; their default route goes to the zone's firewall endpoint.
        { name: ATTACHMENT_GROUP, subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 28 },
      ],
      enableDnsHostnames: true,
      enableDnsSupport: true,
      // The restricting feature is a custom resource; the default security group is left unused instead.
      restrictDefaultSecurityGroup: false,
    });
    this.publicSubnets = this.vpc.publicSubnets;
    this.firewallSubnets = this.vpc.selectSubnets({ subnetGroupName: FIREWALL_GROUP }).subnets;
    this.attachmentSubnets = this.vpc.selectSubnets({ subnetGroupName: ATTACHMENT_GROUP }).subnets;

    this.attachment = new ec2.CfnTransitGatewayAttachment(this, 'Attachment', {
      transitGatewayId: props.transitGatewayId,
      vpcId: this.vpc.vpcId,
      subnetIds: this.attachmentSubnets.map((s) => s.subnetId),
      options: {
        DnsSupport: 'enable',
        Ipv6Support: 'disable',
        // Without appliance mode the transit gateway may send the reply of a flow to the firewall endpoint
        // of another zone, which has no state for it and drops it (spoke to spoke across zones).
        ApplianceModeSupport: 'enable',
      },
      tags: [{ key: 'Name', value: `${props.namePrefix}-inspection` }],
    });

    this.natPublicIps = this.publicSubnets.map((s) => {
      const eip = s.node.findChild('EIP');
      if (!(eip instanceof ec2.CfnEIP)) throw new Error(`${s.node.path} has no Elastic IP address`);
      return eip.ref;
    });
  }
}
