import { stripMarkup } from '../../lib/index/search-documents.ts';

/**
 * README text that made stripMarkup's regexes rescan to the end from every
 * opener (F13: 200 KB of `<` took 93 s), and fences left open; `size` characters each.
 */
export const WORST_MARKUP: Readonly<Record<string, (size: number) => string>> = {
  'only <': (n) => '<'.repeat(n),
  '<a with no >': (n) => '<a'.repeat(n / 2),
  '<> pairs': (n) => '<>'.repeat(n / 2),
  '](, no )': (n) => ']('.repeat(n / 2),
  '[^, no ]': (n) => '[^'.repeat(n / 2),
  'unclosed fences': (n) => `\`\`\`\n${'~~~\n```x\n'.repeat(n / 9)}`,
  'fence openers': (n) => '```\n'.repeat(n / 4),
  'import lines': (n) => 'import \n'.repeat(n / 8),
  'spaces then a word': (n) => `${' '.repeat(n - 1)}x`,
};

/** Prints how long stripMarkup takes on each worst input at 100 KB (READMEs are capped at 100 KiB). */
export function benchStripMarkup(size = 100_000): void {
  console.log(`stripMarkup on the worst inputs at ${String(size / 1000)} KB (ms, best of 3)`);
  for (const [name, make] of Object.entries(WORST_MARKUP)) {
    const text = make(size);
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      stripMarkup(text);
      best = Math.min(best, performance.now() - t);
    }
    console.log(`  ${name.padEnd(20)} ${best.toFixed(1).padStart(8)}`);
  }
}
