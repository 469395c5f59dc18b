import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  DescribeDirectConnectGatewayAssociationsCommand,
  DescribeDirectConnectGatewaysCommand,
  DirectConnectClient,
} from '@aws-sdk/client-direct-connect';
import {
  DescribeRouteTablesCommand,
  DescribeTransitGatewaysCommand,
  DescribeTransitGatewayVpcAttachmentsCommand,
  DescribeVpnConnectionsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { GetKeyRotationStatusCommand, KMSClient } from '@aws-sdk/client-kms';
import { expect } from 'vitest';
import { readBack } from '../readback.ts';

/** The default parameters. */
const VPC_CIDR = '10.50.0.0/16';
const ON_PREM = '10.100.0.0/16';
const ASNS = { tgw: 64512, dx: 64513 };

export default [
  readBack(
    'The Direct Connect gateway has its own ASN and is associated with the transit gateway, advertising only the VPC to the data centre',
    async (stack) => {
      const dx = new DirectConnectClient(stack.aws);
      const id = stack.outputs['DirectConnectGatewayId'] ?? '';
      const { directConnectGateways = [] } = await dx.send(
        new DescribeDirectConnectGatewaysCommand({ directConnectGatewayId: id }),
      );
      expect(directConnectGateways).toHaveLength(1);
      expect(directConnectGateways[0]?.amazonSideAsn).toBe(ASNS.dx);
      expect(directConnectGateways[0]?.directConnectGatewayState).toBe('available');
      const { directConnectGatewayAssociations = [] } = await dx.send(
        new DescribeDirectConnectGatewayAssociationsCommand({ directConnectGatewayId: id }),
      );
      expect(directConnectGatewayAssociations).toHaveLength(1);
      const association = directConnectGatewayAssociations[0];
      expect(association?.associationId).toBe(stack.outputs['DirectConnectGatewayAssociationId']);
      expect(association?.associatedGateway).toMatchObject({
        id: stack.outputs['TransitGatewayId'],
        type: 'transitGateway',
      });
      expect(association?.associationState).toBe('associated');
      expect(association?.allowedPrefixesToDirectConnectGateway?.map((p) => p.cidr)).toEqual([VPC_CIDR]);
    },
    'allowed-prefixes',
  ),

  readBack(
    'The transit gateway associates and propagates attachments into its default route table, has its own ASN and spreads VPN traffic over both tunnels',
    async (stack) => {
      const ec2 = new EC2Client(stack.aws);
      const { TransitGateways = [] } = await ec2.send(
        new DescribeTransitGatewaysCommand({ TransitGatewayIds: [stack.outputs['TransitGatewayId'] ?? ''] }),
      );
      expect(TransitGateways[0]?.Options).toMatchObject({
        AmazonSideAsn: ASNS.tgw,
        DefaultRouteTableAssociation: 'enable',
        DefaultRouteTablePropagation: 'enable',
        AutoAcceptSharedAttachments: 'disable',
        VpnEcmpSupport: 'enable',
      });
    },
    'dx-associated-with-tgw',
  ),

  readBack(
    'The backup VPN connection ends on the transit gateway and uses BGP, with the data centre device ASN',
    async (stack) => {
      const ec2 = new EC2Client(stack.aws);
      const { VpnConnections = [] } = await ec2.send(
        new DescribeVpnConnectionsCommand({ VpnConnectionIds: [stack.outputs['VpnConnectionId'] ?? ''] }),
      );
      expect(VpnConnections).toHaveLength(1);
      const connection = VpnConnections[0];
      expect(connection?.TransitGatewayId).toBe(stack.outputs['TransitGatewayId']);
      expect(connection?.VpnGatewayId).toBeUndefined();
      expect(connection?.Options?.StaticRoutesOnly).toBe(false);
      expect(connection?.CustomerGatewayId).toBe(stack.outputs['CustomerGatewayId']);
    },
    'vpn-backup-bgp',
  ),

  readBack(
    "The VPC is attached to the transit gateway, and every private subnet sends the data centre's network to it",
    async (stack) => {
      const ec2 = new EC2Client(stack.aws);
      const { TransitGatewayVpcAttachments = [] } = await ec2.send(
        new DescribeTransitGatewayVpcAttachmentsCommand({
          Filters: [{ Name: 'vpc-id', Values: [stack.outputs['VpcId'] ?? ''] }],
        }),
      );
      expect(TransitGatewayVpcAttachments).toHaveLength(1);
      expect(TransitGatewayVpcAttachments[0]?.TransitGatewayId).toBe(stack.outputs['TransitGatewayId']);
      for (const subnet of (stack.outputs['PrivateSubnetIds'] ?? '').split(',')) {
        const { RouteTables = [] } = await ec2.send(
          new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnet] }] }),
        );
        const routes = RouteTables[0]?.Routes ?? [];
        expect(routes.find((r) => r.DestinationCidrBlock === ON_PREM)?.TransitGatewayId, subnet).toBe(
          stack.outputs['TransitGatewayId'],
        );
        expect(
          routes.some((r) => r.DestinationCidrBlock === '0.0.0.0/0'),
          subnet,
        ).toBe(false);
      }
    },
    'vpc-on-transit-gateway',
  ),

  readBack(
    'The backup VPN has an alarm for a tunnel down and one for both tunnels down, both breaching when the metric stops',
    async (stack) => {
      const cw = new CloudWatchClient(stack.aws);
      const { MetricAlarms = [] } = await cw.send(new DescribeAlarmsCommand({}));
      const mine = MetricAlarms.filter((a) =>
        a.Dimensions?.some((d) => d.Name === 'VpnId' && d.Value === stack.outputs['VpnConnectionId']),
      );
      expect(mine.map((a) => a.Statistic).sort()).toEqual(['Maximum', 'Minimum']);
      for (const alarm of mine) {
        expect([alarm.MetricName, alarm.TreatMissingData, alarm.Threshold]).toEqual(['TunnelState', 'breaching', 1]);
      }
    },
    'tunnel-alarms',
  ),

  readBack(
    'The key that encrypts the tunnel and flow logs rotates',
    async (stack) => {
      const kms = new KMSClient(stack.aws);
      const { KeyRotationEnabled } = await kms.send(
        new GetKeyRotationStatusCommand({ KeyId: stack.outputs['LogKeyArn'] ?? '' }),
      );
      expect(KeyRotationEnabled).toBe(true);
    },
    'logs-encrypted',
  ),
];
