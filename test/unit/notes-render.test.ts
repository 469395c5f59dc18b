import { describe, expect, it, vi } from 'vitest';
import { Callout } from '../../site/components/mdx/callout.ts';
import { escapeHtml, Fragment, Html, jsx, renderChildren } from '../../site/lib/notes/html.ts';
import { createNotesRenderer, NotesSyntaxError } from '../../site/lib/notes/render-notes.ts';

const render = await createNotesRenderer();
const notes = (text: string) => render('architectures/tiny-web/README.mdx', text);

describe('the JSX-to-HTML runtime', () => {
  it('escapes text and attributes, and keeps only Html values raw', () => {
    const el = jsx('a', { href: '/x?a=1&b="2"', children: ['<script>', new Html('<b>ok</b>'), 3, false, null] });
    expect(el.value).toBe('<a href="/x?a=1&amp;b=&quot;2&quot;">&lt;script&gt;<b>ok</b>3</a>');
    expect(escapeHtml(`'&`)).toBe('&#39;&amp;');
  });

  it('renders void elements, boolean and style attributes, fragments and components', () => {
    expect(jsx('img', { src: 'a.png', hidden: true, alt: undefined }).value).toBe('<img src="a.png" hidden>');
    expect(jsx('span', { style: { color: 'red', 'font-weight': 700 }, children: 'x' }).value).toBe(
      '<span style="color:red;font-weight:700">x</span>',
    );
    expect(jsx(Fragment, { children: ['a', 'b'] }).value).toBe('ab');
    expect(renderChildren([jsx(Callout, { title: '<T>', children: 'body' })])).toBe(
      '<aside class="callout"><strong>&lt;T&gt;</strong>body</aside>',
    );
  });
});

describe('README.mdx rendered when the catalogue loads', () => {
  it('shows code in a language Shiki does not know as plain text, without a warning per block', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const { html } = await notes('```commandline\ncurl -s https://example.com\n```\n\n```commandline\nls\n```\n');
      expect(html.match(/data-language="plaintext"/g)).toHaveLength(2);
      expect(html).toContain('curl -s https://example.com');
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('renders Markdown with heading ids, GFM footnotes, smart quotes and highlighted code', async () => {
    const { html, media } = await notes(
      '## When to use\n\nIt\'s "fast".[^1]\n\n```sh\nnpm ci\n```\n\n[^1]: A source, https://example.com\n',
    );
    expect(html).toContain('<h2 id="when-to-use">When to use</h2>');
    expect(html).toContain('It’s “fast”.');
    expect(html).toContain('data-footnote-ref');
    expect(html).toContain('<section data-footnotes');
    expect(html).toMatch(
      /<pre class="astro-code github-dark"[^>]*data-language="sh"><code><span class="line"><span style="color:#[0-9A-F]{6}">npm<\/span>/,
    );
    expect(media).toEqual([]);
  });

  it('renders the imported components with their Markdown children, and escapes their props', async () => {
    const { html } = await notes(
      'import { Callout } from \'@oar/components\';\n\n<Callout title="Mind <this>">\nSome **bold** text.\n</Callout>\n\nAfter.\n',
    );
    expect(html).toBe(
      '<aside class="callout"><strong>Mind &lt;this&gt;</strong><p>Some <strong>bold</strong> text.</p></aside>\n<p>After.</p>',
    );
  });

  it('never lets Markdown text become markup', async () => {
    const { html } = await notes('An escaped \\<img src=x onerror=alert(1)> and &lt;script&gt;.\n');
    expect(html).not.toMatch(/<img|<script/);
  });

  it('points local images at the media folder beside the entry page and lists them, leaving URLs alone', async () => {
    const { html, media } = await notes(
      '![Plan](./images/plan.png)\n\n![Rooted](/images/rooted.png)\n\n![Remote](https://example.com/x.png)\n',
    );
    expect(html).toContain('src="media/images/rooted.png"');
    expect(html).toContain('src="media/images/plan.png"');
    expect(html).toContain('loading="lazy"');
    expect(html).toContain('src="https://example.com/x.png"');
    expect(media).toEqual(['images/plan.png', 'images/rooted.png']);
  });

  it('reports notes MDX cannot parse with their file, line and column', async () => {
    const error = await notes('Text\n\n<Callout title="x">\nnever closed\n').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotesSyntaxError);
    expect((error as Error).message).toMatch(
      /^architectures\/tiny-web\/README\.mdx:3:1 {2}README\.mdx is not valid MDX: Expected a closing tag for `<Callout>`/,
    );
  });
});
