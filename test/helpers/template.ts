import type { Template } from 'aws-cdk-lib/assertions';
import { expect } from 'vitest';
import { ofType, type Json } from '../../generators/check/claims/template-queries.ts';

// The queries live with the claims harness, which runs them in synth workers; tests use the same ones.
export * from '../../generators/check/claims/template-queries.ts';

/** The properties of the one resource of a type; fails the test when there is not exactly one. */
export function onlyProps(t: Template, type: string): Json {
  const found = ofType(t, type);
  expect(found, type).toHaveLength(1);
  return found[0]?.Properties ?? {};
}
