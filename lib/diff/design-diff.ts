import type { Architecture, Cost, Parameter } from '../../schema/architecture.ts';

/** Items of a list only one side has; `same` counts the shared ones. */
export interface ListDelta {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly same: number;
}

/** The cost of both entries, and what differs in it; absent from a comparison when nothing does. */
export interface CostDiff {
  readonly from: Cost;
  readonly to: Cost;
  readonly monthly: boolean;
  readonly assumptions: boolean;
  readonly asOf: boolean;
  readonly drivers: ListDelta;
}

/** A parameter one side lacks, or whose declaration differs: `fields` names what differs. */
export interface ParameterChange {
  readonly name: string;
  readonly from?: Parameter;
  readonly to?: Parameter;
  readonly fields: readonly string[];
}

/** Constraints of one kind that only one side states (matched by their text). */
export interface ConstraintChange extends Omit<ListDelta, 'same'> {
  readonly kind: string;
}

/** What `to` adds and drops against `from`, as sets of strings, in each side's order. */
export function listDelta(from: readonly string[], to: readonly string[]): ListDelta {
  const a = new Set(from);
  const b = new Set(to);
  return {
    added: [...b].filter((x) => !a.has(x)),
    removed: [...a].filter((x) => !b.has(x)),
    same: [...a].filter((x) => b.has(x)).length,
  };
}

/** The cost section, when anything in it differs. */
export function diffCost(from: Cost, to: Cost): CostDiff | undefined {
  const drivers = listDelta(from.drivers, to.drivers);
  const monthly = from.monthlyUsd.low !== to.monthlyUsd.low || from.monthlyUsd.high !== to.monthlyUsd.high;
  const assumptions = from.assumptions !== to.assumptions;
  const asOf = from.asOf !== to.asOf;
  const any = monthly || assumptions || asOf || drivers.added.length + drivers.removed.length > 0;
  return any ? { from, to, monthly, assumptions, asOf, drivers } : undefined;
}

const PARAMETER_FIELDS = ['type', 'default', 'enum', 'pattern', 'min', 'max', 'description'] as const;

/** Parameters matched by name: those only one side has, then those declared differently, in each side's order. */
export function diffParameters(from: Architecture, to: Architecture): ParameterChange[] {
  const a = new Map((from.parameters ?? []).map((p) => [p.name, p]));
  const b = new Map((to.parameters ?? []).map((p) => [p.name, p]));
  const out: ParameterChange[] = [];
  for (const [name, p] of a) if (!b.has(name)) out.push({ name, from: p, fields: [] });
  for (const [name, q] of b) {
    const p = a.get(name);
    if (!p) out.push({ name, to: q, fields: [] });
    else {
      const fields = PARAMETER_FIELDS.filter((f) => JSON.stringify(p[f]) !== JSON.stringify(q[f]));
      if (fields.length > 0) out.push({ name, from: p, to: q, fields });
    }
  }
  return out;
}

/** Constraints grouped by kind, matched by text; kinds where both sides say the same are left out. */
export function diffConstraints(from: Architecture, to: Architecture): ConstraintChange[] {
  const kinds = [...new Set([...from.constraints, ...to.constraints].map((c) => c.kind))];
  return kinds.flatMap((kind) => {
    const texts = (m: Architecture) => m.constraints.filter((c) => c.kind === kind).map((c) => c.text);
    const { added, removed } = listDelta(texts(from), texts(to));
    return added.length + removed.length === 0 ? [] : [{ kind, removed, added }];
  });
}
