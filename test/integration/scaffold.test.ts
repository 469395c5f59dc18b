import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { PARAMETERS_FILE, parametersSource } from '../../generators/scaffold/parameters-file.ts';
import { SCAFFOLD_PARAMETERS, SCAFFOLD_STACK_FILES } from '../../generators/scaffold/new-entry.ts';
import { openCatalogue } from '../../lib/catalogue.ts';
import { runOar } from '../helpers/run-cli.ts';
import { REPO_ROOT } from '../helpers/synth-entry.ts';
import { tempCatalogue } from '../helpers/temp-catalogue.ts';
import { typecheckEjected } from '../helpers/typecheck-project.ts';

// The stack and its claims run where the catalogue is, so they need aws-cdk-lib and the claims harness beside
// them, as in a registry clone.
const cat = tempCatalogue('valid');
for (const dir of ['node_modules', 'generators']) symlinkSync(join(REPO_ROOT, dir), join(cat.root, dir));
afterAll(() => {
  cat.dispose();
});
const oar = (...args: string[]) => runOar(['--root', cat.root, ...args]);
const read = (rel: string) => readFileSync(join(cat.root, 'architectures', rel), 'utf8');

describe('oar new starts an entry that passes oar validate and oar check as it stands', () => {
  test('a construct per file, the generated Parameters, and a claims test', async () => {
    const created = await oar('new', 'web-start', '--author', 'Ada', '--github', 'ada');
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain('ok: 1 entry valid, 0 warnings');
    for (const file of SCAFFOLD_STACK_FILES) {
      expect(read(`web-start/cdk/${file}`)).toBe(
        readFileSync(join(REPO_ROOT, 'generators/scaffold/cdk', file), 'utf8').replaceAll(
          'entry-template',
          'web-start',
        ),
      );
    }
    // architecture.yaml and cdk/parameters.generated.ts say the same, as the entry harness requires.
    const entry = openCatalogue(cat.root).byId.get('web-start');
    expect(entry?.meta.parameters?.map((p) => p.name)).toEqual(['azCount', 'allowedIngressCidr', 'logRetentionDays']);
    expect(read(`web-start/${PARAMETERS_FILE}`)).toBe(parametersSource(entry?.meta.parameters ?? []));
  });

  test(
    'oar check passes it: cdk-nag, CloudFormation validation, cfn-lint, services, diagrams',
    { timeout: 120_000 },
    async () => {
      const run = await oar('check', 'web-start', '--json');
      const report = JSON.parse(run.stdout) as {
        entries: { status: string; diagnostics: { severity: string }[]; acknowledged: { rule: string }[] }[];
      };
      const [check] = report.entries;
      expect(check?.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(check?.status).toBe('passed');
      expect(run.code).toBe(0);
      // Besides what CDK acknowledges on its own constructs: the open listener and the log bucket's own access logs.
      const nag = check?.acknowledged.map((a) => a.rule).filter((rule) => rule.startsWith('AwsSolutions-'));
      expect(nag?.sort()).toEqual(['AwsSolutions-EC23', 'AwsSolutions-S1']);
    },
  );

  test('its ejected project keeps the split and the generated Parameters, and type-checks', async () => {
    const out = join(cat.root, 'ejected');
    const ejected = await oar('generate', 'web-start', '--out', out);
    expect(ejected.code, ejected.stderr).toBe(0);
    for (const file of ['stack.ts', 'network.ts', 'logs.ts', 'access-logs.ts']) {
      expect(readFileSync(join(out, 'lib', file), 'utf8')).toBe(read(`web-start/cdk/${file}`));
    }
    expect(readFileSync(join(out, 'lib/parameters.generated.ts'), 'utf8')).toContain('export interface Parameters');
    expect(existsSync(join(out, 'lib/stack.test.ts'))).toBe(false);
    expect(existsSync(join(out, 'lib/claims.ts'))).toBe(false);
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(out, 'node_modules'));
    expect(typecheckEjected(out)).toBe('');
  });

  test('a fork carries the generated Parameters, still current', async () => {
    const forked = await oar('fork', 'web-start', '--as', 'web-start-fork', '--reason', 'To try it.');
    expect(forked.code, forked.stderr).toBe(0);
    const fork = openCatalogue(cat.root).byId.get('web-start-fork');
    expect(read(`web-start-fork/${PARAMETERS_FILE}`)).toBe(parametersSource(fork?.meta.parameters ?? []));
    expect(existsSync(join(cat.root, 'architectures/web-start-fork/cdk/logs.ts'))).toBe(true);
    // Its own tests test the fork, not the parent they were copied from.
    expect(read('web-start-fork/cdk/stack.test.ts')).toContain("const ID = 'web-start-fork';");
    expect(read('web-start-fork/cdk/stack.test.ts')).not.toContain("'web-start'");
  });
});

test('the template stack beside the scaffold has the Parameters the scaffold declares', () => {
  expect(readFileSync(join(REPO_ROOT, 'generators/scaffold/cdk', 'parameters.generated.ts'), 'utf8')).toBe(
    parametersSource(SCAFFOLD_PARAMETERS),
  );
});
