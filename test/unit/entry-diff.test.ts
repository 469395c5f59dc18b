import { describe, expect, it } from 'vitest';
import { diffMetadata, IDENTITY_FIELDS } from '../../lib/diff/entry-diff.ts';
import { formatChanges } from '../../lib/diff/format-diff.ts';

describe('diffMetadata', () => {
  const parent = {
    id: 'p',
    services: ['ec2', 'ebs', 'elb'],
    failureModes: [
      { scenario: 'az-outage', impact: 'degraded', mitigation: 'Two zones.' },
      { scenario: 'ebs-degradation', impact: 'outage', mitigation: 'Replace.' },
    ],
    parameters: [{ name: 'size', default: 2 }],
  };
  const child = {
    id: 'c',
    services: ['elb', 'ec2', 's3'],
    failureModes: [
      { scenario: 'ebs-degradation', impact: 'none', mitigation: 'No EBS.' },
      { scenario: 'az-outage', impact: 'degraded', mitigation: 'Two zones.' },
    ],
    parameters: [{ name: 'size', default: 2 }],
    forkedFrom: { id: 'p' },
  };

  it('matches list items by key, so reordering is not a change', () => {
    const changes = diffMetadata(parent, child, IDENTITY_FIELDS);
    expect(formatChanges(changes)).toMatchInlineSnapshot(`
      "- services: "ebs"
      + services: "s3"
      ~ failureModes[ebs-degradation].impact: "outage" -> "none"
      ~ failureModes[ebs-degradation].mitigation: "Replace." -> "No EBS.""
    `);
  });

  it('includes identity fields unless told to ignore them', () => {
    const paths = diffMetadata(parent, child).map((c) => c.path);
    expect(paths).toContain('id');
    expect(paths).toContain('forkedFrom');
  });

  it('finds nothing between equal entries', () => {
    expect(diffMetadata(parent, structuredClone(parent))).toEqual([]);
  });
});
