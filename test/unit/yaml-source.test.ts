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
