import { diag, type Diagnostic } from '../../diagnostics.ts';
import { wasRefused } from '../../load/entry-files.ts';
import type { EntryRule } from '../rule.ts';

/**
 * OAR208/OAR216: every listed diagram exists, and every diagram on disk is listed (else the
 * site never shows it). A diagram refused while listing (too large, a link) has its own error.
 */
export const diagramFiles: EntryRule = ({ loaded, meta, source }) => {
  const out: Diagnostic[] = [];
  const listed = new Set<string>();
  for (const [i, d] of meta.diagrams.entries()) {
    listed.add(d.file);
    if (!loaded.files.has(d.file) && !wasRefused(loaded, d.file)) {
      out.push(
        diag(
          'OAR208',
          source.file,
          `diagrams[${i}].file ${JSON.stringify(d.file)} does not exist in ${loaded.dir}/; create it or fix the path`,
          { ...source.locate(['diagrams', i, 'file']), path: `/diagrams/${i}/file` },
        ),
      );
    }
  }
  for (const file of loaded.diagrams.keys()) {
    if (!listed.has(file)) {
      out.push(
        diag(
          'OAR216',
          `${loaded.dir}/${file}`,
          `diagram is not listed under \`diagrams:\` in architecture.yaml, so it is never shown; list it or delete it`,
          {
            severity: 'warning',
          },
        ),
      );
    }
  }
  return out;
};
