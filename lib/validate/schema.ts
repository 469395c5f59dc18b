import type { ErrorObject } from 'ajv';
import { createRequire } from 'node:module';
import schema from '../../schema/architecture.schema.json' with { type: 'json' };
import type { Architecture } from '../../schema/architecture.ts';
import precompiled, { schemaHash as precompiledHash } from '../../schema/architecture.validate.mjs';
import { schemaHash } from './schema-hash.ts';

/** The entry schema as data, for code that derives labels or lists from it. */
export const ARCHITECTURE_SCHEMA = schema;

/** ajv's validate function for the entry schema, as compiled or precompiled. */
export interface SchemaValidator {
  (data: unknown): data is Architecture;
  errors?: ErrorObject[] | null;
}

let validator: SchemaValidator | undefined;

/**
 * The schema validator: the one precompiled from this very schema
 * (lib/validate/schema-compiler.ts), else, after an edit to the schema that was not
 * followed by `npm run schema:derive`, one compiled now with the same options.
 */
export function schemaValidator(): SchemaValidator {
  if (validator) return validator;
  if (precompiledHash === schemaHash()) {
    validator = precompiled;
  } else {
    // Loaded only here: importing ajv and compiling costs more than the precompiled validator's whole load.
    const compiler = createRequire(import.meta.url)('./schema-compiler.ts') as typeof import('./schema-compiler.ts');
    validator = compiler.compileSchemaValidator();
  }
  return validator;
}

/** Runs the schema on parsed metadata; returns ajv's errors, empty when valid. */
export function checkSchema(data: unknown): { valid: boolean; errors: readonly ErrorObject[] } {
  const validate = schemaValidator();
  const valid = validate(data);
  return { valid, errors: validate.errors ?? [] };
}
