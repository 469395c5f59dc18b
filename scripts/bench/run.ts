import { benchCheck } from './check-bench.ts';
import { benchDeploy } from './deploy-bench.ts';
import { benchDiagrams } from './diagram-bench.ts';
import { benchHostile } from './hostile-bench.ts';
import { benchLighthouse } from './lighthouse-bench.ts';
import { benchSearchRanking } from './search-bench.ts';
import { benchSite } from './site-bench.ts';
import { benchStripMarkup } from './strip-markup-bench.ts';
import { benchValidate } from './validate-bench.ts';

// `npm run bench [validate|site|diagrams|lighthouse|check|markup|search|deploy] [sizes…]` (deploy takes entry ids instead): prints figures; it asserts nothing (targets are read off the output).
// Sizes without a bench name keep their old meaning (validation only); no arguments runs every bench with defaults.
const args = process.argv.slice(2);
const which = ['validate', 'site', 'diagrams', 'lighthouse', 'check', 'markup', 'search', 'deploy'].includes(
  args[0] ?? '',
)
  ? args.shift()
  : undefined;
const ids = which === 'deploy' ? args.splice(0) : [];
const sizes = args.map(Number).filter((n) => n > 0);
const all = which === undefined && sizes.length === 0;
if (which === 'validate' || which === undefined) {
  benchValidate(sizes.length > 0 ? sizes : [1000, 5000]);
  await benchHostile();
}
if (which === 'site' || all) await benchSite(sizes.length > 0 ? sizes : undefined);
if (which === 'diagrams' || all) await benchDiagrams(sizes.length > 0 ? sizes : undefined);
if (which === 'lighthouse' || all) await benchLighthouse();
if (which === 'check' || all) await benchCheck();
if (which === 'markup' || all) benchStripMarkup();
if (which === 'search' || all) await benchSearchRanking();
if (which === 'deploy' || all) await benchDeploy(ids);
