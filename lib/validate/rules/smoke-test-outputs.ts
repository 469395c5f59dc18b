import { diag, type Diagnostic } from '../../diagnostics.ts';
import type { EntryRule } from '../rule.ts';

const OUTPUT_REF = /\$\{outputs\.([A-Za-z][A-Za-z0-9]*)\}/g;

/** OAR213: a smoke test can only use outputs the stack declares, or it cannot run after a deploy. */
export const smokeTestOutputs: EntryRule = ({ meta, source }) => {
  const declared = new Set((meta.outputs ?? []).map((o) => o.name));
  const out: Diagnostic[] = [];
  for (const [i, test] of (meta.smokeTests ?? []).entries()) {
    for (const match of test.http.url.matchAll(OUTPUT_REF)) {
      const name = match[1] ?? '';
      if (declared.has(name)) continue;
      const known = declared.size > 0 ? `declared outputs: ${[...declared].join(', ')}` : 'no outputs are declared';
      out.push(
        diag(
          'OAR213',
          source.file,
          `smoke test ${JSON.stringify(test.name)} uses \${outputs.${name}}, which is not declared (${known}); add it under \`outputs:\` or fix the name`,
          {
            ...source.locate(['smokeTests', i, 'http', 'url']),
            path: `/smokeTests/${i}/http/url`,
          },
        ),
      );
    }
  }
  return out;
};
