import { forkFiles } from '../../../generators/fork/fork-files.ts';
import { writeNewEntry } from '../../../generators/write-entry.ts';
import { OarError } from '../../../lib/diagnostics.ts';
import { requireValidId } from '../../../lib/entry-id.ts';
import { tryGit } from '../../../lib/git.ts';
import type { ForkOptions } from '../commands/fork.ts';
import { openForReading, requireEntry } from '../catalogue-access.ts';
import { type CommandContext, today } from '../context.ts';
import { reportValidation } from '../report-validation.ts';

/** `oar fork <id> --as <new> --reason "…"`: copies the entry, records its lineage, validates the fork. */
export async function fork(id: string, opts: ForkOptions, ctx: CommandContext): Promise<number> {
  requireValidId(opts.as);
  if (opts.reason.trim().length < 3) {
    throw new OarError(
      'OAR303',
      '--reason must say why the fork exists, e.g. --reason "EBS outages stalled the web tier"',
    );
  }
  const parent = requireEntry(openForReading(ctx), id);
  const commit = forkPoint(ctx.root, parent.dir);
  const files = forkFiles(ctx.root, parent, {
    newId: opts.as,
    reason: opts.reason.trim(),
    changes: opts.change.map((c) => c.trim()).filter((c) => c.length > 0),
    title: opts.title,
    today: today(),
    commit,
  });
  const dir = writeNewEntry(ctx.root, opts.as, files);
  ctx.io.out(`forked ${parent.id} ${parent.meta.version} as ${dir}/ (version 0.1.0, status draft)`);
  if (commit === undefined)
    ctx.io.out(
      `note: forkedFrom.commit is not set, because ${parent.dir}/ is not committed as it is here; oar upstream and oar sync need it`,
    );
  if (opts.change.length === 0)
    ctx.io.out(`next: list what you change under forkedFrom.changes in ${dir}/architecture.yaml`);
  return reportValidation([opts.as], {}, ctx);
}

/** HEAD, when the parent's folder there is what was copied: committed, with no change in the working tree. */
function forkPoint(root: string, dir: string): string | undefined {
  const head = tryGit(root, ['rev-parse', '--verify', 'HEAD']);
  if (head === undefined) return undefined;
  const dirty = tryGit(root, ['status', '--porcelain', '--untracked-files=all', '--', `${dir}/`]);
  return dirty === '' ? head : undefined;
}
