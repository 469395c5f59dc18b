import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAUNCHER, requireMoto } from '../../generators/emulator/emulator.ts';
import { OarError } from '../../lib/diagnostics.ts';
import { freePort, motoSupportedTypes, requireEmulator } from '../helpers/moto.ts';
import { runOar } from '../helpers/run-cli.ts';
import { REPO_ROOT } from '../helpers/synth-entry.ts';
import { withEnv } from '../helpers/with-env.ts';

const run = requireEmulator('the emulator launcher and its models');
const MODEL_TESTS = join(REPO_ROOT, 'test/emulator');

describe('without moto', () => {
  it('oar emulator says how to install it (OAR336), and starts nothing', async () => {
    const restore = withEnv({ OAR_PYTHON: '/bin/false' });
    try {
      expect(() => requireMoto()).toThrow(OarError);
      const said = await runOar(['emulator', '--port', '5999']);
      expect(said.code).toBe(1);
      expect(said.stderr).toBe(
        `error OAR336: the local emulator needs moto: moto's server is not installed for /bin/false; install it with pip install "moto[server]==5.2.1" (or set OAR_PYTHON to a Python that has it)`,
      );
    } finally {
      restore();
    }
  });
});

describe.skipIf(!run)('the emulator', () => {
  it('oar emulator serves moto with the added models until it is interrupted, and says how to use it', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['scripts/oar.mjs', 'emulator', '--port', String(port)], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const deadline = Date.now() + 30_000;
    while (!stderr.includes('Ctrl-C') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const types = (await (await fetch(`http://localhost:${port}/oar-api/types`)).json()) as string[];
    expect(types).toContain('AWS::CloudWatch::Alarm');
    expect(stderr).toContain(`export AWS_ENDPOINT_URL=http://localhost:${port} AWS_ACCESS_KEY_ID=testing`);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('lists the types it creates, moto’s and the added models’', () => {
    const types = motoSupportedTypes();
    expect(types.has('AWS::SQS::Queue')).toBe(true);
    expect(types.has('AWS::CloudWatch::Alarm')).toBe(true);
    expect(spawnSync('python3', [LAUNCHER, '--list-types']).status).toBe(0);
  });

  // Each model's own tests: in-process moto (mock_aws), a stack per test, read back through moto's API. One
  // Python process runs them all (importing moto costs seconds), and each file is reported on its own here.
  const files = readdirSync(MODEL_TESTS).filter((f) => /^test_.*\.py$/u.test(f));
  let verbose = '';
  let status: number | null = null;
  beforeAll(() => {
    const out = spawnSync('python3', ['-m', 'unittest', 'discover', '-v', '-p', 'test_*.py'], {
      cwd: MODEL_TESTS,
      encoding: 'utf8',
    });
    verbose = out.stderr;
    status = out.status;
  }, 600_000);

  it.each(files)('%s passes against moto’s API', (file) => {
    const module = file.replace(/\.py$/u, '');
    const results = [...verbose.matchAll(/^(\w+) \(([\w.]+)\)(?:\n[^\n]*)? \.\.\. (\w+)/gmu)]
      .filter((m) => m[2]?.startsWith(`${module}.`))
      .map((m) => `${m[1] ?? ''}: ${m[3] ?? ''}`);
    expect(results.length, `no test of ${file} ran:\n${verbose.slice(-3000)}`).toBeGreaterThan(0);
    expect(
      results.filter((r) => !r.endsWith(': ok')),
      verbose.slice(-6000),
    ).toEqual([]);
  });

  it('all model tests pass together', () => {
    expect(status, verbose.slice(-6000)).toBe(0);
  });
});
