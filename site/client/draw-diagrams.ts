export {};

// Pages whose diagrams were not drawn at build time (no browser there) draw them here, with mermaid's
// prebuilt module, which the page names in data-mermaid-src (DiagramFallback.astro). A bundled file, not
// an inline script, so the Content-Security-Policy can forbid inline script outright (layouts/Base.astro).
const blocks = [...document.querySelectorAll<HTMLElement>('pre.mermaid:not([data-processed])')];
const src = blocks[0]?.dataset['mermaidSrc'];
if (src !== undefined && new URL(src, location.href).origin === location.origin) {
  const { default: mermaid } = (await import(/* @vite-ignore */ src)) as {
    default: {
      initialize(config: Record<string, unknown>): void;
      run(options: { nodes: HTMLElement[]; suppressErrors?: boolean }): Promise<void>;
    };
  };
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'neutral' });
  // A diagram mermaid cannot parse shows its error in place of the drawing; the others still draw.
  await mermaid.run({ nodes: blocks, suppressErrors: true });
}
