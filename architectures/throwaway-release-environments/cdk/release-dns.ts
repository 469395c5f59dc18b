import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';

export interface ReleaseDnsProps {
  readonly lb: elbv2.IApplicationLoadBalancer;
  readonly releaseName: string;
  readonly healthCheckPath: string;
  /** Hosted zone outside the environment; empty creates no record. */
  readonly hostedZoneId: string;
  readonly recordName: string;
  readonly weight: number;
  readonly externalHealthCheck: boolean;
}

/** Seconds between two checks from each Route 53 health checker. */
export const HEALTH_CHECK_INTERVAL = 30;
/** Consecutive failures (or successes) before Route 53 changes the release's status. */
export const HEALTH_CHECK_FAILURES = 3;

/**
 * The release's share of the shared DNS name: one weighted alias record, identified by the
 * release name, that points at this environment's load balancer. Other releases own their own
 * records under the same name in their own stacks, so deleting an environment removes only its
 * own answer. The hosted zone itself lives outside every environment.
 */
export class ReleaseDns extends Construct {
  readonly healthCheck: route53.CfnHealthCheck | undefined;
  readonly record: route53.CfnRecordSet | undefined;

  constructor(scope: Construct, id: string, p: ReleaseDnsProps) {
    super(scope, id);
    if (p.externalHealthCheck) {
      // Probes the health path from Route 53's checkers on the internet, over HTTP on the load
      // balancer's own name: the same URL as the smoke test, checked continuously, also while the
      // release is at weight 0 and gets no traffic. It is not attached to the record: AWS advises
      // evaluate-target-health instead of a health check on alias records.
      this.healthCheck = new route53.CfnHealthCheck(this, 'HealthCheck', {
        healthCheckConfig: {
          type: 'HTTP',
          fullyQualifiedDomainName: p.lb.loadBalancerDnsName,
          port: 80,
          resourcePath: p.healthCheckPath,
          requestInterval: HEALTH_CHECK_INTERVAL,
          failureThreshold: HEALTH_CHECK_FAILURES,
        },
        healthCheckTags: [{ key: 'Name', value: `release ${p.releaseName}` }],
      });
    }
    if (p.hostedZoneId !== '') {
      this.record = new route53.CfnRecordSet(this, 'WeightedRecord', {
        hostedZoneId: p.hostedZoneId,
        name: p.recordName,
        type: 'A',
        setIdentifier: p.releaseName,
        weight: p.weight,
        // Alias records take the TTL of the load balancer's own records (60 seconds). With target
        // health evaluated, Route 53 skips this release while a target group of its load balancer
        // has no healthy target.
        aliasTarget: {
          dnsName: p.lb.loadBalancerDnsName,
          hostedZoneId: p.lb.loadBalancerCanonicalHostedZoneId,
          evaluateTargetHealth: true,
        },
      });
    }
  }
}
