import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { diag, type Diagnostic } from '../diagnostics.ts';

export type PathSegment = string | number;

/** A position in a text file, 1-based. */
export interface Position {
  readonly line: number;
  readonly col: number;
}

/** Parsed YAML that can map any path in the data back to a line and column. */
export interface YamlSource {
  readonly file: string;
  readonly data: unknown;
  /** Position of the value at `path`, or of its key when `key` is set; falls back to the nearest parent. */
  locate(path: readonly PathSegment[], key?: boolean): Position;
}

const BOM = '\uFEFF';

const YAML_CODES: Record<string, 'OAR011' | 'OAR012'> = {
  TAB_AS_INDENT: 'OAR011',
  DUPLICATE_KEY: 'OAR012',
};

const YAML_FIXES: Record<string, string> = {
  OAR010: 'check the indentation and quoting on that line',
  OAR011: 'indent with spaces, not tabs',
  OAR012: 'keep one of the two entries and delete the other',
};

/**
 * Parses YAML with source positions. Returns the data (undefined when the text is
 * too broken to check further) and every syntax problem found, never throwing.
 */
export function parseYamlSource(file: string, raw: string): { source?: YamlSource; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let text = raw;
  if (text.startsWith(BOM)) {
    diagnostics.push(
      diag('OAR013', file, 'file starts with a UTF-8 byte-order mark (BOM); save it as UTF-8 without BOM', {
        line: 1,
        col: 1,
      }),
    );
    text = text.slice(1);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  let broken = false;
  for (const error of doc.errors) {
    const code = YAML_CODES[error.code] ?? 'OAR010';
    if (code !== 'OAR012') broken = true;
    const pos = lineCounter.linePos(error.pos[0]);
    const what =
      code === 'OAR012'
        ? `key ${JSON.stringify(keyAt(text, error.pos[0]))} appears twice in the same mapping`
        : error.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').replace(/\.$/, '');
    diagnostics.push(diag(code, file, `${what}; ${YAML_FIXES[code]}`, { line: pos.line, col: pos.col }));
  }
  if (broken) return { diagnostics };

  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    diagnostics.push(
      diag('OAR014', file, 'architecture.yaml has no content; fill in the fields (run `oar new <id>` for a template)', {
        line: 1,
        col: 1,
      }),
    );
    return { diagnostics };
  }
  if (!isMap(contents)) {
    const kind = isSeq(contents) ? 'a list' : `a single value (${JSON.stringify(doc.toJS())})`;
    const pos = lineCounter.linePos(contents.range[0]);
    diagnostics.push(
      diag(
        'OAR015',
        file,
        `architecture.yaml must be a mapping of fields such as \`id: my-entry\`, but it is ${kind}`,
        {
          line: pos.line,
          col: pos.col,
        },
      ),
    );
    return { diagnostics };
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  // Positions are needed only when something is wrong, so the syntax tree is not
  // kept for every entry: the first lookup parses the text again. In a catalogue
  // of thousands of entries this halves the memory and the garbage collection.
  let tree: { root: Node; lines: LineCounter } | undefined;
  const locate = (path: readonly PathSegment[], key = false): Position => {
    if (!tree) {
      const lines = new LineCounter();
      const again = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
      tree = { root: again.contents as Node, lines };
    }
    const pos = tree.lines.linePos(findOffset(tree.root, path, key));
    return { line: pos.line, col: pos.col };
  };
  return { source: { file, data, locate }, diagnostics };
}

function findOffset(root: Node, path: readonly PathSegment[], key: boolean): number {
  let node: unknown = root;
  let offset = root.range?.[0] ?? 0;
  for (const [i, segment] of path.entries()) {
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return offset;
      const keyNode = pair.key as Node;
      const valueNode = pair.value as Node | null;
      if (last && key) return keyNode.range?.[0] ?? offset;
      // `field:` with nothing after it has no value range; point at the key instead.
      const valueStart = valueNode?.range?.[0];
      offset =
        valueStart !== undefined && valueNode !== null && !isEmptyScalar(valueNode)
          ? valueStart
          : (keyNode.range?.[0] ?? offset);
      node = valueNode;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) return offset;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      return offset;
    }
  }
  return offset;
}

function isEmptyScalar(node: Node): boolean {
  const range = node.range;
  return isScalar(node) && node.value === null && range != null && range[0] === range[1];
}

/** The key written at `offset`, for messages about it. */
function keyAt(text: string, offset: number): string {
  return /^["']?([^"':\n]*)/.exec(text.slice(offset))?.[1]?.trim() ?? '';
}
