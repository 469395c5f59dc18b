import { Aws, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as iot from 'aws-cdk-lib/aws-iot';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface FleetProvisioningProps {
  readonly name: string;
  readonly thingNamePrefix: string;
  readonly serialNumberPattern: string;
  readonly thingType: iot.CfnThingType;
  readonly devicePolicy: iot.CfnPolicy;
  readonly hookLogGroup: logs.LogGroup;
}

/** The pre-provisioning hook: allows a device only when its serial number matches the pattern. */
export const HOOK_CODE = `
const pattern = new RegExp(process.env.SERIAL_NUMBER_PATTERN);
exports.handler = async (event) => {
  const serial = String((event.parameters || {}).SerialNumber || '');
  const allowed = pattern.test(serial);
  console.log(JSON.stringify({ serial, allowed, certificateId: event.certificateId }));
  return { allowProvisioning: allowed };
};
`;

/**
 * Fleet provisioning by claim: devices leave the factory with a shared claim certificate whose policy lets
 * them do exactly two things, ask IoT Core for their own certificate and call RegisterThing with this
 * template. The template creates the thing (named from the serial number, of the fleet's thing type),
 * activates the new certificate and attaches the device policy; a pre-provisioning hook refuses serial
 * numbers that do not match the pattern, so a leaked claim certificate cannot register arbitrary things.
 */
export class FleetProvisioning extends Construct {
  readonly template: iot.CfnProvisioningTemplate;
  readonly claimPolicy: iot.CfnPolicy;
  readonly hook: lambda.Function;

  constructor(scope: Construct, id: string, props: FleetProvisioningProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const templateName = `${props.name}-fleet`;
    const arn = (resource: string, name: string): string => stack.formatArn({ service: 'iot', resource, resourceName: name });

    const role = new iam.Role(this, 'ProvisioningRole', {
      description: `Lets IoT Core register things with the ${templateName} provisioning template`,
      assumedBy: new iam.ServicePrincipal('iot.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSIoTThingsRegistration')],
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSIoTThingsRegistration]',
      reason:
        'AWS maintains this service-role policy for exactly this use (the provisioning role of a template) and updates it when RegisterThing needs new actions; only IoT Core in this account can assume the role.',
    });

    this.hook = new lambda.Function(this, 'PreProvisioningHook', {
      description: `Refuses fleet provisioning for serial numbers that do not match ${props.serialNumberPattern}`,
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline(HOOK_CODE),
      timeout: Duration.seconds(5),
      memorySize: 128,
      environment: { SERIAL_NUMBER_PATTERN: props.serialNumberPattern },
      logGroup: props.hookLogGroup,
    });
    this.hook.addPermission('IoTCoreInvokes', {
      principal: new iam.ServicePrincipal('iot.amazonaws.com'),
      sourceAccount: Aws.ACCOUNT_ID,
      sourceArn: arn('provisioningtemplate', templateName),
    });
    if (this.hook.role)
      Validations.of(this.hook.role).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'The hook only writes its own logs; the basic execution policy is the narrowest AWS policy for that.',
      });

    const body = {
      Parameters: {
        SerialNumber: { Type: 'String' },
        'AWS::IoT::Certificate::Id': { Type: 'String' },
      },
      Resources: {
        thing: {
          Type: 'AWS::IoT::Thing',
          Properties: {
            ThingName: { 'Fn::Join': ['', [`${props.thingNamePrefix}-`, { Ref: 'SerialNumber' }]] },
            ThingTypeName: props.thingType.ref,
            AttributePayload: { serialNumber: { Ref: 'SerialNumber' } },
          },
          OverrideSettings: { AttributePayload: 'MERGE', ThingTypeName: 'REPLACE' },
        },
        certificate: {
          Type: 'AWS::IoT::Certificate',
          Properties: { CertificateId: { Ref: 'AWS::IoT::Certificate::Id' }, Status: 'ACTIVE' },
        },
        policy: { Type: 'AWS::IoT::Policy', Properties: { PolicyName: props.devicePolicy.ref } },
      },
    };
    this.template = new iot.CfnProvisioningTemplate(this, 'Template', {
      templateName,
      description: 'Registers a device that presents the claim certificate and a serial number matching the pattern',
      enabled: true,
      provisioningRoleArn: role.roleArn,
      templateBody: stack.toJsonString(body),
      preProvisioningHook: { targetArn: this.hook.functionArn, payloadVersion: '2020-04-01' },
    });

    // The claim certificate may only get a certificate of its own and register through this template.
    this.claimPolicy = new iot.CfnPolicy(this, 'ClaimPolicy', {
      policyName: `${props.name}-claim`,
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'Connect', Effect: 'Allow', Action: 'iot:Connect', Resource: arn('client', '${iot:ClientId}') },
          {
            Sid: 'ProvisionOnly',
            Effect: 'Allow',
            Action: ['iot:Publish', 'iot:Receive'],
            Resource: [
              arn('topic', '$aws/certificates/create/*'),
              arn('topic', `$aws/provisioning-templates/${templateName}/provision/*`),
            ],
          },
          {
            Sid: 'SubscribeToTheReplies',
            Effect: 'Allow',
            Action: 'iot:Subscribe',
            Resource: [
              arn('topicfilter', '$aws/certificates/create/*'),
              arn('topicfilter', `$aws/provisioning-templates/${templateName}/provision/*`),
            ],
          },
        ],
      },
    });
  }
}
