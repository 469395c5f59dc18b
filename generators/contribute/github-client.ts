import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { OarError } from '../../lib/diagnostics.ts';

const GitHubClient = Octokit.plugin(retry, throttling);

/** The REST client oar uses: retries server errors, and waits out rate limits a few times before giving up. */
export type GitHub = InstanceType<typeof GitHubClient>;

/** The token from GITHUB_TOKEN or GH_TOKEN, or an OAR320 error that says how to get one. */
export function tokenFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const token = env['GITHUB_TOKEN'] ?? env['GH_TOKEN'];
  if (token === undefined || token.trim() === '') {
    throw new OarError(
      'OAR320',
      'no GitHub token: set GITHUB_TOKEN or GH_TOKEN to a token with the public_repo scope (classic) or contents and pull-requests write access (fine-grained), e.g. export GH_TOKEN=$(gh auth token)',
    );
  }
  return token.trim();
}

/**
 * An Octokit with the retry and throttling plugins. `baseUrl` is GitHub's API
 * unless OAR_GITHUB_API_URL names another (GitHub Enterprise, or a test server).
 */
export function githubClient(token: string, opts: { baseUrl?: string; retries?: number } = {}): GitHub {
  const retries = opts.retries ?? 2;
  return new GitHubClient({
    auth: token,
    baseUrl: opts.baseUrl ?? process.env['OAR_GITHUB_API_URL'] ?? 'https://api.github.com',
    userAgent: 'oar (Open Architecture Registry)',
    // oar explains failures itself; Octokit's own log would print every expected 404 (no fork yet) too.
    log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    // Not request.retries: plugin-retry 8 then retries every failed request, 404s included.
    retry: { retries, doNotRetry: [400, 401, 403, 404, 409, 410, 422, 451] },
    throttle: {
      onRateLimit: (_after: number, _options: unknown, _octokit: unknown, count: number) => count < retries,
      onSecondaryRateLimit: (_after: number, _options: unknown, _octokit: unknown, count: number) => count < retries,
    },
  });
}
