import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkEntries } from '../../../generators/check/check-entries.ts';
import { formatCheckReport } from '../../../generators/check/format-check.ts';
import { githubClient, tokenFromEnv } from '../../../generators/contribute/github-client.ts';
import { prBody, prTitle } from '../../../generators/contribute/pr-body.ts';
import { propose as proposeEntry } from '../../../generators/contribute/propose.ts';
import { upstreamOf } from '../../../generators/contribute/upstream.ts';
import { openCatalogue } from '../../../lib/catalogue.ts';
import { hasErrors } from '../../../lib/diagnostics.ts';
import { formatDiagnostics, summarize } from '../../../lib/report/format-diagnostics.ts';
import { requireEntry } from '../catalogue-access.ts';
import type { ProposeOptions } from '../commands/propose.ts';
import type { CommandContext } from '../context.ts';

/** `oar propose <id>`: validate and check the entry, then fork, push entry/<id> and open or update its PR. */
export async function propose(id: string, opts: ProposeOptions, ctx: CommandContext): Promise<number> {
  const catalogue = openCatalogue(ctx.root);
  const entry = requireEntry(catalogue, id);
  const upstream = upstreamOf(opts.upstream, ctx.root);
  const diagnostics = catalogue.diagnostics.filter((d) => d.file === entry.dir || d.file.startsWith(`${entry.dir}/`));
  ctx.io.err(`validating ${id}…`);
  if (hasErrors(diagnostics)) {
    ctx.io.err(formatDiagnostics(diagnostics));
    ctx.io.err(`${summarize(diagnostics, 1)}\nNot proposed: fix the errors above first.`);
    return 1;
  }
  ctx.io.err(`checking ${id} (synth, cdk-nag, cfn-lint, services, diagrams)…`);
  const check = await checkEntries(ctx.root, [entry], 1, {}, catalogue.byId);
  if (check.entries.some((e) => e.status === 'failed')) {
    ctx.io.err(`${formatCheckReport(check)}\nNot proposed: fix what oar check reports first.`);
    return 1;
  }
  const templateFile = join(ctx.root, '.github/pull_request_template.md');
  const template = existsSync(templateFile) ? readFileSync(templateFile, 'utf8') : undefined;
  const validate = { ok: true, entries: 1, diagnostics };
  // The token is read only now, after the entry's code has run (in scrubbed synth workers, which never see it).
  const github = opts.dryRun
    ? undefined
    : (() => {
        const token = tokenFromEnv();
        return { client: githubClient(token), token };
      })();
  const result = await proposeEntry(
    {
      root: ctx.root,
      id,
      version: entry.meta.version,
      dir: entry.dir,
      upstream,
      title: prTitle(entry),
      body: prBody(entry, { validate, check }, template),
      dryRun: opts.dryRun === true,
    },
    github,
    (line) => {
      // A dry run's steps and PR body are its output; a real run's steps are progress.
      if (opts.dryRun) ctx.io.out(line);
      else ctx.io.err(line);
    },
  );
  if (result.url) ctx.io.out(result.url);
  return 0;
}
