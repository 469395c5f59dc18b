import { benchValidate } from './validate-bench.ts';

// `npm run bench`: prints figures; it asserts nothing (targets are read off the output).
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
benchValidate(sizes.length > 0 ? sizes : [1000, 5000]);
