import { escapeHtml, Html, renderChildren, type Child } from '../../lib/notes/html.ts';

/** `<Callout title="…">`: an aside that sets a note apart from the text around it. */
export function Callout(props: { title?: unknown; children?: Child }): Html {
  const title =
    typeof props.title === 'string' && props.title !== '' ? `<strong>${escapeHtml(props.title)}</strong>` : '';
  return new Html(`<aside class="callout">${title}${renderChildren(props.children)}</aside>`);
}
