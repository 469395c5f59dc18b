import { satteriCreateHighlightFn, satteriHeadingIdsPlugin, satteriHighlightPlugin } from '@astrojs/markdown-satteri';
import { mdxToJs } from 'satteri';
import * as library from '../../components/mdx/index.ts';
import { NOTES_MARKDOWN } from './notes-markdown.ts';
import type { Diagnostic } from '../../../lib/diagnostics.ts';
import { mdxSyntaxDiagnostic } from '../../../lib/validate/rules/mdx-syntax.ts';
import { entryImagePath } from '../../../lib/validate/rules/readme-images.ts';
import { isKnownCodeLanguage } from '../../../lib/validate/code-languages.ts';
import { Fragment, Html, jsx } from './html.ts';

/** An entry's README.mdx as the entry page shows it. */
export interface RenderedNotes {
  readonly html: string;
  /** Local images the notes show, as paths inside the entry folder; the site copies them. */
  readonly media: readonly string[];
}

/** README.mdx that the MDX compiler rejects, as the OAR222 diagnostic validation gives for it. */
export class NotesSyntaxError extends Error {
  readonly diagnostic: Diagnostic;
  constructor(diagnostic: Diagnostic) {
    super(`${diagnostic.file}:${String(diagnostic.line)}:${String(diagnostic.col)}  ${diagnostic.message}`);
    this.name = 'NotesSyntaxError';
    this.diagnostic = diagnostic;
  }
}

type MdxContent = (props: { components: Record<string, unknown> }) => Html;

// Static parts of the notes arrive as one HTML string that Sätteri serialized; components render through html.ts.
const STATIC = { component: 'RawHtml', prop: 'html' } as const;
const RawHtml = ({ html }: { html?: unknown }) => new Html(typeof html === 'string' ? html : '');

/** Where an entry page finds a README image: beside it, in media/ (site/pages/architectures/[id]/media/). */
export function mediaUrl(rel: string): string {
  return `media/${rel.split('/').map(encodeURIComponent).join('/')}`;
}

/** Renders one entry's README.mdx: `file` names it in errors. */
export type NotesRenderer = (file: string, text: string) => Promise<RenderedNotes>;

/**
 * Compiles README.mdx with Sätteri, the MDX compiler behind @astrojs/mdx, with the
 * highlighting, heading ids and GFM of Astro's default Markdown settings, and renders
 * it to HTML once, when the catalogue loads. Bundling a module per entry through Vite
 * instead cost more than half of a 1,000-entry build.
 */
export async function createNotesRenderer(): Promise<NotesRenderer> {
  const shiki = await satteriCreateHighlightFn(NOTES_MARKDOWN.syntaxHighlight, NOTES_MARKDOWN.shikiConfig);
  // A language Shiki does not know is shown as plain text, as Shiki itself would, but without its warning on
  // every such block and its attempt to load the language again each time; validation reports it (OAR223).
  const highlight: typeof shiki =
    shiki && ((code, lang, meta) => shiki(code, isKnownCodeLanguage(lang) ? lang : 'plaintext', meta));
  return async (file, text) => {
    const media = new Set<string>();
    const images = {
      name: 'entry-media',
      element: {
        filter: ['img'],
        visit(
          node: { properties?: Record<string, unknown> },
          ctx: { setProperty(n: unknown, k: string, v: unknown): void },
        ) {
          const src = node.properties?.['src'];
          const rel = typeof src === 'string' ? entryImagePath(src) : undefined;
          if (rel === undefined) return;
          media.add(rel);
          ctx.setProperty(node, 'src', mediaUrl(rel));
          ctx.setProperty(node, 'loading', 'lazy');
          ctx.setProperty(node, 'decoding', 'async');
        },
      },
    };
    let code: string;
    try {
      const compiled = await mdxToJs(text, {
        outputFormat: 'function-body',
        optimizeStatic: STATIC,
        elementAttributeNameCase: 'html',
        stylePropertyNameCase: 'css',
        features: NOTES_MARKDOWN.features,
        hastPlugins: [
          ...(highlight ? [satteriHighlightPlugin(highlight, NOTES_MARKDOWN.syntaxHighlight.excludeLangs)] : []),
          images,
          satteriHeadingIdsPlugin(),
        ],
      });
      code = compiled.code;
    } catch (error) {
      // Parse errors name their place; anything else is not the notes' fault.
      const diagnostic = mdxSyntaxDiagnostic(file, error instanceof Error ? error.message : String(error));
      if (!diagnostic) throw error;
      throw new NotesSyntaxError(diagnostic);
    }
    // The function body reads its imports from this object: `import { Callout } from '@oar/components'`
    // becomes `const { Callout } = arguments[0]` (validation rule OAR210 allows no other source). This is how
    // satteri's own evaluate() runs it, but evaluate() passes only the JSX runtime, not the imports.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call
    const module = new Function(code)({ Fragment, jsx, jsxs: jsx, ...library }) as { default: MdxContent };
    return { html: module.default({ components: { RawHtml } }).value, media: [...media].sort() };
  };
}

/** Every entry's notes by id, and the notes MDX could not parse (validation's OAR222 should have caught them). */
export interface CatalogueNotes {
  readonly byId: ReadonlyMap<string, RenderedNotes>;
  readonly diagnostics: readonly Diagnostic[];
}

/** Renders every entry's notes, one after another (Shiki and Sätteri are synchronous underneath). */
export async function renderCatalogueNotes(
  entries: readonly { readonly id: string; readonly dir: string; readonly readme: string }[],
): Promise<CatalogueNotes> {
  const render = await createNotesRenderer();
  const byId = new Map<string, RenderedNotes>();
  const diagnostics: Diagnostic[] = [];
  for (const e of entries) {
    try {
      byId.set(e.id, await render(`${e.dir}/README.mdx`, e.readme));
    } catch (error) {
      if (!(error instanceof NotesSyntaxError)) throw error;
      diagnostics.push(error.diagnostic);
    }
  }
  return { byId, diagnostics };
}
