import { Worker } from 'node:worker_threads';
import type { CatalogueNotes } from '../data/notes/render-notes.ts';
import type { SiteBasics } from '../data/site-catalogue.ts';

/** The worker's side of a site build, as promises of what it sends. */
export interface OpeningCatalogue {
  /** The checked catalogue, as soon as it is open. */
  readonly basics: Promise<SiteBasics>;
  /** Every entry's notes. */
  readonly notes: Promise<CatalogueNotes>;
  /**
   * Has the worker write the search index into the built site at `dir`, and mermaid's
   * browser files too when `mermaid`; resolves once they are written.
   */
  write(dir: string, mermaid: boolean): Promise<undefined>;
  /** Stops the worker wherever it is, so that it writes nothing more. */
  stop(): Promise<void>;
}

type Message = { basics: SiteBasics } | { notes: CatalogueNotes } | { written: true };

/**
 * Opens the catalogue at `root` and renders its notes in a worker thread, then builds
 * its search index there while Astro builds the pages: validating 1,000 entries takes
 * about a second and rendering their notes two, so on a second core they overlap with
 * Astro's own start and bundling.
 */
export function openInWorker(root: string): OpeningCatalogue {
  const basics = Promise.withResolvers<SiteBasics>();
  const notes = Promise.withResolvers<CatalogueNotes>();
  const written = Promise.withResolvers<undefined>();
  const all = [basics, notes, written];
  // Any may fail before the caller awaits it; it does await each, so none counts as unhandled meanwhile.
  for (const { promise } of all) promise.catch(() => undefined);
  const fail = (error: unknown) => {
    for (const { reject } of all) reject(error);
  };
  const worker = new Worker(new URL('./catalogue-worker.ts', import.meta.url), { workerData: { root } });
  worker.on('message', (message: Message) => {
    if ('basics' in message) basics.resolve(message.basics);
    else if ('notes' in message) notes.resolve(message.notes);
    else written.resolve(undefined);
  });
  worker.once('error', fail);
  // After all three messages this rejects nothing: a settled promise ignores it.
  worker.once('exit', (code) => {
    fail(new Error(`the thread that opens the catalogue stopped (exit code ${String(code)}) before it finished`));
  });
  return {
    basics: basics.promise,
    notes: notes.promise,
    write: (dir, mermaid) => {
      worker.postMessage({ dir, mermaid });
      return written.promise;
    },
    stop: async () => {
      await worker.terminate();
    },
  };
}
