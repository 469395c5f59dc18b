import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';
import { asList, type Json, tagOf, zoneIndexOf, routeTableOf } from '../../../generators/check/claims/template-queries.ts';

const FIREWALL_QUOTA = 5;
const RFC1918 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

const ref = (v: unknown): string => (v as { Ref?: string } | undefined)?.Ref ?? '';
const getAtt = (v: unknown): string => ((v as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt'] ?? [''])[0];

type Res = ReturnType<ClaimContext['resources']>[number];

/** The subnets of one subnet group (Public, Firewall, Attachment, Workload) of one VPC construct. */
function subnets(t: ClaimContext, owner: string, group: string): Res[] {
  return t
    .resources('AWS::EC2::Subnet')
    .filter((s) => s.id.startsWith(`${owner}Vpc`) && tagOf(s.Properties, 'aws-cdk:subnet-name') === group);
}

function routesOf(t: ClaimContext, subnetId: string): Res[] {
  const table = routeTableOf(t, subnetId);
  return t.resources('AWS::EC2::Route').filter((r) => ref(r.Properties?.['RouteTableId']) === table);
}

/** The spokes as the parameter lists them: name, construct owner and CIDR block. */
function spokesOf(t: ClaimContext): { name: string; owner: string; cidr: string }[] {
  return String(t.parameters['spokes'])
    .split(',')
    .map((pair) => {
      const [name = '', cidr = ''] = pair.split('=');
      const owner = `Spoke${name
        .split('-')
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
        .join('')}`;
      return { name, owner, cidr };
    });
}

function attachmentOf(t: ClaimContext, owner: string): string {
  const found = t.resources('AWS::EC2::TransitGatewayAttachment').filter((a) => a.id.startsWith(`${owner}Attachment`));
  assert.equal(found.length, 1, `${owner} has not exactly one transit gateway attachment`);
  return found[0]?.id ?? '';
}

function links(t: ClaimContext, type: string, attachment: string): string[] {
  return t
    .resources(type)
    .filter((l) => ref(l.Properties?.['TransitGatewayAttachmentId']) === attachment)
    .map((l) => ref(l.Properties?.['TransitGatewayRouteTableId']))
    .sort();
}

function tgwRoutes(t: ClaimContext, table: string): Json[] {
  return t
    .resources('AWS::EC2::TransitGatewayRoute')
    .map((r) => r.Properties ?? {})
    .filter((p) => ref(p['TransitGatewayRouteTableId']) === table);
}

/** The transit gateway route table that the spokes are associated with. */
function spokesTableOf(t: ClaimContext): string {
  const tables = new Set(spokesOf(t).flatMap((s) => links(t, 'AWS::EC2::TransitGatewayRouteTableAssociation', attachmentOf(t, s.owner))));
  assert.equal(tables.size, 1, 'the spokes are not associated with one route table');
  return [...tables][0] ?? '';
}

/** The attachment that the spokes' default route leads to: the egress or inspection VPC. */
function hubAttachmentOf(t: ClaimContext): Res {
  const defaults = tgwRoutes(t, spokesTableOf(t)).filter((r) => r['DestinationCidrBlock'] === '0.0.0.0/0');
  assert.equal(defaults.length, 1, "the spokes' table has no single default route");
  const id = ref(defaults[0]?.['TransitGatewayAttachmentId']);
  const attachment = t.resources('AWS::EC2::TransitGatewayAttachment').find((a) => a.id === id);
  assert.ok(attachment, "the spokes' default route does not lead to an attachment of this stack");
  return attachment;
}

/** The firewall a route's VpcEndpointId names, through Fn::Select/Fn::Split of its EndpointIds. */
function firewallOfEndpoint(value: unknown): string {
  const outer = (value as { 'Fn::Select'?: [number, unknown] } | undefined)?.['Fn::Select'];
  const split = (outer?.[1] as { 'Fn::Split'?: [string, unknown] } | undefined)?.['Fn::Split'];
  const inner = (split?.[1] as { 'Fn::Select'?: [number, unknown] } | undefined)?.['Fn::Select'];
  const att = (inner?.[1] as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt'];
  if (outer?.[0] !== 1 || split?.[0] !== ':' || inner?.[0] !== 0 || att?.[1] !== 'EndpointIds') return '';
  return att[0];
}

function firewalls(t: ClaimContext): Res[] {
  const found = t.resources('AWS::NetworkFirewall::Firewall');
  assert.ok(found.length > 0, 'there is no Network Firewall firewall');
  return found;
}

/** The zone index of a firewall's only subnet. */
function firewallZone(t: ClaimContext, firewall: Res): number {
  const mappings = asList(firewall.Properties?.['SubnetMappings']) as Json[];
  assert.equal(mappings.length, 1, `firewall ${firewall.id} has not exactly one subnet, so its endpoint cannot be told apart by zone`);
  return zoneIndexOf(t, ref(mappings[0]?.['SubnetId']));
}

function policyOf(t: ClaimContext): { id: string; body: Json } {
  const policies = t.resources('AWS::NetworkFirewall::FirewallPolicy');
  assert.equal(policies.length, 1, 'there is not exactly one firewall policy');
  const policy = policies[0] as Res;
  for (const f of firewalls(t)) {
    assert.equal(getAtt(f.Properties?.['FirewallPolicyArn']), policy.id, `firewall ${f.id} does not use the policy`);
  }
  return { id: policy.id, body: (policy.Properties?.['FirewallPolicy'] ?? {}) as Json };
}

/** The stateful rule groups the policy references, with their priority, in priority order. */
function ruleGroupsOf(t: ClaimContext): { group: Res; priority: number }[] {
  const refs = asList(policyOf(t).body['StatefulRuleGroupReferences']) as Json[];
  return refs
    .map((r) => {
      const group = t.resources('AWS::NetworkFirewall::RuleGroup').find((g) => g.id === getAtt(r['ResourceArn']));
      assert.ok(group, 'the policy references a rule group this stack does not create');
      return { group, priority: Number(r['Priority']) };
    })
    .sort((a, b) => a.priority - b.priority);
}

function domainGroup(t: ClaimContext): Json {
  const found = ruleGroupsOf(t).filter((g) => (g.group.Properties?.['RuleGroup'] as Json | undefined)?.['RulesSource'] !== undefined)
    .map((g) => g.group)
    .find((g) => ((g.Properties?.['RuleGroup'] as Json)['RulesSource'] as Json)['RulesSourceList'] !== undefined);
  assert.ok(found, 'the policy has no domain list rule group');
  return found.Properties ?? {};
}

const sorted = (v: unknown): string[] => (asList(v) as string[]).map(String).sort();

export default [
  claim(
    'zonal-inspection-path',
    "In every zone the transit gateway's attachment subnet sends everything to that zone's firewall endpoint, the firewall subnet sends internet traffic to that zone's NAT gateway and spoke traffic back to the transit gateway, and replies to the spokes return through the same endpoint",
    (t) => {
      const azCount = Number(t.parameters['azCount']);
      const fws = firewalls(t);
      const attachmentSubnets = subnets(t, 'Inspection', 'Attachment');
      const firewallSubnets = subnets(t, 'Inspection', 'Firewall');
      const publicSubnets = subnets(t, 'Inspection', 'Public');
      assert.equal(attachmentSubnets.length, azCount, 'not one attachment subnet per zone');
      assert.equal(firewallSubnets.length, azCount, 'not one firewall subnet per zone');
      const endpointZone = (route: Res | undefined): number => {
        const fw = fws.find((f) => f.id === firewallOfEndpoint(route?.Properties?.['VpcEndpointId']));
        assert.ok(fw, `route ${route?.id} does not lead to the endpoint of a firewall of this stack`);
        return firewallZone(t, fw);
      };
      const nats = t.resources('AWS::EC2::NatGateway');
      for (const subnet of attachmentSubnets) {
        const zone = zoneIndexOf(t, subnet.id);
        const routes = routesOf(t, subnet.id);
        assert.equal(routes.length, 1, `attachment subnet ${subnet.id} has routes besides the default route to the firewall`);
        assert.equal(routes[0]?.Properties?.['DestinationCidrBlock'], '0.0.0.0/0');
        assert.equal(endpointZone(routes[0]), zone, `attachment subnet ${subnet.id} uses the firewall endpoint of another zone`);
      }
      const returnRanges = new Set<string>();
      for (const subnet of firewallSubnets) {
        const zone = zoneIndexOf(t, subnet.id);
        const routes = routesOf(t, subnet.id);
        const defaults = routes.filter((r) => r.Properties?.['DestinationCidrBlock'] === '0.0.0.0/0');
        assert.equal(defaults.length, 1, `firewall subnet ${subnet.id} has no single default route`);
        const nat = nats.find((n) => n.id === ref(defaults[0]?.Properties?.['NatGatewayId']));
        assert.ok(nat, `firewall subnet ${subnet.id} does not send internet traffic to a NAT gateway`);
        assert.equal(zoneIndexOf(t, ref(nat.Properties?.['SubnetId'])), zone, `firewall subnet ${subnet.id} uses the NAT gateway of another zone`);
        for (const r of routes.filter((x) => ref(x.Properties?.['TransitGatewayId']) !== '')) {
          returnRanges.add(String(r.Properties?.['DestinationCidrBlock']));
        }
      }
      for (const range of RFC1918.filter((r) => r !== t.parameters['inspectionVpcCidr'])) {
        assert.ok(returnRanges.has(range), `the firewall subnets do not send ${range} back to the transit gateway`);
      }
      for (const subnet of publicSubnets) {
        const zone = zoneIndexOf(t, subnet.id);
        const back = routesOf(t, subnet.id).filter((r) => r.Properties?.['VpcEndpointId'] !== undefined);
        assert.deepEqual(back.map((r) => String(r.Properties?.['DestinationCidrBlock'])).sort(), [...returnRanges].sort(), `public subnet ${subnet.id} does not return every spoke range through the firewall`);
        for (const r of back) assert.equal(endpointZone(r), zone, `public subnet ${subnet.id} returns replies through another zone's endpoint`);
        assert.ok(!routesOf(t, subnet.id).some((r) => ref(r.Properties?.['TransitGatewayId']) !== ''), `public subnet ${subnet.id} sends replies to the transit gateway without inspection`);
      }
      for (const owner of ['Inspection', ...spokesOf(t).map((s) => s.owner)]) {
        const attachment = t.resources('AWS::EC2::TransitGatewayAttachment').find((a) => a.id === attachmentOf(t, owner));
        const zones = asList(attachment?.Properties?.['SubnetIds']).map((s) => zoneIndexOf(t, ref(s))).sort();
        assert.deepEqual(zones, Array.from({ length: azCount }, (_, i) => i), `${owner} is not attached in every zone`);
      }
    },
  ),

  claim('appliance-mode', "The attachment that the spokes' traffic goes to runs in appliance mode, so both directions of a flow use one zone's firewall endpoint", (t) => {
    const hub = hubAttachmentOf(t);
    const options = (hub.Properties?.['Options'] ?? {}) as Json;
    assert.equal(options['ApplianceModeSupport'], 'enable', `attachment ${hub.id} is not in appliance mode`);
  }),

  claim(
    'spokes-only-via-firewall',
    "The spokes' route table sends the internet and every spoke CIDR to the inspection VPC by static routes, with no blackhole and no propagation that could route around the firewall; the inspection VPC's table learns every spoke",
    (t) => {
      const table = spokesTableOf(t);
      const hub = hubAttachmentOf(t).id;
      const routes = tgwRoutes(t, table);
      assert.ok(!routes.some((r) => r['Blackhole'] === true), "the spokes' table blackholes traffic instead of sending it to the firewall");
      assert.deepEqual(
        t.resources('AWS::EC2::TransitGatewayRouteTablePropagation').filter((l) => ref(l.Properties?.['TransitGatewayRouteTableId']) === table).map((l) => l.id),
        [],
        "an attachment propagates into the spokes' table, which routes around the firewall",
      );
      for (const r of routes) assert.equal(ref(r['TransitGatewayAttachmentId']), hub, `route ${String(r['DestinationCidrBlock'])} does not lead to the inspection VPC`);
      const destinations = routes.map((r) => String(r['DestinationCidrBlock'])).sort();
      assert.deepEqual(destinations, ['0.0.0.0/0', ...spokesOf(t).map((s) => s.cidr)].sort(), "the spokes' table lacks a static route for a spoke");
      const hubTables = links(t, 'AWS::EC2::TransitGatewayRouteTableAssociation', hub);
      assert.equal(hubTables.length, 1);
      for (const spoke of spokesOf(t)) {
        assert.ok(links(t, 'AWS::EC2::TransitGatewayRouteTablePropagation', attachmentOf(t, spoke.owner)).includes(hubTables[0] ?? ''), `spoke ${spoke.name} is not propagated to the inspection table`);
      }
    },
  ),

  claim(
    'strict-order-drop-default',
    'Every firewall uses one policy in strict rule order that sends every packet to the stateful engine, drops and alerts on established flows no rule passes (not drop_strict, which would hide the SNI), and decides spoke-to-spoke traffic before any egress rule',
    (t) => {
      const { body } = policyOf(t);
      const engine = (body['StatefulEngineOptions'] ?? {}) as Json;
      assert.equal(engine['RuleOrder'], 'STRICT_ORDER');
      assert.deepEqual(sorted(body['StatefulDefaultActions']), ['aws:alert_established', 'aws:drop_established']);
      assert.deepEqual(asList(body['StatelessDefaultActions']), ['aws:forward_to_sfe']);
      assert.deepEqual(asList(body['StatelessFragmentDefaultActions']), ['aws:forward_to_sfe']);
      assert.equal(body['StatelessRuleGroupReferences'], undefined, 'stateless rules could pass traffic around the stateful engine');
      const groups = ruleGroupsOf(t);
      assert.equal(new Set(groups.map((g) => g.priority)).size, groups.length, 'two rule groups share a priority');
      for (const { group } of groups) {
        const rg = (group.Properties?.['RuleGroup'] ?? {}) as Json;
        assert.equal((rg['StatefulRuleOptions'] as Json | undefined)?.['RuleOrder'], 'STRICT_ORDER', `rule group ${group.id} is not in strict order`);
      }
      const first = ((groups[0]?.group.Properties?.['RuleGroup'] as Json)['RulesSource'] as Json)['RulesString'];
      const action = t.parameters['spokeToSpoke'] === true ? 'pass' : 'drop';
      assert.match(String(first), new RegExp(`^${action} ip \\$SPOKES any -> \\$SPOKES any \\(`, 'u'), `the first rule group does not ${action} traffic between spokes`);
    },
  ),

  claim('home-net-is-spokes', "HOME_NET is the spokes' CIDR blocks in the policy and in the domain rule group, and the spoke rule's SPOKES set is the same, so rules match traffic from the spokes", (t) => {
    const spokes = spokesOf(t).map((s) => s.cidr).sort();
    const policyVars = ((policyOf(t).body['PolicyVariables'] as Json | undefined)?.['RuleVariables'] ?? {}) as Json;
    assert.deepEqual(sorted((policyVars['HOME_NET'] as Json | undefined)?.['Definition']), spokes, 'the policy HOME_NET is not the spokes');
    const domainVars = (((domainGroup(t)['RuleGroup'] as Json)['RuleVariables'] as Json | undefined)?.['IPSets'] ?? {}) as Json;
    assert.deepEqual(sorted((domainVars['HOME_NET'] as Json | undefined)?.['Definition']), spokes, 'the domain rule group HOME_NET is not the spokes');
    const first = ruleGroupsOf(t)[0]?.group.Properties?.['RuleGroup'] as Json;
    const sets = ((first['RuleVariables'] as Json | undefined)?.['IPSets'] ?? {}) as Json;
    assert.deepEqual(sorted((sets['SPOKES'] as Json | undefined)?.['Definition']), spokes, 'the SPOKES set is not the spokes');
  }),

  claim('egress-domain-allowlist', 'Egress is allowed only to the domains of allowedDomains, matched on the TLS SNI and the HTTP Host header, in a rule group with room for all of them', (t) => {
    const group = domainGroup(t);
    const list = (((group['RuleGroup'] as Json)['RulesSource'] as Json)['RulesSourceList'] ?? {}) as Json;
    assert.equal(list['GeneratedRulesType'], 'ALLOWLIST');
    assert.deepEqual(sorted(list['TargetTypes']), ['HTTP_HOST', 'TLS_SNI']);
    const domains = String(t.parameters['allowedDomains']).split(',').map((d) => d.trim()).filter((d) => d !== '');
    assert.deepEqual(sorted(list['Targets']), [...domains].sort(), 'the rule group does not list exactly allowedDomains');
    assert.ok(Number(group['Capacity']) >= 2 * domains.length, 'the rule group capacity is too small for the domains on two target types');
  }),

  claim(
    'firewall-logs-retained',
    'Every firewall writes alert logs and flow logs to log groups kept when the stack is deleted, for logRetentionDays, and the transit gateway flow log goes to a retained group too',
    (t) => {
      const groups = t.resources('AWS::Logs::LogGroup');
      const keptGroup = (name: unknown): void => {
        const group = groups.find((g) => g.id === ref(name));
        assert.ok(group, 'a log destination is not a log group of this stack');
        assert.equal(group.DeletionPolicy, 'Retain', `log group ${group.id} is deleted with the stack`);
        assert.equal(group.Properties?.['RetentionInDays'], t.parameters['logRetentionDays'], `log group ${group.id} keeps logs for another period`);
      };
      const configs = t.resources('AWS::NetworkFirewall::LoggingConfiguration');
      for (const fw of firewalls(t)) {
        const config = configs.find((c) => getAtt(c.Properties?.['FirewallArn']) === fw.id);
        assert.ok(config, `firewall ${fw.id} has no logging configuration`);
        const destinations = asList(((config.Properties?.['LoggingConfiguration'] ?? {}) as Json)['LogDestinationConfigs']) as Json[];
        assert.deepEqual(destinations.map((d) => d['LogType']).sort(), ['ALERT', 'FLOW'], `firewall ${fw.id} does not log both alerts and flows`);
        for (const d of destinations) {
          assert.equal(d['LogDestinationType'], 'CloudWatchLogs');
          keptGroup((d['LogDestination'] as Json)['logGroup']);
        }
      }
      const tgwLog = t.resources('AWS::EC2::FlowLog').find((l) => l.Properties?.['ResourceType'] === 'TransitGateway');
      assert.ok(tgwLog, 'there is no transit gateway flow log');
      keptGroup(tgwLog.Properties?.['LogGroupName']);
    },
  ),

  claim('firewall-delete-protection', 'Every firewall has delete protection as firewallDeleteProtection says (on by default) and subnet change protection on', (t) => {
    for (const fw of firewalls(t)) {
      const p = fw.Properties ?? {};
      assert.equal(p['DeleteProtection'], t.parameters['firewallDeleteProtection'] === true, `firewall ${fw.id} delete protection differs from the parameter`);
      assert.equal(p['SubnetChangeProtection'], true, `firewall ${fw.id} lets its subnets change`);
    }
  }),

  claim('firewalls-within-quota', 'The stack creates one single-endpoint firewall per Availability Zone, at most three of the five a Region allows by default, and one Elastic IP address per zone', (t) => {
    const fws = firewalls(t);
    const azCount = Number(t.parameters['azCount']);
    assert.equal(fws.length, azCount, 'not one firewall per zone');
    assert.deepEqual(fws.map((f) => firewallZone(t, f)).sort(), Array.from({ length: azCount }, (_, i) => i), 'two firewalls share a zone');
    assert.ok(fws.length <= 3 && fws.length < FIREWALL_QUOTA, `${fws.length} firewalls leave no room in the default quota of ${FIREWALL_QUOTA}`);
    assert.equal(t.resources('AWS::EC2::EIP').length, azCount, 'not one Elastic IP address per zone');
  }),
];
