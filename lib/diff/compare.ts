import type { Evidence } from '../resolve/evidence.ts';
import {
  diffConstraints,
  diffCost,
  diffParameters,
  type ConstraintChange,
  type CostDiff,
  type ParameterChange,
} from './design-diff.ts';
import { metadataRows, type MetadataRow } from './metadata-rows.ts';
import { diffScenarios, forkChangesOf, type Promises, type ScenarioRow } from './scenario-diff.ts';
import { diffTemplates, type TemplateDiff } from './template-diff.ts';
import type { TemplateSummary } from './template-summary.ts';

/** An entry as a comparison reads it: metadata, evidence, and the summary of its committed template if it has one. */
export interface Comparable extends Promises {
  readonly template?: TemplateSummary;
}

/** Which entry of the two is which. */
export interface EntryRef {
  readonly id: string;
  readonly title: string;
  readonly version: string;
}

/** When one entry is a fork of the other: which, from what version of the parent, and why. */
export interface ForkRelation {
  readonly fork: string;
  readonly parent: string;
  readonly version: string;
  readonly reason: string;
}

/** Two entries compared, in the order a reader weighs them: failure modes, templates, cost and inputs, the rest. */
export interface Comparison {
  readonly from: EntryRef;
  readonly to: EntryRef;
  readonly relation?: ForkRelation;
  readonly failureModes: readonly ScenarioRow[];
  /** The fork's changes with their proof, when one entry is a fork of the other. */
  readonly forkChanges: readonly Evidence[];
  /** Absent when either entry has no committed template snapshot; `templateMissing` names which. */
  readonly template?: TemplateDiff;
  readonly templateMissing: readonly string[];
  readonly cost?: CostDiff;
  readonly parameters: readonly ParameterChange[];
  readonly constraints: readonly ConstraintChange[];
  readonly metadata: readonly MetadataRow[];
}

/** Top-level fields the sections before the metadata show; `id` and `forkedFrom` always differ for a fork. */
const SHOWN_ABOVE = ['failureModes', 'cost', 'parameters', 'constraints'];
const IDENTITY = ['id', 'forkedFrom'];

/** Compares `from` (e.g. the parent) with `to` (e.g. the fork); `all` keeps id and forkedFrom in the metadata rows. */
export function compareEntries(from: Comparable, to: Comparable, opts: { all?: boolean } = {}): Comparison {
  const forkChanges = forkChangesOf(from, to);
  const relation = relationOf(from, to) ?? relationOf(to, from);
  const ignore = new Set([...SHOWN_ABOVE, ...(opts.all ? [] : IDENTITY)]);
  const cost = diffCost(from.meta.cost, to.meta.cost);
  return {
    from: refOf(from),
    to: refOf(to),
    ...(relation ? { relation } : {}),
    failureModes: diffScenarios(from, to, forkChanges),
    forkChanges,
    ...(from.template && to.template ? { template: diffTemplates(from.template, to.template) } : {}),
    templateMissing: [from, to].filter((e) => !e.template).map((e) => e.id),
    ...(cost ? { cost } : {}),
    parameters: diffParameters(from.meta, to.meta),
    constraints: diffConstraints(from.meta, to.meta),
    metadata: metadataRows(from.meta, to.meta, ignore),
  };
}

function refOf(e: Comparable): EntryRef {
  return { id: e.id, title: e.meta.title, version: e.meta.version };
}

function relationOf(fork: Comparable, parent: Comparable): ForkRelation | undefined {
  const f = fork.meta.forkedFrom;
  return f?.id === parent.id ? { fork: fork.id, parent: parent.id, version: f.version, reason: f.reason } : undefined;
}
