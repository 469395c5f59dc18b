import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeControls, escapeForTerminal, showName } from '../../lib/control-chars.ts';
import { diag } from '../../lib/diagnostics.ts';
import { formatDiagnostic } from '../../lib/report/format-diagnostics.ts';
import { terminalSafeIo, type Io } from '../../scripts/cli/context.ts';
import { table } from '../../scripts/cli/table.ts';
import { runOar } from '../helpers/run-cli.ts';
import { fixture, tempCatalogue } from '../helpers/temp-catalogue.ts';

// Any of these reaching a terminal is a finding: C0 but tab and newline, DEL, C1, bidi controls.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

describe('escaping', () => {
  it('shows controls, C1 and bidi characters as visible escapes', () => {
    expect(escapeForTerminal('a\u001b]52;c;eA==\u0007b\n\tc\u009b2K\u202ed\u2066')).toBe(
      'a\\x1b]52;c;eA==\\x07b\n\tc\\x9b2K\\u202ed\\u2066',
    );
    expect(escapeControls('one\ntwo\r\tthree')).toBe('one\\ntwo\\r\\tthree');
    expect(escapeControls('plain ünïcödé 日本語 🙂')).toBe('plain ünïcödé 日本語 🙂');
  });

  it('shows a file name that is not UTF-8 byte by byte, keeping its valid characters', () => {
    expect(showName(Buffer.from([0x63, 0xc3, 0xa9, 0xff, 0x2e, 0x1b]))).toBe('cé\\xff.\\x1b');
  });
});

describe('one-line output', () => {
  it('keeps a diagnostic on one line whatever its file name or message holds', () => {
    const d = diag('OAR008', 'architectures/e/x\nforged  OAR000  ok.mmd', 'value "a\nb"', { line: 3 });
    expect(formatDiagnostic(d)).toBe('architectures/e/x\\nforged  OAR000  ok.mmd:3:1  OAR008  value "a\\nb"');
  });

  it('keeps each table row on its line and pads escaped cells', () => {
    expect(table(['ID', 'TITLE'], [['a\nb', 'x\u001b[2Ky']])).toBe('ID    TITLE\na\\nb  x\\x1b[2Ky');
  });
});

describe('terminalSafeIo', () => {
  const capture = (interactive: boolean) => {
    const lines: string[] = [];
    const io: Io = { out: (t) => lines.push(t), err: (t) => lines.push(t), cwd: '/', interactive };
    return { io: terminalSafeIo(io), lines };
  };

  it('escapes every control character when no person is at a terminal', () => {
    const { io, lines } = capture(false);
    io.out('\u001b[31mred\u001b[39m \u001b]0;title\u0007');
    io.err('\u009b2K');
    expect(lines).toEqual(['\\x1b[31mred\\x1b[39m \\x1b]0;title\\x07', '\\x9b2K']);
  });

  it('lets colour through on an interactive terminal, but not conceal or any other sequence', () => {
    const { io, lines } = capture(true);
    io.out(
      '\u001b[31mred\u001b[39m \u001b[38;5;8mgrey\u001b[0m \u001b[8mhidden\u001b[28m \u001b]0;title\u0007 \u001b[2K',
    );
    expect(lines).toEqual([
      '\u001b[31mred\u001b[39m \u001b[38;5;8mgrey\u001b[0m \\x1b[8mhidden\u001b[28m \\x1b]0;title\\x07 \\x1b[2K',
    ]);
  });
});

describe('commands', () => {
  it('print entry text from YAML without raw escape sequences, in list, show, search and validate', async () => {
    const cat = tempCatalogue('valid');
    try {
      const file = join(cat.root, 'architectures/tiny-web/architecture.yaml');
      const yaml = readFileSync(file, 'utf8')
        .replace('title: Tiny web tier', 'title: "Tiny \\e]0;PWNED\\a\\e[2K web \\u202etier\\N"')
        .replace(/^summary: (.*)$/mu, 'summary: "\\e]52;c;ZWNobyBoaQ==\\a$1"')
        .replace('  - One region only.', '  - "One region\\u202e only.\\nforged line"');
      writeFileSync(file, yaml);
      const runs = [
        ['list'],
        ['show', 'tiny-web'],
        ['search', 'tiny'],
        ['list', '--json'],
        ['show', 'tiny-web', '--json'],
        ['validate'],
      ];
      for (const args of runs) {
        const run = await runOar([...args, '--root', cat.root]);
        expect(`${run.stdout}\n${run.stderr}`, args.join(' ')).not.toMatch(RAW_CONTROL);
      }
      // The schema refuses such text (OAR105), so the entry is left out rather than shown.
      const show = await runOar(['show', 'tiny-web', '--root', cat.root]);
      expect(show.stderr).toContain('error OAR301');
    } finally {
      cat.dispose();
    }
  });

  it('escape what a command echoes from its arguments, where JSON leaves C1 and bidi controls raw', async () => {
    const run = await runOar(['show', '\u009b31m\u202eevil', '--root', fixture('valid')]);
    expect(`${run.stdout}\n${run.stderr}`).not.toMatch(RAW_CONTROL);
    expect(run.stderr).toContain('\\x9b31m\\u202eevil');
  });
});
