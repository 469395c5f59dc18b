import { createContext, Script } from 'node:vm';
import { analyse } from 'scslre';

/**
 * Parameter patterns are written by strangers and run by oar (validation, --param) and by
 * ejected projects, so a pattern that backtracks exponentially would hang them all.
 *
 * Measured on the catalogue's 84 patterns (Node 24, this 2-core machine), 2026-12:
 * - scslre (static analysis, what eslint-plugin-regexp uses): about 1 ms a pattern, and it
 *   calls none of them exponential; it finds nested quantifiers such as (a+)+ and (\w+\s?)*.
 *   It misses ambiguous alternations such as (a|a)+, so tests also run under a time budget.
 * - recheck: exact, but 0.1 to 2.8 s a pattern with its native binary and up to 5 s (often
 *   "unknown") in pure JS: 17 s to 88 s for the catalogue on every `oar validate`.
 * - RE2 (re2-wasm; re2 needs a native build): linear, but it rejects six patterns of the
 *   catalogue (lookahead, {0,1024}), and ejected projects would still run them with RegExp.
 * So: reject what scslre calls exponential, cap values at MAX_VALUE_LENGTH (which bounds
 * the polynomial cases it reports, e.g. 6 ms for the catalogue's quadratic email pattern on
 * 1,000 characters), and stop any single test after PATTERN_BUDGET_MS. The budget is wall
 * time, so it is far above what a sound test takes (well under 1 ms, but up to 100 ms was
 * seen on this machine under a load of 9): a budget only catches what scslre misses.
 */

/** The longest string a parameter may hold, as a default or a --param value. */
export const MAX_VALUE_LENGTH = 1000;
/** How long one test of a value against a pattern may run. */
export const PATTERN_BUDGET_MS = 1000;
/** How long the static analysis of one pattern may run; the catalogue's take about 1 ms each. */
const ANALYSIS_BUDGET_MS = 1000;

// vm's timeout interrupts even a regular expression in the middle of its backtracking.
const sandbox = createContext({});
const TEST = new Script('job()');

function withBudget<T>(ms: number, job: () => T): { value: T } | undefined {
  sandbox['job'] = job;
  try {
    return { value: TEST.runInContext(sandbox, { timeout: ms }) as T };
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return undefined;
    throw error;
  } finally {
    delete sandbox['job'];
  }
}

/**
 * Why `pattern` can take exponential time, as a phrase naming the part at fault;
 * undefined when it is safe to run. The pattern must compile with the u flag.
 */
export function exponentialHazard(pattern: string): string | undefined {
  const result = withBudget(ANALYSIS_BUDGET_MS, () => analyse({ source: pattern, flags: 'u' }).reports);
  if (!result) return `it is too complex to check for exponential backtracking within ${ANALYSIS_BUDGET_MS} ms`;
  const report = result.value.find((r) => r.exponential);
  if (!report) return undefined;
  const part = report.type === 'Self' ? report.parentQuant.raw : report.type === 'Trade' ? report.startQuant.raw : '';
  return `${part} can match a run of ${JSON.stringify(report.character.pick)} in exponentially many ways`;
}

/** Whether `regex` matches `value`, or undefined when the test ran out of its time budget. */
export function testWithBudget(regex: RegExp, value: string): boolean | undefined {
  return withBudget(PATTERN_BUDGET_MS, () => regex.test(value))?.value;
}
