/**
 * Whether the site build was told to go on with a catalogue that failed validation
 * (OAR_UNSAFE_IGNORE_VALIDATION=1). Only the renderer canary test sets it, to prove that
 * the renderer and sanitizer alone keep hostile entries harmless; the build says so
 * loudly, and no workflow may set it (test/unit/workflows.test.ts).
 */
export function ignoresValidation(): boolean {
  return process.env['OAR_UNSAFE_IGNORE_VALIDATION'] === '1';
}

/** What the build prints when it ignores validation. */
export const IGNORING_VALIDATION =
  'WARNING: OAR_UNSAFE_IGNORE_VALIDATION=1: building a catalogue that failed validation, for the renderer canary test. Never publish this site.';
