import { diag } from '../../diagnostics.ts';
import { isEntryId } from '../../entry-id.ts';
import type { EntryRule } from '../rule.ts';

/** OAR201: the id is the entry's permanent URL, so it must equal its folder name. */
export const idMatchesFolder: EntryRule = ({ loaded, meta, source }) => {
  if (meta.id === loaded.folder) return [];
  const pos = source.locate(['id']);
  const fix = isEntryId(loaded.folder)
    ? `set \`id: ${loaded.folder}\` or rename the folder to architectures/${meta.id}`
    : `rename the folder to architectures/${meta.id}`;
  return [
    diag(
      'OAR201',
      source.file,
      `id ${JSON.stringify(meta.id)} does not match the folder name ${JSON.stringify(loaded.folder)}; ${fix}`,
      { ...pos, path: '/id' },
    ),
  ];
};
