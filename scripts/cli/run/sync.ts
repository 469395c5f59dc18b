import { join } from 'node:path';
import semver from 'semver';
import { applySync } from '../../../generators/sync/apply-sync.ts';
import { requireCleanTree } from '../../../generators/sync/clean-tree.ts';
import { deriveParametersAgain } from '../../../generators/sync/derive-parameters.ts';
import { forkFileAt } from '../../../generators/sync/fork-files-now.ts';
import { countSteps, formatSteps } from '../../../generators/sync/format-sync.ts';
import { planForkSync } from '../../../generators/sync/plan-fork-sync.ts';
import { CHANGELOG } from '../../../generators/sync/plan-sync.ts';
import { recordInChangelog, syncNote } from '../../../generators/sync/sync-changelog.ts';
import { requireFork, requireForkCommit } from '../../../generators/upstream/fork-point.ts';
import { OarError } from '../../../lib/diagnostics.ts';
import { git } from '../../../lib/git.ts';
import { openForReading, requireEntry } from '../catalogue-access.ts';
import type { SyncOptions } from '../commands/sync.ts';
import type { CommandContext } from '../context.ts';
import { reportValidation } from '../report-validation.ts';

/** `oar sync <fork> [--dry-run]`: a three-way merge of the parent's changes since the fork point into the fork. */
export async function sync(id: string, opts: SyncOptions, ctx: CommandContext): Promise<number> {
  const catalogue = openForReading(ctx);
  const pair = requireFork(catalogue, requireEntry(catalogue, id));
  const { fork, parent, forkedFrom } = pair;
  const commit = requireForkCommit(ctx.root, pair);
  // A dry run refuses too: its plan is then the one a real run carries out, read from the same committed parent.
  requireCleanTree(ctx.root, [fork.dir, parent.dir]);
  const head = git(ctx.root, ['rev-parse', '--verify', 'HEAD']);
  const to = parent.meta.version;
  const forkAbs = join(ctx.root, fork.dir);
  const plan = planForkSync(ctx.root, pair, commit, head);
  if (!plan.parentChanged && to === forkedFrom.version) {
    ctx.io.out(
      `${fork.id} is up to date with ${parent.id} ${to}: its folder has not changed since ${commit.slice(0, 12)}`,
    );
    return 0;
  }
  const conflicts = plan.steps.filter((s) => s.action === 'conflict');
  const note = syncNote({
    parent: parent.id,
    from: forkedFrom.version,
    to,
    commit: head,
    files: plan.steps.filter((s) => s.action !== 'unchanged').length,
    conflicts: conflicts.length,
  });
  ctx.io.out(
    [
      `${opts.dryRun ? 'Plan to sync' : 'Syncing'} ${fork.id} with ${parent.id}: ${forkedFrom.version} (commit ${commit.slice(0, 12)}) -> ${to} (commit ${head.slice(0, 12)})`,
      formatSteps(plan.steps),
      `  forkedFrom: version ${to}, commit ${head.slice(0, 12)}${plan.dropped.map((a) => `; drops the handling of ${a}, which does not apply to ${to}`).join('')}`,
      `  ${CHANGELOG}, under ## Unreleased: ${note}`,
    ].join('\n'),
  );
  if (opts.dryRun) {
    ctx.io.out(`Dry run: nothing was written (${countSteps(plan)}).`);
    return 0;
  }
  const changelog = forkFileAt(forkAbs, CHANGELOG);
  if (!changelog?.regular)
    throw new OarError('OAR001', `${fork.dir}/${CHANGELOG} is missing or not a file; sync records itself there`);
  const record = Buffer.from(recordInChangelog(changelog.bytes.toString('utf8'), note));
  applySync(forkAbs, [...plan.steps, { path: CHANGELOG, action: 'merge', write: record }]);
  if (conflicts.length > 0) {
    throw new OarError(
      'OAR340',
      `${String(conflicts.length)} file${conflicts.length === 1 ? '' : 's'} need${conflicts.length === 1 ? 's' : ''} you: ${conflicts.map((c) => `${fork.dir}/${c.path}`).join(', ')}. ` +
        `Resolve each between the <<<<<<< and >>>>>>> markers (the fork's lines first, then the fork point's, then the parent's), ` +
        `then run oar validate ${fork.id} and npm run entries:derive, release a version and commit; forkedFrom already names ${to}. ` +
        `To undo the sync: git checkout HEAD -- ${fork.dir}/ && git clean -fd -- ${fork.dir}/`,
    );
  }
  const derived = deriveParametersAgain(ctx.root, fork.id);
  const next = semver.inc(fork.meta.version, 'minor') ?? 'the next version';
  ctx.io.out(
    [
      ...(derived === undefined ? [] : [`  ${derived}: derived again from the merged architecture.yaml`]),
      `Synced (${countSteps(plan)}). Next:`,
      `  - review the merge: git diff -- ${fork.dir}/`,
      `  - release a version: in ${CHANGELOG} turn ## Unreleased into ## ${next} - YYYY-MM-DD, and set version: ${next} in architecture.yaml`,
      `  - oar check ${fork.id}`,
      `  - refresh its snapshots: OAR_ENTRIES=${fork.id} npx vitest run test/entries.test.ts -u`,
      `  - commit ${fork.dir}/`,
    ].join('\n'),
  );
  return reportValidation([fork.id], {}, ctx);
}
