import { diag, type Diagnostic } from '../../diagnostics.ts';
import { notesOf } from '../../notes/parse.ts';
import { stringField, walkTree } from '../../notes/walk.ts';
import { isKnownCodeLanguage } from '../code-languages.ts';
import type { FileRule } from '../rule.ts';

/**
 * OAR223 (a warning): a fenced code block in README.mdx names a language the site's
 * highlighter does not know, so the page shows it as plain text. Reported once per
 * language and README, at its first block.
 */
export const codeLanguages: FileRule = (entry) => {
  const readme = entry.readme;
  const parsed = readme && notesOf(readme);
  if (!readme || !parsed || 'problem' in parsed) return [];
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  walkTree(parsed.tree, (node, place) => {
    const lang = node.type === 'code' ? (stringField(node, 'lang') ?? '') : undefined;
    if (lang === undefined || isKnownCodeLanguage(lang) || seen.has(lang)) return;
    seen.add(lang);
    const lower = lang.toLowerCase();
    const fix = isKnownCodeLanguage(lower)
      ? `write \`${lower}\``
      : 'name one Shiki knows (e.g. `shell` for commands, `json`, `yaml`) or `text`';
    out.push(
      diag(
        'OAR223',
        readme.file,
        `code block language \`${lang}\` is not one the site can highlight, so it is shown as plain text; ${fix}`,
        { line: place?.line, severity: 'warning' },
      ),
    );
  });
  return out;
};
