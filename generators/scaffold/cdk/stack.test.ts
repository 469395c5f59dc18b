// What this entry claims, tested on its template with the default parameters. test/entries.test.ts keeps that
// template's snapshot current and runs the checks every entry owes (cdk-nag, outputs, services, diagrams); run it
// first: OAR_ENTRIES=entry-template npx vitest run test/entries.test.ts architectures/entry-template
// To test other parameters, synthesize them with synthConfigs from the same helper.
import { describe, expect, test } from 'vitest';
import { entryTemplate } from '../../../test/helpers/synth-entry.ts';
import { onlyProps } from '../../../test/helpers/template.ts';

const ID = 'entry-template';
const template = entryTemplate(ID);

describe('load balancer', () => {
  test('drops invalid headers and writes access logs to its bucket', () => {
    expect(onlyProps(template, 'AWS::ElasticLoadBalancingV2::LoadBalancer')['LoadBalancerAttributes']).toEqual(
      expect.arrayContaining([
        { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
        { Key: 'access_logs.s3.enabled', Value: 'true' },
      ]),
    );
  });
});
