// What this entry claims beyond cdk/claims.ts, tested on its template with the default parameters and others.
// Run first: OAR_ENTRIES=bedrock-rag npx vitest run test/entries.test.ts architectures/bedrock-rag
import { describe, expect, test } from 'vitest';
import { entryTemplate } from '../../../test/helpers/synth-entry.ts';
import { onlyProps } from '../../../test/helpers/template.ts';
import { INLINE_CODE_LIMIT, inlineSource } from './functions.ts';
import { bedrockName } from './vector-store.ts';

const ID = 'bedrock-rag';
const template = entryTemplate(ID);

describe('knowledge base', () => {
  test('stores Titan V2 embeddings of embeddingDimensions in the S3 Vectors index', () => {
    const kb = onlyProps(template, 'AWS::Bedrock::KnowledgeBase');
    expect(kb['StorageConfiguration']).toMatchObject({ Type: 'S3_VECTORS' });
    const index = onlyProps(template, 'AWS::S3Vectors::Index');
    expect(index).toMatchObject({ Dimension: 1024, DataType: 'float32', DistanceMetric: 'cosine' });
    expect(JSON.stringify(kb['KnowledgeBaseConfiguration'])).toContain('"Dimensions":1024');
  });
});

describe('handlers', () => {
  test('ship inline under the repository limit', () => {
    for (const file of ['query.js', 'sync.js']) expect(inlineSource(file).length).toBeLessThanOrEqual(INLINE_CODE_LIMIT);
  });
});

describe('names', () => {
  test('knowledge base and guardrail names fit Bedrock patterns whatever the stack name', () => {
    const pattern = /^([0-9a-zA-Z][_-]?)+$/u;
    for (const stackName of ['oar-bedrock-rag--e2e', `x${'-long'.repeat(40)}`, 'a_b--c']) {
      const kb = bedrockName(stackName, 'kb', 100);
      const guardrail = bedrockName(stackName, 'guardrail', 50);
      expect(kb).toMatch(pattern);
      expect(guardrail).toMatch(pattern);
      expect(kb.length).toBeLessThanOrEqual(100);
      expect(guardrail.length).toBeLessThanOrEqual(50);
    }
  });
});
