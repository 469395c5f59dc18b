import type { Element, ElementContent } from 'hast';

/**
 * `<Callout title="…">`: an aside that sets a note apart from the text around it. Its role is `note`, not the
 * landmark an aside would be: a page may hold many, and landmarks need names of their own.
 */
export function Callout(props: { readonly title?: string }, children: ElementContent[]): Element {
  const title: ElementContent[] =
    props.title === undefined || props.title === ''
      ? []
      : [{ type: 'element', tagName: 'strong', properties: {}, children: [{ type: 'text', value: props.title }] }];
  return {
    type: 'element',
    tagName: 'aside',
    properties: { className: ['callout'], role: 'note' },
    children: [...title, ...children],
  };
}
