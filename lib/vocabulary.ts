import schema from '../schema/architecture.schema.json' with { type: 'json' };
import type { Service } from '../schema/architecture.ts';

interface Vocabulary {
  readonly enum: readonly string[];
  readonly enumDescriptions: readonly string[];
}

function labels(v: Vocabulary): ReadonlyMap<string, string> {
  return new Map(v.enum.map((id, i) => [id, v.enumDescriptions[i] ?? id]));
}

/** Human labels for the controlled vocabularies, read from the schema (their single source). */
export const LABELS = {
  service: labels(schema.definitions.service),
  category: labels(schema.definitions.category),
  scenario: labels(schema.definitions.scenario),
  provider: labels(schema.properties.provider),
} as const;

/** The label for a vocabulary id, or the id itself when it has none. */
export function labelOf(kind: keyof typeof LABELS, id: string): string {
  return LABELS[kind].get(id) ?? id;
}

/** Whether `id` is a service of the schema's vocabulary. */
export function isService(id: string): id is Service {
  return LABELS.service.has(id);
}
