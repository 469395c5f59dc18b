import { Validator } from '@cfworker/json-schema';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import schema from '../../schema/architecture.schema.json' with { type: 'json' };

// A second JSON Schema implementation (it ignores our annotation keywords `hint` and
// `enumDescriptions`, and compiles patterns with the u flag as ajv does), fed each entry as a
// YAML 1.1 reader such as PyYAML reads it: the published schema and the entries must mean the
// same outside our own code.
const independent = new Validator(schema as object, '7', false);
const asYaml11 = (text: string): unknown => parse(text, { version: '1.1' });

const repo = fileURLToPath(new URL('../../', import.meta.url));
const entries = ['architectures', 'test/fixtures/valid/architectures'].flatMap((dir) =>
  readdirSync(join(repo, dir)).map((id) => `${dir}/${id}/architecture.yaml`),
);

describe('every entry, read as YAML 1.1 and checked by an independent validator', () => {
  it('covers the whole catalogue', () => {
    expect(entries.length).toBeGreaterThanOrEqual(22);
  });

  it.each(entries)('%s is valid', (file) => {
    const result = independent.validate(asYaml11(readFileSync(join(repo, file), 'utf8')));
    expect(result.valid, JSON.stringify(result.errors.slice(0, 4), null, 1)).toBe(true);
  });

  it('would catch an unquoted date, which YAML 1.1 reads as a date, not text', () => {
    const text = readFileSync(join(repo, entries[0] ?? ''), 'utf8').replace(/asOf: "(\d{4}-\d{2}-\d{2})"/u, 'asOf: $1');
    expect(independent.validate(asYaml11(text)).valid).toBe(false);
  });
});
