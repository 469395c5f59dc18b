import GithubSlugger from 'github-slugger';
import type { SourceFile } from '../../load/read-entry.ts';
import { notesOf } from '../../notes/parse.ts';
import { walkTree, type TreeNode } from '../../notes/walk.ts';

/** The text of a heading as the site's slugs see it: its text and inline code, without markup. */
function textOf(node: TreeNode): string {
  let text = '';
  walkTree(node, (n) => {
    if (n.type === 'text' || n.type === 'inlineCode') text += typeof n['value'] === 'string' ? n['value'] : '';
  });
  return text;
}

/**
 * The ids the site gives the headings inside a README's "## Runbook" section, which
 * operational steps link to. Slugged over the whole document in order, as the site's
 * renderer does, so a repeated heading gets the same numbered id it will have there.
 * Undefined when the README does not parse (its own rule reports that).
 */
export function runbookSlugs(readme: SourceFile): Set<string> | undefined {
  const parsed = notesOf(readme);
  if (!('tree' in parsed)) return undefined;
  const slugger = new GithubSlugger();
  const slugs = new Set<string>();
  let inRunbook = false;
  walkTree(parsed.tree, (node) => {
    if (node.type !== 'heading') return;
    const depth = typeof node['depth'] === 'number' ? node['depth'] : 1;
    const text = textOf(node);
    const slug = slugger.slug(text);
    if (depth <= 2) inRunbook = text.trim().toLowerCase() === 'runbook';
    else if (inRunbook) slugs.add(slug);
  });
  return slugs;
}
