import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Where the built site keeps mermaid's own browser build, for pages that draw diagrams themselves. */
export const MERMAID_VENDOR_DIR = 'vendor/mermaid';
/** mermaid's prebuilt ES module as the site serves it; it loads its chunks relative to itself. */
export const MERMAID_ENTRY = 'mermaid.esm.min.js';

// Static hosts (S3 sync, some servers) serve .mjs as application/octet-stream, which browsers refuse for
// module scripts; .js is served as JavaScript everywhere, so the files and their imports are renamed.
const asJs = (name: string) => name.replace(/\.mjs$/u, '.js');
const renameImports = (code: string) => code.replace(/\.mjs(["'])/gu, '.js$1');

/**
 * Copies mermaid's prebuilt browser files (without source maps) into the built
 * site. Bundling the same code with Vite cost about 3 s of every build that
 * falls back to client-side diagrams; a copy costs almost nothing.
 */
export function copyMermaidVendor(outDir: string): void {
  const dist = join(dirname(createRequire(import.meta.url).resolve('mermaid/package.json')), 'dist');
  const target = join(outDir, MERMAID_VENDOR_DIR);
  const copy = (from: string, to: string) => {
    writeFileSync(to, renameImports(readFileSync(from, 'utf8')));
  };
  mkdirSync(join(target, 'chunks', 'mermaid.esm.min'), { recursive: true });
  copy(join(dist, 'mermaid.esm.min.mjs'), join(target, MERMAID_ENTRY));
  for (const name of readdirSync(join(dist, 'chunks', 'mermaid.esm.min'))) {
    if (name.endsWith('.mjs')) {
      copy(join(dist, 'chunks', 'mermaid.esm.min', name), join(target, 'chunks', 'mermaid.esm.min', asJs(name)));
    }
  }
}
