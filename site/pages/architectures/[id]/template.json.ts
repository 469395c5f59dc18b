import type { APIRoute } from 'astro';
import { allEntries } from '../../../data/entries.ts';

/** Only entries with a committed template snapshot get a download. */
export async function getStaticPaths() {
  return (await allEntries()).flatMap((e) =>
    e.template === undefined ? [] : [{ params: { id: e.id }, props: { template: e.template } }],
  );
}

/** The synthesized CloudFormation template with default parameters, as committed and tested. */
export const GET: APIRoute = ({ props }) =>
  new Response((props as { template: string }).template, { headers: { 'Content-Type': 'application/json' } });
