import type { Evidence } from '../resolve/evidence.ts';
import { labelOf } from '../vocabulary.ts';
import type { Comparison } from './compare.ts';
import { designSections, metadataSection, templateSection } from './compare-view-tables.ts';
import type { ScenarioSide } from './scenario-diff.ts';
import { cell, header, text, type Block, type EntryHref, type Inline, type ViewSection } from './view-model.ts';

/** The sections of a compare page, in the order a reader weighs two designs. */
export function compareView(c: Comparison, href: EntryHref): ViewSection[] {
  return [
    scenarioSection(c, href),
    ...forkSection(c, href),
    templateSection(c),
    ...designSections(c),
    metadataSection(c),
  ];
}

/** The page's title and opening paragraphs: which two entries, how they relate, and the CLI command. */
export function compareLead(c: Comparison, href: EntryHref): { title: string; paragraphs: Inline[][] } {
  const r = c.relation;
  return {
    title: `${c.from.title} compared with ${c.to.title}`,
    paragraphs: [
      [
        { href: href(c.from.id), text: c.from.title },
        ` (${c.from.id} ${c.from.version}) on the left, `,
        { href: href(c.to.id), text: c.to.title },
        ` (${c.to.id} ${c.to.version}) on the right.`,
      ],
      ...(r ? [[`${r.fork} is a fork of ${r.parent}, taken at version ${r.version}.`]] : []),
      [
        'In a clone: ',
        { code: `npx oar diff ${c.from.id} ${c.to.id}` },
        ', with ',
        { code: '--template' },
        ' for the templates.',
      ],
    ],
  };
}

function scenarioSection(c: Comparison, href: EntryHref): ViewSection {
  const [a, b] = [c.from.id, c.to.id];
  // A side that lists the scenario more than once says which impact each mitigation is for.
  const side = (list: readonly ScenarioSide[], id: string): Block[] =>
    list.length === 0
      ? [{ p: ['Not planned for.'] }]
      : list.flatMap((s) => [
          { p: [...(list.length > 1 ? [{ impact: s.impact }, ': '] : []), s.mitigation] },
          ...evidenceBlocks(s.evidence, id, href),
        ]);
  return {
    id: 'failure-modes',
    heading: 'Failure modes side by side',
    intro: [
      [
        'Each scenario either entry plans for, the impacts that moved first: ',
        { impact: 'none' },
        ' survives unaffected, ',
        { impact: 'degraded' },
        ' keeps serving with less, ',
        { impact: 'outage' },
        ' stops serving.',
      ],
    ],
    tables: [
      {
        caption: `Failure modes: ${a} (left) against ${b} (right)`,
        columns: ['Scenario', 'Impact, left → right', `How ${a} copes`, `How ${b} copes`],
        rows: c.failureModes.map((f) => ({
          cells: [
            header(labelOf('scenario', f.scenario), ' ', { code: f.scenario }),
            text(
              f.impact.from ? { impact: f.impact.from } : 'not planned',
              ' → ',
              f.impact.to ? { impact: f.impact.to } : 'not planned',
              ...(f.verdict === 'same' ? [] : [` (${f.verdict})`]),
            ),
            cell(...side(f.from, a)),
            cell(...side(f.to, b), ...forkRefs(f.forkChanges)),
          ],
        })),
      },
    ],
  };
}

function forkSection(c: Comparison, href: EntryHref): ViewSection[] {
  const r = c.relation;
  if (!r || c.forkChanges.length === 0) return [];
  return [
    {
      id: 'fork-changes',
      heading: `What ${r.fork} changes, and the proof`,
      intro: [
        [
          `Forked from ${r.parent} ${r.version}: ${r.reason} `,
          'A change with claims is proven by ',
          { code: 'oar check' },
          `: each claim fails on ${r.parent}'s template and holds on ${r.fork}'s.`,
        ],
      ],
      tables: [
        {
          caption: `Changes ${r.fork} makes to ${r.parent}`,
          columns: ['#', 'Change', 'Proof'],
          rows: c.forkChanges.map((e, i) => ({
            id: `fork-change-${i + 1}`,
            cells: [header(String(i + 1)), text(e.label), cell(...evidenceBlocks(e, r.fork, href))],
          })),
        },
      ],
    },
  ];
}

/** Links to the fork changes behind a scenario's fork side. */
function forkRefs(indexes: readonly number[]): Block[] {
  if (indexes.length === 0) return [];
  const links = indexes.flatMap((i, n): Inline[] => [
    n > 0 ? ', ' : ' ',
    { href: `#fork-change-${i + 1}`, text: String(i + 1) },
  ]);
  return [{ p: [{ label: 'Fork changes behind it:' }, ...links] }];
}

/** How a promise is kept, as the entry page's EvidenceNote says it: its claims, its runbook, or neither. */
function evidenceBlocks(e: Evidence | undefined, id: string, href: EntryHref): Block[] {
  if (!e || e.state === 'none') return [{ p: [{ label: 'Not checked' }] }];
  const blocks: Block[] = [];
  if (e.checks.length > 0) {
    blocks.push({ p: [{ label: e.kind === 'fork-change' ? 'Proven difference:' : 'Checked in the template:' }] });
    blocks.push({ ul: e.checks.map((k) => [k.text ?? k.id, ' ', { code: k.id }]) });
  }
  if (e.operational) {
    blocks.push({
      p: [
        { label: 'Operational:' },
        ` ${e.operational.steps} `,
        { href: href(id, e.operational.runbook), text: 'Runbook steps' },
      ],
    });
  }
  return blocks;
}
