/** One piece of visible diagram text that speaks about the stack itself. */
export interface DiagramClause {
  readonly text: string;
  /** 1-based line in the .mmd file. */
  readonly line: number;
  /**
   * The label is about a VPC endpoint or prefix list ("S3 gateway endpoint"):
   * the services it names are reached, not created, so it names only the VPC.
   */
  readonly endpoint: boolean;
}

// id, opening shape, quoted label, closing shape, optional :::class
const NODE =
  /([A-Za-z_][\w-]*)\s*(\[\[|\[\(|\(\[|\(\(\(|\(\(|\[\/|\[\\|\{\{|\[|\(|\{|>)\s*"((?:[^"\\]|\\.)*)"\s*(?:\]\]|\)\]|\]\)|\)\)\)|\)\)|\/\]|\\\]|\}\}|\]|\)|\})(?::::([\w-]+))?/gu;
const EDGE_LABELS = [
  /\|\s*"((?:[^"\\]|\\.)*)"\s*\|/gu,
  /\|([^|"]+)\|/gu,
  /(?:--|==|-\.)\s*"((?:[^"\\]|\\.)*)"\s*(?=[-=.ox<>])/gu,
];
const CLASS_STATEMENT = /^\s*class\s+([\w,\s-]+?)\s+([\w-]+)\s*;?\s*$/u;
const CLASS_SHORTHAND = /([A-Za-z_][\w-]*):::([\w-]+)/gu;
const NEGATED = /^(?:no|not|without|never)\b/iu;

/** The class that marks a node (and everything inside a subgraph) as outside the stack. */
export const EXTERNAL_CLASS = 'external';

interface Node {
  readonly label: string;
  readonly line: number;
  readonly parents: readonly string[];
}

/**
 * The visible text of a mermaid flowchart that describes the stack: labels of
 * nodes and subgraphs not marked `external` (nor inside an external subgraph),
 * and edge labels on lines that touch no external node, split into clauses with
 * negated clauses ("no NAT gateway") dropped.
 */
export function diagramClauses(source: string): DiagramClause[] {
  const lines = source.split(/\r?\n/u);
  const nodes = new Map<string, Node>();
  const external = new Set<string>();
  const edges: { label: string; line: number; ids: string[] }[] = [];
  const open: string[] = [];
  lines.forEach((raw, i) => {
    const text = raw.replace(/%%.*$/u, '').trim();
    if (text === '') return;
    if (text === 'end') {
      open.pop();
      return;
    }
    const cls = CLASS_STATEMENT.exec(text);
    if (cls) {
      if (cls[2] === EXTERNAL_CLASS) for (const id of (cls[1] ?? '').split(',')) external.add(id.trim());
      return;
    }
    if (/^(?:classDef|style|linkStyle|click|flowchart|graph|direction)\b/u.test(text)) return;
    const subgraph = /^subgraph\s+([A-Za-z_][\w-]*)/u.exec(text);
    const ids: string[] = [];
    for (const m of text.matchAll(NODE)) {
      const [, id = '', , label = '', klass] = m;
      ids.push(id);
      if (!nodes.has(id)) nodes.set(id, { label, line: i + 1, parents: [...open] });
      if (klass === EXTERNAL_CLASS) external.add(id);
    }
    for (const m of text.matchAll(CLASS_SHORTHAND)) {
      ids.push(m[1] ?? '');
      if (m[2] === EXTERNAL_CLASS) external.add(m[1] ?? '');
    }
    let bare = text.replace(NODE, ' ');
    if (!subgraph) {
      for (const re of EDGE_LABELS) {
        for (const m of bare.matchAll(re)) edges.push({ label: m[1] ?? '', line: i + 1, ids });
        bare = bare.replace(re, ' ');
      }
    }
    for (const id of bare.match(/[A-Za-z_][\w-]*/gu) ?? []) ids.push(id);
    if (subgraph) open.push(subgraph[1] ?? '');
  });
  const isExternal = (id: string): boolean => {
    const node = nodes.get(id);
    return external.has(id) || (node?.parents.some((p) => external.has(p)) ?? false);
  };
  const clauses: DiagramClause[] = [];
  for (const [id, node] of nodes) if (!isExternal(id)) clauses.push(...splitClauses(node.label, node.line));
  for (const edge of edges) {
    if (!edge.ids.some((id) => nodes.has(id) && isExternal(id))) clauses.push(...splitClauses(edge.label, edge.line));
  }
  return clauses.sort((a, b) => a.line - b.line);
}

function splitClauses(label: string, line: number): DiagramClause[] {
  const endpoint = /\bendpoints?\b|prefix lists?/iu.test(label);
  return (
    label
      .replace(/<br\s*\/?>/giu, ';')
      .replace(/#quot;/gu, '"')
      // IAM actions such as ec2:DescribeInstances name an API the stack calls, not a resource it has.
      .replace(/\b[a-z][a-z0-9-]*:[A-Z*][A-Za-z0-9*]*/gu, ' ')
      .split(/[,;:()]/u)
      .map((t) => t.trim())
      .filter((t) => t !== '' && !NEGATED.test(t))
      .map((text) => ({ text, line, endpoint }))
  );
}
