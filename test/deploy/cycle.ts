import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  CloudFormationClient,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  type StackResource,
} from '@aws-sdk/client-cloudformation';
import { emulatorEnv } from '../../generators/emulator/emulator.ts';
import type { EmulatorRun } from '../../lib/report/emulator-report.ts';
import type { ResolvedEntry } from '../../lib/resolve/resolve-catalogue.ts';
import { readTemplateSnapshot } from '../../lib/load/entry-snapshots.ts';
import { runOar } from '../helpers/run-cli.ts';
import { withEnv } from '../helpers/with-env.ts';
import { describeLeftover, leftovers } from './leftovers.ts';
import type { DeployedStack, ReadBack, Teardown } from './readback.ts';
import type { EmulatorTurn, SharedEmulator } from './shared-emulator.ts';

const REGION = 'us-east-1';
const CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const TOOLKIT_STACK = 'CDKToolkit';

/** What the cdk CLI would otherwise look up or send: the suite runs offline. */
const QUIET_CDK = { CDK_DISABLE_CLI_TELEMETRY: 'true', CDK_DISABLE_VERSION_CHECK: 'true' };

interface Template {
  Resources?: Record<string, { Type: string; DeletionPolicy?: string; Condition?: string }>;
}

/** Regions a template names (a replica or peer Region), with the suite's own, to baseline before deploying. */
function regionsOf(templateText: string): string[] {
  const named = templateText.match(/\b(?:us|eu|ap|sa|ca|me|af|il|mx)-[a-z]+-\d\b/gu) ?? [];
  return [...new Set([REGION, ...named])].sort();
}

/** The read-back checks of an entry, and its teardown if any, from test/deploy/readback/<id>.ts. */
async function readBacksOf(id: string): Promise<{ checks: ReadBack[]; teardown?: Teardown } | undefined> {
  const file = join(import.meta.dirname, 'readback', `${id}.ts`);
  if (!existsSync(file)) return undefined;
  const module = (await import(file)) as { default: ReadBack[]; teardown?: Teardown };
  return { checks: module.default, ...(module.teardown ? { teardown: module.teardown } : {}) };
}

function deployedStack(
  id: string,
  stackName: string,
  outputs: Record<string, string>,
  resources: readonly StackResource[],
  endpoint: string,
): DeployedStack {
  const map = new Map(
    resources.map((r) => [
      r.LogicalResourceId ?? '',
      { type: r.ResourceType ?? '', physicalId: r.PhysicalResourceId ?? '' },
    ]),
  );
  const ofType = (type: string, prefix = '') =>
    [...map].filter(([logical, r]) => r.type === type && logical.startsWith(prefix)).map(([, r]) => r.physicalId);
  return {
    id,
    stackName,
    outputs,
    resources: map,
    aws: { endpoint, region: REGION, credentials: CREDENTIALS },
    physicalIds: (type) => ofType(type),
    physicalId: (type, prefix) => {
      const found = ofType(type, prefix);
      if (found.length !== 1)
        throw new Error(
          `${stackName} has ${found.length} ${type} resources${prefix ? ` starting ${prefix}` : ''}, not one`,
        );
      return found[0] ?? '';
    },
  };
}

async function stackResources(cfn: CloudFormationClient, stackName: string): Promise<StackResource[]> {
  return (await cfn.send(new DescribeStackResourcesCommand({ StackName: stackName }))).StackResources ?? [];
}

/** Each problem's first line, for a report that stays readable. */
function firstLines(text: string): string {
  return text.trim().split('\n').slice(0, 6).join(' / ');
}

/**
 * Deploys an entry whole on the shared emulator and verifies it: every resource of its template is created, its
 * read-back checks pass, a redeploy with no change is a no-op, and its destroy leaves nothing but what it declares
 * retained. `oar` runs in this process (synth goes to whatever pool `lendSynthPool` lent), with the AWS
 * environment pointing at the emulator, so run one entry at a time. Never throws: what failed is in `problems`.
 */
export async function verifyOnEmulator(
  root: string,
  entry: ResolvedEntry,
  envName: string,
  emulator: SharedEmulator,
): Promise<EmulatorRun> {
  const started = Date.now();
  const snapshot = readTemplateSnapshot(root, entry.dir) ?? '{}';
  const template = JSON.parse(snapshot) as Template;
  const run = {
    id: entry.id,
    version: entry.meta.version,
    deployedAt: new Date().toISOString(),
    resources: 0,
    readBacks: 0,
    redeployNoOp: false,
    leftovers: [] as string[],
    unemulated: [] as string[],
    problems: [] as string[],
  };
  const finish = (): EmulatorRun => {
    const status =
      run.unemulated.length > 0 ? 'unemulated' : run.problems.length + run.leftovers.length > 0 ? 'failed' : 'verified';
    return { ...run, status, ms: Date.now() - started };
  };
  let turn: EmulatorTurn | undefined;
  let restoreEnv: () => void = () => undefined;
  try {
    turn = await emulator.turn();
    restoreEnv = withEnv({ ...emulatorEnv(turn.emu.endpoint), ...QUIET_CDK });
    const types = new Set(await turn.emu.types());
    run.unemulated = [...new Set(Object.values(template.Resources ?? {}).map((r) => r.Type))]
      .filter((t) => !types.has(t))
      .sort();
    if (run.unemulated.length === 0) await cycle(root, entry, envName, turn, regionsOf(snapshot), run);
  } catch (error) {
    run.problems.push(firstLines((error as Error).message));
  } finally {
    restoreEnv();
  }
  const result = finish();
  if (turn) emulator.end(entry.id, turn, result.status === 'failed');
  return result;
}

async function cycle(
  root: string,
  entry: ResolvedEntry,
  envName: string,
  turn: EmulatorTurn,
  regions: readonly string[],
  run: { resources: number; readBacks: number; redeployNoOp: boolean; leftovers: string[]; problems: string[] },
): Promise<void> {
  const emu = turn.emu;
  const cfn = new CloudFormationClient({ endpoint: emu.endpoint, region: REGION, credentials: CREDENTIALS });
  const oar = (args: readonly string[]) => runOar(args, root);
  const before = await emu.inventory(regions);
  const deployArgs = ['deploy', entry.id, '--env', envName, '--yes', '--bootstrap', '--no-smoke-tests', '--json'];
  const first = await oar(deployArgs);
  if (first.code !== 0) {
    run.problems.push(`oar deploy failed: ${firstLines(first.stderr)}`);
    return;
  }
  const deployed = JSON.parse(first.stdout) as { stackName: string; outputs: Record<string, string> };
  const stackName = deployed.stackName;
  const skipped = [...turn.log().matchAll(/No Moto CloudFormation support for (\S+)/gu)].map((m) => m[1]);
  if (skipped.length > 0) run.problems.push(`the emulator skipped ${[...new Set(skipped)].join(', ')}`);

  // Deployed whole: every resource of the template the stack holds, with a physical id.
  const resources = await stackResources(cfn, stackName);
  run.resources = resources.length;
  const deployedTemplate = (await cfn.send(new GetTemplateCommand({ StackName: stackName }))).TemplateBody ?? '{}';
  const declared = (JSON.parse(deployedTemplate) as Template).Resources ?? {};
  const missing = Object.entries(declared)
    .filter(([, r]) => r.Condition === undefined)
    .filter(([logical]) => !resources.some((r) => r.LogicalResourceId === logical && r.PhysicalResourceId))
    .map(([logical, r]) => `${logical} (${r.Type})`);
  if (missing.length > 0) run.problems.push(`the stack lacks ${missing.join(', ')}`);
  const declaredOutputs = (entry.meta.outputs ?? []).map((o) => o.name).sort();
  const gotOutputs = Object.keys(deployed.outputs).sort();
  if (JSON.stringify(gotOutputs) !== JSON.stringify(declaredOutputs))
    run.problems.push(
      `outputs are ${gotOutputs.join(', ') || 'none'}; architecture.yaml declares ${declaredOutputs.join(', ') || 'none'}`,
    );
  const [stack] = (await cfn.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks ?? [];
  const tags = new Map((stack?.Tags ?? []).map((t) => [t.Key, t.Value]));
  if (
    tags.get('oar:entry') !== entry.id ||
    tags.get('oar:version') !== entry.meta.version ||
    tags.get('oar:env') !== envName
  )
    run.problems.push(`the stack's oar: tags are ${JSON.stringify(Object.fromEntries(tags))}`);

  // Read back.
  const module = await readBacksOf(entry.id);
  const checks = module?.checks;
  if (checks === undefined) run.problems.push(`no read-back checks: write test/deploy/readback/${entry.id}.ts`);
  const view = deployedStack(entry.id, stackName, deployed.outputs, resources, emu.endpoint);
  for (const check of checks ?? []) {
    try {
      await check.check(view);
      run.readBacks++;
    } catch (error) {
      run.problems.push(`read-back "${check.what}" failed: ${firstLines((error as Error).message)}`);
    }
  }

  // Redeploy: the same template must change nothing.
  const again = await oar(deployArgs);
  if (again.code !== 0) run.problems.push(`the redeploy failed: ${firstLines(again.stderr)}`);
  else run.redeployNoOp = !(JSON.parse(again.stdout) as { changed: boolean }).changed;

  // Destroy, then list what is left.
  const retainedIds = Object.entries(declared)
    .filter(([, r]) => r.DeletionPolicy === 'Retain' || r.DeletionPolicy === 'RetainExceptOnCreate')
    .map(([logical]) => resources.find((r) => r.LogicalResourceId === logical)?.PhysicalResourceId ?? '')
    .filter(Boolean);
  const snapshotServices = Object.values(declared)
    .filter((r) => r.DeletionPolicy === 'Snapshot')
    .map((r) => (r.Type.split('::')[1] ?? '').toLowerCase());
  const toolkitIds = (await stackResources(cfn, TOOLKIT_STACK)).map((r) => r.PhysicalResourceId ?? '').filter(Boolean);
  // As the entry's README says to delete it: a deploy that lifts its deletion protection first.
  const params = Object.entries(module?.teardown?.parameters ?? {}).flatMap(([k, v]) => ['--param', `${k}=${v}`]);
  if (params.length > 0) {
    const lifted = await oar([...deployArgs, ...params]);
    if (lifted.code !== 0) run.problems.push(`the teardown deploy failed: ${firstLines(lifted.stderr)}`);
  }
  const destroyed = await oar(['destroy', entry.id, '--env', envName, '--yes', '--json', ...params]);
  if (destroyed.code !== 0) {
    run.problems.push(`oar destroy failed: ${firstLines(destroyed.stderr)}`);
    return;
  }
  const after = await emu.inventory();
  run.leftovers = leftovers(before, after, {
    physicalIds: [...retainedIds, ...toolkitIds],
    snapshotServices,
  }).map(describeLeftover);
}
