// What this entry claims beyond cdk/claims.ts, tested on its template with the default parameters and others.
// Run first: OAR_ENTRIES=sagemaker-mlops npx vitest run test/entries.test.ts architectures/sagemaker-mlops
import { describe, expect, test } from 'vitest';
import { entryTemplate } from '../../../test/helpers/synth-entry.ts';
import { sageMakerName } from './pipeline.ts';

const ID = 'sagemaker-mlops';
const template = entryTemplate(ID);

describe('default configuration', () => {
  test('creates the pipeline and the registry, and no endpoint until a version is approved', () => {
    template.resourceCountIs('AWS::SageMaker::Pipeline', 1);
    template.resourceCountIs('AWS::SageMaker::ModelPackageGroup', 1);
    template.resourceCountIs('AWS::SageMaker::Endpoint', 0);
  });
});

describe('names', () => {
  test('pipeline and model package group names fit SageMaker patterns whatever the stack name', () => {
    for (const stackName of ['oar-sagemaker-mlops--e2e', `x${'-long'.repeat(40)}`, 'a_b--c']) {
      const group = sageMakerName(stackName, 'models', 63);
      expect(group).toMatch(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/u);
      expect(sageMakerName(stackName, 'train', 256)).toMatch(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}$/u);
    }
  });
});
