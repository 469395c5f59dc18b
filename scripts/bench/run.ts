import { benchSite } from './site-bench.ts';
import { benchValidate } from './validate-bench.ts';

// `npm run bench [validate|site] [sizes…]`: prints figures; it asserts nothing (targets are read off the output).
// Sizes without a bench name keep their old meaning (validation only); no arguments runs both with defaults.
const args = process.argv.slice(2);
const which = args[0] === 'validate' || args[0] === 'site' ? args.shift() : undefined;
const sizes = args.map(Number).filter((n) => n > 0);
if (which !== 'site') benchValidate(sizes.length > 0 ? sizes : [1000, 5000]);
if (which === 'site' || (which === undefined && sizes.length === 0))
  await benchSite(sizes.length > 0 ? sizes : undefined);
