/// <reference types="astro/client" />

// Plain `tsc` cannot read .astro files (astro check can); this lets .ts modules re-export components.
declare module '*.astro' {
  const Component: import('astro/runtime/server/index.js').AstroComponentFactory;
  export default Component;
}
