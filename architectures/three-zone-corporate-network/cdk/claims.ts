import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';
import { flatten, ingressRules, type Json, tagOf, zoneIndexOf, routeTableOf } from '../../../generators/check/claims/template-queries.ts';

type Zone = 'Dmz' | 'App' | 'Data';
const ZONES: readonly Zone[] = ['Dmz', 'App', 'Data'];
const ANYWHERE = '0.0.0.0/0';
const QUOTA = 20;

const ref = (v: unknown): string => (v as { Ref?: string } | undefined)?.Ref ?? '';
const getAtt = (v: unknown): string => (v as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt']?.[0] ?? '';

/** The subnets of one zone, by the subnet group name CDK tags them with. */
function subnets(t: ClaimContext, zone: Zone) {
  return t.resources('AWS::EC2::Subnet').filter((s) => tagOf(s.Properties, 'aws-cdk:subnet-name') === zone);
}

function routesIn(t: ClaimContext, routeTable: string): Json[] {
  return t
    .resources('AWS::EC2::Route')
    .map((r) => r.Properties ?? {})
    .filter((p) => ref(p['RouteTableId']) === routeTable);
}

/** A CIDR block per zone: the quarter of the VPC CIDR that holds the zone's subnets. */
function zoneCidr(t: ClaimContext, zone: Zone): string {
  const [vpc] = t.resources('AWS::EC2::VPC');
  const [base, prefix] = String(vpc?.Properties?.['CidrBlock']).split('/');
  const octets = String(base).split('.').map(Number);
  const address = octets.reduce((n, o) => n * 256 + o, 0);
  const quarter = Number(prefix) + 2;
  const start = address + ZONES.indexOf(zone) * 2 ** (32 - quarter);
  return `${[24, 16, 8, 0].map((s) => Math.floor(start / 2 ** s) % 256).join('.')}/${quarter}`;
}

interface AclEntry {
  readonly rule: number;
  readonly action: string;
  readonly cidr: string;
  readonly protocol: number;
  readonly from?: number;
  readonly to?: number;
  readonly icmp?: { Type: number; Code: number };
}

/** The entries of the network ACL of one zone in one direction, in rule order. */
function aclEntries(t: ClaimContext, zone: Zone, egress: boolean): AclEntry[] {
  const acl = t.resources('AWS::EC2::NetworkAcl').find((a) => a.id.startsWith(`${zone}NetworkAcl`));
  assert.ok(acl, `the ${zone} zone has no network ACL of its own`);
  return t
    .resources('AWS::EC2::NetworkAclEntry')
    .map((e) => e.Properties ?? {})
    .filter((p) => ref(p['NetworkAclId']) === acl.id && p['Egress'] === egress)
    .map((p) => {
      const range = p['PortRange'] as { From: number; To: number } | undefined;
      return {
        rule: Number(p['RuleNumber']),
        action: String(p['RuleAction']),
        cidr: String(p['CidrBlock']),
        protocol: Number(p['Protocol']),
        ...(range ? { from: range.From, to: range.To } : {}),
        ...(p['Icmp'] ? { icmp: p['Icmp'] as { Type: number; Code: number } } : {}),
      };
    })
    .sort((a, b) => a.rule - b.rule);
}

/** The first entry that matches TCP traffic on `port` from or to an address inside `cidr`. */
function firstTcpMatch(entries: readonly AclEntry[], cidr: string, port: number): AclEntry | undefined {
  return entries.find(
    (e) =>
      (e.cidr === cidr || e.cidr === ANYWHERE) &&
      (e.protocol === -1 || (e.protocol === 6 && (e.from ?? 0) <= port && port <= (e.to ?? 65535))),
  );
}

function securityGroup(t: ClaimContext, description: RegExp): string {
  const found = t
    .resources('AWS::EC2::SecurityGroup')
    .filter((g) => description.test(String(g.Properties?.['GroupDescription'])));
  assert.equal(found.length, 1, `expected one security group described like ${String(description)}`);
  return found[0]?.id ?? '';
}

/** Whether a value uses Fn::FindInMap anywhere but inside a branch of Fn::If, where a missing key is never looked up. */
function findInMapOutsideIf(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(findInMapOutsideIf);
  if (typeof value !== 'object' || value === null) return false;
  if ('Fn::FindInMap' in value) return true;
  if ('Fn::If' in value) return false;
  return Object.values(value).some(findInMapOutsideIf);
}

/** The [condition, mapping] pairs of every Fn::If whose branch looks a key up in a mapping. */
function guardedLookups(value: unknown): [string, string][] {
  if (Array.isArray(value)) return value.flatMap(guardedLookups);
  if (typeof value !== 'object' || value === null) return [];
  if ('Fn::If' in value) {
    const [condition, ...branches] = value['Fn::If'] as [string, unknown, unknown];
    const maps = JSON.stringify(branches).match(/"Fn::FindInMap":\["([^"]+)"/gu) ?? [];
    return maps.map((m): [string, string] => [condition, m.slice('"Fn::FindInMap":["'.length, -1)]);
  }
  return Object.values(value).flatMap(guardedLookups);
}

const dataPortsOf = (t: ClaimContext): number[] => String(t.parameters['dataPorts']).split(',').map(Number);

export default [
  claim('subnets-in-every-az', 'Each of the three zones has one subnet in every Availability Zone the network uses', (t) => {
    const azCount = Number(t.parameters['azCount']);
    for (const zone of ZONES) {
      const indexes = subnets(t, zone)
        .map((s) => zoneIndexOf(t, s.id))
        .sort();
      assert.deepEqual(
        indexes,
        Array.from({ length: azCount }, (_, i) => i),
        `the ${zone} zone does not have exactly one subnet in each of the ${azCount} Availability Zones`,
      );
    }
  }),

  claim(
    'nat-gateway-per-az',
    'With natGatewayPerAz on, every Availability Zone has its own NAT gateway and the application subnets of a zone send internet traffic to the one in their zone',
    (t) => {
      const nats = t.resources('AWS::EC2::NatGateway');
      const dmz = subnets(t, 'Dmz').map((s) => s.id);
      for (const nat of nats) {
        assert.ok(dmz.includes(ref(nat.Properties?.['SubnetId'])), `NAT gateway ${nat.id} is not in a DMZ subnet`);
      }
      const perAz = t.parameters['natGatewayPerAz'] === true;
      assert.equal(nats.length, perAz ? Number(t.parameters['azCount']) : 1, 'wrong number of NAT gateways');
      for (const subnet of subnets(t, 'App')) {
        const defaults = routesIn(t, routeTableOf(t, subnet.id)).filter((r) => r['DestinationCidrBlock'] === ANYWHERE);
        assert.equal(defaults.length, 1, `app subnet ${subnet.id} has no single default route`);
        const nat = nats.find((n) => n.id === ref(defaults[0]?.['NatGatewayId']));
        assert.ok(nat, `app subnet ${subnet.id} does not send internet traffic to a NAT gateway`);
        if (perAz) {
          assert.equal(
            zoneIndexOf(t, ref(nat.Properties?.['SubnetId'])),
            zoneIndexOf(t, subnet.id),
            `app subnet ${subnet.id} uses a NAT gateway in another Availability Zone`,
          );
        }
      }
    },
  ),

  claim('data-zone-no-internet-route', 'The data zone has no route to the internet, through NAT or otherwise', (t) => {
    for (const subnet of subnets(t, 'Data')) {
      assert.equal(subnet.Properties?.['MapPublicIpOnLaunch'] ?? false, false, `data subnet ${subnet.id} hands out public addresses`);
      // Only the local route and the gateway endpoints' prefix lists, which are not AWS::EC2::Route resources.
      assert.deepEqual(routesIn(t, routeTableOf(t, subnet.id)), [], `data subnet ${subnet.id} has a route out of the VPC`);
    }
  }),

  claim(
    'app-zone-gateway-endpoints',
    'The application zone reaches S3 and DynamoDB through gateway endpoints, not through NAT',
    (t) => {
      const gateways = t
        .resources('AWS::EC2::VPCEndpoint')
        .filter((e) => e.Properties?.['VpcEndpointType'] === 'Gateway');
      for (const subnet of subnets(t, 'App')) {
        const table = routeTableOf(t, subnet.id);
        for (const service of ['s3', 'dynamodb']) {
          const serving = gateways.filter(
            (g) =>
              flatten(g.Properties?.['ServiceName']).endsWith(`.${service}`) &&
              (g.Properties?.['RouteTableIds'] as unknown[]).map(ref).includes(table),
          );
          assert.equal(serving.length, 1, `app subnet ${subnet.id} has no ${service} gateway endpoint route`);
          assert.equal(
            serving[0]?.Properties?.['PolicyDocument'],
            undefined,
            `the ${service} endpoint of the app zone limits which resources the app zone may use`,
          );
        }
      }
    },
  ),

  claim(
    'interface-endpoints-open-to-app-zone',
    'Every interface endpoint answers on private DNS and accepts HTTPS from the application zone',
    (t) => {
      const app = zoneCidr(t, 'App');
      const rules = ingressRules(t.template);
      for (const endpoint of t
        .resources('AWS::EC2::VPCEndpoint')
        .filter((e) => e.Properties?.['VpcEndpointType'] === 'Interface')) {
        assert.equal(endpoint.Properties?.['PrivateDnsEnabled'], true, `${endpoint.id} has no private DNS name`);
        const groups = (endpoint.Properties['SecurityGroupIds'] as unknown[]).map(getAtt);
        assert.ok(
          rules.some(
            ({ group, rule }) =>
              groups.includes(group) && rule.CidrIp === app && rule.IpProtocol === 'tcp' && rule.FromPort === 443,
          ),
          `${endpoint.id} does not accept 443 from the application zone ${app}`,
        );
      }
    },
  ),

  claim(
    'zones-kept-apart',
    'The DMZ and the data zone cannot exchange any traffic, and each zone accepts connections only from the zone in front of it',
    (t) => {
      const [dmz, data] = [zoneCidr(t, 'Dmz'), zoneCidr(t, 'Data')];
      for (const egress of [false, true]) {
        const [dmzFirst] = aclEntries(t, 'Dmz', egress);
        assert.deepEqual([dmzFirst?.action, dmzFirst?.protocol, dmzFirst?.cidr], ['deny', -1, data], 'the DMZ NACL does not deny the data zone first');
        const [dataFirst] = aclEntries(t, 'Data', egress);
        assert.deepEqual([dataFirst?.action, dataFirst?.protocol, dataFirst?.cidr], ['deny', -1, dmz], 'the data NACL does not deny the DMZ first');
      }
      const lb = securityGroup(t, /^DMZ load balancer/);
      const app = securityGroup(t, /^Application zone/);
      const dataSg = securityGroup(t, /^Data zone/);
      const rules = ingressRules(t.template);
      for (const [group, from] of [
        [app, lb],
        [dataSg, app],
      ] as const) {
        const into = rules.filter((r) => r.group === group);
        assert.ok(into.length > 0, `security group ${group} accepts nothing`);
        for (const { rule } of into) {
          assert.equal(getAtt(rule.SourceSecurityGroupId), from, `security group ${group} accepts traffic from outside ${from}`);
        }
      }
      const appPorts = rules.filter((r) => r.group === app).map((r) => r.rule.FromPort);
      assert.deepEqual(appPorts, [Number(t.parameters['appPort'])], 'the app security group accepts more than appPort');
      const dataPorts = rules
        .filter((r) => r.group === dataSg)
        .map((r) => r.rule.FromPort)
        .sort();
      assert.deepEqual(dataPorts, [...dataPortsOf(t)].sort(), 'the data security group accepts other ports than dataPorts');
    },
  ),

  claim(
    'app-data-paths-open',
    'The network ACLs let the DMZ reach appPort and the application zone reach every data port, with the replies allowed back',
    (t) => {
      const [dmz, app, data] = [zoneCidr(t, 'Dmz'), zoneCidr(t, 'App'), zoneCidr(t, 'Data')];
      const allows = (entries: AclEntry[], cidr: string, port: number, what: string): void => {
        assert.equal(firstTcpMatch(entries, cidr, port)?.action, 'allow', `${what} is not allowed by the NACLs`);
      };
      const appPort = Number(t.parameters['appPort']);
      allows(aclEntries(t, 'Dmz', true), app, appPort, `DMZ to app port ${appPort}`);
      allows(aclEntries(t, 'App', false), dmz, appPort, `app port ${appPort} from the DMZ`);
      allows(aclEntries(t, 'App', true), dmz, 1024, 'replies from the app zone to the DMZ');
      allows(aclEntries(t, 'Dmz', false), app, 1024, 'replies into the DMZ from the app zone');
      for (const port of dataPortsOf(t)) {
        allows(aclEntries(t, 'App', true), data, port, `app to data port ${port}`);
        allows(aclEntries(t, 'Data', false), app, port, `data port ${port} from the app zone`);
      }
      allows(aclEntries(t, 'Data', true), app, 1024, 'replies from the data zone to the app zone');
      allows(aclEntries(t, 'App', false), data, 1024, 'replies into the app zone from the data zone');
    },
  ),

  claim(
    'path-mtu-discovery',
    'Every network ACL lets ICMP fragmentation-needed messages in and out, so path MTU discovery works over a transit gateway or VPN',
    (t) => {
      for (const zone of ZONES) {
        for (const egress of [false, true]) {
          const entries = aclEntries(t, zone, egress);
          const icmp = entries.find(
            (e) => e.action === 'allow' && e.protocol === 1 && e.icmp?.Type === 3 && e.icmp.Code === 4 && e.cidr === ANYWHERE,
          );
          assert.ok(icmp, `the ${zone} NACL does not allow ICMP type 3 code 4 ${egress ? 'out' : 'in'} from any address`);
          const earlierDeny = entries.find((e) => e.rule < icmp.rule && e.action === 'deny' && e.cidr === ANYWHERE);
          assert.equal(earlierDeny, undefined, `the ${zone} NACL denies all addresses before it allows ICMP type 3 code 4`);
        }
      }
    },
  ),

  claim('nacl-rules-within-quota', 'Every network ACL fits the default quota of 20 rules in each direction', (t) => {
    for (const zone of ZONES) {
      for (const egress of [false, true]) {
        const count = aclEntries(t, zone, egress).length;
        assert.ok(count <= QUOTA, `the ${zone} NACL has ${count} ${egress ? 'outbound' : 'inbound'} rules, more than ${QUOTA}`);
      }
    }
  }),

  claim(
    'data-ports-cap-fits-quota',
    'dataPorts accepts at most 14 ports, and with 14 every network ACL still fits 20 rules in each direction',
    { variants: ['max-data-ports'] },
    (t) => {
      assert.equal(dataPortsOf(t).length, 14, 'the max-data-ports variant does not list 14 ports');
      const yaml = t.file('architecture.yaml');
      const pattern = /- name: dataPorts\n(?: {4}.*\n)*? {4}pattern: (.+)\n/u.exec(yaml)?.[1];
      assert.ok(pattern, 'architecture.yaml has no pattern for dataPorts');
      const re = new RegExp(pattern, 'u');
      const ports = (n: number) => Array.from({ length: n }, (_, i) => 1000 + i).join(',');
      assert.ok(re.test(ports(14)), 'the dataPorts pattern refuses 14 ports');
      assert.ok(!re.test(ports(15)), 'the dataPorts pattern accepts 15 ports, which the network ACL quota cannot hold');
      const appOut = aclEntries(t, 'App', true).length;
      assert.equal(appOut, QUOTA, `with 14 data ports the app zone's outbound NACL has ${appOut} rules, not exactly ${QUOTA}`);
    },
  ),

  claim(
    'only-load-balancer-exposed',
    'Only the DMZ load balancer can be reached from the internet; nothing else gets a public address or an open security group',
    (t) => {
      const lb = securityGroup(t, /^DMZ load balancer/);
      const open = ingressRules(t.template).filter(({ rule }) => rule.CidrIp === ANYWHERE || rule.CidrIpv6 === '::/0');
      for (const { group } of open) assert.equal(group, lb, `security group ${group} accepts connections from anywhere`);
      for (const subnet of t.resources('AWS::EC2::Subnet')) {
        assert.equal(subnet.Properties?.['MapPublicIpOnLaunch'] ?? false, false, `subnet ${subnet.id} hands out public addresses`);
      }
      const dmzTables = subnets(t, 'Dmz').map((s) => routeTableOf(t, s.id));
      for (const route of t.resources('AWS::EC2::Route')) {
        if (route.Properties?.['GatewayId'] !== undefined) {
          assert.ok(dmzTables.includes(ref(route.Properties['RouteTableId'])), `route ${route.id} outside the DMZ uses the internet gateway`);
        }
      }
      const [balancer, ...others] = t.resources('AWS::ElasticLoadBalancingV2::LoadBalancer');
      assert.equal(others.length, 0, 'more than one load balancer');
      const lbSubnets = (balancer?.Properties?.['Subnets'] as unknown[]).map(ref).sort();
      assert.deepEqual(lbSubnets, subnets(t, 'Dmz').map((s) => s.id).sort(), 'the load balancer is not in the DMZ subnets only');
      const attrs = (balancer?.Properties?.['LoadBalancerAttributes'] ?? []) as { Key: string; Value: string }[];
      assert.ok(
        attrs.some((a) => a.Key === 'routing.http.drop_invalid_header_fields.enabled' && a.Value === 'true'),
        'the load balancer does not drop invalid header fields',
      );
    },
  ),

  claim(
    'flow-log-covers-vpc',
    'One VPC flow log records the chosen traffic of every network interface into a log group that outlives the stack',
    (t) => {
      const logs = t.resources('AWS::EC2::FlowLog');
      assert.equal(logs.length, 1, 'not exactly one flow log');
      const [vpc] = t.resources('AWS::EC2::VPC');
      const p = logs[0]?.Properties ?? {};
      assert.deepEqual([p['ResourceType'], ref(p['ResourceId'])], ['VPC', vpc?.id], 'the flow log does not cover the whole VPC');
      assert.equal(p['TrafficType'], t.parameters['flowLogTrafficType'], 'the flow log records other traffic than flowLogTrafficType');
      const group = t.resources('AWS::Logs::LogGroup').find((g) => g.id === ref(p['LogGroupName']));
      assert.ok(group, 'the flow log does not write to a log group of this stack');
      assert.equal(group.DeletionPolicy, 'Retain', 'the flow log group is deleted with the stack');
      assert.equal(group.Properties?.['RetentionInDays'], t.parameters['flowLogRetentionDays'], 'the flow log group keeps logs for another period');
    },
  ),

  claim(
    'access-logs-kept',
    'The load balancer writes access logs in every Region to a private bucket that keeps them for 365 days and outlives the stack',
    (t) => {
      const [balancer] = t.resources('AWS::ElasticLoadBalancingV2::LoadBalancer');
      const attrs = (balancer?.Properties?.['LoadBalancerAttributes'] ?? []) as { Key: string; Value: unknown }[];
      assert.ok(attrs.some((a) => a.Key === 'access_logs.s3.enabled' && a.Value === 'true'), 'access logs are off');
      const bucketRef = attrs.find((a) => a.Key === 'access_logs.s3.bucket')?.Value;
      const bucket = t.resources('AWS::S3::Bucket').find((b) => b.id === ref(bucketRef));
      assert.ok(bucket, 'access logs do not go to a bucket of this stack');
      assert.equal(bucket.DeletionPolicy, 'Retain', 'the access log bucket is deleted with the stack');
      t.template.hasResourceProperties('AWS::S3::Bucket', {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        LifecycleConfiguration: { Rules: [{ ExpirationInDays: 365, Status: 'Enabled' }] },
      });
      // Regions newer than the library's Region facts deliver as this service principal, granted without a condition.
      const policy = t.resources('AWS::S3::BucketPolicy').find((p) => ref(p.Properties?.['Bucket']) === bucket.id);
      const statements = (policy?.Properties?.['PolicyDocument'] as { Statement: Json[] }).Statement;
      assert.ok(
        statements.some(
          (s) =>
            s['Effect'] === 'Allow' &&
            JSON.stringify(s['Principal']) === JSON.stringify({ Service: 'logdelivery.elasticloadbalancing.amazonaws.com' }) &&
            s['Action'] === 's3:PutObject',
        ),
        'the ELB log delivery service principal may not write to the bucket in every Region',
      );
      assert.ok(
        !findInMapOutsideIf(statements),
        'the bucket policy looks up the ELB account of a Region unconditionally, which fails in a Region missing from the map',
      );
      for (const [condition, mapName] of guardedLookups(statements)) {
        const conditions = (t.json['Conditions'] ?? {}) as Record<string, unknown>;
        const regions = new Set(JSON.stringify(conditions[condition] ?? {}).match(/[a-z]{2}(?:-[a-z]+)+-\d/gu));
        const mapped = Object.keys((t.json['Mappings'] as Record<string, Json>)[mapName] ?? {});
        assert.deepEqual([...regions].sort(), mapped.sort(), `condition ${condition} does not hold exactly for the Regions in ${mapName}`);
      }
    },
  ),

  claim(
    'health-response-over-http',
    'The load balancer answers /healthz with a fixed 200 over plain HTTP on its own name, which the smoke test uses in every configuration',
    (t) => {
      const http = t
        .resources('AWS::ElasticLoadBalancingV2::Listener')
        .find((l) => l.Properties?.['Port'] === 80 && l.Properties['Protocol'] === 'HTTP');
      assert.ok(http, 'there is no HTTP listener on port 80');
      t.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
        ListenerArn: { Ref: http.id },
        Priority: 1,
        Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/healthz'] } }],
        Actions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200', ContentType: 'text/plain', MessageBody: 'ok' } }],
      });
      const outputs = t.json['Outputs'] as Record<string, { Value: unknown }>;
      assert.match(flatten(outputs['SmokeTestUrl']?.Value), /^http:\/\/<.*>\/healthz$/u, 'SmokeTestUrl is not http://<load balancer name>/healthz');
      assert.match(t.file('architecture.yaml'), /url: \$\{outputs\.SmokeTestUrl\}/u, 'the smoke test does not use SmokeTestUrl');
    },
  ),

  claim(
    'https-listener',
    'With certificateArn, clients reach the listener over HTTPS with the certificate, plain HTTP redirects to it, and ListenerArn names it',
    { variants: ['https'] },
    (t) => {
      const https = t
        .resources('AWS::ElasticLoadBalancingV2::Listener')
        .find((l) => l.Properties?.['Port'] === 443 && l.Properties['Protocol'] === 'HTTPS');
      assert.ok(https, 'there is no HTTPS listener on 443');
      assert.deepEqual(https.Properties?.['Certificates'], [{ CertificateArn: t.parameters['certificateArn'] }], 'the HTTPS listener does not use certificateArn');
      t.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
        Port: 80,
        DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }],
      });
      const outputs = t.json['Outputs'] as Record<string, { Value: unknown }>;
      assert.deepEqual(outputs['ListenerArn']?.Value, { Ref: https.id }, 'ListenerArn does not name the HTTPS listener');
      assert.match(flatten(outputs['LoadBalancerUrl']?.Value), /^https:\/\//u, 'LoadBalancerUrl is not an https URL');
    },
  ),
];
