import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';
import { asList, ingressRules, type Json } from '../../../generators/check/claims/template-queries.ts';

const ref = (v: unknown): string => (v as { Ref?: string } | undefined)?.Ref ?? '';
const getAtt = (v: unknown): string => (v as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt']?.[0] ?? '';
const values = (list: unknown): unknown[] => asList(list).map((v) => (v as { Value: unknown }).Value);

/** The connections the parameters ask for: the data centre always, the spoke when spokePublicIp is set. */
function expectedSites(t: ClaimContext): { id: string; routing: unknown; cidrs: string[] }[] {
  const list = (s: unknown): string[] => String(s).split(',').filter((x) => x !== '');
  return [
    { id: 'OnPrem', routing: t.parameters['routingType'], cidrs: list(t.parameters['onPremCidrs']) },
    ...(t.parameters['spokePublicIp'] === ''
      ? []
      : [{ id: 'Spoke', routing: t.parameters['spokeRoutingType'], cidrs: list(t.parameters['spokeCidrs']) }]),
  ];
}

function connectionOf(t: ClaimContext, site: string): { id: string; Properties?: Json } {
  const found = t.resources('AWS::EC2::VPNConnection').filter((c) => c.id.startsWith(`${site}Connection`));
  assert.equal(found.length, 1, `the ${site} site has not exactly one VPN connection`);
  return found[0] ?? { id: '' };
}

function tunnelsOf(t: ClaimContext, site: string): Json[] {
  return (connectionOf(t, site).Properties?.['VpnTunnelOptionsSpecifications'] ?? []) as Json[];
}

export default [
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
    'routes-reach-every-subnet',
    'Routes to the sites, learned over BGP or static, reach the route table of every private subnet, which spans every Availability Zone',
    (t) => {
      const subnets = t.resources('AWS::EC2::Subnet');
      const zones = new Set(subnets.map((s) => JSON.stringify(s.Properties?.['AvailabilityZone'])));
      assert.equal(zones.size, Number(t.parameters['azCount']), 'the private subnets do not span azCount zones');
      const tables = t
        .resources('AWS::EC2::SubnetRouteTableAssociation')
        .map((a) => ref(a.Properties?.['RouteTableId']))
        .sort();
      const [propagation, ...more] = t.resources('AWS::EC2::VPNGatewayRoutePropagation');
      assert.equal(more.length, 0, 'more than one route propagation');
      assert.deepEqual(asList(propagation?.Properties?.['RouteTableIds']).map(ref).sort(), tables, 'not every private route table receives the VPN routes');
      for (const site of expectedSites(t)) {
        const connection = connectionOf(t, site.id);
        const isStatic = site.routing === 'static';
        assert.equal(connection.Properties?.['StaticRoutesOnly'], isStatic, `the ${site.id} connection does not use ${String(site.routing)} routing`);
        const routes = t
          .resources('AWS::EC2::VPNConnectionRoute')
          .filter((r) => ref(r.Properties?.['VpnConnectionId']) === connection.id)
          .map((r) => String(r.Properties?.['DestinationCidrBlock']))
          .sort();
        assert.deepEqual(routes, isStatic ? [...site.cidrs].sort() : [], `the static routes of ${site.id} are not its networks`);
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
    'reachable-only-over-the-vpn',
    'The VPC has no internet gateway, NAT gateway or public address, and workloads in the security group accept only the sites networks',
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
