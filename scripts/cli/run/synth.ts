import { requirePortable } from '../../../generators/synth/portable.ts';
import { synthRequestFor } from '../../../generators/synth/request.ts';
import { synthOne } from '../../../generators/synth/synth-pool.ts';
import { resourcesByType } from '../../../generators/synth/template.ts';
import { OarError, sortDiagnostics } from '../../../lib/diagnostics.ts';
import { formatDiagnostic } from '../../../lib/report/format-diagnostics.ts';
import { openForReading, requireEntry } from '../catalogue-access.ts';
import type { SynthOptions } from '../commands/synth.ts';
import type { CommandContext } from '../context.ts';

/** An IAM customer managed policy name (without a path), as --permissions-boundary takes it. */
const POLICY_NAME = /^[\w+=,.@-]{1,128}$/u;

/**
 * `oar synth <id>`: the entry's CloudFormation in cdk.out/<id>/; 1 when cdk-nag or validation finds an error,
 * or, with --portable, when the template needs assets that only oar deploy publishes (OAR335).
 */
export async function synth(id: string, opts: SynthOptions, ctx: CommandContext): Promise<number> {
  const boundary = opts.permissionsBoundary;
  if (boundary !== undefined && !POLICY_NAME.test(boundary)) {
    throw new OarError(
      'OAR303',
      `--permissions-boundary takes the name of a customer managed policy (letters, digits and +=,.@_-, at most 128), e.g. oar-product-boundary; got ${JSON.stringify(boundary)}`,
    );
  }
  const entry = requireEntry(openForReading(ctx), id);
  const request = synthRequestFor(
    ctx.root,
    entry,
    opts.param,
    boundary === undefined ? {} : { permissionsBoundary: boundary },
  );
  if (!opts.json) ctx.io.err(`synthesizing ${id} (loading aws-cdk-lib, a few seconds)…`);
  const result = await synthOne(request);
  if (opts.portable) requirePortable(result, entry.dir);
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
