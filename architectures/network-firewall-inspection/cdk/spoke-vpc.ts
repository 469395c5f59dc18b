import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { ATTACHMENT_GROUP, ZonalLayout, type Spoke } from './address-plan.ts';
import { routeToTransitGateway } from './routing.ts';

export interface SpokeVpcProps {
  readonly spoke: Spoke;
  /** Availability Zones, the same list and order as the inspection VPC uses. */
  readonly availabilityZones: string[];
  readonly transitGatewayId: string;
  /** Add free S3 and DynamoDB gateway endpoints to the workload subnets. */
  readonly gatewayEndpoints: boolean;
  /** Prefix for Name tags. */
  readonly namePrefix: string;
}

/**
 * A spoke VPC: workload subnets (a quarter of the VPC per Availability Zone) whose only way out is a
 * default route to the transit gateway, and a dedicated /28 attachment subnet per zone that holds the
 * transit gateway's network interfaces and keeps only the local route. No internet gateway, no NAT gateway.
 */
export class SpokeVpc extends Construct {
  readonly vpc: ec2.Vpc;
  readonly attachment: ec2.CfnTransitGatewayAttachment;
  readonly workloadSubnets: ec2.ISubnet[];

  constructor(scope: Construct, id: string, props: SpokeVpcProps) {
    super(scope, id);
    const { spoke } = props;
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: new ZonalLayout(spoke.cidr),
      availabilityZones: props.availabilityZones,
      natGateways: 0,
      subnetConfiguration: [
        { name: 'Workload', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: spoke.cidr.prefix + 2 },
        { name: ATTACHMENT_GROUP, subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 28 },
      ],
      enableDnsHostnames: true,
      enableDnsSupport: true,
      // The restricting feature is a custom resource; the default security group is left unused instead.
      restrictDefaultSecurityGroup: false,
    });
    this.workloadSubnets = this.vpc.selectSubnets({ subnetGroupName: 'Workload' }).subnets;
    const attachmentSubnets = this.vpc.selectSubnets({ subnetGroupName: ATTACHMENT_GROUP }).subnets;

    this.attachment = new ec2.CfnTransitGatewayAttachment(this, 'Attachment', {
      transitGatewayId: props.transitGatewayId,
      vpcId: this.vpc.vpcId,
      subnetIds: attachmentSubnets.map((s) => s.subnetId),
      options: { DnsSupport: 'enable', Ipv6Support: 'disable', ApplianceModeSupport: 'disable' },
      tags: [{ key: 'Name', value: `${props.namePrefix}-${spoke.name}` }],
    });

    // Everything that is not local leaves through the transit gateway; the transit gateway decides where it goes.
    for (const subnet of this.workloadSubnets) {
      routeToTransitGateway(subnet, 'DefaultToTransitGateway', '0.0.0.0/0', props.transitGatewayId, this.attachment);
    }

    if (props.gatewayEndpoints) {
      // Free, and they keep S3 and DynamoDB traffic off the transit gateway and the NAT gateways (0.065 USD per GB together).
      const workload = [{ subnetGroupName: 'Workload' }];
      this.vpc.addGatewayEndpoint('S3Endpoint', { service: ec2.GatewayVpcEndpointAwsService.S3, subnets: workload });
      this.vpc.addGatewayEndpoint('DynamoDbEndpoint', {
        service: ec2.GatewayVpcEndpointAwsService.DYNAMODB,
        subnets: workload,
      });
    }
  }
}
