import { escapeControls } from '../../../lib/control-chars.ts';
import { affects, compareAdvisories, globalAdvisoryId } from '../../../lib/resolve/advisories.ts';
import type { ResolvedEntry } from '../../../lib/resolve/resolve-catalogue.ts';
import { upstreamHeadline } from '../../../lib/resolve/upstream.ts';
import { labelOf } from '../../../lib/vocabulary.ts';
import { openForReading, requireEntry } from '../catalogue-access.ts';
import type { ShowOptions } from '../commands/show.ts';
import type { CommandContext } from '../context.ts';

/** `oar show <id>`: the facts of one entry a person needs before adopting it. */
export async function show(id: string, opts: ShowOptions, ctx: CommandContext): Promise<number> {
  const entry = requireEntry(openForReading(ctx), id);
  if (opts.json) {
    const upstream = entry.upstream && { ...entry.upstream, newer: entry.upstream.newer.map((r) => r.version) };
    ctx.io.out(JSON.stringify({ ...entry.meta, dir: entry.dir, lineage: entry.lineage, upstream }, null, 2));
  } else {
    ctx.io.out(renderEntry(entry));
  }
  return 0;
}

/**
 * The terminal view of an entry. The title and every item stay on their own line (a
 * newline in them shows as `\n`), so an entry cannot forge headings or lines of another
 * section; the summary is the one free paragraph.
 */
export function renderEntry(e: ResolvedEntry): string {
  const m = e.meta;
  const lines: string[] = [];
  const section = (title: string, items: readonly string[]) => {
    if (items.length === 0) return;
    lines.push('', title, ...items.map((i) => `  ${escapeControls(i)}`));
  };
  lines.push(
    escapeControls(m.title),
    `${m.id} ${m.version} (${m.status})${m.replacedBy ? `, replaced by ${m.replacedBy}` : ''}`,
    '',
    m.summary,
  );
  section('Categories', [m.categories.map((c) => labelOf('category', c)).join(', ')]);
  section('Services', [m.services.map((s) => labelOf('service', s)).join(', ')]);
  if (m.tags && m.tags.length > 0) section('Tags', [m.tags.join(', ')]);
  section(
    'Use it for',
    m.useCases.map((u) => `- ${u}`),
  );
  section(
    'Not for',
    m.notFor.map((u) => `- ${u}`),
  );
  section(
    'Constraints',
    m.constraints.map((c) => `- [${c.kind}] ${c.text}${c.checks || c.operational ? evidenceNote(c) : ''}`),
  );
  section(
    'Limitations',
    m.limitations.map((l) => `- ${l}`),
  );
  section(
    'Failure modes',
    m.failureModes.map((f) => `- ${f.scenario}: ${f.impact}. ${f.mitigation}${evidenceNote(f)}`),
  );
  section('Cost', [
    `$${m.cost.monthlyUsd.low}-$${m.cost.monthlyUsd.high} a month (as of ${m.cost.asOf}). ${m.cost.assumptions}`,
    ...m.cost.drivers.map((d) => `- ${d}`),
  ]);
  section(
    'Parameters',
    (m.parameters ?? []).map((p) => `--param ${p.name}=${String(p.default)}  (${p.type}) ${p.description}`),
  );
  section(
    'Outputs',
    (m.outputs ?? []).map((o) => `${o.name}: ${o.description}`),
  );
  const lineage: string[] = [];
  if (e.lineage.parent) {
    lineage.push(`forked from ${e.lineage.parent.id} ${e.lineage.parent.version}: ${e.lineage.parent.reason}`);
    lineage.push(...e.lineage.parent.changes.map((c) => `  - ${c.change}${evidenceNote(c)}`));
  }
  if (e.upstream)
    lineage.push(
      `${upstreamHeadline(e.upstream)}${e.upstream.state === 'up-to-date' ? '' : `: run oar upstream ${e.id}`}`,
    );
  if (e.lineage.forks.length > 0) lineage.push(`forks: ${e.lineage.forks.join(', ')}`);
  section('Lineage', lineage);
  section(
    'Advisories',
    [...(m.advisories ?? [])]
      .sort(compareAdvisories)
      .map(
        (a) =>
          `- [${a.severity}] ${globalAdvisoryId(m.id, a.id)} (${a.date}; affects ${a.affected}; ${a.fixedIn ? `fixed in ${a.fixedIn}` : 'no fix yet'}${affects(a, m.version) ? ', INCLUDING THIS VERSION' : ''}): ${a.title}`,
      ),
  );
  if (m.related && m.related.length > 0) section('Related', [m.related.join(', ')]);
  section('Files', [`${e.dir}/`, ...e.diagrams.map((d) => `${e.dir}/${d.file} (${d.title})`)]);
  return lines.join('\n');
}

/** How a promise is kept, as `oar show` prints it after the promise: its claims, its runbook, or neither. */
function evidenceNote(item: { checks?: readonly string[]; operational?: { runbook: string } }): string {
  const parts = [
    ...(item.checks ? [`checked by ${item.checks.join(', ')}`] : []),
    ...(item.operational ? [`runbook: ${item.operational.runbook}`] : []),
  ];
  return ` [${parts.length > 0 ? parts.join('; ') : 'not checked'}]`;
}
