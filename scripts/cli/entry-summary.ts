import type { ResolvedEntry } from '../../lib/resolve/resolve-catalogue.ts';

/** The fields a listing shows, shared by `list --json` and `search --json`. */
export function summaryOf(e: ResolvedEntry) {
  return {
    id: e.id,
    title: e.meta.title,
    summary: e.meta.summary,
    version: e.meta.version,
    status: e.meta.status,
    categories: e.meta.categories,
    services: e.meta.services,
    ...(e.meta.forkedFrom && { forkedFrom: e.meta.forkedFrom.id }),
  };
}
