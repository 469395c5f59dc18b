import { existsSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { OarError } from '../../lib/diagnostics.ts';
import type { ParameterValues } from './parameters.ts';
import { quietly } from './quietly.ts';
import { readTemplate, type CfnTemplate } from './template.ts';
import {
  collectAcknowledgements,
  readValidationReport,
  type Acknowledgement,
  type Finding,
} from './validation-report.ts';

/** Where an entry's CDK stack lives inside its folder. */
export const STACK_FILE = 'cdk/stack.ts';

/** Everything synth needs, as plain data, so a worker process can receive it. */
export interface SynthRequest {
  readonly root: string;
  readonly id: string;
  readonly version: string;
  readonly title: string;
  /** The entry folder relative to root, e.g. architectures/<id>. */
  readonly dir: string;
  readonly parameters: ParameterValues;
  /** Absolute cloud assembly folder; emptied first. */
  readonly outdir: string;
  readonly stackName: string;
  /** Tags for every resource, e.g. oar:entry. */
  readonly tags?: Readonly<Record<string, string>>;
  /** Run cdk-nag's AwsSolutions pack (default true). */
  readonly nag?: boolean;
  /**
   * Run CDK's built-in CloudFormation validator (default true). It costs 3–5 s
   * and ~300 MB on the first synth in a process, so unit tests leave it to `oar check`.
   */
  readonly cfnValidation?: boolean;
}

/** The synthesized stack and what the checkers said about it. */
export interface SynthResult {
  readonly id: string;
  readonly stackName: string;
  readonly outdir: string;
  /** The template file relative to root. */
  readonly templateFile: string;
  readonly template: CfnTemplate;
  readonly findings: readonly Finding[];
  readonly acknowledged: readonly Acknowledgement[];
  /** What CDK printed while synthesizing (shown with --verbose). */
  readonly printed: string;
  readonly ms: number;
}

/**
 * Synthesizes one entry's stack into `outdir` with cdk-nag and CloudFormation
 * validation. Unacknowledged findings are returned, not thrown: the caller
 * decides what fails. A stack that cannot load or build is an OAR305/OAR306 error
 * that points at the entry's own file and line.
 */
export async function synthEntry(req: SynthRequest): Promise<SynthResult> {
  const started = performance.now();
  const stackFile = join(req.root, req.dir, STACK_FILE);
  if (!existsSync(stackFile)) {
    throw new OarError(
      'OAR305',
      `${req.dir}/${STACK_FILE} does not exist; every entry needs a CDK stack (see CONTRIBUTING.md, "The CDK stack")`,
    );
  }
  const [cdk, nag] = await Promise.all([import('aws-cdk-lib'), import('cdk-nag')]);
  const mod = (await importStack(stackFile, req.dir)) as { default?: unknown };
  const StackClass = mod.default;
  if (typeof StackClass !== 'function' || !(StackClass.prototype instanceof cdk.Stack)) {
    throw new OarError(
      'OAR306',
      `${req.dir}/${STACK_FILE} must default-export a class that extends Stack from aws-cdk-lib; write \`export default class MyStack extends Stack { constructor(scope, id, props) … }\``,
    );
  }
  rmSync(req.outdir, { recursive: true, force: true });
  const app = new cdk.App({
    outdir: req.outdir,
    // The CDK metadata resource reports usage to AWS and differs by version; the catalogue keeps templates reproducible.
    analyticsReporting: false,
    builtinCloudFormationValidation: req.cfnValidation !== false,
    context: { 'aws:cdk:version-reporting': false },
  });
  if (req.nag !== false) cdk.Validations.of(app).addPlugins(new nag.AwsSolutionsChecks(app));
  for (const [key, value] of Object.entries(req.tags ?? {})) cdk.Tags.of(app).add(key, value);

  const Ctor = StackClass as new (scope: unknown, id: string, props: unknown) => unknown;
  const run = await quietly(() => {
    new Ctor(app, req.stackName, {
      description: `${req.title} (Open Architecture Registry entry ${req.id} ${req.version})`,
      parameters: req.parameters,
    });
    return app.synth();
  });
  const findings = readValidationReport(req.outdir);
  const templatePath = join(req.outdir, `${req.stackName}.template.json`);
  if (run.error !== undefined && (findings.length === 0 || !existsSync(templatePath))) {
    throw stackError(run.error, req.dir, run.printed);
  }
  return {
    id: req.id,
    stackName: req.stackName,
    outdir: req.outdir,
    templateFile: relative(req.root, templatePath),
    template: readTemplate(templatePath),
    findings,
    acknowledged: collectAcknowledgements(app),
    printed: run.printed,
    ms: performance.now() - started,
  };
}

async function importStack(file: string, dir: string): Promise<unknown> {
  try {
    return await import(pathToFileURL(file).href);
  } catch (error) {
    throw stackError(error, dir, '');
  }
}

/** An OAR306 error naming the first line of the entry's own code in the stack trace. */
function stackError(error: unknown, dir: string, printed: string): OarError {
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const at = new RegExp(`(${dir.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}/[^\\s:)]+):(\\d+):(\\d+)`, 'u').exec(stack);
  const where = at ? `${at[1]}:${at[2]}:${at[3]}` : `${dir}/${STACK_FILE}`;
  const extra = printed.trim() ? `\n${printed.trim()}` : '';
  return new OarError('OAR306', `${where}: the stack failed to synthesize: ${message.split('\n')[0]}${extra}`);
}
