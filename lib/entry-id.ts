import schema from '../schema/architecture.schema.json' with { type: 'json' };
import { OarError } from './diagnostics.ts';

const RULE = schema.definitions.entryId;
const PATTERN = new RegExp(RULE.pattern, 'u');
// The names the pattern's leading (?!(?:…)$) refuses: device names Windows reserves in any
// folder, so git cannot check such a folder out there.
const RESERVED = new RegExp(`^(?:${/^\^\(\?!\(\?:(.+?)\)\$\)/u.exec(RULE.pattern)?.[1] ?? '(?!)'})$`, 'iu');

/** True when `id` is a valid entry id (and so a valid entry folder name), by the schema's entryId rule. */
export function isEntryId(id: string): boolean {
  return PATTERN.test(id) && id.length >= RULE.minLength && id.length <= RULE.maxLength;
}

/** Why `id` is not a valid entry id, with the fix, for messages; undefined when it is valid. */
export function entryIdProblem(id: string): string | undefined {
  if (isEntryId(id)) return undefined;
  if (RESERVED.test(id)) {
    return `${JSON.stringify(id)} is a device name that Windows reserves, so git cannot check out a folder of that name there; choose another id`;
  }
  return `${JSON.stringify(id)} is not a valid entry id; use 3 to 64 lowercase letters and digits joined by single hyphens, e.g. java-web-tier`;
}

/** Throws OAR303 unless `id` fits the schema's id rule (the one rule for ids and entry folders). */
export function requireValidId(id: string): void {
  const problem = entryIdProblem(id);
  if (problem) throw new OarError('OAR303', problem);
}
