import { GISCUS_ORIGIN } from './giscus.ts';

/** What a page may load besides the site's own files. */
export interface PolicyOptions {
  /** The page embeds giscus comments: its script and frame come from giscus.app. */
  readonly comments: boolean;
}

/**
 * The Content-Security-Policy of every page, as a meta tag carries it (GitHub Pages sets no
 * headers). Script only from the site's own bundled files, never inline; styles may be inline
 * because Shiki's highlighting and mermaid's SVGs carry them (their HTML is sanitized first).
 * Images from the site only: entries may not track visitors through a third-party image.
 * Configured comments add exactly giscus's origin for script and frame, and only on the pages
 * that show them; giscus's own stylesheet stays refused, the site styles its frame itself.
 */
export function contentSecurityPolicy({ comments }: PolicyOptions): string {
  const extra = comments ? ` ${GISCUS_ORIGIN}` : '';
  return [
    "default-src 'self'",
    `script-src 'self'${extra}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    comments ? `frame-src ${GISCUS_ORIGIN}` : "frame-src 'none'",
  ].join('; ');
}
