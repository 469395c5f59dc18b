import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A place in an entry's code: a file relative to the catalogue root, with the line and column when known. */
export interface SourceSite {
  readonly file: string;
  readonly line?: number;
  readonly col?: number;
}

/** Where the entry's code makes each construct of a stack, by construct path, and each resource's path by logical id. */
export interface ConstructSites {
  /** Construct path (without a leading slash) → where the entry's code made it. */
  readonly byPath: Readonly<Record<string, SourceSite>>;
  /** Logical id in the template → construct path. */
  readonly pathById: Readonly<Record<string, string>>;
}

type MetadataEntries = Readonly<Record<string, readonly { readonly type: string; readonly data?: unknown }[]>>;

/**
 * The first frame of a stack trace that lies in the entry's folder `dir` (e.g.
 * architectures/<id>), as file:line:col: where the entry's own code was when it
 * threw, or made a construct. Frames with `..` or control characters are not taken.
 */
export function entryFrame(trace: string, dir: string): SourceSite | undefined {
  const escaped = dir.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  const at = new RegExp(`(?:^|[/\\s(])(${escaped}/[^\\s:)]+):(\\d+):(\\d+)`, 'u').exec(trace);
  const file = at?.[1];
  if (!at || !file || file.split('/').includes('..') || /\p{Cc}/u.test(file)) return undefined;
  return { file, line: Number(at[2]), col: Number(at[3]) };
}

/**
 * Reads where the entry's code made each construct, from the cloud assembly's metadata
 * for `stackName` in `outdir`. CDK records the creation stack of every resource
 * (aws:cdk:creationStack), with library frames folded, so its first frame in the
 * entry's folder is the line that made it. Empty when the assembly has no metadata.
 */
export function readConstructSites(outdir: string, stackName: string, dir: string): ConstructSites {
  const manifestFile = join(outdir, 'manifest.json');
  if (!existsSync(manifestFile)) return { byPath: {}, pathById: {} };
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
    artifacts?: Record<string, { metadata?: MetadataEntries; additionalMetadataFile?: unknown }>;
  };
  const artifact = manifest.artifacts?.[stackName];
  const extra = artifact?.additionalMetadataFile;
  // Only a plain file name: the manifest was written by the worker that ran the entry's code.
  const extraFile = typeof extra === 'string' && /^[\w.-]+$/u.test(extra) ? join(outdir, extra) : undefined;
  const metadata: MetadataEntries = {
    ...artifact?.metadata,
    ...(extraFile && existsSync(extraFile) ? (JSON.parse(readFileSync(extraFile, 'utf8')) as MetadataEntries) : {}),
  };
  return constructSites(metadata, dir);
}

/** The sites in one stack's metadata (construct path → entries, as the cloud assembly holds it). */
export function constructSites(metadata: MetadataEntries, dir: string): ConstructSites {
  const byPath: Record<string, SourceSite> = {};
  const pathById: Record<string, string> = {};
  for (const [key, entries] of Object.entries(metadata)) {
    const path = key.replace(/^\//u, '');
    // The metadata was written by the worker that ran the entry's code: anything not a list is skipped.
    const list: readonly { readonly type?: unknown; readonly data?: unknown }[] = Array.isArray(entries) ? entries : [];
    for (const m of list) {
      if (m.type === 'aws:cdk:logicalId' && typeof m.data === 'string') pathById[m.data] = path;
      if (m.type === 'aws:cdk:creationStack' && Array.isArray(m.data)) {
        const site = entryFrame((m.data as unknown[]).filter((f) => typeof f === 'string').join('\n'), dir);
        if (site) byPath[path] = site;
      }
    }
  }
  return { byPath, pathById };
}

/**
 * Where the entry's code made the construct at `path`. A resource that a library
 * makes deep inside (a VPC's subnets) has no frame of the entry's within V8's ten,
 * so it takes its nearest ancestor's: the line that made the VPC. Undefined when
 * no ancestor has one either.
 */
export function siteOf(sites: ConstructSites, path: string): SourceSite | undefined {
  for (let p = path; p.includes('/'); p = p.slice(0, p.lastIndexOf('/'))) {
    const site = sites.byPath[p] ?? sites.byPath[`${p}/Resource`];
    if (site) return site;
  }
  return undefined;
}

/** Where an entry's findings go: its architecture.yaml and stack file, and where its code makes each construct. */
export interface EntrySites {
  readonly metadataFile: string;
  readonly stackFile: string;
  readonly sites: ConstructSites;
}

/** Where the entry's code makes the resource `logicalId`, and its construct path when known. */
export function resourceSite(where: EntrySites, logicalId: string): SourceSite & { readonly path?: string } {
  const path = where.sites.pathById[logicalId];
  const site = path === undefined ? undefined : siteOf(where.sites, path);
  return { ...(site ?? { file: where.stackFile }), ...(path === undefined ? {} : { path }) };
}
