import { isAlias, Parser, type Document, type LineCounter } from 'yaml';
import { diag, type Diagnostic } from '../diagnostics.ts';
import { andMore as more } from './yaml-text.ts';
import { walkYaml } from './yaml-walk.ts';

/** How deep lists and mappings may nest. The schema's deepest field, smokeTests[].http.url, is 4 levels down. */
export const MAX_DEPTH = 32;

/** The message for YAML nested past MAX_DEPTH, or so deep that the parser gave up. */
export const TOO_DEEP = `lists and mappings nest more than ${MAX_DEPTH} levels deep; no field of an entry needs more than 4 levels, so remove the extra brackets or indentation`;

/**
 * OAR017 for the parts of YAML an entry never needs and a hostile file abuses: anchors
 * and aliases (a few aliases expand to millions of values, or to a cycle), tags
 * (other readers build objects or run code for some), directives (they change how
 * other readers read the file) and deep nesting (it exhausts the call stack of
 * whatever walks the data). One diagnostic per kind, at its first occurrence.
 */
export function yamlFeatureProblems(file: string, text: string, doc: Document, lines: LineCounter): Diagnostic[] {
  const found: Record<'directive' | 'anchor' | 'tag', { offset: number; text: string }[]> = {
    directive: [],
    anchor: [],
    tag: [],
  };
  let aliases = 0;
  let tooDeep: number | undefined;
  // Directives stand at the top, on lines starting with %; only such a file is tokenized again to find them.
  if (/^%/mu.test(text)) {
    for (const token of new Parser().parse(text))
      if (token.type === 'directive') found.directive.push({ offset: token.offset, text: token.source });
  }
  if (doc.contents) {
    for (const { node, depth } of walkYaml(doc.contents)) {
      const offset = node.range?.[0] ?? 0;
      if (depth > MAX_DEPTH) {
        tooDeep = offset;
        break;
      }
      if (isAlias(node)) aliases += 1;
      else if (node.anchor) found.anchor.push(writtenBefore(text, offset, `&${node.anchor}`));
      if (node.tag) found.tag.push(writtenBefore(text, offset, node.tag.replace(/^tag:yaml\.org,2002:/u, '!!')));
    }
  }
  const out: Diagnostic[] = [];
  const report = (offset: number, message: string): void => {
    const pos = lines.linePos(offset);
    out.push(diag('OAR017', file, message, { line: pos.line, col: pos.col }));
  };
  const [directive, anchor, tag] = [found.directive[0], found.anchor[0], found.tag[0]];
  if (directive) {
    report(
      directive.offset,
      `\`${directive.text}\` is a YAML directive${more(found.directive.length)}; entries use none, since a directive changes how other YAML readers read the file; delete the line`,
    );
  }
  if (anchor) {
    const anchors = found.anchor.length === 1 ? 'one anchor' : `${found.anchor.length} anchors`;
    const uses = aliases === 0 ? 'no alias' : aliases === 1 ? 'one alias' : `${aliases} aliases`;
    report(
      anchor.offset,
      `\`${anchor.text}\` is a YAML anchor (the file has ${anchors} and ${uses}); entries use no anchors or aliases, since a few aliases can expand to millions of values; write each value out in full and delete the anchors (&name) and aliases (*name)`,
    );
  }
  if (tag) {
    report(
      tag.offset,
      `\`${tag.text}\` is a YAML tag${more(found.tag.length)}; entries use no tags, since other YAML readers build objects or run code for some (such as !!binary or !!js/function); delete it, and quote the value if it is text`,
    );
  }
  if (tooDeep !== undefined) report(tooDeep, TOO_DEEP);
  return out;
}

/**
 * Where `token` (an anchor or tag) is written: just before the node it belongs to, or on
 * the line above a block collection, whose own range starts at its first item.
 */
function writtenBefore(text: string, offset: number, token: string): { offset: number; text: string } {
  const at = text.lastIndexOf(token, offset);
  return { offset: at >= 0 && offset - at <= 1024 ? at : offset, text: token };
}
