import { Worker } from 'node:worker_threads';
import type { CatalogueNotes } from '../../site/lib/notes/render-notes.ts';
import type { SiteBasics } from '../../site/lib/site-catalogue.ts';

/** The worker's side of the site build, as promises of what it sends. */
export interface OpeningCatalogue {
  /** The checked catalogue, as soon as it is open. */
  readonly basics: Promise<SiteBasics>;
  /** Every entry's notes. */
  readonly notes: Promise<CatalogueNotes>;
  /** The files the worker writes beside Astro's are all written: the search index, and mermaid's if asked. */
  readonly written: Promise<undefined>;
  /** Asks the worker to write mermaid's browser files into `dir` too, or (undefined) not to; it waits to know. */
  writeMermaid(dir: string | undefined): void;
  /** Stops the worker wherever it is, so that it writes nothing more. */
  stop(): Promise<void>;
}

type Message = { basics: SiteBasics } | { notes: CatalogueNotes } | { written: true };

/**
 * Opens the catalogue at `root`, renders its notes and writes its search index (and,
 * when asked, mermaid's browser files) into `out`, in a worker thread. Loading Astro
 * takes this thread about a second; validating 1,000 entries takes about one more and
 * rendering their notes two, so on a second core they overlap, and the files are
 * written while Astro builds.
 */
export function openInWorker(root: string, out: string): OpeningCatalogue {
  const basics = Promise.withResolvers<SiteBasics>();
  const notes = Promise.withResolvers<CatalogueNotes>();
  const written = Promise.withResolvers<undefined>();
  const all = [basics, notes, written];
  // Any may fail before the caller awaits it; it does await each, so none counts as unhandled meanwhile.
  for (const { promise } of all) promise.catch(() => undefined);
  const fail = (error: unknown) => {
    for (const { reject } of all) reject(error);
  };
  const worker = new Worker(new URL('./catalogue-worker.ts', import.meta.url), { workerData: { root, out } });
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
    written: written.promise,
    writeMermaid: (dir) => {
      worker.postMessage({ mermaidOut: dir });
    },
    stop: async () => {
      await worker.terminate();
    },
  };
}
