import { isMap, isScalar, isSeq, parse, parseDocument, type Node, type Range } from 'yaml';
import { lineEnd, READ } from './sync-metadata.ts';

/** Where the fork point moves: the parent's version and commit now, and the advisories that still apply there. */
export interface NewForkPoint {
  readonly version: string;
  readonly commit: string;
  readonly applies: (advisoryId: string) => boolean;
}

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** A scalar as YAML reads it back as the same string: plain when it can be, else double-quoted. */
function scalarText(value: string, quoted: boolean): string {
  return !quoted && parse(value) === value ? value : JSON.stringify(value);
}

/** The whole lines a node stands on, from its first line to the end of its last. */
function linesOf(text: string, range: Range): Edit {
  return { start: text.lastIndexOf('\n', range[0] - 1) + 1, end: lineEnd(text, range[1]), text: '' };
}

/**
 * The fork's architecture.yaml with forkedFrom.version and commit moved forward and the advisory
 * handlings that no longer apply to the new base taken out (they would be OAR241). Only those
 * values and lines change: a fork's layout (folded text, flow lists, comments) stays byte for byte.
 */
export function moveForkPoint(forkText: string, to: NewForkPoint): { text: string; dropped: string[] } {
  const doc = parseDocument(forkText, READ);
  const forkedFrom: unknown = doc.errors.length > 0 ? undefined : doc.get('forkedFrom', true);
  if (!isMap(forkedFrom)) return { text: forkText, dropped: [] };
  const edits: Edit[] = [];
  for (const [key, value] of [
    ['version', to.version],
    ['commit', to.commit],
  ] as const) {
    const node: unknown = forkedFrom.get(key, true);
    // oar sync reads the commit it moves, so both are there in a fork it syncs; nothing else is rewritten.
    if (!isScalar(node) || !node.range) return { text: forkText, dropped: [] };
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
    edits.push({ start: node.range[0], end: node.range[1], text: scalarText(value, quoted) });
  }
  const dropped: string[] = [];
  const pair = forkedFrom.items.find((p) => isScalar(p.key) && p.key.value === 'advisories');
  if (pair && isSeq(pair.value)) {
    const gone = pair.value.items.filter((item) => {
      const id = isMap(item) ? String(item.get('id')) : '';
      return !to.applies(id) && dropped.push(id) > 0;
    });
    if (gone.length === pair.value.items.length && isScalar(pair.key) && pair.key.range && pair.value.range) {
      edits.push(linesOf(forkText, [pair.key.range[0], pair.value.range[1], pair.value.range[2]]));
    } else {
      for (const item of gone as Node[]) if (item.range) edits.push(linesOf(forkText, item.range));
    }
  }
  let text = forkText;
  for (const e of edits.sort((a, b) => b.start - a.start)) text = text.slice(0, e.start) + e.text + text.slice(e.end);
  return { text, dropped };
}
