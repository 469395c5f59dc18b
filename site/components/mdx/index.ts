// The component library an entry's README.mdx may import, as `@oar/components`.
export { default as Callout } from './Callout.astro';
