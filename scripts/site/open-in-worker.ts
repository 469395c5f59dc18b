import { Worker } from 'node:worker_threads';
import type { CatalogueNotes } from '../../site/lib/notes/render-notes.ts';
import type { SiteBasics } from '../../site/lib/site-catalogue.ts';

/**
 * What the worker sends: the checked catalogue as soon as it is open, then every
 * entry's notes, then how many search index files it wrote.
 */
export interface OpeningCatalogue {
  readonly basics: Promise<SiteBasics>;
  readonly notes: Promise<CatalogueNotes>;
  readonly searchFiles: Promise<number>;
  /** Stops the worker wherever it is, so that it writes nothing more. */
  stop(): Promise<void>;
}

type Message = { basics: SiteBasics } | { notes: CatalogueNotes } | { searchFiles: number };

/**
 * Opens the catalogue at `root`, renders its notes and writes its search index into
 * `searchOut` (lib/index/shards/layout.ts), in a worker thread. Loading Astro takes this
 * thread about a second; validating 1,000 entries takes about one more and rendering
 * their notes two, so on a second core they overlap, and the notes and the index are
 * made while Astro starts its build.
 */
export function openInWorker(root: string, searchOut: string): OpeningCatalogue {
  const basics = Promise.withResolvers<SiteBasics>();
  const notes = Promise.withResolvers<CatalogueNotes>();
  const searchFiles = Promise.withResolvers<number>();
  const all = [basics, notes, searchFiles];
  // Any may fail before the caller awaits it; it does await each, so none counts as unhandled meanwhile.
  for (const { promise } of all) promise.catch(() => undefined);
  const fail = (error: unknown) => {
    for (const { reject } of all) reject(error);
  };
  const worker = new Worker(new URL('./catalogue-worker.ts', import.meta.url), { workerData: { root, searchOut } });
  worker.on('message', (message: Message) => {
    if ('basics' in message) basics.resolve(message.basics);
    else if ('notes' in message) notes.resolve(message.notes);
    else searchFiles.resolve(message.searchFiles);
  });
  worker.once('error', fail);
  // After all three messages this rejects nothing: a settled promise ignores it.
  worker.once('exit', (code) => {
    fail(new Error(`the thread that opens the catalogue stopped (exit code ${String(code)}) before it finished`));
  });
  return {
    basics: basics.promise,
    notes: notes.promise,
    searchFiles: searchFiles.promise,
    stop: async () => {
      await worker.terminate();
    },
  };
}
