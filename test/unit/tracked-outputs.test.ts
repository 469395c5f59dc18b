import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCatalogue } from '../../lib/catalogue.ts';
import { trackedBuildOutputs } from '../../lib/load/tracked-outputs.ts';
import { runOar } from '../helpers/run-cli.ts';
import { tempCatalogue } from '../helpers/temp-catalogue.ts';

const git = (root: string, ...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
const repo = tempCatalogue('valid');
const plain = tempCatalogue('valid');
afterAll(() => {
  repo.dispose();
  plain.dispose();
});

describe('committed build output (OAR231)', () => {
  mkdirSync(join(repo.root, 'cdk.out'));
  writeFileSync(join(repo.root, '.gitignore'), 'cdk.out/\n');
  writeFileSync(join(repo.root, 'cdk.out/check-report.json'), '{}\n');
  writeFileSync(join(repo.root, 'cdk.out/manifest.json'), '{}\n');
  git(repo.root, 'init', '-q', '-b', 'main');
  git(repo.root, 'add', '-A');

  it('is nothing while cdk.out/ is only on disk, or outside a git repository', async () => {
    expect(trackedBuildOutputs(repo.root)).toEqual([]);
    mkdirSync(join(plain.root, 'cdk.out'));
    writeFileSync(join(plain.root, 'cdk.out/check-report.json'), '{}\n');
    expect(trackedBuildOutputs(plain.root)).toEqual([]);
    expect((await runOar(['validate'], plain.root)).code).toBe(0);
  });

  it('fails oar validate and the catalogue every command opens, once cdk.out/ is added with -f', async () => {
    git(repo.root, 'add', '-f', 'cdk.out');
    expect(trackedBuildOutputs(repo.root)).toEqual(['cdk.out/check-report.json', 'cdk.out/manifest.json']);
    const run = await runOar(['validate'], repo.root);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'cdk.out  OAR231  build output is committed: cdk.out/ is tracked in git (2 files); it is written by oar synth and oar check on each machine, and a committed check report would mark entries verified. Untrack it with `git rm -r --cached cdk.out` and commit',
    );
    expect(openCatalogue(repo.root).diagnostics.map((d) => d.code)).toEqual(['OAR231']);
    // Scoped to entries, validate reports only theirs.
    expect((await runOar(['validate', 'tiny-web'], repo.root)).code).toBe(0);
  });
});
