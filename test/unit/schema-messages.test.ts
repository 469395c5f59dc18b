import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseYamlSource } from '../../lib/load/yaml-source.ts';
import { checkSchema } from '../../lib/validate/schema.ts';
import { schemaDiagnostics } from '../../lib/validate/schema-errors.ts';
import { showValue } from '../../lib/validate/suggest.ts';
import { fixture } from '../helpers/temp-catalogue.ts';

const base = readFileSync(fixture('valid/architectures/tiny-web/architecture.yaml'), 'utf8');

/** What `oar validate` says about the fixture entry with one line replaced. */
function messages(from: string, to: string): string[] {
  const text = base.replace(from, to);
  expect(text, `the fixture holds ${from}`).not.toBe(base);
  const { source, diagnostics } = parseYamlSource('a.yaml', text);
  if (!source) return diagnostics.map((d) => `${d.line}:${d.col} ${d.code} ${d.message}`);
  return [...diagnostics, ...schemaDiagnostics(checkSchema(source.data).errors, source)].map(
    (d) => `${d.line}:${d.col} ${d.code} ${d.message}`,
  );
}

const LINE_HINT =
  'write it on one line, without tabs, line breaks, control characters (escapes such as \\e, \\a or \\u001b) or bidirectional-text controls (U+202A-U+202E, U+2066-U+2069)';

describe('schema messages for hostile values', () => {
  it.each([
    {
      what: 'an escape sequence in the title',
      to: 'title: "Tiny \\e]0;PWNED\\a web tier"',
      says: `3:8 OAR105 \`title\` has U+001B (ESC, which starts terminal escape sequences) at character 6; ${LINE_HINT}`,
    },
    {
      what: 'a folded title, which ends in a line break',
      to: 'title: >\n  Tiny web tier',
      says: `3:8 OAR105 \`title\` has U+000A (line feed, a line break) at character 14; ${LINE_HINT}`,
    },
    {
      what: 'a right-to-left override after an emoji',
      to: 'title: "🙂 Tiny \\u202Eweb tier"',
      says: `3:8 OAR105 \`title\` has U+202E (right-to-left override) at character 8; ${LINE_HINT}`,
    },
  ])('names the character and where it is: $what', ({ to, says }) => {
    expect(messages('title: Tiny web tier', to)).toEqual([says]);
  });

  it.each([
    ['1e400', '`cost.monthlyUsd.high` is infinity (.inf, or a number too large to hold, such as 1e400)'],
    ['.inf', '`cost.monthlyUsd.high` is infinity (.inf, or a number too large to hold, such as 1e400)'],
    ['-.inf', '`cost.monthlyUsd.high` is minus infinity (-.inf, or a number too large to hold, such as -1e400)'],
    ['.nan', '`cost.monthlyUsd.high` is .nan, which is not a number'],
  ])('says high: %s is not a finite number', (value, says) => {
    expect(messages('high: 120', `high: ${value}`)).toEqual([
      `41:32 OAR103 ${says}; write a finite number, such as 120`,
    ]);
  });
});

describe('showValue', () => {
  it('survives a value that contains itself', () => {
    const list: unknown[] = [];
    list.push(list);
    const map: Record<string, unknown> = {};
    map['self'] = map;
    expect(showValue(list)).toBe('[a list that contains itself]');
    expect(showValue(map)).toBe('{a mapping that contains itself}');
  });

  it('escapes control characters that JSON leaves raw', () => {
    expect(showValue('a\u009b2Kb\u202ec\u2028d\u001b')).toBe('"a\\u009b2Kb\\u202ec\\u2028d\\u001b"');
  });

  it('shows numbers JSON has not got', () => {
    expect([Infinity, -Infinity, Number.NaN].map(showValue)).toEqual(['Infinity', '-Infinity', 'NaN']);
  });

  it('cuts long values without splitting a character', () => {
    expect(showValue('🙂'.repeat(100))).toBe(`"${'🙂'.repeat(56)}...`);
  });
});
