import { OarError } from '../../lib/diagnostics.ts';

/** Where giscus keeps an entry's comments: a repository's Discussions category, by the ids giscus.app gives. */
export interface GiscusConfig {
  /** owner/name of the repository whose Discussions hold the comments. */
  readonly repo: string;
  readonly repoId: string;
  /** The Discussions category's name and id. */
  readonly category: string;
  readonly categoryId: string;
}

/** The only origin giscus loads its script and frame from; the Content-Security-Policy allows it when configured. */
export const GISCUS_ORIGIN = 'https://giscus.app';

/** Each setting, the environment variable it comes from, and the form it must take. */
const SETTINGS = [
  { key: 'repo', name: 'GISCUS_REPO', form: /^[\w.-]+\/[\w.-]+$/u, example: 'owner/name' },
  { key: 'repoId', name: 'GISCUS_REPO_ID', form: /^[\w-]+$/u, example: 'an id such as R_kgDO…' },
  { key: 'category', name: 'GISCUS_CATEGORY', form: /^[^\p{Cc}]{1,100}$/u, example: 'a category name' },
  { key: 'categoryId', name: 'GISCUS_CATEGORY_ID', form: /^[\w-]+$/u, example: 'an id such as DIC_kwDO…' },
] as const;

/** Comments were half configured, or a setting has the wrong form (OAR343). */
export class GiscusConfigError extends OarError {
  constructor(problem: string) {
    super(
      'OAR343',
      `OAR343: ${problem}. Set all four of ${words(SETTINGS.map((s) => s.name))} as https://giscus.app shows them for your repository, or unset them all to build the site without comments.`,
    );
    this.name = 'GiscusConfigError';
  }
}

/**
 * The giscus settings from the environment: none when all four are unset (comments are opt-in,
 * and then no page loads anything from elsewhere), an error naming what is wrong when only some
 * are set or one has the wrong form, so a half-configured site is never published.
 */
export function giscusConfig(env: NodeJS.ProcessEnv = process.env): GiscusConfig | undefined {
  const values = SETTINGS.map((s) => ({ ...s, value: env[s.name]?.trim() ?? '' }));
  const missing = values.filter((v) => v.value === '');
  if (missing.length === SETTINGS.length) return undefined;
  if (missing.length > 0) {
    const set = values.filter((v) => v.value !== '').map((v) => v.name);
    throw new GiscusConfigError(
      `giscus comments are half configured: ${words(set)} ${set.length === 1 ? 'is' : 'are'} set, but ${words(missing.map((m) => m.name))} ${missing.length === 1 ? 'is' : 'are'} not`,
    );
  }
  const bad = values.find((v) => !v.form.test(v.value));
  if (bad) throw new GiscusConfigError(`${bad.name} is "${bad.value}", but it must be ${bad.example}`);
  const value = (key: keyof GiscusConfig) => values.find((v) => v.key === key)?.value ?? '';
  return { repo: value('repo'), repoId: value('repoId'), category: value('category'), categoryId: value('categoryId') };
}

/** "A", "A and B", "A, B and C". */
function words(names: readonly string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}
