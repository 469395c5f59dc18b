import { createHash } from 'node:crypto';
import schema from '../../schema/architecture.schema.json' with { type: 'json' };

/** Identifies the schema a precompiled validator was made from, so that a stale one is never used. */
export function schemaHash(): string {
  return createHash('sha256').update(JSON.stringify(schema)).digest('hex');
}
