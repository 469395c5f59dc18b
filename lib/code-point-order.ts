/**
 * Orders strings by code point, the same on every machine: localeCompare follows the
 * runner's locale, so file lists, shards and merged reports could differ between CI jobs.
 */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
