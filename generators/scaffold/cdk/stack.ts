import { CfnOutput, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { Construct } from 'constructs';
import { AccessLogBucket } from './access-logs.ts';
import { LogKey, retentionOf } from './logs.ts';
import { Network } from './network.ts';
import type { Parameters } from './parameters.generated.ts';

export interface EntryStackProps extends StackProps {
  readonly parameters: Parameters;
}

/**
 * Describe the architecture in a sentence or two. This starting point has one construct per concern, each in
 * its own file (network.ts, logs.ts, access-logs.ts), and this class only composes them and says what each
 * part is for. Replace the fixed response with what the architecture serves.
 */
export default class EntryStack extends Stack {
  constructor(scope: Construct, id: string, props: EntryStackProps) {
    super(scope, id, props);
    const p = props.parameters;
    const retention = retentionOf(p.logRetentionDays);

    // --- Logs: named log groups, so the key policy can name them; retention from logRetentionDays.
    const flowLogGroupName = `/vpc-flow-logs/${this.stackName}`;
    const logKey = new LogKey(this, 'Logs', { logGroupNames: [flowLogGroupName] });

    // --- Network: public subnets for the load balancer, isolated subnets behind it.
    const { vpc } = new Network(this, 'Network', {
      azCount: p.azCount,
      flowLogGroup: logKey.logGroup('FlowLogGroup', flowLogGroupName, retention),
    });

    // --- Load balancer: reachable from allowedIngressCidr on port 80, access logs to their own bucket.
    const lbSecurityGroup = new ec2.SecurityGroup(this, 'LoadBalancerSecurityGroup', {
      vpc,
      description: 'Load balancer: HTTP from allowedIngressCidr',
      allowAllOutbound: false,
    });
    lbSecurityGroup.addIngressRule(
      ec2.Peer.ipv4(p.allowedIngressCidr),
      ec2.Port.tcp(80),
      'HTTP from allowedIngressCidr',
    );
    if (p.allowedIngressCidr === '0.0.0.0/0') {
      Validations.of(lbSecurityGroup).acknowledge({
        id: 'AwsSolutions-EC23',
        reason:
          'An internet-facing load balancer accepts any client by default; only port 80 is open, and allowedIngressCidr narrows it.',
      });
    }
    const accessLogs = new AccessLogBucket(this, 'AccessLogs', { retentionDays: p.logRetentionDays });
    const lb = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc,
      internetFacing: true,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      securityGroup: lbSecurityGroup,
      dropInvalidHeaderFields: true,
    });
    lb.setAttribute('access_logs.s3.enabled', 'true');
    lb.setAttribute('access_logs.s3.bucket', accessLogs.bucket.bucketName);
    // Elastic Load Balancing checks that it may write to the bucket when logging is switched on.
    if (accessLogs.bucket.policy) lb.node.addDependency(accessLogs.bucket.policy);
    lb.addListener('Http', {
      port: 80,
      protocol: elbv2.ApplicationProtocol.HTTP,
      open: false,
      defaultAction: elbv2.ListenerAction.fixedResponse(200, { contentType: 'text/plain', messageBody: 'ok' }),
    });

    // --- Outputs: one CfnOutput per output in architecture.yaml, with the same id.
    new CfnOutput(this, 'LoadBalancerDnsName', {
      value: lb.loadBalancerDnsName,
      description: 'DNS name of the load balancer',
    });
  }
}
