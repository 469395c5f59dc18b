import { describe, expect, it } from 'vitest';
import { parseParamArgs, resolveParameters } from '../../generators/synth/parameters.ts';
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
    [
      '^(a|a)+$',
      'in (a|a)+, the alternatives a and a can match the same text, so a run of it matches in exponentially many ways',
    ],
    [
      '^(?:[a-z]|[0-9]|\\w)+$',
      'in (?:[a-z]|[0-9]|\\w)+, the alternatives [a-z] and \\w can match the same text, so a run of it matches in exponentially many ways',
    ],
    [
      '^((ab|a.)c)*$',
      'in ((ab|a.)c)*, the alternatives ab and a. can match the same text, so a run of it matches in exponentially many ways',
    ],
    ['^(?:(?:[a-z]{1,500}){1,500}|b)+$', 'it is too complex to check for exponential backtracking'],
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
    '^(a|b)+$',
    '^(cron\\([0-9*?/,LW#A-Z -]+\\)|rate\\([1-9][0-9]* (minute|minutes|hour|hours|day|days)\\))$',
  ])('accepts %s', (pattern) => {
    expect(exponentialHazard(pattern)).toBeUndefined();
  });
});

describe('testWithBudget', () => {
  it('stops a test that backtracks exponentially, which the static checks do not see in (a|aa)+', () => {
    expect(exponentialHazard('^(a|aa)+$')).toBeUndefined();
    expect(testWithBudget(/^(a|aa)+$/u, `${'a'.repeat(60)}!`)).toBeUndefined();
    expect(testWithBudget(/^(a|aa)+$/u, 'aaaa')).toBe(true);
    expect(testWithBudget(/^b$/u, 'aaaa')).toBe(false);
  });
});

describe('parameter values', () => {
  it('are capped in length before any pattern runs, and the message does not repeat them', () => {
    const long = 'a'.repeat(MAX_VALUE_LENGTH + 1);
    expect(parameterValueProblems(param('^(a|aa)+$'), long)).toEqual([
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
    const declared = [param('^(a|aa)+$')];
    expect(() => resolveParameters('x', declared, parseParamArgs([`instanceType=${'y'.repeat(10_000)}`]))).toThrow(
      /^instanceType: the value is 10000 characters long, over the 1000-character limit for a parameter\n/u,
    );
    expect(() => resolveParameters('x', declared, parseParamArgs([`instanceType=${'a'.repeat(60)}!`]))).toThrow(
      /^instanceType: testing "a{56}\.\.\. against the pattern \^\(a\|aa\)\+\$ took over 1 s, so the pattern can take exponential time\n/u,
    );
  });
});
