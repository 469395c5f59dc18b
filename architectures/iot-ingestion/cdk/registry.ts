import { Stack } from 'aws-cdk-lib';
import * as iot from 'aws-cdk-lib/aws-iot';
import { Construct } from 'constructs';

export interface DeviceRegistryProps {
  readonly name: string;
  readonly topicRoot: string;
}

/** The MQTT topics a device may use, each below its own thing name. */
export const deviceTopics = (root: string) => ({
  telemetry: `dt/${root}/\${iot:Connection.Thing.ThingName}/*`,
  commands: `cmd/${root}/\${iot:Connection.Thing.ThingName}/*`,
  shadow: '$aws/things/${iot:Connection.Thing.ThingName}/shadow/*',
});

/**
 * The fleet's registry side: a thing type whose serial number and site are searchable attributes, and the
 * device policy every device certificate gets. The policy is written once for the whole fleet with policy
 * variables: a device may connect only with its own thing name as client id, and only while its
 * certificate is attached to that thing; it may publish telemetry below its own name, receive commands
 * addressed to its own name, and use its own shadow. One leaked certificate reaches one device's topics.
 */
export class DeviceRegistry extends Construct {
  readonly thingType: iot.CfnThingType;
  readonly devicePolicy: iot.CfnPolicy;

  constructor(scope: Construct, id: string, props: DeviceRegistryProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const arn = (resource: string, name: string): string => stack.formatArn({ service: 'iot', resource, resourceName: name });
    const topics = deviceTopics(props.topicRoot);

    this.thingType = new iot.CfnThingType(this, 'ThingType', {
      thingTypeName: `${props.name}-device`,
      thingTypeProperties: {
        thingTypeDescription: `Devices that publish telemetry below dt/${props.topicRoot}/`,
        searchableAttributes: ['serialNumber', 'site'],
      },
    });

    this.devicePolicy = new iot.CfnPolicy(this, 'DevicePolicy', {
      policyName: `${props.name}-device`,
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'ConnectAsItsOwnThing',
            Effect: 'Allow',
            Action: 'iot:Connect',
            Resource: arn('client', '${iot:Connection.Thing.ThingName}'),
            Condition: { Bool: { 'iot:Connection.Thing.IsAttached': 'true' } },
          },
          {
            Sid: 'PublishItsTelemetryAndShadow',
            Effect: 'Allow',
            Action: 'iot:Publish',
            Resource: [arn('topic', topics.telemetry), arn('topic', topics.shadow)],
          },
          {
            Sid: 'SubscribeToItsCommandsAndShadow',
            Effect: 'Allow',
            Action: 'iot:Subscribe',
            Resource: [arn('topicfilter', topics.commands), arn('topicfilter', topics.shadow)],
          },
          {
            Sid: 'ReceiveItsCommandsAndShadow',
            Effect: 'Allow',
            Action: 'iot:Receive',
            Resource: [arn('topic', topics.commands), arn('topic', topics.shadow)],
          },
        ],
      },
    });
  }
}
