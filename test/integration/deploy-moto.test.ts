import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { deployEntry } from '../../generators/deploy/deploy-entry.ts';
import { openCatalogue } from '../../lib/catalogue.ts';
import { readTemplateSnapshot } from '../../lib/load/entry-snapshots.ts';
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
import { coversEverything, selectedEntries } from '../helpers/entry-selection.ts';
import { expectNoSecrets, SECRETS } from '../helpers/env-probe.ts';
import { runOar } from '../helpers/run-cli.ts';
import { REPO_ROOT } from '../helpers/synth-entry.ts';
import { fixture } from '../helpers/temp-catalogue.ts';
import { withEnv } from '../helpers/with-env.ts';

const run = requireEmulator('oar deploy and destroy against moto');

/**
 * Each entry this run covers (OAR_ENTRIES, OAR_SHARD) with the resource types this moto would silently skip,
 * read from its template snapshot, which test/entries.test.ts keeps equal to its synth: no synth here.
 */
function classify(): { id: string; unsupported: string[] }[] {
  const supported = motoSupportedTypes();
  return selectedEntries(openCatalogue(REPO_ROOT).entries).map((entry) => {
    const snapshot = readTemplateSnapshot(REPO_ROOT, entry.dir);
    if (snapshot === undefined) throw new Error(`${entry.dir} has no template snapshot; run test/entries.test.ts`);
    const { Resources = {} } = JSON.parse(snapshot) as { Resources?: Record<string, { Type: string }> };
    const types = new Set(Object.values(Resources).map((r) => r.Type));
    return { id: entry.id, unsupported: [...types].filter((t) => !supported.has(t)).sort() };
  });
}

/** The tags CloudFormation holds for a stack (it copies them to the stack's resources). */
async function stackTags(endpoint: string, stackName: string): Promise<Map<string, string>> {
  const xml = await cfnQuery(endpoint, 'DescribeStacks', { StackName: stackName });
  return new Map(
    [...xml.matchAll(/<Key>([^<]*)<\/Key>\s*<Value>([^<]*)<\/Value>/gu)].map((m) => [m[1] ?? '', m[2] ?? '']),
  );
}

const plan = run ? classify() : [];
const emulated = plan.filter((p) => p.unsupported.length === 0).map((p) => p.id);
const ENV = 'e2e';

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

  test("the entry tests' static list of moto types is still what this moto creates", () => {
    const live = motoSupportedTypes();
    expect([...MOTO_CFN_TYPES].filter((t) => !live.has(t))).toEqual([]);
  });

  test('entries moto cannot fully emulate are reported as synth-only, never deployed', () => {
    for (const p of plan.filter((x) => x.unsupported.length > 0)) {
      console.warn(`synth-only under moto: ${p.id} (moto skips ${p.unsupported.join(', ')})`);
    }
    console.warn(`fully emulated under moto: ${emulated.join(', ')}`);
    // The catalogue keeps at least two entries the emulator deploys whole; one CI shard may hold none.
    expect(emulated.length).toBeGreaterThanOrEqual(coversEverything() ? 2 : 0);
  });

  // Concurrently: a deploy mostly waits on the emulator, and each entry is its own stack.
  test.concurrent.each(emulated)(
    '%s: deploy, outputs, tags, redeploy without changes, destroy',
    { timeout: 300_000 },
    async (id) => {
      const args = [
        'deploy',
        id,
        ...`--env ${ENV} --yes --bootstrap --method direct --no-smoke-tests --json`.split(' '),
      ];
      const first = await runOar(args, REPO_ROOT);
      expect(first.stderr).not.toMatch(/error/iu);
      expect(first.code).toBe(0);
      const deployed = JSON.parse(first.stdout) as { stackName: string; outputs: Record<string, string> };
      expect(deployed.stackName).toBe(`oar-${id}--${ENV}`);
      const declared = (openCatalogue(REPO_ROOT).byId.get(id)?.meta.outputs ?? []).map((o) => o.name);
      expect(Object.keys(deployed.outputs).sort()).toEqual([...declared].sort());

      const tags = await stackTags(moto?.endpoint ?? '', deployed.stackName);
      expect(tags.get('oar:entry')).toBe(id);
      expect(tags.get('oar:env')).toBe(ENV);
      expect(tags.get('oar:version')).toMatch(/^\d+\.\d+\.\d+/u);
      expect(tags.get('oar:commit')).toMatch(/^([0-9a-f]{12}(-dirty)?|unknown)$/u);

      const again = await runOar(args, REPO_ROOT);
      expect(again.code).toBe(0);
      expect((JSON.parse(again.stdout) as { outputs: Record<string, string> }).outputs).toEqual(deployed.outputs);

      const destroyed = await runOar(['destroy', id, '--env', ENV, '--yes', '--json'], REPO_ROOT);
      expect(destroyed.code).toBe(0);
      expect(JSON.parse(destroyed.stdout)).toMatchObject({ stackName: deployed.stackName, existed: true });
      const gone = await runOar(['destroy', id, '--env', ENV, '--yes', '--json'], REPO_ROOT);
      expect(JSON.parse(gone.stdout)).toMatchObject({ existed: false });
    },
  );

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
    const refused = await runOar(['deploy', emulated[0] ?? 'private-admin-ssm', '--env', ENV], REPO_ROOT);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error OAR311: refusing to deploy without confirmation');
  });
});
