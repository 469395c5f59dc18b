import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { catalogueLoader, type SiteEntry } from './lib/catalogue-loader.ts';

/** Entry metadata, lineage and rendered notes, through the registry's own load → validate → resolve. */
const architectures = defineCollection({
  loader: catalogueLoader(),
  // The JSON Schema already validated every entry; here the type only needs to flow through.
  schema: z.custom<SiteEntry>(),
});

export const collections = { architectures };
