import type { satteriCreateHighlightFn } from '@astrojs/markdown-satteri';

type HighlightOptions = Parameters<typeof satteriCreateHighlightFn>;

/**
 * How the site renders Markdown in an entry's notes: Astro's defaults (Shiki with
 * github-dark, GFM with footnotes, smart punctuation), written down here because the
 * notes render outside Astro, possibly in a worker thread, before its config exists.
 */
export const NOTES_MARKDOWN: {
  readonly syntaxHighlight: { type: 'shiki'; excludeLangs: string[] };
  readonly shikiConfig: NonNullable<HighlightOptions[1]>;
  readonly features: { readonly gfm: boolean; readonly smartPunctuation: boolean };
} = {
  syntaxHighlight: { type: 'shiki', excludeLangs: ['math'] },
  shikiConfig: { langs: [], langAlias: {}, theme: 'github-dark', themes: {}, wrap: false, transformers: [] },
  features: { gfm: true, smartPunctuation: true },
};
