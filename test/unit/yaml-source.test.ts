import { describe, expect, it } from 'vitest';
import { parseYamlSource } from '../../lib/load/yaml-source.ts';

const text = `# comment
id: demo
cost:
  monthlyUsd: { low: 1, high: 2 }
services:
  - ec2
  - s3
empty:
`;

describe('parseYamlSource', () => {
  const { source, diagnostics } = parseYamlSource('a.yaml', text);
  if (!source) throw new Error('expected a source');

  it('parses without diagnostics', () => {
    expect(diagnostics).toEqual([]);
    expect(source.data).toMatchObject({ id: 'demo', services: ['ec2', 's3'] });
  });

  it.each([
    { path: ['id'], key: false, line: 2, col: 5 },
    { path: ['id'], key: true, line: 2, col: 1 },
    { path: ['cost', 'monthlyUsd', 'high'], key: false, line: 4, col: 31 },
    { path: ['services', 1], key: false, line: 7, col: 5 },
    { path: ['empty'], key: false, line: 8, col: 1 },
    { path: ['missing', 'deeper'], key: false, line: 2, col: 1 },
    { path: ['services', 9], key: false, line: 6, col: 3 },
  ])('locates $path (key: $key) at $line:$col', ({ path, key, line, col }) => {
    expect(source.locate(path, key)).toEqual({ line, col });
  });

  it('reports every syntax error with its position', () => {
    const broken = parseYamlSource('b.yaml', 'a: 1\nb: [1\nc:\n\td: 2\n');
    expect(broken.source).toBeUndefined();
    expect(broken.diagnostics.map((d) => d.code)).toContain('OAR010');
    expect(broken.diagnostics.every((d) => d.line !== undefined)).toBe(true);
  });
});

describe('parseYamlSource on hostile YAML', () => {
  const parse = (yaml: string) => {
    const { source, diagnostics } = parseYamlSource('a.yaml', yaml);
    return { data: source?.data, found: diagnostics.map((d) => `${d.line}:${d.col} ${d.code}`), diagnostics };
  };
  const letters = 'abcdefgh';
  const bomb = [
    'id: x',
    'a: &a [x, x, x, x, x, x, x, x, x, x]',
    ...Array.from(
      { length: 7 },
      (_, i) => `${letters[i + 1]}: &${letters[i + 1]} [${Array(10).fill(`*${letters[i]}`).join(', ')}]`,
    ),
  ].join('\n');

  // Each row: the input, where the one diagnostic is (line:col, when it is exact) and what it says.
  const rows: { what: string; yaml: string; code: string; at?: string; says: RegExp }[] = [
    {
      what: 'an alias bomb of 70 aliases',
      yaml: bomb,
      code: 'OAR017',
      at: '2:4',
      says: /`&a` is a YAML anchor \(the file has 8 anchors and 70 aliases\)/,
    },
    {
      what: 'a recursive alias',
      yaml: 'id: x\nrec: &r [*r]\n',
      code: 'OAR017',
      at: '2:6',
      says: /`&r` is a YAML anchor \(the file has one anchor and one alias\)/,
    },
    { what: 'a merge key', yaml: 'base: &b {a: 1}\nc:\n  <<: *b\n', code: 'OAR017', at: '1:7', says: /anchor/ },
    {
      what: 'a !!binary tag',
      yaml: 'id: x\ntitle: !!binary aGVsbG8=\n',
      code: 'OAR017',
      at: '2:8',
      says: /`!!binary` is a YAML tag/,
    },
    {
      what: 'a !!js/function tag',
      yaml: 'title: !!js/function "function(){}"\n',
      code: 'OAR017',
      at: '1:8',
      says: /`!!js\/function` is a YAML tag/,
    },
    {
      what: 'a local !foo tag',
      yaml: 'a: 1\ntitle: !foo bar\n',
      code: 'OAR017',
      at: '2:8',
      says: /`!foo` is a YAML tag/,
    },
    {
      what: 'a %YAML 1.1 directive',
      yaml: '%YAML 1.1\n---\nasOf: 2026-11-26\n',
      code: 'OAR017',
      at: '1:1',
      says: /`%YAML 1.1` is a YAML directive/,
    },
    {
      what: 'a %TAG directive',
      yaml: '%TAG !e! tag:e.com,2000:\n---\na: 1\n',
      code: 'OAR017',
      at: '1:1',
      says: /directive/,
    },
    {
      what: 'flow lists 20,000 deep',
      yaml: `a: ${'['.repeat(20_000)}`,
      code: 'OAR017',
      says: /nest more than 32 levels deep/,
    },
    {
      what: 'block lists 33 deep',
      yaml: `a:\n  ${'- '.repeat(33)}x\n`,
      code: 'OAR017',
      says: /nest more than 32 levels deep/,
    },
    {
      what: 'lines ending in CR only',
      yaml: 'id: x\rtitle: y\r',
      code: 'OAR010',
      at: '1:6',
      says: /the lines end with a carriage return \(CR\) alone.*save the file with LF \(or CRLF\)/,
    },
    {
      what: 'one line ending in CR among LF lines',
      yaml: 'id: x\ntitle: y\rsummary: z\n',
      code: 'OAR010',
      at: '2:9',
      says: /this line ends with a carriage return \(CR\) alone, unlike the others/,
    },
    {
      what: 'a line separator that hides a key from YAML 1.2',
      yaml: '# note\u2028title: evil\nid: x\n',
      code: 'OAR010',
      at: '1:7',
      says: /U\+2028 \(line separator\) ends a line for YAML 1.1 readers/,
    },
    {
      what: 'a raw ESC and BEL (OSC 0)',
      yaml: 'title: "\u001b]0;x\u0007y"\n',
      code: 'OAR010',
      at: '1:9',
      says: /U\+001B \(ESC, .*\(and 1 more in this file\)/,
    },
    { what: 'a raw NUL', yaml: 'title: a\u0000b\n', code: 'OAR010', at: '1:9', says: /U\+0000 \(NUL\)/ },
    { what: 'a raw C1 CSI', yaml: 'title: a\u009bb\n', code: 'OAR010', at: '1:9', says: /U\+009B/ },
    {
      what: 'a bidi override in a comment',
      yaml: 'id: x # \u202e evil\n',
      code: 'OAR010',
      at: '1:9',
      says: /bidirectional-text control U\+202E/,
    },
    {
      what: 'a second document',
      yaml: 'a: 1\n---\nb: 2\n',
      code: 'OAR010',
      at: '2:1',
      says: /a second YAML document starts here/,
    },
    { what: 'a list as a key', yaml: '? [a]\n: b\n', code: 'OAR010', at: '1:3', says: /a key must be a plain name/ },
  ];

  it.each(rows)('refuses $what', ({ yaml, code, at, says }) => {
    const result = parse(yaml);
    expect(result.data).toBeUndefined();
    expect(result.diagnostics.map((d) => d.code)).toEqual([code]);
    if (at !== undefined) expect(result.found).toEqual([`${at} ${code}`]);
    expect(result.diagnostics[0]?.message).toMatch(says);
  });

  it('accepts CRLF and mixed LF/CRLF line endings', () => {
    expect(parse('id: x\r\ntitle: why\r\n').data).toEqual({ id: 'x', title: 'why' });
    expect(parse('id: x\r\ntitle: why\nsummary: z\r\n').found).toEqual([]);
  });

  it('accepts nesting 32 deep', () => {
    expect(parse(`a: ${'['.repeat(31)}${']'.repeat(31)}\n`).found).toEqual([]);
  });

  it('reads __proto__ and constructor as plain keys, without touching the prototype', () => {
    const { data } = parse('__proto__: {polluted: 1}\nconstructor: x\n');
    expect(Object.keys(data as object)).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('OAR016: plain values YAML 1.1 reads differently', () => {
  const warnings = (yaml: string) =>
    parseYamlSource('a.yaml', yaml).diagnostics.map((d) => `${d.line}:${d.col} ${d.code} ${d.severity} ${d.message}`);

  it.each([
    [
      'asOf: 2026-11-26',
      'asOf: the unquoted value 2026-11-26 is text in YAML 1.2 but a date in YAML 1.1, which older readers such as PyYAML follow; quote it: asOf: "2026-11-26"',
    ],
    ['a: 2026-11-26T10:00:00Z', 'a date'],
    [
      'a: yes',
      'the boolean true in YAML 1.1; quote it: a: "yes"'.replace(
        ' in YAML 1.1;',
        ' in YAML 1.1, which older readers such as PyYAML follow;',
      ),
    ],
    ['a: No', 'the boolean false'],
    ['a: OFF', 'the boolean false'],
    ['a: on', 'the boolean true'],
    ['a: y', 'the boolean true'],
    ['a: N', 'the boolean false'],
    [
      'a: 0755',
      'the number 755 in YAML 1.2 but the number 493 in YAML 1.1, which older readers such as PyYAML follow; write it as 755',
    ],
    ['a: 1:20', 'is text in YAML 1.2 but the number 80'],
    ['a: 0b101', 'the number 5'],
    ['a: 1_000', 'the number 1000'],
    [
      'a: 1e3',
      'the number 1000 in YAML 1.2 but text in YAML 1.1, which older readers such as PyYAML follow; write it as 1000',
    ],
    ['a: 1.5e3', 'write it as 1500'],
    ['a: 09', 'write it as 9'],
    ['a: 0o17', 'write it as 15'],
    [
      'a: [yes]',
      'a[0]: the unquoted value yes is text in YAML 1.2 but the boolean true in YAML 1.1, which older readers such as PyYAML follow; quote it: - "yes"',
    ],
    [
      'on: 1',
      'on: the unquoted key on is text in YAML 1.2 but the boolean true in YAML 1.1, which older readers such as PyYAML follow; quote it: "on":',
    ],
  ])('warns on %s', (yaml, message) => {
    const found = warnings(`${yaml}\n`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^1:\d+ OAR016 warning /u);
    expect(found[0]).toContain(message);
  });

  it.each([
    'a: "2026-11-26"',
    "a: 'yes'",
    'a: true',
    'a: false',
    'a: null',
    'a: ~',
    'a: 12',
    'a: -3',
    'a: 1.5',
    'a: 0.5',
    'a: .inf',
    'a: -.inf',
    'a: .nan',
    'a: 0x1F',
    'a: 1.5e+3',
    'a: text',
    'a: yEs',
    'a: 0.1.0',
    'a: |\n  yes\n',
    'a: 1e400',
  ])('is quiet on %s', (yaml) => {
    expect(warnings(`${yaml}\n`)).toEqual([]);
  });
});
