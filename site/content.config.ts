import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { catalogueLoader, catalogueRoot, type SiteEntry } from './lib/catalogue-loader.ts';

/** Entry metadata and lineage, through the registry's own load → validate → resolve. */
const architectures = defineCollection({
  loader: catalogueLoader(),
  // The JSON Schema already validated every entry; here the type only needs to flow through.
  schema: z.custom<SiteEntry>(),
});

/** Each entry's README.mdx, compiled by @astrojs/mdx; the id is the entry id. */
const notes = defineCollection({
  loader: glob({
    pattern: '*/README.mdx',
    base: `${catalogueRoot()}/architectures`,
    generateId: ({ entry }) => entry.split('/')[0] ?? entry,
  }),
});

export const collections = { architectures, notes };
