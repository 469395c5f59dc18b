import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone/index.js';
import schema from '../../schema/architecture.schema.json' with { type: 'json' };
import { schemaHash } from './schema-hash.ts';
import type { SchemaValidator } from './schema.ts';

/**
 * The schema's ajv: strict (a typo in the schema is an error), allErrors (report
 * everything at once) and verbose (errors carry their schema, which the messages
 * need for hints and "did you mean").
 */
function schemaAjv(source: boolean): Ajv {
  // strictRequired is off because if/then (deprecated needs replacedBy) requires a field defined one level up.
  const ajv = new Ajv({
    strict: true,
    strictRequired: false,
    allErrors: true,
    verbose: true,
    allowUnionTypes: true,
    code: { source, esm: true },
  });
  addFormats(ajv, ['date', 'regex']);
  // Annotations for people and editors: `hint` says how to fix a bad value, `enumDescriptions` labels an enum.
  ajv.addKeyword({ keyword: 'hint', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'enumDescriptions', schemaType: 'array' });
  return ajv;
}

/** Compiles the schema now: what validation falls back to while the precompiled validator is stale. */
export function compileSchemaValidator(): SchemaValidator {
  return schemaAjv(false).compile(schema) as SchemaValidator;
}

/**
 * The validator as an ES module (schema/architecture.validate.mjs), so that a run
 * loads it instead of importing ajv and compiling the schema (about 0.2 s).
 */
export function renderSchemaValidator(): string {
  const ajv = schemaAjv(true);
  // ajv's ES module output still require()s its runtime helpers and formats.
  const code = standaloneCode(ajv, ajv.compile(schema)).replace(/^"use strict";/u, '');
  return [
    '// Generated from architecture.schema.json by `npm run schema:derive`. Do not edit by hand.',
    '/* eslint-disable */',
    "import { createRequire } from 'node:module';",
    'const require = createRequire(import.meta.url);',
    `export const schemaHash = ${JSON.stringify(schemaHash())};`,
    code,
    '',
  ].join('\n');
}
