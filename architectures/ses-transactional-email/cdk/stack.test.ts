// Parameter checks and the configurations the claims do not cover; the promises themselves are in cdk/claims.ts.
import { describe, expect, test } from 'vitest';
import { entryTemplate, synthConfigs } from '../../../test/helpers/synth-entry.ts';
import { onlyProps } from '../../../test/helpers/template.ts';
import { inlineHandlerSource, INLINE_CODE_LIMIT } from './feedback.ts';

const ID = 'ses-transactional-email';
const template = entryTemplate(ID);
const runs = await synthConfigs(ID, { throwaway: ['retainTable=false', 'logRetentionDays=7'] });

describe('defaults', () => {
  test('the handler fits inline', () => {
    expect(inlineHandlerSource().length).toBeLessThanOrEqual(INLINE_CODE_LIMIT);
  });

  test('the configuration set is named after the stack, within SES limits', () => {
    expect(onlyProps(template, 'AWS::SES::ConfigurationSet')['Name']).toMatch(/^[A-Za-z0-9_-]{1,64}$/u);
  });

  test('the identity is the domain, and the template is named after the set', () => {
    expect(onlyProps(template, 'AWS::SES::EmailIdentity')['EmailIdentity']).toBe('example.com');
    expect((onlyProps(template, 'AWS::SES::Template')['Template'] as Record<string, unknown>)['TemplateName']).toMatch(
      /-password-reset$/u,
    );
  });
});

describe('throwaway', () => {
  test('retainTable=false deletes the table with the stack', () => {
    const t = runs.ok('throwaway').template.toJSON() as { Resources: Record<string, { Type: string; DeletionPolicy?: string }> };
    const table = Object.values(t.Resources).find((r) => r.Type === 'AWS::DynamoDB::Table');
    expect(table?.DeletionPolicy).toBe('Delete');
  });
});
