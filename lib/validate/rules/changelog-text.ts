import { diag, type Diagnostic } from '../../diagnostics.ts';
import { shown } from '../../report/shown.ts';
import { markdownLines, readChangelog } from '../../resolve/changelog.ts';
import type { FileRule } from '../rule.ts';

// C0 but tab (line breaks end lines), DEL, C1, the bidi embeddings and isolates, and two noncharacters:
// a terminal runs escape sequences, XML 1.0 (the RSS feed) refuses most, and bidi controls disguise text.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufffe\uffff]/u;
// The schema's plainText rule (definitions.plainText): `<` then a letter, `/`, `!` or `?` starts markup.
const TAG = /<[A-Za-z/!?][A-Za-z0-9-]{0,20}/u;
const MAX_REPORTED = 10;

/** At most ten of a file's diagnostics, then one that counts the rest: a hostile file must not flood the report. */
export function firstFew(list: readonly Diagnostic[], file: string, what: string): Diagnostic[] {
  const first = list[0];
  if (list.length <= MAX_REPORTED || !first) return [...list];
  const more = list[MAX_REPORTED];
  return [
    ...list.slice(0, MAX_REPORTED),
    diag(
      first.code,
      file,
      `and ${list.length - MAX_REPORTED} more ${what}; fix those above and run oar validate again`,
      {
        line: more?.line,
        col: more?.col,
      },
    ),
  ];
}

/**
 * OAR226: CHANGELOG.md holds no control characters, and the release notes the
 * site shows hold no markup: the entry page escapes them, but the RSS feed is
 * HTML to feed readers, and a NUL or ESC made the whole feed invalid XML.
 */
export const changelogText: FileRule = (entry) => {
  const changelog = entry.changelog;
  if (!changelog) return [];
  const problems: Diagnostic[] = [];
  for (const [i, line] of markdownLines(changelog.text).entries()) {
    const control = CONTROL.exec(line);
    if (!control) continue;
    const code = (control[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    problems.push(
      diag('OAR226', changelog.file, `CHANGELOG.md has the control character U+${code}; delete it`, {
        line: i + 1,
        col: control.index + 1,
      }),
    );
  }
  for (const note of readChangelog(changelog.text).notes) {
    const tag = TAG.exec(note.text);
    if (!tag) continue;
    problems.push(
      diag(
        'OAR226',
        changelog.file,
        `release note has the markup ${shown(tag[0])}; release notes are plain text, so describe the change in words (write a URL without < >)`,
        { line: note.line, col: note.col + tag.index },
      ),
    );
  }
  return firstFew(problems, changelog.file, 'lines with control characters or markup');
};
