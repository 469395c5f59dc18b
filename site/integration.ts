import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { catalogueRoot, finishBuild, siteCatalogue, useCatalogue } from './build/state.ts';
import { giscusConfig } from './data/giscus.ts';

/** Options of the registry's site integration. */
export interface OarSiteOptions {
  /** The catalogue to build, the folder holding architectures/ (default: this repository). */
  readonly root?: string | undefined;
}

/**
 * The registry's site as an Astro integration, so `astro build`, `astro dev` and `npm run build`
 * take one path. For a build it opens and checks the catalogue, renders the notes and makes the
 * search index in a worker thread from the moment the config is read, while Astro starts; the
 * content loader (site/data/catalogue-loader.ts) takes that catalogue, and when the pages are
 * built the worker writes the search index, and mermaid's browser files if pages draw their own
 * diagrams, into the site. `astro dev` serves the search index from memory.
 */
export default function oarSite(options: OarSiteOptions = {}): AstroIntegration {
  let base = '/';
  return {
    name: 'oar-site',
    hooks: {
      'astro:config:setup': ({ command }) => {
        // Half-configured comments stop the build before it starts (OAR343), not on the first entry page.
        giscusConfig();
        useCatalogue(options.root ?? catalogueRoot(), command === 'build');
      },
      'astro:config:done': ({ config }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((req, res, next) => {
          const path = req.url?.split('?')[0] ?? '';
          if (path.startsWith(`${base}architectures/`) && /\/diagrams\/[^/]+\.(?:svg|png)$/u.test(path)) {
            void diagramFile(path.slice(base.length)).then((file) => {
              if (file === undefined) next();
              else res.setHeader('Content-Type', path.endsWith('.svg') ? 'image/svg+xml' : 'image/png').end(file);
            }, next);
            return;
          }
          if (!path.startsWith(`${base}search/`) || !path.endsWith('.json')) {
            next();
            return;
          }
          void searchFile(path.slice(base.length)).then((json) => {
            if (json === undefined) next();
            else res.setHeader('Content-Type', 'application/json').end(json);
          }, next);
        });
      },
      'astro:build:done': async ({ dir }) => {
        await finishBuild(fileURLToPath(dir));
      },
    },
  };
}

/** One diagram file (site/data/diagram-files.ts) as `astro dev` serves it, from the current catalogue's drawings. */
async function diagramFile(path: string): Promise<string | Uint8Array | undefined> {
  const { diagramFiles } = await import('./data/diagram-files.ts');
  const site = await siteCatalogue();
  return diagramFiles(site).get(path);
}

/** One file of the search index (lib/index/shards/layout.ts) as `astro dev` serves it, made from the current catalogue. */
async function searchFile(path: string): Promise<string | undefined> {
  const { siteSearchFiles } = await import('./data/search-files.ts');
  return siteSearchFiles(await siteCatalogue()).get(path);
}
