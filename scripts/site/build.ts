import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatBuildError } from './build-error.ts';
import { openInWorker } from './open-in-worker.ts';

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

// The catalogue opens (and its notes render) on a second thread while this one loads Astro.
const opening = openInWorker(root);
const [
  { build },
  { hasErrors },
  { diagramSources, renderDiagrams },
  report,
  { MERMAID_VENDOR_DIR, writeMermaidVendor },
  { keepSiteCatalogue },
] = await Promise.all([
  import('astro'),
  import('../../lib/diagnostics.ts'),
  import('../../lib/render/diagrams.ts'),
  import('../../lib/report/format-diagnostics.ts'),
  import('../../site/lib/mermaid-vendor.ts'),
  import('../../site/lib/site-catalogue.ts'),
]);
const basics = await opening.basics.catch((error: unknown) => {
  console.error(formatBuildError(error, args.includes('--verbose')));
  console.error('The site was not built: the catalogue could not be read.');
  process.exit(1);
});
const { catalogue, history, checks } = basics;
if (hasErrors(catalogue.diagnostics)) {
  console.error(report.formatDiagnostics(catalogue.diagnostics));
  console.error(report.summarize(catalogue.diagnostics, catalogue.entries.length));
  console.error('The site was not built; fix the errors above (npx oar validate shows the same report).');
  process.exit(1);
}

// Diagrams render once here, in one browser, into the cache the site's loader reads; a syntax error stops the build.
const renders = await renderDiagrams(diagramSources(catalogue.entries));
if (hasErrors(renders.diagnostics)) {
  console.error(report.formatDiagnostics(renders.diagnostics));
  console.error('The site was not built; fix the diagrams above.');
  process.exit(1);
}
if (!renders.browser)
  console.warn('No browser found to render diagrams (set OAR_CHROMIUM); pages will draw them in the browser.');

// Astro runs in this process, so its content loader and search endpoint take the catalogue checked above
// instead of opening it twice more (site/lib/site-catalogue.ts); astro.config.mjs reads OAR_ROOT too.
process.env['OAR_ROOT'] = root;
if (history.note) console.warn(`History: ${history.note}.`);
if (!checks) console.warn('No oar check report (run npx oar check): entries will show as not checked.');
// The notes may still be rendering; the content loader waits for them (and reports any it could not render).
void keepSiteCatalogue(
  root,
  opening.notes.then((notes) => ({ ...basics, notes, renders, search: opening.search })),
);
// Pages that draw their own diagrams import mermaid's prebuilt module (DiagramFallback.astro). Its files are
// written beside the staging folder while Astro builds (which would empty that folder), and moved in after.
const vendor = `${dist}.mermaid-${process.pid}`;
const vendoring = renders.browser ? undefined : writeMermaidVendor(vendor);
vendoring?.catch(() => undefined); // awaited after the build, which may fail first
if (vendoring) process.env['OAR_MERMAID_VENDOR'] = '1';
try {
  await build({ root: repo, outDir: staging });
  if (vendoring) {
    await vendoring;
    mkdirSync(dirname(join(staging, MERMAID_VENDOR_DIR)), { recursive: true });
    renameSync(vendor, join(staging, MERMAID_VENDOR_DIR));
  }
} catch (error) {
  for (const dir of [staging, vendor]) rmSync(dir, { recursive: true, force: true });
  console.error(formatBuildError(error, args.includes('--verbose')));
  console.error(`The site build failed; ${dist} was left as it was.`);
  process.exit(1);
}
const previous = `${dist}.previous-${process.pid}`;
if (existsSync(dist)) renameSync(dist, previous);
renameSync(staging, dist);
rmSync(previous, { recursive: true, force: true });
console.log(`site built into ${dist} (${catalogue.entries.length} entries)`);
