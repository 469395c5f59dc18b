import { scaffoldEntry } from '../../../generators/scaffold/new-entry.ts';
import { writeNewEntry } from '../../../generators/write-entry.ts';
import { requireValidId } from '../../../lib/entry-id.ts';
import { tryGit } from '../../../lib/git.ts';
import type { NewOptions } from '../commands/new.ts';
import { type CommandContext, today } from '../context.ts';
import { reportValidation } from '../report-validation.ts';

/** `oar new <id>`: writes a draft entry that validates as it stands, then validates it. */
export async function newEntry(id: string, opts: NewOptions, ctx: CommandContext): Promise<number> {
  requireValidId(id);
  const files = scaffoldEntry({
    id,
    title: opts.title,
    authorName: opts.author ?? gitUserName() ?? 'Your Name',
    github: opts.github,
    today: today(),
  });
  const dir = writeNewEntry(ctx.root, id, files);
  ctx.io.out(`created ${dir}/ with ${[...files.keys()].join(', ')}`);
  return reportValidation([id], {}, ctx);
}

function gitUserName(): string | undefined {
  return tryGit(process.cwd(), ['config', 'user.name']) || undefined;
}
