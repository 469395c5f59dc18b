import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthRequestFor } from '../../generators/synth/request.ts';
import { synthAll } from '../../generators/synth/synth-pool.ts';
import { workerEnv } from '../../generators/synth/worker-env.ts';
import { openCatalogue } from '../../lib/catalogue.ts';
import { expectNoSecrets, SECRETS } from '../helpers/env-probe.ts';
import { runOar } from '../helpers/run-cli.ts';
import { REPO_ROOT } from '../helpers/synth-entry.ts';
import { fixture, tempCatalogue } from '../helpers/temp-catalogue.ts';
import { withEnv } from '../helpers/with-env.ts';

describe('the synth worker environment', () => {
  it('keeps what Node and the CDK read, drops every credential, and points HOME at the given folder', () => {
    const kept = {
      PATH: '/usr/bin',
      LANG: 'C.UTF-8',
      LC_ALL: 'C.UTF-8',
      TMPDIR: '/tmp',
      NODE_COMPILE_CACHE: '/tmp/cache',
      CDK_DEFAULT_REGION: 'eu-west-1',
      OAR_UPSTREAM: 'oar/registry',
    };
    const parent = { ...SECRETS, ...kept, HOME: '/home/someone', SSH_AUTH_SOCK: '/tmp/agent', DOCKER_HOST: 'tcp://x' };
    expect(workerEnv(parent, '/tmp/empty-home')).toEqual({ ...kept, HOME: '/tmp/empty-home' });
  });
});

// oar deploy and destroy are probed against the emulator, in deploy-moto.test.ts.
describe('entry code never sees the caller’s secrets', () => {
  const root = fixture('deploy');
  const work = mkdtempSync(join(tmpdir(), 'oar-env-probe-'));
  const probe = join(work, 'probe.json');
  let restore: () => void = () => undefined;
  beforeAll(() => {
    restore = withEnv({ ...SECRETS, OAR_PROBE_FILE: probe });
  });
  afterAll(() => {
    restore();
    rmSync(work, { recursive: true, force: true });
  });

  it('oar synth', { timeout: 60_000 }, async () => {
    const run = await runOar(['--root', root, 'synth', 'env-probe']);
    expect(run.code, run.stderr).toBe(0);
    expectNoSecrets(probe);
  });

  it('oar check', { timeout: 60_000 }, async () => {
    const run = await runOar(['--root', root, 'check', 'env-probe']);
    expect(run.code, run.stdout).toBe(0);
    expectNoSecrets(probe);
  });

  it('oar propose, which checks the entry before it reads the token', { timeout: 60_000 }, async () => {
    // The dry run may stop later (on changes outside the entry in this repository); the check ran first.
    await runOar(['--root', root, 'propose', 'env-probe', '--upstream', 'oar/registry', '--dry-run']);
    expectNoSecrets(probe);
  });
});

it(
  'the oar process itself loads neither the stack nor aws-cdk-lib: only its synth worker does',
  { timeout: 60_000 },
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'oar-modules-'));
    const log = join(dir, 'modules.txt');
    try {
      const run = spawnSync(
        process.execPath,
        [
          '--import',
          join(REPO_ROOT, 'test/helpers/record-modules.mjs'),
          join(REPO_ROOT, 'scripts/oar.mjs'),
          '--root',
          fixture('deploy'),
          'synth',
          'env-probe',
        ],
        // The worker inherits OAR_MODULE_LOG but not --import, so the log holds the parent's modules only.
        { encoding: 'utf8', env: { ...process.env, OAR_MODULE_LOG: log } },
      );
      expect(run.status, run.stderr).toBe(0);
      const modules = readFileSync(log, 'utf8');
      expect(modules).toContain('/generators/synth/synth-pool.ts');
      expect(modules).not.toMatch(
        /\/node_modules\/(aws-cdk-lib|constructs|cdk-nag)\/|\/architectures\/env-probe\/cdk\//u,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

it(
  'what a stack writes to the terminal never reaches it: a crash is reported in printable text',
  { timeout: 60_000 },
  () => {
    const cat = tempCatalogue('valid');
    try {
      const stack = join(cat.root, 'architectures/tiny-web/cdk/stack.ts');
      mkdirSync(join(stack, '..'), { recursive: true });
      // OSC 52 writes the clipboard; ESC [2J clears the screen.
      writeFileSync(
        stack,
        "process.stderr.write('\\x1b]52;c;cHduZWQ=\\x07');\nconsole.error('\\x1b[2Jgone');\nprocess.exit(3);\n",
      );
      const run = spawnSync(
        process.execPath,
        [join(REPO_ROOT, 'scripts/oar.mjs'), '--root', cat.root, 'synth', 'tiny-web'],
        {
          encoding: 'utf8',
        },
      );
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(
        'error OAR306: synthesizing tiny-web stopped its synth worker, which exited with code 3 (its last words: ?]52;c;cHduZWQ=??[2Jgone)',
      );
      expect(run.stderr).not.toMatch(/\p{Cc}(?<![\n])/u);
    } finally {
      cat.dispose();
    }
  },
);

it(
  'a stack that never finishes fails its entry after OAR_SYNTH_TIMEOUT, and the next entry gets a new worker',
  { timeout: 60_000 },
  async () => {
    const cat = tempCatalogue('valid');
    const restore = withEnv({ OAR_SYNTH_TIMEOUT: '3' });
    try {
      const write = (id: string, code: string) => {
        mkdirSync(join(cat.root, 'architectures', id, 'cdk'), { recursive: true });
        writeFileSync(join(cat.root, 'architectures', id, 'cdk/stack.ts'), code);
      };
      write('tiny-web', 'while (true) {}\n');
      write('tiny-web-fork', 'export default 42;\n');
      const entries = openCatalogue(cat.root).entries;
      const replies = await synthAll(
        entries.map((e) => synthRequestFor(cat.root, e)),
        1,
      );
      expect(replies.map((r) => ('error' in r ? r.error : r.id))).toEqual([
        {
          code: 'OAR306',
          message:
            'synthesizing tiny-web did not finish in 3 s (an endless loop in the stack?), so its synth worker was stopped',
        },
        {
          code: 'OAR306',
          message: expect.stringContaining('must default-export a class that extends Stack') as unknown,
          diagnostic: {
            code: 'OAR306',
            severity: 'error',
            file: 'architectures/tiny-web-fork/cdk/stack.ts',
            message: expect.stringMatching(/^the file must default-export a class that extends Stack/u) as unknown,
          },
        },
      ]);
    } finally {
      restore();
      cat.dispose();
    }
  },
);
