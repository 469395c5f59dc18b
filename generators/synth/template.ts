import { readFileSync } from 'node:fs';

/** The parts of a CloudFormation template the generators look at. */
export interface CfnTemplate {
  readonly Resources?: Readonly<
    Record<
      string,
      {
        readonly Type: string;
        readonly Properties?: Readonly<Record<string, unknown>>;
        readonly DeletionPolicy?: string;
        readonly UpdateReplacePolicy?: string;
      }
    >
  >;
  readonly Outputs?: Readonly<Record<string, { readonly Value: unknown; readonly Description?: string }>>;
  readonly Parameters?: Readonly<Record<string, unknown>>;
}

/** Reads a synthesized template. */
export function readTemplate(file: string): CfnTemplate {
  return JSON.parse(readFileSync(file, 'utf8')) as CfnTemplate;
}

/** Resource counts by CloudFormation type, most frequent first. */
export function resourcesByType(template: CfnTemplate): [string, number][] {
  const counts = new Map<string, number>();
  for (const r of Object.values(template.Resources ?? {})) counts.set(r.Type, (counts.get(r.Type) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** Logical ids and types of resources that CloudFormation keeps when the stack is deleted. */
export function retainedResources(template: CfnTemplate): { logicalId: string; type: string }[] {
  return Object.entries(template.Resources ?? {})
    .filter(([, r]) => r.DeletionPolicy === 'Retain' || r.DeletionPolicy === 'RetainExceptOnCreate')
    .map(([logicalId, r]) => ({ logicalId, type: r.Type }));
}
