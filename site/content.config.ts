// The same defineCollection that astro:content re-exports, from Astro's public `astro/content/config` entry.
// Through astro:content, Vite's module runner loads Astro's whole page runtime (about 80 modules) just to
// read this file before the content sync, which cost about a second of every build.
import { defineCollection } from 'astro/content/config';
import { z } from 'astro/zod';
import { createRequire } from 'node:module';
import type { SiteEntry } from './data/catalogue-loader.ts';

// Vite loads this file, but the loader must share the catalogue that the integration (site/integration.ts)
// opened in the module instance Node loaded for astro.config.mjs: so it is taken from Node, not imported.
const { catalogueLoader } = createRequire(import.meta.url)(
  './data/catalogue-loader.ts',
) as typeof import('./data/catalogue-loader.ts');

/** Entry metadata, lineage and rendered notes, through the registry's own load → validate → resolve. */
const architectures = defineCollection({
  loader: catalogueLoader(),
  // The JSON Schema already validated every entry; here the type only needs to flow through.
  schema: z.custom<SiteEntry>(),
});

export const collections = { architectures };
