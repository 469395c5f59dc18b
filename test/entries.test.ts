// The entry harness: every entry synthesized once, through `oar check`'s own stage (synth workers with a scrubbed
// environment, cdk-nag, CloudFormation validation, cfn-lint when installed, services and diagrams), then the checks
// every entry owes. An entry's own cdk/*.test.ts keeps only what that entry claims. Run one entry with
// OAR_ENTRIES=<id>; update its snapshots with -u.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { stackNameOf } from '../generators/synth/stack-name.ts';
import { readTemplate } from '../generators/synth/template.ts';
import { defaultJobs } from '../generators/synth/synth-pool.ts';
import { checkEntries } from '../generators/check/check-entries.ts';
import { DERIVE_COMMAND, PARAMETERS_FILE, parametersSource } from '../generators/scaffold/parameters-file.ts';
import { openCatalogue } from '../lib/catalogue.ts';
import { ACKNOWLEDGEMENTS_SNAPSHOT, TEMPLATE_SNAPSHOT, toShownAcknowledgements } from '../lib/load/entry-snapshots.ts';
import { CHECK_REPORT_FILE } from '../lib/resolve/verification.ts';
import { errorsOf, synthErrorsOf } from './helpers/entry-checks.ts';
import { coversEverything, selectedEntries } from './helpers/entry-selection.ts';
import { REPO_ROOT } from './helpers/synth-entry.ts';

/** The resource types the emulator cannot create, which make an entry synth-only in the deploy tests. */
const EMULATOR_SNAPSHOT = 'cdk/__snapshots__/unemulated-types.json';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const catalogue = openCatalogue(REPO_ROOT);
const entries = selectedEntries(catalogue.entries);
const report = await checkEntries(REPO_ROOT, entries, defaultJobs(entries.length), {}, catalogue.byId);
// What `oar check --report` writes, for CI's entry jobs (OAR_CHECK_REPORT), whose shards the PR report merges.
const reportFile = process.env['OAR_CHECK_REPORT'];
if (reportFile) {
  mkdirSync(dirname(resolve(reportFile)), { recursive: true });
  writeFileSync(resolve(reportFile), json(report));
}
// The same file a full `oar check` leaves, so the site built next (npm test's e2e) shows each entry's status.
if (coversEverything()) {
  mkdirSync(join(REPO_ROOT, 'cdk.out'), { recursive: true });
  writeFileSync(join(REPO_ROOT, CHECK_REPORT_FILE), json(report));
}

test('the run covers at least one entry', () => {
  expect(entries.length).toBeGreaterThan(0);
});

describe.each(entries.map((entry, i) => ({ id: entry.id, entry, check: report.entries[i] })))(
  '$id',
  ({ id, entry, check }) => {
    const dir = join(REPO_ROOT, entry.dir);
    const template = check?.templateFile ? readTemplate(join(REPO_ROOT, check.templateFile)) : undefined;

    test('synthesizes', () => {
      expect(check?.id).toBe(id);
      expect(check ? synthErrorsOf(check) : ['not checked']).toEqual([]);
      expect(template).toBeDefined();
    });

    test('passes oar check: cdk-nag, CloudFormation validation, cfn-lint, services and diagrams', () => {
      expect(check ? errorsOf(check) : ['not checked']).toEqual([]);
    });

    // The site offers the template as a download and shows the acknowledgements on the entry page.
    test('the template matches its snapshot', async () => {
      await expect(json(template)).toMatchFileSnapshot(join(dir, TEMPLATE_SNAPSHOT));
    });

    test('the acknowledged findings match their snapshot', async () => {
      const shown = toShownAcknowledgements(stackNameOf(id), check?.acknowledged ?? []);
      await expect(json(shown)).toMatchFileSnapshot(join(dir, ACKNOWLEDGEMENTS_SNAPSHOT));
    });

    test('every acknowledgement gives a reason a reader can judge', () => {
      for (const a of check?.acknowledged ?? []) expect(a.reason.length, `${a.rule} at ${a.where}`).toBeGreaterThan(40);
    });

    // Each claim in each configuration it holds for, so a broken promise is named in the test list, not only in oar check's.
    test.each((check?.claims ?? []).map((c) => ({ ...c, name: `${c.id} (${c.variant})` })))(
      'claim $name holds',
      ({ passed, message }) => {
        expect(passed, message).toBe(true);
      },
    );

    test('the outputs architecture.yaml declares are the stack’s outputs', () => {
      const declared = (entry.meta.outputs ?? []).map((o) => o.name).sort();
      expect(Object.keys(template?.Outputs ?? {}).sort()).toEqual(declared);
    });

    test('the resource types the emulator cannot create match their snapshot', async () => {
      await expect(json(check?.unemulated)).toMatchFileSnapshot(join(dir, EMULATOR_SNAPSHOT));
    });

    test(`${PARAMETERS_FILE} is current (${DERIVE_COMMAND})`, () => {
      const current = readFileSync(join(dir, PARAMETERS_FILE), 'utf8');
      expect(current).toBe(parametersSource(entry.meta.parameters ?? []));
    });
  },
);
