import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IoMessage } from '@aws-cdk/toolkit-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { describeStateful, statefulResources } from '../../generators/synth/stateful.ts';
import type { CfnTemplate } from '../../generators/synth/template.ts';
import { checkAssemblyAssets } from '../../generators/deploy/assembly-assets.ts';
import { bootstrapNeed, bootstrapPlan, checkExecutionPolicies } from '../../generators/deploy/bootstrap.ts';
import { OarIoHost } from '../../generators/deploy/io-host.ts';

const work = mkdtempSync(join(tmpdir(), 'oar-deploy-safety-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('toolkit-lib messages', () => {
  /** The validation report toolkit-lib sends while it opens an assembly: one message at error level. */
  const report = (severity: string): IoMessage<unknown> => ({
    time: new Date(),
    level: 'error',
    action: 'deploy',
    code: 'CDK_TOOLKIT_E9600',
    message: `${severity.toUpperCase()} a finding (Construct Annotations)`,
    data: {
      conclusion: severity === 'error' ? 'failure' : 'success',
      pluginReports: [
        {
          pluginName: 'Construct Annotations',
          conclusion: 'success',
          violations: [
            {
              ruleName: 'oar:probe',
              description: 'a finding',
              severity,
              violatingConstructs: [{ constructPath: 'Stack/Param' }],
            },
          ],
        },
      ],
    },
  });

  it.each([
    ['warning', 'warning: a finding (oar:probe) at Stack/Param'],
    ['error', 'error: a finding (oar:probe) at Stack/Param'],
  ])('prints a CDK annotation of severity %s as "%s"', async (severity, line) => {
    const lines: string[] = [];
    await new OarIoHost((l) => lines.push(l)).notify(report(severity));
    expect(lines).toEqual([line]);
  });
});

describe('the data a destroy deletes', () => {
  const template: CfnTemplate = {
    Resources: {
      Table: { Type: 'AWS::DynamoDB::Table', DeletionPolicy: 'Delete' },
      KeptTable: { Type: 'AWS::DynamoDB::Table', DeletionPolicy: 'Retain' },
      Key: { Type: 'AWS::KMS::Key', Properties: { PendingWindowInDays: 7 } },
      Db: { Type: 'AWS::RDS::DBCluster' },
      Member: { Type: 'AWS::RDS::DBInstance', Properties: { DBClusterIdentifier: { Ref: 'Db' } } },
      Queue: { Type: 'AWS::SQS::Queue', DeletionPolicy: 'Delete' },
      Role: { Type: 'AWS::IAM::Role' },
    },
  };

  it('lists stateful resources deleted or snapshotted, with what is lost, and leaves out retained and stateless ones', () => {
    expect(describeStateful(statefulResources(template))).toEqual([
      '  Table (AWS::DynamoDB::Table): deleted with its items',
      '  Key (AWS::KMS::Key): deleted with the key, after a pending window of 7 days; data still encrypted with it becomes unreadable',
      '  Db (AWS::RDS::DBCluster): a final snapshot is kept, then it is deleted with its databases',
      '  Member (AWS::RDS::DBInstance): deleted with its databases',
      '  Queue (AWS::SQS::Queue): deleted with the messages in it',
    ]);
  });
});

describe('bootstrap', () => {
  it.each([
    'AdministratorAccess',
    'arn:aws:iam::aws:policy/',
    'arn:aws:iam::12345:policy/x',
    'arn:aws:s3:::bucket',
    'arn:aws:iam::aws:policy/Admin\nAccess',
    'arn:aws:iam::aws:policy/a,arn:aws:iam::aws:policy/b',
  ])('refuses --execution-policy %j (OAR317)', (policy) => {
    expect(() => checkExecutionPolicies([policy])).toThrow(/OAR317|is not an IAM managed policy ARN/u);
  });

  it('accepts AWS managed and customer managed policy ARNs, with paths and other partitions', () => {
    const policies = [
      'arn:aws:iam::aws:policy/PowerUserAccess',
      'arn:aws:iam::123456789012:policy/teams/deploy-queue-workers',
      'arn:aws-cn:iam::aws:policy/AmazonSQSFullAccess',
    ];
    expect(checkExecutionPolicies(policies)).toEqual(policies);
  });

  it('says nothing when the deployed version is enough, and what it creates or updates otherwise', () => {
    const need = { version: 6, parameter: '/cdk-bootstrap/hnb659fds/version' };
    expect(bootstrapPlan({ region: 'eu-west-1', version: 6 }, need, [])).toBeUndefined();
    expect(bootstrapPlan({ region: 'eu-west-1', unreadable: 'AccessDenied' }, need, [])).toBeUndefined();
    expect(bootstrapPlan({ region: 'eu-west-1' }, need, [])).toMatch(
      /^this account and region \(eu-west-1\) are not bootstrapped .* the CloudFormation execution role gets arn:aws:iam::aws:policy\/AdministratorAccess$/u,
    );
    expect(bootstrapPlan({ region: 'cn-north-1', version: 5 }, need, [])).toMatch(
      /^the CDKToolkit stack in cn-north-1 is at bootstrap version 5, and this stack needs 6 or later: .*arn:aws-cn:iam::aws:policy\/AdministratorAccess\)$/u,
    );
    expect(bootstrapPlan({ region: 'eu-west-1' }, need, ['arn:aws:iam::1:policy/a'])).toMatch(
      /gets arn:aws:iam::1:policy\/a$/u,
    );
  });

  it("reads the needed version and its parameter from the stack's artifact, and ignores a strange parameter name", () => {
    const dir = join(work, 'need');
    mkdirSync(dir);
    const manifest = (parameter: string) => ({
      artifacts: {
        'oar-x--e2e': {
          properties: { requiresBootstrapStackVersion: 8, bootstrapStackVersionSsmParameter: parameter },
        },
      },
    });
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest('/cdk-bootstrap/custom/version')));
    expect(bootstrapNeed(dir, 'oar-x--e2e')).toEqual({ version: 8, parameter: '/cdk-bootstrap/custom/version' });
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest('x\n; rm')));
    expect(bootstrapNeed(dir, 'oar-x--e2e').parameter).toBe('/cdk-bootstrap/hnb659fds/version');
  });
});

describe('the assets of a cloud assembly an entry wrote', () => {
  let n = 0;
  const assembly = (assets: unknown): string => {
    const dir = join(work, `assembly-${++n}`);
    mkdirSync(join(dir, 'asset.abc'), { recursive: true });
    writeFileSync(join(dir, 'stack.template.json'), '{}');
    writeFileSync(join(dir, 'stack.assets.json'), JSON.stringify(assets));
    return dir;
  };

  it('accepts files and folders staged inside the assembly', () => {
    const dir = assembly({
      files: { t: { source: { path: 'stack.template.json' } }, a: { source: { path: 'asset.abc', packaging: 'zip' } } },
    });
    expect(() => {
      checkAssemblyAssets(dir, 'stack');
    }).not.toThrow();
  });

  it.each([
    [
      'a command',
      { files: { x: { source: { executable: ['sh', '-c', 'env > /tmp/leak'] } } } },
      /asks to run a command/u,
    ],
    [
      'a path outside',
      { files: { x: { source: { path: '../../../home/user/.aws/credentials' } } } },
      /outside the assembly/u,
    ],
    ['an absolute path', { files: { x: { source: { path: '/etc/passwd' } } } }, /outside the assembly/u],
    ['a container image', { dockerImages: { i: { source: { directory: 'asset.abc' } } } }, /container image asset i/u],
  ])('refuses an asset with %s (OAR318)', (_what, assets, why) => {
    const dir = assembly(assets);
    expect(() => {
      checkAssemblyAssets(dir, 'stack');
    }).toThrow(why);
  });
});
