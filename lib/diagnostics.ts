import type { Code } from './codes.ts';

export type Severity = 'error' | 'warning';

/** A problem found in the catalogue, pointing at the file (and line) that holds it. */
export interface Diagnostic {
  readonly code: Code;
  readonly severity: Severity;
  /** Path relative to the catalogue root, with forward slashes. */
  readonly file: string;
  readonly line?: number;
  readonly col?: number;
  /** Where inside the file, when that applies: a JSON pointer in the entry's metadata, or a construct path in its stack. */
  readonly path?: string;
  /** What is wrong, the value received, and the fix. */
  readonly message: string;
}

/** Builds a diagnostic; severity defaults to error. */
export function diag(
  code: Code,
  file: string,
  message: string,
  where: { line?: number | undefined; col?: number | undefined; path?: string | undefined; severity?: Severity } = {},
): Diagnostic {
  return {
    code,
    severity: where.severity ?? 'error',
    file,
    message,
    ...(where.line === undefined ? {} : { line: where.line, col: where.col ?? 1 }),
    ...(where.path === undefined ? {} : { path: where.path }),
  };
}

/** Orders diagnostics by file, then line, then column, then code, so output is stable. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.col ?? 0) - (b.col ?? 0) ||
      a.code.localeCompare(b.code),
  );
}

/** True when any diagnostic is an error (warnings alone do not fail). */
export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'error');
}

/**
 * An error a user can act on (bad argument, missing entry). The CLI prints its
 * code and message, and the stack only with --verbose.
 */
export class OarError extends Error {
  readonly code: Code;
  readonly diagnostics: readonly Diagnostic[];
  constructor(code: Code, message: string, diagnostics: readonly Diagnostic[] = []) {
    super(message);
    this.name = 'OarError';
    this.code = code;
    this.diagnostics = diagnostics;
  }
}
