import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { format } from 'prettier';
import { describe, expect, it } from 'vitest';
import { renderSchemaValidator } from '../../lib/validate/schema-compiler.ts';
import { VALIDATOR_PATH } from '../../scripts/tasks/schema-derive.ts';
import { renderSchemaTypes, TYPES_PATH } from '../../scripts/tasks/schema-types.ts';

describe('files derived from the schema', () => {
  it('schema/architecture.ts is generated from the current schema (run npm run schema:derive)', async () => {
    const fresh = await format(await renderSchemaTypes(), { parser: 'typescript', printWidth: 120, singleQuote: true });
    expect(readFileSync(TYPES_PATH, 'utf8')).toBe(fresh);
  });

  it('schema/architecture.validate.mjs is compiled from the current schema (run npm run schema:derive)', () => {
    // Compared by digest: a failure should say which file is stale, not print 130 kB of generated code.
    const digest = (code: string) => createHash('sha256').update(code).digest('hex');
    expect(digest(readFileSync(VALIDATOR_PATH, 'utf8'))).toBe(digest(renderSchemaValidator()));
  });
});
