import { describe, expect, it } from 'vitest';
import { constructSites, entryFrame, siteOf } from '../../generators/synth/construct-sites.ts';
import type { EntryCheck } from '../../generators/check/check-entries.ts';
import { lintDiagnostic } from '../../generators/check/cfn-lint.ts';
import { formatCheckReport } from '../../generators/check/format-check.ts';

const dir = 'architectures/web';
// As CDK records it in the cloud assembly: library frames folded, the entry's frames as file URLs.
const metadata = {
  '/oar-web/Network/Vpc/Resource': [
    { type: 'aws:cdk:logicalId', data: 'NetworkVpc7FB7348F' },
    {
      type: 'aws:cdk:creationStack',
      data: [
        '...new Vpc in aws-cdk-lib...',
        'new Network (file:///home/u/oar/architectures/web/cdk/network.ts:12:17)',
        'new WebStack (file:///home/u/oar/architectures/web/cdk/stack.ts:20:5)',
      ],
    },
  ],
  '/oar-web/Network/Vpc/PublicSubnet1/Subnet': [
    { type: 'aws:cdk:logicalId', data: 'NetworkVpcPublicSubnet1Subnet' },
    { type: 'aws:cdk:creationStack', data: ['...aws-cdk-lib...', '(no user code in 10 frames)'] },
  ],
  '/oar-web/Queue': [
    { type: 'aws:cdk:logicalId', data: 'Queue' },
    { type: 'aws:cdk:creationStack', data: ['new WebStack (file:///home/u/oar/architectures/web/cdk/stack.ts:31:5)'] },
  ],
};
const sites = constructSites(metadata, dir);
const where = { metadataFile: `${dir}/architecture.yaml`, stackFile: `${dir}/cdk/stack.ts`, sites };

describe('where the entry code makes a construct', () => {
  it("takes the first frame in the entry's folder, as file:line:col relative to the catalogue", () => {
    expect(sites.byPath['oar-web/Network/Vpc/Resource']).toEqual({ file: `${dir}/cdk/network.ts`, line: 12, col: 17 });
    expect(sites.pathById).toEqual({
      NetworkVpc7FB7348F: 'oar-web/Network/Vpc/Resource',
      NetworkVpcPublicSubnet1Subnet: 'oar-web/Network/Vpc/PublicSubnet1/Subnet',
      Queue: 'oar-web/Queue',
    });
  });

  it("gives a construct a library made deep inside its nearest ancestor's line, and nothing outside the stack", () => {
    expect(siteOf(sites, 'oar-web/Network/Vpc/PublicSubnet1/Subnet')).toEqual(
      sites.byPath['oar-web/Network/Vpc/Resource'],
    );
    expect(siteOf(sites, 'oar-web/Elsewhere/Resource')).toBeUndefined();
  });

  it('takes no frame of another entry, nor one that climbs out with .. or holds control characters', () => {
    expect(entryFrame('at (/r/architectures/web-fork/cdk/stack.ts:1:1)', dir)).toBeUndefined();
    expect(entryFrame('at (/r/architectures/web/../../etc/passwd.ts:1:1)', dir)).toBeUndefined();
    expect(entryFrame('at (/r/architectures/web/cdk/a\u001b[2J.ts:1:1)', dir)).toBeUndefined();
    expect(entryFrame('Error: x\n    at new S (file:///r/architectures/web/cdk/stack.ts:9:13)', dir)).toEqual({
      file: `${dir}/cdk/stack.ts`,
      line: 9,
      col: 13,
    });
  });
});

describe('cfn-lint findings', () => {
  const match = (path: (string | number)[]) => ({
    Filename: '/x/oar-web.template.json',
    Level: 'Warning' as const,
    Message: 'dependency already enforced',
    Rule: { Id: 'W3005' },
    Location: { Path: path },
  });

  it('are OAR327 at the line that makes the resource, with its construct path', () => {
    expect(lintDiagnostic(match(['Resources', 'NetworkVpcPublicSubnet1Subnet', 'Properties']), where)).toEqual({
      code: 'OAR327',
      severity: 'warning',
      file: `${dir}/cdk/network.ts`,
      line: 12,
      col: 17,
      path: 'oar-web/Network/Vpc/PublicSubnet1/Subnet',
      message: 'W3005 at oar-web/Network/Vpc/PublicSubnet1/Subnet: dependency already enforced',
    });
  });

  it('about no resource, are at the stack file with the template path', () => {
    expect(lintDiagnostic(match(['Outputs', 'Url']), where)).toEqual({
      code: 'OAR327',
      severity: 'warning',
      file: `${dir}/cdk/stack.ts`,
      message: 'W3005 at Outputs/Url: dependency already enforced',
    });
  });
});

describe('the human check report', () => {
  const queueWarning = {
    Filename: 'f',
    Level: 'Warning' as const,
    Message: 'm',
    Rule: { Id: 'W1' },
    Location: { Path: ['Resources', 'Queue'] },
  };
  const failedChecks: EntryCheck = {
    id: 'web',
    version: '1.2.0',
    status: 'failed',
    ms: 2500,
    templateFile: 'cdk.out/web/oar-web.template.json',
    resources: [
      ['AWS::SQS::Queue', 1],
      ['AWS::EC2::VPC', 1],
    ],
    unemulated: ['AWS::Backup::BackupSelection'],
    diagnostics: [
      lintDiagnostic(queueWarning, where),
      {
        code: 'OAR308',
        severity: 'error',
        file: `${dir}/cdk/stack.ts`,
        line: 31,
        col: 5,
        path: 'oar-web/Queue',
        message: 'AwsSolutions-SQS3 at oar-web/Queue: The SQS queue has no DLQ.',
      },
    ],
    acknowledged: [{ rule: 'AwsSolutions-IAM4', reason: 'the managed policy is the least one', where: 'oar-web/Role' }],
  };
  const failedSynth: EntryCheck = {
    id: 'broken',
    version: '1.0.0',
    status: 'failed',
    ms: 0,
    resources: [],
    unemulated: [],
    acknowledged: [],
    diagnostics: [
      {
        code: 'OAR306',
        severity: 'error',
        file: 'architectures/broken/cdk/stack.ts',
        line: 9,
        col: 13,
        message: 'the stack failed to synthesize: boom',
      },
    ],
  };

  it('keeps each entry summary and lists findings as oar validate prints them, acknowledgements with their reasons', () => {
    const text = formatCheckReport({
      checkedAt: '2026-12-06T00:00:00.000Z',
      cdkVersion: '2.276.0',
      cfnLint: 'cfn-lint 1.51.0',
      jobs: 2,
      ms: 4000,
      peakWorkerRssMb: 400,
      entries: [failedChecks, failedSynth],
    });
    expect(text).toBe(
      [
        'web 1.2.0: FAILED (2.5 s)',
        '  template: cdk.out/web/oar-web.template.json (2 resources)',
        '  resources: 1 AWS::SQS::Queue, 1 AWS::EC2::VPC',
        '  cdk-nag AwsSolutions: 1 error',
        '    architectures/web/cdk/stack.ts:31:5  OAR308  AwsSolutions-SQS3 at oar-web/Queue: The SQS queue has no DLQ.',
        '    acknowledged AwsSolutions-IAM4 at oar-web/Role: the managed policy is the least one',
        '  CloudFormation validation: ok',
        '  cfn-lint: 1 warning',
        '    architectures/web/cdk/stack.ts:31:5  OAR327  warning W1 at oar-web/Queue: m',
        '  declared services vs template: ok',
        '  diagrams vs template: ok',
        '  local emulator: cannot create AWS::Backup::BackupSelection, so the entry stays synth-only',
        '',
        'broken 1.0.0: FAILED',
        '  synth failed:',
        '    architectures/broken/cdk/stack.ts:9:13  OAR306  the stack failed to synthesize: boom',
        '',
        '2 entries checked in 4.0 s with 2 workers and 400 MiB peak worker memory (aws-cdk-lib 2.276.0, cfn-lint 1.51.0): 0 passed, 2 failed',
      ].join('\n'),
    );
  });
});
