import type { APIRoute, GetStaticPaths } from 'astro';
import { allEntries } from '../../../data/entries.ts';
import { comparableOf } from '../../../data/comparable.ts';
import type { SiteEntry } from '../../../data/catalogue-loader.ts';

export const getStaticPaths = (async () =>
  (await allEntries()).map((entry) => ({ params: { id: entry.id }, props: { entry } }))) satisfies GetStaticPaths;

/** What the compare form's page needs to compare this entry with any other: metadata, evidence, template summary. */
export const GET: APIRoute = ({ props }) => Response.json(comparableOf((props as { entry: SiteEntry }).entry));
