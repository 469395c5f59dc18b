import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASE, listCases, materialize, readCase } from './case.ts';

/** The areas of the corpus whose payloads reach the site: notes, images, diagrams, changelogs and claims. */
export const CANARY_AREAS = ['readme', 'media', 'diagrams', 'changelog', 'claims'] as const;

const BASE_ENTRY = 'architectures/tiny-web';

/**
 * Writes into the empty folder `root` one catalogue that holds every site payload of the
 * hostile corpus: the base catalogue, plus one entry per case (canary-<area>-<name>), the
 * base entry with the case's files applied. Any path a payload names as PWNED is moved
 * under `marker`, so the test can tell whether anything ran. Returns the entry ids.
 */
export function writeCanaryCatalogue(root: string, marker: string): string[] {
  cpSync(BASE, root, { recursive: true });
  const ids: string[] = [];
  for (const name of listCases()) {
    const [area] = name.split('/');
    if (!CANARY_AREAS.includes(area as (typeof CANARY_AREAS)[number])) continue;
    const c = readCase(name);
    // File-system cases (links, FIFOs) are about reading an entry, not about what the site shows.
    if ((c.run && c.run[0] !== 'validate') || c.setup) continue;
    const id = `canary-${name.replace(/\.json$/u, '').replace(/[^a-z0-9]+/gu, '-')}`;
    const scratch = join(root, '.scratch', id);
    mkdirSync(scratch, { recursive: true });
    materialize(c, scratch);
    const dir = join(root, 'architectures', id);
    cpSync(join(scratch, BASE_ENTRY), dir, { recursive: true, verbatimSymlinks: true });
    const yaml = join(dir, 'architecture.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^id: .*$/mu, `id: ${id}`));
    for (const file of ['README.mdx', 'diagrams/main.mmd', 'CHANGELOG.md', 'cdk/claims.ts']) {
      const path = join(dir, file);
      try {
        const text = readFileSync(path, 'utf8');
        if (text.includes('PWNED')) writeFileSync(path, text.replaceAll("'PWNED", `'${marker}/PWNED`));
      } catch {
        // A case may remove or replace the file with something unreadable; the build meets it as it is.
      }
    }
    ids.push(id);
  }
  return ids;
}
