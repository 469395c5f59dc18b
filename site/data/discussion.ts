/** Links from an entry page to where people talk about it, on the registry's GitHub repository. */
export interface DiscussionLinks {
  /** The repository's Discussions, searched for the entry's id. */
  readonly discuss: string;
  /** A new issue from the entry-problem form, with the entry's id and version filled in. */
  readonly improve: string;
}

/** The issue form for a problem with an entry (.github/ISSUE_TEMPLATE/entry-problem.yml) and its entry field's id. */
export const ISSUE_FORM = 'entry-problem.yml';
export const ENTRY_FIELD = 'entry';

/** The discussion and issue links of an entry, or none when the site names no repository (OAR_REPO_URL). */
export function discussionLinks(repo: string | undefined, id: string, version: string): DiscussionLinks | undefined {
  if (repo === undefined) return undefined;
  const search = new URLSearchParams({ discussions_q: id });
  // The form's title asks for "<entry id>: "; GitHub fills form fields from query parameters named by their ids.
  const issue = new URLSearchParams({ template: ISSUE_FORM, title: `${id}: `, [ENTRY_FIELD]: `${id} ${version}` });
  return { discuss: `${repo}/discussions?${search.toString()}`, improve: `${repo}/issues/new?${issue.toString()}` };
}
