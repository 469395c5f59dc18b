import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { asBuiltDifference, checkAsBuilt, compareWithAsBuilt } from '../../generators/check/as-built-services.ts';
import type { CfnTemplate } from '../../generators/synth/template.ts';
import { asBuilt, asBuiltFromSnapshot, templateResources } from '../../lib/asbuilt/as-built.ts';
import { openCatalogue } from '../../lib/catalogue.ts';
import { readTemplateSnapshot } from '../../lib/load/entry-snapshots.ts';
import { formatDiagnostic } from '../../lib/report/format-diagnostics.ts';

const template = (...types: string[]): CfnTemplate => ({
  Resources: Object.fromEntries(types.map((Type, i) => [`R${i}`, { Type }])),
});
const drawn = (t: CfnTemplate) => asBuilt(templateResources(t.Resources ?? {}), 'x');
const main = (source: string) => ({ file: 'diagrams/main.mmd', source: `flowchart LR\n${source}` });
const stack = template('AWS::SQS::Queue', 'AWS::Lambda::Function', 'AWS::IAM::ManagedPolicy', 'AWS::Logs::LogGroup');

describe('the main diagram against the as-built one', () => {
  it('passes when the main diagram draws every service the stack builds; IAM and folded log groups need not appear', () => {
    const source = main('  q[("SQS queue")] --> fn["Lambda worker"]');
    expect(compareWithAsBuilt(source, drawn(stack), 'architectures/x', 'x')).toEqual([]);
  });

  it('is an error, at the main diagram, to leave out a service the stack builds, whatever other diagrams draw', () => {
    const found = checkAsBuilt(
      { id: 'x', dir: 'architectures/x', diagrams: [main('  fn["Lambda worker"]'), main('  q[("SQS queue")]')] },
      stack,
    );
    expect(found.map(formatDiagnostic)).toEqual([
      'architectures/x/diagrams/main.mmd  OAR329  the stack as built (oar diagram x) has Amazon SQS (sqs), which the main diagram does not draw; draw it in diagrams/main.mmd with a label matching \\bSQS\\b|dead-letter queues?|\\bDLQs?\\b',
    ]);
  });

  it('knows, both ways, which services each side lacks', () => {
    const source = main(
      '  fn["Lambda worker"] --> es["OpenSearch domain, only with searchEnabled"]\n  lg[("log group")]',
    );
    expect(asBuiltDifference(source, drawn(stack))).toEqual({
      notDrawn: ['sqs'],
      notBuilt: [{ service: 'opensearch', line: 2, text: 'OpenSearch domain' }],
    });
  });

  it('has nothing to compare for an entry without diagrams', () => {
    expect(checkAsBuilt({ id: 'x', dir: 'architectures/x', diagrams: [] }, stack)).toEqual([]);
  });

  it('holds for every entry of the catalogue, against its committed template', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const catalogue = openCatalogue(root);
    expect(catalogue.entries.length).toBeGreaterThanOrEqual(45);
    const findings = catalogue.entries.flatMap((e) => {
      const text = readTemplateSnapshot(root, e.dir);
      expect(text, `${e.dir} has a template snapshot`).toBeDefined();
      const [first] = e.diagrams;
      return first ? compareWithAsBuilt(first, asBuiltFromSnapshot(text ?? '', e.dir, e.id), e.dir, e.id) : [];
    });
    expect(findings.map(formatDiagnostic)).toEqual([]);
  });
});
