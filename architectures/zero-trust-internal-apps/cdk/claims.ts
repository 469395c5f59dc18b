import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';
import { asList, type Json } from '../../../generators/check/claims/template-queries.ts';

const getAtt = (v: unknown): string => ((v as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt'] ?? [''])[0];

type Res = ReturnType<ClaimContext['resources']>[number];

function clientsOf(t: ClaimContext): { name: string; id: string }[] {
  return String(t.parameters['clientVpcs'])
    .split(',')
    .map((pair) => {
      const name = pair.split('=')[0] ?? '';
      return {
        name,
        id: `Client${name
          .split('-')
          .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
          .join('')}`,
      };
    });
}

function policyOf(t: ClaimContext, target: string): { Statement: Json[] } {
  const found = t.resources('AWS::VpcLattice::AuthPolicy').filter((p) => getAtt(p.Properties?.['ResourceIdentifier']) === target);
  assert.equal(found.length, 1, `${target} has not exactly one auth policy`);
  return (found[0]?.Properties?.['Policy'] ?? { Statement: [] }) as { Statement: Json[] };
}

function one(t: ClaimContext, type: string): Res {
  const found = t.resources(type);
  assert.equal(found.length, 1, `not exactly one ${type}`);
  return found[0] as Res;
}

export default [
  claim('iam-auth-everywhere', 'The service network and every service use IAM auth, so unsigned requests are refused', (t) => {
    for (const type of ['AWS::VpcLattice::ServiceNetwork', 'AWS::VpcLattice::Service']) {
      const found = t.resources(type);
      assert.ok(found.length > 0, `there is no ${type}`);
      for (const r of found) assert.equal(r.Properties?.['AuthType'], 'AWS_IAM', `${r.id} does not use IAM auth`);
    }
  }),

  claim(
    'network-policy-account-only',
    'The service network auth policy allows only signed requests from principals of this account, and nothing else',
    (t) => {
      const network = one(t, 'AWS::VpcLattice::ServiceNetwork');
      const { Statement } = policyOf(t, network.id);
      assert.equal(Statement.length, 1, 'the network policy has more than one statement');
      const s = Statement[0] ?? {};
      assert.deepEqual([s['Effect'], s['Action']], ['Allow', 'vpc-lattice-svcs:Invoke']);
      const condition = (s['Condition'] ?? {}) as Record<string, Json>;
      assert.deepEqual(condition['StringEquals'], { 'aws:PrincipalAccount': { Ref: 'AWS::AccountId' } }, 'the network admits other accounts');
      assert.deepEqual(condition['StringNotEqualsIgnoreCase'], { 'aws:PrincipalType': 'anonymous' }, 'the network admits anonymous callers');
    },
  ),

  claim(
    'service-policy-least-privilege',
    "The service's auth policy allows only the roles of allowedClients, only with allowedMethods, and only on this service",
    (t) => {
      const service = one(t, 'AWS::VpcLattice::Service');
      const { Statement } = policyOf(t, service.id);
      assert.equal(Statement.length, 1, 'the service policy has more than one statement');
      const s = Statement[0] ?? {};
      assert.equal(s['Effect'], 'Allow');
      assert.equal(s['Action'], 'vpc-lattice-svcs:Invoke');
      const allowed = String(t.parameters['allowedClients']).split(',').filter((c) => c !== '');
      const principals = asList((s['Principal'] as Json | undefined)?.['AWS']).map(getAtt).sort();
      const expected = clientsOf(t)
        .filter((c) => allowed.includes(c.name))
        .map((c) => `${c.id}Role`);
      assert.deepEqual(principals.map((p) => p.replace(/[A-F0-9]{8}$/u, '')), [...expected].sort(), 'the service admits other principals than the allowed clients');
      const methods = ((s['Condition'] as Record<string, Json> | undefined)?.['StringEquals']?.['vpc-lattice-svcs:RequestMethod'] ?? []) as string[];
      assert.deepEqual([...methods].sort(), String(t.parameters['allowedMethods']).split(',').sort(), 'the service admits other methods');
      assert.match(JSON.stringify(s['Resource']), new RegExp(service.id, 'u'), 'the policy is not scoped to this service');
    },
  ),

  claim('access-logged', "The service network's access log goes to a KMS-encrypted log group of this stack", (t) => {
    const network = one(t, 'AWS::VpcLattice::ServiceNetwork');
    const sub = one(t, 'AWS::VpcLattice::AccessLogSubscription');
    assert.equal(getAtt(sub.Properties?.['ResourceIdentifier']), network.id, 'the access log is not on the service network');
    const group = t.resources('AWS::Logs::LogGroup').find((g) => g.id === getAtt(sub.Properties?.['DestinationArn']));
    assert.ok(group, 'the access log does not go to a log group of this stack');
    const props = group.Properties ?? {};
    assert.ok(props['KmsKeyId'], 'the access log group is not encrypted with the stack key');
    assert.equal(props['RetentionInDays'], t.parameters['logRetentionDays']);
  }),

  claim(
    'no-routes-between-vpcs',
    'The client VPCs reach the service only through Lattice: no peering, transit gateway, internet or NAT gateway, and every association admits HTTPS from its own VPC only',
    (t) => {
      for (const type of [
        'AWS::EC2::VPCPeeringConnection',
        'AWS::EC2::TransitGatewayAttachment',
        'AWS::EC2::InternetGateway',
        'AWS::EC2::NatGateway',
        'AWS::EC2::VPCEndpoint',
      ]) {
        assert.equal(t.resources(type).length, 0, `the stack has an ${type}`);
      }
      const associations = t.resources('AWS::VpcLattice::ServiceNetworkVpcAssociation');
      assert.equal(associations.length, clientsOf(t).length, 'not one association per client VPC');
      for (const a of associations) {
        const groups = asList(a.Properties?.['SecurityGroupIds']).map(getAtt);
        assert.equal(groups.length, 1, `${a.id} has not exactly one security group`);
        const sg = t.resources('AWS::EC2::SecurityGroup').find((g) => g.id === groups[0]);
        const vpc = getAtt(a.Properties?.['VpcIdentifier']) || (a.Properties?.['VpcIdentifier'] as { Ref?: string }).Ref;
        const rules = asList(sg?.Properties?.['SecurityGroupIngress']) as Json[];
        assert.equal(rules.length, 1, `${String(groups[0])} has other rules`);
        assert.deepEqual([rules[0]?.['IpProtocol'], rules[0]?.['FromPort'], rules[0]?.['ToPort']], ['tcp', 443, 443]);
        const cidr = t.resources('AWS::EC2::VPC').find((v) => v.id === vpc)?.Properties?.['CidrBlock'];
        assert.equal(rules[0]?.['CidrIp'], cidr, `${String(groups[0])} admits another range than its VPC`);
      }
    },
  ),

  claim('clients-in-every-zone', 'Every client VPC has a workload subnet in each of azCount zones', (t) => {
    for (const client of clientsOf(t)) {
      const subnets = t.resources('AWS::EC2::Subnet').filter((s) => s.id.startsWith(`${client.id}Vpc`));
      assert.equal(subnets.length, Number(t.parameters['azCount']), `${client.name} has not one subnet per zone`);
    }
  }),

  claim('function-invoked-by-its-target-group-only', 'VPC Lattice may invoke the function only for this target group and this account', (t) => {
    const group = one(t, 'AWS::VpcLattice::TargetGroup');
    const permissions = t.resources('AWS::Lambda::Permission');
    assert.equal(permissions.length, 1, 'not exactly one invoke permission');
    const p = permissions[0]?.Properties ?? {};
    assert.equal(p['Principal'], 'vpc-lattice.amazonaws.com');
    assert.equal(getAtt(p['SourceArn']), group.id, 'the permission is not limited to the target group');
    assert.deepEqual(p['SourceAccount'], { Ref: 'AWS::AccountId' });
  }),
];
