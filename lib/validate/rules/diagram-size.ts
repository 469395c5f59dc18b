import { diag, type Diagnostic } from '../../diagnostics.ts';
import { MERMAID_MAX_TEXT } from '../../render/diagram-limits.ts';
import type { FileRule } from '../rule.ts';

/**
 * OAR229: mermaid draws a source longer than its maxTextSize as an error picture, not
 * as the diagram, so such a file is refused here, without a browser.
 */
export const diagramSize: FileRule = (entry) => {
  const out: Diagnostic[] = [];
  for (const source of entry.diagrams.values()) {
    if (source.text.length <= MERMAID_MAX_TEXT) continue;
    out.push(
      diag(
        'OAR229',
        source.file,
        `diagram is ${source.text.length.toLocaleString('en')} characters long, and mermaid draws at most ${MERMAID_MAX_TEXT.toLocaleString('en')}; split it into smaller diagrams`,
      ),
    );
  }
  return out;
};
