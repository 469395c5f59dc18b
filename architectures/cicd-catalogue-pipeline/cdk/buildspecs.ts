import * as codebuild from 'aws-cdk-lib/aws-codebuild';

/** Where a deploy looks for per-environment parameters, relative to the repository root. */
export const PARAMS_FILE = 'deploy/$OAR_ENTRY/$OAR_ENV.params';

/** npm's download cache, kept between builds in the S3 cache of the project. */
const NPM_CACHE = '/root/.npm/**/*';

/** Variables every build gets: no CDK telemetry or version checks from CI, plain npm output. */
const QUIET = {
  CI: 'true',
  CDK_DISABLE_CLI_TELEMETRY: 'true',
  CDK_DISABLE_VERSION_CHECK: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
};

/** The install phase both projects share: the locked dependencies, nothing else. */
const INSTALL = ['node --version', 'npm ci'];

/** Commands of the check project, in order; any failure stops the pipeline before the first deploy. */
export const CHECK_COMMANDS: readonly string[] = ['npx oar validate', 'npx oar check "$OAR_ENTRY"'];

/**
 * The deploy command: oar deploy for one environment, with --param arguments read from
 * deploy/<entry>/<env>.params when that file exists (one name=value per line, # for comments).
 */
export const DEPLOY_SCRIPT = [
  'args=()',
  `params="${PARAMS_FILE}"`,
  'if [ -f "$params" ]; then',
  '  while IFS= read -r line || [ -n "$line" ]; do',
  '    case "$line" in ""|"#"*) ;; *) args+=(--param "$line") ;; esac',
  '  done < "$params"',
  'fi',
  'echo "deploying $OAR_ENTRY to $OAR_ENV with ${#args[@]} parameter argument(s)"',
  'npx oar deploy "$OAR_ENTRY" --env "$OAR_ENV" --yes "${args[@]}"',
].join('\n');

function spec(build: readonly string[]): codebuild.BuildSpec {
  return codebuild.BuildSpec.fromObject({
    version: '0.2',
    env: { shell: 'bash', variables: QUIET },
    phases: {
      install: { commands: INSTALL },
      build: { commands: build },
    },
    cache: { paths: [NPM_CACHE] },
  });
}

/** npm ci && npx oar validate && npx oar check <entry>. */
export function checkBuildSpec(): codebuild.BuildSpec {
  return spec(CHECK_COMMANDS);
}

/** npm ci && npx oar deploy <entry> --env <env> --yes [--param …]. */
export function deployBuildSpec(): codebuild.BuildSpec {
  return spec([DEPLOY_SCRIPT]);
}
