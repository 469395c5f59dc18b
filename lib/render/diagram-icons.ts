import { DIAGRAM_TERMS } from '../../generators/check/diagram-services.ts';
import { EXTERNAL_CLASS } from '../../generators/check/diagram-text.ts';
import type { Service } from '../../schema/architecture.ts';
import { diag, type Diagnostic } from '../diagnostics.ts';
import { ICON_PACK, SERVICE_ICONS } from './service-icons.ts';

/** A node of a flowchart as mermaid's own parser reads it (lib/render/diagram-browser.ts). */
export interface DiagramNode {
  readonly id: string;
  readonly label: string;
  readonly classes: readonly string[];
  /** The icon its author gave it, `id@{ icon: "aws:lambda" }`. */
  readonly icon?: string | undefined;
}

/** A subgraph of a flowchart: its members (nodes and subgraphs) and classes. */
export interface DiagramSubgraph {
  readonly id: string;
  readonly members: readonly string[];
  readonly classes: readonly string[];
}

/** What mermaid's parser found in a flowchart; other kinds of diagram get no icons. */
export interface DiagramShape {
  readonly nodes: readonly DiagramNode[];
  readonly subgraphs: readonly DiagramSubgraph[];
}

/** The class that keeps a node from getting an icon of its own accord: `fn:::noicon` or `class fn noicon`. */
export const NO_ICON_CLASS = 'noicon';

// Ids that can be written back as `id@{ … }` as they are; mermaid accepts more, which then get no icon.
const PLAIN_ID = /^[A-Za-z_][\w-]*$/u;
// A label about a VPC endpoint ("Secrets Manager interface endpoint") reaches a service; it is not one.
const ENDPOINT = /\bendpoints?\b|prefix lists?/iu;

/**
 * The service icon each node gets of its own accord: a node whose label names one of the
 * entry's services (DIAGRAM_TERMS, as `oar check` reads diagrams) shows the icon of the
 * service named first. Nodes outside the stack (`:::external`, or in an external subgraph),
 * nodes marked `:::noicon`, endpoint nodes and nodes the author gave an icon get none.
 */
export function automaticIcons(shape: DiagramShape, services: readonly Service[]): Map<string, Service> {
  const parent = new Map<string, string>();
  for (const sg of shape.subgraphs) for (const m of sg.members) parent.set(m, sg.id);
  const classes = new Map(shape.subgraphs.map((sg) => [sg.id, sg.classes]));
  const outside = (id: string): boolean => {
    for (let at = parent.get(id); at !== undefined; at = parent.get(at)) {
      if (classes.get(at)?.includes(EXTERNAL_CLASS)) return true;
    }
    return false;
  };
  const picks = new Map<string, Service>();
  for (const node of shape.nodes) {
    if (node.icon !== undefined || !PLAIN_ID.test(node.id)) continue;
    if (node.classes.includes(EXTERNAL_CLASS) || node.classes.includes(NO_ICON_CLASS) || outside(node.id)) continue;
    const label = node.label.replace(/<br\s*\/?>/giu, ' ');
    if (ENDPOINT.test(label)) continue;
    const service = firstNamed(label, services);
    if (service) picks.set(node.id, service);
  }
  return picks;
}

/**
 * The icons `chosen` gives the nodes of `shape`, by node id: only for nodes the parser found, that the source
 * gives no icon of its own, and whose service has an icon.
 */
export function chosenIcons(shape: DiagramShape, chosen: ReadonlyMap<string, Service>): Map<string, Service> {
  const picks = new Map<string, Service>();
  for (const node of shape.nodes) {
    const service = chosen.get(node.id);
    if (service && node.icon === undefined && PLAIN_ID.test(node.id) && SERVICE_ICONS[service] !== null) {
      picks.set(node.id, service);
    }
  }
  return picks;
}

/** The entry's service named first in `label` that has an icon; at one place, the longer name wins. */
function firstNamed(label: string, services: readonly Service[]): Service | undefined {
  let best: { service: Service; at: number; length: number } | undefined;
  for (const service of services) {
    if (SERVICE_ICONS[service] === null) continue;
    const m = DIAGRAM_TERMS[service].exec(label);
    if (!m) continue;
    if (!best || m.index < best.at || (m.index === best.at && m[0].length > best.length)) {
      best = { service, at: m.index, length: m[0].length };
    }
  }
  return best?.service;
}

/**
 * `source` with each picked node turned into mermaid's icon shape by a statement appended
 * at its end (`id@{ icon: "aws:lambda" }`), which keeps the node's label: the author's text
 * is never rewritten, and mermaid's parser has already read every id written back.
 */
export function withIcons(source: string, picks: ReadonlyMap<string, Service>): string {
  if (picks.size === 0) return source;
  const lines = [...picks].map(([id, service]) => `  ${id}@{ icon: "${ICON_PACK}:${service}" }`);
  return `${source.replace(/\s*$/u, '')}\n%% service icons added by the registry (lib/render/diagram-icons.ts)\n${lines.join('\n')}\n`;
}

/**
 * OAR345 for every node whose author named an icon the site does not have: mermaid would
 * draw a question mark in its place. `file` is the diagram's path from the catalogue root.
 */
export function unknownIcons(shape: DiagramShape, source: string, file: string): Diagnostic[] {
  return shape.nodes.flatMap((node) => {
    const [pack, name = ''] = node.icon?.split(':') ?? [];
    if (node.icon === undefined || (pack === ICON_PACK && name in SERVICE_ICONS && SERVICE_ICONS[name as Service])) {
      return [];
    }
    const at = source.split('\n').findIndex((l) => l.includes(`${node.id}@{`));
    return [
      diag(
        'OAR345',
        file,
        `node "${node.id}" asks for the icon "${node.icon}", which the site does not have; name a service's icon as ${ICON_PACK}:<service id>, e.g. ${ICON_PACK}:lambda (the ids with icons are in lib/render/service-icons.ts), or remove the icon`,
        at < 0 ? {} : { line: at + 1, col: 1 },
      ),
    ];
  });
}
