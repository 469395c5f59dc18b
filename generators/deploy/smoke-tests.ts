import type { SmokeTest } from '../../schema/architecture.ts';
import { OarError } from '../../lib/diagnostics.ts';

/** The outcome of one smoke test. */
export interface SmokeResult {
  readonly name: string;
  readonly url: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** Replaces ${outputs.Name} in a smoke-test URL; an output the stack did not return is an OAR314 error. */
export function expandUrl(template: string, outputs: Readonly<Record<string, string>>): string {
  return template.replace(/\$\{outputs\.([A-Za-z0-9_]+)\}/gu, (_, name: string) => {
    const value = outputs[name];
    if (value === undefined) {
      throw new OarError(
        'OAR314',
        `the stack returned no output ${name}, which the URL ${template} uses; add a CfnOutput named ${name} to the stack`,
      );
    }
    return value;
  });
}

/** Throws OAR314 naming each smoke test that failed and why; the stack stays deployed. */
export function requireSmokePassed(stackName: string, results: readonly SmokeResult[]): void {
  const failed = results.filter((s) => !s.ok);
  if (failed.length === 0) return;
  throw new OarError(
    'OAR314',
    `${failed.length} smoke test(s) failed against ${stackName}: ${failed.map((s) => `${s.name}: ${s.detail}`).join('; ')}`,
  );
}

/**
 * Runs each smoke test until it gets the expected status or `timeoutMs` passes:
 * a new load balancer needs a few minutes before its targets are healthy, so
 * one early failure means little.
 */
export async function runSmokeTests(
  tests: readonly SmokeTest[],
  outputs: Readonly<Record<string, string>>,
  {
    timeoutMs = 300_000,
    intervalMs = 10_000,
    onAttempt = (_line: string): undefined => undefined,
  }: { timeoutMs?: number; intervalMs?: number; onAttempt?: (line: string) => void } = {},
): Promise<SmokeResult[]> {
  const results: SmokeResult[] = [];
  for (const t of tests) {
    let url: string;
    try {
      url = expandUrl(t.http.url, outputs);
    } catch (error) {
      if (!(error instanceof OarError)) throw error;
      results.push({ name: t.name, url: t.http.url, ok: false, detail: error.message });
      continue;
    }
    const deadline = Date.now() + timeoutMs;
    let detail: string;
    let ok = false;
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await fetch(url, {
          method: t.http.method ?? 'GET',
          signal: AbortSignal.timeout(10_000),
          redirect: 'manual',
        });
        ok = res.status === t.http.expectStatus;
        detail = `HTTP ${res.status}, expected ${t.http.expectStatus}`;
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code;
        detail = `no response (${cause ?? (error as Error).message})`;
      }
      if (ok || Date.now() + intervalMs > deadline) break;
      onAttempt(`  ${t.name}: attempt ${attempt}: ${detail}; retrying`);
      await new Promise((r) => setTimeout(r, intervalMs));
    }
    results.push({ name: t.name, url, ok, detail });
  }
  return results;
}
