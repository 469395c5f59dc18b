import { readFileSync } from 'node:fs';
import { format } from 'prettier';
import { describe, expect, it } from 'vitest';
import { renderSchemaTypes, TYPES_PATH } from '../../scripts/tasks/schema-types.ts';

describe('schema/architecture.ts', () => {
  it('is generated from the current schema (run npm run schema:types)', async () => {
    const fresh = await format(await renderSchemaTypes(), { parser: 'typescript', printWidth: 120, singleQuote: true });
    expect(readFileSync(TYPES_PATH, 'utf8')).toBe(fresh);
  });
});
