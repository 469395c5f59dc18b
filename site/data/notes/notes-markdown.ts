import type { satteriCreateHighlightFn } from '@astrojs/markdown-satteri';
import { NOTES_FEATURES } from '../../../lib/notes/features.ts';

type HighlightOptions = Parameters<typeof satteriCreateHighlightFn>;

/**
 * How the site renders Markdown in an entry's notes: Astro's defaults (Shiki with
 * github-dark, GFM with footnotes, smart punctuation), written down here because the
 * notes render outside Astro, possibly in a worker thread, before its config exists.
 * The parser's features are validation's too (lib/notes/features.ts).
 */
export const NOTES_MARKDOWN: {
  readonly syntaxHighlight: { type: 'shiki'; excludeLangs: string[] };
  readonly shikiConfig: NonNullable<HighlightOptions[1]>;
  readonly features: typeof NOTES_FEATURES;
} = {
  syntaxHighlight: { type: 'shiki', excludeLangs: ['math'] },
  shikiConfig: { langs: [], langAlias: {}, theme: 'github-dark', themes: {}, wrap: false, transformers: [] },
  features: NOTES_FEATURES,
};
