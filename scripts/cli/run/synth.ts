import { synthRequestFor } from '../../../generators/synth/request.ts';
import { synthOne } from '../../../generators/synth/synth-pool.ts';
import { resourcesByType } from '../../../generators/synth/template.ts';
import { sortDiagnostics } from '../../../lib/diagnostics.ts';
import { formatDiagnostic } from '../../../lib/report/format-diagnostics.ts';
import { openForReading, requireEntry } from '../catalogue-access.ts';
import type { SynthOptions } from '../commands/synth.ts';
import type { CommandContext } from '../context.ts';

/** `oar synth <id>`: the entry's CloudFormation in cdk.out/<id>/; 1 when cdk-nag or validation finds an error. */
export async function synth(id: string, opts: SynthOptions, ctx: CommandContext): Promise<number> {
  const entry = requireEntry(openForReading(ctx), id);
  const request = synthRequestFor(ctx.root, entry, opts.param);
  if (!opts.json) ctx.io.err(`synthesizing ${id} (loading aws-cdk-lib, a few seconds)…`);
  const result = await synthOne(request);
  const errors = result.findings.filter((f) => f.severity === 'error');
  if (opts.json) {
    const { printed: _printed, sites: _sites, ...data } = result;
    ctx.io.out(JSON.stringify({ ...data, parameters: request.parameters }, null, 2));
    return errors.length > 0 ? 1 : 0;
  }
  const resources = resourcesByType(result.template);
  const total = resources.reduce((n, [, c]) => n + c, 0);
  ctx.io.out(`${result.stackName}: ${result.templateFile} (${total} resources, ${(result.ms / 1000).toFixed(1)} s)`);
  for (const d of sortDiagnostics(result.findings)) ctx.io.out(formatDiagnostic(d));
  if (ctx.verbose && result.printed) ctx.io.err(result.printed);
  if (errors.length > 0) {
    ctx.io.out(
      `${errors.length} error${errors.length === 1 ? '' : 's'}: fix them, or acknowledge each with a reason (see CONTRIBUTING.md)`,
    );
    return 1;
  }
  return 0;
}
