import {
  Aws,
  CfnCondition,
  CfnMapping,
  CfnOutput,
  Duration,
  Fn,
  RemovalPolicy,
  Stack,
  Validations,
  type ICfnConditionExpression,
  type StackProps,
} from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import type { Construct } from 'constructs';
import type { Parameters } from './parameters.generated.ts';

export interface ThreeZoneCorporateNetworkStackProps extends StackProps {
  readonly parameters: Parameters;
}

/** The three network zones, in the order they take the quarters of the VPC CIDR. */
const ZONES = ['Dmz', 'App', 'Data'] as const;
type Zone = (typeof ZONES)[number];

const ANYWHERE = '0.0.0.0/0';
/** The path of the listener's fixed health response. */
const HEALTH_PATH = '/healthz';
const EPHEMERAL = ec2.AclTraffic.tcpPortRange(1024, 65535);
/** ICMP "fragmentation needed and DF set", which path MTU discovery depends on. */
const FRAGMENTATION_NEEDED = ec2.AclTraffic.icmp({ type: 3, code: 4 });

/**
 * The most dataPorts the network ACLs hold within the default quota of 20 rules per
 * direction: the app zone's outbound NACL needs six rules besides one per data port.
 */
export const MAX_DATA_PORTS = 14;

const INTERFACE_ENDPOINTS: Readonly<Record<Parameters['interfaceEndpoints'], Record<string, ec2.InterfaceVpcEndpointAwsService>>> = {
  none: {},
  minimal: {
    SsmEndpoint: ec2.InterfaceVpcEndpointAwsService.SSM,
    SsmMessagesEndpoint: ec2.InterfaceVpcEndpointAwsService.SSM_MESSAGES,
    Ec2MessagesEndpoint: ec2.InterfaceVpcEndpointAwsService.EC2_MESSAGES,
    LogsEndpoint: ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
  },
  standard: {
    SsmEndpoint: ec2.InterfaceVpcEndpointAwsService.SSM,
    SsmMessagesEndpoint: ec2.InterfaceVpcEndpointAwsService.SSM_MESSAGES,
    Ec2MessagesEndpoint: ec2.InterfaceVpcEndpointAwsService.EC2_MESSAGES,
    LogsEndpoint: ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
    MonitoringEndpoint: ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_MONITORING,
    KmsEndpoint: ec2.InterfaceVpcEndpointAwsService.KMS,
    SecretsManagerEndpoint: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
    StsEndpoint: ec2.InterfaceVpcEndpointAwsService.STS,
  },
};

const TRAFFIC_TYPES: Readonly<Record<Parameters['flowLogTrafficType'], ec2.FlowLogTrafficType>> = {
  ALL: ec2.FlowLogTrafficType.ALL,
  ACCEPT: ec2.FlowLogTrafficType.ACCEPT,
  REJECT: ec2.FlowLogTrafficType.REJECT,
};

/** The flowLogRetentionDays values architecture.yaml allows. */
const RETENTION_DAYS: Readonly<Record<number, logs.RetentionDays>> = {
  30: logs.RetentionDays.ONE_MONTH,
  90: logs.RetentionDays.THREE_MONTHS,
  180: logs.RetentionDays.SIX_MONTHS,
  365: logs.RetentionDays.ONE_YEAR,
  731: logs.RetentionDays.TWO_YEARS,
  1827: logs.RetentionDays.FIVE_YEARS,
};

/**
 * A VPC cut into a DMZ, an application zone and a data zone, each one quarter of
 * the VPC CIDR, with one-way flows enforced by security groups and network ACLs.
 */
export default class ThreeZoneCorporateNetworkStack extends Stack {
  constructor(scope: Construct, id: string, props: ThreeZoneCorporateNetworkStackProps) {
    super(scope, id, props);
    const p = props.parameters;
    const plan = new AddressPlan(p.vpcCidr, p.subnetCidrMask, p.azCount);
    const dataPorts = parsePorts(p.dataPorts);
    const https = p.certificateArn !== '';
    parseCidr(p.allowedIngressCidr, 'allowedIngressCidr');

    // Environment-agnostic stacks only know two AZs; select as many as azCount asks for.
    const availabilityZones = Array.from({ length: p.azCount }, (_, i) => Fn.select(i, Fn.getAzs()));
    const vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: plan,
      availabilityZones,
      natGateways: p.natGatewayPerAz ? p.azCount : 1,
      natGatewaySubnets: { subnetGroupName: 'Dmz' },
      subnetConfiguration: [
        // Nothing in the DMZ gets a public address by accident; the load balancer and NAT gateways bring their own.
        { name: 'Dmz', subnetType: ec2.SubnetType.PUBLIC, cidrMask: p.subnetCidrMask, mapPublicIpOnLaunch: false },
        { name: 'App', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: p.subnetCidrMask },
        { name: 'Data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: p.subnetCidrMask },
      ],
      // The default security group cannot be emptied without a custom resource; nothing here uses it.
      restrictDefaultSecurityGroup: false,
    });
    const dmz = plan.zoneCidr('Dmz');
    const app = plan.zoneCidr('App');
    const data = plan.zoneCidr('Data');

    // Security groups: who may open a connection to whom.
    const lbSg = new ec2.SecurityGroup(this, 'LoadBalancerSecurityGroup', {
      vpc,
      description: 'DMZ load balancer: HTTP(S) from allowedIngressCidr, appPort to the app security group',
      allowAllOutbound: false,
    });
    const appSg = new ec2.SecurityGroup(this, 'AppSecurityGroup', {
      vpc,
      description: 'Application zone: appPort from the load balancer only',
      allowAllOutbound: false,
    });
    const dataSg = new ec2.SecurityGroup(this, 'DataSecurityGroup', {
      vpc,
      description: 'Data zone: dataPorts from the app security group only',
      allowAllOutbound: false,
    });
    lbSg.addIngressRule(ec2.Peer.ipv4(p.allowedIngressCidr), ec2.Port.tcp(80), 'HTTP from allowedIngressCidr');
    if (https) lbSg.addIngressRule(ec2.Peer.ipv4(p.allowedIngressCidr), ec2.Port.tcp(443), 'HTTPS from allowedIngressCidr');
    lbSg.connections.allowTo(appSg, ec2.Port.tcp(p.appPort), 'Load balancer to the application port');
    for (const port of dataPorts) appSg.connections.allowTo(dataSg, ec2.Port.tcp(port), `App to data port ${port}`);
    appSg.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80), 'HTTP out through NAT');
    appSg.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS out through NAT and to the VPC endpoints');
    dataSg.addEgressRule(ec2.Peer.ipv4(data), ec2.Port.allTraffic(), 'Inside the data zone');
    // Security groups could name the gateway endpoint prefix lists, but their ids are only known per Region;
    // the data route tables have no internet route, so 443 reaches nothing outside but S3 and DynamoDB.
    dataSg.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'S3 and DynamoDB gateway endpoints');

    // Network ACLs: what each zone may exchange, whatever the security groups say. First match wins.
    const dmzAcl = new ec2.NetworkAcl(this, 'DmzNetworkAcl', { vpc, subnetSelection: { subnetGroupName: 'Dmz' } });
    addEntries(dmzAcl, ec2.TrafficDirection.INGRESS, [
      ['DenyFromData', 'deny', data, ec2.AclTraffic.allTraffic()],
      ['HttpFromClients', 'allow', p.allowedIngressCidr, ec2.AclTraffic.tcpPort(80)],
      ['HttpsFromClients', 'allow', p.allowedIngressCidr, ec2.AclTraffic.tcpPort(443)],
      ['HttpFromAppForNat', 'allow', app, ec2.AclTraffic.tcpPort(80)],
      ['HttpsFromAppForNat', 'allow', app, ec2.AclTraffic.tcpPort(443)],
      ['EphemeralFromAnywhere', 'allow', ANYWHERE, EPHEMERAL],
      ['FragmentationNeededFromAnywhere', 'allow', ANYWHERE, FRAGMENTATION_NEEDED],
    ]);
    addEntries(dmzAcl, ec2.TrafficDirection.EGRESS, [
      ['DenyToData', 'deny', data, ec2.AclTraffic.allTraffic()],
      ['AppPortToApp', 'allow', app, ec2.AclTraffic.tcpPort(p.appPort)],
      ['HttpToAnywhere', 'allow', ANYWHERE, ec2.AclTraffic.tcpPort(80)],
      ['HttpsToAnywhere', 'allow', ANYWHERE, ec2.AclTraffic.tcpPort(443)],
      ['EphemeralToAnywhere', 'allow', ANYWHERE, EPHEMERAL],
      ['FragmentationNeededToAnywhere', 'allow', ANYWHERE, FRAGMENTATION_NEEDED],
    ]);
    const appAcl = new ec2.NetworkAcl(this, 'AppNetworkAcl', { vpc, subnetSelection: { subnetGroupName: 'App' } });
    addEntries(appAcl, ec2.TrafficDirection.INGRESS, [
      ['AppPortFromDmz', 'allow', dmz, ec2.AclTraffic.tcpPort(p.appPort)],
      ['AllFromApp', 'allow', app, ec2.AclTraffic.allTraffic()],
      ['EphemeralFromAnywhere', 'allow', ANYWHERE, EPHEMERAL],
      ['FragmentationNeededFromAnywhere', 'allow', ANYWHERE, FRAGMENTATION_NEEDED],
    ]);
    addEntries(appAcl, ec2.TrafficDirection.EGRESS, [
      ['AllToApp', 'allow', app, ec2.AclTraffic.allTraffic()],
      ...dataPorts.map((port): Entry => [`DataPort${port}ToData`, 'allow', data, ec2.AclTraffic.tcpPort(port)]),
      ['HttpsToData', 'allow', data, ec2.AclTraffic.tcpPort(443)],
      ['HttpToAnywhere', 'allow', ANYWHERE, ec2.AclTraffic.tcpPort(80)],
      ['HttpsToAnywhere', 'allow', ANYWHERE, ec2.AclTraffic.tcpPort(443)],
      ['EphemeralToDmz', 'allow', dmz, EPHEMERAL],
      ['FragmentationNeededToAnywhere', 'allow', ANYWHERE, FRAGMENTATION_NEEDED],
    ]);
    const dataAcl = new ec2.NetworkAcl(this, 'DataNetworkAcl', { vpc, subnetSelection: { subnetGroupName: 'Data' } });
    for (const acl of [dmzAcl, appAcl, dataAcl]) {
      Validations.of(acl).acknowledge({
        id: 'AwsSolutions-VPC3',
        reason:
          'The network ACLs are the deliberate second layer of the zone segmentation: they keep the DMZ and the data zone apart even if a security group is misconfigured.',
      });
    }
    addEntries(dataAcl, ec2.TrafficDirection.INGRESS, [
      ['DenyFromDmz', 'deny', dmz, ec2.AclTraffic.allTraffic()],
      ...dataPorts.map((port): Entry => [`DataPort${port}FromApp`, 'allow', app, ec2.AclTraffic.tcpPort(port)]),
      ['HttpsFromApp', 'allow', app, ec2.AclTraffic.tcpPort(443)],
      ['AllFromData', 'allow', data, ec2.AclTraffic.allTraffic()],
      // Replies from the gateway endpoints, whose public prefixes a network ACL cannot name.
      ['EphemeralFromAnywhere', 'allow', ANYWHERE, EPHEMERAL],
      ['FragmentationNeededFromAnywhere', 'allow', ANYWHERE, FRAGMENTATION_NEEDED],
    ]);
    addEntries(dataAcl, ec2.TrafficDirection.EGRESS, [
      ['DenyToDmz', 'deny', dmz, ec2.AclTraffic.allTraffic()],
      ['AllToData', 'allow', data, ec2.AclTraffic.allTraffic()],
      ['EphemeralToApp', 'allow', app, EPHEMERAL],
      ['HttpsToAnywhere', 'allow', ANYWHERE, ec2.AclTraffic.tcpPort(443)],
      ['FragmentationNeededToAnywhere', 'allow', ANYWHERE, FRAGMENTATION_NEEDED],
    ]);

    // Gateway endpoints: S3 and DynamoDB without NAT from the data and the application zones. A route table can
    // hold one endpoint per service, so each zone has its own S3 endpoint: the data zone's may be limited to this
    // account's buckets, the app zone's is not, because the app zone reaches every bucket through NAT anyway.
    const dataSubnets: ec2.SubnetSelection = { subnetGroupName: 'Data' };
    const appSubnets: ec2.SubnetSelection = { subnetGroupName: 'App' };
    const s3Endpoint = vpc.addGatewayEndpoint('S3Endpoint', {
      service: ec2.GatewayVpcEndpointAwsService.S3,
      subnets: [dataSubnets],
    });
    if (p.restrictS3EndpointToAccount) {
      s3Endpoint.addToPolicy(
        new iam.PolicyStatement({
          sid: 'OnlyBucketsOfThisAccount',
          principals: [new iam.AnyPrincipal()],
          actions: ['s3:*'],
          resources: ['*'],
          conditions: { StringEquals: { 's3:ResourceAccount': Aws.ACCOUNT_ID } },
        }),
      );
    }
    vpc.addGatewayEndpoint('AppS3Endpoint', {
      service: ec2.GatewayVpcEndpointAwsService.S3,
      subnets: [appSubnets],
    });
    vpc.addGatewayEndpoint('DynamoDbEndpoint', {
      service: ec2.GatewayVpcEndpointAwsService.DYNAMODB,
      subnets: [dataSubnets, appSubnets],
    });

    const interfaceEndpoints = Object.entries(INTERFACE_ENDPOINTS[p.interfaceEndpoints]);
    if (interfaceEndpoints.length > 0) {
      const endpointSg = new ec2.SecurityGroup(this, 'EndpointSecurityGroup', {
        vpc,
        description: 'Interface endpoints: 443 from the application and data zones',
        allowAllOutbound: false,
      });
      endpointSg.addIngressRule(ec2.Peer.ipv4(app), ec2.Port.tcp(443), 'HTTPS from the application zone');
      endpointSg.addIngressRule(ec2.Peer.ipv4(data), ec2.Port.tcp(443), 'HTTPS from the data zone');
      for (const [endpointId, service] of interfaceEndpoints) {
        vpc.addInterfaceEndpoint(endpointId, {
          service,
          subnets: dataSubnets,
          privateDnsEnabled: true,
          securityGroups: [endpointSg],
          open: false,
        });
      }
    }

    // Flow log: every network interface in the VPC, into a log group that outlives the stack as audit evidence.
    const flowLogGroup = new logs.LogGroup(this, 'FlowLogGroup', {
      retention: retentionDays(p.flowLogRetentionDays),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const flowLogRole = new iam.Role(this, 'FlowLogRole', {
      description: 'Lets VPC Flow Logs write to the flow log group',
      assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:ec2:${Aws.REGION}:${Aws.ACCOUNT_ID}:vpc-flow-log/*` },
        },
      }),
    });
    vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogGroup, flowLogRole),
      trafficType: TRAFFIC_TYPES[p.flowLogTrafficType],
      maxAggregationInterval:
        p.flowLogAggregationSeconds === 60
          ? ec2.FlowLogMaxAggregationInterval.ONE_MINUTE
          : ec2.FlowLogMaxAggregationInterval.TEN_MINUTES,
    });

    // The shared DMZ load balancer, with access logs kept as evidence next to the flow log.
    const accessLogBucket = new s3.Bucket(this, 'AccessLogBucket', {
      // Load balancer access logs support only SSE-S3.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      // A bucket with objects cannot be deleted by CloudFormation, and the logs are evidence.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(accessLogBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket only receives load balancer access logs; logging access to it would need another bucket for logs of the logs.',
    });
    const loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc,
      internetFacing: true,
      vpcSubnets: { subnetGroupName: 'Dmz' },
      securityGroup: lbSg,
      dropInvalidHeaderFields: true,
    });
    enableAccessLogs(loadBalancer, accessLogBucket, 'load-balancer');
    if (p.allowedIngressCidr === ANYWHERE) {
      Validations.of(lbSg).acknowledge({
        id: 'AwsSolutions-EC23',
        reason:
          'The DMZ load balancer is the one internet-facing component; allowedIngressCidr narrows it to a corporate range for internal applications.',
      });
    }

    const notFound = elbv2.ListenerAction.fixedResponse(404, { contentType: 'text/plain', messageBody: 'not found' });
    // `open: false`: the security group rules above decide who may connect, not the listener.
    const listener = https
      ? loadBalancer.addListener('HttpsListener', {
          port: 443,
          protocol: elbv2.ApplicationProtocol.HTTPS,
          certificates: [elbv2.ListenerCertificate.fromArn(p.certificateArn)],
          sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
          defaultAction: notFound,
          open: false,
        })
      : loadBalancer.addListener('HttpListener', {
          port: 80,
          protocol: elbv2.ApplicationProtocol.HTTP,
          defaultAction: notFound,
          open: false,
        });
    const healthz = (): elbv2.ListenerAction =>
      elbv2.ListenerAction.fixedResponse(200, { contentType: 'text/plain', messageBody: 'ok' });
    const healthzPath = [elbv2.ListenerCondition.pathPatterns([HEALTH_PATH])];
    listener.addAction('Healthz', { priority: 1, conditions: healthzPath, action: healthz() });
    if (https) {
      const redirect = loadBalancer.addListener('HttpListener', {
        port: 80,
        protocol: elbv2.ApplicationProtocol.HTTP,
        defaultAction: elbv2.ListenerAction.redirect({ protocol: 'HTTPS', port: '443', permanent: true }),
        open: false,
      });
      // The health response over HTTP too, so a smoke test can reach it on the load balancer's own name,
      // which the certificate does not cover.
      redirect.addAction('HealthzOverHttp', { priority: 1, conditions: healthzPath, action: healthz() });
    }

    const subnetIds = (group: Zone): string =>
      Fn.join(
        ',',
        vpc.selectSubnets({ subnetGroupName: group }).subnets.map((s) => s.subnetId),
      );
    new CfnOutput(this, 'VpcId', { value: vpc.vpcId, description: 'Id of the VPC.' });
    new CfnOutput(this, 'DmzSubnetIds', {
      value: subnetIds('Dmz'),
      description: 'Comma-separated ids of the DMZ subnets, for internet-facing load balancers and reverse proxies.',
    });
    new CfnOutput(this, 'AppSubnetIds', {
      value: subnetIds('App'),
      description: 'Comma-separated ids of the application subnets.',
    });
    new CfnOutput(this, 'DataSubnetIds', {
      value: subnetIds('Data'),
      description: 'Comma-separated ids of the data subnets, for databases, caches and file systems.',
    });
    new CfnOutput(this, 'LoadBalancerUrl', {
      value: `${https ? 'https' : 'http'}://${loadBalancer.loadBalancerDnsName}`,
      description: 'Base URL of the DMZ load balancer.',
    });
    new CfnOutput(this, 'SmokeTestUrl', {
      value: `http://${loadBalancer.loadBalancerDnsName}${HEALTH_PATH}`,
      description: 'The fixed health response over HTTP on the load balancer’s own name, for smoke tests.',
    });
    new CfnOutput(this, 'ListenerArn', {
      value: listener.listenerArn,
      description: 'ARN of the load balancer listener to which workloads add rules and target groups.',
    });
    new CfnOutput(this, 'LoadBalancerSecurityGroupId', {
      value: lbSg.securityGroupId,
      description: 'Security group of the DMZ load balancer.',
    });
    new CfnOutput(this, 'AppSecurityGroupId', {
      value: appSg.securityGroupId,
      description: 'Security group for application workloads; accepts appPort from the load balancer only.',
    });
    new CfnOutput(this, 'DataSecurityGroupId', {
      value: dataSg.securityGroupId,
      description: 'Security group for data stores; accepts dataPorts from the application security group only.',
    });
    new CfnOutput(this, 'FlowLogGroupName', {
      value: flowLogGroup.logGroupName,
      description: 'CloudWatch Logs group of the VPC flow log.',
    });
  }
}

/**
 * Lets Elastic Load Balancing write access logs to `bucket` in any Region. Regions opened
 * before August 2022 deliver as a regional ELB account, which aws-cdk-lib's Region facts
 * list; every other Region, including one newer than this library, delivers as the
 * logdelivery.elasticloadbalancing.amazonaws.com service principal, which is always granted.
 */
function enableAccessLogs(loadBalancer: elbv2.ApplicationLoadBalancer, bucket: s3.Bucket, prefix: string): void {
  const stack = Stack.of(loadBalancer);
  const objects = bucket.arnForObjects(`${prefix}/AWSLogs/${Aws.ACCOUNT_ID}/*`);
  bucket.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'ElbServiceWritesAccessLogs',
      principals: [new iam.ServicePrincipal('logdelivery.elasticloadbalancing.amazonaws.com')],
      actions: ['s3:PutObject'],
      resources: [objects],
    }),
  );
  const legacyRegions = RegionInfo.regions.filter((r) => r.elbv2Account !== undefined);
  const map = new CfnMapping(stack, 'ElbLogDeliveryAccounts', {
    mapping: Object.fromEntries(legacyRegions.map((r) => [r.name, { account: r.elbv2Account ?? '' }])),
  });
  const hasRegionalAccount = new CfnCondition(stack, 'ElbLogDeliveryHasRegionalAccount', {
    expression: anyOf(legacyRegions.map((r) => Fn.conditionEquals(Aws.REGION, r.name))),
  });
  // Where the Region has no ELB account, the statement names this account, which grants nothing new.
  const elbAccount = Fn.conditionIf(
    hasRegionalAccount.logicalId,
    map.findInMap(Aws.REGION, 'account'),
    Aws.ACCOUNT_ID,
  ).toString();
  bucket.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'ElbAccountWritesAccessLogs',
      principals: [new iam.ArnPrincipal(`arn:${Aws.PARTITION}:iam::${elbAccount}:root`)],
      actions: ['s3:PutObject'],
      resources: [objects],
    }),
  );
  loadBalancer.setAttribute('access_logs.s3.enabled', 'true');
  loadBalancer.setAttribute('access_logs.s3.bucket', bucket.bucketName);
  loadBalancer.setAttribute('access_logs.s3.prefix', prefix);
  // The load balancer checks that it may write to the bucket when logging is switched on.
  if (bucket.policy) loadBalancer.node.addDependency(bucket.policy);
}

/** True when any of the expressions is; Fn::Or takes 2 to 10 conditions, so longer lists nest. */
function anyOf(expressions: readonly ICfnConditionExpression[]): ICfnConditionExpression {
  const [first] = expressions;
  if (first === undefined) throw new Error('anyOf needs at least one condition');
  if (expressions.length === 1) return first;
  if (expressions.length <= 10) return Fn.conditionOr(...expressions);
  const size = Math.ceil(expressions.length / 10);
  const groups = Array.from({ length: Math.ceil(expressions.length / size) }, (_, i) =>
    anyOf(expressions.slice(i * size, (i + 1) * size)),
  );
  return anyOf(groups);
}

/** One network ACL entry: construct id, action, CIDR and traffic. */
type Entry = readonly [id: string, action: 'allow' | 'deny', cidr: string, traffic: ec2.AclTraffic];

/** Adds entries in the given order, numbered 100, 110, 120, …, so the first entry is evaluated first. */
function addEntries(acl: ec2.NetworkAcl, direction: ec2.TrafficDirection, entries: readonly Entry[]): void {
  const prefix = direction === ec2.TrafficDirection.INGRESS ? 'In' : 'Out';
  entries.forEach(([id, action, cidr, traffic], i) => {
    acl.addEntry(`${prefix}${id}`, {
      ruleNumber: 100 + i * 10,
      cidr: ec2.AclCidr.ipv4(cidr),
      traffic,
      direction,
      ruleAction: action === 'allow' ? ec2.Action.ALLOW : ec2.Action.DENY,
    });
  });
}

/**
 * The address plan: the VPC CIDR split into quarters (DMZ, app, data, free), each
 * zone holding one subnet per Availability Zone from the start of its quarter, so a
 * whole zone is one CIDR that a network ACL entry can name.
 */
class AddressPlan implements ec2.IIpAddresses {
  readonly vpcCidr: string;
  readonly #base: number;
  readonly #quarterPrefix: number;
  readonly #subnetMask: number;

  constructor(vpcCidr: string, subnetMask: number, azCount: number) {
    const { base, prefix } = parseCidr(vpcCidr, 'vpcCidr');
    this.vpcCidr = vpcCidr;
    this.#base = base;
    this.#quarterPrefix = prefix + 2;
    this.#subnetMask = subnetMask;
    const fits = 2 ** (32 - this.#quarterPrefix) / 2 ** (32 - subnetMask);
    if (subnetMask < this.#quarterPrefix || fits < azCount) {
      throw new Error(
        `subnetCidrMask ${subnetMask} gives subnets too large for vpcCidr ${vpcCidr}: each zone is a /${this.#quarterPrefix} and must hold ${azCount} subnets; use subnetCidrMask ${this.#quarterPrefix + Math.ceil(Math.log2(azCount))} or more, or a larger VPC`,
      );
    }
  }

  /** The CIDR of a whole zone: its quarter of the VPC. */
  zoneCidr(zone: Zone): string {
    return formatCidr(this.#base + ZONES.indexOf(zone) * 2 ** (32 - this.#quarterPrefix), this.#quarterPrefix);
  }

  allocateVpcCidr(): ec2.VpcIpamOptions {
    return { cidrBlock: this.vpcCidr };
  }

  allocateSubnetsCidr(input: ec2.AllocateCidrRequest): ec2.SubnetIpamOptions {
    const next = new Map<string, number>();
    const allocatedSubnets = input.requestedSubnets.map((request) => {
      const zone = request.configuration.name as Zone;
      const index = next.get(zone) ?? 0;
      next.set(zone, index + 1);
      const zoneBase = parseCidr(this.zoneCidr(zone), zone).base;
      return { cidr: formatCidr(zoneBase + index * 2 ** (32 - this.#subnetMask), this.#subnetMask) };
    });
    return { allocatedSubnets };
  }
}

/** Parses an IPv4 CIDR whose host bits are zero, or throws naming the parameter and the aligned value. */
function parseCidr(cidr: string, parameter: string): { base: number; prefix: number } {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/u.exec(cidr);
  const octets = match ? match.slice(1, 5).map(Number) : [];
  const prefix = match ? Number(match[5]) : NaN;
  if (!match || octets.some((o) => o > 255) || prefix > 32) {
    throw new Error(`${parameter} ${JSON.stringify(cidr)} is not an IPv4 CIDR; write e.g. 10.20.0.0/16`);
  }
  const address = octets.reduce((n, o) => n * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  const base = Math.floor(address / size) * size;
  if (base !== address) {
    throw new Error(`${parameter} ${cidr} has host bits set; write ${formatCidr(base, prefix)}`);
  }
  return { base, prefix };
}

function formatCidr(address: number, prefix: number): string {
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256);
  return `${octets.join('.')}/${prefix}`;
}

/** The dataPorts parameter as distinct TCP port numbers, or an error naming the bad one. */
function parsePorts(list: string): number[] {
  const ports = list.split(',').map(Number);
  const bad = ports.find((port) => !Number.isInteger(port) || port < 1 || port > 65535);
  if (bad !== undefined) throw new Error(`dataPorts ${list}: ${bad} is not a TCP port between 1 and 65535`);
  if (new Set(ports).size !== ports.length) throw new Error(`dataPorts ${list} repeats a port; list each port once`);
  if (ports.length > MAX_DATA_PORTS) {
    throw new Error(
      `dataPorts lists ${ports.length} ports; at most ${MAX_DATA_PORTS} fit in the default quota of 20 network ACL rules per direction`,
    );
  }
  return ports;
}

function retentionDays(days: number): logs.RetentionDays {
  const retention = RETENTION_DAYS[days];
  if (retention === undefined) {
    throw new Error(`flowLogRetentionDays ${days} is not one of ${Object.keys(RETENTION_DAYS).join(', ')}`);
  }
  return retention;
}
