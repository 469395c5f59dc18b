import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { OarError } from '../../lib/diagnostics.ts';

interface AssetManifest {
  readonly files?: Record<string, { readonly source?: { readonly path?: unknown; readonly executable?: unknown } }>;
  readonly dockerImages?: Record<string, unknown>;
}

/**
 * Refuses a cloud assembly whose assets would make the deploying process, which
 * holds AWS credentials, do more than upload files that synth staged in the
 * assembly. The assembly is written by entry code, so it is as untrusted as the
 * stack: cdk-assets would run an asset's `executable` command, and a container
 * image asset runs a Dockerfile (with build secrets, SSH agents and host outputs).
 */
export function checkAssemblyAssets(assemblyDir: string, stackName: string): void {
  const root = realpathSync(assemblyDir);
  const manifests = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.assets.json'));
  for (const file of manifests) {
    const manifest = JSON.parse(readFileSync(join(root, file), 'utf8')) as AssetManifest;
    const refuse = (why: string): never => {
      throw new OarError(
        'OAR318',
        `${stackName}: the cloud assembly (${file}) ${why}; oar deploys only file assets that synth staged in cdk.out, and runs no command from an entry with your AWS credentials. Deploy such an entry with oar generate and the cdk CLI after reading its code.`,
      );
    };
    for (const id of Object.keys(manifest.dockerImages ?? {})) {
      refuse(`has the container image asset ${id}, whose build would run the entry's Dockerfile on this machine`);
    }
    for (const [id, asset] of Object.entries(manifest.files ?? {})) {
      const source = asset.source ?? {};
      if (source.executable !== undefined) refuse(`asks to run a command to build the asset ${id}`);
      if (typeof source.path !== 'string') refuse(`has the asset ${id} without a path`);
      const path = String(source.path);
      const target = isAbsolute(path) ? path : resolve(dirname(join(root, file)), path);
      const real = existsSync(target) ? realpathSync(target) : target;
      const rel = relative(root, real);
      if (rel === '' || rel.startsWith('..') || isAbsolute(rel))
        refuse(`has the asset ${id} outside the assembly (${path})`);
    }
  }
}
