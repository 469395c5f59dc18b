import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { toHtml } from 'hast-util-to-html';
import type { Diagnostic } from '../../lib/diagnostics.ts';
import { Callout } from '../../site/components/mdx/callout.ts';
import { createNotesRenderer, NotesSyntaxError } from '../../site/data/notes/render-notes.ts';

const render = await createNotesRenderer();
const root = mkdtempSync(join(tmpdir(), 'oar-notes-'));
const dir = 'architectures/tiny-web';
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** The smallest PNG header: enough for the site's check of an image's first bytes. */
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

function file(rel: string, content: string | Buffer): void {
  mkdirSync(join(root, dir, rel, '..'), { recursive: true });
  writeFileSync(join(root, dir, rel), content);
}

async function notes(text: string): Promise<{ html: string; media: readonly string[]; refused: Diagnostic[] }> {
  const refused: Diagnostic[] = [];
  const rendered = await render({ root, dir, text }, (d) => refused.push(d));
  return { ...rendered, refused };
}

describe('the component library', () => {
  it('renders Callout as an aside with its title as text', () => {
    const aside = Callout({ title: '<T>' }, [{ type: 'text', value: 'body' }]);
    expect(toHtml(aside)).toBe('<aside class="callout" role="note"><strong>&#x3C;T></strong>body</aside>');
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
    const { html, media, refused } = await notes(
      '## When to use\n\nIt\'s "fast".[^1]\n\n```sh\nnpm ci\n```\n\n## When to use\n\n[^1]: A source, https://example.com\n',
    );
    expect(html).toContain('<h2 id="when-to-use">When to use</h2>');
    expect(html).toContain('<h2 id="when-to-use-1">When to use</h2>');
    expect(html).toContain('It’s “fast”.');
    expect(html).toContain('data-footnote-ref');
    expect(html).toContain('<section data-footnotes');
    expect(html).toMatch(
      /<pre class="astro-code github-dark"[^>]*data-language="sh"[^>]*><code><span class="line"><span style="color:#[0-9A-F]{6}">npm<\/span>/,
    );
    expect(media).toEqual([]);
    expect(refused).toEqual([]);
  });

  it('renders the imported components with their Markdown children, and escapes their props', async () => {
    const { html, refused } = await notes(
      'import { Callout } from \'@oar/components\';\n\n<Callout title="Mind <this>">\nSome **bold** text.\n</Callout>\n\nAfter.\n',
    );
    expect(html).toBe(
      '<aside class="callout" role="note"><strong>Mind &lt;this></strong><p>Some <strong>bold</strong> text.</p></aside>\n<p>After.</p>',
    );
    expect(refused).toEqual([]);
  });

  it('never lets Markdown text become markup', async () => {
    const { html } = await notes('An escaped \\<img src=x onerror=alert(1)> and &lt;script&gt;.\n');
    expect(html).not.toMatch(/<img|<script/);
  });

  it('points the entry’s own images at the media folder beside the entry page and lists them', async () => {
    file('images/plan.png', PNG);
    file('images/rooted.png', PNG);
    const { html, media, refused } = await notes(
      '![Plan](./images/plan.png)\n\n![Rooted](/images/rooted.png)\n\n![Again][r]\n\n[r]: images/plan.png\n',
    );
    expect(html).toContain('src="media/images/rooted.png"');
    expect(html).toContain('src="media/images/plan.png"');
    expect(html).toContain('loading="lazy"');
    expect(media).toEqual(['images/plan.png', 'images/rooted.png']);
    expect(refused).toEqual([]);
  });

  it('reports notes MDX cannot parse with their file, line and column', async () => {
    const error = await notes('Text\n\n<Callout title="x">\nnever closed\n').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotesSyntaxError);
    expect((error as Error).message).toMatch(
      /^architectures\/tiny-web\/README\.mdx:3:1 {2}README\.mdx is not valid MDX: Expected a closing tag for `<Callout>`/,
    );
  });

  it('refuses to parse notes with more { than the parser gets through quickly (OAR227)', async () => {
    const error = await notes(`${'`{a}` '.repeat(1001)}\n`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotesSyntaxError);
    expect((error as NotesSyntaxError).diagnostic.code).toBe('OAR227');
  });
});

// Validation refuses all of these (OAR210, OAR219-OAR221, OAR208, OAR228). The renderer must stop them by itself
// too: a validation gap then fails the build with OAR230, and never runs code or publishes it.
describe('notes that got past validation', () => {
  const pwned = join(root, 'PWNED');
  const code = `globalThis.process.getBuiltinModule('node:fs').writeFileSync(${JSON.stringify(pwned)}, 'x')`;
  const payloads: readonly [string, string, RegExp][] = [
    ['an export', `export const x = ${code}\n\nText.\n`, /the code `export const x/],
    ['an import of node:fs', "import fs from 'node:fs'\n\nText.\n", /the code `import fs from 'node:fs'`/],
    ['a flow expression', `{${code}}\n`, /a \{ expression \}/],
    ['a text expression after an escaped backslash', `Text \\\\{${code}}\n`, /a \{ expression \}/],
    ['an export after lone CRs', `Hello\r\rexport const x = ${code}\r\r`, /the code `export const x/],
    [
      'raw HTML hidden by a fence the line scanner closed early',
      '```\n```text\n```\n<img src="x" onerror="alert(1)" />\n\n<script>alert(1)</script>\n',
      /the tag <img>/,
    ],
    ['a Callout with an expression prop', `<Callout title={${code}}>x</Callout>\n`, /the attribute title of <Callout>/],
    ['a Callout with an event handler', '<Callout title="t" onclick="alert(1)">x</Callout>\n', /the attribute onclick/],
    ['a spread of props', `<Callout {...${code}}>x</Callout>\n`, /the attribute \{\.\.\.\}/],
    ['a fragment', '<>x</>\n', /a fragment/],
    ['a javascript: link by reference', '[click][x]\n\n[x]: javascript:alert(1)\n', /a link to a javascript: URL/],
    ['an entity-encoded javascript: link', '[click](java&#115;cript:alert(4))\n', /a link to a javascript: URL/],
    ['a javascript: link on the next line', '[click](\njavascript:alert(6))\n', /a link to a javascript: URL/],
    ['a data: link', '[x](data:text/html,<script>alert(1)</script>)\n', /a link to a data: URL/],
    [
      'an image outside the entry by reference',
      '![host][h]\n\n[h]: ../../../../etc/hostname\n',
      /the image .*outside the entry/,
    ],
    ['an SVG image', '![d](evil.svg)\n', /not a PNG/],
    ['an HTML "image"', '![d](evil.html)\n', /not a PNG/],
    ['a PNG that is HTML', '![d](fake.png)\n', /content is not what its name says/],
    ['a remote image', '![t](https://attacker.example/pixel.png)\n', /the image https:\/\/attacker/],
  ];

  it.for(payloads)('%s is left out, reported as OAR230, and never run', async ([, text, what]) => {
    file('evil.svg', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    file('evil.html', '<script>alert(1)</script>');
    file('fake.png', '<script>alert(1)</script>');
    const { html, refused } = await notes(text);
    expect(existsSync(pwned), 'the notes ran code').toBe(false);
    expect(refused.map((d) => d.code)).toContain('OAR230');
    expect(refused.map((d) => d.message).join('\n')).toMatch(what);
    expect(html).not.toMatch(/<script|<img(?![^>]*src="media\/)|\son\w+=|javascript:|data:text|<svg|globalThis/iu);
  });
});

describe('the sanitizer', () => {
  it('takes nothing from notes that use every Markdown feature the site shows', async () => {
    file('media/plan.png', PNG);
    const text = [
      '# Title',
      '',
      'Some *em*, **strong**, ~~del~~, `code`, a [link](https://example.org "Title"), www.example.com, a@b.co.',
      'A break  ',
      'here.',
      '',
      '> quote',
      '> > nested',
      '',
      '- a',
      '  - b',
      '- [ ] task',
      '- [x] done',
      '',
      '3. three',
      '4. four',
      '',
      '| Left | Center | Right | None |',
      '|:-----|:------:|------:|------|',
      '| a | b | c | d |',
      '',
      '---',
      '',
      'Footnote[^1].',
      '',
      '[^1]: The *note*.',
      '',
      '```js title="x.js"',
      'const a = 1;',
      '```',
      '',
      '```math',
      'x^2',
      '```',
      '',
      '## Heading with `code` and [a link](https://example.org)',
      '',
      '![A plan](media/plan.png "The plan")',
      '',
      "import { Callout } from '@oar/components'",
      '',
      '<Callout title="Note">',
      'Inside **a callout**.',
      '</Callout>',
      '',
    ].join('\n');
    const { html, refused } = await notes(text);
    expect(refused).toEqual([]);
    expect(html).toContain('<th style="text-align: center">Center</th>');
    expect(html).toContain('title="Title"');
    expect(html).toContain('<ol start="3">');
  });
});
