import { OarError } from '../../lib/diagnostics.ts';

const ENV_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/u;
const ENV_MAX = 32;

/** Checks an environment name (`--env`): lowercase kebab-case, at most 32 characters. */
export function checkEnvName(env: string): string {
  if (!ENV_NAME.test(env) || env.length > ENV_MAX) {
    throw new OarError(
      'OAR315',
      `--env ${JSON.stringify(env)} is not a valid environment name; use lowercase letters and digits joined by single hyphens, at most ${ENV_MAX} characters, e.g. --env pr-123 or --env prod`,
    );
  }
  return env;
}

/**
 * The CloudFormation stack name of an entry, and of one of its environments.
 * Ids and env names never contain `--`, so `oar-<id>--<env>` is unique per pair
 * and several environments of one entry coexist.
 */
export function stackNameOf(id: string, env?: string): string {
  return env === undefined ? `oar-${id}` : `oar-${id}--${checkEnvName(env)}`;
}
