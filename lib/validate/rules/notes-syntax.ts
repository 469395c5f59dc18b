import { notesOf } from '../../notes/parse.ts';
import type { FileRule } from '../rule.ts';

/**
 * OAR222/OAR227: README.mdx that the MDX parser the site renders with cannot read (an
 * unclosed component, a stray `<`), or that would make it slow, is reported with its
 * line, not as a failed build. The other notes rules read the same parse.
 */
export const notesSyntax: FileRule = (entry) => {
  const parsed = entry.readme && notesOf(entry.readme);
  return parsed && 'problem' in parsed ? [parsed.problem] : [];
};
