import { diag, type Diagnostic } from '../../diagnostics.ts';
import type { EntryRule } from '../rule.ts';
import { checkPattern, lengthProblem, timeoutProblem } from '../parameter-value.ts';
import { showValue } from '../suggest.ts';

/**
 * OAR212/OAR217/OAR224: each parameter's default satisfies its own enum, pattern and
 * range, and names are unique, because CLI flags and deploy forms derive from them.
 * A pattern that can backtrack exponentially, or a default too long to test, is
 * refused (OAR224): every check, --param and ejected project would run it.
 */
export const parameterDefaults: EntryRule = ({ meta, source }) => {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  // One slow pattern is enough to refuse the entry; testing the others could cost a second each.
  let timedOut = false;
  for (const [i, p] of (meta.parameters ?? []).entries()) {
    const at = (field: string) => ({ ...source.locate(['parameters', i, field]), path: `/parameters/${i}/${field}` });
    const problem = (message: string) =>
      out.push(diag('OAR212', source.file, `parameter \`${p.name}\`: ${message}`, at('default')));
    if (seen.has(p.name)) {
      out.push(
        diag('OAR217', source.file, `parameter name \`${p.name}\` is used twice; rename one of them`, at('name')),
      );
    }
    seen.add(p.name);
    if (p.enum && !p.enum.includes(p.default as string | number)) {
      problem(
        `default ${showValue(p.default)} is not in its enum [${p.enum.join(', ')}]; pick one of those or extend the enum`,
      );
    }
    const tooLong = lengthProblem(p.default);
    if (tooLong) {
      out.push(diag('OAR224', source.file, `parameter \`${p.name}\`: ${tooLong}; shorten the default`, at('default')));
    } else if (p.pattern !== undefined && typeof p.default === 'string') {
      const check = checkPattern(p.pattern, p.default, { test: !timedOut });
      const unsafe = (message: string) =>
        out.push(diag('OAR224', source.file, `parameter \`${p.name}\`: ${message}`, at('pattern')));
      if (check.kind === 'invalid') problem(`pattern ${p.pattern} is not a valid regular expression; fix its syntax`);
      else if (check.kind === 'hazard') {
        unsafe(
          `pattern ${p.pattern} can take exponential time: ${check.why}; rewrite it so that no part can match the same text in two ways`,
        );
      } else if (check.kind === 'timeout') {
        timedOut = true;
        unsafe(
          `${timeoutProblem(p.pattern, p.default)}; rewrite it so that no part can match the same text in two ways`,
        );
      } else if (check.kind === 'no-match') {
        problem(
          `default ${showValue(p.default)} does not match its pattern ${p.pattern}; fix the default or the pattern`,
        );
      }
    }
    if (p.min !== undefined && p.max !== undefined && p.min > p.max) {
      out.push(
        diag(
          'OAR212',
          source.file,
          `parameter \`${p.name}\`: min ${p.min} is greater than max ${p.max}; swap them`,
          at('min'),
        ),
      );
    } else if (typeof p.default === 'number') {
      if (p.min !== undefined && p.default < p.min) problem(`default ${p.default} is below its min ${p.min}`);
      if (p.max !== undefined && p.default > p.max) problem(`default ${p.default} is above its max ${p.max}`);
    }
  }
  const outputs = new Set<string>();
  for (const [i, o] of (meta.outputs ?? []).entries()) {
    if (outputs.has(o.name)) {
      out.push(
        diag('OAR217', source.file, `output name \`${o.name}\` is used twice; rename one of them`, {
          ...source.locate(['outputs', i, 'name']),
          path: `/outputs/${i}/name`,
        }),
      );
    }
    outputs.add(o.name);
  }
  return out;
};
