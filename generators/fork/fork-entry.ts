import { parseDocument } from 'yaml';
import type { ResolvedEntry } from '../../lib/resolve/resolve-catalogue.ts';

/** What a fork records about itself. */
export interface ForkOptions {
  readonly newId: string;
  readonly reason: string;
  readonly changes: readonly string[];
  readonly title?: string | undefined;
  /** YYYY-MM-DD, for the new CHANGELOG. */
  readonly today: string;
  /** The catalogue commit the parent was read at, when its folder is committed as it is. */
  readonly commit?: string | undefined;
}

/** The version every fork starts at. */
export const FORK_VERSION = '0.1.0';

/**
 * Rewrites a parent's architecture.yaml for its fork: new id, reset version,
 * draft status and forkedFrom. Comments and layout of the parent are kept; a value
 * that a YAML 1.1 reader would read differently (a date, `off`) is written quoted.
 */
export function forkMetadata(parentYaml: string, parent: ResolvedEntry, o: ForkOptions): string {
  const doc = parseDocument(parentYaml, { compat: 'yaml-1.1' });
  doc.set('id', o.newId);
  doc.set('title', o.title ?? forkTitle(parent.meta.title));
  doc.set('version', FORK_VERSION);
  doc.set('status', 'draft');
  doc.delete('replacedBy');
  // The parent's advisories name the parent's releases; the fork is told of them through forkedFrom.
  doc.delete('advisories');
  const related = (parent.meta.related ?? []).filter((r) => r !== o.newId);
  if (!related.includes(parent.id)) related.unshift(parent.id);
  doc.set('related', related);
  const changes = o.changes.length > 0 ? o.changes : [`Describe what this fork changes from ${parent.id}.`];
  doc.set('forkedFrom', {
    id: parent.id,
    version: parent.meta.version,
    ...(o.commit !== undefined && { commit: o.commit }),
    reason: o.reason,
    changes: changes.map((change) => ({ change })),
  });
  return doc.toString({ lineWidth: 0 });
}

/** A fresh CHANGELOG whose first entry points back at the parent. */
export function forkChangelog(parent: ResolvedEntry, o: ForkOptions): string {
  return `# Changelog

## ${FORK_VERSION} - ${o.today}

- Forked from ${parent.id} ${parent.meta.version}: ${o.reason}
${o.changes.map((c) => `- ${c}`).join('\n')}
`.replace(/\n\n$/, '\n');
}

function forkTitle(title: string): string {
  const suffix = ' (fork)';
  return title.length + suffix.length <= 80 ? `${title}${suffix}` : `${title.slice(0, 80 - suffix.length)}${suffix}`;
}
