import { describe, expect, test } from 'vitest';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { checkConfigurations, entryTemplate, serviceErrors, synthConfigs } from '../../../test/helpers/synth-entry.ts';
import { customResourceTypes, ingressRules } from '../../../test/helpers/template.ts';

const ID = 'three-zone-corporate-network';
const CERT = 'arn:aws:acm:eu-west-1:123456789012:certificate/0f3c9b1e-1111-2222-3333-444455556666';
const template = entryTemplate(ID);
const runs = await synthConfigs(ID, {
  wide: [
    'azCount=3',
    'natGatewayPerAz=false',
    'interfaceEndpoints=standard',
    `certificateArn=${CERT}`,
    'allowedIngressCidr=10.0.0.0/8',
  ],
  lean: [
    'vpcCidr=172.16.0.0/20',
    'subnetCidrMask=26',
    'appPort=9443',
    'dataPorts=2049',
    'interfaceEndpoints=none',
    'restrictS3EndpointToAccount=false',
    'flowLogTrafficType=REJECT',
    'flowLogAggregationSeconds=60',
    'flowLogRetentionDays=90',
  ],
  subnetsTooLarge: ['vpcCidr=10.0.0.0/20', 'subnetCidrMask=22'],
  hostBits: ['vpcCidr=10.20.5.0/16'],
});
const wide = runs.ok('wide');
const lean = runs.ok('lean');

// Zone CIDRs of the default vpcCidr 10.20.0.0/16: one quarter each, the last kept free.
const DMZ = '10.20.0.0/18';
const APP = '10.20.64.0/18';
const DATA = '10.20.128.0/18';

type Props = Record<string, unknown>;
interface Resource {
  Type: string;
  Properties?: Props;
  DeletionPolicy?: string;
}

function resources(t: Template, type: string): Record<string, Resource> {
  return t.findResources(type) as Record<string, Resource>;
}

function only(t: Template, type: string): [string, Resource] {
  const found = Object.entries(resources(t, type));
  expect(found).toHaveLength(1);
  return found[0] as [string, Resource];
}

/** The value of a tag on a resource, e.g. aws-cdk:subnet-name. */
function tag(r: Resource, key: string): unknown {
  const tags = (r.Properties?.['Tags'] ?? []) as { Key: string; Value: unknown }[];
  return tags.find((t) => t.Key === key)?.Value;
}

/** Logical ids of the subnets of one zone (the subnet group name CDK tags them with). */
function subnetsOf(t: Template, zone: 'Dmz' | 'App' | 'Data'): string[] {
  return Object.entries(resources(t, 'AWS::EC2::Subnet'))
    .filter(([, r]) => tag(r, 'aws-cdk:subnet-name') === zone)
    .map(([id]) => id);
}

function routeTablesOf(t: Template, subnetIds: readonly string[]): string[] {
  return Object.values(resources(t, 'AWS::EC2::SubnetRouteTableAssociation'))
    .filter((a) => subnetIds.includes((a.Properties?.['SubnetId'] as { Ref: string }).Ref))
    .map((a) => (a.Properties?.['RouteTableId'] as { Ref: string }).Ref);
}

function routesIn(t: Template, routeTableIds: readonly string[]): Props[] {
  return Object.values(resources(t, 'AWS::EC2::Route'))
    .map((r) => r.Properties ?? {})
    .filter((p) => routeTableIds.includes((p['RouteTableId'] as { Ref: string }).Ref));
}

function logicalIdOf(t: Template, type: string, description: RegExp): string {
  const found = Object.entries(resources(t, type)).filter(([, r]) =>
    description.test(String(r.Properties?.['GroupDescription'])),
  );
  expect(found).toHaveLength(1);
  return (found[0] as [string, Resource])[0];
}

const sgRef = (t: Template, description: RegExp): unknown => ({
  'Fn::GetAtt': [logicalIdOf(t, 'AWS::EC2::SecurityGroup', description), 'GroupId'],
});

/**
 * A network ACL's entries in one direction, in rule order, as readable lines like
 * `100 deny all 10.20.128.0/18` or `110 allow tcp 80 0.0.0.0/0`.
 */
function aclEntries(t: Template, aclId: string, egress: boolean): string[] {
  return Object.values(resources(t, 'AWS::EC2::NetworkAclEntry'))
    .map((r) => r.Properties ?? {})
    .filter((p) => (p['NetworkAclId'] as { Ref: string }).Ref === aclId && p['Egress'] === egress)
    .sort((a, b) => Number(a['RuleNumber']) - Number(b['RuleNumber']))
    .map((p) => {
      const range = p['PortRange'] as { From: number; To: number } | undefined;
      const ports = range ? (range.From === range.To ? `${range.From}` : `${range.From}-${range.To}`) : '';
      const icmp = p['Icmp'] as { Type: number; Code: number } | undefined;
      const traffic = p['Protocol'] === -1 ? 'all' : icmp ? `icmp ${icmp.Type}/${icmp.Code}` : `tcp ${ports}`;
      return `${String(p['RuleNumber'])} ${String(p['RuleAction'])} ${traffic} ${String(p['CidrBlock'])}`;
    });
}

function aclId(t: Template, zone: 'Dmz' | 'App' | 'Data'): string {
  const ids = Object.keys(resources(t, 'AWS::EC2::NetworkAcl')).filter((id) => id.startsWith(`${zone}NetworkAcl`));
  expect(ids).toHaveLength(1);
  return ids[0] ?? '';
}

checkConfigurations(ID, { wide, lean });

test('services in architecture.yaml match the resources with other parameters too', () => {
  const errors = (t: Template) =>
    serviceErrors(ID, t.toJSON());
  expect(errors(wide.template)).toEqual([]);
  expect(errors(lean.template)).toEqual([]);
});

test('no custom resources, so the stack needs no Lambda assets', () => {
  expect(Object.keys(resources(template, 'AWS::Lambda::Function'))).toEqual([]);
  expect(customResourceTypes(template)).toEqual([]);
});

describe('addressing', () => {
  test('each zone takes one quarter of vpcCidr, subnets of subnetCidrMask from its start', () => {
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.20.0.0/16' });
    const cidrs = (t: Template, zone: 'Dmz' | 'App' | 'Data') => {
      const all = resources(t, 'AWS::EC2::Subnet');
      return subnetsOf(t, zone)
        .map((id) => all[id]?.Properties?.['CidrBlock'])
        .sort();
    };
    expect(cidrs(template, 'Dmz')).toEqual(['10.20.0.0/24', '10.20.1.0/24']);
    expect(cidrs(template, 'App')).toEqual(['10.20.64.0/24', '10.20.65.0/24']);
    expect(cidrs(template, 'Data')).toEqual(['10.20.128.0/24', '10.20.129.0/24']);
    lean.template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '172.16.0.0/20' });
    expect(cidrs(lean.template, 'Dmz')).toEqual(['172.16.0.0/26', '172.16.0.64/26']);
    expect(cidrs(lean.template, 'App')).toEqual(['172.16.4.0/26', '172.16.4.64/26']);
    expect(cidrs(lean.template, 'Data')).toEqual(['172.16.8.0/26', '172.16.8.64/26']);
  });

  test('a subnetCidrMask whose subnets do not fit in a quarter is refused with the value to use', () => {
    expect(runs.error('subnetsTooLarge')).toMatch(/each zone is a \/22 and must hold 2 subnets; use subnetCidrMask 23/);
  });

  test('a vpcCidr with host bits set is refused with the aligned value', () => {
    expect(runs.error('hostBits')).toMatch(/write 10\.20\.0\.0\/16/);
  });
});

describe('routing', () => {
  // The app subnets' NAT routes and the data subnets' lack of routes are claims (cdk/claims.ts).
  test('DMZ subnets route to the internet gateway', () => {
    const dmzRoutes = routesIn(template, routeTablesOf(template, subnetsOf(template, 'Dmz')));
    expect(dmzRoutes).toHaveLength(2);
    const [igw] = only(template, 'AWS::EC2::InternetGateway');
    for (const r of dmzRoutes) expect(r).toMatchObject({ DestinationCidrBlock: '0.0.0.0/0', GatewayId: { Ref: igw } });
  });

});

describe('security groups', () => {
  test('the load balancer accepts 80, and 443 only with certificateArn, from allowedIngressCidr', () => {
    const ports = (t: Template) => {
      const lb = logicalIdOf(t, 'AWS::EC2::SecurityGroup', /^DMZ load balancer/);
      return ingressRules(t)
        .filter((o) => o.group === lb)
        .map(({ rule }) => `${String(rule['CidrIp'])}:${String(rule['FromPort'])}`)
        .sort();
    };
    expect(ports(template)).toEqual(['0.0.0.0/0:80']);
    expect(ports(wide.template)).toEqual(['10.0.0.0/8:443', '10.0.0.0/8:80']);
  });

  // What the app and data security groups accept is the claim zones-kept-apart (cdk/claims.ts).
  test('the load balancer may open connections only to appPort on the app security group', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroupEgress', {
      GroupId: sgRef(template, /^DMZ load balancer/),
      DestinationSecurityGroupId: sgRef(template, /^Application zone/),
      FromPort: 8080,
      ToPort: 8080,
    });
  });

  test('the data security group opens connections only inside the data zone and to 443 for the gateway endpoints', () => {
    const data = resources(template, 'AWS::EC2::SecurityGroup')[
      logicalIdOf(template, 'AWS::EC2::SecurityGroup', /^Data zone/)
    ];
    expect(data?.Properties?.['SecurityGroupEgress']).toEqual([
      expect.objectContaining({ CidrIp: DATA, IpProtocol: '-1' }),
      expect.objectContaining({ CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 443, ToPort: 443 }),
    ]);
  });
});

describe('network ACLs', () => {
  test('one NACL per zone, associated with every subnet of that zone', () => {
    template.resourceCountIs('AWS::EC2::NetworkAcl', 3);
    const associations = Object.values(resources(template, 'AWS::EC2::SubnetNetworkAclAssociation')).map(
      (a) => a.Properties ?? {},
    );
    for (const zone of ['Dmz', 'App', 'Data'] as const) {
      const subnets = associations
        .filter((a) => (a['NetworkAclId'] as { Ref: string }).Ref === aclId(template, zone))
        .map((a) => (a['SubnetId'] as { Ref: string }).Ref)
        .sort();
      expect(subnets).toEqual(subnetsOf(template, zone).sort());
    }
  });

  test('the DMZ NACL denies the data zone first, then allows the README rows in order', () => {
    expect(aclEntries(template, aclId(template, 'Dmz'), false)).toEqual([
      `100 deny all ${DATA}`,
      '110 allow tcp 80 0.0.0.0/0',
      '120 allow tcp 443 0.0.0.0/0',
      `130 allow tcp 80 ${APP}`,
      `140 allow tcp 443 ${APP}`,
      '150 allow tcp 1024-65535 0.0.0.0/0',
      '160 allow icmp 3/4 0.0.0.0/0',
    ]);
    expect(aclEntries(template, aclId(template, 'Dmz'), true)).toEqual([
      `100 deny all ${DATA}`,
      `110 allow tcp 8080 ${APP}`,
      '120 allow tcp 80 0.0.0.0/0',
      '130 allow tcp 443 0.0.0.0/0',
      '140 allow tcp 1024-65535 0.0.0.0/0',
      '150 allow icmp 3/4 0.0.0.0/0',
    ]);
  });

  test('the app NACL allows appPort from the DMZ and dataPorts and 443 to the data zone', () => {
    expect(aclEntries(template, aclId(template, 'App'), false)).toEqual([
      `100 allow tcp 8080 ${DMZ}`,
      `110 allow all ${APP}`,
      '120 allow tcp 1024-65535 0.0.0.0/0',
      '130 allow icmp 3/4 0.0.0.0/0',
    ]);
    expect(aclEntries(template, aclId(template, 'App'), true)).toEqual([
      `100 allow all ${APP}`,
      `110 allow tcp 5432 ${DATA}`,
      `120 allow tcp 3306 ${DATA}`,
      `130 allow tcp 6379 ${DATA}`,
      `140 allow tcp 443 ${DATA}`,
      '150 allow tcp 80 0.0.0.0/0',
      '160 allow tcp 443 0.0.0.0/0',
      `170 allow tcp 1024-65535 ${DMZ}`,
      '180 allow icmp 3/4 0.0.0.0/0',
    ]);
  });

  test('the data NACL denies the DMZ first and accepts only dataPorts and 443 from the app zone', () => {
    expect(aclEntries(template, aclId(template, 'Data'), false)).toEqual([
      `100 deny all ${DMZ}`,
      `110 allow tcp 5432 ${APP}`,
      `120 allow tcp 3306 ${APP}`,
      `130 allow tcp 6379 ${APP}`,
      `140 allow tcp 443 ${APP}`,
      `150 allow all ${DATA}`,
      '160 allow tcp 1024-65535 0.0.0.0/0',
      '170 allow icmp 3/4 0.0.0.0/0',
    ]);
    expect(aclEntries(template, aclId(template, 'Data'), true)).toEqual([
      `100 deny all ${DMZ}`,
      `110 allow all ${DATA}`,
      `120 allow tcp 1024-65535 ${APP}`,
      '130 allow tcp 443 0.0.0.0/0',
      '140 allow icmp 3/4 0.0.0.0/0',
    ]);
  });

  test('the NACLs follow appPort, dataPorts, allowedIngressCidr and vpcCidr', () => {
    expect(aclEntries(lean.template, aclId(lean.template, 'Data'), false)).toEqual([
      '100 deny all 172.16.0.0/22',
      '110 allow tcp 2049 172.16.4.0/22',
      '120 allow tcp 443 172.16.4.0/22',
      '130 allow all 172.16.8.0/22',
      '140 allow tcp 1024-65535 0.0.0.0/0',
      '150 allow icmp 3/4 0.0.0.0/0',
    ]);
    expect(aclEntries(lean.template, aclId(lean.template, 'Dmz'), true)).toContain('110 allow tcp 9443 172.16.4.0/22');
    expect(aclEntries(wide.template, aclId(wide.template, 'Dmz'), false).slice(1, 3)).toEqual([
      '110 allow tcp 80 10.0.0.0/8',
      '120 allow tcp 443 10.0.0.0/8',
    ]);
  });
});

describe('VPC endpoints', () => {
  const endpoints = (t: Template, type: 'Gateway' | 'Interface') =>
    Object.values(resources(t, 'AWS::EC2::VPCEndpoint'))
      .map((r) => r.Properties ?? {})
      .filter((p) => p['VpcEndpointType'] === type);
  const serviceOf = (p: Props) =>
    String(((p['ServiceName'] as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1] as string[])[2]).slice(1);

  const tablesOf = (p: Props) => (p['RouteTableIds'] as { Ref: string }[]).map((r) => r.Ref).sort();
  /** The S3 gateway endpoint of the data route tables. */
  const dataS3 = (t: Template) => {
    const dataTables = routeTablesOf(t, subnetsOf(t, 'Data')).sort();
    return endpoints(t, 'Gateway').find((p) => serviceOf(p) === 's3' && tablesOf(p).join() === dataTables.join());
  };

  // The app zone's gateway endpoints are the claim app-zone-gateway-endpoints (cdk/claims.ts).
  test('the data zone has an S3 endpoint of its own, and shares the DynamoDB endpoint', () => {
    const gateways = endpoints(template, 'Gateway');
    expect(gateways.map(serviceOf).sort()).toEqual(['dynamodb', 's3', 's3']);
    expect(dataS3(template)).toBeDefined();
    const dataTables = routeTablesOf(template, subnetsOf(template, 'Data'));
    const dynamo = gateways.find((p) => serviceOf(p) === 'dynamodb');
    expect(tablesOf(dynamo ?? {})).toEqual(expect.arrayContaining(dataTables));
  });

  test('the S3 endpoint policy allows only buckets of this account, unless restrictS3EndpointToAccount=false', () => {
    expect(dataS3(template)?.['PolicyDocument']).toEqual({
      Version: '2012-10-17',
      Statement: [
        expect.objectContaining({
          Effect: 'Allow',
          Action: 's3:*',
          Condition: { StringEquals: { 's3:ResourceAccount': { Ref: 'AWS::AccountId' } } },
        }),
      ],
    });
    expect(dataS3(lean.template)?.['PolicyDocument']).toBeUndefined();
  });

  test('interfaceEndpoints picks the set of interface endpoints, in the data subnets with private DNS', () => {
    const services = (t: Template) => endpoints(t, 'Interface').map(serviceOf).sort();
    expect(services(template)).toEqual(['ec2messages', 'logs', 'ssm', 'ssmmessages']);
    expect(services(wide.template)).toEqual([
      'ec2messages',
      'kms',
      'logs',
      'monitoring',
      'secretsmanager',
      'ssm',
      'ssmmessages',
      'sts',
    ]);
    expect(services(lean.template)).toEqual([]);
    const data = subnetsOf(template, 'Data').sort();
    for (const p of endpoints(template, 'Interface')) {
      expect(p['PrivateDnsEnabled']).toBe(true);
      expect((p['SubnetIds'] as { Ref: string }[]).map((s) => s.Ref).sort()).toEqual(data);
    }
  });

  test('the endpoint security group accepts 443 from the app and data zones only', () => {
    const id = logicalIdOf(template, 'AWS::EC2::SecurityGroup', /^Interface endpoints/);
    expect(
      ingressRules(template)
        .filter((o) => o.group === id)
        .map(({ rule }) => `${String(rule['CidrIp'])}:${String(rule['FromPort'])}-${String(rule['ToPort'])}`),
    ).toEqual([`${APP}:443-443`, `${DATA}:443-443`]);
    expect(
      Object.values(resources(lean.template, 'AWS::EC2::SecurityGroup')).map((r) => r.Properties?.['GroupDescription']),
    ).not.toContainEqual(expect.stringMatching(/^Interface endpoints/));
  });
});

describe('flow logs', () => {
  // Coverage, traffic type, retention and Retain are the claim flow-log-covers-vpc (cdk/claims.ts).
  test('the flow log goes to CloudWatch Logs and flowLogAggregationSeconds sets its interval', () => {
    template.hasResourceProperties('AWS::EC2::FlowLog', { LogDestinationType: 'cloud-watch-logs', MaxAggregationInterval: 600 });
    lean.template.hasResourceProperties('AWS::EC2::FlowLog', { MaxAggregationInterval: 60 });
  });

  test('the flow log role can be assumed only by flow logs of this account', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
            Condition: Match.objectLike({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } }),
          }),
        ],
      },
    });
  });
});

describe('DMZ load balancer', () => {
  // Subnets, headers, access logs, /healthz and HTTPS are claims (cdk/claims.ts).
  test('is internet-facing', () => {
    const [, lb] = only(template, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
    expect(lb.Properties?.['Scheme']).toBe('internet-facing');
  });

  test('answers everything but /healthz with a fixed 404 over HTTP until workloads add rules', () => {
    const [listenerId] = only(template, 'AWS::ElasticLoadBalancingV2::Listener');
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80,
      Protocol: 'HTTP',
      DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: Match.objectLike({ StatusCode: '404' }) }],
    });
    expect(template.findOutputs('LoadBalancerUrl')['LoadBalancerUrl']?.['Value']).toEqual({
      'Fn::Join': ['', ['http://', expect.anything()]],
    });
    expect(template.findOutputs('ListenerArn')['ListenerArn']?.['Value']).toEqual({ Ref: listenerId });
  });

  test('the access log bucket uses SSE-S3, the only encryption log delivery supports, and refuses plain HTTP', () => {
    const [bucketId, bucket] = only(template, 'AWS::S3::Bucket');
    expect(bucket.Properties).toMatchObject({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Sid: 'ElbServiceWritesAccessLogs', Action: 's3:PutObject' }),
          Match.objectLike({ Sid: 'ElbAccountWritesAccessLogs', Action: 's3:PutObject' }),
        ]),
      },
    });
  });
});
