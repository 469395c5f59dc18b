import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diag, OarError } from '../../lib/diagnostics.ts';
import { locationOf } from '../../lib/report/format-diagnostics.ts';
import { resourceSite, type ConstructSites } from './construct-sites.ts';
import type { CfnTemplate } from './template.ts';

/** An asset a synthesized stack needs besides its own template. */
export interface NeededAsset {
  /** The asset's id in the cloud assembly: the hash that names its object or image tag. */
  readonly id: string;
  readonly kind: 'file' | 'container image';
  /** What the entry's code called it (the construct path below the stack), when CDK recorded it. */
  readonly name?: string;
}

interface AssetManifest {
  readonly files?: Record<string, { readonly displayName?: unknown; readonly source?: { readonly path?: unknown } }>;
  readonly dockerImages?: Record<string, { readonly displayName?: unknown }>;
}

/**
 * The file and container image assets that `stackName`'s template in the cloud
 * assembly `outdir` refers to. The stack's own template is listed as a file asset
 * too (the CDK uploads it before deploying); it is not one the template needs.
 */
export function neededAssets(outdir: string, stackName: string): NeededAsset[] {
  const file = join(outdir, `${stackName}.assets.json`);
  if (!existsSync(file)) return [];
  // Written by the worker that ran the entry's code: read it as data, never as instructions.
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as AssetManifest;
  const named = (displayName: unknown) => (typeof displayName === 'string' ? { name: displayName } : {});
  const files = Object.entries(manifest.files ?? {})
    .filter(([, asset]) => asset.source?.path !== `${stackName}.template.json`)
    .map(([id, asset]): NeededAsset => ({ id, kind: 'file', ...named(asset.displayName) }));
  const images = Object.entries(manifest.dockerImages ?? {}).map(([id, asset]): NeededAsset => ({
    id,
    kind: 'container image',
    ...named(asset.displayName),
  }));
  return [...files, ...images];
}

/** What `requirePortable` reads from a synth result. */
export interface PortableInput {
  readonly id: string;
  readonly stackName: string;
  readonly outdir: string;
  readonly template: CfnTemplate;
  readonly sites: ConstructSites;
}

/**
 * Throws OAR335 when the template cannot be deployed from itself alone, as a
 * Service Catalog product or a template uploaded by hand is: it needs a file or
 * container image asset that only `oar deploy` (or `cdk deploy`) publishes to the
 * account's CDK assets bucket or repository. Without it the stack may still be
 * created, and then fail at boot: nodes that cannot fetch their code are replaced
 * forever. The error points at the line of the entry's code that makes the first
 * resource using the asset.
 */
export function requirePortable(result: PortableInput, dir: string): void {
  const assets = neededAssets(result.outdir, result.stackName);
  const [first] = assets;
  if (first === undefined) return;
  const resources = Object.entries(result.template.Resources ?? {});
  // The resource that uses the asset (a launch template, a function), rather than the policy that lets it read it.
  const users = resources.filter(([, r]) => JSON.stringify(r).includes(first.id));
  const user = (users.find(([, r]) => !r.Type.startsWith('AWS::IAM::')) ?? users[0])?.[0];
  const site =
    user === undefined
      ? { file: `${dir}/cdk/stack.ts` }
      : resourceSite(
          { metadataFile: `${dir}/architecture.yaml`, stackFile: `${dir}/cdk/stack.ts`, sites: result.sites },
          user,
        );
  const list = assets
    .map(
      (a) => `the ${a.kind} asset ${a.name ?? a.id.slice(0, 12)}${a.kind === 'file' ? ` (${a.id.slice(0, 12)}…)` : ''}`,
    )
    .join(', ');
  const what =
    `${result.id} is not portable: its template needs ${list}, which only oar deploy publishes, to the CDK assets ` +
    `${first.kind === 'file' ? 'bucket' : 'repository'} of the account it deploys to. A template uploaded on its own, ` +
    `such as a Service Catalog product version, points at an object that does not exist there, so the resource` +
    `${user === undefined ? '' : ` ${user}`} fails at launch or at boot. Choose parameters that need no asset (the ` +
    `entry's README says which), fork the entry so its code comes from somewhere the template names, or deploy it ` +
    `with oar deploy instead`;
  const d = diag('OAR335', site.file, what, { line: site.line, col: site.col });
  throw new OarError('OAR335', `${locationOf(d)}: ${what}`, [d]);
}
