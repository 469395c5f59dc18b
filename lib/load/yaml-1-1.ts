import { isScalar, Scalar, Schema, type Document, type LineCounter, type ScalarTag, type Tags } from 'yaml';
import { diag, type Diagnostic } from '../diagnostics.ts';
import { formatPath, pathOf, walkYaml, type VisitedNode } from './yaml-walk.ts';

// The yaml package reads numbers more loosely than YAML 1.1 and PyYAML do: there a float needs
// a digit and a dot (1e3 is text) and its exponent a sign, and a decimal has no leading zero
// (09 is text). These are PyYAML's rules, after the YAML 1.1 type repository. Each replaces the
// test of the yaml package's tag that reads the probe.
const STRICT_NUMBERS: readonly { tag: string; probe: string; test: RegExp }[] = [
  { tag: 'float', probe: '1.5', test: /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*|\.[0-9][0-9_]*)$/u },
  { tag: 'float', probe: '1.5e+3', test: /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*|\.[0-9][0-9_]*)[eE][-+][0-9]+$/u },
  { tag: 'int', probe: '12', test: /^[-+]?(?:0|[1-9][0-9_]*)$/u },
];

// Only a plain scalar like these is anything but text in either version: a number, a
// date or ~ starts with a digit, a sign, a dot or ~; a boolean or null is a word of 5 letters or fewer.
const MAYBE_NOT_TEXT = /^(?:[-+.~0-9]|[A-Za-z]{1,5}$)/u;

/** How a reader resolves plain scalars: its schema's scalar tags, tried in order. */
type Reader = readonly ScalarTag[];

const YAML_1_2 = readerOf(new Schema({ schema: 'core' }));
const YAML_1_1 = readerOf(
  new Schema({
    schema: 'yaml-1.1',
    customTags: (tags) => tags.map(strictNumber),
  }),
);

/**
 * OAR016 warnings: every plain (unquoted) value or key that a YAML 1.1 reader such as
 * PyYAML reads differently from the YAML 1.2 reader that validates the entry, e.g. a date
 * (2026-11-26), a yes/no/on/off boolean, an octal (0755) or sexagesimal (1:20) number.
 */
export function yaml11Differences(file: string, doc: Document, lines: LineCounter): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (!doc.contents) return out;
  for (const visited of walkYaml(doc.contents)) {
    const { node } = visited;
    if (!isScalar(node) || node.type !== Scalar.PLAIN || typeof node.source !== 'string') continue;
    if (!MAYBE_NOT_TEXT.test(node.source)) continue;
    const v12 = read(YAML_1_2, node.source);
    const v11 = read(YAML_1_1, node.source);
    // A number too large to hold (1e400) is wrong in any reader; the schema says so.
    if (same(v12, v11) || (typeof v12 === 'number' && !Number.isFinite(v12))) continue;
    const pos = lines.linePos(node.range?.[0] ?? 0);
    const what = `unquoted ${visited.isKey ? 'key' : 'value'} ${node.source}`;
    out.push(
      diag(
        'OAR016',
        file,
        `${formatPath(pathOf(visited))}: the ${what} is ${describe(v12)} in YAML 1.2 but ${describe(v11)} in YAML 1.1, which older readers such as PyYAML follow; ${fix(visited, node.source, v12)}`,
        { line: pos.line, col: pos.col, severity: 'warning' },
      ),
    );
  }
  return out;
}

function strictNumber(tag: Tags[number]): Tags[number] {
  if (typeof tag !== 'object' || !tag.test) return tag;
  const { test } = tag;
  const strict = STRICT_NUMBERS.find((s) => tag.tag === `tag:yaml.org,2002:${s.tag}` && test.test(s.probe));
  return strict ? { ...tag, test: strict.test } : tag;
}

function readerOf(schema: Schema): Reader {
  return schema.tags.filter((t): t is ScalarTag => typeof t === 'object' && !('collection' in t && t.collection));
}

/** What `reader` makes of a plain scalar, as composeScalar in the yaml package resolves it. */
function read(reader: Reader, source: string): unknown {
  const tag = reader.find((t) => t.default === true && t.test?.test(source));
  if (!tag?.resolve) return source;
  try {
    const value = tag.resolve(source, () => undefined, { intAsBigInt: false });
    return isScalar(value) ? value.value : value;
  } catch {
    // A date-shaped value that is no date (2026-99-99): a YAML 1.1 reader fails on it.
    return new Date(Number.NaN);
  }
}

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) return false;
  return Object.is(a, b);
}

function describe(value: unknown): string {
  if (value instanceof Date) return 'a date';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number' || typeof value === 'boolean') return `the ${typeof value} ${String(value)}`;
  return value === null ? 'null (no value)' : `a ${typeof value}`;
}

/** How to write the value so that both readers agree on what the YAML 1.2 reader reads now. */
function fix({ segment, isKey }: VisitedNode, source: string, v12: unknown): string {
  if (typeof v12 === 'number') return `write it as ${plainNumber(v12)}`;
  const quoted = JSON.stringify(source);
  if (isKey) return `quote it: ${quoted}:`;
  return typeof segment === 'number' ? `quote it: - ${quoted}` : `quote it: ${String(segment)}: ${quoted}`;
}

/** A number as both readers read it: plain digits, or a float with a dot and a signed exponent. */
function plainNumber(n: number): string {
  const text = String(n);
  return /e/u.test(text) && !text.includes('.') ? text.replace('e', '.0e') : text;
}
