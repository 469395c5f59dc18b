import {
  DescribeFlowLogsCommand,
  DescribeInstancesCommand,
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcEndpointsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import { GetDocumentCommand, SSMClient } from '@aws-sdk/client-ssm';
import { expect } from 'vitest';
import { readBack, type DeployedStack } from '../readback.ts';

// The defaults in architecture.yaml, which the emulator suite deploys with.
const VPC_CIDR = '10.60.0.0/16';
const AZ_COUNT = 2;
const INTERFACE_SERVICES = ['ec2messages', 'kms', 'logs', 'ssm', 'ssmmessages'];

interface Statement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: string | string[];
  readonly Condition?: Record<string, Record<string, string>>;
}

const list = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
const isolatedSubnets = (stack: DeployedStack) => (stack.outputs['IsolatedSubnetIds'] ?? '').split(',');
const vpcFilter = (stack: DeployedStack) => [{ Name: 'vpc-id', Values: [stack.outputs['VpcId'] ?? ''] }];

async function interfaceEndpoints(stack: DeployedStack) {
  const ec2 = new EC2Client(stack.aws);
  const { VpcEndpoints = [] } = await ec2.send(new DescribeVpcEndpointsCommand({ Filters: vpcFilter(stack) }));
  return VpcEndpoints.filter((e) => e.VpcEndpointType === 'Interface');
}

async function operatorStatements(stack: DeployedStack): Promise<Statement[]> {
  const iam = new IAMClient(stack.aws);
  const PolicyArn = stack.outputs['OperatorPolicyArn'];
  const { Policy } = await iam.send(new GetPolicyCommand({ PolicyArn }));
  const { PolicyVersion } = await iam.send(
    new GetPolicyVersionCommand({ PolicyArn, VersionId: Policy?.DefaultVersionId }),
  );
  return (JSON.parse(decodeURIComponent(PolicyVersion?.Document ?? '{}')) as { Statement: Statement[] }).Statement;
}

export default [
  readBack(
    'Systems Manager, its message channels, CloudWatch Logs and KMS each have an interface endpoint in every zone, open on 443 to the VPC only',
    async (stack) => {
      const endpoints = await interfaceEndpoints(stack);
      const services = endpoints.map((e) => e.ServiceName?.split('.').pop() ?? '').sort();
      expect(services).toEqual(INTERFACE_SERVICES);
      for (const e of endpoints)
        expect([...(e.SubnetIds ?? [])].sort(), e.ServiceName).toEqual([...isolatedSubnets(stack)].sort());
      const ec2 = new EC2Client(stack.aws);
      const { Subnets = [] } = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: isolatedSubnets(stack) }));
      expect(new Set(Subnets.map((s) => s.AvailabilityZone)).size).toBe(AZ_COUNT);
      const groups = [...new Set(endpoints.flatMap((e) => (e.Groups ?? []).map((g) => g.GroupId ?? '')))];
      const { SecurityGroups = [] } = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: groups }));
      for (const sg of SecurityGroups) {
        const ingress = (sg.IpPermissions ?? []).map((p) => [
          p.IpProtocol,
          p.FromPort,
          p.ToPort,
          (p.IpRanges ?? []).map((r) => r.CidrIp),
        ]);
        expect(ingress, sg.GroupId).toEqual([['tcp', 443, 443, [VPC_CIDR]]]);
      }
    },
    'endpoints-in-every-az',
  ),
  readBack(
    'The VPC resolves DNS names and hostnames, and every interface endpoint answers under the public service name',
    async (stack) => {
      const ec2 = new EC2Client(stack.aws);
      const VpcId = stack.outputs['VpcId'];
      const support = await ec2.send(new DescribeVpcAttributeCommand({ VpcId, Attribute: 'enableDnsSupport' }));
      const hostnames = await ec2.send(new DescribeVpcAttributeCommand({ VpcId, Attribute: 'enableDnsHostnames' }));
      expect([support.EnableDnsSupport?.Value, hostnames.EnableDnsHostnames?.Value]).toEqual([true, true]);
      for (const e of await interfaceEndpoints(stack)) expect(e.PrivateDnsEnabled, e.ServiceName).toBe(true);
    },
    'private-dns-on',
  ),
  readBack(
    'Nothing is reachable from outside: no internet or NAT gateway, no public address on launch, and no inbound rule on the instances',
    async (stack) => {
      const ec2 = new EC2Client(stack.aws);
      const { InternetGateways = [] } = await ec2.send(
        new DescribeInternetGatewaysCommand({
          Filters: [{ Name: 'attachment.vpc-id', Values: [stack.outputs['VpcId'] ?? ''] }],
        }),
      );
      expect(InternetGateways).toEqual([]);
      const { NatGateways = [] } = await ec2.send(new DescribeNatGatewaysCommand({ Filter: vpcFilter(stack) }));
      expect(NatGateways.filter((n) => n.State !== 'deleted')).toEqual([]);
      const { Subnets = [] } = await ec2.send(new DescribeSubnetsCommand({ Filters: vpcFilter(stack) }));
      for (const s of Subnets) expect(s.MapPublicIpOnLaunch, s.SubnetId).toBe(false);
      const { SecurityGroups = [] } = await ec2.send(
        new DescribeSecurityGroupsCommand({ GroupIds: [stack.outputs['InstanceSecurityGroupId'] ?? ''] }),
      );
      expect(SecurityGroups[0]?.IpPermissions).toEqual([]);
      const { SecurityGroups: all = [] } = await ec2.send(
        new DescribeSecurityGroupsCommand({ Filters: vpcFilter(stack) }),
      );
      const port22 = all
        .flatMap((g) => g.IpPermissions ?? [])
        .filter((p) => p.IpProtocol === '-1' || ((p.FromPort ?? 0) <= 22 && 22 <= (p.ToPort ?? 0)));
      expect(port22).toEqual([]);
    },
    'no-inbound-path',
  ),
  readBack(
    'The session document streams every shell session, encrypted, to the session log group, and encrypts the data channel with the stack key (the log group half is not read back: the emulator does not keep a log group key)',
    async (stack) => {
      const ssm = new SSMClient(stack.aws);
      const { Content, DocumentType } = await ssm.send(
        new GetDocumentCommand({ Name: stack.outputs['SessionDocumentName'] }),
      );
      expect(DocumentType).toBe('Session');
      // moto answers Content as a JSON object where AWS sends its text; both are read.
      const content: unknown = Content;
      const document = (typeof content === 'string' ? JSON.parse(content) : content) as {
        inputs: Record<string, unknown>;
      };
      const inputs = document.inputs;
      expect(inputs['cloudWatchLogGroupName']).toBe(stack.outputs['SessionLogGroupName']);
      expect([inputs['cloudWatchEncryptionEnabled'], inputs['cloudWatchStreamingEnabled']]).toEqual([true, true]);
      expect(stack.outputs['KmsKeyArn']?.endsWith(`:key/${String(inputs['kmsKeyId'])}`)).toBe(true);
    },
    'sessions-logged-encrypted',
  ),
  readBack(
    'The operator policy starts sessions only on instances tagged for this stack, only through the logged document or port forwarding, and resumes or ends only the operator’s own sessions',
    async (stack) => {
      const statements = await operatorStatements(stack);
      const starts = statements.filter((s) => s.Effect === 'Allow' && list(s.Action).includes('ssm:StartSession'));
      const onInstances = starts.find((s) => list(s.Resource).some((r) => r.includes(':instance/')));
      expect(onInstances?.Condition?.['StringEquals']).toEqual({
        'ssm:resourceTag/SessionManagerAccess': stack.stackName,
      });
      const documents = starts.flatMap((s) => list(s.Resource)).filter((r) => r.includes(':document/'));
      expect(documents.map((d) => d.split(':document/')[1]).sort()).toEqual(
        [
          stack.outputs['SessionDocumentName'],
          'AWS-StartPortForwardingSession',
          'AWS-StartPortForwardingSessionToRemoteHost',
        ].sort(),
      );
      for (const s of starts)
        expect(s.Condition?.['BoolIfExists']).toEqual({ 'ssm:SessionDocumentAccessCheck': 'true' });
      const own = statements.filter((s) =>
        list(s.Action).some((a) => a === 'ssm:ResumeSession' || a === 'ssm:TerminateSession'),
      );
      for (const r of own.flatMap((s) => list(s.Resource))) expect(r).toMatch(/:session\/\$\{aws:user(name|id)\}-\*$/u);
    },
    'operator-policy-scoped',
  ),
  readBack(
    'No policy of the stack lets anyone read the session transcripts',
    async (stack) => {
      const iam = new IAMClient(stack.aws);
      const statements = [...(await operatorStatements(stack))];
      for (const role of stack.physicalIds('AWS::IAM::Role')) {
        const { PolicyNames = [] } = await iam.send(new ListRolePoliciesCommand({ RoleName: role }));
        for (const PolicyName of PolicyNames) {
          const { PolicyDocument } = await iam.send(new GetRolePolicyCommand({ RoleName: role, PolicyName }));
          statements.push(
            ...(JSON.parse(decodeURIComponent(PolicyDocument ?? '{}')) as { Statement: Statement[] }).Statement,
          );
        }
      }
      const reads = statements
        .filter((s) => s.Effect === 'Allow')
        .flatMap((s) => list(s.Action))
        .filter((a) => ['*', 'logs:*', 'logs:GetLogEvents', 'logs:FilterLogEvents', 'logs:StartQuery'].includes(a));
      expect(reads).toEqual([]);
    },
    'transcripts-need-a-grant',
  ),
  readBack(
    'Every instance has no key pair, carries the access tag and the SSM instance profile, and sits in an isolated subnet without a public address (IMDSv2 is not read back: the emulator does not apply it)',
    async (stack) => {
      const ec2 = new EC2Client(stack.aws);
      const ids = (stack.outputs['InstanceIds'] ?? '').split(',');
      const { Reservations = [] } = await ec2.send(new DescribeInstancesCommand({ InstanceIds: ids }));
      const instances = Reservations.flatMap((r) => r.Instances ?? []);
      expect(instances).toHaveLength(ids.length);
      for (const i of instances) {
        expect(i.KeyName, i.InstanceId).toBeUndefined();
        expect(i.PublicIpAddress, i.InstanceId).toBeUndefined();
        expect(i.Tags).toContainEqual({ Key: 'SessionManagerAccess', Value: stack.stackName });
        expect(i.IamInstanceProfile?.Arn?.endsWith(`/${stack.outputs['InstanceProfileName'] ?? ''}`)).toBe(true);
        expect(isolatedSubnets(stack)).toContain(i.SubnetId);
      }
    },
    'instances-need-no-keys',
  ),
  readBack('The VPC logs all its traffic to the flow log group', async (stack) => {
    const ec2 = new EC2Client(stack.aws);
    const { FlowLogs = [] } = await ec2.send(
      new DescribeFlowLogsCommand({ Filter: [{ Name: 'resource-id', Values: [stack.outputs['VpcId'] ?? ''] }] }),
    );
    expect(FlowLogs.map((f) => [f.TrafficType, f.LogDestinationType, f.LogGroupName])).toEqual([
      ['ALL', 'cloud-watch-logs', stack.outputs['FlowLogGroupName']],
    ]);
  }),
];
