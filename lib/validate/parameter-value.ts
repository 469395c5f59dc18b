import type { Parameter1 as Parameter } from '../../schema/architecture.ts';
import { exponentialHazard, MAX_VALUE_LENGTH, PATTERN_BUDGET_MS, testWithBudget } from './pattern-safety.ts';
import { showValue } from './suggest.ts';

export type { Parameter };
/** A value a parameter may take. */
export type ParameterValue = string | number | boolean;

/**
 * What is wrong with `value` for parameter `p` (length, type, enum, pattern, min, max),
 * each as a phrase that names the value and the rule. Empty when it is fine.
 * Shared by the default-value rule and by `--param` on synth and deploy.
 */
export function parameterValueProblems(p: Parameter, value: ParameterValue): string[] {
  // First, so that no slow check (or a message quoting it) ever sees an oversized value.
  const tooLong = lengthProblem(value);
  if (tooLong) return [tooLong];
  if (typeof value !== p.type) return [`${showValue(value)} is not a ${p.type}`];
  const problems: string[] = [];
  if (p.enum && !p.enum.includes(value as string | number)) {
    problems.push(`${showValue(value)} is not one of [${p.enum.join(', ')}]`);
  }
  if (p.pattern !== undefined && typeof value === 'string') {
    const check = checkPattern(p.pattern, value);
    if (check.kind === 'hazard') problems.push(`the pattern ${p.pattern} is unsafe: ${check.why}`);
    else if (check.kind === 'timeout') problems.push(timeoutProblem(p.pattern, value));
    else if (check.kind === 'no-match') problems.push(`${showValue(value)} does not match the pattern ${p.pattern}`);
  }
  if (typeof value === 'number') {
    if (p.min !== undefined && value < p.min) problems.push(`${value} is below the minimum ${p.min}`);
    if (p.max !== undefined && value > p.max) problems.push(`${value} is above the maximum ${p.max}`);
  }
  return problems;
}

/** The problem with a string value longer than parameters may be, else undefined. */
export function lengthProblem(value: ParameterValue): string | undefined {
  if (typeof value !== 'string' || value.length <= MAX_VALUE_LENGTH) return undefined;
  return `the value is ${value.length} characters long, over the ${MAX_VALUE_LENGTH}-character limit for a parameter`;
}

/** The outcome of testing a value against a parameter's pattern, without ever hanging. */
export type PatternCheck =
  { readonly kind: 'match' | 'no-match' | 'invalid' | 'timeout' } | { readonly kind: 'hazard'; readonly why: string };

/**
 * Compiles `pattern`, refuses it when it can backtrack exponentially, then tests `value`
 * under a time budget; with `test: false` it stops before the test and says 'match'.
 */
export function checkPattern(pattern: string, value: string, { test = true } = {}): PatternCheck {
  const regex = compilePattern(pattern);
  if (!regex) return { kind: 'invalid' };
  const why = exponentialHazard(pattern);
  if (why) return { kind: 'hazard', why };
  if (!test) return { kind: 'match' };
  const matched = testWithBudget(regex, value);
  return { kind: matched === undefined ? 'timeout' : matched ? 'match' : 'no-match' };
}

/** The phrase for a test that ran out of time: the pattern backtracks too much on this value. */
export function timeoutProblem(pattern: string, value: string): string {
  return `testing ${showValue(value)} against the pattern ${pattern} took over ${PATTERN_BUDGET_MS / 1000} s, so the pattern can take exponential time`;
}

/** The parameter's pattern as a regular expression, or undefined when it does not compile. */
export function compilePattern(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
}
