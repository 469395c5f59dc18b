import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_SNAPSHOT } from '../../lib/load/entry-snapshots.ts';
import { runOarRecordingCdk } from '../helpers/cdk-free-run.ts';
import { runOar } from '../helpers/run-cli.ts';
import { fixture, tempCatalogue } from '../helpers/temp-catalogue.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Runs `oar diagram` in a copy of the valid fixture, after `prepare` changed it, with the copy as cwd; `kept`
 * names a file of the copy to read back afterwards.
 */
async function inCopy(prepare: (root: string) => void, args: string[], kept?: string) {
  const cat = tempCatalogue('valid');
  try {
    prepare(cat.root);
    const run = await runOar(['diagram', ...args, '--root', cat.root], cat.root);
    return { ...run, kept: kept === undefined ? '' : readFileSync(join(cat.root, kept), 'utf8') };
  } finally {
    cat.dispose();
  }
}

describe('oar diagram', () => {
  it('prints a fixture entry as built', async () => {
    const run = await runOar(['diagram', 'tiny-web', '--root', fixture('valid')]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatchInlineSnapshot(`
      "flowchart LR
        %% As built: drawn by oar diagram tiny-web from cdk/__snapshots__/stack.template.json. Regenerate it, do not edit it.
        n0["NodesASG<br/>Amazon EC2 Auto Scaling: auto scaling group"]
        n1["Elastic Load Balancing: load balancer"]
        e0["VPC Vpc 10.0.0.0/16"]"
    `);
  });

  it('prints a real entry as built', async () => {
    const run = await runOar(['diagram', 'ecs-fargate-alb'], repo);
    expect(run.code).toBe(0);
    await expect(`${run.stdout}\n`).toMatchFileSnapshot('__snapshots__/oar-diagram-ecs-fargate-alb.mmd');
  });

  it('writes --out, and writes over a file it wrote before', async () => {
    const run = await inCopy(
      (root) => {
        writeFileSync(
          join(root, 'old.mmd'),
          'flowchart LR\n  %% As built: drawn by oar diagram tiny-web from an older template\n',
        );
      },
      ['tiny-web', '--out', 'old.mmd'],
      'old.mmd',
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('wrote old.mmd: 3 boxes from architectures/tiny-web/cdk/__snapshots__/stack.template.json');
    expect(run.kept).toContain('NodesASG');
  });

  it('refuses (OAR344) to write over a file it did not write, such as the hand-drawn diagram, and leaves it as it was', async () => {
    const main = 'architectures/tiny-web/diagrams/main.mmd';
    const run = await inCopy(() => undefined, ['tiny-web', '--out', main], main);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `error OAR344: ${main} exists and oar diagram did not write it; choose another --out file, or delete it first if you mean to replace it`,
    );
    expect(run.kept).toBe(readFileSync(join(fixture('valid'), main), 'utf8'));
  });

  it.each([
    {
      what: 'when --out cannot be written',
      prepare: () => undefined,
      args: ['tiny-web', '--out', 'no/such/folder/x.mmd'],
      said: 'no/such/folder/x.mmd cannot be written (ENOENT); check that its folder exists and is writable',
    },
    {
      what: 'how to write a missing template snapshot',
      prepare: (root: string) => {
        rmSync(join(root, 'architectures/tiny-web', TEMPLATE_SNAPSHOT));
      },
      args: ['tiny-web'],
      said: 'architectures/tiny-web/cdk/__snapshots__/stack.template.json is missing, so there is nothing to draw; write it with `OAR_ENTRIES=tiny-web npx vitest run test/entries.test.ts -u`',
    },
  ])('says (OAR344) $what', async ({ prepare, args, said }) => {
    const run = await inCopy(prepare, args);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`error OAR344: ${said}`);
  });

  it('stops with OAR330 at a snapshot that is not a template, and with OAR301 at an unknown id', async () => {
    const broken = await inCopy(
      (root) => {
        writeFileSync(join(root, 'architectures/tiny-web', TEMPLATE_SNAPSHOT), '{"Resources": []}');
      },
      ['tiny-web'],
    );
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(
      'OAR330: architectures/tiny-web/cdk/__snapshots__/stack.template.json: it has no Resources object',
    );
    const unknown = await runOar(['diagram', 'tiny-wbe', '--root', fixture('valid')]);
    expect(unknown.stderr).toBe('error OAR301: no valid entry with id "tiny-wbe"; did you mean tiny-web?');
  });

  it('reads the committed snapshot and never loads aws-cdk-lib', () => {
    const result = runOarRecordingCdk(['diagram', 'sns-sqs-fanout']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Consumer…Worker<br/>AWS Lambda: 3 × function');
    expect(result.loaded).toEqual([]);
  });
});
