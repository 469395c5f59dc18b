import { labelOf } from '../vocabulary.ts';
import type { Node } from './collapse.ts';
import type { SubnetGroup, Tier } from './placement.ts';
import type { TemplateResource } from './template-refs.ts';

// The CDK ends logical ids with 8 hex digits of the construct path's hash; they tell a reader nothing.
const CDK_HASH = /(?<=[A-Za-z0-9])[0-9A-F]{8}$/u;

// Words the type names spell in a way a reader would not (Nat, Db).
const WORDS: Readonly<Record<string, string>> = { nat: 'NAT', db: 'DB', vpc: 'VPC', ip: 'IP', ssl: 'SSL', api: 'API' };

/** A logical id as a name: without the CDK's hash. */
export function nameOf(logicalId: string): string {
  return logicalId.replace(CDK_HASH, '');
}

/** The last part of a CloudFormation type as words: `AWS::ElasticLoadBalancingV2::LoadBalancer` is "load balancer". */
export function typeWords(type: string): string {
  const last = type.split('::').at(-1) ?? type;
  const words = last.match(/[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+/gu) ?? [last];
  return words.map((w) => WORDS[w.toLowerCase()] ?? (w === w.toUpperCase() ? w : w.toLowerCase())).join(' ');
}

/** A service group's heading: the registry's label for a service id, else the type's namespace. */
export function groupLabel(group: string): string {
  return group.includes('::') ? group : labelOf('service', group);
}

/**
 * A box's lines: its name (the logical id, or what the merged ids share, e.g. "Consumer…Queue"), then what
 * it is, with a count when several resources collapsed into it ("3 × queue"), prefixed by the service when
 * the box is not inside a box of its service.
 */
export function nodeLines(node: Node, inServiceBox: boolean): string[] {
  const names = node.units.map((u) => nameOf(u.id));
  const counts = new Map<string, number>();
  for (const u of node.units) counts.set(u.type, (counts.get(u.type) ?? 0) + 1);
  const what = [...counts].map(([type, n]) => (n > 1 ? `${n} × ${typeWords(type)}` : typeWords(type))).join(', ');
  const name = sharedName(names);
  // "Topic" over "topic" says it twice.
  const same = name.toLowerCase() === what.replaceAll(' ', '').toLowerCase();
  return [same ? '' : name, inServiceBox ? what : `${groupLabel(node.group)}: ${what}`];
}

/** A VPC's heading: its name and, when the template gives one, its CIDR block. */
export function vpcLabel(vpc: TemplateResource): string {
  const cidr = vpc.props['CidrBlock'];
  return `VPC ${nameOf(vpc.id)}${typeof cidr === 'string' ? ` ${cidr}` : ''}`;
}

const TIER_NAMES: Readonly<Record<Tier, string>> = { public: 'Public', private: 'Private', isolated: 'Isolated' };

/** A subnet group's heading: "Private subnets: Application, 2 × subnet". */
export function subnetGroupLabel(g: SubnetGroup): string {
  const n = g.subnets.length;
  return `${TIER_NAMES[g.tier]} subnets${g.name === undefined ? '' : `: ${g.name}`}, ${n} × subnet`;
}

/** What several names share: "Consumer…Queue" for ConsumerbillingQueue and ConsumeremailQueue; one name as it is. */
function sharedName(names: readonly string[]): string {
  const [first = ''] = names;
  if (names.length === 1) return first;
  let pre = 0;
  while (pre < first.length && names.every((n) => n[pre] === first[pre])) pre++;
  let post = 0;
  const fits = (n: string) => post < n.length - pre;
  while (post < first.length - pre && names.every((n) => fits(n) && n.at(-1 - post) === first.at(-1 - post))) post++;
  const head = pre >= 3 ? first.slice(0, pre) : '';
  const tail = post >= 3 ? first.slice(first.length - post) : '';
  return head === '' && tail === '' ? '' : `${head}…${tail}`;
}
