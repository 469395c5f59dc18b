import { describe, expect, it } from 'vitest';
import schema from '../../schema/architecture.schema.json' with { type: 'json' };
import type { LoadedEntry } from '../../lib/load/read-entry.ts';
import { isCalendarDate, parseChangelog, readChangelog } from '../../lib/resolve/changelog.ts';
import { checkReleases } from '../../lib/validate/rules/changelog-releases.ts';
import { shown } from '../../lib/report/shown.ts';
import { changelogText } from '../../lib/validate/rules/changelog-text.ts';
import { changelogVersion } from '../../lib/validate/rules/changelog-version.ts';
import type { CheckedEntry } from '../../lib/validate/rule.ts';

const FILE = 'architectures/x/CHANGELOG.md';
// A fixed day, so that "still to come" means the same thing next year.
const TODAY = new Date('2026-12-06T12:00:00Z');
const releases = (text: string) =>
  checkReleases({ file: FILE, text: `# Changelog\n\n${text}` }, TODAY).map(
    (d) => `${String(d.line)}:${String(d.col)} ${d.code} ${d.message}`,
  );
const textProblems = (text: string) =>
  changelogText({ changelog: { file: FILE, text } } as unknown as LoadedEntry).map(
    (d) => `${String(d.line)}:${String(d.col)} ${d.code} ${d.message}`,
  );

describe('readChangelog', () => {
  it('reads releases, dates and notes, with where each note starts', () => {
    const log = readChangelog(
      '# Changelog\n\n## 1.2.0 - 2026-11-25\n\n- Larger.\n  *  Two.\n### Added\n- Three.\n\n## [v1.0.0] (2026-10-01)\n- First.\n',
    );
    expect(log.releases).toEqual([
      { version: '1.2.0', date: '2026-11-25', notes: ['Larger.', 'Two.', 'Three.'], line: 3 },
      { version: '1.0.0', date: '2026-10-01', notes: ['First.'], line: 10 },
    ]);
    expect(log.notes.map((n) => [n.line, n.col])).toEqual([
      [5, 3],
      [6, 6],
      [8, 3],
      [11, 3],
    ]);
  });

  it('reads CR-only and CRLF line endings as Markdown does', () => {
    const lf = '# Changelog\n\n## 1.2.0 - 2026-11-25\n\n- Larger.\n';
    expect(parseChangelog(lf.replaceAll('\n', '\r'))).toEqual(parseChangelog(lf));
    expect(parseChangelog(lf.replaceAll('\n', '\r\n'))).toEqual(parseChangelog(lf));
  });

  it('gives the site only real dates and semantic versions, and no notes of a heading that does not parse', () => {
    const log = readChangelog(
      '## 1.2.0 - 2026-02-30\n- a\n## 1.1 - 2026-01-01\n- hidden\n## 1.0.0 - 2026-01-01 extra\n',
    );
    expect(log.releases).toEqual([
      { version: '1.2.0', notes: ['a'], line: 1 },
      { version: '1.0.0', notes: [], line: 5 },
    ]);
    expect(log.headings.map((h) => h.version.text)).toEqual(['1.2.0', '1.1', '1.0.0']);
  });

  it('keeps U+2028 inside a line rather than hiding the rest of it', () => {
    expect(readChangelog('## 1.0.0 - 2026-01-01\u2028<b>\n- a\u2028<b>\n').headings[0]?.extra?.text).toBe(
      '- 2026-01-01\u2028<b>',
    );
    expect(readChangelog('## 1.0.0\n- a\u2028<b>\n').releases[0]?.notes).toEqual(['a\u2028<b>']);
  });

  it.each([
    ['2026-11-25', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-99-99', false],
    ['2026-1-1', false],
    ['2026-01-01T00:00', false],
    ['+02026-01-01', false],
  ])('isCalendarDate(%s) is %s', (date, ok) => {
    expect(isCalendarDate(date)).toBe(ok);
  });
});

describe('OAR225: release headings', () => {
  it('accepts good headings, with or without a date, in the usual spellings', () => {
    expect(
      releases(
        '## 1.2.0 - 2026-12-07\n## v1.1.0 – 2026-11-01\n## [1.0.0] (2026-10-01)\n## 1.0.0-beta.1 — 1970-01-01\n## 0.1.0\n## Unreleased\n### Added\n',
      ),
    ).toEqual([]);
  });

  it.each([
    ['## 1.2.0 - 2026-99-99', '3:12 OAR225 release 1.2.0 has the date "2026-99-99", which is not a calendar date'],
    ['## 1.2.0 - 2026-02-30', '3:12 OAR225 release 1.2.0 has the date "2026-02-30", which is not a calendar date'],
    ['## 1.2.0 - 2026-1-1', '3:12 OAR225 release 1.2.0 has the date "2026-1-1", which is not a calendar date'],
    ['## 1.2.0 - 0000-01-01', '3:12 OAR225 release 1.2.0 has the date 0000-01-01, before 1970'],
    ['## 1.2.0 - 9999-12-31', '3:12 OAR225 release 1.2.0 has the date 9999-12-31, which is still to come'],
    ['## 1.2.0 - 2026-12-08', '3:12 OAR225 release 1.2.0 has the date 2026-12-08, which is still to come'],
    ['## 1.2 - 2026-11-25', '3:4 OAR225 release heading version "1.2" is not a semantic version'],
    ['## 01.2.3', '3:4 OAR225 release heading version "01.2.3" is not a semantic version'],
    ['## 1.2.3-🙂', '3:4 OAR225 release heading version "1.2.3-🙂" is not a semantic version'],
    ['## 1.2 - x', '3:4 OAR225 release heading version "1.2" is not a semantic version'],
    ['## 1.2.0 - 2026-11-25 (yanked)', '3:10 OAR225 release 1.2.0 has "- 2026-11-25 (yanked)" after the version'],
    ['## 1.2.0 on 2026-11-25', '3:10 OAR225 release 1.2.0 has "on 2026-11-25" after the version'],
    ['### 1.2.0 - 2026-11-25', '3:1 OAR225 release 1.2.0 has a level-3 heading; release headings have two #'],
    ['## 1.2.0\u001b[31m - 2026-11-25', '3:4 OAR225 release heading version "1.2.0\\u001b" is not a semantic version'],
    ['## 1.0.0\n## 1.2.0', '4:4 OAR225 release 1.2.0 comes after the older 1.0.0 (line 3); list releases newest first'],
    ['## 1.0.0\n## 1.0.0-rc.1\n## 1.0.0', '5:4 OAR225 release 1.0.0 is listed twice (first at line 3)'],
  ])('%j', (text, message) => {
    const found = releases(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(message);
  });

  it('counts from the day it is given, a day ahead for time zones', () => {
    const text = '## 1.0.0 - 2026-12-07\n';
    expect(checkReleases({ file: FILE, text }, new Date('2026-12-06T00:00:00Z'))).toEqual([]);
    expect(checkReleases({ file: FILE, text }, new Date('2026-12-05T23:59:59Z'))).toHaveLength(1);
  });

  it('reports ten problems and counts the rest, so a hostile file cannot flood the report', () => {
    const found = releases('## 1.2\n'.repeat(5000));
    expect(found).toHaveLength(11);
    expect(found[10]).toBe(
      '13:4 OAR225 and 4990 more release headings with problems; fix those above and run oar validate again',
    );
  });

  it('leaves OAR211 out when the first release heading does not parse', () => {
    const entry = (text: string) =>
      ({
        loaded: { changelog: { file: FILE, text } },
        meta: { version: '1.2.0' },
      }) as unknown as CheckedEntry;
    const ctx = { byId: new Map(), knownIds: new Set<string>() };
    expect(changelogVersion(entry('## 1.2 - 2026-11-25\n## 1.0.0 - 2026-01-01\n'), ctx)).toEqual([]);
    expect(changelogVersion(entry('## 1.1.0 - 2026-11-25\n## 1.0.0 - 2026-01-01\n'), ctx)[0]?.code).toBe('OAR211');
  });
});

describe('OAR226: control characters and markup', () => {
  it.each([
    ['NUL', '- a\u0000b', '2:4 OAR226 CHANGELOG.md has the control character U+0000'],
    ['BEL', '- a\u0007', '2:4 OAR226 CHANGELOG.md has the control character U+0007'],
    ['ESC colour', '- \u001b[31mred', '2:3 OAR226 CHANGELOG.md has the control character U+001B'],
    ['OSC 52', '- \u001b]52;c;Y3VybCB4fHNo\u0007', '2:3 OAR226 CHANGELOG.md has the control character U+001B'],
    ['C1 CSI', '- \u009b31m', '2:3 OAR226 CHANGELOG.md has the control character U+009B'],
    ['bidi override', '- admin\u202egnp.exe', '2:8 OAR226 CHANGELOG.md has the control character U+202E'],
    ['noncharacter', '- a\ufffe', '2:4 OAR226 CHANGELOG.md has the control character U+FFFE'],
    ['in a heading', '## 1.0.0\u0000', '1:9 OAR226 CHANGELOG.md has the control character U+0000'],
    ['script', '- <script>alert(1)</script>', '2:3 OAR226 release note has the markup "<script"'],
    ['img onerror', '- see <img src=x onerror=alert(1)>', '2:7 OAR226 release note has the markup "<img"'],
    ['comment', '- <!-- hidden -->', '2:3 OAR226 release note has the markup "<!--"'],
    ['autolink', '- See <https://example.com>', '2:7 OAR226 release note has the markup "<https"'],
  ])('%s', (_, line, message) => {
    const found = textProblems(line.startsWith('#') ? `${line}\n- a\n` : `## 1.0.0\n${line}\n`);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(message);
  });

  it.each(['- a < b and c > d', '- ]]> and &amp; and "quotes"', '- tab\there', '- <3', '- שלום עולם', '- 🙂'])(
    'accepts plain text: %j',
    (line) => {
      expect(textProblems(`## 1.0.0\n${line}\n`)).toEqual([]);
    },
  );

  it('finds markup exactly where the schema plainText rule does', () => {
    const plainText = new RegExp(schema.definitions.noMarkup.pattern, 'u');
    for (const text of ['<b>', '< b', 'a<3', '</x', '<!x', '<?x', '<1', 'a <A', '<', '<<', '<-', '<_x']) {
      expect(textProblems(`## 1.0.0\n- ${text}\n`).length === 0, text).toBe(plainText.test(text));
    }
  });

  it('reports markup only in release notes, which the site shows', () => {
    expect(textProblems('# Changelog <b>\n\nSee <i>below</i>.\n## 1.0.0\n- fine\n')).toEqual([]);
  });
});

describe('shown', () => {
  it('quotes text with no character that a terminal or a bidi renderer would act on', () => {
    expect(shown('a\u001b\u009b\u202e\u2066b')).toBe('"a\\u001b\\x9b\\u202e\\u2066b"');
    expect(shown('x'.repeat(50))).toBe(`"${'x'.repeat(40)}…"`);
  });
});
