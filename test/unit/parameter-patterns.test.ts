import { describe, expect, it } from 'vitest';
import { parseParamArgs, resolveParameters } from '../../generators/cdk/parameters.ts';
import { checkPattern, parameterValueProblems, type Parameter } from '../../lib/validate/parameter-value.ts';
import { exponentialHazard, MAX_VALUE_LENGTH, testWithBudget } from '../../lib/validate/pattern-safety.ts';

const param = (pattern: string): Parameter => ({
  name: 'instanceType',
  type: 'string',
  default: 'ab',
  description: 'Type.',
  pattern,
});

describe('exponentialHazard', () => {
  it.for([
    ['^(a+)+$', '(a+)+ can match a run of "a" in exponentially many ways'],
    ['^(\\w+\\s?)*$', '(\\w+\\s?)* can match a run of "A" in exponentially many ways'],
    ['^(.*,)*$', '(.*,)* can match a run of "," in exponentially many ways'],
    ['^([a-z0-9]+)*@x$', '([a-z0-9]+)* can match a run of "a" in exponentially many ways'],
  ])('refuses %s', ([pattern, why]) => {
    expect(exponentialHazard(pattern ?? '')).toBe(why);
  });

  // Sound shapes from the catalogue, including a quadratic one (bounded by the value cap).
  it.for([
    '^[a-z0-9]+(?:-[a-z0-9]+)*$',
    '^([a-z0-9]+(-[a-z0-9]+)*(,[a-z0-9]+(-[a-z0-9]+)*)*)?$',
    '^(?!rdsadmin$|postgres$)[a-z][a-z0-9_]{0,15}$',
    '^([^@\\s]+@[^@\\s]+\\.[^@\\s]+)?$',
    '^[^\\n]{0,1024}$',
  ])('accepts %s', (pattern) => {
    expect(exponentialHazard(pattern)).toBeUndefined();
  });
});

describe('testWithBudget', () => {
  it('stops a test that backtracks exponentially, which scslre does not see in (a|a)+', () => {
    expect(exponentialHazard('^(a|a)+$')).toBeUndefined();
    expect(testWithBudget(/^(a|a)+$/u, `${'a'.repeat(40)}!`)).toBeUndefined();
    expect(testWithBudget(/^(a|a)+$/u, 'aaaa')).toBe(true);
    expect(testWithBudget(/^b$/u, 'aaaa')).toBe(false);
  });
});

describe('parameter values', () => {
  it('are capped in length before any pattern runs, and the message does not repeat them', () => {
    const long = 'a'.repeat(MAX_VALUE_LENGTH + 1);
    expect(parameterValueProblems(param('^(a|a)+$'), long)).toEqual([
      'the value is 1001 characters long, over the 1000-character limit for a parameter',
    ]);
    expect(parameterValueProblems(param('^a+$'), 'a'.repeat(MAX_VALUE_LENGTH))).toEqual([]);
  });

  it('are checked against a refused pattern with its reason', () => {
    expect(checkPattern('^(a+)+$', 'aaa')).toEqual({
      kind: 'hazard',
      why: '(a+)+ can match a run of "a" in exponentially many ways',
    });
    expect(checkPattern('(', 'aaa')).toEqual({ kind: 'invalid' });
  });

  it('fail --param on synth and deploy with OAR304, before any CDK code, for a long value or a slow pattern', () => {
    const declared = [param('^(a|a)+$')];
    expect(() => resolveParameters('x', declared, parseParamArgs([`instanceType=${'y'.repeat(10_000)}`]))).toThrow(
      /^instanceType: the value is 10000 characters long, over the 1000-character limit for a parameter\n/u,
    );
    expect(() => resolveParameters('x', declared, parseParamArgs([`instanceType=${'a'.repeat(40)}!`]))).toThrow(
      /^instanceType: testing "a{40}!" against the pattern \^\(a\|a\)\+\$ took over 1 s, so the pattern can take exponential time\n/u,
    );
  });
});
