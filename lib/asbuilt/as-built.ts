import type { Service } from '../../schema/architecture.ts';
import { isService } from '../vocabulary.ts';
import { parseTemplateSnapshot } from '../diff/template-summary.ts';
import { TEMPLATE_SNAPSHOT } from '../load/entry-snapshots.ts';
import { collapse, MAX_NODES, type Collapse } from './collapse.ts';
import { INTERNET } from './flows.ts';
import { FOLD_REASONS, type FoldReason } from './fold-rules.ts';
import { emptyPlaces } from './placement.ts';
import { resourceGraph, type ResourceGraph } from './resource-graph.ts';
import type { TemplateResource } from './template-refs.ts';
import { writeMermaid } from './write-mermaid.ts';

/** The words that head every diagram oar diagram writes, so `--out` knows a file it may replace. */
export const GENERATED_MARK = 'As built: drawn by oar diagram';

/** An entry's "as built" diagram, drawn from its template, with what a reader and the checks need to know of it. */
export interface AsBuilt {
  /** The mermaid flowchart. */
  readonly source: string;
  /** Services the drawing stands for: its boxes and the VPCs and subnets it draws as frames. */
  readonly services: readonly Service[];
  /** Services of the template that only folded resources show (log groups are CloudWatch Logs). */
  readonly foldedServices: readonly Service[];
  /** Sentences for a reader: what was folded away, and whether boxes were merged harder to fit. */
  readonly notes: readonly string[];
  readonly nodes: number;
  readonly collapse: Collapse;
  /** The service each box (`n0`, `n1`…) is grouped under, where that is a service of the vocabulary: its icon. */
  readonly boxServices: ReadonlyMap<string, Service>;
}

/**
 * Draws the "as built" diagram of entry `id` from the text of its committed template snapshot, never a
 * synth; a snapshot that is not a template is an OAR330 error naming `dir`'s snapshot file.
 */
export function asBuiltFromSnapshot(text: string, dir: string, id: string): AsBuilt {
  const { resources } = parseTemplateSnapshot(text, `${dir}/${TEMPLATE_SNAPSHOT}`, id);
  return asBuilt(templateResources(resources), id);
}

/** The resources of a parsed template that have a type; anything else in Resources is not drawn. */
export function templateResources(resources: Readonly<Record<string, unknown>>): TemplateResource[] {
  return Object.entries(resources).flatMap(([id, r]) => {
    if (typeof r !== 'object' || r === null) return [];
    const { Type: type, Properties: props } = r as { Type?: unknown; Properties?: unknown };
    if (typeof type !== 'string') return [];
    const plain = typeof props === 'object' && props !== null && !Array.isArray(props);
    return [{ id, type, props: plain ? (props as Record<string, unknown>) : {} }];
  });
}

/** Draws the diagram of `resources` for entry `id`. */
export function asBuilt(resources: readonly TemplateResource[], id: string): AsBuilt {
  const graph = resourceGraph(resources);
  const empty = emptyPlaces(
    graph.network,
    graph.units.map((u) => u.place),
  );
  const internet = graph.edges.some((e) => e.from === INTERNET) ? 1 : 0;
  const collapsed = collapse(graph, empty.groups.size + empty.vpcs.size + internet);
  const notes = [...foldNotes(graph), ...collapseNote(collapsed.collapse, collapsed.count)];
  const comments = [`${GENERATED_MARK} ${id} from ${TEMPLATE_SNAPSHOT}. Regenerate it, do not edit it.`, ...notes];
  return {
    source: writeMermaid({ collapsed, network: graph.network, empty, comments }),
    services: [...graph.services].sort(),
    foldedServices: [...graph.foldedServices].sort(),
    notes,
    nodes: collapsed.count,
    collapse: collapsed.collapse,
    boxServices: new Map(
      collapsed.nodes.flatMap((n, i) => (isService(n.group) ? [[`n${String(i)}`, n.group] as const] : [])),
    ),
  };
}

/** One sentence per reason resources were folded: how many, of which types, and why. */
function foldNotes(graph: ResourceGraph): string[] {
  const byReason = new Map<FoldReason, Map<string, number>>();
  for (const f of graph.folded) {
    const types = byReason.get(f.reason) ?? new Map<string, number>();
    types.set(f.type, (types.get(f.type) ?? 0) + 1);
    byReason.set(f.reason, types);
  }
  return (Object.keys(FOLD_REASONS) as FoldReason[]).flatMap((reason) => {
    const types = byReason.get(reason);
    if (!types) return [];
    const total = [...types.values()].reduce((a, b) => a + b, 0);
    const list = [...types].map(([type, n]) => `${n} × ${type}`).join(', ');
    return [`Folded ${total} (${list}): ${FOLD_REASONS[reason]}.`];
  });
}

function collapseNote(how: Collapse, count: number): string[] {
  if (how === 'alike') return [];
  const merged = how === 'type' ? 'every resource of a type' : 'every resource of a service';
  const over = count > MAX_NODES ? ` It still has ${count} boxes.` : '';
  return [`Alike resources made more than ${MAX_NODES} boxes, so ${merged} in one place is one box.${over}`];
}
