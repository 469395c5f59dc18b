import { openCatalogue } from '../../lib/catalogue.ts';
import { OarError } from '../../lib/diagnostics.ts';
import type { Catalogue, ResolvedEntry } from '../../lib/resolve/resolve-catalogue.ts';
import { didYouMean } from '../../lib/validate/suggest.ts';
import type { CommandContext } from './context.ts';

/** Opens the catalogue for a reading command; a broken catalogue is a warning, its valid entries still usable. */
export function openForReading(ctx: CommandContext): Catalogue {
  const catalogue = openCatalogue(ctx.root);
  const errors = catalogue.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors > 0) {
    ctx.io.err(
      `warning: the catalogue has ${errors} error${errors === 1 ? '' : 's'}; invalid entries are left out (run oar validate)`,
    );
  }
  return catalogue;
}

/** The entry with `id`, or an OAR301 error that suggests the closest id. */
export function requireEntry(catalogue: Catalogue, id: string): ResolvedEntry {
  const entry = catalogue.byId.get(id);
  if (entry) return entry;
  const guess = didYouMean(id, [...catalogue.byId.keys()]);
  const hint = guess ? `did you mean ${guess}?` : 'run oar list to see the ids';
  throw new OarError('OAR301', `no valid entry with id ${JSON.stringify(id)}; ${hint}`);
}
