import type { Element, Root } from 'hast';
import { sanitize } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import Slugger from 'github-slugger';
import { mdxToHast } from 'satteri';
import { diag, type Diagnostic } from '../../../lib/diagnostics.ts';
import { notesBudget } from '../../../lib/notes/budget.ts';
import { mdxSyntaxDiagnostic } from '../../../lib/notes/parse.ts';
import { entryImagePath, unsafeUrl } from '../../../lib/notes/policy.ts';
import { createHighlighter, type Highlighter } from './highlight.ts';
import { lowerMdx } from './lower-mdx.ts';
import { mediaUrl, publishableImage } from './media.ts';
import { NOTES_MARKDOWN } from './notes-markdown.ts';
import { NOTES_SCHEMA } from './notes-schema.ts';

/** An entry's README.mdx as the entry page shows it. */
export interface RenderedNotes {
  readonly html: string;
  /** Local images the notes show, as paths inside the entry folder; the site copies them. */
  readonly media: readonly string[];
}

/** README.mdx that the MDX parser rejects, as the diagnostic validation gives for it (OAR222, OAR227). */
export class NotesSyntaxError extends Error {
  readonly diagnostic: Diagnostic;
  constructor(diagnostic: Diagnostic) {
    super(`${diagnostic.file}:${String(diagnostic.line)}:${String(diagnostic.col)}  ${diagnostic.message}`);
    this.name = 'NotesSyntaxError';
    this.diagnostic = diagnostic;
  }
}

// &lt; rather than &#x3C;: the page source stays readable.
const SERIALIZE = { characterReferences: { useNamedReferences: true } } as const;

/** Where the notes come from: the catalogue root and the entry folder (for its images), and the README's path. */
export interface NotesSource {
  readonly root: string;
  readonly dir: string;
  readonly text: string;
}

/** Renders one entry's README.mdx; what it had to leave out is reported through `refuse` (OAR230). */
export type NotesRenderer = (source: NotesSource, refuse: (d: Diagnostic) => void) => Promise<RenderedNotes>;

/**
 * Renders README.mdx to HTML from the syntax tree of Sätteri, the MDX parser behind
 * @astrojs/mdx, with Astro's highlighting, heading ids and GFM. Nothing in it is ever
 * run: components become the elements they render, code and raw HTML are left out and
 * reported, link and image targets are checked, and an allowlist sanitizer
 * (NOTES_SCHEMA) has the last word on what reaches the page.
 */
export async function createNotesRenderer(): Promise<NotesRenderer> {
  const highlight = await createHighlighter();
  return async ({ root, dir, text }, refuse) => {
    const file = `${dir}/README.mdx`;
    const tree = parse(file, text);
    lowerMdx(tree, file, refuse);
    const media = checkTargets(tree, { root, dir, file }, refuse);
    if (highlight) await highlightCode(tree, highlight);
    addHeadingIds(tree);
    const html = toHtml(tree, SERIALIZE);
    const clean = toHtml(sanitize(tree, NOTES_SCHEMA), SERIALIZE);
    if (clean !== html) {
      refuse(
        diag(
          'OAR230',
          file,
          `the site's sanitizer removed markup from README.mdx that the renderer let through, near …${firstDifference(html, clean)}…; report this, and run oar validate`,
        ),
      );
    }
    return { html: clean.trim(), media: [...media].sort() };
  };
}

function parse(file: string, text: string): Root {
  const tooComplex = notesBudget(file, text);
  if (tooComplex) throw new NotesSyntaxError(tooComplex);
  try {
    return mdxToHast(text, { features: NOTES_MARKDOWN.features }) as Root;
  } catch (error) {
    // Parse errors name their place; anything else is not the notes' fault.
    const diagnostic = mdxSyntaxDiagnostic(file, error instanceof Error ? error.message : String(error));
    if (!diagnostic) throw error;
    throw new NotesSyntaxError(diagnostic);
  }
}

/** Every element of the tree in document order (a stack, not recursion: hostile notes can nest deep). */
function* elements(tree: Root): Generator<Element> {
  const stack: (Root | Element)[] = [tree];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.type === 'element') yield node;
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i];
      if (child?.type === 'element') stack.push(child);
    }
  }
}

/**
 * Drops link targets that could run code, and images that are not the entry's own raster
 * files; points the others at the media folder beside the entry page. Returns the images.
 */
function checkTargets(
  tree: Root,
  where: { root: string; dir: string; file: string },
  refuse: (d: Diagnostic) => void,
): Set<string> {
  const media = new Set<string>();
  const left = (what: string, code: string) => {
    refuse(
      diag('OAR230', where.file, `the site left out ${what} from README.mdx (oar validate reports this as ${code})`),
    );
  };
  for (const el of elements(tree)) {
    const href = el.properties['href'];
    if (el.tagName === 'a' && typeof href === 'string' && unsafeUrl(href) !== undefined) {
      left(`a link to ${unsafeUrl(href) ?? ''}`, 'OAR221');
      delete el.properties['href'];
    }
    if (el.tagName !== 'img') continue;
    const src = el.properties['src'];
    const rel = typeof src === 'string' ? entryImagePath(src) : undefined;
    const check =
      rel === undefined ? { refused: 'it is not a file of the entry' } : publishableImage(where.root, where.dir, rel);
    if (rel === undefined || 'refused' in check) {
      left(`the image ${String(src)}, because ${'refused' in check ? check.refused : ''}`, 'OAR208 or OAR228');
      const alt = el.properties['alt'];
      el.tagName = 'span';
      el.properties = {};
      el.children = typeof alt === 'string' ? [{ type: 'text', value: alt }] : [];
      continue;
    }
    media.add(rel);
    el.properties['src'] = mediaUrl(rel);
    el.properties['loading'] = 'lazy';
    el.properties['decoding'] = 'async';
  }
  return media;
}

async function highlightCode(tree: Root, highlight: Highlighter): Promise<void> {
  for (const pre of elements(tree)) {
    const code =
      pre.tagName === 'pre' ? pre.children.find((c) => c.type === 'element' && c.tagName === 'code') : undefined;
    if (code?.type !== 'element') continue;
    const data = code.data as { lang?: string | null; meta?: string | null } | undefined;
    const lang = data?.lang ?? 'plaintext';
    if (NOTES_MARKDOWN.syntaxHighlight.excludeLangs.includes(lang)) continue;
    const shown = await highlight(textOf(code).replace(/\n$/u, ''), lang, data?.meta ?? undefined);
    pre.properties = shown.properties;
    pre.children = shown.children;
  }
}

/** Heading ids as Astro gives them: GitHub's slugs of the heading text, numbered when repeated. */
function addHeadingIds(tree: Root): void {
  const slugger = new Slugger();
  for (const h of elements(tree))
    if (/^h[1-6]$/u.test(h.tagName) && h.properties['id'] === undefined) h.properties['id'] = slugger.slug(textOf(h));
}

function textOf(node: Root | Element): string {
  let text = '';
  const stack: Root['children'][number][] = [...node.children].reverse();
  for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
    if (n.type === 'text') text += n.value;
    else if (n.type === 'element')
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as Element);
  }
  return text;
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return a.slice(Math.max(0, i - 20), i + 40);
}

/** Every entry's notes by id, and the problems met: notes MDX could not parse, and content the renderer left out. */
export interface CatalogueNotes {
  readonly byId: ReadonlyMap<string, RenderedNotes>;
  readonly diagnostics: readonly Diagnostic[];
}

/** Renders every entry's notes, one after another (Shiki and Sätteri are synchronous underneath). */
export async function renderCatalogueNotes(
  root: string,
  entries: readonly { readonly id: string; readonly dir: string; readonly readme: string }[],
): Promise<CatalogueNotes> {
  const render = await createNotesRenderer();
  const byId = new Map<string, RenderedNotes>();
  const diagnostics: Diagnostic[] = [];
  for (const e of entries) {
    try {
      byId.set(e.id, await render({ root, dir: e.dir, text: e.readme }, (d) => diagnostics.push(d)));
    } catch (error) {
      if (!(error instanceof NotesSyntaxError)) throw error;
      diagnostics.push(error.diagnostic);
    }
  }
  return { byId, diagnostics };
}
