import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatBuildError } from './build-error.ts';
import { openInWorker } from './open-in-worker.ts';
import { IGNORING_VALIDATION, ignoresValidation } from '../../lib/unsafe-build.ts';

/**
 * `npm run build`: validates the catalogue first (same report as `oar validate`,
 * no stack trace), then builds the site into a staging folder and swaps it into
 * dist/ only when the build succeeded, so dist/ is never half-written.
 */
const repo = fileURLToPath(new URL('../..', import.meta.url));
const root = process.env['OAR_ROOT'] ?? repo;
// OAR_SITE_OUT lets tests and benchmarks build elsewhere without touching the real dist/.
const dist = process.env['OAR_SITE_OUT'] ?? join(repo, 'dist');
const staging = `${dist}.staging-${process.pid}`;

// Astro runs in this process (below), so its CLI flags do not apply; only --verbose, as for the oar CLI.
const args = process.argv.slice(2);
if (args.some((a) => a !== '--verbose')) {
  console.error('npm run build takes only --verbose; for Astro’s own flags run npx astro build directly.');
  process.exit(1);
}

// Files the build makes beside Astro's (the search index, mermaid's browser build) go here while Astro
// builds, since Astro empties its output folder first, and move into the site once it is built.
const parts = `${dist}.parts-${process.pid}`;
// The catalogue opens (and its notes render) on a second thread while this one loads Astro.
const opening = openInWorker(root, parts);
const verbose = args.includes('--verbose');

/** Stops the build: first whatever still writes, so that nothing is written after the cleanup; then says why. */
async function stop(...lines: string[]): Promise<never> {
  await opening.stop();
  for (const dir of [staging, parts]) rmSync(dir, { recursive: true, force: true });
  for (const line of lines) console.error(line);
  process.exit(1);
}

const [
  { build },
  { hasErrors },
  { diagramSources, renderDiagrams },
  report,
  { MERMAID_VENDOR_DIR },
  { keepSiteCatalogue },
] = await Promise.all([
  import('astro'),
  import('../../lib/diagnostics.ts'),
  import('../../lib/render/diagrams.ts'),
  import('../../lib/report/format-diagnostics.ts'),
  import('../../site/lib/mermaid-vendor.ts'),
  import('../../site/lib/site-catalogue.ts'),
]);
const basics = await opening.basics.catch((error: unknown) =>
  stop(formatBuildError(error, verbose), 'The site was not built: the catalogue could not be read.'),
);
const { catalogue, history, checks } = basics;
if (ignoresValidation()) console.warn(IGNORING_VALIDATION);
else if (hasErrors(catalogue.diagnostics)) {
  await stop(
    report.formatDiagnostics(catalogue.diagnostics),
    report.summarize(catalogue.diagnostics, catalogue.entries.length),
    'The site was not built; fix the errors above (npx oar validate shows the same report).',
  );
}

// Diagrams render once here, in one browser, into the cache the site's loader reads; a syntax error stops the build.
const renders = await renderDiagrams(diagramSources(catalogue.entries));
if (hasErrors(renders.diagnostics) && !ignoresValidation()) {
  await stop(report.formatDiagnostics(renders.diagnostics), 'The site was not built; fix the diagrams above.');
}
if (!renders.browser)
  console.warn('No browser found to render diagrams (set OAR_CHROMIUM); pages will draw them in the browser.');

// Astro runs in this process, so its content loader takes the catalogue checked above instead of opening it
// again (site/lib/site-catalogue.ts); astro.config.mjs reads OAR_ROOT too. It comes without a search index,
// which the worker writes itself, so the search endpoint makes no files.
process.env['OAR_ROOT'] = root;
if (history.note) console.warn(`History: ${history.note}.`);
if (!checks) console.warn('No oar check report (run npx oar check): entries will show as not checked.');
// The notes may still be rendering; the content loader waits for them (and reports any it could not render).
void keepSiteCatalogue(
  root,
  opening.notes.then((notes) => ({ ...basics, notes, renders, searchWritten: true })),
);
// Pages that draw their own diagrams import mermaid's prebuilt module (DiagramFallback.astro).
opening.writeMermaid(renders.browser ? undefined : join(parts, MERMAID_VENDOR_DIR));
if (!renders.browser) process.env['OAR_MERMAID_VENDOR'] = '1';
try {
  await build({ root: repo, outDir: staging });
  await opening.written;
  for (const name of existsSync(parts) ? readdirSync(parts) : []) renameSync(join(parts, name), join(staging, name));
  rmSync(parts, { recursive: true, force: true });
} catch (error) {
  await stop(formatBuildError(error, verbose), `The site build failed; ${dist} was left as it was.`);
}
const previous = `${dist}.previous-${process.pid}`;
if (existsSync(dist)) renameSync(dist, previous);
renameSync(staging, dist);
rmSync(previous, { recursive: true, force: true });
console.log(`site built into ${dist} (${catalogue.entries.length} entries)`);
