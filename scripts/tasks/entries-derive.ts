import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parametersSource, PARAMETERS_FILE } from '../../generators/scaffold/parameters-file.ts';
import { openCatalogue } from '../../lib/catalogue.ts';

/**
 * `npm run entries:derive`: writes each valid entry's cdk/parameters.generated.ts
 * from its architecture.yaml. test/entries.test.ts fails when one is out of date.
 * An entry that does not validate is skipped and named: fix it first (`oar validate`);
 * so is one without a cdk/ folder yet.
 */
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const catalogue = openCatalogue(process.cwd());
  const written = catalogue.entries.filter((entry) => existsSync(join(catalogue.root, entry.dir, 'cdk')));
  for (const entry of written) {
    writeFileSync(join(catalogue.root, entry.dir, PARAMETERS_FILE), parametersSource(entry.meta.parameters ?? []));
  }
  console.log(`wrote ${PARAMETERS_FILE} in ${written.length} entries`);
  const invalid = new Set(catalogue.diagnostics.filter((d) => d.severity === 'error').map((d) => d.file.split('/')[1]));
  if (invalid.size > 0) console.error(`skipped, because they do not validate: ${[...invalid].join(', ')}`);
}
