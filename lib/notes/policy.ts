import { posix } from 'node:path';

/**
 * What an entry's README.mdx may contain beyond Markdown: the site's components with
 * plain-string props, imported from the component library, and links to web pages.
 * Validation (lib/validate/rules/notes-*.ts) and the site's renderer
 * (site/data/notes/) both enforce it, each on the tree it reads.
 */

/** The only module an entry's README.mdx may import: the site's component library. */
export const COMPONENT_LIBRARY = '@oar/components';

/** Components of the site's library and the props each takes, all plain strings (site/components/mdx/; a test keeps the two in step). */
export const MDX_COMPONENTS: Readonly<Record<string, readonly string[]>> = { Callout: ['title'] };

/** The names of the library's components. */
export const componentNames = (): string[] => Object.keys(MDX_COMPONENTS);

/** The props `name` takes, or undefined when it is not a component of the library. */
export function componentProps(name: string): readonly string[] | undefined {
  return Object.hasOwn(MDX_COMPONENTS, name) ? MDX_COMPONENTS[name] : undefined;
}

// `import { Callout } from '@oar/components'` and nothing more: one statement, named imports only.
const IMPORT =
  /^import\s*\{\s*([A-Za-z]\w*(?:\s*,\s*[A-Za-z]\w*)*)\s*,?\s*\}\s*from\s*(['"])@oar\/components\2\s*;?\s*$/u;

/** Whether one line of an ESM block is exactly an import of library components. */
function isLibraryImport(line: string): boolean {
  const names = IMPORT.exec(line.trim())?.[1];
  return names !== undefined && names.split(',').every((n) => componentProps(n.trim()) !== undefined);
}

/**
 * The statements of an ESM block (MDX joins consecutive import and export lines into
 * one) other than a one-line import of library components, each with the index of its
 * first line in the block. A statement runs from a line that starts with `import` or
 * `export` to the next such line.
 */
export function foreignEsm(esm: string): { readonly index: number; readonly text: string }[] {
  const statements: { index: number; text: string }[] = [];
  for (const [index, line] of esm.split(/\r\n|\r|\n/u).entries()) {
    const last = statements.at(-1);
    if (last && !/^\s*(import|export)\b/u.test(line)) last.text += `\n${line}`;
    else statements.push({ index, text: line });
  }
  return statements.filter(({ text }) => text.trim() !== '' && !isLibraryImport(text));
}

/** Why a link target may not be followed from an entry page, or undefined when it may (http, https, mailto, relative). */
export function unsafeUrl(url: string): string | undefined {
  // Browsers drop ASCII whitespace and control characters inside a scheme, so `java\tscript:` is still script.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const compact = url.replace(/[\u0000-\u0020\u007f]/gu, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/iu.exec(compact)?.[1]?.toLowerCase();
  if (scheme === undefined || ['http', 'https', 'mailto'].includes(scheme)) return undefined;
  return `a ${scheme}: URL`;
}

/** Image files the site publishes from an entry: raster formats only, which never run script on the site's origin. */
export const RASTER_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
};

/** The raster type a file name's extension claims, or undefined for any other file. */
export function rasterTypeOf(name: string): string | undefined {
  const ext = /\.([a-z0-9]+)$/iu.exec(name)?.[1]?.toLowerCase();
  return ext !== undefined && Object.hasOwn(RASTER_TYPES, ext) ? RASTER_TYPES[ext] : undefined;
}

/**
 * The path inside the entry folder that an image target names, decoded and normalised;
 * undefined for a URL with a scheme or a host. The result may start with `../`: callers
 * refuse that, as it leaves the entry.
 */
export function entryImagePath(target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/iu.test(target) || target.startsWith('//')) return undefined;
  let path = target.split(/[?#]/u)[0] ?? '';
  try {
    path = decodeURIComponent(path);
  } catch {
    // Malformed escapes stay as written; such a file does not exist, so the caller reports it.
  }
  return posix.normalize(path.replace(/\\/gu, '/').replace(/^\/+/u, ''));
}

/** Whether a normalised entry path leaves the entry folder. */
export const leavesEntry = (rel: string): boolean => rel === '..' || rel.startsWith('../');
