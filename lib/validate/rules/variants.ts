import { diag, type Diagnostic } from '../../diagnostics.ts';
import { parameterValueProblems } from '../parameter-value.ts';
import { didYouMean } from '../suggest.ts';
import type { EntryRule } from '../rule.ts';

/** OAR237: a variant sets only declared parameters, each to a value the parameter accepts, and names are unique. */
export const variantParameters: EntryRule = ({ meta, source }) => {
  const out: Diagnostic[] = [];
  const declared = new Map((meta.parameters ?? []).map((p) => [p.name, p]));
  const names = new Set<string>();
  for (const [i, v] of (meta.variants ?? []).entries()) {
    const at = (...rest: string[]) => ({
      ...source.locate(['variants', i, ...rest]),
      path: `/variants/${i}/${rest.join('/')}`,
    });
    if (names.has(v.name)) {
      out.push(diag('OAR237', source.file, `the variant name ${v.name} is used twice; rename one`, at('name')));
    }
    names.add(v.name);
    for (const [name, value] of Object.entries(v.parameters)) {
      const p = declared.get(name);
      if (value === undefined) continue;
      if (!p) {
        const near = didYouMean(name, [...declared.keys()]);
        const hint = near ? ` (did you mean ${near}?)` : '';
        out.push(
          diag(
            'OAR237',
            source.file,
            `variant ${v.name} sets ${name}, which is not a declared parameter${hint}; set a parameter from parameters:`,
            at('parameters', name),
          ),
        );
        continue;
      }
      for (const problem of parameterValueProblems(p, value)) {
        out.push(
          diag(
            'OAR237',
            source.file,
            `variant ${v.name} sets ${name} to a value it does not accept: ${problem}; use a value the parameter allows`,
            at('parameters', name),
          ),
        );
      }
    }
  }
  return out;
};
