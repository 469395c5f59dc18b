import { HtmlValidate, type ConfigData } from 'html-validate';
import { GISCUS_ORIGIN } from '../../site/data/giscus.ts';

/**
 * The HTML rules the built site is held to: html-validate's recommended and full-document presets. Each rule
 * relaxed below says why; none hides markup the HTML standard forbids.
 */
export const MARKUP_RULES: ConfigData = {
  extends: ['html-validate:recommended', 'html-validate:document'],
  rules: {
    // The browse filters are checkbox groups: one name, one value per box, as HTML forms intend.
    'form-dup-name': ['error', { shared: ['radio', 'checkbox', 'submit', 'button', 'reset'] }],
    // Shiki colours code and mermaid styles its SVGs inline (both sanitized; the CSP allows inline style for them).
    'no-inline-style': 'off',
    // Titles hold entry titles (up to 80 characters; a compare page names two): long for a search result, not invalid.
    'long-title': 'off',
    // HTML allows any id without spaces; an advisory's anchor is `<entry>/<advisory>`, an address the feeds publish.
    'valid-id': ['error', { relaxed: true }],
    // Entry text shown as written (diagram sources, stack code in <pre>) may end lines with spaces: content, not markup.
    'no-trailing-whitespace': 'off',
    // Integrity hashes guard files from other hosts: the site's own files need none. giscus's script (opt-in comments)
    // changes with each giscus release and has no published hash; the CSP allows exactly its origin instead.
    'require-sri': ['error', { target: 'crossorigin', exclude: [`${GISCUS_ORIGIN}/`] }],
  },
};

/** A validator with the site's rules. */
export function siteValidator(): HtmlValidate {
  return new HtmlValidate(MARKUP_RULES);
}

/** What the validator finds wrong in one page, a line each: `<name>:<line>:<column> <rule> <message>`. */
export async function markupProblems(validator: HtmlValidate, html: string, name: string): Promise<string[]> {
  const report = await validator.validateString(html, name);
  return report.results.flatMap((r) =>
    r.messages.map((m) => `${name}:${m.line}:${m.column} ${m.ruleId} ${m.message} (${m.selector ?? 'document'})`),
  );
}
