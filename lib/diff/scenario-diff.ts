import type { Architecture, FailureMode } from '../../schema/architecture.ts';
import type { Evidence } from '../resolve/evidence.ts';

/** What a comparison reads of an entry: its metadata and how each promise is kept. */
export interface Promises {
  readonly id: string;
  readonly meta: Architecture;
  readonly evidence: readonly Evidence[];
}

/** One side of a failure mode: how bad it is, what the design does, and how that is kept. */
export interface ScenarioSide {
  readonly impact: FailureMode['impact'];
  readonly mitigation: string;
  readonly evidence?: Evidence;
}

/** How the impact moves from the first entry to the second. */
export type Verdict = 'better' | 'worse' | 'same' | 'added' | 'removed';

/**
 * A failure scenario side by side. An entry may list a scenario more than once (EBS degraded in one zone,
 * and across the Region), so each side is a list, and its impact is the worst the entry lists.
 */
export interface ScenarioRow {
  readonly scenario: FailureMode['scenario'];
  /** The worst impact each side lists; absent on a side that does not plan for the scenario. */
  readonly impact: { readonly from?: FailureMode['impact']; readonly to?: FailureMode['impact'] };
  readonly from: readonly ScenarioSide[];
  readonly to: readonly ScenarioSide[];
  readonly verdict: Verdict;
  /** Indexes into the fork's changes whose checks this scenario's fork side names too: the changes behind it. */
  readonly forkChanges: readonly number[];
}

const SEVERITY: Readonly<Record<FailureMode['impact'], number>> = { none: 0, degraded: 1, outage: 2 };

/** The order a reader wants: impacts that moved first, then scenarios only one side plans for, then the rest. */
const ORDER: Readonly<Record<Verdict, number>> = { better: 0, worse: 0, added: 1, removed: 1, same: 2 };

/** The fork's changes with their evidence (claims that fail on the parent and hold on the fork), when one entry forks the other. */
export function forkChangesOf(from: Promises, to: Promises): Evidence[] {
  const fork = to.meta.forkedFrom?.id === from.id ? to : from.meta.forkedFrom?.id === to.id ? from : undefined;
  return fork ? fork.evidence.filter((e) => e.kind === 'fork-change') : [];
}

/** Every scenario either entry plans for, side by side, with the fork changes that explain the fork's side. */
export function diffScenarios(from: Promises, to: Promises, forkChanges: readonly Evidence[]): ScenarioRow[] {
  const forkId = forkChanges.length === 0 ? undefined : to.meta.forkedFrom?.id === from.id ? to.id : from.id;
  const sides = (p: Promises, scenario: string): ScenarioSide[] =>
    p.meta.failureModes.flatMap((f, i) => {
      if (f.scenario !== scenario) return [];
      const evidence = p.evidence.find((e) => e.kind === 'failure-mode' && e.path[1] === i);
      return [{ impact: f.impact, mitigation: f.mitigation, ...(evidence ? { evidence } : {}) }];
    });
  const scenarios = [...new Set([...from.meta.failureModes, ...to.meta.failureModes].map((f) => f.scenario))];
  const rows = scenarios.map((scenario): ScenarioRow => {
    const x = sides(from, scenario);
    const y = sides(to, scenario);
    const impact = { ...worst(x, 'from'), ...worst(y, 'to') };
    const named = new Set((forkId === to.id ? y : x).flatMap((s) => s.evidence?.checks.map((c) => c.id) ?? []));
    return {
      scenario,
      impact,
      from: x,
      to: y,
      verdict: verdictOf(impact.from, impact.to),
      forkChanges: forkChanges.flatMap((c, i) => (c.checks.some((k) => named.has(k.id)) ? [i] : [])),
    };
  });
  return rows
    .map((row, i) => ({ row, i }))
    .sort((p, q) => ORDER[p.row.verdict] - ORDER[q.row.verdict] || p.i - q.i)
    .map((p) => p.row);
}

/** The worst impact a side lists, under `key`; nothing when the side does not plan for the scenario. */
function worst<K extends 'from' | 'to'>(
  sides: readonly ScenarioSide[],
  key: K,
): Partial<Record<K, FailureMode['impact']>> {
  if (sides.length === 0) return {};
  const impact = sides.map((s) => s.impact).reduce((a, b) => (SEVERITY[b] > SEVERITY[a] ? b : a));
  return { [key]: impact } as Partial<Record<K, FailureMode['impact']>>;
}

function verdictOf(from: FailureMode['impact'] | undefined, to: FailureMode['impact'] | undefined): Verdict {
  if (!from) return 'added';
  if (!to) return 'removed';
  const d = SEVERITY[to] - SEVERITY[from];
  return d < 0 ? 'better' : d > 0 ? 'worse' : 'same';
}
