import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { synthRequestFor } from '../../generators/cdk/request.ts';
import { synthEntry } from '../../generators/cdk/synth-entry.ts';
import { openCatalogue } from '../../lib/catalogue.ts';
import {
  MOTO_CFN_TYPES,
  motoSupportedTypes,
  requireEmulator,
  startMoto,
  useEmulatorEnv,
  type Moto,
} from '../helpers/moto.ts';
import { runOar } from '../helpers/run-cli.ts';
import { REPO_ROOT } from '../helpers/synth-entry.ts';
import { fixture } from '../helpers/temp-catalogue.ts';

const run = requireEmulator('oar deploy and destroy against moto');

/** Each catalogue entry with the resource types moto would silently skip. */
async function classify(): Promise<{ id: string; unsupported: string[] }[]> {
  const supported = motoSupportedTypes();
  const catalogue = openCatalogue(REPO_ROOT);
  const plan = [];
  for (const entry of catalogue.entries) {
    const request = synthRequestFor(REPO_ROOT, entry, [], { env: 'classify' });
    const { template } = await synthEntry({ ...request, nag: false, cfnValidation: false });
    const types = new Set(Object.values(template.Resources ?? {}).map((r) => r.Type));
    plan.push({ id: entry.id, unsupported: [...types].filter((t) => !supported.has(t)).sort() });
  }
  return plan;
}

/** The tags CloudFormation holds for a stack (it copies them to the stack's resources). */
async function stackTags(endpoint: string, stackName: string): Promise<Map<string, string>> {
  const body = new URLSearchParams({ Action: 'DescribeStacks', Version: '2010-05-15', StackName: stackName });
  const xml = await (
    await fetch(endpoint, {
      method: 'POST',
      body,
      headers: { Authorization: 'AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/cloudformation/aws4_request' },
    })
  ).text();
  return new Map(
    [...xml.matchAll(/<Key>([^<]*)<\/Key>\s*<Value>([^<]*)<\/Value>/gu)].map((m) => [m[1] ?? '', m[2] ?? '']),
  );
}

const plan = run ? await classify() : [];
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

  test("the entry tests' static list of moto types is still what this moto creates", () => {
    const live = motoSupportedTypes();
    expect([...MOTO_CFN_TYPES].filter((t) => !live.has(t))).toEqual([]);
  });

  test('entries moto cannot fully emulate are reported as synth-only, never deployed', () => {
    for (const p of plan.filter((x) => x.unsupported.length > 0)) {
      console.warn(`synth-only under moto: ${p.id} (moto skips ${p.unsupported.join(', ')})`);
    }
    console.warn(`fully emulated under moto: ${emulated.join(', ')}`);
    expect(emulated.length).toBeGreaterThanOrEqual(2);
  });

  test.each(emulated)(
    '%s: deploy, outputs, tags, redeploy without changes, destroy',
    { timeout: 300_000 },
    async (id) => {
      const args = ['deploy', id, '--env', ENV, '--yes', '--method', 'direct', '--no-smoke-tests', '--json'];
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
        ['deploy', 'broken-subnet', '--env', ENV, '--yes', '--method', 'direct', '--no-smoke-tests'],
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
