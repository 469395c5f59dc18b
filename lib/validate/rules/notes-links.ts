import { diag, type Diagnostic } from '../../diagnostics.ts';
import { notesOf } from '../../notes/parse.ts';
import { unsafeUrl } from '../../notes/policy.ts';
import { stringField, walkTree } from '../../notes/walk.ts';
import type { FileRule } from '../rule.ts';

const LINKING = new Set(['link', 'image', 'definition']);

/**
 * OAR221: every link, image and reference definition in the notes, with its URL as the
 * parser decoded it (entities, escapes and line breaks resolved), goes to an http,
 * https or mailto address or a relative path. Anything else (javascript:, data:,
 * vbscript:) could run code on the site when followed.
 */
export const notesLinks: FileRule = (entry) => {
  const readme = entry.readme;
  const parsed = readme && notesOf(readme);
  if (!readme || !parsed || 'problem' in parsed) return [];
  const out: Diagnostic[] = [];
  walkTree(parsed.tree, (node, place) => {
    if (!LINKING.has(node.type)) return;
    const why = unsafeUrl(stringField(node, 'url') ?? '');
    if (why === undefined) return;
    const message =
      node.type === 'image'
        ? `README.mdx shows an image from ${why}, which the site does not publish; save the image in the entry as a PNG file and show that`
        : `README.mdx links to ${why}, which can run code when followed; link to an https:// page instead`;
    out.push(diag('OAR221', readme.file, message, place ?? { line: 1, col: 1 }));
  });
  return out;
};
