import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLError } from 'yaml';
import { diag, type Diagnostic } from '../diagnostics.ts';
import { yaml11Differences } from './yaml-1-1.ts';
import { TOO_DEEP, yamlFeatureProblems } from './yaml-features.ts';
import { yamlTextProblems } from './yaml-text.ts';

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

const YAML_CODES: Record<string, 'OAR011' | 'OAR012' | 'OAR017'> = {
  TAB_AS_INDENT: 'OAR011',
  DUPLICATE_KEY: 'OAR012',
  // The yaml package reports a stack overflow while composing as this; nesting is the only cause.
  RESOURCE_EXHAUSTION: 'OAR017',
};

const YAML_FIXES: Record<string, string> = {
  OAR010: 'check the indentation and quoting on that line',
  OAR011: 'indent with spaces, not tabs',
  OAR012: 'keep one of the two entries and delete the other',
};

// Messages of the yaml package that speak to a programmer, not to the author of the file.
const YAML_MESSAGES: Record<string, string> = {
  MULTIPLE_DOCS:
    'a second YAML document starts here (a `---` line); architecture.yaml holds one document, so delete this line and everything after it, or merge the two',
  NON_STRING_KEY: 'a key must be a plain name such as `title`, not a list, a mapping or an alias; rewrite the key',
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
  const hidden = yamlTextProblems(file, text);
  if (hidden.length > 0) return { diagnostics: [...diagnostics, ...hidden] };

  const lineCounter = new LineCounter();
  // stringKeys: every key is text, as in JSON; a list or mapping as a key is an error, not "[object Object]".
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    strict: true,
    stringKeys: true,
  });
  const syntax = syntaxDiagnostics(file, text, doc.errors, lineCounter);
  diagnostics.push(...syntax);
  if (syntax.some((d) => d.code !== 'OAR012')) return { diagnostics };
  const unsupported = yamlFeatureProblems(file, text, doc, lineCounter);
  if (unsupported.length > 0) return { diagnostics: [...diagnostics, ...unsupported] };

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
    const kind = isSeq(contents) ? 'a list' : `a single value (${showScalar(contents)})`;
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
  diagnostics.push(...yaml11Differences(file, doc, lineCounter));
  let data: unknown;
  try {
    // Anchors and aliases were refused above, so no alias may expand here (0 makes one throw).
    data = doc.toJS({ maxAliasCount: 0 });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    diagnostics.push(
      diag(
        'OAR017',
        file,
        `the YAML cannot be turned into data (${message}); write every value out in full, without anchors, aliases or tags`,
        { line: 1 },
      ),
    );
    return { diagnostics };
  }
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

/** The yaml package's errors as diagnostics with our codes and fixes; a stack overflow is reported once. */
function syntaxDiagnostics(file: string, text: string, errors: readonly YAMLError[], lines: LineCounter): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const error of errors) {
    const code = YAML_CODES[error.code] ?? 'OAR010';
    const pos = lines.linePos(error.pos[0]);
    const where = { line: pos.line, col: pos.col };
    if (code === 'OAR017') return [diag(code, file, TOO_DEEP, where)];
    const what =
      code === 'OAR012'
        ? `key ${JSON.stringify(keyAt(text, error.pos[0]))} appears twice in the same mapping`
        : error.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').replace(/\.$/, '');
    out.push(diag(code, file, YAML_MESSAGES[error.code] ?? `${what}; ${YAML_FIXES[code]}`, where));
  }
  return out;
}

/** A top-level scalar for a message: JSON, cut short. */
function showScalar(node: Node): string {
  const text = JSON.stringify(isScalar(node) ? node.value : null);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
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
