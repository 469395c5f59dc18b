import type { ICloudAssemblySource, StackSelector, Toolkit } from '@aws-cdk/toolkit-lib';
import { OarError } from '../../lib/diagnostics.ts';
import { formatDiagnostic } from '../../lib/report/format-diagnostics.ts';
import type { SynthResult } from '../cdk/synth-entry.ts';
import { OarIoHost } from './io-host.ts';

/** A toolkit-lib Toolkit wired to oar's terminal output, and the cloud assembly of one synthesized stack. */
export async function openAssembly(
  synth: SynthResult,
  print: (line: string) => void,
  verbose: boolean,
): Promise<{ toolkit: Toolkit; host: OarIoHost; cx: ICloudAssemblySource; stacks: StackSelector }> {
  const lib = await import('@aws-cdk/toolkit-lib');
  const host = new OarIoHost(print, verbose);
  const toolkit = new lib.Toolkit({ ioHost: host, color: false, emojis: false });
  const cx = await toolkit.fromAssemblyDirectory(synth.outdir);
  const stacks = { strategy: lib.StackSelectionStrategy.PATTERN_MUST_MATCH_SINGLE, patterns: [synth.stackName] };
  return { toolkit, host, cx, stacks };
}

/** Refuses to go on when the synthesized stack has unacknowledged errors: they would fail review, or the deploy. */
export function requireClean(synth: SynthResult): void {
  const errors = synth.findings.filter((f) => f.severity === 'error');
  if (errors.length === 0) return;
  const lines = errors.map((d) => `  ${formatDiagnostic(d)}`).join('\n');
  throw new OarError(
    'OAR307',
    `${synth.stackName} has ${errors.length} unresolved finding(s); run oar check ${synth.id}:\n${lines}`,
  );
}

/** The most useful words from a toolkit error: its message without the stack. */
export function toolkitMessage(error: unknown): string {
  const first = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  // toolkit-lib prefixes its own emoji and the stack name; the cause is what follows.
  return first.replace(/^\W*\S+ failed: /u, '').trim();
}
