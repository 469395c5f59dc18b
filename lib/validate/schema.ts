import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import schema from '../../schema/architecture.schema.json' with { type: 'json' };
import type { Architecture } from '../../schema/architecture.ts';

/** The entry schema as data, for code that derives labels or lists from it. */
export const ARCHITECTURE_SCHEMA = schema;

let compiled: ValidateFunction<Architecture> | undefined;

/**
 * The compiled schema validator: strict (a typo in the schema is an error),
 * allErrors (report everything at once) and verbose (errors carry their schema,
 * which the messages need for hints and "did you mean").
 */
export function schemaValidator(): ValidateFunction<Architecture> {
  if (compiled) return compiled;
  // strictRequired is off because if/then (deprecated needs replacedBy) requires a field defined one level up.
  const ajv = new Ajv({ strict: true, strictRequired: false, allErrors: true, verbose: true, allowUnionTypes: true });
  addFormats(ajv, ['date', 'regex']);
  // Annotations for people and editors: `hint` says how to fix a bad value, `enumDescriptions` labels an enum.
  ajv.addKeyword({ keyword: 'hint', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'enumDescriptions', schemaType: 'array' });
  compiled = ajv.compile<Architecture>(schema);
  return compiled;
}

/** Runs the schema on parsed metadata; returns ajv's errors, empty when valid. */
export function checkSchema(data: unknown): { valid: boolean; errors: readonly ErrorObject[] } {
  const validate = schemaValidator();
  const valid = validate(data);
  return { valid, errors: validate.errors ?? [] };
}
