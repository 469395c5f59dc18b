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

/** A failure scenario side by side. */
export interface ScenarioRow {
  readonly scenario: FailureMode['scenario'];
  readonly from?: ScenarioSide;
  readonly to?: ScenarioSide;
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
  const sides = (p: Promises) =>
    new Map(
      p.meta.failureModes.map((f, i): [string, ScenarioSide] => {
        const evidence = p.evidence.find((e) => e.kind === 'failure-mode' && e.path[1] === i);
        return [f.scenario, { impact: f.impact, mitigation: f.mitigation, ...(evidence ? { evidence } : {}) }];
      }),
    );
  const a = sides(from);
  const b = sides(to);
  const scenarios = [...new Set([...a.keys(), ...b.keys()])] as FailureMode['scenario'][];
  const rows = scenarios.map((scenario): ScenarioRow => {
    const x = a.get(scenario);
    const y = b.get(scenario);
    const forkSide = forkId === to.id ? y : x;
    const named = new Set(forkSide?.evidence?.checks.map((c) => c.id));
    return {
      scenario,
      ...(x ? { from: x } : {}),
      ...(y ? { to: y } : {}),
      verdict: verdictOf(x, y),
      forkChanges: forkChanges.flatMap((c, i) => (c.checks.some((k) => named.has(k.id)) ? [i] : [])),
    };
  });
  return rows
    .map((row, i) => ({ row, i }))
    .sort((p, q) => ORDER[p.row.verdict] - ORDER[q.row.verdict] || p.i - q.i)
    .map((p) => p.row);
}

function verdictOf(from: ScenarioSide | undefined, to: ScenarioSide | undefined): Verdict {
  if (!from) return 'added';
  if (!to) return 'removed';
  const d = SEVERITY[to.impact] - SEVERITY[from.impact];
  return d < 0 ? 'better' : d > 0 ? 'worse' : 'same';
}
