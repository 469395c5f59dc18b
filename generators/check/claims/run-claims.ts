/**
 * Runs an entry's claims against one synthesized template. This imports the
 * entry's cdk/claims.ts, so it runs only inside a synth worker (synth-worker.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { stripVTControlCharacters as stripAnsi } from 'node:util';
import { CLAIMS_FILE } from '../../../lib/load/read-entry.ts';
import { holdsFor, type Claim, type ClaimContext } from './claim.ts';
import type { Json, Resource } from './template-queries.ts';

/** Which claims to run against which template. */
export interface ClaimsRequest {
  readonly root: string;
  /** The entry whose claims run, relative to root. */
  readonly dir: string;
  /** The template, relative to root: the entry's own, or its parent's for a fork's change checks. */
  readonly templateFile: string;
  readonly variant: string;
  readonly parameters: Readonly<Record<string, string | number | boolean>>;
  /** Run only these ids, whatever their variants (a fork's change checks against its parent). */
  readonly only?: readonly string[];
}

/** One claim's outcome in one configuration. */
export interface ClaimResult {
  readonly id: string;
  readonly variant: string;
  readonly passed: boolean;
  /** Why it failed: the check's error, shortened. */
  readonly message?: string;
}

/** What the claims file declared, and how the requested ones fared. */
export interface ClaimsOutcome {
  readonly declared: readonly { readonly id: string; readonly text: string }[];
  readonly results: readonly ClaimResult[];
  /** Set when the file could not be loaded or is not a list of claim() values. */
  readonly problem?: string;
}

const MAX_MESSAGE = 800;

/** Loads the entry's claims and runs the requested ones; a missing file declares none. */
export async function runClaims(req: ClaimsRequest): Promise<ClaimsOutcome> {
  const entryDir = join(req.root, req.dir);
  const file = join(entryDir, CLAIMS_FILE);
  if (!existsSync(file)) return { declared: [], results: [] };
  let claims: Claim[];
  try {
    claims = claimsOf(await import(pathToFileURL(file).href));
  } catch (error) {
    return { declared: [], results: [], problem: short(error) };
  }
  const json = JSON.parse(readFileSync(join(req.root, req.templateFile), 'utf8')) as Json;
  const { Template } = await import('aws-cdk-lib/assertions');
  const resources = (type: string) =>
    Object.entries((json['Resources'] ?? {}) as Record<string, Resource>)
      .filter(([, r]) => r.Type === type)
      .map(([id, r]) => ({ id, ...r }));
  const t: ClaimContext = {
    template: Template.fromJSON(json, { skipCyclicalDependenciesCheck: true }),
    json,
    variant: req.variant,
    parameters: req.parameters,
    resources,
    only: (type) => {
      const all = resources(type);
      const [one] = all;
      if (all.length !== 1 || !one) throw new Error(`expected exactly one ${type}, found ${String(all.length)}`);
      return one;
    },
    file: (path) => readFileSync(inside(entryDir, path), 'utf8'),
  };
  const chosen = claims.filter((c) => (req.only ? req.only.includes(c.id) : holdsFor(c, req.variant)));
  const results = chosen.map((c): ClaimResult => {
    try {
      const run: (t: ClaimContext) => unknown = c.check;
      const returned = run(t);
      if (returned instanceof Promise) throw new Error('a claim check must be synchronous; it returned a promise');
      return { id: c.id, variant: req.variant, passed: true };
    } catch (error) {
      return { id: c.id, variant: req.variant, passed: false, message: short(error) };
    }
  });
  return { declared: claims.map((c) => ({ id: c.id, text: c.text })), results };
}

function claimsOf(mod: unknown): Claim[] {
  const list = (mod as { default?: unknown }).default;
  if (!Array.isArray(list) || list.some((c) => (c as Partial<Claim> | null)?.kind !== 'oar-claim')) {
    throw new Error(`${CLAIMS_FILE} must default-export a list of claim(…) values: export default [claim(…), …]`);
  }
  const seen = new Set<string>();
  for (const c of list as Claim[]) {
    if (seen.has(c.id)) throw new Error(`${CLAIMS_FILE} declares the claim ${c.id} twice; give each claim its own id`);
    seen.add(c.id);
  }
  return list as Claim[];
}

/** A path inside the entry folder; a claim reads its entry's files, nothing else. */
function inside(entryDir: string, path: string): string {
  const abs = resolve(entryDir, path);
  const rel = relative(entryDir, abs);
  if (rel === '' || rel.startsWith('..') || rel.split(sep).includes('..')) {
    throw new Error(`t.file(${JSON.stringify(path)}) is outside the entry folder; name a file inside it`);
  }
  return abs;
}

/** An error's message without colour codes, at most MAX_MESSAGE characters. */
function short(error: unknown): string {
  // One line: assert's messages carry a blank line and the compared values after the message.
  const text = stripAnsi(error instanceof Error ? error.message : String(error))
    .split(/\s*\n\s*/u)
    .filter(Boolean)
    .join('; ');
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}
