import type { FileStep, SyncPlan } from './plan-sync.ts';

const WIDTH = 'unchanged'.length;

/** One line a file: the action, the path inside the fork, and why when it is a conflict or kept. */
export function formatSteps(steps: readonly FileStep[]): string {
  return steps
    .map((s) => `  ${s.action.padEnd(WIDTH)}  ${s.path}${s.note === undefined ? '' : `: ${s.note}`}`)
    .join('\n');
}

/** Counts by action, e.g. "2 merged, 1 added, 0 deleted, 1 with conflicts, 3 unchanged". */
export function countSteps(plan: SyncPlan): string {
  const n = (action: FileStep['action']) => plan.steps.filter((s) => s.action === action).length;
  return `${String(n('merge'))} merged, ${String(n('add'))} added, ${String(n('delete'))} deleted, ${String(n('conflict'))} with conflicts, ${String(n('unchanged'))} unchanged`;
}
