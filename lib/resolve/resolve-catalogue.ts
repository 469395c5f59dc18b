import type { Architecture } from '../../schema/architecture.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { ValidationResult } from '../validate/validate-catalogue.ts';
import { claimsOf, type ScannedClaim } from '../load/claim-scan.ts';
import type { Position, YamlSource } from '../load/yaml-source.ts';
import { parseChangelog, type Release } from './changelog.ts';
import { evidenceOf, type Evidence } from './evidence.ts';
import { buildLineage, type Lineage } from './lineage.ts';
import { upstreamStatus, type UpstreamStatus } from './upstream.ts';

/** A diagram with its mermaid source. */
export interface ResolvedDiagram {
  readonly file: string;
  readonly title: string;
  readonly source: string;
}

/** One entry as the site, the CLI and the generators see it. */
export interface ResolvedEntry {
  readonly id: string;
  readonly meta: Architecture;
  /** Folder relative to the catalogue root. */
  readonly dir: string;
  readonly readme: string;
  readonly changelog: string;
  /** In the order architecture.yaml lists them; the first is the main diagram. */
  readonly diagrams: readonly ResolvedDiagram[];
  readonly lineage: Lineage;
  /** Releases from CHANGELOG.md, newest first; the first date is when the entry last changed. */
  readonly releases: readonly Release[];
  /** The claims cdk/claims.ts declares, read from its text (none when there is no such file). */
  readonly claims: readonly ScannedClaim[];
  /** Each failure mode, fork change and evidenced constraint, with how it is kept. */
  readonly evidence: readonly Evidence[];
  /** For each claim id architecture.yaml names in a `checks` list, where it is first named. */
  readonly checkLines: Readonly<Record<string, Position>>;
  /** For a fork whose parent is in the catalogue: what the parent did since the fork point. */
  readonly upstream?: UpstreamStatus;
}

/** The resolved catalogue: entries sorted by id, with lookups. */
export interface Catalogue {
  readonly root: string;
  readonly entries: readonly ResolvedEntry[];
  readonly byId: ReadonlyMap<string, ResolvedEntry>;
  readonly diagnostics: readonly Diagnostic[];
}

/** The `resolve` stage: lineage (parents and forks) over the validated entries. */
export function resolveCatalogue(validated: ValidationResult): Catalogue {
  const seen = new Set<string>();
  // A duplicate id is already an error; keep the first so lookups stay unambiguous.
  const unique = validated.entries.filter((e) => !seen.has(e.meta.id) && seen.add(e.meta.id));
  const lineage = buildLineage(unique.map((e) => ({ id: e.meta.id, forkedFrom: e.meta.forkedFrom })));
  const resolved = unique
    .map(({ loaded, meta, source }): ResolvedEntry => {
      const claims = loaded.claims ? claimsOf(loaded.claims).claims : [];
      return {
        id: meta.id,
        meta,
        dir: loaded.dir,
        readme: loaded.readme?.text ?? '',
        changelog: loaded.changelog?.text ?? '',
        diagrams: meta.diagrams.map((d) => ({ ...d, source: loaded.diagrams.get(d.file)?.text ?? '' })),
        lineage: lineage.get(meta.id) ?? { ancestors: [], forks: [], descendants: [] },
        releases: parseChangelog(loaded.changelog?.text ?? ''),
        claims,
        evidence: evidenceOf(meta, claims),
        checkLines: checkLinesOf(meta, source),
      };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
  const byId = new Map(resolved.map((e) => [e.id, e]));
  const entries = resolved.map((e): ResolvedEntry => {
    const parent = e.meta.forkedFrom && e.meta.forkedFrom.id !== e.id ? byId.get(e.meta.forkedFrom.id) : undefined;
    return parent && e.meta.forkedFrom ? { ...e, upstream: upstreamStatus(e.meta.forkedFrom, parent) } : e;
  });
  return {
    root: validated.root,
    entries,
    byId: new Map(entries.map((e) => [e.id, e])),
    diagnostics: validated.diagnostics,
  };
}

/** The line where architecture.yaml first names each claim id in a `checks` list. */
function checkLinesOf(meta: Architecture, source: YamlSource): Record<string, Position> {
  const lines: Record<string, Position> = {};
  const note = (base: (string | number)[], checks: readonly string[] | undefined) => {
    (checks ?? []).forEach((id, j) => {
      lines[id] ??= source.locate([...base, 'checks', j]);
    });
  };
  meta.failureModes.forEach((f, i) => {
    note(['failureModes', i], f.checks);
  });
  meta.forkedFrom?.changes.forEach((c, i) => {
    note(['forkedFrom', 'changes', i], c.checks);
  });
  meta.constraints.forEach((c, i) => {
    note(['constraints', i], c.checks);
  });
  return lines;
}
