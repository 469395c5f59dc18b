import type { Schema } from 'hast-util-sanitize';

const HEADING = ['id'];

/**
 * Everything an entry's notes may publish, and nothing else: the HTML that Markdown
 * (with GFM tables, task lists and footnotes), the site's components (Callout: an
 * aside with a strong title) and Shiki's highlighting produce. Applied last, to the
 * tree that becomes the page, whatever validation said.
 */
export const NOTES_SCHEMA: Schema = {
  tagNames: [
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'blockquote', 'hr', 'br'],
    ...['a', 'img', 'strong', 'em', 'del', 'code', 'pre', 'span', 'sup'],
    ...['ul', 'ol', 'li', 'input', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'section', 'aside'],
  ],
  attributes: {
    h1: HEADING,
    h2: [...HEADING, ['className', 'sr-only']],
    h3: HEADING,
    h4: HEADING,
    h5: HEADING,
    h6: HEADING,
    a: [
      'href',
      'title',
      'id',
      'dataFootnoteRef',
      'dataFootnoteBackref',
      'ariaDescribedBy',
      'ariaLabel',
      ['className', 'data-footnote-backref'],
    ],
    img: ['src', 'alt', 'title', ['loading', 'lazy'], ['decoding', 'async']],
    code: [['className', /^language-[\w+#.-]+$/u]],
    pre: [['className', 'astro-code', 'github-dark'], 'style', 'tabIndex', 'dataLanguage'],
    span: [['className', 'line'], 'style'],
    ol: ['start', ['className', 'contains-task-list']],
    ul: [['className', 'contains-task-list']],
    li: ['id', ['className', 'task-list-item']],
    input: [['type', 'checkbox'], ['disabled', true], 'checked'],
    // GFM writes a column's alignment as an inline style.
    th: ['align', ['style', /^text-align: (?:left|center|right)$/u]],
    td: ['align', ['style', /^text-align: (?:left|center|right)$/u]],
    section: ['dataFootnotes', ['className', 'footnotes']],
    aside: [
      ['className', 'callout'],
      ['role', 'note'],
    ],
  },
  // Every aside is a note, never a landmark: unnamed landmarks, many to a page, would crowd a screen reader's list.
  required: { input: { type: 'checkbox', disabled: true }, aside: { role: 'note' } },
  // Relative URLs always pass; a URL with a scheme passes only with one of these. Images are the entry's own files.
  protocols: { href: ['http', 'https', 'mailto'], src: [] },
  // Ids come only from heading text (lowercase slugs) and footnotes (already prefixed), never from raw markup.
  clobber: [],
  clobberPrefix: '',
  strip: ['script', 'style'],
  allowComments: false,
  allowDoctypes: false,
};
