// Types of architecture.validate.mjs, which `npm run schema:derive` generates from the schema.
import type { SchemaValidator } from '../lib/validate/schema.ts';

/** The hash of the schema the validator was compiled from (lib/validate/schema-hash.ts). */
export declare const schemaHash: string;
/** ajv's validator for the schema, precompiled. */
export declare const validate: SchemaValidator;
export default validate;
