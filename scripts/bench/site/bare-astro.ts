import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The astro CLI the baseline is built with: the same Astro as the site. */
export const ASTRO = join(fileURLToPath(new URL('../../..', import.meta.url)), 'node_modules/astro/bin/astro.mjs');

/** The baseline: the same README text as plain Markdown pages with one layout, nothing else. */
export function writeBareProject(dir: string, catalogueRoot: string): void {
  writeFileSync(
    join(dir, 'astro.config.mjs'),
    "import { defineConfig } from 'astro/config';\n\nexport default defineConfig({ outDir: './dist' });\n",
  );
  mkdirSync(join(dir, 'src/layouts'), { recursive: true });
  mkdirSync(join(dir, 'src/pages/architectures'), { recursive: true });
  writeFileSync(
    join(dir, 'src/layouts/Page.astro'),
    '---\nconst { frontmatter } = Astro.props;\n---\n<html lang="en"><head><meta charset="utf-8" /><title>{frontmatter.title}</title></head><body><main><h1>{frontmatter.title}</h1><slot /></main></body></html>\n',
  );
  for (const id of readdirSync(join(catalogueRoot, 'architectures'))) {
    const readme = readFileSync(join(catalogueRoot, 'architectures', id, 'README.mdx'), 'utf8');
    writeFileSync(
      join(dir, 'src/pages/architectures', `${id}.md`),
      `---\nlayout: ../../layouts/Page.astro\ntitle: ${JSON.stringify(id)}\n---\n\n${readme}`,
    );
  }
}
