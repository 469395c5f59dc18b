import { join } from 'node:path';
import { openCatalogue } from '../../lib/catalogue.ts';
import { parametersSource, PARAMETERS_FILE } from '../scaffold/parameters-file.ts';
import { applySync } from './apply-sync.ts';
import { forkFileAt } from './fork-files-now.ts';

/**
 * After a clean sync, the fork's cdk/parameters.generated.ts derived again from its merged
 * architecture.yaml, as `npm run entries:derive` writes it; the path when it changed. A fork
 * without the file, or one that no longer validates (oar validate reports why), is left alone.
 */
export function deriveParametersAgain(root: string, forkId: string): string | undefined {
  const entry = openCatalogue(root).byId.get(forkId);
  if (!entry) return undefined;
  const dir = join(root, entry.dir);
  const file = forkFileAt(dir, PARAMETERS_FILE);
  const source = parametersSource(entry.meta.parameters ?? []);
  if (!file?.regular || file.bytes.toString('utf8') === source) return undefined;
  applySync(dir, [{ path: PARAMETERS_FILE, action: 'merge', write: Buffer.from(source) }]);
  return PARAMETERS_FILE;
}
