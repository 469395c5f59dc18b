import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { openSiteBasics, siteNotes } from '../data/open-site-catalogue.ts';

// The worker side of openInWorker(): the checked catalogue first, so the content loader can start, then
// the notes it waits for, then (while Astro builds) the search index, which it writes into the built
// site when the integration says where, with mermaid's browser files if pages draw their own diagrams.
const { root } = workerData as { root: string };
const written = new Promise<{ dir: string; mermaid: boolean }>((resolve) => {
  parentPort?.once('message', resolve);
});
const basics = openSiteBasics(root);
parentPort?.postMessage({ basics });
parentPort?.postMessage({ notes: await siteNotes(basics.catalogue) });

// Loaded only now, like Sätteri and Shiki: the build waits for the catalogue, not for these.
const { siteSearchFiles } = await import('../data/search-files.ts');
const files = siteSearchFiles(basics);
const { dir, mermaid } = await written;
const dirs = new Set([...files.keys()].map((path) => dirname(join(dir, path))));
await Promise.all([...dirs].map((d) => mkdir(d, { recursive: true })));
await Promise.all([...files].map(([path, json]) => writeFile(join(dir, path), json)));
if (mermaid) {
  const { MERMAID_VENDOR_DIR, writeMermaidVendor } = await import('../data/mermaid-vendor.ts');
  await writeMermaidVendor(join(dir, MERMAID_VENDOR_DIR));
}
parentPort?.postMessage({ written: true });
