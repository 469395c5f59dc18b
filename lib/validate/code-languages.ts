import { bundledLanguages } from 'shiki/langs';

// Names Shiki handles without a grammar (isSpecialLang in @shikijs/primitive), and `math`, which Astro's
// Markdown leaves to a math plugin and never highlights (defaultExcludeLanguages in @astrojs/internal-helpers).
const WITHOUT_GRAMMAR = new Set(['', 'ansi', 'plaintext', 'txt', 'text', 'plain', 'math']);

/** Whether the site's highlighter (Shiki) knows the language a fenced code block names, or needs none. */
export function isKnownCodeLanguage(lang: string): boolean {
  return WITHOUT_GRAMMAR.has(lang) || Object.hasOwn(bundledLanguages, lang);
}
