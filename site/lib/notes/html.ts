/**
 * A JSX runtime that renders straight to an HTML string, for the compiled
 * README.mdx of an entry. Text is escaped; only `Html` values pass through raw,
 * and those come from Sätteri's serializer or from our own components.
 */

/** HTML that is already safe to insert as it is. */
export class Html {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

/** What a component or the runtime may receive as children. */
export type Child = Html | string | number | boolean | null | undefined | readonly Child[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
// Elements that never have a closing tag.
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

/** Escapes text for an HTML text node or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Children as HTML: strings escaped, `Html` kept, nothing for null, undefined and booleans. */
export function renderChildren(children: Child): string {
  if (children === null || children === undefined || typeof children === 'boolean') return '';
  if (children instanceof Html) return children.value;
  if (Array.isArray(children)) return (children as readonly Child[]).map(renderChildren).join('');
  return escapeHtml(String(children));
}

/** The fragment marker the compiled MDX passes as an element type. */
export const Fragment = Symbol('Fragment');

type Props = Record<string, unknown> & { children?: Child };
type Component = (props: Props) => Html;

function attribute(name: string, value: unknown): string {
  if (value === false || value === null || value === undefined) return '';
  if (value === true) return ` ${name}`;
  const text =
    name === 'style' && typeof value === 'object'
      ? Object.entries(value as Record<string, unknown>)
          .map(([k, v]) => `${k}:${String(v)}`)
          .join(';')
      : Array.isArray(value)
        ? value.join(' ')
        : typeof value === 'string' || typeof value === 'number'
          ? String(value)
          : JSON.stringify(value);
  return ` ${name}="${escapeHtml(text)}"`;
}

/** `jsx(type, props)`: an element, a fragment or a component, as HTML. */
export function jsx(type: string | symbol | Component, props: Props): Html {
  if (type === Fragment) return new Html(renderChildren(props.children));
  if (typeof type === 'function') return type(props);
  if (typeof type !== 'string') throw new TypeError(`cannot render an element of type ${String(type)}`);
  const { children, ...rest } = props;
  const attributes = Object.entries(rest)
    .map(([name, value]) => attribute(name, value))
    .join('');
  if (VOID.has(type)) return new Html(`<${type}${attributes}>`);
  return new Html(`<${type}${attributes}>${renderChildren(children)}</${type}>`);
}
