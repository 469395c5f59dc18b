import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Where the built site keeps mermaid's own browser build, for pages that draw diagrams themselves. */
export const MERMAID_VENDOR_DIR = 'vendor/mermaid';
/** mermaid's prebuilt ES module as the site serves it; it loads its chunks relative to itself. */
export const MERMAID_ENTRY = 'mermaid.esm.min.js';
/** The same module as mermaid ships it, in its package's dist/ folder (`astro dev` serves it from there). */
export const MERMAID_DIST_ENTRY = 'mermaid.esm.min.mjs';

// Static hosts (S3 sync, some servers) serve .mjs as application/octet-stream, which browsers refuse for
// module scripts; .js is served as JavaScript everywhere, so the files and their imports are renamed.
const asJs = (name: string) => name.replace(/\.mjs$/u, '.js');
const renameImports = (code: string) => code.replace(/\.mjs(["'])/gu, '.js$1');

/**
 * Writes mermaid's prebuilt browser files (without source maps) into `dir`, which
 * becomes the built site's MERMAID_VENDOR_DIR. Bundling the same code with Vite cost
 * about 3 s of every build that falls back to client-side diagrams; a copy costs
 * almost nothing, and the build's worker does it while Astro builds.
 */
export async function writeMermaidVendor(dir: string): Promise<void> {
  const dist = join(dirname(createRequire(import.meta.url).resolve('mermaid/package.json')), 'dist');
  const chunks = join('chunks', MERMAID_DIST_ENTRY.replace(/\.mjs$/u, ''));
  const copy = async (from: string, to: string) => {
    await writeFile(join(dir, to), renameImports(await readFile(join(dist, from), 'utf8')));
  };
  await mkdir(join(dir, chunks), { recursive: true });
  const names = (await readdir(join(dist, chunks))).filter((name) => name.endsWith('.mjs'));
  await Promise.all([
    copy(MERMAID_DIST_ENTRY, MERMAID_ENTRY),
    ...names.map((name) => copy(join(chunks, name), join(chunks, asJs(name)))),
  ]);
}
