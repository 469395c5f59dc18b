import type { Loader } from 'astro/loaders';
import { join } from 'node:path';
import { asBuiltPaths, diagramPaths, shownDiagram, type DiagramPaths, type ShownDiagram } from './diagram-files.ts';
import { sourceFiles, type SourceFile } from './source-files.ts';
import type { DiagramPictures } from '../../lib/render/diagram-pictures.ts';
import { hasErrors, OarError } from '../../lib/diagnostics.ts';
import type { Drift } from '../../lib/resolve/fork-drift.ts';
import type { EntryHistory } from '../../lib/resolve/git-history.ts';
import { verificationOf, type Verification } from '../../lib/resolve/verification.ts';
import {
  readAcknowledgements,
  readTemplateSnapshot,
  type ShownAcknowledgement,
} from '../../lib/load/entry-snapshots.ts';
import { formatDiagnostics, summarize } from '../../lib/report/format-diagnostics.ts';
import type { ResolvedEntry } from '../../lib/resolve/resolve-catalogue.ts';
import type { RenderedNotes } from './notes/render-notes.ts';
import { AS_BUILT_TITLE, type AsBuiltSource } from './as-built.ts';
import { IGNORING_VALIDATION, ignoresValidation } from '../../lib/unsafe-build.ts';
import { catalogueRoot, isBuilding, keepSiteCatalogue, openSiteCatalogueNow, siteCatalogue } from '../build/state.ts';

/** A diagram as the site shows it: the SVG rendered at build time, or only its source when no browser was there. */
export interface SiteDiagram {
  readonly file: string;
  readonly title: string;
  readonly source: string;
  readonly svg?: string;
  /** True when the build had no browser, so the page draws the diagram itself; a build with one refused any it lacks. */
  readonly drawInBrowser: boolean;
  /** Where the page loads mermaid from when it draws: the built site's copy, or `astro dev`'s node_modules. */
  readonly mermaidFrom: 'site' | 'dev-server';
  /** Its published SVG and PNG files and legible width, when a browser drew it (site/data/diagram-files.ts). */
  readonly shown?: ShownDiagram;
}

/** What the site keeps of an entry: everything resolve produced, as plain data, with rendered diagrams. */
export type SiteEntry = Omit<ResolvedEntry, 'readme' | 'diagrams'> & {
  readonly diagrams: readonly SiteDiagram[];
  /** README.mdx rendered to HTML, and the local images it shows. */
  readonly notes?: RenderedNotes;
  /** The stack, bootstrap and other code, shown highlighted on the entry page. */
  readonly sources: readonly SourceFile[];
  /** The diagram `oar diagram` draws from the template snapshot, with what it folds away; none without a snapshot. */
  readonly asBuilt?: SiteDiagram & Pick<AsBuiltSource, 'notes' | 'notDrawn' | 'notBuilt'>;
  /** The committed template snapshot (default parameters), offered as a download. */
  readonly template?: string;
  /** The cdk-nag findings the stack acknowledges, with the reasons its code gives. */
  readonly acknowledgements?: readonly ShownAcknowledgement[];
  /** Dates and contributors from git; absent outside git or before the entry's first commit. */
  readonly history?: EntryHistory;
  /** Why the history is missing or partial (a tarball, a shallow clone). */
  readonly historyNote?: string;
  /** For a fork: the parent's files changed since the fork commit (git, at build time), or why that is not known. */
  readonly drift?: Drift;
  /** What the last `oar check` said of this version of the entry. */
  readonly verification: Verification;
  /** The catalogue root the entry was read from, for the files the site copies (README images). */
  readonly root: string;
};

/** An invalid catalogue stops the build (OAR331) with the same report as `oar validate`. */
export class CatalogueInvalidError extends OarError {
  constructor(report: string) {
    super('OAR331', `OAR331: the catalogue is invalid; nothing was built.\n${report}`);
    this.name = 'CatalogueInvalidError';
  }
}

/**
 * Content loader over the registry's pipeline, so the site never re-implements a stage. It
 * takes the catalogue the integration (site/integration.ts) opens for a build, or opens it
 * for `astro dev` and `astro sync`; content.config.ts loads this module through Node, not
 * Vite, so that both share site/build/state.ts.
 */
export function catalogueLoader(): Loader {
  return {
    name: 'oar-catalogue',
    load: async (context) => {
      const { store, watcher, logger } = context;
      const root = catalogueRoot();
      const sync = async (reload: boolean) => {
        const site = reload ? await openSiteCatalogueNow() : await siteCatalogue();
        const { catalogue, renders, asBuilt: asBuiltById, notes, history, drift, checks } = site;
        const problems = [...catalogue.diagnostics, ...renders.diagnostics, ...notes.diagnostics];
        if (ignoresValidation()) logger.warn(IGNORING_VALIDATION);
        else if (hasErrors(problems)) {
          throw new CatalogueInvalidError(
            `${formatDiagnostics(problems)}\n${summarize(problems, catalogue.entries.length)}`,
          );
        }
        // Only a good edit replaces the catalogue the search index is made from, as it does the store.
        if (reload) void keepSiteCatalogue(site);
        if (!renders.browser)
          logger.warn('no browser found to draw diagrams (set OAR_CHROMIUM); pages will draw them in the browser');
        if (history.note && !reload) logger.warn(`history: ${history.note}`);
        if (!checks.check && !reload)
          logger.warn('no oar check report (run npx oar check): entries show as not checked');
        if (checks.check && !checks.emulator && !reload)
          logger.warn('no emulator report (run npm run test:deploy): entries that pass oar check show as synth-only');
        store.clear();
        for (const { readme: _readme, ...entry } of catalogue.entries) {
          const diagrams = entry.diagrams.map((d) => ({
            ...d,
            svg: renders.svg.get(`${entry.dir}/${d.file}`),
            shown: shownOf(diagramPaths(entry.id, d.file), renders.pictures.get(`${entry.dir}/${d.file}`)),
            drawInBrowser: !renders.browser,
            mermaidFrom: isBuilding() ? 'site' : 'dev-server',
          }));
          const sources = sourceFiles(root, entry.dir);
          const template = readTemplateSnapshot(root, entry.dir);
          const drawn = asBuiltById.get(entry.id);
          // Without the icons it was drawn with: the page needs only the drawing.
          const { icons: _icons, ...described } = drawn ?? {};
          const asBuilt = drawn && {
            ...described,
            title: AS_BUILT_TITLE,
            svg: renders.svg.get(drawn.file),
            shown: shownOf(asBuiltPaths(entry.id), renders.pictures.get(drawn.file)),
            drawInBrowser: !renders.browser,
            mermaidFrom: isBuilding() ? 'site' : 'dev-server',
          };
          const acknowledgements = readAcknowledgements(root, entry.dir);
          const data = JSON.parse(
            JSON.stringify({
              ...entry,
              root,
              diagrams,
              notes: notes.byId.get(entry.id),
              sources,
              template,
              asBuilt,
              acknowledgements,
              history: history.byDir.get(entry.dir),
              historyNote: history.note,
              drift: drift.get(entry.id),
              verification: verificationOf(entry.id, entry.meta.version, checks),
            }),
          ) as Record<string, unknown>;
          store.set({ id: entry.id, data, digest: context.generateDigest(data) });
        }
      };
      await sync(false);
      // In `astro dev`, edits reload the catalogue; a broken edit is reported and the last good one kept.
      const dir = join(root, 'architectures');
      watcher?.add(dir);
      watcher?.on('all', (_event, path) => {
        if (!path.startsWith(dir)) return;
        sync(true).catch((error: unknown) => {
          logger.error(error instanceof Error ? error.message : String(error));
        });
      });
    },
  };
}

function shownOf(paths: DiagramPaths, pictures: DiagramPictures | undefined): ShownDiagram | undefined {
  return pictures ? shownDiagram(paths, pictures) : undefined;
}
