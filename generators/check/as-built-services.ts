import type { Service } from '../../schema/architecture.ts';
import { asBuilt, templateResources, type AsBuilt } from '../../lib/asbuilt/as-built.ts';
import type { CfnTemplate } from '../synth/template.ts';
import { diag, type Diagnostic } from '../../lib/diagnostics.ts';
import { labelOf } from '../../lib/vocabulary.ts';
import { DIAGRAM_TERMS, NEED_NOT_APPEAR, servicesNamedIn, type DiagramSource } from './diagram-services.ts';

/** How the hand-drawn main diagram and the as-built one differ in the services they show. */
export interface AsBuiltDifference {
  /** Services the as-built diagram draws that the main diagram does not name (IAM aside). */
  readonly notDrawn: readonly Service[];
  /**
   * Services the main diagram names that the as-built one neither draws nor folds: the stack with default
   * parameters does not build them (an optional part a parameter adds, or a mistake OAR329 reports).
   */
  readonly notBuilt: readonly { readonly service: Service; readonly line: number; readonly text: string }[];
}

/** Compares the services the main diagram names with those the as-built diagram shows, both ways. */
export function asBuiltDifference(main: DiagramSource, drawn: AsBuilt): AsBuiltDifference {
  const inMain = servicesNamedIn(main);
  return {
    notDrawn: drawn.services.filter((s) => !inMain.has(s) && !NEED_NOT_APPEAR.has(s)),
    notBuilt: [...inMain].flatMap(([service, [at]]) =>
      at === undefined || drawn.services.includes(service) || drawn.foldedServices.includes(service)
        ? []
        : [{ service, line: at.line, text: at.text }],
    ),
  };
}

/**
 * OAR329 errors for the services the as-built diagram of the default template draws that the hand-drawn
 * main diagram leaves out: the main diagram is the picture a reader compares with the stack, so it must
 * show what the stack builds (another diagram naming it is not enough). The other way, a service the main
 * diagram names that the default stack lacks, is not reported here: over the catalogue every such case is
 * an optional part a parameter adds, labelled so by its author, and a service no configuration builds is
 * already an OAR329 error of crossCheckDiagrams.
 */
export function compareWithAsBuilt(main: DiagramSource, drawn: AsBuilt, dir: string, id: string): Diagnostic[] {
  const { notDrawn } = asBuiltDifference(main, drawn);
  if (notDrawn.length === 0) return [];
  const list = notDrawn.map((s) => `${labelOf('service', s)} (${s})`).join(', ');
  const terms = notDrawn.map((s) => DIAGRAM_TERMS[s].source).join(' ; ');
  const them = notDrawn.length === 1 ? 'it' : 'them';
  return [
    diag(
      'OAR329',
      `${dir}/${main.file}`,
      `the stack as built (oar diagram ${id}) has ${list}, which the main diagram does not draw; draw ${them} in ${main.file} with a label matching ${terms}`,
    ),
  ];
}

/** `oar check`'s comparison for one entry: its main diagram against the as-built diagram of its default template. */
export function checkAsBuilt(
  entry: { readonly id: string; readonly dir: string; readonly diagrams: readonly DiagramSource[] },
  template: CfnTemplate,
): Diagnostic[] {
  const [main] = entry.diagrams;
  if (main === undefined) return [];
  return compareWithAsBuilt(main, asBuilt(templateResources(template.Resources ?? {}), entry.id), entry.dir, entry.id);
}
