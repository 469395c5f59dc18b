import { Aws, Fn, RemovalPolicy } from 'aws-cdk-lib';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import { HEALTH_PATH } from './web-tier.ts';

export interface LatencyDnsProps {
  readonly role: 'primary' | 'secondary';
  readonly domainName: string;
  /** An existing public hosted zone; empty makes the primary create one named domainName. */
  readonly hostedZoneId: string;
  /** Route 53 accelerated recovery on the zone this construct creates (a public zone). */
  readonly acceleratedRecovery: boolean;
  readonly loadBalancer: elbv2.IApplicationLoadBalancer;
  readonly healthCheckIntervalSeconds: number;
  readonly healthCheckFailureThreshold: number;
}

/**
 * Route 53 latency routing for domainName: each Region's stack owns a health check of its own load
 * balancer and a latency alias record for its Region, guarded by that health check. Route 53 answers
 * each resolver with the healthy Region of lowest latency, and with the other Region when one fails.
 */
export class LatencyDns extends Construct {
  readonly hostedZoneId: string;
  /** Name servers of the zone this stack created, or undefined when the zone already existed. */
  readonly nameServers?: string[];
  readonly healthCheck: route53.CfnHealthCheck;
  readonly record: route53.CfnRecordSet;

  constructor(scope: Construct, id: string, props: LatencyDnsProps) {
    super(scope, id);
    if (props.hostedZoneId === '') {
      if (props.role === 'secondary') {
        throw new Error(
          'role=secondary needs hostedZoneId: pass the HostedZoneId output of the primary stack (or your own zone)',
        );
      }
      // Accelerated recovery keeps a copy of the zone in us-west-2, so its records can change again within about
      // an hour of a us-east-1 impairment; it must be on before the event.
      const zone = new route53.CfnHostedZone(this, 'Zone', {
        name: props.domainName,
        hostedZoneConfig: { comment: `Latency routing for ${props.domainName} (multi-region-active-active)` },
        ...(props.acceleratedRecovery && { hostedZoneFeatures: { enableAcceleratedRecovery: true } }),
      });
      // Delegation points at these name servers; a new zone would get different ones.
      zone.applyRemovalPolicy(RemovalPolicy.RETAIN);
      this.hostedZoneId = zone.ref;
      this.nameServers = [Fn.join(',', zone.attrNameServers)];
    } else {
      this.hostedZoneId = props.hostedZoneId;
    }

    // Every Region is checked: with latency routing, an unhealthy Region must leave DNS on its own.
    this.healthCheck = new route53.CfnHealthCheck(this, 'HealthCheck', {
      healthCheckConfig: {
        type: 'HTTP',
        fullyQualifiedDomainName: props.loadBalancer.loadBalancerDnsName,
        port: 80,
        resourcePath: HEALTH_PATH,
        requestInterval: props.healthCheckIntervalSeconds,
        failureThreshold: props.healthCheckFailureThreshold,
      },
      healthCheckTags: [{ key: 'Name', value: `${props.domainName} ${props.role}` }],
    });

    this.record = new route53.CfnRecordSet(this, 'LatencyRecord', {
      hostedZoneId: this.hostedZoneId,
      name: props.domainName,
      type: 'A',
      setIdentifier: props.role,
      region: Aws.REGION,
      healthCheckId: this.healthCheck.attrHealthCheckId,
      aliasTarget: {
        dnsName: props.loadBalancer.loadBalancerDnsName,
        hostedZoneId: props.loadBalancer.loadBalancerCanonicalHostedZoneId,
        evaluateTargetHealth: true,
      },
    });
  }
}
