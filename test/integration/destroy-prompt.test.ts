import { expect, it } from 'vitest';
import { destroyEntry } from '../../generators/destroy/destroy-entry.ts';
import { openCatalogue } from '../../lib/catalogue.ts';
import { answeringNo } from '../helpers/deploy-ui.ts';
import { REPO_ROOT } from '../helpers/synth-entry.ts';

it(
  'the destroy prompt lists the data it would delete, and no answers changes nothing',
  { timeout: 120_000 },
  async () => {
    const entry = openCatalogue(REPO_ROOT).byId.get('sns-sqs-fanout');
    if (!entry) throw new Error('the catalogue has no sns-sqs-fanout');
    const { ui, lines, questions } = answeringNo();
    // Destroy synthesizes (offline) before it asks; with "no" it never opens an AWS connection.
    expect(await destroyEntry(REPO_ROOT, entry, { env: 'prompt', params: [], yes: false }, ui)).toBeUndefined();
    const said = lines.join('\n');
    expect(said).toMatch(/^destroying oar-sns-sqs-fanout--prompt deletes this data:$/mu);
    expect(said).toContain('  IdempotencyTable22A5A209 (AWS::DynamoDB::Table): deleted with its items');
    expect(said).toContain('  ConsumerbillingQueue0AE114C1 (AWS::SQS::Queue): deleted with the messages in it');
    expect(said).toContain(
      '  Key961B73FD (AWS::KMS::Key): deleted with the key, after a pending window of 30 days; data still encrypted with it becomes unreadable',
    );
    expect(said).not.toContain('QueuePolicy');
    expect(questions).toEqual(['destroy oar-sns-sqs-fanout--prompt and every resource in it?']);
    expect(lines.at(-1)).toBe('not destroyed');
  },
);
