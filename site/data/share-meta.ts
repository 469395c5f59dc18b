/** The site's name, as link previews show it beside a page's own title. */
export const SITE_NAME = 'Open Architecture Registry';

/** What a page says of itself to search engines and link previews. */
export interface SharePage {
  /** The page's own title, without the site's name. */
  readonly title: string;
  readonly description: string;
  /** The page's path, base included; none for a page with no address of its own (404, shown at any address). */
  readonly path?: string;
  /** `article` for an entry, `website` for the site's other pages. */
  readonly type: 'website' | 'article';
  /** A picture of the page (an entry's main diagram as a PNG): its path, base included, and what it shows. */
  readonly image?: { readonly path: string; readonly alt: string };
}

/** The absolute addresses of a page and its picture, each absent without SITE_URL (or without a picture). */
export interface ShareAddresses {
  readonly url: string | undefined;
  readonly image: string | undefined;
}

/** One `<meta>` tag: Open Graph names its field with `property`, Twitter with `name`. */
export type ShareTag =
  { readonly property: string; readonly content: string } | { readonly name: string; readonly content: string };

/** A page's canonical address, its picture's absolute address, and its Open Graph and Twitter tags. */
export interface ShareTags {
  readonly canonical?: string;
  readonly image?: string;
  readonly tags: readonly ShareTag[];
}

/**
 * The tags for `page` on a site published at `site` (SITE_URL). Open Graph wants absolute addresses, so
 * without `site` there is no canonical, og:url or og:image (a wrong absolute address would be worse than
 * none), and the Twitter card is the small one, which needs no picture.
 */
export function shareTags(page: SharePage, site: URL | undefined): ShareTags {
  const absolute = (path: string | undefined) => (site && path !== undefined ? new URL(path, site).href : undefined);
  const canonical = absolute(page.path);
  const image = absolute(page.image?.path);
  const tags: ShareTag[] = [
    { property: 'og:type', content: page.type },
    { property: 'og:site_name', content: SITE_NAME },
    { property: 'og:title', content: page.title },
    { property: 'og:description', content: page.description },
  ];
  if (canonical) tags.push({ property: 'og:url', content: canonical });
  if (image && page.image) {
    tags.push({ property: 'og:image', content: image }, { property: 'og:image:type', content: 'image/png' });
    tags.push({ property: 'og:image:alt', content: page.image.alt });
  }
  tags.push({ name: 'twitter:card', content: image ? 'summary_large_image' : 'summary' });
  return { ...(canonical && { canonical }), ...(image && { image }), tags };
}
