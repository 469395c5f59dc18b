import { asBuiltDifference } from '../../generators/check/as-built-services.ts';
import { asBuiltFromSnapshot } from '../../lib/asbuilt/as-built.ts';
import { labelOf } from '../../lib/vocabulary.ts';
import { readTemplateSnapshot, TEMPLATE_SNAPSHOT } from '../../lib/load/entry-snapshots.ts';
import type { DiagramSource } from '../../lib/render/diagrams.ts';
import type { Service } from '../../schema/architecture.ts';
import type { Catalogue } from '../../lib/resolve/resolve-catalogue.ts';
import type { SiteCatalogue } from './site-catalogue.ts';

/** The title every entry page gives its generated diagram. */
export const AS_BUILT_TITLE = 'As built, generated from the stack';

/** An entry's as-built diagram as the site draws it: named by the snapshot it comes from, so a problem points there. */
export interface AsBuiltSource extends DiagramSource {
  /** The icon of each box: the service the generator grouped it under. */
  readonly icons: ReadonlyMap<string, Service>;
  /** What the drawing folds away or merges, for the reader. */
  readonly notes: readonly string[];
  /** Services, by label, that the stack has and the main diagram does not draw. */
  readonly notDrawn: readonly string[];
  /** Services, by label, that the main diagram names and the stack with default parameters does not build. */
  readonly notBuilt: readonly string[];
}

/**
 * The as-built diagram of the entry in `dir`, from its template snapshot's text, compared with its main
 * diagram `main` (when given) so the page can say where the two differ; none without a snapshot.
 */
function asBuiltSource(
  dir: string,
  id: string,
  template: string | undefined,
  main?: DiagramSource,
): AsBuiltSource | undefined {
  if (template === undefined) return undefined;
  const drawn = asBuiltFromSnapshot(template, dir, id);
  const difference = main ? asBuiltDifference(main, drawn) : { notDrawn: [], notBuilt: [] };
  return {
    file: `${dir}/${TEMPLATE_SNAPSHOT}`,
    source: drawn.source,
    icons: drawn.boxServices,
    notes: drawn.notes,
    notDrawn: difference.notDrawn.map((s) => labelOf('service', s)),
    notBuilt: [...new Set(difference.notBuilt.map((d) => labelOf('service', d.service)))],
  };
}

/** Every entry's as-built diagram by entry id, compared with its main diagram; none for an entry without a snapshot. */
export function asBuiltSources(catalogue: Catalogue): Map<string, AsBuiltSource> {
  return new Map(
    catalogue.entries.flatMap((e) => {
      const drawn = asBuiltSource(e.dir, e.id, readTemplateSnapshot(catalogue.root, e.dir), e.diagrams[0]);
      return drawn ? [[e.id, drawn] as const] : [];
    }),
  );
}

/**
 * Every diagram the site shows, drawn and photographed in one browser: each entry's own, then its as-built one,
 * so both go through the same renderer, sanitizer and cache; with the as-built sources, which the pages describe.
 */
export async function drawSiteDiagrams(catalogue: Catalogue): Promise<Pick<SiteCatalogue, 'renders' | 'asBuilt'>> {
  // Loaded only here: the renderer brings the icon table and Playwright's types, and most commands never draw.
  const { diagramSources, renderDiagrams } = await import('../../lib/render/diagrams.ts');
  const asBuilt = asBuiltSources(catalogue);
  const renders = await renderDiagrams([...diagramSources(catalogue.entries), ...asBuilt.values()], {
    pictures: true,
  });
  return { renders, asBuilt };
}
