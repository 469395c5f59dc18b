import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { CfnResource } from 'aws-cdk-lib';

function ownSubnet(subnet: ec2.ISubnet): ec2.Subnet {
  if (!(subnet instanceof ec2.Subnet)) throw new Error(`${subnet.node.path} is not a subnet this stack created`);
  return subnet;
}

/**
 * Adds a route from `subnet`'s route table to the transit gateway, created only after `attachment`:
 * CloudFormation cannot create a route to a transit gateway before the VPC is attached to it.
 */
export function routeToTransitGateway(
  subnet: ec2.ISubnet,
  id: string,
  destinationCidrBlock: string,
  transitGatewayId: string,
  attachment: CfnResource,
): void {
  const own = ownSubnet(subnet);
  own.addRoute(id, { routerType: ec2.RouterType.TRANSIT_GATEWAY, routerId: transitGatewayId, destinationCidrBlock });
  own.node.findChild(id).node.addDependency(attachment);
}

/** Adds a route from `subnet`'s route table to a Network Firewall endpoint (a Gateway Load Balancer endpoint). */
export function routeToFirewallEndpoint(
  subnet: ec2.ISubnet,
  id: string,
  destinationCidrBlock: string,
  endpointId: string,
): void {
  ownSubnet(subnet).addRoute(id, { routerType: ec2.RouterType.VPC_ENDPOINT, routerId: endpointId, destinationCidrBlock });
}
