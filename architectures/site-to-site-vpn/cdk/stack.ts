import { ArnFormat, Aws, CfnOutput, Duration, Fn, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { cidrList, overlaps } from './cidr.ts';
import { VpnSite } from './vpn-site.ts';
import type { Parameters } from './parameters.generated.ts';

export interface SiteToSiteVpnStackProps extends StackProps {
  readonly parameters: Parameters;
}

/** The logRetentionDays values that architecture.yaml allows, as CloudWatch Logs retention. */
const RETENTION: Readonly<Record<number, logs.RetentionDays>> = {
  30: logs.RetentionDays.ONE_MONTH,
  90: logs.RetentionDays.THREE_MONTHS,
  180: logs.RetentionDays.SIX_MONTHS,
  365: logs.RetentionDays.ONE_YEAR,
  731: logs.RetentionDays.TWO_YEARS,
};

/**
 * A VPC with private subnets only, reached from an on-premises data centre over AWS Site-to-Site
 * VPN through a virtual private gateway, with a second, optional site ("A.N.Other network") on
 * its own VPN connection. Tunnels use IKEv2 with AWS-generated keys; tunnel and flow logs go to
 * KMS-encrypted log groups, and alarms watch each connection's TunnelState.
 */
export default class SiteToSiteVpnStack extends Stack {
  /** How many zones the VPC spans; read by the availabilityZones override below. */
  private zoneCount = 2;

  constructor(scope: Construct, id: string, props: SiteToSiteVpnStackProps) {
    super(scope, id, props);
    const p = props.parameters;
    const onPremCidrs = cidrList(p.onPremCidrs);
    const spokeEnabled = p.spokePublicIp !== '';
    const spokeCidrs = spokeEnabled ? cidrList(p.spokeCidrs) : [];
    checkParameters(p, onPremCidrs, spokeCidrs);
    this.zoneCount = p.azCount;
    const stackName = this.stackName;

    // --- Network: private subnets only; the virtual private gateway is the one way in or out.
    const vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(p.vpcCidr),
      maxAzs: p.azCount,
      natGateways: 0,
      subnetConfiguration: [{ name: 'Private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
      // The restricting feature is a custom resource; the default group is left unused instead.
      restrictDefaultSecurityGroup: false,
      vpnGateway: true,
      vpnGatewayAsn: p.amazonSideAsn,
      // Routes learned over BGP, and static routes of the connections, appear in the private route tables.
      vpnRoutePropagation: [{ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    });
    const vpnGatewayId = vpc.vpnGatewayId;
    if (vpnGatewayId === undefined) throw new Error('the VPC has no virtual private gateway');

    // --- One key and two log groups: tunnel logs (IKE, DPD, BGP events) and VPC flow logs.
    const tunnelLogGroupName = `/site-to-site-vpn/${stackName}/tunnels`;
    const flowLogGroupName = `/vpc-flow-logs/${stackName}`;
    const logGroupArn = (name: string): string =>
      this.formatArn({
        service: 'logs',
        resource: 'log-group',
        resourceName: name,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
    const key = new kms.Key(this, 'LogKey', {
      description: `Encrypts the VPN tunnel logs and VPC flow logs of ${stackName}`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(7),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchLogsForThisStacksLogGroups',
        principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: [
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:ReEncryptFrom',
          'kms:ReEncryptTo',
          'kms:GenerateDataKey',
          'kms:GenerateDataKeyWithoutPlaintext',
          'kms:DescribeKey',
        ],
        resources: ['*'],
        conditions: {
          ArnEquals: {
            'kms:EncryptionContext:aws:logs:arn': [logGroupArn(tunnelLogGroupName), logGroupArn(flowLogGroupName)],
          },
        },
      }),
    );
    const retention = RETENTION[p.logRetentionDays];
    if (retention === undefined) throw new Error(`logRetentionDays ${p.logRetentionDays} is not allowed`);
    const tunnelLogs = new logs.LogGroup(this, 'TunnelLogs', {
      logGroupName: tunnelLogGroupName,
      encryptionKey: key,
      retention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const flowLogs = new logs.LogGroup(this, 'FlowLogs', {
      logGroupName: flowLogGroupName,
      encryptionKey: key,
      retention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });

    // --- The sites: the data centre, and the optional A.N.Other network.
    const common = {
      vpnGatewayId,
      dpdTimeoutAction: p.dpdTimeoutAction,
      startupAction: p.startupAction,
      preSharedKeyStorage: p.preSharedKeyStorage,
      tunnelLogGroupArn: tunnelLogs.logGroupArn,
      alarmActions: p.alarmTopicArn === '' ? [] : [p.alarmTopicArn],
    };
    const onPrem = new VpnSite(this, 'OnPrem', {
      ...common,
      siteName: 'on-premises data centre',
      publicIp: p.onPremPublicIp,
      bgpAsn: p.onPremBgpAsn,
      routing: p.routingType === 'static' ? 'static' : 'bgp',
      cidrs: onPremCidrs,
    });
    const spoke = spokeEnabled
      ? new VpnSite(this, 'Spoke', {
          ...common,
          siteName: p.spokeName,
          publicIp: p.spokePublicIp,
          bgpAsn: p.spokeBgpAsn,
          routing: p.spokeRoutingType === 'static' ? 'static' : 'bgp',
          cidrs: spokeCidrs,
        })
      : undefined;

    // --- Workloads join this group: reachable from the sites' networks only, and talking only to them.
    const sg = new ec2.SecurityGroup(this, 'OnPremAccessSecurityGroup', {
      vpc,
      description: 'Workloads: inbound only from the on-premises and spoke networks, outbound only to them and the VPC',
      allowAllOutbound: false,
    });
    const ports = p.allowedTcpPorts === '' ? [] : p.allowedTcpPorts.split(',').map(Number);
    for (const cidr of [...onPremCidrs, ...spokeCidrs]) {
      const peer = ec2.Peer.ipv4(cidr);
      for (const port of ports) sg.addIngressRule(peer, ec2.Port.tcp(port), `TCP ${port} from ${cidr}`);
      if (p.allowIcmp) sg.addIngressRule(peer, ec2.Port.icmpPing(), `ping from ${cidr}, for path tests`);
      sg.addEgressRule(peer, ec2.Port.allTraffic(), `to ${cidr} over the VPN`);
    }
    sg.addEgressRule(ec2.Peer.ipv4(p.vpcCidr), ec2.Port.allTraffic(), 'inside the VPC');

    // --- Outputs.
    const outputs: [string, string, string][] = [
      ['VpcId', vpc.vpcId, 'Id of the VPC.'],
      [
        'PrivateSubnetIds',
        Fn.join(
          ',',
          vpc.isolatedSubnets.map((s) => s.subnetId),
        ),
        'Private subnet ids.',
      ],
      ['VpnGatewayId', vpnGatewayId, 'Id of the virtual private gateway.'],
      ['CustomerGatewayId', onPrem.customerGateway.ref, 'Customer gateway of the data centre.'],
      ['VpnConnectionId', onPrem.connection.ref, 'VPN connection to the data centre.'],
      ['SpokeCustomerGatewayId', spoke?.customerGateway.ref ?? 'none', 'Customer gateway of the spoke, or none.'],
      ['SpokeVpnConnectionId', spoke?.connection.ref ?? 'none', 'VPN connection to the spoke, or none.'],
      ['OnPremAccessSecurityGroupId', sg.securityGroupId, 'Security group for workloads.'],
      ['TunnelLogGroupName', tunnelLogs.logGroupName, 'Tunnel log group.'],
      ['FlowLogGroupName', flowLogs.logGroupName, 'VPC flow log group.'],
      ['LogKeyArn', key.keyArn, 'KMS key of both log groups.'],
    ];
    for (const [name, value, description] of outputs) new CfnOutput(this, name, { value, description });
  }

  /**
   * An environment-agnostic stack gets two zones from CDK; this one uses azCount zones of the
   * Region it is deployed to, resolved by CloudFormation.
   */
  override get availabilityZones(): string[] {
    return Array.from({ length: this.zoneCount }, (_, i) => Fn.select(i, Fn.getAzs()));
  }
}

/** Throws on parameter combinations that the schema cannot express, naming the fix. */
function checkParameters(p: Parameters, onPremCidrs: readonly string[], spokeCidrs: readonly string[]): void {
  const problems = overlaps({ vpcCidr: [p.vpcCidr], onPremCidrs, spokeCidrs }).map(
    (o) => `${o}; the VPC and the sites need distinct address ranges (or NAT on the device)`,
  );
  if (onPremCidrs.length === 0) problems.push('onPremCidrs is empty; list the data centre networks');
  if (p.spokePublicIp !== '' && spokeCidrs.length === 0) {
    problems.push('spokeCidrs is empty; list the spoke networks, or clear spokePublicIp to leave the spoke out');
  }
  if (p.spokePublicIp !== '' && p.spokePublicIp === p.onPremPublicIp) {
    problems.push('spokePublicIp equals onPremPublicIp; each site needs its own device address');
  }
  const asns: [string, number][] = [['onPremBgpAsn', p.onPremBgpAsn]];
  if (p.spokePublicIp !== '') asns.push(['spokeBgpAsn', p.spokeBgpAsn]);
  for (const [name, asn] of asns) {
    if (asn === p.amazonSideAsn) problems.push(`${name} equals amazonSideAsn ${asn}; BGP needs different ASNs`);
  }
  if (p.amazonSideAsn > 65534 && p.amazonSideAsn < 4200000000) {
    problems.push(
      `amazonSideAsn ${p.amazonSideAsn} is not a private ASN; use 64512 to 65534 or 4200000000 to 4294967294`,
    );
  }
  const badPorts = cidrList(p.allowedTcpPorts).filter((port) => Number(port) < 1 || Number(port) > 65535);
  if (badPorts.length > 0) problems.push(`allowedTcpPorts ${badPorts.join(', ')} is not a port from 1 to 65535`);
  if (problems.length > 0) throw new Error(`site-to-site-vpn: ${problems.join('; ')}`);
}
