import { diag, type Diagnostic } from '../../diagnostics.ts';
import type { FileRule } from '../rule.ts';

/**
 * Diagram types mermaid understands. The full parse needs a browser and runs when
 * the site renders diagrams; this cheap check catches empty and mistyped files.
 */
export const MERMAID_TYPES = [
  'flowchart',
  'graph',
  'sequenceDiagram',
  'classDiagram',
  'classDiagram-v2',
  'stateDiagram',
  'stateDiagram-v2',
  'erDiagram',
  'journey',
  'gantt',
  'pie',
  'quadrantChart',
  'requirementDiagram',
  'gitGraph',
  'C4Context',
  'C4Container',
  'C4Component',
  'C4Dynamic',
  'C4Deployment',
  'mindmap',
  'timeline',
  'zenuml',
  'sankey-beta',
  'sankey',
  'xychart-beta',
  'xychart',
  'block-beta',
  'block',
  'packet-beta',
  'packet',
  'kanban',
  'architecture-beta',
  'architecture',
  'radar-beta',
  'treemap-beta',
] as const;

const KNOWN = new Set<string>(MERMAID_TYPES);

/** OAR209: each .mmd file has content and starts with a known diagram type. */
export const diagramSyntax: FileRule = (entry) => {
  const out: Diagnostic[] = [];
  for (const source of entry.diagrams.values()) {
    const lines = source.text.split(/\r?\n/);
    let inFrontmatter = false;
    let found = false;
    for (const [i, raw] of lines.entries()) {
      const line = raw.trim();
      if (i === 0 && line === '---') {
        inFrontmatter = true;
        continue;
      }
      if (inFrontmatter) {
        if (line === '---') inFrontmatter = false;
        continue;
      }
      if (line === '' || line.startsWith('%%')) continue;
      const keyword = line.split(/[\s;]/)[0] ?? '';
      if (!KNOWN.has(keyword)) {
        out.push(
          diag(
            'OAR209',
            source.file,
            `diagram starts with ${JSON.stringify(keyword)}, which is not a mermaid diagram type; start with one such as flowchart LR, sequenceDiagram or architecture-beta`,
            { line: i + 1, col: raw.indexOf(keyword) + 1 },
          ),
        );
      }
      found = true;
      break;
    }
    if (!found) {
      out.push(
        diag(
          'OAR209',
          source.file,
          'diagram is empty; write a mermaid diagram, starting with its type (e.g. flowchart LR)',
          { line: 1, col: 1 },
        ),
      );
    }
  }
  return out;
};
