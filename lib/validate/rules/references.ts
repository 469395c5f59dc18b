import { diag, type Diagnostic } from '../../diagnostics.ts';
import type { EntryRule } from '../rule.ts';

/** OAR206/OAR207/OAR215: `related` and `replacedBy` point at other entries that exist. */
export const referencesExist: EntryRule = ({ meta, source }, { knownIds }) => {
  const out: Diagnostic[] = [];
  const at = (path: (string | number)[]) => ({ ...source.locate(path), path: `/${path.join('/')}` });
  for (const [i, id] of (meta.related ?? []).entries()) {
    if (id === meta.id) {
      out.push(
        diag('OAR215', source.file, `related[${i}] is this entry itself; list other entries only`, at(['related', i])),
      );
    } else if (!knownIds.has(id)) {
      out.push(
        diag(
          'OAR206',
          source.file,
          `related[${i}] ${JSON.stringify(id)} is not an entry in architectures/; fix the id or remove it`,
          at(['related', i]),
        ),
      );
    }
  }
  if (meta.replacedBy !== undefined) {
    if (meta.replacedBy === meta.id) {
      out.push(
        diag(
          'OAR215',
          source.file,
          'replacedBy is this entry itself; name the entry that supersedes it',
          at(['replacedBy']),
        ),
      );
    } else if (!knownIds.has(meta.replacedBy)) {
      out.push(
        diag(
          'OAR207',
          source.file,
          `replacedBy ${JSON.stringify(meta.replacedBy)} is not an entry in architectures/; name the entry that supersedes this one`,
          at(['replacedBy']),
        ),
      );
    }
  }
  if (meta.forkedFrom?.id === meta.id) {
    out.push(
      diag(
        'OAR215',
        source.file,
        'forkedFrom.id is this entry itself; name the entry it was copied from',
        at(['forkedFrom', 'id']),
      ),
    );
  }
  return out;
};
