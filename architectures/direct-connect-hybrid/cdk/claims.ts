import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';
import { asList, ingressRules, tagOf, type Json } from '../../../generators/check/claims/template-queries.ts';

const ref = (v: unknown): string => (v as { Ref?: string } | undefined)?.Ref ?? '';
const getAtt = (v: unknown): string => (v as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt']?.[0] ?? '';
const values = (list: unknown): unknown[] => asList(list).map((v) => (v as { Value: unknown }).Value);
const list = (s: unknown): string[] => String(s).split(',').filter((x) => x !== '');

/** The one site: the data centre, reached over Direct Connect and, as backup, this VPN connection. */
function expectedSites(t: ClaimContext): { id: string; cidrs: string[] }[] {
  return [{ id: 'OnPrem', cidrs: list(t.parameters['onPremCidrs']) }];
}

function connectionOf(t: ClaimContext, site: string): { id: string; Properties?: Json } {
  const found = t.resources('AWS::EC2::VPNConnection').filter((c) => c.id.startsWith(`${site}Connection`));
  assert.equal(found.length, 1, `the ${site} site has not exactly one VPN connection`);
  return found[0] ?? { id: '' };
}

function tunnelsOf(t: ClaimContext, site: string): Json[] {
  return (connectionOf(t, site).Properties?.['VpnTunnelOptionsSpecifications'] ?? []) as Json[];
}

function transitGateway(t: ClaimContext): { id: string; Properties?: Json } {
  const found = t.resources('AWS::EC2::TransitGateway');
  assert.equal(found.length, 1, 'there is not exactly one transit gateway');
  return found[0] ?? { id: '' };
}

function association(t: ClaimContext): { id: string; Properties?: Json } {
  const found = t.resources('AWS::DirectConnect::DirectConnectGatewayAssociation');
  assert.equal(found.length, 1, 'there is not exactly one Direct Connect gateway association');
  return found[0] ?? { id: '' };
}

function toNumber(address: string): number {
  return address.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}

/** Whether CIDR block `outer` contains all of `inner`. */
function covers(outer: string, inner: string): boolean {
  const [oa = '', op = '32'] = outer.split('/');
  const [ia = '', ip = '32'] = inner.split('/');
  if (Number(ip) < Number(op)) return false;
  const size = 2 ** (32 - Number(op));
  return Math.floor(toNumber(ia) / size) === Math.floor(toNumber(oa) / size);
}

export default [
  claim(
    'vpc-on-transit-gateway',
    "The VPC is attached to the transit gateway with a /28 subnet in every zone, and every private subnet sends each of the data centre's networks to the transit gateway, once the attachment exists",
    (t) => {
      const tgw = transitGateway(t);
      const attachments = t.resources('AWS::EC2::TransitGatewayAttachment');
      assert.equal(attachments.length, 1, 'the VPC is not attached to the transit gateway');
      const attachment: { id: string; Properties?: Json } = attachments[0] ?? { id: '' };
      assert.equal(ref(attachment.Properties?.['TransitGatewayId']), tgw.id);
      const subnets = t.resources('AWS::EC2::Subnet');
      const attachmentSubnets = asList(attachment.Properties?.['SubnetIds']).map(ref);
      assert.equal(attachmentSubnets.length, Number(t.parameters['azCount']), 'not one attachment subnet per zone');
      for (const id of attachmentSubnets) {
        const subnet = subnets.find((s) => s.id === id);
        assert.match(String(subnet?.Properties?.['CidrBlock']), /\/28$/u, `attachment subnet ${id} is not a /28`);
      }
      const privateSubnets = subnets.filter((s) => tagOf(s.Properties, 'aws-cdk:subnet-name') === 'Private');
      assert.equal(privateSubnets.length, Number(t.parameters['azCount']), 'not one private subnet per zone');
      const tableOf = (subnet: string): string =>
        ref(t.resources('AWS::EC2::SubnetRouteTableAssociation').find((a) => ref(a.Properties?.['SubnetId']) === subnet)?.Properties?.['RouteTableId']);
      for (const subnet of privateSubnets) {
        const routes = t.resources('AWS::EC2::Route').filter((r) => ref(r.Properties?.['RouteTableId']) === tableOf(subnet.id));
        const toTgw = routes.filter((r) => ref(r.Properties?.['TransitGatewayId']) === tgw.id);
        assert.deepEqual(toTgw.map((r) => String(r.Properties?.['DestinationCidrBlock'])).sort(), [...list(t.parameters['onPremCidrs'])].sort(), `private subnet ${subnet.id} does not route exactly the data centre's networks to the transit gateway`);
        for (const r of toTgw) assert.ok(asList(r.DependsOn).includes(attachment.id), `route ${r.id} may be created before the attachment`);
      }
      for (const type of ['AWS::EC2::VPNGateway', 'AWS::EC2::VPCGatewayAttachment']) {
        assert.equal(t.resources(type).length, 0, `the VPC still has an ${type}`);
      }
    },
  ),

  claim(
    'dx-associated-with-tgw',
    'A Direct Connect gateway is associated with the transit gateway, whose default route table takes the association and learns its routes',
    (t) => {
      const tgw = transitGateway(t);
      const p = tgw.Properties ?? {};
      assert.deepEqual([p['DefaultRouteTableAssociation'], p['DefaultRouteTablePropagation']], ['enable', 'enable'], 'the transit gateway does not associate and propagate the Direct Connect and VPN attachments by itself');
      const gateways = t.resources('AWS::DirectConnect::DirectConnectGateway');
      assert.equal(gateways.length, 1, 'there is not exactly one Direct Connect gateway');
      const a = association(t).Properties ?? {};
      assert.equal(ref(a['AssociatedGatewayId']), tgw.id, 'the Direct Connect gateway is not associated with the transit gateway');
      assert.equal(getAtt(a['DirectConnectGatewayId']), gateways[0]?.id, 'the association names another Direct Connect gateway');
    },
  ),

  claim(
    'allowed-prefixes',
    'The Direct Connect gateway advertises exactly allowedPrefixes to the data centre, at most 200, and one of them covers the VPC',
    (t) => {
      const prefixes = asList(association(t).Properties?.['AllowedPrefixesToDirectConnectGateway']).map(String);
      assert.deepEqual([...prefixes].sort(), [...list(t.parameters['allowedPrefixes'])].sort(), 'the association does not allow exactly allowedPrefixes');
      assert.ok(prefixes.length <= 200, 'more than 200 allowed prefixes');
      assert.ok(prefixes.some((p) => covers(p, String(t.parameters['vpcCidr']))), 'no allowed prefix covers the VPC');
    },
  ),

  claim(
    'transit-vif-when-connected',
    'With dxConnectionId set, one transit virtual interface joins that connection to the Direct Connect gateway with the data centre ASN, the VLAN and the MTU, without a BGP key in the template, and an alarm watches the connection; without it there is none',
    (t) => {
      const gateway = t.resources('AWS::DirectConnect::DirectConnectGateway')[0];
      assert.ok(gateway, 'there is no Direct Connect gateway');
      const vifs = t.resources('AWS::DirectConnect::TransitVirtualInterface');
      const connection = String(t.parameters['dxConnectionId']);
      const alarms = t.resources('AWS::CloudWatch::Alarm').filter((a) => a.Properties?.['Namespace'] === 'AWS/DX');
      if (connection === '') {
        assert.equal(vifs.length + alarms.length, 0, 'a virtual interface or alarm exists without a connection');
        return;
      }
      assert.equal(vifs.length, 1, 'not exactly one transit virtual interface');
      const v = vifs[0]?.Properties ?? {};
      assert.equal(v['ConnectionId'], connection);
      assert.equal(getAtt(v['DirectConnectGatewayId']), gateway.id);
      assert.deepEqual([v['Vlan'], v['Mtu']], [t.parameters['vifVlan'], t.parameters['vifMtu']]);
      const peers = asList(v['BgpPeers']) as Json[];
      assert.deepEqual(peers.map((p) => [p['Asn'], p['AddressFamily'], p['AuthKey']]), [[String(t.parameters['onPremBgpAsn']), 'ipv4', undefined]]);
      assert.equal(alarms.length, 1, 'no alarm on the connection');
      const a = alarms[0]?.Properties ?? {};
      assert.deepEqual([a['MetricName'], a['ComparisonOperator'], a['Threshold'], a['TreatMissingData']], ['ConnectionState', 'LessThanThreshold', 1, 'breaching']);
    },
  ),

  claim(
    'vpn-backup-bgp',
    'The VPN connection ends on the transit gateway and uses BGP only, so its routes are propagated routes that the transit gateway ranks below the Direct Connect routes for the same prefix',
    (t) => {
      const tgw = transitGateway(t);
      for (const site of expectedSites(t)) {
        const p = connectionOf(t, site.id).Properties ?? {};
        assert.equal(ref(p['TransitGatewayId']), tgw.id, `the ${site.id} VPN does not end on the transit gateway`);
        assert.equal(p['VpnGatewayId'], undefined, `the ${site.id} VPN ends on a virtual private gateway`);
        assert.equal(p['StaticRoutesOnly'], false, `the ${site.id} VPN uses static routes, which would outrank Direct Connect`);
      }
      assert.equal(t.resources('AWS::EC2::VPNConnectionRoute').length, 0, 'a static VPN route would outrank Direct Connect');
      assert.equal(t.resources('AWS::EC2::TransitGatewayRoute').length, 0, 'a static transit gateway route would outrank Direct Connect');
      assert.equal(tgw.Properties?.['VpnEcmpSupport'], 'enable', 'the backup VPN cannot use both tunnels at once');
    },
  ),

  claim('one-site', 'There is one site: one customer gateway and one VPN connection, for the data centre that Direct Connect also reaches', (t) => {
    assert.equal(t.resources('AWS::EC2::CustomerGateway').length, 1, 'not exactly one customer gateway');
    assert.equal(t.resources('AWS::EC2::VPNConnection').length, 1, 'not exactly one VPN connection');
  }),

  claim('distinct-asns', 'The transit gateway, the Direct Connect gateway and the data centre use three different BGP ASNs', (t) => {
    const tgw = transitGateway(t).Properties?.['AmazonSideAsn'];
    const dx = t.resources('AWS::DirectConnect::DirectConnectGateway')[0]?.Properties?.['AmazonSideAsn'];
    const cgw = t.resources('AWS::EC2::CustomerGateway')[0]?.Properties?.['BgpAsn'];
    const asns = [tgw, dx, cgw].map(String);
    assert.equal(new Set(asns).size, 3, `the ASNs ${asns.join(', ')} are not all different`);
  }),

  claim(
    'two-tunnels-per-site',
    'Every site has one VPN connection with two tunnels, which AWS ends in different Availability Zones, and dead peer detection acts after 30 seconds',
    (t) => {
      const sites = expectedSites(t);
      assert.equal(t.resources('AWS::EC2::VPNConnection').length, sites.length, 'not one VPN connection per site');
      for (const site of sites) {
        const tunnels = tunnelsOf(t, site.id);
        assert.equal(tunnels.length, 2, `the ${site.id} connection does not configure two tunnels`);
        for (const tunnel of tunnels) {
          assert.equal(tunnel['DPDTimeoutSeconds'], 30, `a tunnel of ${site.id} waits longer than 30 seconds for dead peer detection`);
          assert.equal(tunnel['DPDTimeoutAction'], t.parameters['dpdTimeoutAction'], `a tunnel of ${site.id} ignores dpdTimeoutAction`);
        }
        assert.deepEqual(tunnels[0], tunnels[1], `the two tunnels of ${site.id} are configured differently`);
      }
    },
  ),

  claim(
    'tunnel-alarms',
    'Every connection has an alarm for a tunnel down ten minutes and one for both tunnels down, which also fire when the metric stops, and notify alarmTopicArn when set',
    (t) => {
      const topic = t.parameters['alarmTopicArn'];
      for (const site of expectedSites(t)) {
        const connection = connectionOf(t, site.id);
        const alarms = t
          .resources('AWS::CloudWatch::Alarm')
          .filter((a) => ref((a.Properties?.['Dimensions'] as Json[] | undefined)?.[0]?.['Value']) === connection.id);
        const byStat = (stat: string) => alarms.find((a) => a.Properties?.['Statistic'] === stat)?.Properties ?? {};
        const one = byStat('Minimum');
        const all = byStat('Maximum');
        for (const [p, what, periods] of [
          [one, 'one tunnel down', 2],
          [all, 'both tunnels down', 1],
        ] as const) {
          assert.deepEqual(
            [p['Namespace'], p['MetricName'], p['Threshold'], p['ComparisonOperator'], p['EvaluationPeriods'], p['Period']],
            ['AWS/VPN', 'TunnelState', 1, 'LessThanThreshold', periods, 300],
            `the ${site.id} connection has no ${what} alarm on TunnelState`,
          );
          assert.equal(p['TreatMissingData'], 'breaching', `the ${what} alarm of ${site.id} stays quiet when TunnelState stops`);
          assert.deepEqual(p['AlarmActions'], topic === '' ? undefined : [topic], `the ${what} alarm of ${site.id} does not notify alarmTopicArn`);
        }
      }
    },
  ),

  claim(
    'strong-ikev2-proposals',
    'Every tunnel offers only IKEv2 with AES-256, SHA-2 and Diffie-Hellman groups 14, 19, 20 and 21, and logs its IKE, DPD and BGP events',
    (t) => {
      for (const site of expectedSites(t)) {
        for (const tunnel of tunnelsOf(t, site.id)) {
          assert.deepEqual(values(tunnel['IKEVersions']), ['ikev2'], `a tunnel of ${site.id} allows IKEv1`);
          for (const phase of ['Phase1', 'Phase2']) {
            for (const enc of values(tunnel[`${phase}EncryptionAlgorithms`])) {
              assert.match(String(enc), /^AES256(-GCM-16)?$/u, `a tunnel of ${site.id} offers ${String(enc)}`);
            }
            for (const mac of values(tunnel[`${phase}IntegrityAlgorithms`])) {
              assert.match(String(mac), /^SHA2-(256|384|512)$/u, `a tunnel of ${site.id} offers ${String(mac)}`);
            }
            for (const group of values(tunnel[`${phase}DHGroupNumbers`])) {
              assert.ok([14, 19, 20, 21].includes(Number(group)), `a tunnel of ${site.id} offers Diffie-Hellman group ${String(group)}`);
            }
            assert.ok(values(tunnel[`${phase}EncryptionAlgorithms`]).length > 0, `a tunnel of ${site.id} leaves ${phase} encryption to the defaults`);
          }
          const log = (tunnel['LogOptions'] as { CloudwatchLogOptions?: Json } | undefined)?.CloudwatchLogOptions;
          assert.equal(log?.['LogEnabled'], true, `a tunnel of ${site.id} does not log`);
          assert.match(getAtt(log['LogGroupArn']), /^TunnelLogs/u, `a tunnel of ${site.id} logs elsewhere than the tunnel log group`);
        }
      }
    },
  ),

  claim(
    'aws-generated-keys',
    'No tunnel key is in the template: AWS generates a different key for each tunnel and keeps it where preSharedKeyStorage says',
    (t) => {
      for (const site of expectedSites(t)) {
        assert.equal(connectionOf(t, site.id).Properties?.['PreSharedKeyStorage'], t.parameters['preSharedKeyStorage'], `the keys of ${site.id} are not kept where preSharedKeyStorage says`);
        for (const tunnel of tunnelsOf(t, site.id)) {
          assert.equal(tunnel['PreSharedKey'], undefined, `a tunnel key of ${site.id} is written in the template`);
        }
      }
    },
  ),

  claim(
    'reachable-only-from-the-data-centre',
    "The VPC has no internet gateway, NAT gateway or public address, and workloads in the security group accept only the data centre's networks",
    (t) => {
      for (const type of ['AWS::EC2::InternetGateway', 'AWS::EC2::NatGateway', 'AWS::EC2::EIP', 'AWS::EC2::EgressOnlyInternetGateway']) {
        assert.equal(t.resources(type).length, 0, `the VPC has an ${type}`);
      }
      for (const subnet of t.resources('AWS::EC2::Subnet')) {
        assert.equal(subnet.Properties?.['MapPublicIpOnLaunch'] ?? false, false, `subnet ${subnet.id} hands out public addresses`);
      }
      const sites = expectedSites(t).flatMap((s) => s.cidrs);
      for (const { rule } of ingressRules(t.template)) {
        assert.ok(sites.includes(String(rule.CidrIp)), `the security group accepts ${String(rule.CidrIp)}, which is not a site network`);
      }
    },
  ),

  claim(
    'logs-encrypted',
    'Tunnel logs and a flow log of all VPC traffic go to log groups encrypted with a rotating key that only CloudWatch Logs may use for them',
    (t) => {
      const [key] = t.resources('AWS::KMS::Key');
      assert.equal(key?.Properties?.['EnableKeyRotation'], true, 'the log key does not rotate');
      const groups = t.resources('AWS::Logs::LogGroup');
      assert.equal(groups.length, 2, 'not exactly a tunnel and a flow log group');
      for (const group of groups) {
        assert.equal(getAtt(group.Properties?.['KmsKeyId']), key.id, `log group ${group.id} is not encrypted with the log key`);
        assert.equal(group.Properties?.['RetentionInDays'], t.parameters['logRetentionDays'], `log group ${group.id} ignores logRetentionDays`);
      }
      const [flowLog] = t.resources('AWS::EC2::FlowLog');
      assert.deepEqual([flowLog?.Properties?.['ResourceType'], flowLog?.Properties?.['TrafficType']], ['VPC', 'ALL'], 'there is no flow log of all VPC traffic');
      const statements = (key.Properties['KeyPolicy'] as { Statement: Json[] }).Statement;
      const logs = statements.filter((s) => JSON.stringify(s['Principal']).includes('logs.'));
      assert.equal(logs.length, 1, 'the key policy does not have exactly one CloudWatch Logs statement');
      assert.ok(
        JSON.stringify(logs[0]?.['Condition']).includes('kms:EncryptionContext:aws:logs:arn'),
        'CloudWatch Logs may use the key for any log group',
      );
    },
  ),
];
