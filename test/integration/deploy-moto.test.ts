import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { deployEntry } from '../../generators/deploy/deploy-entry.ts';
import { lendSynthPool } from '../../generators/synth/synth-pool.ts';
import { openCatalogue } from '../../lib/catalogue.ts';
import { runProblems, type EmulatorRun } from '../../lib/report/emulator-report.ts';
import { verifyOnEmulator } from '../deploy/cycle.ts';
import { SharedEmulator } from '../deploy/shared-emulator.ts';
import { writeEmulatorReport } from '../deploy/write-report.ts';
import {
  cfnQuery,
  listStacks,
  MOTO_CFN_TYPES,
  motoSupportedTypes,
  requireEmulator,
  startMoto,
  useEmulatorEnv,
  type Moto,
} from '../helpers/moto.ts';
import { answeringNo } from '../helpers/deploy-ui.ts';
import { selectedEntries } from '../helpers/entry-selection.ts';
import { expectNoSecrets, SECRETS } from '../helpers/env-probe.ts';
import { runOar } from '../helpers/run-cli.ts';
import { REPO_ROOT, synth } from '../helpers/synth-entry.ts';
import { fixture } from '../helpers/temp-catalogue.ts';
import { withEnv } from '../helpers/with-env.ts';

const run = requireEmulator('oar deploy and destroy against moto');

const ENV = 'e2e';
const entries = run ? selectedEntries(openCatalogue(REPO_ROOT).entries) : [];
const runs: EmulatorRun[] = [];

describe.skipIf(!run)('deploys against the moto emulator', () => {
  let moto: Moto | undefined;
  let restore: (() => void) | undefined;
  beforeAll(async () => {
    moto = await startMoto();
    restore = useEmulatorEnv(moto.endpoint);
  });
  afterAll(() => {
    restore?.();
    moto?.stop();
    if (runs.length > 0) writeEmulatorReport(REPO_ROOT, runs);
  });

  // These run first, on an emptied emulator: nothing is bootstrapped yet.
  describe('before the account is bootstrapped', () => {
    const root = fixture('deploy');
    const probe = join(mkdtempSync(join(tmpdir(), 'oar-deploy-probe-')), 'probe.json');
    const secrets = { GITHUB_TOKEN: SECRETS['GITHUB_TOKEN'] ?? '', NPM_TOKEN: SECRETS['NPM_TOKEN'] ?? '' };
    let restoreEnv: () => void = () => undefined;
    beforeAll(async () => {
      await moto?.reset();
      restoreEnv = withEnv({ ...secrets, OAR_PROBE_FILE: probe });
    });
    afterAll(() => {
      restoreEnv();
    });
    /** The stack code saw neither the secrets nor the emulator's AWS credentials. */
    const expectScrubbed = () => {
      const seen = JSON.parse(readFileSync(probe, 'utf8')) as { env: Record<string, string> };
      expect(Object.keys(seen.env).filter((k) => k.startsWith('AWS_'))).toEqual([]);
      expectNoSecrets(probe, secrets);
    };

    test(
      'the diff says what bootstrapping creates, and answering no changes nothing',
      { timeout: 120_000 },
      async () => {
        const entry = openCatalogue(root).byId.get('env-probe');
        if (!entry) throw new Error('the deploy fixture has no env-probe entry');
        const { ui, lines, questions } = answeringNo();
        const req = { env: ENV, params: [], yes: false, method: 'direct' as const, smokeTests: false };
        expect(await deployEntry(root, entry, req, ui)).toBeUndefined();
        const said = lines.join('\n');
        expect(said).toContain('[+] AWS::SSM::Parameter Param');
        expect(said).toMatch(
          /bootstrap: this account and region \(us-east-1\) are not bootstrapped for the CDK: deploying will first create the CDKToolkit stack: an S3 bucket and an ECR repository for assets, and IAM roles .*; the CloudFormation execution role gets arn:aws:iam::aws:policy\/AdministratorAccess/u,
        );
        expect(said).not.toMatch(/^error/mu);
        expect(questions).toEqual([`bootstrap us-east-1, then deploy oar-env-probe--${ENV}?`]);
        expect(lines.at(-1)).toBe('not deployed; nothing was changed');
        expect(await listStacks(moto?.endpoint ?? '')).toEqual([]);
        expectScrubbed();
      },
    );

    test('--yes without --bootstrap is refused before anything changes', { timeout: 120_000 }, async () => {
      const run = await runOar(['--root', root, 'deploy', 'env-probe', '--env', ENV, '--yes', '--method', 'direct']);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/error OAR316: this account and region \(us-east-1\) are not bootstrapped/u);
      expect(run.stderr).toContain('add --bootstrap');
      expect(await listStacks(moto?.endpoint ?? '')).toEqual([]);
      expectScrubbed();
    });

    test(
      '--bootstrap with --execution-policy bootstraps with that policy, deploys, and prints CDK warnings as warnings',
      { timeout: 120_000 },
      async () => {
        const policy = 'arn:aws:iam::aws:policy/AmazonSSMFullAccess';
        const args = ['--root', root, ...`deploy env-probe --env ${ENV} --yes --bootstrap --method direct`.split(' ')];
        const run = await runOar([...args, '--execution-policy', policy, '--no-smoke-tests']);
        expect(run.code, run.stderr).toBe(0);
        expect(run.stderr).toMatch(
          /^warning: a warning from the env-probe fixture \(oar:probe-warning\) at oar-env-probe--e2e\/Param$/mu,
        );
        expect(run.stderr).not.toMatch(/^error/mu);
        const toolkit = await cfnQuery(moto?.endpoint ?? '', 'DescribeStacks', { StackName: 'CDKToolkit' });
        expect(toolkit).toMatch(
          new RegExp(
            `<ParameterKey>CloudFormationExecutionPolicies</ParameterKey>\\s*<ParameterValue>[^<]*${policy}[^<]*</ParameterValue>`,
            'u',
          ),
        );
        expectScrubbed();
        const again = await runOar([...args, '--execution-policy', policy, '--no-smoke-tests']);
        expect(again.code, again.stderr).toBe(0);
        expect(again.stderr).toContain('so --execution-policy changes nothing');
        rmSync(probe, { force: true });
        const destroyed = await runOar(['--root', root, 'destroy', 'env-probe', '--env', ENV, '--yes']);
        expect(destroyed.code, destroyed.stderr).toBe(0);
        expectScrubbed();
      },
    );
  });

  test("the entry tests' static list of emulated types is what the emulator creates", () => {
    expect([...motoSupportedTypes()].sort()).toEqual([...MOTO_CFN_TYPES].sort());
  });

  // Entry after entry in this process, on one emulator they share (a fresh one after an entry that failed), each alone
  // on it from its baseline to its last inventory; synthesized on the project's warm workers
  // (docs/decisions/emulator.md).
  describe('every entry', () => {
    let giveBack: () => void = () => undefined;
    const emulator = new SharedEmulator(REPO_ROOT);
    beforeAll(() => {
      giveBack = lendSynthPool(synth);
    });
    afterAll(() => {
      giveBack();
      emulator.close();
    });

    test.each(entries.map((e) => e.id))(
      '%s: deploys whole, reads back, redeploys as a no-op, destroys leaving nothing',
      { timeout: 300_000 },
      async (id) => {
        const entry = openCatalogue(REPO_ROOT).byId.get(id);
        if (!entry) throw new Error(`no entry ${id}`);
        const result = await verifyOnEmulator(REPO_ROOT, entry, ENV, emulator);
        runs.push(result);
        expect(runProblems(result), `${id} on the emulator (its log: ${emulator.logFile(id)})`).toEqual([]);
        expect(result.status).toBe('verified');
      },
    );
  });

  test(
    'a failed deploy names the resource that failed, and the stack can be destroyed',
    { timeout: 120_000 },
    async () => {
      const root = fixture('deploy');
      const failed = await runOar(
        ['deploy', 'broken-subnet', '--env', ENV, '--yes', '--bootstrap', '--method', 'direct', '--no-smoke-tests'],
        root,
      );
      expect(failed.code).toBe(1);
      expect(failed.stderr).toMatch(/error OAR312: deploying oar-broken-subnet--e2e failed: .*192\.168\.0\.0\/24/u);
      expect(failed.stderr).toMatch(/BadSubnet \(AWS::EC2::Subnet\)/u);
      const destroyed = await runOar(['destroy', 'broken-subnet', '--env', ENV, '--yes'], root);
      expect(destroyed.code).toBe(0);
    },
  );

  test('without --yes a non-interactive deploy is refused before anything is synthesized', async () => {
    const refused = await runOar(['deploy', 'private-admin-ssm', '--env', ENV], REPO_ROOT);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error OAR311: refusing to deploy without confirmation');
  });
});
