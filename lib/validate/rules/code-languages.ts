import { diag, type Diagnostic } from '../../diagnostics.ts';
import { isKnownCodeLanguage } from '../code-languages.ts';
import type { FileRule } from '../rule.ts';
import { codeFences } from './mdx-prose.ts';

/**
 * OAR223 (a warning): a fenced code block in README.mdx names a language the site's
 * highlighter does not know, so the page shows it as plain text. Reported once per
 * language and README, at its first block.
 */
export const codeLanguages: FileRule = (entry) => {
  const readme = entry.readme;
  if (!readme) return [];
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const { line, lang } of codeFences(readme.text)) {
    if (isKnownCodeLanguage(lang) || seen.has(lang)) continue;
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
        { line, severity: 'warning' },
      ),
    );
  }
  return out;
};
