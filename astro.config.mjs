// @ts-check
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
  site: process.env.SITE_URL ?? 'http://localhost:4321',
  // The path the site lives under, e.g. /open-architecture-registry/ for a GitHub Pages project site.
  base: process.env.SITE_BASE || '/',
  trailingSlash: 'always',
  integrations: [mdx(), sitemap()],
  vite: {
    build: {
      rollupOptions: {
        onwarn(warning, warn) {
          // @astrojs/mdx marks compiled MDX with this directive on purpose; the bundler's notice about it is noise.
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('astro:head-inject')) return;
          warn(warning);
        },
      },
    },
    resolve: {
      // The only module an entry's README.mdx may import (see lib/validate/rules/mdx-imports.ts).
      alias: { '@oar/components': fileURLToPath(new URL('./site/components/mdx/index.ts', import.meta.url)) },
    },
  },
});
