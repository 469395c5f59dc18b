import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_SNAPSHOT } from '../../lib/load/entry-snapshots.ts';
import { runOarRecordingCdk } from '../helpers/cdk-free-run.ts';
import { runOar } from '../helpers/run-cli.ts';
import { fixture, tempCatalogue } from '../helpers/temp-catalogue.ts';

const valid = fixture('valid');

describe('oar diff --template', () => {
  it('prints the resource types whose count differs and the key properties that differ', async () => {
    const run = await runOar(['diff', 'tiny-web', 'tiny-web-fork', '--template', '--root', valid]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatchInlineSnapshot(`
      "--- tiny-web 1.2.0
      +++ tiny-web-fork 0.1.0
      Resources are matched by type, not by logical id (ids differ between entries): counts and key properties are compared over all resources of a type.

      Resource types: 1 added, 0 removed, 0 with another count; 4 the same (4 resources)
        + AWS::CloudWatch::Alarm: 0 -> 1

      Key properties:
        AWS::AutoScaling::AutoScalingGroup health check: ELB,EBS, grace 300 s -> ELB, grace 300 s
        AWS::EC2::LaunchTemplate volumes:
          - /dev/sdf gp3, 20 GiB, encrypted
          + /dev/sdb instance store ephemeral0"
    `);
  });

  it('puts the whole comparison, template view included, in --json, and keeps the flat change list', async () => {
    const run = await runOar(['diff', 'tiny-web', 'tiny-web-fork', '--json', '--root', valid]);
    const json = JSON.parse(run.stdout) as {
      from: string;
      to: string;
      changes: { path: string }[];
      comparison: Record<string, unknown> & { template: { types: unknown[] } };
    };
    expect([json.from, json.to]).toEqual(['tiny-web', 'tiny-web-fork']);
    expect(json.changes.map((c) => c.path)).toContain('failureModes[ebs-degradation].impact');
    expect(Object.keys(json.comparison)).toEqual([
      'from',
      'to',
      'relation',
      'failureModes',
      'forkChanges',
      'template',
      'templateMissing',
      'parameters',
      'constraints',
      'metadata',
    ]);
    expect(json.comparison.template.types).toEqual([{ type: 'AWS::CloudWatch::Alarm', from: 0, to: 1 }]);
  });

  it('reads the committed snapshots and never loads aws-cdk-lib', () => {
    const result = runOarRecordingCdk(['diff', 'java-web-tier-ebs', 'java-web-tier-instance-store', '--template']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('AWS::EC2::LaunchTemplate instance type: m6i.large -> m6id.large');
    expect(result.loaded).toEqual([]);
  });
});

describe('oar diff with a broken or missing template snapshot', () => {
  /** Runs `oar diff` on a copy of the valid fixture after `spoil` changed it. */
  async function diffSpoiled(spoil: (root: string) => void, ...flags: string[]) {
    const cat = tempCatalogue('valid');
    try {
      spoil(cat.root);
      return await runOar(['diff', 'tiny-web', 'tiny-web-fork', ...flags, '--root', cat.root]);
    } finally {
      cat.dispose();
    }
  }

  it('stops with OAR330, names the file and how to regenerate it, and prints no stack', async () => {
    const run = await diffSpoiled((root) => {
      writeFileSync(join(root, 'architectures/tiny-web-fork', TEMPLATE_SNAPSHOT), '{"Resources": ');
    }, '--template');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      'OAR330: architectures/tiny-web-fork/cdk/__snapshots__/stack.template.json: it is not valid JSON; regenerate it with `OAR_ENTRIES=tiny-web-fork npx vitest run test/entries.test.ts -u`',
    );
    expect(run.stderr).not.toMatch(/\n\s+at /u);
  });

  it('says which entry has no snapshot, and still compares the rest', async () => {
    const run = await diffSpoiled((root) => {
      rmSync(join(root, 'architectures/tiny-web', TEMPLATE_SNAPSHOT));
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('ebs-degradation: outage -> none (better)');
    expect(run.stdout).toContain('Template: no snapshot for tiny-web');
  });
});
