import { isMap, isScalar, isSeq, parseDocument } from 'yaml';

/**
 * Fields of architecture.yaml that are the fork's own, never merged from the parent: what it is
 * (id, title, version, status, replacedBy), where it comes from (forkedFrom, related) and the
 * advisories it publishes. `oar fork` rewrote or dropped each of them.
 */
export const FORK_FIELDS = ['id', 'title', 'version', 'status', 'replacedBy', 'related', 'advisories', 'forkedFrom'];

// As oar fork reads and writes architecture.yaml (generators/fork/fork-entry.ts), so a parent's file
// rendered here reads exactly as the fork's copy did when it was made.
export const READ = { compat: 'yaml-1.1' } as const;
const WRITE = { lineWidth: 0 } as const;

/** A top-level field's text: from the start of its key's line to the end of its value's last line. */
interface Span {
  readonly start: number;
  readonly end: number;
}

/** The top-level fields of a block mapping with their spans, in order; undefined when the text is not one. */
function fieldsOf(text: string): Map<string, Span> | undefined {
  const doc = parseDocument(text, READ);
  if (doc.errors.length > 0 || !isMap(doc.contents) || doc.contents.flow) return undefined;
  const fields = new Map<string, Span>();
  for (const pair of doc.contents.items) {
    if (!isScalar(pair.key)) return undefined;
    const last =
      (isScalar(pair.value) || isMap(pair.value) || isSeq(pair.value) ? pair.value.range : undefined) ?? pair.key.range;
    const lineStart = text.lastIndexOf('\n', pair.key.range[0] - 1) + 1;
    fields.set(String(pair.key.value), { start: lineStart, end: lineEnd(text, last[1]) });
  }
  return fields;
}

/** The offset just past the line that holds the character before `at`. */
export function lineEnd(text: string, at: number): number {
  if (at > 0 && text[at - 1] === '\n') return at;
  const nl = text.indexOf('\n', at);
  return nl === -1 ? text.length : nl + 1;
}

const withNewline = (s: string) => (s === '' || s.endsWith('\n') ? s : `${s}\n`);

/**
 * A parent version of architecture.yaml with each fork field as the fork's file writes it: its
 * text put in place of the parent's, inserted after the field before it in the fork's order when
 * the parent has none, removed when the fork has none. All three versions then read alike there,
 * so a parent's version bump or new advisory is no conflict. Text that is not a block mapping is
 * left as it is (the merge then shows the difference).
 */
export function withForkFields(parentText: string, forkText: string): string {
  const fork = fieldsOf(forkText);
  if (!fork || !fieldsOf(parentText)) return parentText;
  const order = [...fork.keys()];
  let text = parentText;
  for (const name of FORK_FIELDS) {
    const fields = fieldsOf(text);
    if (!fields) return parentText;
    const own = fork.get(name);
    const replacement = own ? withNewline(forkText.slice(own.start, own.end)) : '';
    const theirs = fields.get(name);
    if (theirs) {
      text = text.slice(0, theirs.start) + replacement + text.slice(theirs.end);
      continue;
    }
    if (!own) continue;
    const before = order
      .slice(0, order.indexOf(name))
      .reverse()
      .map((k) => fields.get(k))
      .find((span) => span !== undefined);
    const at = before?.end ?? text.length;
    text = withNewline(text.slice(0, at)) + replacement + text.slice(at);
  }
  return text;
}

/** architecture.yaml as oar fork renders it (comments kept, long lines not folded). */
export function rendered(text: string): string {
  const doc = parseDocument(text, READ);
  return doc.errors.length > 0 ? text : doc.toString(WRITE);
}

/** Lines of `candidate` that `target` does not have: how far a rendering of the parent is from the fork's file. */
export function distance(candidate: string, target: string): number {
  const have = new Set(target.split('\n'));
  return candidate.split('\n').filter((line) => !have.has(line)).length;
}

/**
 * The parent's architecture.yaml at the fork point and now, each with the fork's own fields, written
 * the way the fork's file is: as the parent wrote it (a fork copied by hand) or as oar fork renders
 * it (long lines unfolded, flow lists padded). Whichever reads closer to the fork's file is used for
 * both, so a difference of layout alone never reads as a change.
 */
export function alignedParents(base: string, theirs: string, fork: string): { base: string; theirs: string } {
  const asWritten = { base: withForkFields(base, fork), theirs: withForkFields(theirs, fork) };
  const asForked = { base: withForkFields(rendered(base), fork), theirs: withForkFields(rendered(theirs), fork) };
  return distance(asForked.base, fork) < distance(asWritten.base, fork) ? asForked : asWritten;
}
