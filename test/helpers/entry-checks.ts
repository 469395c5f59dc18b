import type { EntryCheck } from '../../generators/check/check-entries.ts';

/**
 * The errors `oar check` found in one entry, one readable line each, empty when
 * it passed. The entry harness reads check results only through this, so a
 * change to the shape of findings is one edit here.
 */
export function errorsOf(check: EntryCheck): string[] {
  const errors = check.findings
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.source} ${f.rule} at ${f.where}: ${f.message}`);
  return check.status === 'failed' && errors.length === 0 ? [check.error?.message ?? 'failed'] : errors;
}
