import { join } from 'node:path';
import type { ResolvedEntry } from '../../lib/resolve/resolve-catalogue.ts';
import { parseParamArgs, resolveParameters } from './parameters.ts';
import { stackNameOf } from './stack-name.ts';
import type { SynthRequest } from './synth-entry.ts';

/** The cloud assembly folder for an entry (and environment) under the catalogue root. */
export function assemblyDir(root: string, id: string, env?: string): string {
  return join(root, 'cdk.out', env === undefined ? id : `${id}--${env}`);
}

/**
 * A synth request for `entry` with `--param` strings validated against its
 * declared parameters (throws OAR304 before any CDK code runs).
 */
export function synthRequestFor(
  root: string,
  entry: ResolvedEntry,
  params: readonly string[] = [],
  options: {
    env?: string;
    tags?: Readonly<Record<string, string>>;
    cfnValidation?: boolean;
    permissionsBoundary?: string;
  } = {},
): SynthRequest {
  return {
    root,
    id: entry.id,
    version: entry.meta.version,
    title: entry.meta.title,
    dir: entry.dir,
    parameters: resolveParameters(entry.id, entry.meta.parameters ?? [], parseParamArgs(params)),
    outdir: assemblyDir(root, entry.id, options.env),
    stackName: stackNameOf(entry.id, options.env),
    ...(options.tags ? { tags: options.tags } : {}),
    ...(options.cfnValidation === undefined ? {} : { cfnValidation: options.cfnValidation }),
    ...(options.permissionsBoundary === undefined ? {} : { permissionsBoundary: options.permissionsBoundary }),
  };
}
