import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { openSiteBasics, siteNotes } from '../../site/lib/open-site-catalogue.ts';

// The worker side of openInWorker(): the checked catalogue first, so the build can start, then the notes
// the content loader waits for, then the files the site build puts beside Astro's, written into `out`.
const { root, out } = workerData as { root: string; out: string };
// Whether to write mermaid's files comes from the build once it knows if a browser drew the diagrams.
const mermaidOut = new Promise<string | undefined>((resolve) => {
  parentPort?.once('message', (message: { mermaidOut?: string }) => {
    resolve(message.mermaidOut);
  });
});
const basics = openSiteBasics(root);
parentPort?.postMessage({ basics });
parentPort?.postMessage({ notes: await siteNotes(basics.catalogue) });

// Loaded only now, like Sätteri and Shiki: the build waits for the catalogue, not for these.
const { siteSearchFiles } = await import('../../site/lib/search-files.ts');
const files = siteSearchFiles(basics);
const dirs = new Set([...files.keys()].map((path) => dirname(join(out, path))));
await Promise.all([...dirs].map((dir) => mkdir(dir, { recursive: true })));
await Promise.all([...files].map(([path, json]) => writeFile(join(out, path), json)));
const mermaid = await mermaidOut;
if (mermaid) {
  const { writeMermaidVendor } = await import('../../site/lib/mermaid-vendor.ts');
  await writeMermaidVendor(mermaid);
}
parentPort?.postMessage({ written: true });
