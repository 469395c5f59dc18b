import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ejectProject, type EjectVersions } from '../../../generators/eject/eject-project.ts';
import { writeProject } from '../../../generators/eject/write-project.ts';
import { gitCommit } from '../../../generators/deploy/git-commit.ts';
import { STACK_FILE } from '../../../generators/synth/synth-entry.ts';
import { installedVersion } from '../../../generators/synth/versions.ts';
import { OarError } from '../../../lib/diagnostics.ts';
import { openForReading, requireEntry } from '../catalogue-access.ts';
import type { GenerateOptions } from '../commands/generate.ts';
import type { CommandContext } from '../context.ts';

/** `oar generate <id> --out <dir>`: eject a standalone CDK project that the real cdk CLI can synth and deploy. */
export async function generate(id: string, opts: GenerateOptions, ctx: CommandContext): Promise<number> {
  const entry = requireEntry(openForReading(ctx), id);
  if (!existsSync(join(ctx.root, entry.dir, STACK_FILE))) {
    throw new OarError(
      'OAR305',
      `${entry.dir}/${STACK_FILE} does not exist, so there is nothing to eject; add a CDK stack first`,
    );
  }
  const out = resolve(ctx.io.cwd, opts.out);
  const files = ejectProject(ctx.root, entry, installedVersions(), gitCommit(ctx.root));
  writeProject(out, files, Boolean(opts.force));
  ctx.io.out(`wrote ${files.size} files to ${out}\nnext: cd ${opts.out} && npm install && npx cdk synth`);
  return 0;
}

/** The versions installed here, which are the ones the catalogue is checked with. */
function installedVersions(): EjectVersions {
  return {
    awsCdkLib: installedVersion('aws-cdk-lib'),
    constructs: installedVersion('constructs'),
    cdkNag: installedVersion('cdk-nag'),
    cdkCli: installedVersion('aws-cdk'),
  };
}
