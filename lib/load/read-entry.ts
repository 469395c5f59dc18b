import { readFileSync } from 'node:fs';
import { diag, type Diagnostic } from '../diagnostics.ts';
import { rasterTypeOf } from '../notes/policy.ts';
import { listEntryFiles, wasRefused, type EntryFile } from './entry-files.ts';
import { imageTypeOfFile } from './image-type.ts';
import { decodeUtf8 } from './utf8.ts';
import { parseYamlSource, type YamlSource } from './yaml-source.ts';

/** A text file of an entry. `file` is relative to the catalogue root. */
export interface SourceFile {
  readonly file: string;
  readonly text: string;
}

/** One entry folder as read from disk, before any validation. */
export interface LoadedEntry {
  /** Folder name under architectures/. */
  readonly folder: string;
  /** Folder relative to the catalogue root, e.g. architectures/my-entry. */
  readonly dir: string;
  /** Parsed architecture.yaml; absent when it is missing or too broken to check. */
  readonly metadata?: YamlSource;
  readonly readme?: SourceFile;
  readonly changelog?: SourceFile;
  /** cdk/claims.ts, read as text: the claims its YAML's `checks` name (see lib/load/claim-scan.ts). */
  readonly claims?: SourceFile;
  /** Mermaid sources keyed by path inside the entry, e.g. diagrams/main.mmd. */
  readonly diagrams: ReadonlyMap<string, SourceFile>;
  /** Every readable file, by path inside the entry. */
  readonly files: ReadonlySet<string>;
  /** Each file named as a raster image (png, jpg, …), with the type its first bytes show (undefined: none). */
  readonly images: ReadonlyMap<string, string | undefined>;
  /** Paths that exist but were refused while listing (a link, a special file, too large, a bad name). */
  readonly refused: ReadonlySet<string>;
  /** False when a cap stopped the listing, so a file that is not listed may still exist. */
  readonly complete: boolean;
}

/** Where an entry's claims live inside its folder. */
export const CLAIMS_FILE = 'cdk/claims.ts';

const REQUIRED = ['architecture.yaml', 'README.mdx', 'CHANGELOG.md'] as const;

/** Reads one entry folder: its metadata, notes, changelog and diagrams. */
export function readEntry(
  absDir: string,
  dir: string,
  folder: string,
): { entry: LoadedEntry; diagnostics: Diagnostic[] } {
  const listing = listEntryFiles(absDir, dir);
  const { files, diagnostics } = listing;
  const byRel = new Map(files.map((f) => [f.rel, f]));
  const read = (f: EntryFile): SourceFile | undefined => {
    const file = `${dir}/${f.rel}`;
    try {
      const decoded = decodeUtf8(readFileSync(f.abs));
      if ('text' in decoded) return { file, text: decoded.text };
      diagnostics.push(diag('OAR004', file, decoded.message, decoded));
      return undefined;
    } catch {
      diagnostics.push(diag('OAR004', file, 'file is not valid UTF-8 text; save it with UTF-8 encoding'));
      return undefined;
    }
  };
  // A file refused while listing already has its error; it is not also "missing".
  const missing = (name: string): boolean => !byRel.has(name) && !wasRefused(listing, name);
  for (const name of REQUIRED) {
    if (missing(name)) {
      diagnostics.push(
        diag(
          'OAR001',
          `${dir}/${name}`,
          `entry has no ${name}; every entry needs ${REQUIRED.join(', ')} (see CONTRIBUTING.md)`,
        ),
      );
    }
  }

  let metadata: YamlSource | undefined;
  const yamlFile = byRel.get('architecture.yaml');
  const yamlText = yamlFile && read(yamlFile);
  if (yamlText) {
    const parsed = parseYamlSource(yamlText.file, yamlText.text);
    diagnostics.push(...parsed.diagnostics);
    metadata = parsed.source;
  }
  const readmeFile = byRel.get('README.mdx');
  const changelogFile = byRel.get('CHANGELOG.md');
  const readme = readmeFile && read(readmeFile);
  const changelog = changelogFile && read(changelogFile);
  const claimsFile = byRel.get(CLAIMS_FILE);
  const claims = claimsFile && read(claimsFile);
  const diagrams = new Map<string, SourceFile>();
  for (const f of files) {
    if (f.rel.startsWith('diagrams/') && f.rel.endsWith('.mmd')) {
      const source = read(f);
      if (source) diagrams.set(f.rel, source);
    }
  }
  const entry: LoadedEntry = {
    folder,
    dir,
    diagrams,
    files: new Set(byRel.keys()),
    images: new Map(files.filter((f) => rasterTypeOf(f.rel)).map((f) => [f.rel, imageTypeOfFile(f.abs)])),
    refused: listing.refused,
    complete: listing.complete,
    ...(metadata && { metadata }),
    ...(readme && { readme }),
    ...(changelog && { changelog }),
    ...(claims && { claims }),
  };
  return { entry, diagnostics };
}
