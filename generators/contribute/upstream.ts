import { OarError } from '../../lib/diagnostics.ts';
import { tryGit } from '../../lib/git.ts';

const GITHUB_REPO = /github\.com[:/]([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/u;

/** owner/repo from --upstream, OAR_UPSTREAM, or the `upstream` (else `origin`) remote's GitHub URL. */
export function upstreamOf(given: string | undefined, root: string): { owner: string; repo: string } {
  const explicit = given ?? process.env['OAR_UPSTREAM'];
  if (explicit !== undefined) {
    const m = /^([\w.-]+)\/([\w.-]+)$/u.exec(explicit);
    if (!m)
      throw new OarError(
        'OAR303',
        `--upstream ${JSON.stringify(explicit)} is not owner/repo; write e.g. --upstream oar-maintainers/open-architecture-registry`,
      );
    return { owner: m[1] ?? '', repo: m[2] ?? '' };
  }
  for (const remote of ['upstream', 'origin']) {
    const url = tryGit(root, ['remote', 'get-url', remote]) ?? '';
    const m = GITHUB_REPO.exec(url);
    if (m) return { owner: m[1] ?? '', repo: m[2] ?? '' };
  }
  throw new OarError('OAR303', 'no GitHub upstream: pass --upstream owner/repo (or set OAR_UPSTREAM)');
}
