import type { SiteEntry } from './catalogue-loader.ts';
import { firstPublished, lastChanged } from './site-config.ts';
import { labelOf } from '../../lib/vocabulary.ts';

/** What the entry's structured data is built from: its metadata and CHANGELOG releases. */
export type ArticleSource = Pick<SiteEntry, 'id' | 'meta' | 'releases'>;

/** The addresses the build knows, each absent when unconfigured (no SITE_URL, no OAR_REPO_URL, no drawn diagram). */
export interface ArticleLinks {
  /** The entry page's canonical address. */
  readonly url?: string | undefined;
  /** The main diagram's PNG, absolute. */
  readonly image?: string | undefined;
  /** The registry's GitHub repository. */
  readonly repository?: string | undefined;
}

/** An SPDX licence as schema.org wants it: a single identifier becomes its page on spdx.org, an expression stays text. */
function licenseOf(spdx: string): string {
  return /^[A-Za-z0-9.+-]+$/u.test(spdx) ? `https://spdx.org/licenses/${spdx}.html` : spdx;
}

/**
 * The entry as schema.org data: a `TechArticle` (the page) about a `SoftwareSourceCode` (the CDK stack).
 * Dates come from the CHANGELOG's dated releases, keywords from the tags and the services' labels.
 */
export function techArticle(entry: ArticleSource, links: ArticleLinks): Record<string, unknown> {
  const m = entry.meta;
  const license = licenseOf(m.license);
  const keywords = [...new Set([...(m.tags ?? []), ...m.services.map((s) => labelOf('service', s))])];
  const stack = {
    '@type': 'SoftwareSourceCode',
    name: `${m.title} (AWS CDK stack)`,
    programmingLanguage: 'TypeScript',
    runtimePlatform: 'AWS CDK',
    version: m.version,
    license,
    ...(links.repository && { codeRepository: `${links.repository}/tree/HEAD/architectures/${entry.id}` }),
  };
  const published = firstPublished(entry.releases);
  const modified = lastChanged(entry.releases);
  return {
    '@context': 'https://schema.org',
    '@type': 'TechArticle',
    headline: m.title,
    description: m.summary,
    ...(links.url && { url: links.url, mainEntityOfPage: links.url }),
    ...(links.image && { image: links.image }),
    ...(published && { datePublished: published }),
    ...(modified && { dateModified: modified }),
    author: m.authors.map((a) => ({ '@type': 'Person', name: a.name, url: `https://github.com/${a.github}` })),
    keywords,
    license,
    version: m.version,
    inLanguage: 'en',
    about: stack,
  };
}

/**
 * JSON for the inside of a `<script type="application/ld+json">`. The HTML parser ends a script at the
 * first `</script`, whatever the JSON says, so `<` (and `>`, `&`, for older parsers) are written as JSON
 * escapes: an entry's text can then never close the element or open a comment, and the JSON means the same.
 */
export function jsonLdText(data: unknown): string {
  return JSON.stringify(data).replace(
    /[<>&\u2028\u2029]/gu,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
