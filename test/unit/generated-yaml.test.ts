import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { forkMetadata } from '../../generators/fork/fork-entry.ts';
import { scaffoldEntry } from '../../generators/scaffold/new-entry.ts';
import { parseYamlSource } from '../../lib/load/yaml-source.ts';
import type { ResolvedEntry } from '../../lib/resolve/resolve-catalogue.ts';
import { fixture } from '../helpers/temp-catalogue.ts';

/** The YAML read as YAML 1.2 (as oar reads it) and as YAML 1.1 (as PyYAML reads it), with oar's diagnostics. */
function readBothWays(yaml: string) {
  const { source, diagnostics } = parseYamlSource('a.yaml', yaml);
  return { v12: source?.data, v11: parse(yaml, { version: '1.1' }) as unknown, codes: diagnostics.map((d) => d.code) };
}

describe('what oar new and oar fork write reads the same in YAML 1.1 and 1.2', () => {
  it('oar new quotes the date, and every value a YAML 1.1 reader would take for something else', () => {
    const files = scaffoldEntry({ id: 'off', title: 'No', authorName: 'yes', github: 'on', today: '2026-12-06' });
    const yaml = files.get('architecture.yaml') ?? '';
    expect(yaml).toContain('asOf: "2026-12-06"');
    expect(yaml).toMatch(/^id: "off"$/mu);
    const { v12, v11, codes } = readBothWays(yaml);
    expect(codes).toEqual([]);
    expect(v11).toEqual(v12);
  });

  it('oar new leaves a plain id plain', () => {
    const yaml = scaffoldEntry({ id: 'queue-workers', authorName: 'Ada', github: 'ada', today: '2026-12-06' }).get(
      'architecture.yaml',
    );
    expect(yaml).toMatch(/^id: queue-workers$/mu);
    expect(yaml).toMatch(/^title: Queue workers$/mu);
  });

  it('oar fork quotes what it writes, and the dates of the parent it copies', () => {
    const parentYaml = readFileSync(fixture('valid/architectures/tiny-web/architecture.yaml'), 'utf8').replace(
      /asOf: "(.*)"/u,
      'asOf: $1',
    );
    const parent = { id: 'tiny-web', meta: { title: 'Tiny web tier', version: '1.2.0' } } as unknown as ResolvedEntry;
    const yaml = forkMetadata(parentYaml, parent, {
      newId: 'null',
      reason: 'yes',
      changes: ['2026-11-26', 'on'],
      today: '2026-12-06',
    });
    expect(yaml).toContain('asOf: "2026-11-25"');
    const { v12, v11, codes } = readBothWays(yaml);
    expect(codes).toEqual([]);
    expect(v11).toEqual(v12);
    expect(v12).toMatchObject({
      id: 'null',
      forkedFrom: { reason: 'yes', changes: [{ change: '2026-11-26' }, { change: 'on' }] },
    });
  });
});
