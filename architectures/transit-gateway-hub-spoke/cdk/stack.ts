import { Aws, CfnOutput, Fn, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import {
  PRIVATE_RANGES,
  SPOKE_PREFIX,
  checkAsn,
  checkNoOverlap,
  parseCidr,
  parseSpokes,
  pascalCase,
  privateRanges,
  spokesOutsidePrivateRanges,
} from './address-plan.ts';
import { EgressVpc } from './egress-vpc.ts';
import { SpokeVpc } from './spoke-vpc.ts';
import type { Parameters } from './parameters.generated.ts';

export interface TransitGatewayHubSpokeStackProps extends StackProps {
  readonly parameters: Parameters;
}

/** The CloudWatch Logs retention period for a number of days; the parameter enum lists only valid ones. */
function retentionOf(days: number): logs.RetentionDays {
  const match = Object.values(logs.RetentionDays).find((v): v is logs.RetentionDays => Number(v) === days);
  if (match === undefined) {
    throw new Error(
      `flowLogRetentionDays ${days} is not a CloudWatch Logs retention period; use a value from architecture.yaml`,
    );
  }
  return match;
}

/**
 * Hub-and-spoke networking with Transit Gateway: spoke VPCs reach the internet only through the NAT
 * gateways of one egress VPC, over a transit gateway with two explicit route tables (spokes and egress),
 * and reach each other only when spokeToSpoke is true.
 */
export default class TransitGatewayHubSpokeStack extends Stack {
  constructor(scope: Construct, id: string, props: TransitGatewayHubSpokeStackProps) {
    super(scope, id, props);
    const p = props.parameters;
    const name = Stack.of(this).stackName;

    // --- The address plan is checked before anything is built, with one clear line per problem.
    checkAsn(p.amazonSideAsn);
    const egressCidr = parseCidr(p.egressVpcCidr, 'egressVpcCidr');
    if (egressCidr.prefix < SPOKE_PREFIX.min || egressCidr.prefix > SPOKE_PREFIX.max) {
      throw new Error(`egressVpcCidr ${egressCidr.text} must be a /${SPOKE_PREFIX.min} to /${SPOKE_PREFIX.max}`);
    }
    const spokes = parseSpokes(p.spokes);
    checkNoOverlap(egressCidr, spokes);
    // Fn::GetAZs tokens: every VPC uses the same zones in the same order, so each zone has an attachment everywhere.
    const availabilityZones = Array.from({ length: p.azCount }, (_, i) => Fn.select(i, Fn.getAzs()));

    // --- Transit gateway: no default route table, so every association and propagation below is explicit.
    const tgw = new ec2.CfnTransitGateway(this, 'TransitGateway', {
      description: `Hub of ${name}: spokes reach the internet through the egress VPC`,
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
    const egressTable = new ec2.CfnTransitGatewayRouteTable(this, 'EgressRouteTable', {
      transitGatewayId: tgw.ref,
      tags: [{ key: 'Name', value: `${name}-egress` }],
    });

    // --- Egress VPC, associated with the egress table, which learns the spokes by propagation.
    const egress = new EgressVpc(this, 'Egress', {
      cidr: egressCidr,
      availabilityZones,
      transitGatewayId: tgw.ref,
      returnRanges: privateRanges(egressCidr, spokes),
      namePrefix: name,
    });
    new ec2.CfnTransitGatewayRouteTableAssociation(this, 'EgressAssociation', {
      transitGatewayAttachmentId: egress.attachment.ref,
      transitGatewayRouteTableId: egressTable.ref,
    });

    // --- Spokes' table: default route to the egress VPC; private ranges blackholed so that nothing hairpins
    // through the NAT gateways to another spoke. Propagated spoke routes are more specific and win over
    // the blackholes when spokeToSpoke is true.
    new ec2.CfnTransitGatewayRoute(this, 'SpokesDefaultRoute', {
      transitGatewayRouteTableId: spokesTable.ref,
      destinationCidrBlock: '0.0.0.0/0',
      transitGatewayAttachmentId: egress.attachment.ref,
    });
    const blackholes = [
      ...PRIVATE_RANGES,
      // Isolated spokes outside the RFC 1918 ranges need a blackhole of their own; connected ones are propagated.
      ...(p.spokeToSpoke ? [] : spokesOutsidePrivateRanges(spokes).map((s) => s.cidr.text)),
    ];
    for (const cidr of blackholes) {
      new ec2.CfnTransitGatewayRoute(this, `SpokesBlackhole${cidr.replace(/[./]/gu, '-')}`, {
        transitGatewayRouteTableId: spokesTable.ref,
        destinationCidrBlock: cidr,
        blackhole: true,
      });
    }

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
      // The egress VPC must know every spoke to return NAT replies.
      new ec2.CfnTransitGatewayRouteTablePropagation(this, `Spoke${id}PropagationToEgress`, {
        transitGatewayAttachmentId: s.attachment.ref,
        transitGatewayRouteTableId: egressTable.ref,
      });
      if (p.spokeToSpoke) {
        new ec2.CfnTransitGatewayRouteTablePropagation(this, `Spoke${id}PropagationToSpokes`, {
          transitGatewayAttachmentId: s.attachment.ref,
          transitGatewayRouteTableId: spokesTable.ref,
        });
      }
      return { spoke, vpc: s };
    });

    // --- Flow logs: the transit gateway sees every flow between VPCs and to the egress VPC; VPC flow logs
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
    const retention = retentionOf(p.flowLogRetentionDays);
    const tgwFlowLogGroup = new logs.LogGroup(this, 'TransitGatewayFlowLogGroup', {
      retention,
      // Evidence of which spoke talked to what; it outlives the network.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new ec2.FlowLog(this, 'TransitGatewayFlowLog', {
      resourceType: ec2.FlowLogResourceType.fromTransitGatewayId(tgw.ref),
      destination: ec2.FlowLogDestination.toCloudWatchLogs(tgwFlowLogGroup, flowLogRole),
      maxAggregationInterval: ec2.FlowLogMaxAggregationInterval.ONE_MINUTE,
    });
    const allVpcs = [egress.vpc, ...spokeVpcs.map((s) => s.vpc.vpc)];
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
            'vpcFlowLogs is false: the transit gateway flow log still records every flow between VPCs and to the egress VPC; only traffic inside a VPC and the NAT-translated internet side are not logged.',
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
    new CfnOutput(this, 'EgressRouteTableId', {
      value: egressTable.ref,
      description: 'Transit gateway route table to propagate new spoke attachments to.',
    });
    new CfnOutput(this, 'EgressVpcId', { value: egress.vpc.vpcId, description: 'Id of the egress VPC.' });
    new CfnOutput(this, 'EgressAttachmentId', {
      value: egress.attachment.ref,
      description: 'Transit gateway attachment of the egress VPC.',
    });
    new CfnOutput(this, 'EgressPublicIps', {
      value: Fn.join(',', egress.natPublicIps),
      description: 'Public addresses of the NAT gateways, one per Availability Zone, for allowlists.',
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
