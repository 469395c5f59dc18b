import { diag, type Diagnostic } from '../../diagnostics.ts';
import { wasRefused } from '../../load/entry-files.ts';
import type { LoadedEntry } from '../../load/read-entry.ts';
import { notesOf } from '../../notes/parse.ts';
import { entryImagePath, leavesEntry, RASTER_TYPES, rasterTypeOf, unsafeUrl } from '../../notes/policy.ts';
import { stringField, walkTree, type TreeNode } from '../../notes/walk.ts';
import type { FileRule } from '../rule.ts';

const FORMATS = 'PNG, JPEG, GIF, WebP or AVIF';

/**
 * OAR208/OAR228: an image in the notes, inline or through a reference definition, is a
 * PNG, JPEG, GIF, WebP or AVIF file inside the entry whose bytes match its name. The
 * site publishes it on its own origin, where an SVG or HTML "image" could run script,
 * and serves nothing from elsewhere, which would let a third party track visitors.
 */
export const notesImages: FileRule = (entry) => {
  const readme = entry.readme;
  const parsed = readme && notesOf(readme);
  if (!readme || !parsed || 'problem' in parsed) return [];
  const definitions = new Map<string, string>();
  walkTree(parsed.tree, (node) => {
    const id = stringField(node, 'identifier');
    if (node.type === 'definition' && id !== undefined && !definitions.has(id))
      definitions.set(id, stringField(node, 'url') ?? '');
  });
  const out: Diagnostic[] = [];
  walkTree(parsed.tree, (node, place) => {
    const target = imageTarget(node, definitions);
    if (target === undefined) return;
    const problem = imageProblem(entry, target);
    if (problem) out.push(diag(problem[0], readme.file, problem[1], place ?? { line: 1, col: 1 }));
  });
  return out;
};

/** The URL an image node shows, references resolved; undefined for other nodes and dangling references. */
function imageTarget(node: TreeNode, definitions: ReadonlyMap<string, string>): string | undefined {
  if (node.type === 'image') return stringField(node, 'url') ?? '';
  if (node.type !== 'imageReference') return undefined;
  return definitions.get(stringField(node, 'identifier') ?? '');
}

function imageProblem(entry: LoadedEntry, target: string): readonly ['OAR208' | 'OAR228', string] | undefined {
  if (unsafeUrl(target) !== undefined) return undefined; // OAR221's to judge
  const rel = entryImagePath(target);
  if (rel === undefined) {
    return [
      'OAR228',
      `README.mdx shows the image ${target}, from another site; the registry serves only images inside the entry, so download it into the entry (e.g. media/diagram.png) and show that`,
    ];
  }
  if (leavesEntry(rel)) {
    return [
      'OAR208',
      `README.mdx shows the image ${target}, which is outside the entry folder; copy it into the entry`,
    ];
  }
  if (!entry.files.has(rel)) {
    if (wasRefused(entry, rel)) return undefined; // reported where it was read: a link, a special file, too large
    return [
      'OAR208',
      `README.mdx shows the image ${target}, which does not exist in ${entry.dir}/; add the file or remove the image`,
    ];
  }
  const claimed = rasterTypeOf(rel);
  if (claimed === undefined) {
    return [
      'OAR228',
      `README.mdx shows ${rel}, which is not a ${FORMATS} file; SVG and HTML can run script on the site, so convert it to PNG`,
    ];
  }
  const actual = entry.images.get(rel);
  if (actual !== claimed) {
    const is = actual === undefined ? `not a ${FORMATS} image` : `a ${kind(actual)} image`;
    return [
      'OAR228',
      `README.mdx shows ${rel}, whose name says ${kind(claimed)} but whose content is ${is}; save it in the format its name says`,
    ];
  }
  return undefined;
}

/** PNG for image/png, JPEG for image/jpeg, and so on. */
const kind = (type: string): string =>
  Object.entries(RASTER_TYPES)
    .find(([, t]) => t === type)?.[0]
    .toUpperCase()
    .replace('JPG', 'JPEG') ?? type;
