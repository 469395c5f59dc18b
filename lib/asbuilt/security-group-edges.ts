import { INTERNET, type ResourceEdge } from './flows.ts';
import { refsIn, type RefIndex, type TemplateResource } from './template-refs.ts';

/** One security group rule: traffic from a group (or anywhere) to a group, on a protocol and ports. */
interface Rule {
  readonly from: string | typeof INTERNET;
  readonly to: string;
  readonly label: string;
}

const SG = 'AWS::EC2::SecurityGroup';
const INGRESS = 'AWS::EC2::SecurityGroupIngress';
const EGRESS = 'AWS::EC2::SecurityGroupEgress';

/**
 * Edges from the security group rules of a template: for a rule from group A to group B (an ingress rule
 * on B naming A, or an egress rule on A naming B), an edge from each resource that uses A to each resource
 * that uses B, labelled with the protocol and ports. An ingress rule open to 0.0.0.0/0 or ::/0 is an edge
 * from the internet. A resource uses a group when it refers to it (other than as a rule).
 */
export function securityGroupEdges(resources: readonly TemplateResource[], refs: RefIndex): ResourceEdge[] {
  const ids = new Set(resources.map((r) => r.id));
  const groups = new Set(resources.filter((r) => r.type === SG).map((r) => r.id));
  const ruleIds = new Set(resources.filter((r) => r.type === INGRESS || r.type === EGRESS).map((r) => r.id));
  const group = (value: unknown) => refsIn(value, ids).find((id) => groups.has(id));
  const rules: Rule[] = [];
  const add = (from: string | typeof INTERNET | undefined, to: string | undefined, rule: Record<string, unknown>) => {
    if (from !== undefined && to !== undefined) rules.push({ from, to, label: ports(rule) });
  };
  const open = (rule: Record<string, unknown>) =>
    rule['CidrIp'] === '0.0.0.0/0' || rule['CidrIpv6'] === '::/0' ? INTERNET : undefined;
  for (const r of resources) {
    if (r.type === INGRESS)
      add(group(r.props['SourceSecurityGroupId']) ?? open(r.props), group(r.props['GroupId']), r.props);
    if (r.type === EGRESS) add(group(r.props['GroupId']), group(r.props['DestinationSecurityGroupId']), r.props);
    if (r.type !== SG) continue;
    for (const rule of list(r.props['SecurityGroupIngress']))
      add(group(rule['SourceSecurityGroupId']) ?? open(rule), r.id, rule);
    for (const rule of list(r.props['SecurityGroupEgress'])) add(r.id, group(rule['DestinationSecurityGroupId']), rule);
  }
  const users = (sg: string) => (refs.into.get(sg) ?? []).filter((id) => !ruleIds.has(id) && !groups.has(id));
  return rules.flatMap((rule) => {
    const sources: (string | typeof INTERNET)[] = rule.from === INTERNET ? [INTERNET] : users(rule.from);
    return sources.flatMap((from) =>
      users(rule.to).map((to): ResourceEdge => ({ from, to, kind: 'network', label: rule.label })),
    );
  });
}

/** "tcp 443", "tcp 1024-65535", "all traffic"; a port a parameter sets is left out ("tcp"). */
function ports(rule: Record<string, unknown>): string {
  const protocol = rule['IpProtocol'];
  if (protocol === '-1' || protocol === -1) return 'all traffic';
  const name = protocol === '6' ? 'tcp' : protocol === '17' ? 'udp' : typeof protocol === 'string' ? protocol : 'ip';
  const from = rule['FromPort'];
  const to = rule['ToPort'];
  if (typeof from !== 'number' || typeof to !== 'number') return name;
  if (name === 'icmp') return 'icmp';
  return from === to ? `${name} ${from}` : from === 0 && to === 65535 ? `all ${name}` : `${name} ${from}-${to}`;
}

function list(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value)
    ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null)
    : [];
}
