import { spawn, spawnSync } from 'node:child_process';
import { diag, type Diagnostic } from '../../lib/diagnostics.ts';
import { resourceSite, type EntrySites } from '../synth/construct-sites.ts';

/** One problem cfn-lint found, as its JSON output gives it. */
export interface LintMatch {
  readonly Filename: string;
  readonly Level: 'Error' | 'Warning' | 'Informational';
  readonly Message: string;
  readonly Rule: { readonly Id: string };
  readonly Location?: { readonly Path?: readonly (string | number)[] };
}

/** The installed cfn-lint's version, or undefined when it is not on PATH. */
export function cfnLintVersion(): string | undefined {
  const probe = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.trim() : undefined;
}

/**
 * Lints many templates in one cfn-lint process (Python start-up costs about a
 * second, so one call per entry would dominate `oar check`). Matches are keyed
 * by template file.
 */
export async function runCfnLint(files: readonly string[]): Promise<Map<string, LintMatch[]>> {
  const byFile = new Map<string, LintMatch[]>(files.map((f) => [f, []]));
  if (files.length === 0) return byFile;
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = spawn('cfn-lint', ['--format', 'json', '--', ...files], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    child.on('error', reject);
    // cfn-lint exits non-zero when it finds something; only unparseable output is a failure.
    child.on('close', () => {
      if (out.trim().startsWith('[')) resolve(out);
      else reject(new Error(`cfn-lint printed no JSON: ${(err || out).trim().slice(0, 500)}`));
    });
  });
  for (const m of JSON.parse(stdout) as LintMatch[]) byFile.set(m.Filename, [...(byFile.get(m.Filename) ?? []), m]);
  return byFile;
}

/** A cfn-lint match as OAR327, at the line of the entry's code that makes the resource it is about. */
export function lintDiagnostic(m: LintMatch, where: EntrySites): Diagnostic {
  const [section, logicalId] = m.Location?.Path ?? [];
  const site = section === 'Resources' && typeof logicalId === 'string' ? resourceSite(where, logicalId) : undefined;
  const at = site?.path ?? ((m.Location?.Path ?? []).slice(0, 2).join('/') || '(template)');
  return diag('OAR327', site?.file ?? where.stackFile, `${m.Rule.Id} at ${at}: ${m.Message}`, {
    line: site?.line,
    col: site?.col,
    path: site?.path,
    severity: m.Level === 'Error' ? 'error' : 'warning',
  });
}
