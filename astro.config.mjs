// @ts-check
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { join } from 'node:path';
import oarSite from './site/integration.ts';

// Another catalogue (OAR_ROOT: tests, benchmarks) keeps its content cache beside itself, so one
// catalogue's build never sees another's entries, and a throwaway catalogue takes its cache with it.
const catalogue = process.env.OAR_ROOT;
const cacheDir = catalogue ? join(catalogue, '.astro-cache') : './node_modules/.astro';

export default defineConfig({
  srcDir: './site',
  publicDir: './site/public',
  outDir: './dist',
  cacheDir,
  // Where the site is served from; set SITE_URL when publishing (sitemap, RSS and feeds need absolute URLs).
  site: process.env.SITE_URL || 'http://localhost:4321',
  // The path the site lives under, e.g. /open-architecture-registry/ for a GitHub Pages project site.
  base: process.env.SITE_BASE || '/',
  trailingSlash: 'always',
  // Pages render while others are written: 1,000 entries' pages took 3.1 s instead of 5.1 s (npm run bench site).
  build: { concurrency: 8 },
  // The catalogue's pages, content and search index (site/integration.ts); MDX for the site's own prose pages.
  integrations: [oarSite({ root: catalogue }), mdx(), sitemap()],
  // Never inline a script into a page, however small: the Content-Security-Policy (layouts/Base.astro) allows
  // script only from the site's own files, so an inline script would not run, and injected ones never do.
  vite: { build: { assetsInlineLimit: 0 } },
});
