/** The registry's git repository on GitHub (OAR_REPO_URL), for "view source" and "fork" links; none when unset. */
export function repositoryUrl(): string | undefined {
  const url = process.env['OAR_REPO_URL']?.replace(/\/+$/, '');
  return url !== undefined && /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/.test(url) ? url : undefined;
}

/** The date an entry last changed: its newest dated release, else undefined. */
export function lastChanged(releases: readonly { date?: string }[]): string | undefined {
  return releases.find((r) => r.date !== undefined)?.date;
}
