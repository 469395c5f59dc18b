import { describe, expect, it } from 'vitest';
import { runOar } from '../helpers/run-cli.ts';
import { fixture } from '../helpers/temp-catalogue.ts';

const valid = fixture('valid');

// What `oar search` prints, pinned: the table, the JSON (key order included), and its refusals.
describe('oar search', () => {
  it('prints ranked results as a table', async () => {
    const run = await runOar(['search', 'java', 'without', 'ebs', '--root', valid]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatchInlineSnapshot(`
      "#  ID             SCORE  TITLE
      1  tiny-web-fork  8.58   Tiny web tier without EBS
      2  tiny-web       0.84   Tiny web tier"
    `);
  });

  it('prints ranked results as JSON, with the score and the index terms that matched', async () => {
    const run = await runOar(['search', 'tiny', 'web', '--limit', '1', '--json', '--root', valid]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatchInlineSnapshot(`
      "[
        {
          "id": "tiny-web",
          "title": "Tiny web tier",
          "summary": "A small load-balanced web tier used as a test fixture for the registry.",
          "version": "1.2.0",
          "status": "stable",
          "categories": [
            "web-application"
          ],
          "services": [
            "ec2",
            "ebs",
            "elb",
            "autoscaling"
          ],
          "score": 4.96,
          "matched": [
            "tini",
            "web"
          ]
        }
      ]"
    `);
  });

  it('says when nothing matches, echoing the query safely', async () => {
    const run = await runOar(['search', 'kafka\u001b[31m', '--root', valid]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatchInlineSnapshot(
      `"no entries match "kafka\\u001b[31m"; try fewer or other words, or propose an entry (CONTRIBUTING.md, "Add an entry")"`,
    );
  });

  it('names the words no entry mentions, under the closest entries, and offers to propose one', async () => {
    const run = await runOar(['search', 'java', 'mainframe', '--root', valid]);
    expect(run.code).toBe(0);
    const [, notice] = run.stdout.split('\n\n');
    expect(run.stdout).toMatch(/^#\s+ID/u);
    expect(notice).toMatchInlineSnapshot(
      `"no entry mentions "mainframe": these are the closest. If none fits, there is no entry for this yet: propose one (npx oar new <id>, or the "Propose an architecture" issue form; see CONTRIBUTING.md, "Add an entry")"`,
    );
  });

  it('refuses a query with no words (OAR303)', async () => {
    const run = await runOar(['search', '::', '--root', valid]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatchInlineSnapshot(
      `"error OAR303: the query "::" has no words to search for; try e.g. oar search java web tier"`,
    );
  });

  it.each([['lots'], ['0'], ['1.5']])('refuses --limit %s (OAR303)', async (limit) => {
    const run = await runOar(['search', 'java', '--limit', limit, '--root', valid]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`error OAR303: --limit must be a whole number of 1 or more, got "${limit}"`);
  });
});
