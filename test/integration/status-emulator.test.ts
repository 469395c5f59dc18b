import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CloudFormationClient, CreateStackCommand, DeleteStackCommand } from '@aws-sdk/client-cloudformation';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freePort, requireEmulator, startMoto, useEmulatorEnv, type Moto } from '../helpers/moto.ts';
import { runOar } from '../helpers/run-cli.ts';
import { fixture, runnableCatalogue } from '../helpers/temp-catalogue.ts';
import { withEnv } from '../helpers/with-env.ts';

const run = requireEmulator('oar status against the emulator');
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The catalogue after env-probe 1.0.0 was deployed: env-probe is at 1.1.0 and publishes three advisories. */
const STATUS = fixture('status');
const ENV = 'status';
const STACK = `oar-env-probe--${ENV}`;
/** A stack whose entry the catalogue no longer has. */
const RETIRED = 'oar-retired-entry--old';

/** No AWS configuration from the machine running the tests, and no instance metadata to wait for. */
function isolatedAws(dir: string, vars: Record<string, string | undefined>): () => void {
  const none = join(dir, 'none');
  writeFileSync(none, '');
  return withEnv({
    AWS_CONFIG_FILE: none,
    AWS_SHARED_CREDENTIALS_FILE: none,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PROFILE: undefined,
    AWS_ENDPOINT_URL: undefined,
    AWS_ENDPOINT_URL_CLOUDFORMATION: undefined,
    ...vars,
  });
}

// These need no emulator: what the command says when nothing answers, or no credentials or region are found.
describe('oar status when the stacks cannot be listed (OAR342)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oar-status-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  test('an endpoint that does not answer: the refusal quoted, quickly, no stack trace', async () => {
    const port = await freePort();
    const endpoint = `http://127.0.0.1:${String(port)}`;
    const restore = isolatedAws(dir, {
      AWS_ENDPOINT_URL_CLOUDFORMATION: endpoint,
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_REGION: 'us-east-1',
    });
    const started = Date.now();
    try {
      const said = await runOar(['--root', STATUS, 'status']);
      expect(said.code).toBe(1);
      expect(said.stdout).toBe('');
      expect(said.stderr).toBe(
        `error OAR342: could not list the CloudFormation stacks in us-east-1 at ${endpoint}: connect ECONNREFUSED 127.0.0.1:${String(port)}; check the credentials (--profile, AWS_PROFILE or AWS_ACCESS_KEY_ID; they need cloudformation:DescribeStacks), the region (--region or AWS_REGION) and the endpoint (AWS_ENDPOINT_URL_CLOUDFORMATION or AWS_ENDPOINT_URL)`,
      );
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      restore();
    }
  });

  test('a profile that does not exist: named, with what the SDK said', async () => {
    const restore = isolatedAws(dir, { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined });
    try {
      const said = await runOar(['--root', STATUS, 'status', '--profile', 'nope', '--region', 'eu-west-1']);
      expect(said.code).toBe(1);
      expect(said.stderr).toMatch(
        /^error OAR342: could not list the CloudFormation stacks in eu-west-1 with profile "nope": CredentialsProviderError: Could not load credentials from any providers; check the credentials/u,
      );
    } finally {
      restore();
    }
  });

  test('no region anywhere', async () => {
    const restore = isolatedAws(dir, { AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined });
    try {
      const said = await runOar(['--root', STATUS, 'status', '--json']);
      expect([said.code, said.stdout, said.stderr]).toEqual([
        1,
        '',
        'error OAR342: could not list the CloudFormation stacks: no AWS region is set (Region is missing); pass --region, or set AWS_REGION or a region in the profile',
      ]);
    } finally {
      restore();
    }
  });

  test('as a process, it loads the CloudFormation client and never the CDK', async () => {
    const log = join(dir, 'modules.txt');
    const port = String(await freePort());
    const r = spawnSync(
      process.execPath,
      ['--import', join(REPO_ROOT, 'test/helpers/record-modules.mjs'), join(REPO_ROOT, 'scripts/oar.mjs'), 'status'],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env: {
          ...process.env,
          OAR_MODULE_LOG: log,
          AWS_ENDPOINT_URL_CLOUDFORMATION: `http://127.0.0.1:${port}`,
          AWS_ACCESS_KEY_ID: 'testing',
          AWS_SECRET_ACCESS_KEY: 'testing',
          AWS_REGION: 'us-east-1',
        },
      },
    );
    expect(r.stderr).toMatch(/^error OAR342: /u);
    expect(r.status).toBe(1);
    const modules = readFileSync(log, 'utf8');
    expect(modules).toContain('/node_modules/@aws-sdk/client-cloudformation/');
    expect(modules).not.toMatch(/\/node_modules\/(aws-cdk-lib|@aws-cdk\/toolkit-lib|constructs|astro)\//u);
  });
});

describe.skipIf(!run)('oar status against the emulator', () => {
  let deployed: { root: string; dispose: () => void } | undefined;
  let moto: Moto | undefined;
  let restore: () => void = () => undefined;
  let cfn: CloudFormationClient | undefined;
  const oar = (args: readonly string[]) => runOar(['--root', STATUS, 'status', ...args]);

  beforeAll(async () => {
    moto = await startMoto();
    // What the cdk CLI would otherwise look up or send, and no AWS setting of the machine running the tests.
    const restoreQuiet = withEnv({
      CDK_DISABLE_CLI_TELEMETRY: 'true',
      CDK_DISABLE_VERSION_CHECK: 'true',
      AWS_ENDPOINT_URL_CLOUDFORMATION: undefined,
      AWS_PROFILE: undefined,
    });
    const restoreAws = useEmulatorEnv(moto.endpoint);
    restore = () => {
      restoreAws();
      restoreQuiet();
    };
    // env-probe 1.0.0, deployed as oar deploy does it, from the catalogue as it was then.
    deployed = runnableCatalogue('deploy');
    const deploy = await runOar(
      ['deploy', 'env-probe', '--env', ENV, '--yes', '--bootstrap', '--method', 'direct', '--no-smoke-tests'],
      deployed.root,
    );
    expect(deploy.code, deploy.stderr).toBe(0);
    cfn = new CloudFormationClient({});
    const template = {
      Resources: { Param: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: 'x', Name: '/old' } } },
    };
    await cfn.send(
      new CreateStackCommand({
        StackName: RETIRED,
        TemplateBody: JSON.stringify(template),
        Tags: [
          { Key: 'oar:entry', Value: 'retired-entry' },
          { Key: 'oar:version', Value: '2.0.0' },
          { Key: 'oar:env', Value: 'old' },
        ],
      }),
    );
  }, 120_000);

  afterAll(async () => {
    await cfn?.send(new DeleteStackCommand({ StackName: RETIRED }));
    cfn?.destroy();
    restore();
    moto?.stop();
    deployed?.dispose();
  });

  test('lists each stack with its deployed and newest version and the advisories that apply, worst first', async () => {
    const said = await oar([]);
    expect(said.stderr).toBe('');
    expect(said.code).toBe(0);
    expect(said.stdout).toMatchSnapshot();
  });

  test('--json prints one stable document', async () => {
    const said = await oar(['--json']);
    expect(said.code).toBe(0);
    // The text itself, so the order of the keys is pinned too.
    expect(said.stdout).toMatchSnapshot();
  });

  test('--fail-on high exits 1 with OAR341 naming the advisory, after printing the report', async () => {
    const said = await oar(['--fail-on', 'high']);
    expect(said.code).toBe(1);
    expect(said.stdout).toContain('HIGH 2026-002-readable-parameter');
    expect(said.stderr).toBe(
      `error OAR341: 1 advisory at or above high applies to deployed stacks:\n  ${STACK}: env-probe/2026-002-readable-parameter (high)\nUpgrade each stack to the advisory's fixed version, or apply its mitigation, as oar status lists them`,
    );
  });

  test('--fail-on critical exits 0 when only a high and a low apply', async () => {
    const said = await oar(['--fail-on', 'critical', '--json']);
    expect([said.code, said.stderr]).toEqual([0, '']);
    expect(JSON.parse(said.stdout)).toMatchObject({ failOn: 'critical', stacks: [{ worst: 'high' }, { worst: null }] });
  });

  test('--region and --profile choose where to look, as the AWS CLI does', async () => {
    const other = await oar(['--region', 'eu-west-1']);
    expect([other.code, other.stdout]).toEqual([
      0,
      'no stack in eu-west-1 has an oar:entry tag (oar deploy tags every stack it creates)',
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'oar-status-profile-'));
    writeFileSync(join(dir, 'config'), '[profile emulator]\nregion = us-east-1\n');
    writeFileSync(
      join(dir, 'credentials'),
      '[emulator]\naws_access_key_id = testing\naws_secret_access_key = testing\n',
    );
    // Only the profile says where and as whom.
    const restoreProfile = withEnv({
      AWS_CONFIG_FILE: join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
      AWS_REGION: undefined,
      AWS_DEFAULT_REGION: undefined,
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
    });
    try {
      const said = await oar(['--profile', 'emulator', '--json']);
      expect(said.code, said.stderr).toBe(0);
      expect(JSON.parse(said.stdout)).toMatchObject({ region: 'us-east-1', stacks: [{ stackName: STACK }, {}] });
    } finally {
      restoreProfile();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('after oar destroy, the stack is gone from the list', async () => {
    const destroyed = await runOar(['destroy', 'env-probe', '--env', ENV, '--yes'], deployed?.root);
    expect(destroyed.code, destroyed.stderr).toBe(0);
    const said = await oar(['--json', '--fail-on', 'low']);
    expect(said.code).toBe(0);
    expect((JSON.parse(said.stdout) as { stacks: { stackName: string }[] }).stacks.map((s) => s.stackName)).toEqual([
      RETIRED,
    ]);
  });
});
