import { Worker } from 'node:worker_threads';
import type { CatalogueNotes } from '../../site/lib/notes/render-notes.ts';
import type { SiteBasics } from '../../site/lib/site-catalogue.ts';

/** What the worker sends: the checked catalogue as soon as it is open, then every entry's notes. */
export interface OpeningCatalogue {
  readonly basics: Promise<SiteBasics>;
  readonly notes: Promise<CatalogueNotes>;
}

type Message = { basics: SiteBasics } | { notes: CatalogueNotes };

/**
 * Opens the catalogue at `root` and renders its notes in a worker thread. Loading
 * Astro takes this thread about a second; validating 1,000 entries takes about one
 * more and rendering their notes two, so on a second core they overlap, and the
 * notes keep rendering while Astro starts its build.
 */
export function openInWorker(root: string): OpeningCatalogue {
  const basics = Promise.withResolvers<SiteBasics>();
  const notes = Promise.withResolvers<CatalogueNotes>();
  // Either may fail before the caller awaits it; it does await both, so neither counts as unhandled meanwhile.
  basics.promise.catch(() => undefined);
  notes.promise.catch(() => undefined);
  const fail = (error: unknown) => {
    basics.reject(error);
    notes.reject(error);
  };
  const worker = new Worker(new URL('./catalogue-worker.ts', import.meta.url), { workerData: { root } });
  worker.on('message', (message: Message) => {
    if ('basics' in message) basics.resolve(message.basics);
    else notes.resolve(message.notes);
  });
  worker.once('error', fail);
  // After both messages this rejects nothing: a settled promise ignores it.
  worker.once('exit', (code) => {
    fail(new Error(`the thread that opens the catalogue stopped (exit code ${String(code)}) before it finished`));
  });
  return { basics: basics.promise, notes: notes.promise };
}
