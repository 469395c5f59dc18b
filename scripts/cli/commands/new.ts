import { scaffoldEntry } from '../../../generators/scaffold/new-entry.ts';
import { writeNewEntry } from '../../../generators/write-entry.ts';
import { OarError } from '../../../lib/diagnostics.ts';
import { entryIdProblem } from '../../../lib/entry-id.ts';
import { tryGit } from '../../../lib/git.ts';
import { type CommandContext, today } from '../context.ts';
import { validate } from './validate.ts';

interface NewOptions {
  title?: string;
  author?: string;
  github: string;
}

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
  return validate([id], {}, ctx);
}

/** Throws OAR303 unless `id` fits the schema's id rule (the one rule for ids and entry folders). */
export function requireValidId(id: string): void {
  const problem = entryIdProblem(id);
  if (problem) throw new OarError('OAR303', problem);
}

function gitUserName(): string | undefined {
  return tryGit(process.cwd(), ['config', 'user.name']) || undefined;
}
