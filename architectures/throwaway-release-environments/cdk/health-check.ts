import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';

export interface ExternalHealthCheckProps {
  readonly lb: elbv2.IApplicationLoadBalancer;
  readonly releaseName: string;
  readonly healthCheckPath: string;
}

/** Seconds between two checks from each Route 53 health checker. */
export const HEALTH_CHECK_INTERVAL = 30;
/** Consecutive failures (or successes) before Route 53 changes the release's status. */
export const HEALTH_CHECK_FAILURES = 3;

/**
 * A Route 53 health check that probes the release's health path from the internet, over HTTP
 * on its own load balancer name: the same URL as the smoke test, checked continuously, also
 * while the release has no record in the traffic stack and gets no traffic. It is the gate
 * before a release is given a weight. It is not attached to the release's record: AWS advises
 * evaluate-target-health instead of a health check on alias records that point at a load balancer.
 */
export class ExternalHealthCheck extends Construct {
  readonly healthCheck: route53.CfnHealthCheck;

  constructor(scope: Construct, id: string, p: ExternalHealthCheckProps) {
    super(scope, id);
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
}
