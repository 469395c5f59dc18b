import { loadCatalogue } from './load/read-catalogue.ts';
import { withTrackedOutputs } from './load/tracked-outputs.ts';
import { resolveCatalogue, type Catalogue } from './resolve/resolve-catalogue.ts';
import { validateCatalogue } from './validate/validate-catalogue.ts';

/** load → validate → resolve in one call: what the CLI, the site and the tests start from. */
export function openCatalogue(root: string): Catalogue {
  return resolveCatalogue(validateCatalogue(withTrackedOutputs(loadCatalogue(root))));
}
