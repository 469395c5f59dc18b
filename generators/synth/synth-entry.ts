import { existsSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { diag, OarError, type Diagnostic } from '../../lib/diagnostics.ts';
import type { Code } from '../../lib/codes.ts';
import { locationOf } from '../../lib/report/format-diagnostics.ts';
import {
  entryFrame,
  readConstructSites,
  siteOf,
  type ConstructSites,
  type EntrySites,
  type SourceSite,
} from './construct-sites.ts';
import type { ParameterValues } from './parameters.ts';
import { quietly } from './quietly.ts';
import { runClaims, type ClaimsOutcome } from '../check/claims/run-claims.ts';
import { readTemplate, type CfnTemplate } from './template.ts';
import { collectAcknowledgements, readValidationReport, type Acknowledgement } from './validation-report.ts';

/** Where an entry's CDK stack lives inside its folder. */
export const STACK_FILE = 'cdk/stack.ts';

/** Where findings about the entry in `dir` (relative to the catalogue root) go, given where its code made each construct. */
export function entrySites(dir: string, sites: ConstructSites): EntrySites {
  return { metadataFile: `${dir}/architecture.yaml`, stackFile: `${dir}/${STACK_FILE}`, sites };
}

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
  /** Run the entry's claims (cdk/claims.ts) against the template, as this configuration (`default` or a variant). */
  readonly claims?: { readonly variant: string };
  /**
   * The name of a customer managed policy to set as the permissions boundary of every
   * IAM role and user the stack makes (CDK's @aws-cdk/core:permissionsBoundary), in
   * whatever account the template is deployed to.
   */
  readonly permissionsBoundary?: string;
}

/** The synthesized stack and what the checkers said about it. */
export interface SynthResult {
  readonly id: string;
  readonly stackName: string;
  readonly outdir: string;
  /** The template file relative to root. */
  readonly templateFile: string;
  readonly template: CfnTemplate;
  /** What cdk-nag (OAR308) and CloudFormation validation (OAR309) found, at the lines of the entry's code. */
  readonly findings: readonly Diagnostic[];
  readonly acknowledged: readonly Acknowledgement[];
  /** Where the entry's code makes each construct, for findings about the template that come later (cfn-lint). */
  readonly sites: ConstructSites;
  /** The claims' outcome, when the request asked for them. */
  readonly claims?: ClaimsOutcome;
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
    throw synthError(
      'OAR305',
      { file: `${req.dir}/${STACK_FILE}` },
      'this file does not exist, and every entry needs a CDK stack: create it with a default-exported class that extends Stack (see CONTRIBUTING.md, "The CDK stack")',
    );
  }
  const [cdk, nag] = await Promise.all([import('aws-cdk-lib'), import('cdk-nag')]);
  const mod = (await importStack(stackFile, req.dir)) as { default?: unknown };
  const StackClass = mod.default;
  if (typeof StackClass !== 'function' || !(StackClass.prototype instanceof cdk.Stack)) {
    throw synthError(
      'OAR306',
      { file: `${req.dir}/${STACK_FILE}` },
      'the file must default-export a class that extends Stack from aws-cdk-lib; write `export default class MyStack extends Stack { constructor(scope, id, props) … }`',
    );
  }
  rmSync(req.outdir, { recursive: true, force: true });
  const app = new cdk.App({
    outdir: req.outdir,
    // The CDK metadata resource reports usage to AWS and differs by version; the catalogue keeps templates reproducible.
    analyticsReporting: false,
    builtinCloudFormationValidation: req.cfnValidation !== false,
    context: {
      'aws:cdk:version-reporting': false,
      ...(req.permissionsBoundary === undefined
        ? {}
        : { '@aws-cdk/core:permissionsBoundary': { name: req.permissionsBoundary } }),
    },
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
  const sites = readConstructSites(req.outdir, req.stackName, req.dir);
  const findings = readValidationReport(
    req.outdir,
    (path) => siteOf(sites, path) ?? { file: `${req.dir}/${STACK_FILE}` },
  );
  const templatePath = join(req.outdir, `${req.stackName}.template.json`);
  if (run.error !== undefined && (findings.length === 0 || !existsSync(templatePath))) {
    throw stackError(run.error, req.dir, run.printed);
  }
  const templateFile = relative(req.root, templatePath);
  const claims = req.claims
    ? await runClaims({ ...req, templateFile, variant: req.claims.variant, parameters: req.parameters })
    : undefined;
  return {
    id: req.id,
    stackName: req.stackName,
    outdir: req.outdir,
    templateFile,
    template: readTemplate(templatePath),
    ...(claims ? { claims } : {}),
    findings,
    acknowledged: collectAcknowledgements(app),
    sites,
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

/** An OAR306 error at the first line of the entry's own code in the stack trace. */
function stackError(error: unknown, dir: string, printed: string): OarError {
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const site = entryFrame(stack, dir) ?? { file: `${dir}/${STACK_FILE}` };
  const extra = printed.trim() ? `\n${printed.trim()}` : '';
  return synthError('OAR306', site, `the stack failed to synthesize: ${message.split('\n')[0]}`, extra);
}

/**
 * A synth failure as a diagnostic at `site` (what `oar check` reports), inside an
 * OarError whose message leads with the place (what `oar synth` and `deploy` print),
 * followed by `extra`, e.g. what the stack printed.
 */
function synthError(code: Code, site: SourceSite, what: string, extra = ''): OarError {
  const d = diag(code, site.file, what, { line: site.line, col: site.col });
  return new OarError(code, `${locationOf(d)}: ${what}${extra}`, [d]);
}
