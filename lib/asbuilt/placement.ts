import type { RefIndex, TemplateResource } from './template-refs.ts';

/** How a subnet reaches the internet: through an internet gateway, through NAT or another hop, or not at all. */
export type Tier = 'public' | 'private' | 'isolated';

/** Subnets of one VPC with the same tier and CDK subnet group name: drawn as one box. */
export interface SubnetGroup {
  readonly key: string;
  readonly vpc: string;
  readonly tier: Tier;
  /** The CDK's `aws-cdk:subnet-name` tag, when it differs from the tier's name. */
  readonly name?: string;
  readonly subnets: readonly string[];
}

/** The VPCs of a template and their subnet groups, in template order. */
export interface Network {
  readonly vpcs: readonly TemplateResource[];
  readonly groups: readonly SubnetGroup[];
}

/** Where a drawn box sits: inside a subnet group, inside a VPC (spanning groups), or outside any VPC. */
export interface Place {
  readonly vpc?: string;
  readonly group?: string;
}

const TIER_ORDER: readonly Tier[] = ['public', 'private', 'isolated'];

/** Reads the VPCs and sorts their subnets into groups by tier, then by the CDK's subnet group name. */
export function readNetwork(resources: readonly TemplateResource[], refs: RefIndex): Network {
  const byId = new Map(resources.map((r) => [r.id, r]));
  const vpcs = resources.filter((r) => r.type === 'AWS::EC2::VPC');
  const vpcIds = new Set(vpcs.map((v) => v.id));
  const groups = new Map<string, { vpc: string; tier: Tier; name?: string; subnets: string[] }>();
  for (const subnet of resources.filter((r) => r.type === 'AWS::EC2::Subnet')) {
    const vpc = (refs.out.get(subnet.id) ?? []).find((id) => vpcIds.has(id));
    if (vpc === undefined) continue;
    const tier = tierOf(subnet, byId, refs);
    const tagged = tag(subnet, 'aws-cdk:subnet-name');
    const name = tagged !== undefined && tagged.toLowerCase() !== tier ? tagged : undefined;
    const key = `${vpc}\u0000${tier}\u0000${name ?? ''}`;
    const group = groups.get(key) ?? { vpc, tier, ...(name === undefined ? {} : { name }), subnets: [] };
    group.subnets.push(subnet.id);
    groups.set(key, group);
  }
  const order = (g: { vpc: string; tier: Tier }) =>
    vpcs.findIndex((v) => v.id === g.vpc) * TIER_ORDER.length + TIER_ORDER.indexOf(g.tier);
  const sorted = [...groups].map(([key, g]) => ({ key, ...g })).sort((a, b) => order(a) - order(b));
  return { vpcs, groups: sorted };
}

/**
 * Where a box with these member resources sits: in the one subnet group all the subnets its members refer
 * to belong to (a subnet group resource of its own, such as an RDS one, is a member); in a VPC when they span
 * groups, or when the members name only the VPC or a security group of it; otherwise outside any VPC.
 */
export function placeOf(
  members: readonly string[],
  network: Network,
  refs: RefIndex,
  sgVpc: ReadonlyMap<string, string>,
): Place {
  const groupOf = new Map(network.groups.flatMap((g) => g.subnets.map((s) => [s, g] as const)));
  const vpcIds = new Set(network.vpcs.map((v) => v.id));
  const groups = new Set<SubnetGroup>();
  const vpcs = new Set<string>();
  for (const id of members) {
    for (const ref of refs.out.get(id) ?? []) {
      const group = groupOf.get(ref);
      if (group) groups.add(group);
      if (vpcIds.has(ref)) vpcs.add(ref);
      const viaGroup = sgVpc.get(ref);
      if (viaGroup !== undefined) vpcs.add(viaGroup);
    }
  }
  for (const g of groups) vpcs.add(g.vpc);
  const [vpc] = vpcs;
  if (vpcs.size !== 1 || vpc === undefined) return {};
  const [only] = groups;
  return groups.size === 1 && only ? { vpc, group: only.key } : { vpc };
}

/** The subnet groups and VPCs nothing is placed in, drawn as boxes of their own rather than empty frames. */
export interface EmptyPlaces {
  readonly groups: ReadonlySet<string>;
  readonly vpcs: ReadonlySet<string>;
}

/** Which subnet groups and VPCs of `network` hold none of `places`. */
export function emptyPlaces(network: Network, places: readonly Place[]): EmptyPlaces {
  const groups = new Set(network.groups.filter((g) => !places.some((p) => p.group === g.key)).map((g) => g.key));
  const vpcs = network.vpcs
    .filter((v) => !places.some((p) => p.vpc === v.id) && !network.groups.some((g) => g.vpc === v.id))
    .map((v) => v.id);
  return { groups, vpcs: new Set(vpcs) };
}

/** Each security group's VPC, so a box that names only its security group still lands in its VPC. */
export function securityGroupVpcs(
  resources: readonly TemplateResource[],
  refs: RefIndex,
  network: Network,
): Map<string, string> {
  const vpcIds = new Set(network.vpcs.map((v) => v.id));
  const out = new Map<string, string>();
  for (const r of resources) {
    if (r.type !== 'AWS::EC2::SecurityGroup') continue;
    const vpc = (refs.out.get(r.id) ?? []).find((id) => vpcIds.has(id));
    if (vpc !== undefined) out.set(r.id, vpc);
  }
  return out;
}

/**
 * A subnet's tier: the CDK's `aws-cdk:subnet-type` tag; else public when it gives instances public
 * addresses or its route table has a route to an internet gateway; private when that table routes
 * elsewhere (a NAT gateway, a transit gateway, a firewall endpoint); isolated when it has no such route.
 */
function tierOf(subnet: TemplateResource, byId: ReadonlyMap<string, TemplateResource>, refs: RefIndex): Tier {
  const tagged = tag(subnet, 'aws-cdk:subnet-type')?.toLowerCase();
  if (tagged === 'public' || tagged === 'private' || tagged === 'isolated') return tagged;
  if (subnet.props['MapPublicIpOnLaunch'] === true) return 'public';
  const tables = (refs.into.get(subnet.id) ?? [])
    .filter((id) => byId.get(id)?.type === 'AWS::EC2::SubnetRouteTableAssociation')
    .flatMap((id) => (refs.out.get(id) ?? []).filter((t) => byId.get(t)?.type === 'AWS::EC2::RouteTable'));
  const routes = tables.flatMap((t) =>
    (refs.into.get(t) ?? []).flatMap((id) => {
      const route = byId.get(id);
      return route?.type === 'AWS::EC2::Route' ? [route] : [];
    }),
  );
  const toInternet = (route: TemplateResource) =>
    (refs.out.get(route.id) ?? []).some((hop) => byId.get(hop)?.type === 'AWS::EC2::InternetGateway');
  if (routes.some(toInternet)) return 'public';
  return routes.some((route) => ROUTE_TARGETS.some((k) => route.props[k] !== undefined)) ? 'private' : 'isolated';
}

// What a route can send traffic to; the target may be a parameter (a transit gateway made elsewhere).
const ROUTE_TARGETS = [
  'GatewayId',
  'NatGatewayId',
  'TransitGatewayId',
  'NetworkInterfaceId',
  'InstanceId',
  'VpcEndpointId',
  'VpcPeeringConnectionId',
  'EgressOnlyInternetGatewayId',
  'CarrierGatewayId',
  'CoreNetworkArn',
  'LocalGatewayId',
];

function tag(r: TemplateResource, key: string): string | undefined {
  const tags = r.props['Tags'];
  if (!Array.isArray(tags)) return undefined;
  const found = tags.find(
    (t: unknown) => typeof t === 'object' && t !== null && (t as { Key?: unknown }).Key === key,
  ) as { Value?: unknown } | undefined;
  return typeof found?.Value === 'string' ? found.Value : undefined;
}
