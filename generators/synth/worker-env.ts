/**
 * The environment of a synth worker, the only process that runs an entry's code.
 * Synthesis is offline and needs no credentials, so the worker gets an allowlist:
 * what Node, the compile cache and the CDK read, and oar's own settings. A
 * denylist would miss the secret whose name nobody thought of.
 */
const ALLOWED = [
  /^PATH$/u,
  /^(TMPDIR|TMP|TEMP)$/u,
  /^(LANG|LANGUAGE|TZ)$/u,
  /^LC_[A-Z_]+$/u,
  /^(TERM|NO_COLOR|FORCE_COLOR)$/u,
  // NODE_COMPILE_CACHE (scripts/compile-cache.mjs), NODE_OPTIONS, NODE_EXTRA_CA_CERTS…
  /^NODE_[A-Z0-9_]+$/u,
  // CDK_DEFAULT_REGION, CDK_CONTEXT_JSON, CDK_DEBUG…, and the jsii runtime's warnings switches.
  /^CDK_[A-Z0-9_]+$/u,
  /^JSII_[A-Z0-9_]+$/u,
  /^OAR_[A-Z0-9_]+$/u,
];

/** A name that looks like a secret is dropped even under an allowed prefix, e.g. NODE_AUTH_TOKEN (npm's publish token). */
const SECRET = /TOKEN|SECRET|PASSW|KEY|CREDENTIAL|AUTH|SESSION|COOKIE|PRIVATE|PROXY/iu;

/**
 * The variables of `parent` a synth worker may see, with HOME set to `home`, an
 * empty folder: the AWS SDK, gh and git then find no ~/.aws/credentials,
 * ~/.config/gh or ~/.git-credentials through HOME. Synthesis reads nothing there.
 */
export function workerEnv(parent: NodeJS.ProcessEnv, home: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value !== undefined && ALLOWED.some((re) => re.test(name)) && !SECRET.test(name)) env[name] = value;
  }
  env['HOME'] = home;
  return env;
}
