import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AccessLogBucket } from './access-logs.ts';
import { VPC_CIDR } from './network.ts';

export interface MutualTlsEndpointProps {
  readonly vpc: ec2.IVpc;
  readonly certificateArn: string;
  readonly trustStoreBucket: s3.IBucket;
  readonly trustStoreKey: string;
  readonly logRetentionDays: number;
}

/**
 * An internal Application Load Balancer that serves the service's private certificate and verifies client
 * certificates against a trust store holding the CA chain: a client without a certificate from the issuing CA
 * is refused during the TLS handshake, before any request reaches a target.
 */
export class MutualTlsEndpoint extends Construct {
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly trustStore: elbv2.TrustStore;

  constructor(scope: Construct, id: string, props: MutualTlsEndpointProps) {
    super(scope, id);
    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Internal mTLS load balancer: HTTPS from the VPC',
      allowAllOutbound: false,
    });
    // The VPC's CIDR block (network.ts); clients elsewhere reach it through peering or Transit Gateway routes.
    securityGroup.addIngressRule(ec2.Peer.ipv4(VPC_CIDR), ec2.Port.tcp(443), 'HTTPS from the VPC');
    const accessLogs = new AccessLogBucket(this, 'AccessLogs', { retentionDays: props.logRetentionDays });
    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: props.vpc,
      internetFacing: false,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroup,
      dropInvalidHeaderFields: true,
    });
    this.loadBalancer.setAttribute('access_logs.s3.enabled', 'true');
    this.loadBalancer.setAttribute('access_logs.s3.bucket', accessLogs.bucket.bucketName);
    if (accessLogs.bucket.policy) this.loadBalancer.node.addDependency(accessLogs.bucket.policy);

    this.trustStore = new elbv2.TrustStore(this, 'TrustStore', {
      bucket: props.trustStoreBucket,
      key: props.trustStoreKey,
    });
    this.loadBalancer.addListener('Https', {
      port: 443,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
      certificates: [acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn)],
      mutualAuthentication: {
        mutualAuthenticationMode: elbv2.MutualAuthenticationMode.VERIFY,
        trustStore: this.trustStore,
        ignoreClientCertificateExpiry: false,
      },
      open: false,
      defaultAction: elbv2.ListenerAction.fixedResponse(200, {
        contentType: 'text/plain',
        messageBody: 'client certificate verified',
      }),
    });
  }
}
