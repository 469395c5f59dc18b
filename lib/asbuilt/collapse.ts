import { INTERNET } from './flows.ts';
import type { Place } from './placement.ts';
import type { ResourceGraph, Unit, UnitEdge } from './resource-graph.ts';

/** Past this many boxes a diagram is no longer read at page width; the collapse gets coarser until it fits. */
export const MAX_NODES = 40;

/**
 * How boxes were merged: `alike` merges resources of one type that sit in the same place and connect to
 * the same kinds of boxes (three consumers' queues); `type` merges every resource of a type in a place;
 * `service` merges every resource of a service in a place.
 */
export type Collapse = 'alike' | 'type' | 'service';

/** A drawn box: one or more units of one place and service. */
export interface Node {
  readonly units: readonly Unit[];
  readonly place: Place;
  readonly group: string;
}

/** A drawn edge; `both` when references run both ways and there is no flow between the two boxes. */
export interface NodeEdge {
  readonly from: number | typeof INTERNET;
  readonly to: number;
  readonly kind: UnitEdge['kind'];
  readonly labels: readonly string[];
  readonly both: boolean;
}

/** The boxes and edges to draw, and how coarsely they were merged to stay under `MAX_NODES`. */
export interface Collapsed {
  readonly nodes: readonly Node[];
  readonly edges: readonly NodeEdge[];
  readonly collapse: Collapse;
  /** Boxes the diagram draws, the empty subnet groups and the internet included. */
  readonly count: number;
}

const placeKey = (p: Place) => `${p.vpc ?? ''}\u0000${p.group ?? ''}`;

/**
 * Merges units into boxes, finest first: alike units, then by type, then by service, taking the first that
 * keeps the diagram at or under `max` boxes (the coarsest when none does). `extra` counts boxes drawn
 * besides these (empty subnet groups, the internet).
 */
export function collapse(graph: ResourceGraph, extra: number, max = MAX_NODES): Collapsed {
  const byService = (u: Unit) => `${placeKey(u.place)}\u0000${u.group}`;
  const byType = (u: Unit) => `${byService(u)}\u0000${u.type}`;
  const levels: [Collapse, ReadonlyMap<string, string>][] = [
    ['alike', alike(graph, byType)],
    ['type', new Map(graph.units.map((u) => [u.id, byType(u)]))],
    ['service', new Map(graph.units.map((u) => [u.id, byService(u)]))],
  ];
  const sizes = levels.map(([, classes]) => new Set(classes.values()).size + extra);
  const fits = sizes.findIndex((n) => n <= max);
  const pick = fits === -1 ? levels.length - 1 : fits;
  const [how, classes] = levels[pick] as [Collapse, ReadonlyMap<string, string>];
  return { ...merge(graph, classes), collapse: how, count: sizes[pick] ?? 0 };
}

/**
 * Partition refinement: start from type and place, then split a class while its units differ in which
 * classes they have edges to or from (and of what kind), until nothing splits. Units left in one class
 * play the same part in the architecture, such as the queues of three consumers.
 */
function alike(graph: ResourceGraph, initial: (u: Unit) => string): Map<string, string> {
  let classes = new Map(graph.units.map((u) => [u.id, initial(u)]));
  for (let round = 0; round < graph.units.length; round++) {
    const signatures = new Map(graph.units.map((u) => [u.id, new Set<string>()]));
    for (const e of graph.edges) {
      const from = e.from === INTERNET ? 'internet' : (classes.get(e.from) ?? '');
      const to = classes.get(e.to) ?? '';
      const how = `${e.kind}\u0000${e.label ?? ''}`;
      if (e.from !== INTERNET) signatures.get(e.from)?.add(`out\u0000${how}\u0000${to}`);
      signatures.get(e.to)?.add(`in\u0000${how}\u0000${from}`);
    }
    const next = new Map<string, string>();
    const names = new Map<string, string>();
    for (const u of graph.units) {
      const key = `${classes.get(u.id) ?? ''}\u0001${[...(signatures.get(u.id) ?? [])].sort().join('\u0001')}`;
      if (!names.has(key)) names.set(key, `${initial(u)}\u0002${names.size}`);
      next.set(u.id, names.get(key) as string);
    }
    const stable = new Set(next.values()).size === new Set(classes.values()).size;
    classes = next;
    if (stable) break;
  }
  return classes;
}

/** The boxes of a partition, in the order their first units come, and the edges between boxes. */
function merge(graph: ResourceGraph, classes: ReadonlyMap<string, string>): Omit<Collapsed, 'collapse' | 'count'> {
  const index = new Map<string, number>();
  const nodes: { units: Unit[]; place: Place; group: string }[] = [];
  const nodeOf = new Map<string, number>();
  for (const u of graph.units) {
    const key = classes.get(u.id) ?? u.id;
    let i = index.get(key);
    if (i === undefined) {
      i = nodes.push({ units: [], place: u.place, group: u.group }) - 1;
      index.set(key, i);
    }
    nodes[i]?.units.push(u);
    nodeOf.set(u.id, i);
  }
  const pairs = new Map<
    string,
    { from: number | typeof INTERNET; to: number; kind: UnitEdge['kind']; labels: Set<string> }
  >();
  const strong = new Set<string>();
  for (const e of graph.edges) {
    const from = e.from === INTERNET ? INTERNET : (nodeOf.get(e.from) as number);
    const to = nodeOf.get(e.to) as number;
    if (from === to) continue;
    const key = `${String(from === INTERNET ? 'internet' : from)}>${to}`;
    const pair = pairs.get(`${e.kind === 'ref' ? 'ref' : 'strong'}|${key}`) ?? {
      from,
      to,
      kind: e.kind,
      labels: new Set(),
    };
    if (e.label !== undefined) pair.labels.add(e.label);
    if (e.kind !== 'ref') {
      // A flow and a network rule between the same boxes are one edge; the flow's kind wins.
      if (pair.kind === 'network' && e.kind === 'flow') pair.kind = 'flow';
      strong.add(typeof from === 'number' ? `${Math.min(from, to)}-${Math.max(from, to)}` : `internet-${to}`);
    }
    pairs.set(`${e.kind === 'ref' ? 'ref' : 'strong'}|${key}`, pair);
  }
  const edges: NodeEdge[] = [];
  const done = new Set<string>();
  for (const [key, p] of pairs) {
    const unordered =
      typeof p.from === 'number' ? `${Math.min(p.from, p.to)}-${Math.max(p.from, p.to)}` : `internet-${p.to}`;
    if (key.startsWith('ref|')) {
      // A reference says less than a flow: drawn only between boxes no flow or rule connects, once per pair.
      if (strong.has(unordered) || done.has(unordered)) continue;
      done.add(unordered);
      const back = typeof p.from === 'number' && pairs.has(`ref|${p.to}>${p.from}`);
      edges.push({ from: p.from, to: p.to, kind: 'ref', labels: [], both: back });
    } else {
      edges.push({ from: p.from, to: p.to, kind: p.kind, labels: [...p.labels].sort(), both: false });
    }
  }
  return { nodes, edges };
}
