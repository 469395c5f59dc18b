import type { Element, ElementContent } from 'hast';

/** `<Callout title="…">`: an aside that sets a note apart from the text around it. */
export function Callout(props: { readonly title?: string }, children: ElementContent[]): Element {
  const title: ElementContent[] =
    props.title === undefined || props.title === ''
      ? []
      : [{ type: 'element', tagName: 'strong', properties: {}, children: [{ type: 'text', value: props.title }] }];
  return {
    type: 'element',
    tagName: 'aside',
    properties: { className: ['callout'] },
    children: [...title, ...children],
  };
}
