// `npm run build` (scripts/site/build.ts), started from plain JavaScript so that the
// compile cache is on before the build and its worker thread load their TypeScript.
import { enableCompileCache } from '../compile-cache.mjs';

enableCompileCache();
await import('./build.ts');
