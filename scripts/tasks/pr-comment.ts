import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readArtifactFile } from './report/artifact-file.ts';
import { restClient, type Rest } from '../../generators/contribute/github-rest.ts';
import {
  choosePullRequest,
  headFilter,
  parseRunEvent,
  planComment,
  pullShape,
  type Artifact,
  type IssueComment,
  type PullListed,
} from './report/pr-comment-plan.ts';

/**
 * `node scripts/tasks/pr-comment.ts <artifact dir>`: run by pr-report.yml, from the
 * default branch, with a token that may comment. It posts (or updates) the report
 * comment of the PR the finished run belongs to. Only relative imports: this runs
 * without `npm ci`. Every line it logs about the artifact quotes hostile text on one
 * line, so nothing the contributor wrote can start a workflow command (`::…`).
 */

/** The artifact's three files; anything else in it is ignored. */
export function readArtifact(dir: string): Artifact {
  return {
    prNumber: readArtifactFile(join(dir, 'pr-number')),
    validate: readArtifactFile(join(dir, 'validate.json')),
    check: readArtifactFile(join(dir, 'check.json')),
  };
}

/** Plans and posts the comment; the exit code: 0 posted or nothing to do, 1 refused. */
export async function postReport(rest: Rest, eventSource: string, dir: string): Promise<number> {
  const event = parseRunEvent(eventSource);
  if (!('ok' in event)) {
    console.error(`the workflow_run event is not as expected: ${event.problems.join('; ')}`);
    return 1;
  }
  const repo = `/repos/${event.ok.repository.full_name}`;
  const artifact = readArtifact(dir);
  const head = headFilter(event.ok);
  const listed: PullListed[] = [];
  if (head !== undefined) {
    for (const item of await rest.paginate(`${repo}/pulls?state=open&head=${encodeURIComponent(head)}`, 5)) {
      const problems: string[] = [];
      pullShape.check(item, 'pull', problems);
      if (problems.length === 0) listed.push(item as PullListed);
    }
  }
  const target = choosePullRequest(event.ok, listed, artifact);
  if ('skip' in target) {
    console.log(`nothing posted: ${target.skip}`);
    return 0;
  }
  if ('refuse' in target) {
    console.error(`refused, nothing posted: ${target.refuse}`);
    return 1;
  }
  const comments = (await rest.paginate(`${repo}/issues/${target.pr}/comments`, 30)) as IssueComment[];
  const action = planComment(target.pr, event.ok, artifact, comments);
  if (action.kind === 'update') {
    await rest.request('PATCH', `${repo}/issues/comments/${action.commentId}`, { body: action.body });
    console.log(`updated the report comment ${action.commentId} on #${action.pr}`);
  } else {
    await rest.request('POST', `${repo}/issues/${action.pr}/comments`, { body: action.body });
    console.log(`commented the report on #${action.pr}`);
  }
  if (action.refused === undefined) return 0;
  console.error(`the report was refused: ${action.refused}`);
  return 1;
}

if (import.meta.main) {
  const dir = process.argv[2];
  const token = process.env['GITHUB_TOKEN'];
  const eventPath = process.env['GITHUB_EVENT_PATH'];
  if (!dir || !token || !eventPath) {
    console.error('usage: GITHUB_TOKEN=… GITHUB_EVENT_PATH=… node scripts/tasks/pr-comment.ts <artifact dir>');
    process.exit(2);
  }
  const rest = restClient(token, process.env['GITHUB_API_URL'] ? { baseUrl: process.env['GITHUB_API_URL'] } : {});
  process.exitCode = await postReport(rest, readFileSync(eventPath, 'utf8'), dir);
}
