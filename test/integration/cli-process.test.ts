import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const oar = join(repo, 'scripts/oar.mjs');

/** Runs the real `oar` in a child process, as a user's shell would. */
function run(args: string[], node = process.execPath, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(node, [...args], { cwd: repo, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('oar as a process', () => {
  it('validates the real catalogue', () => {
    const r = run([oar, 'validate']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^ok: \d+ entries valid, 0 warnings\n$/);
    expect(r.code).toBe(0);
  });

  it('prints the same help as the program in a test (test/unit/cli-help.test.ts pins each)', async () => {
    const { runOar } = await import('../helpers/run-cli.ts');
    for (const args of [['--help'], ['fork', '--help']]) {
      const r = run([oar, ...args]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${(await runOar(args)).stdout}\n`);
    }
  });

  it('stops quietly when the reader has closed the pipe, as `oar list | head -1` may', () => {
    // `true` exits before oar starts, so oar's first write meets a closed pipe (EPIPE).
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${oar}" list --claims | true`], {
      cwd: repo,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
  });

  it('exits 2 on an unknown command or option, with a usage hint', () => {
    const r = run([oar, 'valdate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'valdate'");
    expect(r.stderr).toContain('(Did you mean validate?)');
    expect(run([oar, 'list', '--colour']).code).toBe(2);
  });

  /** The URLs of every module `oar <args>` loads, recorded by test/helpers/record-modules.mjs. */
  function modulesLoadedBy(args: string[]): string {
    const dir = mkdtempSync(join(tmpdir(), 'oar-modules-'));
    const log = join(dir, 'modules.txt');
    try {
      const r = run(['--import', join(repo, 'test/helpers/record-modules.mjs'), oar, ...args], process.execPath, {
        OAR_MODULE_LOG: log,
      });
      expect(r.code).toBe(0);
      return readFileSync(log, 'utf8');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('`oar validate` loads neither aws-cdk-lib nor Astro', () => {
    const modules = modulesLoadedBy(['validate']);
    // The positive control: the recorder saw the validator's own dependencies.
    expect(modules).toContain('/node_modules/yaml/');
    expect(modules).toContain('/node_modules/ajv/');
    expect(modules).not.toMatch(/\/node_modules\/(aws-cdk-lib|astro|@astrojs|constructs|cdk-nag)\//);
  });

  it('`oar --help` loads the command specs and none of their runs', () => {
    const modules = modulesLoadedBy(['--help']);
    expect(modules).toContain('/scripts/cli/commands/deploy.ts');
    expect(modules).not.toMatch(
      /\/scripts\/cli\/(run\/|report-validation)|\/node_modules\/(yaml|ajv|aws-cdk-lib|astro)\//,
    );
  });

  // The machine's own node (20 here) cannot strip types; the shim must hand over to the pinned Node 24.
  const systemNode = (() => {
    try {
      const paths = execFileSync('which', ['-a', 'node'], { encoding: 'utf8' }).split('\n');
      return paths.find((p) => p.length > 0 && !p.includes('node_modules'));
    } catch {
      return undefined;
    }
  })();
  const oldNode =
    systemNode !== undefined &&
    Number(execFileSync(systemNode, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' })) < 22
      ? systemNode
      : undefined;

  it.skipIf(oldNode === undefined)('runs under an older system Node by handing over to the pinned Node 24', () => {
    const r = run([oar, 'validate'], oldNode);
    expect(r.stdout).toMatch(/^ok: \d+ entries valid/);
    expect(r.code).toBe(0);
  });
});
