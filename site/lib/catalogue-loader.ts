import type { Loader } from 'astro/loaders';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCatalogue } from '../../lib/catalogue.ts';
import { hasErrors } from '../../lib/diagnostics.ts';
import { formatDiagnostics, summarize } from '../../lib/report/format-diagnostics.ts';
import type { ResolvedEntry } from '../../lib/resolve/resolve-catalogue.ts';

/** What the site keeps of an entry: everything resolve produced, as plain data. */
export type SiteEntry = Omit<ResolvedEntry, 'readme'>;

/** The catalogue the site is built from: this repository, or OAR_ROOT (tests and benchmarks build other catalogues). */
export function catalogueRoot(): string {
  return process.env['OAR_ROOT'] ?? fileURLToPath(new URL('../..', import.meta.url));
}

/** An invalid catalogue stops the build with the same report as `oar validate`. */
export class CatalogueInvalidError extends Error {
  constructor(report: string) {
    super(`The catalogue is invalid; nothing was built.\n${report}`);
    this.name = 'CatalogueInvalidError';
  }
}

/** Content loader over the registry's pipeline, so the site never re-implements a stage. */
export function catalogueLoader(root = catalogueRoot()): Loader {
  return {
    name: 'oar-catalogue',
    load: async (context) => {
      const { store, watcher, logger } = context;
      const sync = () => {
        const catalogue = openCatalogue(root);
        if (hasErrors(catalogue.diagnostics)) {
          const report = `${formatDiagnostics(catalogue.diagnostics)}\n${summarize(catalogue.diagnostics, catalogue.entries.length)}`;
          throw new CatalogueInvalidError(report);
        }
        store.clear();
        for (const { readme: _readme, ...entry } of catalogue.entries) {
          const data = JSON.parse(JSON.stringify(entry)) as Record<string, unknown>;
          store.set({ id: entry.id, data, digest: context.generateDigest(data) });
        }
      };
      sync();
      // In `astro dev`, edits reload the catalogue; a broken edit is reported and the last good one kept.
      const dir = join(root, 'architectures');
      watcher?.add(dir);
      watcher?.on('all', (_event, path) => {
        if (!path.startsWith(dir)) return;
        try {
          sync();
        } catch (error) {
          logger.error(error instanceof Error ? error.message : String(error));
        }
      });
    },
  };
}
