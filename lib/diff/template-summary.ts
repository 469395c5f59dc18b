import { compareCodePoints } from '../code-point-order.ts';
import { OarError } from '../diagnostics.ts';
import { KEY_PROPERTIES, type Props } from './key-properties.ts';

/** What a comparison needs of a synthesized template: resources per type, and the key properties' values. */
export interface TemplateSummary {
  /** How many resources of each type, by type. */
  readonly types: Readonly<Record<string, number>>;
  /** For each type with key properties (key-properties.ts): each property's values over all its resources, sorted. */
  readonly keys: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

/** A committed template snapshot, parsed: its resources and the names of its parameters. */
export interface TemplateSnapshot {
  readonly resources: Readonly<Record<string, unknown>>;
  readonly parameters: ReadonlySet<string>;
}

/**
 * Parses a committed template snapshot's text. `file` names the snapshot in the OAR330 error a
 * file that is not a CloudFormation template gets, with how to regenerate it.
 */
export function parseTemplateSnapshot(text: string, file: string, id: string): TemplateSnapshot {
  const refuse = (what: string) =>
    new OarError(
      'OAR330',
      `${file}: ${what}; regenerate it with \`OAR_ENTRIES=${id} npx vitest run test/entries.test.ts -u\``,
    );
  let template: unknown;
  try {
    template = JSON.parse(text);
  } catch {
    // Not the parser's message: it quotes the file, which a contributor wrote.
    throw refuse('it is not valid JSON');
  }
  const resources = field(template, 'Resources');
  if (resources === undefined) throw refuse('it has no Resources object');
  return { resources, parameters: new Set(Object.keys(field(template, 'Parameters') ?? {})) };
}

/** The summary of a committed template snapshot's text; a file that is not a template is an OAR330 error. */
export function summarizeTemplateText(text: string, file: string, id: string): TemplateSummary {
  const { resources, parameters } = parseTemplateSnapshot(text, file, id);
  return summarizeTemplate(resources, parameters);
}

/** Counts resources by type and collects the key properties' values; resources are matched by type, never by logical id. */
export function summarizeTemplate(
  resources: Readonly<Record<string, unknown>>,
  parameters: ReadonlySet<string>,
): TemplateSummary {
  const types: Record<string, number> = {};
  const keys: Record<string, Record<string, string[]>> = {};
  for (const resource of Object.values(resources)) {
    const type = typeof resource === 'object' && resource !== null ? (resource as { Type?: unknown }).Type : undefined;
    if (typeof type !== 'string') continue;
    types[type] = (types[type] ?? 0) + 1;
    const props: Props = field(resource, 'Properties') ?? {};
    for (const key of KEY_PROPERTIES[type] ?? []) {
      const byLabel = (keys[type] ??= {});
      (byLabel[key.label] ??= []).push(...key.values(props, { parameters }));
    }
  }
  for (const byLabel of Object.values(keys))
    for (const values of Object.values(byLabel)) values.sort(compareCodePoints);
  return { types, keys };
}

function field(value: unknown, key: string): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = (value as Record<string, unknown>)[key];
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
