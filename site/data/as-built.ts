import { asBuiltDifference } from '../../generators/check/as-built-services.ts';
import { asBuiltFromSnapshot } from '../../lib/asbuilt/as-built.ts';
import { labelOf } from '../../lib/vocabulary.ts';
import { readTemplateSnapshot, TEMPLATE_SNAPSHOT } from '../../lib/load/entry-snapshots.ts';
import type { DiagramSource } from '../../lib/render/diagrams.ts';
import type { Service } from '../../schema/architecture.ts';
import type { Catalogue } from '../../lib/resolve/resolve-catalogue.ts';

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
export function asBuiltSource(
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

/**
 * Every diagram the site draws: each entry's own (`own`, from lib/render/diagrams.ts diagramSources), then
 * each entry's as-built one, so both go through the same renderer, sanitizer and cache.
 */
export function siteDiagramSources(catalogue: Catalogue, own: readonly DiagramSource[]): DiagramSource[] {
  const generated = catalogue.entries.flatMap((e) => {
    const drawn = asBuiltSource(e.dir, e.id, readTemplateSnapshot(catalogue.root, e.dir));
    // Each box gets the icon of the service the generator grouped it under, as the hand-drawn diagram's nodes get theirs.
    return drawn ? [{ file: drawn.file, source: drawn.source, icons: drawn.icons }] : [];
  });
  return [...own, ...generated];
}
