import type { Service } from '../../schema/architecture.ts';
import { SERVICE_EVIDENCE, servicesShownBy } from '../../generators/check/service-evidence.ts';
import { partsOf } from './attach-rules.ts';
import { flowEdges, INTERNET, type ResourceEdge } from './flows.ts';
import { foldedResources, type FoldReason } from './fold-rules.ts';
import { placeOf, readNetwork, securityGroupVpcs, type Network, type Place } from './placement.ts';
import { securityGroupEdges } from './security-group-edges.ts';
import { indexRefs, type TemplateResource } from './template-refs.ts';

/** One box before collapsing: a resource with the parts drawn inside it (a bucket with its policy). */
export interface Unit {
  /** The logical id of the resource the box stands for. */
  readonly id: string;
  readonly type: string;
  /** Its logical id and its parts'. */
  readonly members: readonly string[];
  /** The service it is grouped under: a service id, or `AWS::<Namespace>` for a type no service claims. */
  readonly group: string;
  /** Every service its members show, for comparing with a hand-drawn diagram. */
  readonly services: readonly Service[];
  readonly place: Place;
}

/** An edge between two units, or from the internet. */
export interface UnitEdge {
  readonly from: string | typeof INTERNET;
  readonly to: string;
  readonly kind: ResourceEdge['kind'];
  readonly label?: string;
}

/** A template as boxes and edges, with what was folded away. */
export interface ResourceGraph {
  readonly units: readonly Unit[];
  readonly edges: readonly UnitEdge[];
  readonly network: Network;
  /** Each folded resource's type and why it was folded, in template order. */
  readonly folded: readonly { readonly id: string; readonly type: string; readonly reason: FoldReason }[];
  /** Services the drawing shows: its boxes', and the VPCs' and subnets' it draws as frames. */
  readonly services: readonly Service[];
  /** Services that only folded resources show. */
  readonly foldedServices: readonly Service[];
}

// The VPC and its subnets are drawn as the boxes that hold everything else, not as boxes inside them.
const CONTAINERS = new Set(['AWS::EC2::VPC', 'AWS::EC2::Subnet']);

// Aurora clusters are RDS resources too; the box is labelled with the narrower service.
const PREFERRED: readonly Service[] = ['aurora'];

/** Builds the graph: folds the noise, draws parts inside their resource, places boxes, and derives the edges. */
export function resourceGraph(resources: readonly TemplateResource[]): ResourceGraph {
  const refs = indexRefs(resources);
  const ids = new Set(resources.map((r) => r.id));
  const folded = foldedResources(resources, refs);
  const drawable = new Set(resources.filter((r) => !folded.has(r.id) && !CONTAINERS.has(r.type)).map((r) => r.id));
  const parts = partsOf(resources, refs, drawable);
  for (const [part, parent] of parts) {
    const why = folded.get(parent);
    if (why !== undefined) {
      folded.set(part, why);
      drawable.delete(part);
    }
  }
  const network = readNetwork(resources, refs);
  const sgVpc = securityGroupVpcs(resources, refs, network);
  const byId = new Map(resources.map((r) => [r.id, r]));
  const unitOf = new Map<string, string>();
  const members = new Map<string, string[]>();
  for (const id of drawable) {
    const root = parts.get(id) ?? id;
    if (!drawable.has(root)) continue;
    unitOf.set(id, root);
    const list = members.get(root);
    if (list) list.push(id);
    else members.set(root, [id]);
  }
  const units = [...members].map(([id, list]): Unit => {
    const r = byId.get(id) as TemplateResource;
    const services = [...new Set(list.flatMap((m) => shows(byId.get(m) as TemplateResource)))];
    return { id, type: r.type, members: list, group: groupOf(r), services, place: placeOf(list, network, refs, sgVpc) };
  });
  const frames = resources.filter((r) => CONTAINERS.has(r.type)).flatMap(shows);
  const drawn = new Set([...units.flatMap((u) => u.services), ...frames]);
  const edges: UnitEdge[] = [];
  const add = (e: ResourceEdge) => {
    const from = e.from === INTERNET ? INTERNET : unitOf.get(e.from);
    const to = unitOf.get(e.to);
    if (from !== undefined && to !== undefined && from !== to) edges.push({ ...e, from, to });
  };
  for (const r of resources) flowEdges(r, ids).forEach(add);
  securityGroupEdges(resources, refs).forEach(add);
  for (const id of drawable) for (const to of refs.out.get(id) ?? []) add({ from: id, to, kind: 'ref' });
  return {
    units,
    edges,
    network,
    services: [...drawn],
    folded: resources.flatMap((r) => {
      const reason = folded.get(r.id);
      return reason === undefined ? [] : [{ id: r.id, type: r.type, reason }];
    }),
    foldedServices: [...new Set(resources.filter((r) => folded.has(r.id)).flatMap(shows))].filter((s) => !drawn.has(s)),
  };
}

function shows(r: TemplateResource): Service[] {
  return servicesShownBy({ Type: r.type, Properties: r.props });
}

/** The service a box is grouped under: the one whose evidence names its type, else any it shows. */
function groupOf(r: TemplateResource): string {
  const shown = shows(r);
  const preferred = PREFERRED.find((s) => shown.includes(s));
  if (preferred) return preferred;
  const byType = shown.find((s) => {
    const e = SERVICE_EVIDENCE[s];
    return e.prefixes?.some((p) => r.type.startsWith(p)) || e.types?.includes(r.type);
  });
  return byType ?? shown[0] ?? r.type.split('::').slice(0, 2).join('::');
}
