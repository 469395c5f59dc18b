import { join } from 'node:path';
import { diag, OarError, type Diagnostic } from '../../lib/diagnostics.ts';
import type { ResolvedEntry } from '../../lib/resolve/resolve-catalogue.ts';
import { synthRequestFor } from '../synth/request.ts';
import type { SynthRequest } from '../synth/synth-entry.ts';
import { DEFAULT_VARIANT } from './claims/claim.ts';

/** One configuration to synthesize: an entry's defaults, one of its variants, or a fork's parent. */
export interface Job {
  readonly entry: ResolvedEntry;
  readonly variant: string;
  /** Synthesized only so a fork's change checks can run against it: not checked itself. */
  readonly parentOf?: string;
  readonly request: SynthRequest;
}

/** Every configuration to synthesize: each entry's defaults and variants, and the parents of forks not in the run. */
export function planJobs(
  root: string,
  entries: readonly ResolvedEntry[],
  catalogue: ReadonlyMap<string, ResolvedEntry>,
): { jobs: Job[]; refused: Map<string, Diagnostic[]> } {
  const ids = new Set(entries.map((e) => e.id));
  const jobs: Job[] = [];
  // A variant whose parameters the entry refuses (OAR237 in oar validate) is reported, not synthesized.
  const refused = new Map<string, Diagnostic[]>();
  for (const entry of entries) {
    jobs.push({
      entry,
      variant: DEFAULT_VARIANT,
      request: { ...synthRequestFor(root, entry), claims: { variant: DEFAULT_VARIANT } },
    });
    for (const v of entry.meta.variants ?? []) {
      const params = Object.entries(v.parameters).map(([k, value]) => `${k}=${String(value)}`);
      let request: SynthRequest;
      try {
        request = synthRequestFor(root, entry, params);
      } catch (error) {
        if (!(error instanceof OarError)) throw error;
        const first = error.message.split('\n')[0] ?? '';
        const why = `the variant ${v.name} was not synthesized: ${first}; fix its parameters (oar validate says where)`;
        refused.set(entry.id, [
          ...(refused.get(entry.id) ?? []),
          diag('OAR237', `${entry.dir}/architecture.yaml`, why),
        ]);
        continue;
      }
      jobs.push({
        entry,
        variant: v.name,
        request: {
          ...request,
          outdir: join(root, 'cdk.out', 'variants', entry.id, v.name),
          claims: { variant: v.name },
        },
      });
    }
  }
  const parents = new Set(
    entries.flatMap((e) => (e.meta.forkedFrom && !ids.has(e.meta.forkedFrom.id) ? [e.meta.forkedFrom.id] : [])),
  );
  for (const id of parents) {
    const parent = catalogue.get(id);
    if (!parent) continue;
    const fork = entries.find((e) => e.meta.forkedFrom?.id === id)?.id ?? id;
    jobs.push({
      entry: parent,
      variant: DEFAULT_VARIANT,
      parentOf: fork,
      request: { ...synthRequestFor(root, parent, [], { cfnValidation: false }), nag: false },
    });
  }
  return { jobs, refused };
}
