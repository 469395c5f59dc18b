import { parentPort, workerData } from 'node:worker_threads';
import { openSiteBasics, siteNotes, siteSearchFiles } from '../../site/lib/open-site-catalogue.ts';

// The worker side of openInWorker(): the checked catalogue first, so the build can start, then the notes
// the content loader waits for, then the search index, which only the search endpoint needs, late in the build.
const { root } = workerData as { root: string };
const basics = openSiteBasics(root);
parentPort?.postMessage({ basics });
parentPort?.postMessage({ notes: await siteNotes(basics.catalogue) });
parentPort?.postMessage({ search: await siteSearchFiles(basics) });
