import { parentPort, workerData } from 'node:worker_threads';
import { openSiteBasics, siteNotes } from '../../site/lib/open-site-catalogue.ts';

// The worker side of openInWorker(): the checked catalogue first, so the build can start, then the notes.
const { root } = workerData as { root: string };
const basics = openSiteBasics(root);
parentPort?.postMessage({ basics });
parentPort?.postMessage({ notes: await siteNotes(basics.catalogue) });
