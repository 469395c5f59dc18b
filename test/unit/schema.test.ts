import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkSchema, ARCHITECTURE_SCHEMA } from '../../lib/validate/schema.ts';
import { compileSchemaValidator } from '../../lib/validate/schema-compiler.ts';
import { fixture } from '../helpers/temp-catalogue.ts';

const base = parse(readFileSync(fixture('valid/architectures/tiny-web/architecture.yaml'), 'utf8')) as Record<
  string,
  unknown
>;
const patch = (p: Record<string, unknown>) => ({ ...base, ...p });
const param = (p: Record<string, unknown>) => patch({ parameters: [{ name: 'x', description: 'A parameter.', ...p }] });

// ajv-style table: each row is a document and whether the schema accepts it.
const table: { description: string; data: unknown; valid: boolean }[] = [
  { description: 'the fixture entry', data: base, valid: true },
  { description: 'an id with digits', data: patch({ id: 'web-3-tier' }), valid: true },
  { description: 'an id with a double hyphen', data: patch({ id: 'web--tier' }), valid: false },
  { description: 'an id ending in a hyphen', data: patch({ id: 'web-' }), valid: false },
  { description: 'an id of 65 characters', data: patch({ id: 'a'.repeat(65) }), valid: false },
  { description: 'a prerelease version', data: patch({ version: '2.0.0-rc.1' }), valid: true },
  { description: 'a version with a leading zero', data: patch({ version: '01.0.0' }), valid: false },
  {
    description: 'a "<" that starts no tag',
    data: patch({ summary: 'Latency stays < 100 ms for most requests here.' }),
    valid: true,
  },
  {
    description: 'an HTML comment in a summary',
    data: patch({ summary: 'A fine summary <!-- hidden --> of the entry.' }),
    valid: false,
  },
  { description: 'an SPDX expression', data: patch({ license: 'MIT OR Apache-2.0' }), valid: true },
  { description: 'a license with spaces only', data: patch({ license: 'my license' }), valid: false },
  { description: 'a GitHub name with @', data: patch({ authors: [{ name: 'A', github: '@someone' }] }), valid: false },
  { description: 'no authors', data: patch({ authors: [] }), valid: false },
  { description: 'a provider other than aws', data: patch({ provider: 'gcp' }), valid: false },
  { description: 'an uppercase tag', data: patch({ tags: ['Java'] }), valid: false },
  {
    description: 'an unknown constraint kind',
    data: patch({ constraints: [{ kind: 'money', text: 'Costs a lot.' }] }),
    valid: false,
  },
  {
    description: 'an unknown impact',
    data: patch({ failureModes: [{ scenario: 'az-outage', impact: 'fine', mitigation: 'None needed.' }] }),
    valid: false,
  },
  { description: 'a missing pillar', data: patch({ wellArchitected: { reliability: 'Two zones.' } }), valid: false },
  {
    description: 'a diagram outside diagrams/',
    data: patch({ diagrams: [{ file: '../secret.mmd', title: 'X' }] }),
    valid: false,
  },
  {
    description: 'a string parameter with a pattern',
    data: param({ type: 'string', default: 'abc', pattern: '^[a-z]+$' }),
    valid: true,
  },
  {
    description: 'a number parameter with a pattern',
    data: param({ type: 'number', default: 1, pattern: '^1$' }),
    valid: false,
  },
  {
    description: 'a boolean parameter with an enum',
    data: param({ type: 'boolean', default: true, enum: ['true'] }),
    valid: false,
  },
  {
    description: 'a number parameter with a string default',
    data: param({ type: 'number', default: '1' }),
    valid: false,
  },
  {
    description: 'a parameter with an invalid regex',
    data: param({ type: 'string', default: 'a', pattern: '([' }),
    valid: false,
  },
  {
    description: 'a smoke test on a plain URL',
    data: patch({ smokeTests: [{ name: 'Up', http: { url: 'https://example.org/', expectStatus: 200 } }] }),
    valid: true,
  },
  {
    description: 'a smoke test on a file URL',
    data: patch({ smokeTests: [{ name: 'Up', http: { url: 'file:///etc/passwd', expectStatus: 200 } }] }),
    valid: false,
  },
  {
    description: 'a smoke test status of 600',
    data: patch({ smokeTests: [{ name: 'Up', http: { url: 'https://a.b/', expectStatus: 600 } }] }),
    valid: false,
  },
  {
    description: 'deprecated with a replacement',
    data: patch({ status: 'deprecated', replacedBy: 'other-entry' }),
    valid: true,
  },
  { description: 'deprecated without a replacement', data: patch({ status: 'deprecated' }), valid: false },
  {
    description: 'a forkedFrom with no changes',
    data: patch({ forkedFrom: { id: 'abc', version: '1.0.0', reason: 'Why not.', changes: [] } }),
    valid: false,
  },
];

describe('architecture.schema.json', () => {
  it.each(table)('$description → valid: $valid', ({ data, valid }) => {
    const result = checkSchema(data);
    expect(result.valid, JSON.stringify(result.errors, null, 1)).toBe(valid);
  });

  it.each(table)('$description: the validator compiled at run time (a stale precompiled one) agrees', ({ data }) => {
    const compiled = compileSchemaValidator();
    const valid = compiled(data);
    const result = checkSchema(data);
    expect(valid).toBe(result.valid);
    expect(compiled.errors ?? []).toEqual(result.errors);
  });

  it('labels every vocabulary value, in step with the enum', () => {
    const defs = ARCHITECTURE_SCHEMA.definitions;
    for (const v of [defs.service, defs.category, defs.scenario]) {
      expect(v.enumDescriptions).toHaveLength(v.enum.length);
      expect(new Set(v.enum).size).toBe(v.enum.length);
    }
  });
});
