import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runOar } from '../helpers/run-cli.ts';
import { REPO_ROOT } from '../helpers/synth-entry.ts';
import { typecheckEjected } from '../helpers/typecheck-project.ts';

const work = mkdtempSync(join(tmpdir(), 'oar-eject-'));
const out = join(work, 'project');
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('oar generate ejects a standalone CDK project', () => {
  test('writes the project, and refuses a non-empty folder without --force', async () => {
    const first = await runOar(['generate', 'java-web-tier-instance-store', '--out', out], REPO_ROOT);
    expect(first.code).toBe(0);
    for (const f of ['package.json', 'cdk.json', 'bin/app.ts', 'lib/stack.ts', 'parameters.json', 'README.md']) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    expect(existsSync(join(out, 'lib/stack.test.ts'))).toBe(false);
    // The Parameters type derived from architecture.yaml travels with the stack; only its header changes, since
    // the project has no task that derives it.
    const entryCdk = join(REPO_ROOT, 'architectures/java-web-tier-instance-store/cdk');
    const [header, ...body] = readFileSync(join(out, 'lib/parameters.generated.ts'), 'utf8').split('\n');
    expect(header).toContain('a parameter added to parameters.json is added here too');
    expect(body).toEqual(readFileSync(join(entryCdk, 'parameters.generated.ts'), 'utf8').split('\n').slice(1));
    expect(readFileSync(join(out, 'lib/stack.ts'), 'utf8')).toContain("from './parameters.generated.ts'");
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toContain('## Usage notes');

    writeFileSync(join(out, 'mine.txt'), 'my own notes');
    const refused = await runOar(['generate', 'java-web-tier-instance-store', '--out', out], REPO_ROOT);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error OAR310');
    const forced = await runOar(['generate', 'java-web-tier-instance-store', '--out', out, '--force'], REPO_ROOT);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(out, 'mine.txt'), 'utf8')).toBe('my own notes');
  });

  test('the real cdk CLI synthesizes it, parameters as context', { timeout: 240_000 }, () => {
    // The project's own `npm install` would fetch the same pinned versions this repository has installed.
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(out, 'node_modules'));
    // The stack type-checks in the project, its generated Parameters included.
    expect(typecheckEjected(out)).toBe('');
    const cdk = join(REPO_ROOT, 'node_modules/.bin/cdk');
    const env = {
      ...process.env,
      CDK_DISABLE_CLI_TELEMETRY: 'true',
      CDK_DISABLE_VERSION_CHECK: 'true',
      PATH: `${join(REPO_ROOT, 'node_modules/.bin')}:${process.env['PATH'] ?? ''}`,
    };
    const synth = spawnSync(cdk, ['synth', '--no-notices', '-q', '-c', 'env=dev', '-c', 'minCapacity=3'], {
      cwd: out,
      env,
      encoding: 'utf8',
    });
    expect(synth.stderr + synth.stdout).not.toMatch(/Error/u);
    expect(synth.status).toBe(0);
    const template = JSON.parse(
      readFileSync(join(out, 'cdk.out', 'oar-java-web-tier-instance-store--dev.template.json'), 'utf8'),
    ) as { Resources: Record<string, { Type: string; Properties?: { MinSize?: string } }> };
    const asg = Object.values(template.Resources).find((r) => r.Type === 'AWS::AutoScaling::AutoScalingGroup');
    expect(asg?.Properties?.MinSize).toBe('3');

    const bad = spawnSync(cdk, ['synth', '--no-notices', '-q', '-c', 'minCapacity=1'], {
      cwd: out,
      env,
      encoding: 'utf8',
    });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('minCapacity 1 leaves every zone but one without a node');
  });
});
