import { Aws, Duration, Stack, type CfnResource } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as lattice from 'aws-cdk-lib/aws-vpclattice';
import { Construct } from 'constructs';

export interface InternalServiceProps {
  /** Lattice service name: lowercase letters, digits and hyphens. */
  readonly name: string;
  readonly serviceNetworkId: string;
  /** The only principals that may call the service, and only with these methods. */
  readonly clientRoleArns: readonly string[];
  readonly allowedMethods: readonly string[];
  readonly logGroup: logs.ILogGroup;
}

const HANDLER = `
exports.handler = async (event) => {
  // VPC Lattice passes the caller's identity when the service uses IAM auth.
  const caller = event?.requestContext?.identity?.principal ?? 'unknown';
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ service: 'orders', path: event?.path, caller }),
  };
};
`;

/**
 * One internal application behind VPC Lattice: a Lambda function as the target, a Lattice service with
 * IAM auth and an HTTPS listener, the service's auth policy (who may call it, with which methods), and
 * the association that publishes the service in the service network.
 */
export class InternalService extends Construct {
  readonly service: lattice.CfnService;
  readonly function: lambda.Function;
  readonly targetGroup: lattice.CfnTargetGroup;
  readonly authPolicy: lattice.CfnAuthPolicy;

  constructor(scope: Construct, id: string, props: InternalServiceProps) {
    super(scope, id);
    const role = new iam.Role(this, 'FunctionRole', {
      description: `Runs the ${props.name} function: writes its own log group, nothing else`,
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    props.logGroup.grantWrite(role);
    this.function = new lambda.Function(this, 'Function', {
      description: `The ${props.name} internal application, called only through VPC Lattice`,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      loggingFormat: lambda.LoggingFormat.JSON,
      handler: 'index.handler',
      code: lambda.Code.fromInline(HANDLER),
      role,
      timeout: Duration.seconds(10),
      memorySize: 256,
      logGroup: props.logGroup,
    });

    // The role is already a GetAtt of the function; the explicit DependsOn that CDK adds only repeats it
    // (cfn-lint W3005). The dependency on the role's policy stays, so the function starts with its permissions.
    const cfnFunction = this.function.node.defaultChild as CfnResource;
    const rolePolicy = role.node.findChild('DefaultPolicy').node.defaultChild as CfnResource;
    cfnFunction.addOverride('DependsOn', [Stack.of(this).getLogicalId(rolePolicy)]);

    this.targetGroup = new lattice.CfnTargetGroup(this, 'TargetGroup', {
      name: `${props.name}-fn`,
      type: 'LAMBDA',
      config: { lambdaEventStructureVersion: 'V2' },
      targets: [{ id: this.function.functionArn }],
    });
    // VPC Lattice invokes the function on behalf of this target group only.
    new lambda.CfnPermission(this, 'LatticeInvoke', {
      action: 'lambda:InvokeFunction',
      functionName: this.function.functionArn,
      principal: 'vpc-lattice.amazonaws.com',
      sourceArn: this.targetGroup.attrArn,
      sourceAccount: Aws.ACCOUNT_ID,
    });

    this.service = new lattice.CfnService(this, 'Service', { name: props.name, authType: 'AWS_IAM' });
    new lattice.CfnListener(this, 'Https', {
      serviceIdentifier: this.service.attrId,
      name: 'https',
      protocol: 'HTTPS',
      port: 443,
      defaultAction: { forward: { targetGroups: [{ targetGroupIdentifier: this.targetGroup.attrId, weight: 100 }] } },
    });
    // The service's own policy: only the client roles, only these methods. The network policy is checked too.
    this.authPolicy = new lattice.CfnAuthPolicy(this, 'AuthPolicy', {
      resourceIdentifier: this.service.attrId,
      policy: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'OnlyTheClientRoles',
            Effect: 'Allow',
            Principal: { AWS: [...props.clientRoleArns] },
            Action: 'vpc-lattice-svcs:Invoke',
            Resource: `${this.service.attrArn}/*`,
            Condition: { StringEquals: { 'vpc-lattice-svcs:RequestMethod': [...props.allowedMethods] } },
          },
        ],
      },
    });
    new lattice.CfnServiceNetworkServiceAssociation(this, 'Publication', {
      serviceNetworkIdentifier: props.serviceNetworkId,
      serviceIdentifier: this.service.attrId,
    });
  }
}
