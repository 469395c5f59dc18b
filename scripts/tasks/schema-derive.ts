import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderSchemaValidator } from '../../lib/validate/schema-compiler.ts';
import { renderSchemaTypes, TYPES_PATH } from './schema-types.ts';

/** Where the precompiled validator lives, beside the schema it is made from. */
export const VALIDATOR_PATH = fileURLToPath(new URL('../../schema/architecture.validate.mjs', import.meta.url));

// `npm run schema:derive`: everything made from schema/architecture.schema.json; tests check both are current.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(TYPES_PATH, await renderSchemaTypes());
  writeFileSync(VALIDATOR_PATH, renderSchemaValidator());
  console.log(`wrote ${TYPES_PATH} and ${VALIDATOR_PATH}`);
}
