import { getCollection } from 'astro:content';
import type { SiteEntry } from './catalogue-loader.ts';

/** Every entry, sorted by title. */
export async function allEntries(): Promise<SiteEntry[]> {
  const entries = await getCollection('architectures');
  return entries.map((e) => e.data).sort((a, b) => a.meta.title.localeCompare(b.meta.title));
}
