import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, inject, test } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCatalogue } from '../../lib/catalogue.ts';
import type { Catalogue } from '../../lib/resolve/resolve-catalogue.ts';
import {
  ACKNOWLEDGEMENTS_SNAPSHOT,
  readAcknowledgements,
  TEMPLATE_SNAPSHOT,
  type ShownAcknowledgement,
} from '../../lib/load/entry-snapshots.ts';
import { crossCheckServices } from '../../generators/check/cross-check-services.ts';
import type { ConstructSites } from '../../generators/synth/construct-sites.ts';
import { synthRequestFor } from '../../generators/synth/request.ts';
import { runClaims } from '../../generators/check/claims/run-claims.ts';
import { parseParamArgs, resolveParameters } from '../../generators/synth/parameters.ts';
import { entrySites, type SynthRequest, type SynthResult } from '../../generators/synth/synth-entry.ts';
import type { SynthReply } from '../../generators/synth/synth-worker.ts';
import type { CfnTemplate } from '../../generators/synth/template.ts';
import { formatDiagnostic } from '../../lib/report/format-diagnostics.ts';
import { synthAll } from '../../generators/synth/synth-pool.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where synth requests go: the entries project's shared pool (test/helpers/synth-service.ts); unset elsewhere. */
    synthService: string;
  }
}

/**
 * Synthesizes on the entries project's shared pool (test/helpers/synth-service.ts), or, for a test
 * outside that project, in a worker of its own.
 */
export async function synth(requests: readonly SynthRequest[]): Promise<SynthReply[]> {
  const service = inject('synthService');
  if (!service) return synthAll(requests, 1);
  const res = await fetch(service, { method: 'POST', body: JSON.stringify(requests) }).catch((error: unknown) => {
    // fetch says only "fetch failed"; its cause says why (a reset connection, a refused one, a timeout).
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    throw new Error(`the synth service at ${service} did not answer (${String(error)}${cause})`, { cause: error });
  });
  if (!res.ok) throw new Error(`the synth service failed: ${await res.text()}`);
  return (await res.json()) as SynthReply[];
}

/** The repository root, which holds the real catalogue. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

let catalogue: Catalogue | undefined;
function entryOf(id: string) {
  catalogue ??= openCatalogue(REPO_ROOT);
  const entry = catalogue.byId.get(id);
  if (!entry) throw new Error(`no valid entry ${id}; run npx oar validate ${id}`);
  return entry;
}

/** A synthesized configuration: what synth returned, and its template for aws-cdk-lib's assertions. */
export interface Synthesized {
  readonly result: SynthResult;
  readonly template: Template;
}

/** Parameters as `--param` strings, optionally deployed as a named environment (the stack name changes). */
export type Configuration = readonly string[] | { readonly params: readonly string[]; readonly env: string };

/** The outcomes of synthConfigs, by the names the test gave its configurations. */
export interface Configurations {
  /** A configuration that must synthesize; throws with the stack's error when it did not. */
  ok(name: string): Synthesized;
  /** The error of a configuration that must not synthesize; throws when it did. */
  error(name: string): string;
}

/**
 * Synthesizes an entry once per named configuration, as `oar synth --param` does,
 * with cdk-nag and without CloudFormation validation (oar check runs that on the
 * default configuration). The entry's code runs in one synth worker with a
 * scrubbed environment, as everywhere else; this process only reads the results.
 * The default configuration is not synthesized here: test/entries.test.ts keeps
 * the template snapshot equal to it, and entryTemplate() reads that.
 */
export async function synthConfigs(
  id: string,
  configs: Readonly<Record<string, Configuration>>,
): Promise<Configurations> {
  const entry = entryOf(id);
  const names = Object.keys(configs);
  // Each in its own temporary cloud assembly, so tests never overwrite the cdk.out/ a developer is looking at.
  const requests = names.map((name) => {
    const c = configs[name] ?? [];
    const [params, env] = 'params' in c ? [c.params, c.env] : [c, undefined];
    return {
      ...synthRequestFor(REPO_ROOT, entry, params, { cfnValidation: false, ...(env && { env }) }),
      outdir: mkdtempSync(join(tmpdir(), `oar-synth-${id}-${name}-`)),
    };
  });
  const replies = await synth(requests);
  const outcome = new Map(names.map((name, i) => [name, replies[i]]));
  return {
    ok(name) {
      const reply = outcome.get(name);
      if (!reply) throw new Error(`${id} has no configuration named ${name}`);
      if (!('ok' in reply)) throw new Error(`${id} (${name}) did not synthesize: ${reply.error.message}`);
      return { result: reply.ok, template: Template.fromJSON(reply.ok.template) };
    },
    error(name) {
      const reply = outcome.get(name);
      if (!reply) throw new Error(`${id} has no configuration named ${name}`);
      if ('ok' in reply) throw new Error(`${id} (${name}) synthesized, but the test expects it to fail`);
      return reply.error.message;
    },
  };
}

/** The committed template of an entry with default parameters, which test/entries.test.ts keeps equal to its synth. */
export function entryTemplate(id: string): Template {
  const file = join(REPO_ROOT, 'architectures', id, TEMPLATE_SNAPSHOT);
  if (!existsSync(file)) {
    throw new Error(
      `architectures/${id}/${TEMPLATE_SNAPSHOT} does not exist yet; test/entries.test.ts writes it: run OAR_ENTRIES=${id} npx vitest run test/entries.test.ts first`,
    );
  }
  return Template.fromJSON(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>);
}

/** The committed acknowledgements of an entry with default parameters (rule, construct path, reason). */
export function entryAcknowledgements(id: string): ShownAcknowledgement[] {
  const acks = readAcknowledgements(REPO_ROOT, join('architectures', id));
  if (!acks) throw new Error(`architectures/${id}/${ACKNOWLEDGEMENTS_SNAPSHOT} is missing; run test/entries.test.ts`);
  return acks;
}

/** The cdk-nag findings that were neither fixed nor acknowledged, as readable lines. */
export function nagErrors(result: SynthResult): string[] {
  return result.findings.filter((d) => d.code === 'OAR308' && d.severity === 'error').map(formatDiagnostic);
}

/**
 * The services cross-check (OAR328) of one of an entry's templates, as readable lines: empty
 * when the services architecture.yaml declares are the ones the template makes.
 */
export function serviceErrors(id: string, template: CfnTemplate, sites: ConstructSites = NO_SITES): string[] {
  const { meta, dir } = entryOf(id);
  return crossCheckServices(meta.services, template, entrySites(dir, sites))
    .filter((d) => d.severity === 'error')
    .map(formatDiagnostic);
}

const NO_SITES: ConstructSites = { byPath: {}, pathById: {} };

/**
 * Registers, for each configuration an entry's test synthesized, what the entry
 * harness checks of the default one: cdk-nag finds nothing unacknowledged, every
 * acknowledgement gives a reason, and the outputs are the ones architecture.yaml declares.
 */
export function checkConfigurations(id: string, configs: Readonly<Record<string, Synthesized>>): void {
  const declared = (entryOf(id).meta.outputs ?? []).map((o) => o.name).sort();
  describe.each(Object.entries(configs))('with the %s parameters', (_, { result }) => {
    test('cdk-nag finds nothing unacknowledged', () => {
      expect(nagErrors(result)).toEqual([]);
    });
    test('every acknowledgement gives a reason a reader can judge', () => {
      for (const a of result.acknowledged) expect(a.reason.length, `${a.rule} at ${a.where}`).toBeGreaterThan(40);
    });
    test('the outputs are the ones architecture.yaml declares', () => {
      expect(Object.keys(result.template.Outputs ?? {}).sort()).toEqual(declared);
    });
  });
}

/**
 * Runs the entry's claims (cdk/claims.ts) on a configuration `synthConfigs` made, as `oar check` runs them on
 * each variant, and expects at least `atLeast` of them to run and every one to hold.
 */
export async function expectClaimsHold(
  id: string,
  variant: string,
  config: Synthesized,
  params: readonly string[],
  atLeast: number,
): Promise<void> {
  const entry = entryOf(id);
  const outcome = await runClaims({
    root: REPO_ROOT,
    dir: entry.dir,
    templateFile: config.result.templateFile,
    variant,
    parameters: resolveParameters(id, entry.meta.parameters ?? [], parseParamArgs(params)),
  });
  expect(outcome.problem).toBeUndefined();
  expect(outcome.results.length).toBeGreaterThanOrEqual(atLeast);
  expect(outcome.results.filter((r) => !r.passed)).toEqual([]);
}
