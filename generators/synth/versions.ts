import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The installed version of a package (read from its package.json, without loading the package). */
export function installedVersion(pkg: string): string {
  return (require(`${pkg}/package.json`) as { version: string }).version;
}
