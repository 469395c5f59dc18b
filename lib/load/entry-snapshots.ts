import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { diag, OarError } from '../diagnostics.ts';

/** The committed snapshot of an entry's template with default parameters. */
export const TEMPLATE_SNAPSHOT = 'cdk/__snapshots__/stack.template.json';

/** The committed list of cdk-nag findings an entry's stack acknowledges, with their reasons. */
export const ACKNOWLEDGEMENTS_SNAPSHOT = 'cdk/__snapshots__/acknowledgements.json';

/** One acknowledged finding as the site shows it: the rule, the construct path inside the stack, and why. */
export interface ShownAcknowledgement {
  readonly rule: string;
  readonly resource: string;
  readonly reason: string;
}

/** The template snapshot's text, or undefined when the entry has none yet. */
export function readTemplateSnapshot(root: string, dir: string): string | undefined {
  const file = join(root, dir, TEMPLATE_SNAPSHOT);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/**
 * The acknowledgements snapshot, or undefined when the entry has none yet.
 * The entry harness (test/entries.test.ts) writes it, so a file of another shape is a stale or
 * hand-edited one: an OAR330 error says how to regenerate it.
 */
export function readAcknowledgements(root: string, dir: string): ShownAcknowledgement[] | undefined {
  const file = join(root, dir, ACKNOWLEDGEMENTS_SNAPSHOT);
  if (!existsSync(file)) return undefined;
  const refuse = (what: string) => {
    const d = diag(
      'OAR330',
      `${dir}/${ACKNOWLEDGEMENTS_SNAPSHOT}`,
      `${what}; regenerate it with \`OAR_ENTRIES=${basename(dir)} npx vitest run test/entries.test.ts -u\``,
    );
    return new OarError('OAR330', `${d.file}: ${d.message}`, [d]);
  };
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // Not the parser's message: it quotes the file, which a contributor wrote.
    throw refuse('it is not valid JSON');
  }
  const ok =
    Array.isArray(data) &&
    data.every(
      (a: unknown) =>
        typeof a === 'object' &&
        a !== null &&
        ['rule', 'resource', 'reason'].every((k) => typeof (a as Record<string, unknown>)[k] === 'string'),
    );
  if (!ok) throw refuse('it is not a list of {rule, resource, reason}');
  return data as ShownAcknowledgement[];
}

/** The acknowledgements of a synthesized stack in the snapshot's form, paths relative to the stack. */
export function toShownAcknowledgements(
  stackName: string,
  acknowledged: readonly { readonly rule: string; readonly reason: string; readonly where: string }[],
): ShownAcknowledgement[] {
  return acknowledged.map((a) => ({
    rule: a.rule,
    resource: a.where.startsWith(`${stackName}/`) ? a.where.slice(stackName.length + 1) : a.where,
    reason: a.reason,
  }));
}
