import type { Architecture, Operational } from '../../schema/architecture.ts';
import type { ScannedClaim } from '../load/claim-scan.ts';
import type { PathSegment } from '../load/yaml-source.ts';

/** What kind of promise an item of architecture.yaml makes. */
export type EvidenceKind = 'failure-mode' | 'fork-change' | 'constraint';

/** How a promise is kept: proven by claims, left to a runbook, both, or neither. */
export type EvidenceState = 'checked' | 'operational' | 'both' | 'none';

/** A claim a promise names, with its sentence from cdk/claims.ts (absent when no claim has that id). */
export interface ClaimRef {
  readonly id: string;
  readonly text?: string;
}

/** One promise of an entry and its evidence. */
export interface Evidence {
  readonly kind: EvidenceKind;
  /** Where it is in architecture.yaml, e.g. ['failureModes', 2]. */
  readonly path: readonly PathSegment[];
  /** What is promised: the failure mode's mitigation, the change, the constraint. */
  readonly label: string;
  /** For a failure mode, its scenario; for a constraint, its kind. */
  readonly topic?: string;
  readonly checks: readonly ClaimRef[];
  readonly operational?: Operational;
  readonly state: EvidenceState;
}

/** Constraint kinds whose promises must carry evidence like failure modes do. */
export const EVIDENCED_CONSTRAINTS: ReadonlySet<string> = new Set(['compliance']);

/**
 * Every promise of an entry that carries evidence or should: each failure mode,
 * each fork change, and each constraint that names checks or a runbook or whose
 * kind (compliance) must.
 */
export function evidenceOf(meta: Architecture, claims: readonly ScannedClaim[]): Evidence[] {
  const texts = new Map(claims.map((c) => [c.id, c.text]));
  const refs = (ids: readonly string[] | undefined): ClaimRef[] =>
    (ids ?? []).map((id) => {
      const text = texts.get(id);
      return text === undefined ? { id } : { id, text };
    });
  const item = (
    kind: EvidenceKind,
    path: PathSegment[],
    label: string,
    topic: string | undefined,
    checks: readonly string[] | undefined,
    operational: Operational | undefined,
  ): Evidence => ({
    kind,
    path,
    label,
    ...(topic === undefined ? {} : { topic }),
    checks: refs(checks),
    ...(operational ? { operational } : {}),
    state: stateOf((checks?.length ?? 0) > 0, operational !== undefined),
  });
  return [
    ...meta.failureModes.map((f, i) =>
      item('failure-mode', ['failureModes', i], f.mitigation, f.scenario, f.checks, f.operational),
    ),
    ...(meta.forkedFrom?.changes ?? []).map((c, i) =>
      item('fork-change', ['forkedFrom', 'changes', i], c.change, undefined, c.checks, undefined),
    ),
    ...meta.constraints.flatMap((c, i) =>
      c.checks || c.operational || EVIDENCED_CONSTRAINTS.has(c.kind)
        ? [item('constraint', ['constraints', i], c.text, c.kind, c.checks, c.operational)]
        : [],
    ),
  ];
}

function stateOf(checked: boolean, operational: boolean): EvidenceState {
  if (checked && operational) return 'both';
  if (checked) return 'checked';
  return operational ? 'operational' : 'none';
}

/** How many of an entry's promises are checked, operational only, or neither. */
export interface EvidenceFigures {
  readonly promises: number;
  readonly checked: number;
  readonly operational: number;
  readonly none: number;
}

/** The figures over a list of promises; `checked` counts those with claims, whether or not a runbook backs them too. */
export function evidenceFigures(items: readonly Evidence[]): EvidenceFigures {
  const count = (test: (e: Evidence) => boolean) => items.filter(test).length;
  return {
    promises: items.length,
    checked: count((e) => e.state === 'checked' || e.state === 'both'),
    operational: count((e) => e.state === 'operational'),
    none: count((e) => e.state === 'none'),
  };
}
