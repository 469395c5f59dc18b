import { execFileSync } from 'node:child_process';
import { scaffoldEntry } from '../../../generators/scaffold/new-entry.ts';
import { writeNewEntry } from '../../../generators/write-entry.ts';
import { OarError } from '../../../lib/diagnostics.ts';
import { checkSchema } from '../../../lib/validate/schema.ts';
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

/** Throws OAR303 unless `id` fits the schema's id rule. */
export function requireValidId(id: string): void {
  // The probe object has only an id, so only the id's own errors matter.
  const idErrors = checkSchema({ id }).errors.filter((e) => e.instancePath === '/id');
  if (idErrors.length > 0) {
    throw new OarError(
      'OAR303',
      `${JSON.stringify(id)} is not a valid entry id; use 3 to 64 lowercase letters and digits joined by single hyphens, e.g. java-web-tier`,
    );
  }
}

function gitUserName(): string | undefined {
  try {
    return (
      execFileSync('git', ['config', 'user.name'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() ||
      undefined
    );
  } catch {
    return undefined;
  }
}
