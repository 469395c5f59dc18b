import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumLaunchOptions } from '../browser.ts';
import { diag, type Diagnostic } from '../diagnostics.ts';
import { MERMAID_MAX_TEXT } from './diagram-limits.ts';
import { sanitizeDiagramSvg } from './diagram-svg.ts';
import type { ResolvedEntry } from '../resolve/resolve-catalogue.ts';

/** One diagram to render; `file` is relative to the catalogue root, for messages. */
export interface DiagramSource {
  readonly file: string;
  readonly source: string;
}

/** Every diagram of the resolved entries, named by its path from the catalogue root. */
export function diagramSources(entries: readonly ResolvedEntry[]): DiagramSource[] {
  return entries.flatMap((e) => e.diagrams.map((d) => ({ file: `${e.dir}/${d.file}`, source: d.source })));
}

/** What rendering produced: SVG by file, syntax errors, and whether a browser was there at all. */
export interface DiagramRenders {
  readonly svg: ReadonlyMap<string, string>;
  readonly diagnostics: readonly Diagnostic[];
  /** False when no browser could start: pages then render the mermaid source in the browser instead. */
  readonly browser: boolean;
}

// Strict: labels cannot carry HTML or click handlers from an entry into the site.
const MERMAID_CONFIG = { securityLevel: 'strict', theme: 'neutral', fontFamily: 'system-ui, sans-serif' } as const;
const RENDERER_VERSION = 'mermaid-isomorphic-3.1.0/strict-neutral';

// What mermaid draws in place of a diagram it refuses, e.g. for maxTextSize.
const ERROR_SVG = /aria-roledescription="error"|Maximum text size in diagram exceeded/u;

/** Where rendered SVGs are kept between builds, keyed by their source. */
export const DIAGRAM_CACHE = fileURLToPath(new URL('../../node_modules/.cache/oar-diagrams', import.meta.url));

function cacheKey(source: string): string {
  return createHash('sha256').update(RENDERER_VERSION).update('\0').update(source).digest('hex').slice(0, 32);
}

/**
 * Renders mermaid sources to SVG in one browser session, reusing cached SVGs.
 * A syntax error becomes an OAR209 diagnostic at the line mermaid names. Every SVG
 * is sanitized (lib/render/diagram-svg.ts) before the site may show it, cached or
 * not; a diagram that loses anything to that, or that mermaid refused to draw, is an
 * OAR229 error.
 */
export async function renderDiagrams(
  items: readonly DiagramSource[],
  cacheDir = DIAGRAM_CACHE,
): Promise<DiagramRenders> {
  const svg = new Map<string, string>();
  // OAR_DIAGRAMS=client builds without a browser on purpose: pages then draw diagrams themselves.
  if (process.env['OAR_DIAGRAMS'] === 'client') return { svg, diagnostics: [], browser: false };
  const diagnostics: Diagnostic[] = [];
  const keep = (item: DiagramSource, drawn: string) => {
    if (ERROR_SVG.test(drawn)) {
      diagnostics.push(drawnProblem(item, 'refused'));
      return;
    }
    const clean = sanitizeDiagramSvg(ownIds(drawn, item.source));
    if (clean.removed) diagnostics.push(drawnProblem(item, 'outside'));
    svg.set(item.file, clean.svg);
  };
  const missing: DiagramSource[] = [];
  for (const item of items) {
    const cached = join(cacheDir, `${cacheKey(item.source)}.svg`);
    if (existsSync(cached)) keep(item, readFileSync(cached, 'utf8'));
    else missing.push(item);
  }
  if (missing.length === 0) return { svg, diagnostics, browser: true };

  // Loaded only here: Playwright and mermaid are heavy, and most commands never draw.
  const { createMermaidRenderer } = await import('mermaid-isomorphic');
  const render = createMermaidRenderer({ launchOptions: chromiumLaunchOptions() });
  let results: PromiseSettledResult<{ svg: string }>[];
  try {
    results = await render(
      missing.map((m) => m.source),
      { mermaidConfig: MERMAID_CONFIG, prefix: 'oar-diagram' },
    );
  } catch {
    return { svg, diagnostics, browser: false };
  }
  mkdirSync(cacheDir, { recursive: true });
  for (const [i, result] of results.entries()) {
    const item = missing[i] as DiagramSource;
    if (result.status === 'fulfilled') {
      keep(item, result.value.svg);
      writeFileSync(join(cacheDir, `${cacheKey(item.source)}.svg`), result.value.svg);
    } else {
      diagnostics.push(syntaxDiagnostic(item, result.reason));
    }
  }
  return { svg, diagnostics, browser: true };
}

/**
 * mermaid names a drawing's ids after its place in the batch (`oar-diagram-0`), so two drawings from
 * different batches (one cached by `oar validate --diagrams`, one drawn by the build) can share an id on
 * one page: an entry page then holds its diagram and its as-built diagram under the same id, and each
 * one's styles and arrow markers apply to both. The id is renamed after the source, cached or not.
 */
export function ownIds(drawn: string, source: string): string {
  return drawn.replace(/\boar-diagram-\d+(?!\d)/gu, `oar-diagram-${cacheKey(source).slice(0, 12)}`);
}

/** OAR229 for a diagram mermaid refused to draw (its error picture), or whose SVG lost something to the sanitizer. */
function drawnProblem(item: DiagramSource, why: 'refused' | 'outside'): Diagnostic {
  return diag(
    'OAR229',
    item.file,
    why === 'refused'
      ? `mermaid refused to draw this diagram (it allows ${MERMAID_MAX_TEXT.toLocaleString('en')} characters); split it into smaller diagrams`
      : 'the diagram draws an image, a link or a style that loads something from outside the site, which the site does not publish (it could track visitors); remove it from the diagram source',
  );
}

function syntaxDiagnostic(item: DiagramSource, reason: unknown): Diagnostic {
  const text = reason instanceof Error ? reason.message : String(reason);
  const reported = /line (\d+)/i.exec(text)?.[1];
  // mermaid counts lines after the front matter; point at the line in the file.
  const frontMatter = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(item.source)?.[0].split('\n').length ?? 1;
  const lines = item.source.split('\n').length;
  const line = reported === undefined ? undefined : Math.min(Number(reported) + frontMatter - 1, lines);
  const summary = text
    .split('\n')
    .filter((l) => l.trim() !== '' && !/^[-\s^]*$/.test(l))
    .slice(0, 3)
    .join(' ')
    .replace(/\s+/g, ' ');
  return diag(
    'OAR209',
    item.file,
    `mermaid cannot parse this diagram: ${summary}; fix the syntax (the mermaid live editor shows the error too)`,
    line === undefined ? {} : { line, col: 1 },
  );
}
