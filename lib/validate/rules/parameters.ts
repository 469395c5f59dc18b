import { diag, type Diagnostic } from '../../diagnostics.ts';
import type { EntryRule } from '../rule.ts';
import { compilePattern } from '../parameter-value.ts';
import { showValue } from '../suggest.ts';

/**
 * OAR212/OAR217: each parameter's default satisfies its own enum, pattern and
 * range, and names are unique, because CLI flags and deploy forms derive from them.
 */
export const parameterDefaults: EntryRule = ({ meta, source }) => {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
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
    if (p.pattern !== undefined && typeof p.default === 'string') {
      const regex = compilePattern(p.pattern);
      if (!regex) problem(`pattern ${p.pattern} is not a valid regular expression; fix its syntax`);
      else if (!regex.test(p.default)) {
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
