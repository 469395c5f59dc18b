import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compile, type JSONSchema } from 'json-schema-to-typescript';

/**
 * Derives schema/architecture.ts from schema/architecture.schema.json, so the types
 * are never written by hand. `npm run schema:derive` writes it; a test checks it is current.
 */
export const SCHEMA_PATH = fileURLToPath(new URL('../../schema/architecture.schema.json', import.meta.url));
export const TYPES_PATH = fileURLToPath(new URL('../../schema/architecture.ts', import.meta.url));

/** Renders the TypeScript types for the current schema. */
export async function renderSchemaTypes(): Promise<string> {
  const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as JSONSchema;
  return compile(schema, 'Architecture', {
    bannerComment:
      '// Generated from architecture.schema.json by `npm run schema:derive`. Do not edit by hand.\n/* eslint-disable */',
    additionalProperties: false,
    declareExternallyReferenced: true,
    enableConstEnums: false,
    strictIndexSignatures: true,
    unreachableDefinitions: true,
    format: true,
    // Tuples for every allowed length make unreadable types; the schema enforces lengths.
    maxItems: -1,
    style: { singleQuote: true, printWidth: 120 },
  });
}
