import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runOar } from '../helpers/run-cli.ts';
import { fixture } from '../helpers/temp-catalogue.ts';

// A fixture whose stack makes a role and a parameter holding the S3 URL of a file asset (unless withAsset=false).
const root = fixture('portable');
afterAll(() => {
  rmSync(join(root, 'cdk.out'), { recursive: true, force: true });
});

const template = () =>
  JSON.parse(readFileSync(join(root, 'cdk.out/file-asset/oar-file-asset.template.json'), 'utf8')) as {
    Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  };

describe('oar synth --portable', () => {
  it(
    'refuses a template with a file asset: OAR335 at the line that uses it, saying what and how to fix it',
    { timeout: 60_000 },
    async () => {
      const run = await runOar(['--root', root, 'synth', 'file-asset', '--portable']);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /^error OAR335: architectures\/file-asset\/cdk\/stack\.ts:15:\d+: file-asset is not portable: its template needs the file asset Hello \([0-9a-f]{12}…\), which only oar deploy publishes/mu,
      );
      expect(run.stderr).toContain('the resource Param');
      expect(run.stderr).toContain('Choose parameters that need no asset');
    },
  );

  it('passes when the parameters need no asset', { timeout: 60_000 }, async () => {
    const run = await runOar(['--root', root, 'synth', 'file-asset', '--portable', '--param', 'withAsset=false']);
    expect(run.code, run.stderr).toBe(0);
  });

  it('without --portable, synth writes the template with its asset as before', { timeout: 60_000 }, async () => {
    const run = await runOar(['--root', root, 'synth', 'file-asset']);
    expect(run.code, run.stderr).toBe(0);
  });
});

describe('oar synth --permissions-boundary', () => {
  it(
    'puts every role under the named policy, in the account the template is deployed to',
    { timeout: 60_000 },
    async () => {
      const run = await runOar([
        '--root',
        root,
        'synth',
        'file-asset',
        '--param',
        'withAsset=false',
        '--permissions-boundary',
        'oar-product-boundary',
      ]);
      expect(run.code, run.stderr).toBe(0);
      const roles = Object.values(template().Resources).filter((r) => r.Type === 'AWS::IAM::Role');
      expect(roles).toHaveLength(1);
      expect(roles[0]?.Properties?.['PermissionsBoundary']).toEqual({
        'Fn::Join': [
          '',
          ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':policy/oar-product-boundary'],
        ],
      });
    },
  );

  it('refuses what is not a policy name, before any entry code runs', async () => {
    const run = await runOar([
      '--root',
      root,
      'synth',
      'file-asset',
      '--permissions-boundary',
      'arn:aws:iam::1:policy/x',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error OAR303: --permissions-boundary takes the name of a customer managed policy/u);
  });
});
