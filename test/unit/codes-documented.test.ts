import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CODES } from '../../lib/codes.ts';

const contributing = readFileSync(new URL('../../CONTRIBUTING.md', import.meta.url), 'utf8');
const documented = [...contributing.matchAll(/^\| (OAR\d{3}) \| ([^|]+) \|/gm)].map((m) => [m[1], m[2]?.trim()]);

describe('error codes', () => {
  it('are all documented in CONTRIBUTING.md, with the same meaning, and nothing else is', () => {
    const expected = Object.entries(CODES).map(([code, { meaning }]) => [code, meaning]);
    const normalise = (rows: (string | undefined)[][]) => rows.map(([c, m]) => [c, m?.replace(/ \(warning\)$/, '')]);
    expect(normalise(documented)).toEqual(normalise(expected));
  });
});

describe('MDX component library', () => {
  it('lists in the notes policy exactly what site/components/mdx/index.ts exports', async () => {
    const { componentNames } = await import('../../lib/notes/policy.ts');
    const library = await import('../../site/components/mdx/index.ts');
    expect(componentNames().sort()).toEqual(Object.keys(library).sort());
  });
});
