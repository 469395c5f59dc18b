import type { Features } from 'satteri';

/**
 * The Markdown features of an entry's notes: Astro's defaults (GFM with footnotes, smart
 * punctuation). Validation parses with the same features the site renders with, so both
 * read the same tree.
 */
export const NOTES_FEATURES: Features = { gfm: true, smartPunctuation: true };
