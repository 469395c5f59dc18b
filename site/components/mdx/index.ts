// The component library an entry's README.mdx may import, as `@oar/components`. The notes are
// rendered to HTML from their syntax tree (site/data/notes/), never run: each component is a
// function from its string props and its children to a hast element. lib/notes/policy.ts lists
// the props each takes; a test keeps the two in step.
export { Callout } from './callout.ts';
