import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { openSiteBasics, siteNotes } from '../../site/lib/open-site-catalogue.ts';

// The worker side of openInWorker(): the checked catalogue first, so the build can start, then the notes
// the content loader waits for, then the search index files, written into `searchOut` while Astro builds.
const { root, searchOut } = workerData as { root: string; searchOut: string };
const basics = openSiteBasics(root);
parentPort?.postMessage({ basics });
parentPort?.postMessage({ notes: await siteNotes(basics.catalogue) });
// Loaded only now, like Sätteri and Shiki: the build waits for the catalogue, not for these.
const { siteSearchFiles } = await import('../../site/lib/search-files.ts');
const files = siteSearchFiles(basics);
await Promise.all(
  [...new Set([...files.keys()].map((path) => dirname(join(searchOut, path))))].map((dir) =>
    mkdir(dir, { recursive: true }),
  ),
);
await Promise.all([...files].map(([path, json]) => writeFile(join(searchOut, path), json)));
parentPort?.postMessage({ searchFiles: files.size });
