import { diag, type Diagnostic } from '../diagnostics.ts';
import { describeChar, isBidiControl } from '../control-chars.ts';

// YAML 1.1 readers (PyYAML) end a line at a lone CR, NEL, LS or PS; the yaml package (YAML 1.2)
// ends lines only at LF. Such a "line break" can hide a field in what one reader takes for a comment.
const ODD_BREAK = /\r(?!\n)|[\u0085\u2028\u2029]/gu;
// What YAML does not allow raw in a file (outside its printable set; NEL is above), and the
// bidirectional-text controls, which make text display in another order than it is read.
const HIDDEN =
  // eslint-disable-next-line no-control-regex -- finding control characters is what this is for
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufffe\uffff\u202a-\u202e\u2066-\u2069]/gu;

/**
 * OAR010 for characters in the raw text of a YAML file that YAML readers disagree on or
 * that hide what the file says: odd line endings, control characters, bidi controls.
 * One diagnostic per kind, at its first occurrence; empty when the text is clean.
 */
export function yamlTextProblems(file: string, text: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const breaks = [...text.matchAll(ODD_BREAK)];
  const firstBreak = breaks[0];
  if (firstBreak) {
    const char = firstBreak[0];
    const what =
      char !== '\r'
        ? `${describeChar(char)} ends a line for YAML 1.1 readers but not for YAML 1.2 readers${andMore(breaks.length)}`
        : text.includes('\n')
          ? `this line ends with a carriage return (CR) alone, unlike the others${andMore(breaks.length)}`
          : 'the lines end with a carriage return (CR) alone (old Mac line endings)';
    out.push(
      at(
        file,
        text,
        firstBreak.index,
        `${what}, so YAML readers disagree on where lines end; save the file with LF (or CRLF) line endings`,
      ),
    );
  }
  const hidden = [...text.matchAll(HIDDEN)];
  for (const bidi of [true, false]) {
    const found = hidden.filter((m) => isBidiControl(m[0]) === bidi);
    const first = found[0];
    if (!first) continue;
    const what = bidi
      ? `the bidirectional-text control ${describeChar(first[0])} makes text display in another order than it is read`
      : `the control character ${describeChar(first[0])} is not allowed in YAML text`;
    out.push(at(file, text, first.index, `${what}${andMore(found.length)}; delete it`));
  }
  return out;
}

/** ` (and 2 more in this file)` after the first of `count` occurrences; empty for one. */
export function andMore(count: number): string {
  return count > 1 ? ` (and ${count - 1} more in this file)` : '';
}

function at(file: string, text: string, offset: number, message: string): Diagnostic {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const line = text.slice(0, lineStart).split('\n').length;
  return diag('OAR010', file, message, { line, col: offset - lineStart + 1 });
}
