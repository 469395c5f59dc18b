import type { EntryCheck } from '../../generators/check/check-entries.ts';
import { formatDiagnostic } from '../../lib/report/format-diagnostics.ts';

/**
 * The errors `oar check` found in one entry, one `file:line:col  CODE  message` line
 * each, empty when it passed. The entry harness reads check results only through
 * this, so a change to the shape of a check is one edit here.
 */
export function errorsOf(check: EntryCheck): string[] {
  const errors = check.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
  return check.status === 'failed' && errors.length === 0 ? ['failed with no error reported'] : errors;
}

/** Why an entry did not synthesize (OAR305, OAR306), empty when it did. */
export function synthErrorsOf(check: EntryCheck): string[] {
  return check.diagnostics.filter((d) => d.code === 'OAR305' || d.code === 'OAR306').map(formatDiagnostic);
}
