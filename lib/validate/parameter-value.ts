import type { Parameter1 as Parameter } from '../../schema/architecture.ts';
import { showValue } from './suggest.ts';

export type { Parameter };
/** A value a parameter may take. */
export type ParameterValue = string | number | boolean;

/**
 * What is wrong with `value` for parameter `p` (type, enum, pattern, min, max),
 * each as a phrase that names the value and the rule. Empty when it is fine.
 * Shared by the default-value rule and by `--param` on synth and deploy.
 */
export function parameterValueProblems(p: Parameter, value: ParameterValue): string[] {
  if (typeof value !== p.type) return [`${showValue(value)} is not a ${p.type}`];
  const problems: string[] = [];
  if (p.enum && !p.enum.includes(value as string | number)) {
    problems.push(`${showValue(value)} is not one of [${p.enum.join(', ')}]`);
  }
  if (p.pattern !== undefined && typeof value === 'string') {
    const regex = compilePattern(p.pattern);
    if (regex && !regex.test(value)) problems.push(`${showValue(value)} does not match the pattern ${p.pattern}`);
  }
  if (typeof value === 'number') {
    if (p.min !== undefined && value < p.min) problems.push(`${value} is below the minimum ${p.min}`);
    if (p.max !== undefined && value > p.max) problems.push(`${value} is above the maximum ${p.max}`);
  }
  return problems;
}

/** The parameter's pattern as a regular expression, or undefined when it does not compile. */
export function compilePattern(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
}
