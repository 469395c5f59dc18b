import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dx from 'aws-cdk-lib/aws-directconnect';
import { Construct } from 'constructs';

export interface DirectConnectProps {
  /** Name of the Direct Connect gateway and the virtual interface: the stack name. */
  readonly name: string;
  /** Private ASN of the Direct Connect gateway; it must differ from the transit gateway's and the site's. */
  readonly gatewayAsn: number;
  readonly transitGatewayId: string;
  /** Prefixes the Direct Connect gateway advertises to the data centre for this transit gateway. */
  readonly allowedPrefixes: readonly string[];
  /** A dedicated or hosted connection that exists and is available; empty leaves the virtual interface out. */
  readonly connectionId: string;
  readonly vlan: number;
  readonly mtu: number;
  /** The data centre router's BGP ASN. */
  readonly siteAsn: number;
  readonly alarmActions: readonly string[];
}

/**
 * The Direct Connect side: a Direct Connect gateway associated with the transit gateway, advertising only
 * the allowed prefixes to the data centre, and, once a connection exists, a transit virtual interface on
 * it with a BGP session to the data centre's router. The physical connection (a dedicated port ordered
 * with a Letter of Authorization, or a hosted connection from a partner) is not created here: it is ordered
 * and cross-connected outside CloudFormation, and its id is then passed as connectionId.
 */
export class DirectConnect extends Construct {
  readonly gateway: dx.CfnDirectConnectGateway;
  readonly association: dx.CfnDirectConnectGatewayAssociation;
  readonly virtualInterface: dx.CfnTransitVirtualInterface | undefined;

  constructor(scope: Construct, id: string, p: DirectConnectProps) {
    super(scope, id);
    this.gateway = new dx.CfnDirectConnectGateway(this, 'Gateway', {
      directConnectGatewayName: p.name,
      amazonSideAsn: String(p.gatewayAsn),
    });
    this.association = new dx.CfnDirectConnectGatewayAssociation(this, 'TransitGatewayAssociation', {
      directConnectGatewayId: this.gateway.attrDirectConnectGatewayId,
      associatedGatewayId: p.transitGatewayId,
      // Only these prefixes are advertised to the data centre over Direct Connect; nothing else in AWS.
      allowedPrefixesToDirectConnectGateway: [...p.allowedPrefixes],
    });
    if (p.connectionId === '') return;

    this.virtualInterface = new dx.CfnTransitVirtualInterface(this, 'TransitVirtualInterface', {
      connectionId: p.connectionId,
      directConnectGatewayId: this.gateway.attrDirectConnectGatewayId,
      virtualInterfaceName: p.name,
      vlan: p.vlan,
      mtu: p.mtu,
      // No authKey: AWS generates the BGP MD5 key, so it never appears in the template.
      bgpPeers: [{ asn: String(p.siteAsn), addressFamily: 'ipv4' }],
    });
    const alarm = new cloudwatch.Alarm(this, 'ConnectionDown', {
      alarmDescription: `Direct Connect connection ${p.connectionId} is down: traffic to the data centre has moved to the backup VPN, at most 1.25 Gbps per tunnel over the internet.`,
      metric: new cloudwatch.Metric({
        namespace: 'AWS/DX',
        metricName: 'ConnectionState',
        dimensionsMap: { ConnectionId: p.connectionId },
        statistic: cloudwatch.Stats.MINIMUM,
        period: Duration.minutes(1),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
    if (p.alarmActions.length > 0) {
      const cfn = alarm.node.defaultChild as cloudwatch.CfnAlarm;
      cfn.alarmActions = [...p.alarmActions];
      cfn.okActions = [...p.alarmActions];
    }
  }
}
