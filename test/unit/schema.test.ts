import { Validator } from '@cfworker/json-schema';
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
  { description: 'the id con, a device name Windows reserves', data: patch({ id: 'con' }), valid: false },
  { description: 'the id nul', data: patch({ id: 'nul' }), valid: false },
  { description: 'the id com1', data: patch({ id: 'com1' }), valid: false },
  { description: 'the id lpt9', data: patch({ id: 'lpt9' }), valid: false },
  { description: 'the id com10, which Windows does not reserve', data: patch({ id: 'com10' }), valid: true },
  { description: 'the id console', data: patch({ id: 'console' }), valid: true },
  { description: 'a related id that Windows reserves', data: patch({ related: ['aux'] }), valid: false },
  { description: 'ESC in a title', data: patch({ title: 'Tiny \u001b]0;PWNED\u0007web' }), valid: false },
  { description: 'NUL in a title', data: patch({ title: 'Tiny\u0000 web tier' }), valid: false },
  { description: 'a line break in a title', data: patch({ title: 'Tiny web\ntier' }), valid: false },
  { description: 'a tab in a title', data: patch({ title: 'Tiny\tweb tier' }), valid: false },
  { description: 'a C1 control (CSI) in a title', data: patch({ title: 'Tiny \u009b2K web' }), valid: false },
  { description: 'a right-to-left override in a title', data: patch({ title: 'Tiny \u202eweb tier' }), valid: false },
  {
    description: 'a bidi isolate in a summary',
    data: patch({ summary: `${String(base['summary'])}\u2066` }),
    valid: false,
  },
  {
    description: 'a line separator in a summary',
    data: patch({ summary: `${String(base['summary'])}\u2028x` }),
    valid: false,
  },
  {
    description: 'line breaks and tabs in a summary',
    data: patch({ summary: 'A small web tier:\n\tone load balancer and two instances.\n' }),
    valid: true,
  },
  {
    description: 'OSC 52 (clipboard) in a summary',
    data: patch({ summary: '\u001b]52;c;ZWNobyBoaQ==\u0007A small load-balanced web tier for tests.' }),
    valid: false,
  },
  {
    description: 'a bidi override in a mitigation',
    data: patch({ failureModes: [{ scenario: 'az-outage', impact: 'none', mitigation: 'Two \u202ezones.' }] }),
    valid: false,
  },
  {
    description: 'BEL in an author name',
    data: patch({ authors: [{ name: 'Ada\u0007', github: 'ada' }] }),
    valid: false,
  },
  {
    description: 'a bidi override in an author name',
    data: patch({ authors: [{ name: '\u202eAda', github: 'ada' }] }),
    valid: false,
  },
  {
    description: 'non-ASCII letters in an author name',
    data: patch({ authors: [{ name: 'Zoë Ångström', github: 'zoe' }] }),
    valid: true,
  },
  {
    description: 'DEL in a diagram title',
    data: patch({ diagrams: [{ file: 'diagrams/main.mmd', title: 'Over\u007fview' }] }),
    valid: false,
  },
  {
    description: 'ESC in a constraint',
    data: patch({ constraints: [{ kind: 'other', text: 'Costs \u001b[31ma lot.' }] }),
    valid: false,
  },
  { description: 'ESC in a use case', data: patch({ useCases: ['Web \u001b[2Kapps.'] }), valid: false },
  {
    description: 'ESC in a smoke test name',
    data: patch({ smokeTests: [{ name: 'Up\u001b[1A', http: { url: 'https://example.org/', expectStatus: 200 } }] }),
    valid: false,
  },
  {
    description: 'ESC in a smoke test URL',
    data: patch({ smokeTests: [{ name: 'Up', http: { url: 'https://example.org/\u001b]0;x', expectStatus: 200 } }] }),
    valid: false,
  },
  {
    description: 'a non-ASCII smoke test URL',
    data: patch({ smokeTests: [{ name: 'Up', http: { url: 'https://exämple.org/', expectStatus: 200 } }] }),
    valid: false,
  },
  {
    description: 'ESC in a string parameter default',
    data: param({ type: 'string', default: 'a\u001b[2Kb' }),
    valid: false,
  },
  {
    description: 'a bidi override in a string parameter enum',
    data: param({ type: 'string', default: 'a', enum: ['a', '\u202eb'] }),
    valid: false,
  },
  {
    description: 'ESC in a parameter pattern',
    data: param({ type: 'string', default: 'a', pattern: '^a\u001b$' }),
    valid: false,
  },
  {
    description: 'a "<" in a parameter pattern, as in a lookbehind',
    data: param({ type: 'string', default: 'a', pattern: '^(?<!x)a$' }),
    valid: true,
  },
  {
    description: 'ESC in a fork reason',
    data: patch({
      forkedFrom: { id: 'abc', version: '1.0.0', reason: 'Why \u001bnot.', changes: [{ change: 'More.' }] },
    }),
    valid: false,
  },
  {
    description: 'a forkedFrom with no changes',
    data: patch({ forkedFrom: { id: 'abc', version: '1.0.0', reason: 'Why not.', changes: [] } }),
    valid: false,
  },
];

// Numbers JSON cannot hold, which YAML reads from .inf, .nan or 1e400. Other validators are not
// asked: JSON Schema says nothing of them, and ajv's strictNumbers refuses them before any entry lands.
const nonFinite = [
  {
    description: 'an infinite cost',
    data: patch({ cost: { ...(base['cost'] as object), monthlyUsd: { low: 1, high: Infinity } } }),
    valid: false,
  },
  {
    description: 'a NaN cost',
    data: patch({ cost: { ...(base['cost'] as object), monthlyUsd: { low: Number.NaN, high: 2 } } }),
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

  // The published schema must mean the same in other implementations: no ajv-only regex syntax, nothing that needs our keywords.
  it.each(table)('$description: an independent validator (@cfworker/json-schema) agrees', ({ data, valid }) => {
    const result = new Validator(ARCHITECTURE_SCHEMA as object, '7', false).validate(data);
    expect(result.valid, JSON.stringify(result.errors.slice(0, 4), null, 1)).toBe(valid);
  });

  it.each(nonFinite)('$description → valid: $valid', ({ data, valid }) => {
    expect(checkSchema(data).valid).toBe(valid);
  });

  it('labels every vocabulary value, in step with the enum', () => {
    const defs = ARCHITECTURE_SCHEMA.definitions;
    for (const v of [defs.service, defs.category, defs.scenario]) {
      expect(v.enumDescriptions).toHaveLength(v.enum.length);
      expect(new Set(v.enum).size).toBe(v.enum.length);
    }
  });
});
