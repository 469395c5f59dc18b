import { Aws, CfnOutput, Fn, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lattice from 'aws-cdk-lib/aws-vpclattice';
import type { Construct } from 'constructs';
import { LogKey, retentionOf } from './logs.ts';
import { ClientVpc } from './network.ts';
import { InternalService } from './service.ts';
import type { Parameters } from './parameters.generated.ts';

export interface EntryStackProps extends StackProps {
  readonly parameters: Parameters;
}

const NAME = /^[a-z][a-z0-9-]{0,19}$/u;

/**
 * A VPC Lattice name from the stack name: lowercase letters, digits and single hyphens, not starting or
 * ending with one (oar's environment stacks are named oar-<id>--<env>, which Lattice refuses), at most 63.
 */
export function latticeName(stackName: string): string {
  return stackName
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '')
    .slice(0, 63)
    .replace(/-+$/u, '');
}

/** Parses name=cidr pairs, comma-separated. */
function clientsOf(list: string): { name: string; cidr: string; id: string }[] {
  const clients = list.split(',').map((pair) => {
    const [name = '', cidr = ''] = pair.split('=');
    if (!NAME.test(name)) throw new Error(`clientVpcs: ${JSON.stringify(pair)} is not name=cidr with a lowercase name`);
    const id = name
      .split('-')
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join('');
    return { name, cidr, id };
  });
  if (new Set(clients.map((c) => c.name)).size !== clients.length) throw new Error('clientVpcs repeats a name');
  return clients;
}

/**
 * Zero-trust access between internal applications with Amazon VPC Lattice: every request is authenticated
 * with SigV4 (IAM auth on the service network and on the service), authorised by two auth policies (the
 * network admits only principals of this account, the service only the allowed clients' roles and
 * methods), and logged; the client VPCs are not connected to each other or to the service by any route.
 */
export default class EntryStack extends Stack {
  constructor(scope: Construct, id: string, props: EntryStackProps) {
    super(scope, id, props);
    const p = props.parameters;
    const retention = retentionOf(p.logRetentionDays);
    const clients = clientsOf(p.clientVpcs);
    const allowed = p.allowedClients.split(',').filter((c) => c !== '');
    for (const name of allowed) {
      if (!clients.some((c) => c.name === name)) throw new Error(`allowedClients names ${name}, which is not in clientVpcs`);
    }
    const methods = p.allowedMethods.split(',');
    if (p.serviceName.length > 40) throw new Error(`serviceName ${p.serviceName} is longer than 40 characters`);

    // --- Logs: flow logs, the function's log, and the service network's access log, under one key.
    const names = {
      flow: `/vpc-flow-logs/${this.stackName}`,
      access: `/vpc-lattice/${this.stackName}/access`,
      fn: `/aws/lambda/${this.stackName}-${p.serviceName}`,
    };
    const logKey = new LogKey(this, 'Logs', { logGroupNames: Object.values(names) });
    const flowLogs = logKey.logGroup('FlowLogGroup', names.flow, retention);
    const accessLogs = logKey.logGroup('AccessLogGroup', names.access, retention);

    // --- The service network: IAM auth, and a policy that admits only signed requests from this account.
    const network = new lattice.CfnServiceNetwork(this, 'ServiceNetwork', {
      name: latticeName(this.stackName),
      authType: 'AWS_IAM',
    });
    new lattice.CfnAuthPolicy(this, 'ServiceNetworkAuthPolicy', {
      resourceIdentifier: network.attrId,
      policy: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'SignedRequestsFromThisAccountOnly',
            Effect: 'Allow',
            Principal: '*',
            Action: 'vpc-lattice-svcs:Invoke',
            Resource: '*',
            Condition: {
              StringEquals: { 'aws:PrincipalAccount': Aws.ACCOUNT_ID },
              StringNotEqualsIgnoreCase: { 'aws:PrincipalType': 'anonymous' },
            },
          },
        ],
      },
    });
    new lattice.CfnAccessLogSubscription(this, 'AccessLogs', {
      resourceIdentifier: network.attrId,
      destinationArn: accessLogs.logGroupArn,
    });

    // --- Client VPCs: associated with the service network, with a role for their workloads to sign with.
    const clientVpcs = clients.map((client) => {
      const vpc = new ClientVpc(this, `Client${client.id}`, { cidr: client.cidr, azCount: p.azCount, flowLogGroup: flowLogs });
      new lattice.CfnServiceNetworkVpcAssociation(this, `Client${client.id}Association`, {
        serviceNetworkIdentifier: network.attrId,
        vpcIdentifier: vpc.vpc.vpcId,
        securityGroupIds: [vpc.latticeSecurityGroup.securityGroupId],
      });
      const role = new iam.Role(this, `Client${client.id}Role`, {
        description: `Workloads in the ${client.name} VPC sign their VPC Lattice requests with this role`,
        assumedBy: new iam.CompositePrincipal(
          new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
          new iam.ServicePrincipal('lambda.amazonaws.com'),
        ),
      });
      role.addToPolicy(
        new iam.PolicyStatement({
          actions: ['vpc-lattice-svcs:Invoke'],
          // Which services it may call is decided by each service's auth policy; this only lets it sign.
          resources: [`arn:${Aws.PARTITION}:vpc-lattice:${Aws.REGION}:${Aws.ACCOUNT_ID}:service/*`],
        }),
      );
      Validations.of(role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:vpc-lattice:<AWS::Region>:<AWS::AccountId>:service/*]',
        reason:
          'The role may sign requests to any Lattice service of this account; each service auth policy decides whether it is allowed, which is the zero-trust control here.',
      });
      return { client, vpc, role };
    });

    // --- The internal application.
    const service = new InternalService(this, 'Service', {
      name: p.serviceName,
      serviceNetworkId: network.attrId,
      clientRoleArns: clientVpcs.filter((c) => allowed.includes(c.client.name)).map((c) => c.role.roleArn),
      allowedMethods: methods,
      logGroup: logKey.logGroup('ServiceLogGroup', names.fn, retention),
    });

    // --- Outputs.
    new CfnOutput(this, 'ServiceNetworkArn', { value: network.attrArn, description: 'ARN of the service network.' });
    new CfnOutput(this, 'ServiceNetworkId', { value: network.attrId, description: 'Id of the service network.' });
    new CfnOutput(this, 'ServiceArn', { value: service.service.attrArn, description: 'ARN of the service.' });
    new CfnOutput(this, 'ServiceId', { value: service.service.attrId, description: 'Id of the service.' });
    new CfnOutput(this, 'ServiceDomainName', {
      value: service.service.attrDnsEntryDomainName,
      description: 'Domain name that clients call over HTTPS, signing with SigV4.',
    });
    new CfnOutput(this, 'TargetGroupId', { value: service.targetGroup.attrId, description: 'Target group of the function.' });
    new CfnOutput(this, 'ClientRoleArns', {
      value: Fn.join(
        ',',
        clientVpcs.map((c) => Fn.join('=', [c.client.name, c.role.roleArn])),
      ),
      description: 'name=role ARN of each client VPC.',
    });
    new CfnOutput(this, 'ClientVpcIds', {
      value: Fn.join(
        ',',
        clientVpcs.map((c) => Fn.join('=', [c.client.name, c.vpc.vpc.vpcId])),
      ),
      description: 'name=VPC id of each client VPC.',
    });
    new CfnOutput(this, 'AccessLogGroupName', { value: accessLogs.logGroupName, description: 'Access log of the service network.' });
  }
}
