import { Fn } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';

/** The outputs a release exports for the traffic stack, under `<release stack name>:<output>`. */
export const RELEASE_EXPORTS = {
  dnsName: 'LoadBalancerDnsName',
  hostedZoneId: 'LoadBalancerHostedZoneId',
} as const;

/** The export name of one of a release stack's RELEASE_EXPORTS. */
export function releaseExportName(releaseStackName: string, output: string): string {
  return `${releaseStackName}:${output}`;
}

/** One release's share of the shared name. */
export interface ReleaseWeight {
  readonly release: string;
  readonly weight: number;
}

/** Parses `r-41=100,r-42=10`; the pattern in architecture.yaml has already checked the form. */
export function parseWeights(text: string): ReleaseWeight[] {
  if (text === '') return [];
  return text.split(',').map((pair) => {
    const [release = '', weight = ''] = pair.split('=');
    return { release, weight: Number(weight) };
  });
}

export interface TrafficRecordsProps {
  /** Stack name of a release without its release name: releases are `<prefix>--<release>`. */
  readonly releaseStackPrefix: string;
  readonly hostedZoneId: string;
  readonly recordName: string;
  readonly weights: readonly ReleaseWeight[];
}

/**
 * The traffic stack's only resource: one weighted alias record per live release under the
 * shared name, all in one record set group. Each record points at its release's load balancer
 * through the names the release stack exports, so a weight change updates this group alone and
 * never a release; and while this stack imports a release's exports, CloudFormation refuses to
 * delete that release. A release that is not listed has no record and cannot get an answer.
 */
export class TrafficRecords extends Construct {
  readonly group: route53.CfnRecordSetGroup;

  constructor(scope: Construct, id: string, p: TrafficRecordsProps) {
    super(scope, id);
    const imported = (release: string, output: string) =>
      Fn.importValue(releaseExportName(`${p.releaseStackPrefix}--${release}`, output));
    this.group = new route53.CfnRecordSetGroup(this, 'WeightedRecords', {
      hostedZoneId: p.hostedZoneId,
      comment: `Weights of the live releases: ${p.weights.map((w) => `${w.release}=${String(w.weight)}`).join(', ')}`,
      recordSets: p.weights.map(({ release, weight }) => ({
        name: p.recordName,
        type: 'A',
        setIdentifier: release,
        weight,
        // Alias records take the TTL of the load balancer's own records (60 seconds). With target
        // health evaluated, Route 53 skips a release while a target group of its load balancer has
        // no healthy target.
        aliasTarget: {
          dnsName: imported(release, RELEASE_EXPORTS.dnsName),
          hostedZoneId: imported(release, RELEASE_EXPORTS.hostedZoneId),
          evaluateTargetHealth: true,
        },
      })),
    });
  }
}
