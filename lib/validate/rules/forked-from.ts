import semver from 'semver';
import { diag } from '../../diagnostics.ts';
import type { EntryRule } from '../rule.ts';

/** OAR203/OAR204: a fork's parent exists, and the fork cannot come from a version the parent has not reached. */
export const forkedFromExists: EntryRule = ({ meta, source }, { byId, knownIds }) => {
  const fork = meta.forkedFrom;
  if (!fork || fork.id === meta.id) return []; // a self-fork is OAR215's to report
  const parent = byId.get(fork.id);
  if (!parent) {
    if (knownIds.has(fork.id)) return []; // the parent exists but is invalid; its own errors say why
    return [
      diag(
        'OAR203',
        source.file,
        `forkedFrom.id ${JSON.stringify(fork.id)} is not an entry in architectures/; name an existing entry, or remove forkedFrom if this entry is original`,
        { ...source.locate(['forkedFrom', 'id']), path: '/forkedFrom/id' },
      ),
    ];
  }
  if (semver.gt(fork.version, parent.meta.version)) {
    return [
      diag(
        'OAR204',
        source.file,
        `forkedFrom.version ${fork.version} is newer than ${fork.id}'s current version ${parent.meta.version}; use the parent version you forked`,
        { ...source.locate(['forkedFrom', 'version']), path: '/forkedFrom/version' },
      ),
    ];
  }
  return [];
};
