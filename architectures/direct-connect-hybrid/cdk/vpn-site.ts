import { Duration, Tags } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

export interface VpnSiteProps {
  /** Name of the site, for tags and alarm descriptions. */
  readonly siteName: string;
  /** The transit gateway the VPN connection attaches to; the attachment joins its default route table. */
  readonly transitGatewayId: string;
  readonly publicIp: string;
  readonly bgpAsn: number;
  readonly dpdTimeoutAction: string;
  readonly startupAction: string;
  readonly preSharedKeyStorage: string;
  readonly tunnelLogGroupArn: string;
  readonly alarmActions: readonly string[];
}

/** Strong IKEv2 proposals that AWS offers on both tunnels; the customer gateway picks from them. */
export const TUNNEL_PROPOSALS = {
  ikeVersions: ['ikev2'],
  encryption: ['AES256-GCM-16', 'AES256'],
  integrity: ['SHA2-512', 'SHA2-384', 'SHA2-256'],
  dhGroups: [21, 20, 19, 14],
} as const;

/** Seconds without a reply from the customer gateway before dead peer detection acts. */
export const DPD_TIMEOUT_SECONDS = 30;

/**
 * The backup path of the site: a customer gateway that describes the site's VPN device, and a VPN
 * connection to the transit gateway with two tunnels (each ending on its own AWS endpoint in a different
 * Availability Zone). Routing is BGP only: routes learned over the VPN are propagated routes, which the
 * transit gateway ranks below the routes it learns from the Direct Connect gateway for the same prefix, so
 * the VPN carries traffic only when Direct Connect does not. (Static VPN routes would be static transit
 * gateway routes and would win over Direct Connect.) Two alarms watch TunnelState: one tunnel down
 * (backup without redundancy) and both down (no backup).
 */
export class VpnSite extends Construct {
  readonly customerGateway: ec2.CfnCustomerGateway;
  readonly connection: ec2.CfnVPNConnection;

  constructor(scope: Construct, id: string, p: VpnSiteProps) {
    super(scope, id);
    this.customerGateway = new ec2.CfnCustomerGateway(this, 'CustomerGateway', {
      type: 'ipsec.1',
      ipAddress: p.publicIp,
      // The ASN the device uses for the BGP sessions over both tunnels.
      bgpAsn: p.bgpAsn,
    });
    const values = <T>(list: readonly T[]) => list.map((value) => ({ value }));
    const tunnel: ec2.CfnVPNConnection.VpnTunnelOptionsSpecificationProperty = {
      ikeVersions: values(TUNNEL_PROPOSALS.ikeVersions),
      phase1EncryptionAlgorithms: values(TUNNEL_PROPOSALS.encryption),
      phase2EncryptionAlgorithms: values(TUNNEL_PROPOSALS.encryption),
      phase1IntegrityAlgorithms: values(TUNNEL_PROPOSALS.integrity),
      phase2IntegrityAlgorithms: values(TUNNEL_PROPOSALS.integrity),
      phase1DhGroupNumbers: values(TUNNEL_PROPOSALS.dhGroups),
      phase2DhGroupNumbers: values(TUNNEL_PROPOSALS.dhGroups),
      dpdTimeoutAction: p.dpdTimeoutAction,
      dpdTimeoutSeconds: DPD_TIMEOUT_SECONDS,
      startupAction: p.startupAction,
      // No preSharedKey: AWS generates a different key per tunnel, so no key is ever in the template.
      logOptions: {
        cloudwatchLogOptions: { logEnabled: true, logGroupArn: p.tunnelLogGroupArn, logOutputFormat: 'json' },
      },
    };
    this.connection = new ec2.CfnVPNConnection(this, 'Connection', {
      type: 'ipsec.1',
      customerGatewayId: this.customerGateway.ref,
      transitGatewayId: p.transitGatewayId,
      staticRoutesOnly: false,
      preSharedKeyStorage: p.preSharedKeyStorage,
      vpnTunnelOptionsSpecifications: [tunnel, tunnel],
    });
    Tags.of(this).add('Name', p.siteName);

    // TunnelState per connection has one value per tunnel: 1 up (static) or BGP established, 0 otherwise.
    const tunnelState = (statistic: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/VPN',
        metricName: 'TunnelState',
        dimensionsMap: { VpnId: this.connection.ref },
        statistic,
        period: Duration.minutes(5),
      });
    const alarms = [
      new cloudwatch.Alarm(this, 'TunnelDown', {
        alarmDescription: `A tunnel of the backup VPN connection to ${p.siteName} has been down for 10 minutes; the backup runs without redundancy. Check the tunnel log group and the customer gateway.`,
        metric: tunnelState(cloudwatch.Stats.MINIMUM),
        threshold: 1,
        evaluationPeriods: 2,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      }),
      new cloudwatch.Alarm(this, 'AllTunnelsDown', {
        alarmDescription: `Both tunnels of the backup VPN connection to ${p.siteName} are down: the site has no backup for Direct Connect.`,
        metric: tunnelState(cloudwatch.Stats.MAXIMUM),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      }),
    ];
    for (const alarm of alarms) {
      const cfn = alarm.node.defaultChild as cloudwatch.CfnAlarm;
      if (p.alarmActions.length > 0) {
        cfn.alarmActions = [...p.alarmActions];
        cfn.okActions = [...p.alarmActions];
      }
    }
  }
}
