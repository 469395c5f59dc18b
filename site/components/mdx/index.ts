// The component library an entry's README.mdx may import, as `@oar/components`.
// The notes are rendered to HTML when the catalogue loads (site/lib/notes/), so each
// component is a function from its props to HTML.
export { Callout } from './callout.ts';
