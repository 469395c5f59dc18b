import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { asBuiltFromSnapshot, GENERATED_MARK } from '../../../lib/asbuilt/as-built.ts';
import { OarError } from '../../../lib/diagnostics.ts';
import { readTemplateSnapshot, TEMPLATE_SNAPSHOT } from '../../../lib/load/entry-snapshots.ts';
import { openForReading, requireEntry } from '../catalogue-access.ts';
import type { DiagramOptions } from '../commands/diagram.ts';
import type { CommandContext } from '../context.ts';

/** `oar diagram <id>`: the entry's committed template snapshot as a mermaid flowchart, printed or written to --out. */
export function diagram(id: string, opts: DiagramOptions, ctx: CommandContext): number {
  const entry = requireEntry(openForReading(ctx), id);
  const text = readTemplateSnapshot(ctx.root, entry.dir);
  if (text === undefined) {
    throw new OarError(
      'OAR344',
      `${entry.dir}/${TEMPLATE_SNAPSHOT} is missing, so there is nothing to draw; write it with \`OAR_ENTRIES=${id} npx vitest run test/entries.test.ts -u\``,
    );
  }
  const drawn = asBuiltFromSnapshot(text, entry.dir, id);
  if (opts.out === undefined) {
    ctx.io.out(drawn.source.trimEnd());
    return 0;
  }
  const file = resolve(ctx.io.cwd, opts.out);
  const shown = relative(ctx.io.cwd, file) || opts.out;
  // A hand-drawn diagram (diagrams/main.mmd) must never be overwritten by a generated one by a slip of the path.
  if (existsSync(file) && !readFileSync(file, 'utf8').includes(GENERATED_MARK)) {
    throw new OarError(
      'OAR344',
      `${shown} exists and oar diagram did not write it; choose another --out file, or delete it first if you mean to replace it`,
    );
  }
  const staging = `${file}.oar-diagram.tmp`;
  try {
    writeFileSync(staging, drawn.source);
    renameSync(staging, file);
  } catch (error) {
    rmSync(staging, { force: true });
    const why = (error as NodeJS.ErrnoException).code ?? 'an error';
    throw new OarError('OAR344', `${shown} cannot be written (${why}); check that its folder exists and is writable`);
  }
  ctx.io.out(`wrote ${shown}: ${drawn.nodes} boxes from ${entry.dir}/${TEMPLATE_SNAPSHOT}`);
  return 0;
}
