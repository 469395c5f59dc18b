import { readFileSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { expect } from 'vitest';

/** Secrets a developer or CI may hold while running oar; entry code must see none of them. */
export const SECRETS: Readonly<Record<string, string>> = {
  AWS_ACCESS_KEY_ID: 'AKIAPROBESECRET00001',
  AWS_SECRET_ACCESS_KEY: 'probe-aws-secret-key',
  AWS_SESSION_TOKEN: 'probe-aws-session-token',
  AWS_PROFILE: 'probe-profile',
  GITHUB_TOKEN: 'ghp_probeGithubToken000000000000000000',
  GH_TOKEN: 'gho_probeGhToken',
  NPM_TOKEN: 'npm_probeNpmToken',
  NODE_AUTH_TOKEN: 'probe-node-auth-token',
  OAR_DEPLOY_SECRET: 'probe-oar-secret',
  CDK_PRIVATE_KEY: 'probe-cdk-key',
  https_proxy: 'http://user:probe-proxy-password@proxy.example:3128',
};

/**
 * Asserts that the env-probe fixture's stack (test/fixtures/deploy/architectures/env-probe),
 * which writes what it saw to `file` when imported, saw none of `secrets` and not
 * the real home folder; then removes the file for the next run.
 */
export function expectNoSecrets(file: string, secrets: Readonly<Record<string, string>> = SECRETS): void {
  const text = readFileSync(file, 'utf8');
  const seen = JSON.parse(text) as { env: Record<string, string>; home: string };
  for (const [name, value] of Object.entries(secrets)) {
    expect(seen.env, name).not.toHaveProperty(name);
    expect(text, name).not.toContain(value);
  }
  expect(seen.home).not.toBe(homedir());
  rmSync(file);
}
