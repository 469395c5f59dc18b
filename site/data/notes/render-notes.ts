import type { Element, Root } from 'hast';
import { sanitize } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import Slugger from 'github-slugger';
import { elementsOf, firstLoss, textOf } from '../../../lib/hast-walk.ts';
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
    const { media, code } = prepare(tree, { root, dir, file }, refuse);
    if (highlight) for (const pre of code) await highlightCode(pre, highlight);
    const clean = sanitize(tree, NOTES_SCHEMA) as Root;
    const lost = firstLoss(tree, clean);
    if (lost !== undefined) {
      refuse(
        diag(
          'OAR230',
          file,
          `the site's sanitizer removed ${lost} from README.mdx, which the renderer let through; report this, and run oar validate`,
        ),
      );
    }
    return { html: toHtml(clean, SERIALIZE).trim(), media: [...media].sort() };
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

/**
 * One pass over the elements, in reading order: drops link targets that could run code and
 * images that are not the entry's own raster files, points the others at the media folder
 * beside the entry page, gives headings Astro's ids (GitHub's slugs, numbered when repeated),
 * and finds the code blocks to highlight. Returns the images and the code blocks.
 */
function prepare(
  tree: Root,
  where: { root: string; dir: string; file: string },
  refuse: (d: Diagnostic) => void,
): { media: Set<string>; code: Element[] } {
  const media = new Set<string>();
  const code: Element[] = [];
  const slugger = new Slugger();
  const left = (what: string, codes: string) => {
    refuse(
      diag('OAR230', where.file, `the site left out ${what} from README.mdx (oar validate reports this as ${codes})`),
    );
  };
  for (const el of elementsOf(tree)) {
    const href = el.properties['href'];
    if (el.tagName === 'a' && typeof href === 'string' && unsafeUrl(href) !== undefined) {
      left(`a link to ${unsafeUrl(href) ?? ''}`, 'OAR221');
      delete el.properties['href'];
    } else if (el.tagName === 'img') {
      showImage(el, where, media, left);
    } else if (/^h[1-6]$/u.test(el.tagName) && el.properties['id'] === undefined) {
      el.properties['id'] = slugger.slug(textOf(el));
    } else if (el.tagName === 'pre') {
      code.push(el);
    }
  }
  return { media, code };
}

/** Points an image at the media folder beside the entry page, or turns it into its alt text when the site may not publish it. */
function showImage(
  el: Element,
  where: { root: string; dir: string },
  media: Set<string>,
  left: (what: string, codes: string) => void,
): void {
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
    return;
  }
  media.add(rel);
  el.properties['src'] = mediaUrl(rel);
  el.properties['loading'] = 'lazy';
  el.properties['decoding'] = 'async';
}

/** Highlights a code block as Astro's Markdown would: Shiki's `pre` in place of the plain one. */
async function highlightCode(pre: Element, highlight: Highlighter): Promise<void> {
  const code = pre.children.find((c) => c.type === 'element' && c.tagName === 'code');
  if (code?.type !== 'element') return;
  const data = code.data as { lang?: string | null; meta?: string | null } | undefined;
  const lang = data?.lang ?? 'plaintext';
  if (NOTES_MARKDOWN.syntaxHighlight.excludeLangs.includes(lang)) return;
  const shown = await highlight(textOf(code).replace(/\n$/u, ''), lang, data?.meta ?? undefined);
  pre.properties = shown.properties;
  pre.children = shown.children;
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
