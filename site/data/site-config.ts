/** The registry's git repository on GitHub (OAR_REPO_URL), for "view source" and "fork" links; none when unset. */
export function repositoryUrl(): string | undefined {
  const url = process.env['OAR_REPO_URL']?.replace(/\/+$/, '');
  return url !== undefined && /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/.test(url) ? url : undefined;
}

/**
 * Where the site is published (SITE_URL), for the addresses a page gives of itself to search engines and
 * link previews; none when unset. Astro still builds then (astro.config.mjs falls back to localhost), but
 * a canonical or og:url naming localhost would be wrong, and a relative one is not allowed there.
 */
export function publicSiteUrl(env: NodeJS.ProcessEnv = process.env): URL | undefined {
  const raw = env['SITE_URL'];
  const url = raw ? URL.parse(raw) : null;
  return url !== null && (url.protocol === 'https:' || url.protocol === 'http:') ? url : undefined;
}

/** The date an entry last changed: its newest dated release, else undefined. */
export function lastChanged(releases: readonly { date?: string }[]): string | undefined {
  return releases.find((r) => r.date !== undefined)?.date;
}

/** The date an entry was first published: its oldest dated release, else undefined. */
export function firstPublished(releases: readonly { date?: string }[]): string | undefined {
  return releases.findLast((r) => r.date !== undefined)?.date;
}
