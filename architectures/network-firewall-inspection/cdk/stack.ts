import { Aws, CfnOutput, Fn, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { SPOKE_PREFIX, checkAsn, checkNoOverlap, parseCidr, parseSpokes, pascalCase, privateRanges } from './address-plan.ts';
import { InspectionFirewall, MAX_DOMAINS } from './firewall.ts';
import { InspectionVpc } from './inspection-vpc.ts';
import { routeToFirewallEndpoint, routeToTransitGateway } from './routing.ts';
import { SpokeVpc } from './spoke-vpc.ts';
import type { Parameters } from './parameters.generated.ts';

export interface NetworkFirewallInspectionStackProps extends StackProps {
  readonly parameters: Parameters;
}

/** The CloudWatch Logs retention period for a number of days; the parameter enum lists only valid ones. */
function retentionOf(days: number): logs.RetentionDays {
  const match = Object.values(logs.RetentionDays).find((v): v is logs.RetentionDays => Number(v) === days);
  if (match === undefined) {
    throw new Error(`logRetentionDays ${days} is not a CloudWatch Logs retention period; use a value from architecture.yaml`);
  }
  return match;
}

const DOMAIN = /^\.?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/u;

/** Parses allowedDomains: a comma-separated list of 1 to 50 lowercase domains, a leading dot for subdomains. */
export function parseDomains(list: string): string[] {
  const domains = list
    .split(',')
    .map((d) => d.trim())
    .filter((d) => d !== '');
  if (domains.length < 1 || domains.length > MAX_DOMAINS) {
    throw new Error(`allowedDomains lists ${domains.length} domains; give 1 to ${MAX_DOMAINS}, e.g. .amazonaws.com`);
  }
  for (const d of domains) {
    if (!DOMAIN.test(d)) {
      throw new Error(`allowedDomains: ${JSON.stringify(d)} is not a lowercase domain such as example.com or .example.com`);
    }
  }
  if (new Set(domains).size !== domains.length) throw new Error('allowedDomains repeats a domain');
  return domains;
}

/**
 * Centralised inspection: spoke VPCs reach the internet and each other only through the transit gateway
 * and the AWS Network Firewall endpoints of an inspection VPC, whose policy drops what it does not allow
 * and logs alerts and flows.
 */
export default class NetworkFirewallInspectionStack extends Stack {
  constructor(scope: Construct, id: string, props: NetworkFirewallInspectionStackProps) {
    super(scope, id, props);
    const p = props.parameters;
    const name = Stack.of(this).stackName;

    // --- The address plan and the domain list are checked before anything is built.
    checkAsn(p.amazonSideAsn);
    const inspectionCidr = parseCidr(p.inspectionVpcCidr, 'inspectionVpcCidr');
    if (inspectionCidr.prefix < SPOKE_PREFIX.min || inspectionCidr.prefix > SPOKE_PREFIX.max) {
      throw new Error(`inspectionVpcCidr ${inspectionCidr.text} must be a /${SPOKE_PREFIX.min} to /${SPOKE_PREFIX.max}`);
    }
    const spokes = parseSpokes(p.spokes);
    checkNoOverlap(inspectionCidr, spokes);
    const allowedDomains = parseDomains(p.allowedDomains);
    // Fn::GetAZs tokens: every VPC uses the same zones in the same order, so each zone has an attachment everywhere.
    const availabilityZones = Array.from({ length: p.azCount }, (_, i) => Fn.select(i, Fn.getAzs()));
    const returnRanges = privateRanges(inspectionCidr, spokes);
    const retention = retentionOf(p.logRetentionDays);

    // --- Transit gateway: no default route table, so every association and propagation below is explicit.
    const tgw = new ec2.CfnTransitGateway(this, 'TransitGateway', {
      description: `Hub of ${name}: spokes reach the internet and each other through the inspection VPC`,
      amazonSideAsn: p.amazonSideAsn,
      autoAcceptSharedAttachments: 'disable',
      defaultRouteTableAssociation: 'disable',
      defaultRouteTablePropagation: 'disable',
      dnsSupport: 'enable',
      vpnEcmpSupport: 'enable',
      multicastSupport: 'disable',
      tags: [{ key: 'Name', value: name }],
    });
    const spokesTable = new ec2.CfnTransitGatewayRouteTable(this, 'SpokesRouteTable', {
      transitGatewayId: tgw.ref,
      tags: [{ key: 'Name', value: `${name}-spokes` }],
    });
    const inspectionTable = new ec2.CfnTransitGatewayRouteTable(this, 'InspectionRouteTable', {
      transitGatewayId: tgw.ref,
      tags: [{ key: 'Name', value: `${name}-inspection` }],
    });

    // --- Inspection VPC, associated with the inspection table, which learns the spokes by propagation.
    const inspection = new InspectionVpc(this, 'Inspection', {
      cidr: inspectionCidr,
      availabilityZones,
      transitGatewayId: tgw.ref,
      namePrefix: name,
    });
    new ec2.CfnTransitGatewayRouteTableAssociation(this, 'InspectionAssociation', {
      transitGatewayAttachmentId: inspection.attachment.ref,
      transitGatewayRouteTableId: inspectionTable.ref,
    });

    // --- Spokes' table: everything, the other spokes included, goes to the inspection VPC. A static route per
    // spoke CIDR outranks a propagated route for the same CIDR, so a stray propagation cannot bypass the firewall.
    new ec2.CfnTransitGatewayRoute(this, 'SpokesDefaultRoute', {
      transitGatewayRouteTableId: spokesTable.ref,
      destinationCidrBlock: '0.0.0.0/0',
      transitGatewayAttachmentId: inspection.attachment.ref,
    });

    const spokeVpcs = spokes.map((spoke) => {
      const id = pascalCase(spoke.name);
      const s = new SpokeVpc(this, `Spoke${id}`, {
        spoke,
        availabilityZones,
        transitGatewayId: tgw.ref,
        gatewayEndpoints: p.spokeGatewayEndpoints,
        namePrefix: name,
      });
      new ec2.CfnTransitGatewayRouteTableAssociation(this, `Spoke${id}Association`, {
        transitGatewayAttachmentId: s.attachment.ref,
        transitGatewayRouteTableId: spokesTable.ref,
      });
      // The inspection VPC must know every spoke, to deliver inspected traffic and replies.
      new ec2.CfnTransitGatewayRouteTablePropagation(this, `Spoke${id}PropagationToInspection`, {
        transitGatewayAttachmentId: s.attachment.ref,
        transitGatewayRouteTableId: inspectionTable.ref,
      });
      new ec2.CfnTransitGatewayRoute(this, `Spoke${id}ViaInspection`, {
        transitGatewayRouteTableId: spokesTable.ref,
        destinationCidrBlock: spoke.cidr.text,
        transitGatewayAttachmentId: inspection.attachment.ref,
      });
      return { spoke, vpc: s };
    });

    // --- AWS Network Firewall: one firewall (one endpoint) per zone, one policy for all of them.
    const firewall = new InspectionFirewall(this, 'Firewall', {
      namePrefix: name,
      vpcId: inspection.vpc.vpcId,
      subnets: inspection.firewallSubnets,
      spokeCidrs: spokes.map((s) => s.cidr.text),
      allowedDomains,
      spokeToSpoke: p.spokeToSpoke,
      deleteProtection: p.firewallDeleteProtection,
      logRetention: retention,
    });

    // --- Routes inside the inspection VPC, zone by zone: attachment -> firewall -> NAT -> internet, and back.
    availabilityZones.forEach((_, i) => {
      const endpoint = firewall.endpointIds[i] ?? '';
      const attachmentSubnet = inspection.attachmentSubnets[i];
      const firewallSubnet = inspection.firewallSubnets[i];
      const publicSubnet = inspection.publicSubnets[i];
      if (!attachmentSubnet || !firewallSubnet || !publicSubnet) throw new Error(`zone ${i} lacks a subnet layer`);
      // Everything the transit gateway hands over, spoke-to-spoke included, goes to this zone's firewall endpoint.
      routeToFirewallEndpoint(attachmentSubnet, 'DefaultToFirewall', '0.0.0.0/0', endpoint);
      for (const range of returnRanges) {
        const suffix = range.replace(/[./]/gu, '-');
        // Inspected traffic for the spokes goes back to the transit gateway (the NAT route is CDK's default route).
        routeToTransitGateway(firewallSubnet, `ToTransitGateway${suffix}`, range, tgw.ref, inspection.attachment);
        // Replies that the NAT gateway translates back to spoke addresses pass the same firewall endpoint again.
        routeToFirewallEndpoint(publicSubnet, `ToFirewall${suffix}`, range, endpoint);
      }
    });

    // --- Flow logs: the transit gateway sees every flow between VPCs and to the inspection VPC; VPC flow logs
    // add what happens inside each VPC and the translated flows between the NAT gateways and the internet.
    const flowLogRole = new iam.Role(this, 'FlowLogRole', {
      description: 'Lets VPC Flow Logs and Transit Gateway Flow Logs write to the flow log groups',
      assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:ec2:${Aws.REGION}:${Aws.ACCOUNT_ID}:vpc-flow-log/*` },
        },
      }),
    });
    const tgwFlowLogGroup = new logs.LogGroup(this, 'TransitGatewayFlowLogGroup', {
      retention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new ec2.FlowLog(this, 'TransitGatewayFlowLog', {
      resourceType: ec2.FlowLogResourceType.fromTransitGatewayId(tgw.ref),
      destination: ec2.FlowLogDestination.toCloudWatchLogs(tgwFlowLogGroup, flowLogRole),
      maxAggregationInterval: ec2.FlowLogMaxAggregationInterval.ONE_MINUTE,
    });
    const allVpcs = [inspection.vpc, ...spokeVpcs.map((s) => s.vpc.vpc)];
    let vpcFlowLogGroup: logs.LogGroup | undefined;
    if (p.vpcFlowLogs) {
      vpcFlowLogGroup = new logs.LogGroup(this, 'VpcFlowLogGroup', { retention, removalPolicy: RemovalPolicy.RETAIN });
      for (const vpc of allVpcs) {
        vpc.addFlowLog('FlowLog', {
          destination: ec2.FlowLogDestination.toCloudWatchLogs(vpcFlowLogGroup, flowLogRole),
          trafficType: ec2.FlowLogTrafficType.ALL,
        });
      }
    } else {
      for (const vpc of allVpcs) {
        Validations.of(vpc).acknowledge({
          id: 'AwsSolutions-VPC7',
          reason:
            'vpcFlowLogs is false: the firewall flow log records every flow it inspects and the transit gateway flow log every flow between VPCs; only traffic inside a VPC is not logged.',
        });
      }
    }

    // --- Outputs.
    const byName = (values: readonly { spoke: { name: string }; value: string }[]): string =>
      Fn.join(
        ',',
        values.map((v) => Fn.join('=', [v.spoke.name, v.value])),
      );
    new CfnOutput(this, 'TransitGatewayId', { value: tgw.ref, description: 'Id of the transit gateway.' });
    new CfnOutput(this, 'TransitGatewayArn', {
      value: `arn:${Aws.PARTITION}:ec2:${Aws.REGION}:${Aws.ACCOUNT_ID}:transit-gateway/${tgw.ref}`,
      description: 'ARN of the transit gateway, to share it with other accounts through AWS RAM.',
    });
    new CfnOutput(this, 'SpokesRouteTableId', {
      value: spokesTable.ref,
      description: 'Transit gateway route table to associate new spoke attachments with.',
    });
    new CfnOutput(this, 'InspectionRouteTableId', {
      value: inspectionTable.ref,
      description: 'Transit gateway route table to propagate new spoke attachments to.',
    });
    new CfnOutput(this, 'InspectionVpcId', { value: inspection.vpc.vpcId, description: 'Id of the inspection VPC.' });
    new CfnOutput(this, 'InspectionAttachmentId', {
      value: inspection.attachment.ref,
      description: 'Transit gateway attachment of the inspection VPC, in appliance mode.',
    });
    new CfnOutput(this, 'EgressPublicIps', {
      value: Fn.join(',', inspection.natPublicIps),
      description: 'Public addresses of the NAT gateways, one per Availability Zone, for allowlists.',
    });
    new CfnOutput(this, 'FirewallArns', {
      value: Fn.join(
        ',',
        firewall.firewalls.map((f) => f.attrFirewallArn),
      ),
      description: 'ARNs of the firewalls, one per Availability Zone, comma-separated.',
    });
    new CfnOutput(this, 'FirewallPolicyArn', {
      value: firewall.policy.attrFirewallPolicyArn,
      description: 'ARN of the firewall policy all zones share.',
    });
    new CfnOutput(this, 'FirewallEndpointIds', {
      value: Fn.join(',', firewall.endpointIds),
      description: 'Firewall endpoint of each Availability Zone, in zone order, comma-separated.',
    });
    new CfnOutput(this, 'FirewallAlertLogGroupName', {
      value: firewall.alertLogGroup.logGroupName,
      description: 'CloudWatch Logs group of the firewall alert logs.',
    });
    new CfnOutput(this, 'FirewallFlowLogGroupName', {
      value: firewall.flowLogGroup.logGroupName,
      description: 'CloudWatch Logs group of the firewall flow logs.',
    });
    new CfnOutput(this, 'SpokeVpcIds', {
      value: byName(spokeVpcs.map(({ spoke, vpc }) => ({ spoke, value: vpc.vpc.vpcId }))),
      description: 'name=vpc-id of every spoke, comma-separated.',
    });
    new CfnOutput(this, 'SpokeWorkloadSubnetIds', {
      value: byName(
        spokeVpcs.map(({ spoke, vpc }) => ({
          spoke,
          value: Fn.join(
            ' ',
            vpc.workloadSubnets.map((s) => s.subnetId),
          ),
        })),
      ),
      description:
        'name=subnet ids of the workload subnets of every spoke, spokes comma-separated, subnets space-separated.',
    });
    new CfnOutput(this, 'SpokeAttachmentIds', {
      value: byName(spokeVpcs.map(({ spoke, vpc }) => ({ spoke, value: vpc.attachment.ref }))),
      description: 'name=attachment id of every spoke, comma-separated.',
    });
    new CfnOutput(this, 'TransitGatewayFlowLogGroupName', {
      value: tgwFlowLogGroup.logGroupName,
      description: 'CloudWatch Logs group of the transit gateway flow log.',
    });
    new CfnOutput(this, 'VpcFlowLogGroupName', {
      value: vpcFlowLogGroup?.logGroupName ?? 'none',
      description: 'CloudWatch Logs group of the VPC flow logs, or none when vpcFlowLogs is false.',
    });
  }
}
