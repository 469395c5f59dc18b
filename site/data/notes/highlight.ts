import type { Element, ElementContent } from 'hast';
import { satteriCreateHighlightFn } from '@astrojs/markdown-satteri';
import { isKnownCodeLanguage } from '../../../lib/validate/code-languages.ts';
import { NOTES_MARKDOWN } from './notes-markdown.ts';

/** Highlights one code block as Astro's Markdown would: a Shiki `pre` in place of the plain one. */
export type Highlighter = (code: string, lang: string, meta: string | undefined) => Promise<Element>;

/**
 * Astro's Shiki highlighter with the site's settings. A language Shiki does not know is
 * shown as plain text, as Shiki itself would, without its warning on every such block;
 * validation reports it (OAR223). Shiki names properties as HTML attributes (`class`,
 * `tabindex`); they are turned into hast's names, which the sanitizer checks.
 */
export async function createHighlighter(): Promise<Highlighter | undefined> {
  const shiki = await satteriCreateHighlightFn(NOTES_MARKDOWN.syntaxHighlight, NOTES_MARKDOWN.shikiConfig);
  if (!shiki) return undefined;
  return async (code, lang, meta) => {
    const pre = (await shiki(code, isKnownCodeLanguage(lang) ? lang : 'plaintext', meta)) as Element;
    normalise(pre);
    return pre;
  };
}

function normalise(node: Element | ElementContent): void {
  if (node.type !== 'element') return;
  const { class: classes, tabindex, ...rest } = node.properties as Record<string, unknown>;
  node.properties = {
    ...(typeof classes === 'string' && { className: classes.split(/\s+/u).filter(Boolean) }),
    ...(rest as Element['properties']),
    ...(tabindex !== undefined && { tabIndex: Number(tabindex) }),
  };
  for (const child of node.children) normalise(child);
}
