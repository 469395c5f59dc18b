import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { IngestAlarms } from './alarms.ts';
import { TelemetryIngest, telemetryTopic } from './ingest.ts';
import { LogKey, retentionOf } from './logs.ts';
import type { Parameters } from './parameters.generated.ts';
import { FleetProvisioning } from './provisioning.ts';
import { DeviceRegistry } from './registry.ts';
import { TelemetryStorage } from './storage.ts';

export interface IotIngestionStackProps extends StackProps {
  readonly parameters: Parameters;
}

/**
 * IoT ingestion: devices connect to AWS IoT Core with certificates scoped by thing name and publish
 * telemetry; a topic rule puts it into an encrypted Kinesis data stream for real-time consumers, with an
 * S3 error action for what it cannot deliver, and Firehose archives the stream to S3. Fleet provisioning
 * by claim, with a pre-provisioning hook, registers new devices (fleetProvisioning).
 */
export default class IotIngestionStack extends Stack {
  constructor(scope: Construct, id: string, props: IotIngestionStackProps) {
    super(scope, id, props);
    const p = props.parameters;
    const name = this.stackName;

    const storage = new TelemetryStorage(this, 'Storage', {
      stackName: name,
      archiveAfterDays: p.archiveAfterDays,
      noncurrentVersionDays: p.noncurrentVersionDays,
      accessLogRetentionDays: p.accessLogRetentionDays,
      retainData: p.retainData,
    });

    // --- Logs: Firehose delivery errors and, with fleet provisioning, the hook's log.
    const firehoseLogGroupName = `/aws/kinesisfirehose/${name}-archive`;
    const hookLogGroupName = `/aws/lambda/${name}-provisioning-hook`;
    const logKey = new LogKey(this, 'Logs', {
      logGroupNames: p.fleetProvisioning ? [firehoseLogGroupName, hookLogGroupName] : [firehoseLogGroupName],
    });
    const retention = retentionOf(p.logRetentionDays);
    const firehoseLogGroup = logKey.logGroup('FirehoseLogGroup', firehoseLogGroupName, retention);
    new logs.LogStream(this, 'FirehoseLogStream', {
      logGroup: firehoseLogGroup,
      logStreamName: 'S3Delivery',
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // --- Registry: thing type and the device policy scoped by thing name.
    const registry = new DeviceRegistry(this, 'Registry', { name, topicRoot: p.topicRoot });

    // --- Ingest: rule to Kinesis with an S3 error action, Firehose to the archive.
    const ingest = new TelemetryIngest(this, 'Ingest', {
      name,
      topicRoot: p.topicRoot,
      retentionHours: p.retentionHours,
      bufferSeconds: p.bufferSeconds,
      storage,
      firehoseLogGroup,
    });

    // --- Optional: fleet provisioning by claim (the local emulator has no provisioning templates).
    let provisioning: FleetProvisioning | undefined;
    if (p.fleetProvisioning) {
      provisioning = new FleetProvisioning(this, 'Fleet', {
        name,
        thingNamePrefix: p.thingNamePrefix,
        serialNumberPattern: p.serialNumberPattern,
        thingType: registry.thingType,
        devicePolicy: registry.devicePolicy,
        hookLogGroup: logKey.logGroup('HookLogGroup', hookLogGroupName, retention),
      });
    }

    const alarms = new IngestAlarms(this, 'Alarms', {
      ruleName: ingest.rule.ref,
      streamName: ingest.stream.streamName,
      deliveryStreamName: ingest.deliveryStream.ref,
      key: storage.dataKey,
      alertEmail: p.alertEmail,
      bufferSeconds: p.bufferSeconds,
    });

    const out = (id: string, value: string, description: string): void => {
      new CfnOutput(this, id, { value, description });
    };
    out('TelemetryTopicFilter', telemetryTopic(p.topicRoot), 'Topic filter of the telemetry rule; devices publish to dt/<root>/<thing name>/telemetry');
    out('DevicePolicyName', registry.devicePolicy.ref, 'IoT policy to attach to every device certificate');
    out('ThingTypeName', registry.thingType.ref, 'Thing type of the fleet');
    out('TopicRuleName', ingest.rule.ref, 'IoT topic rule from telemetry to the stream');
    out('StreamName', ingest.stream.streamName, 'Kinesis data stream with every device message');
    out('StreamArn', ingest.stream.streamArn, 'ARN of the stream, for consumers');
    out('DeliveryStreamName', ingest.deliveryStream.ref, 'Firehose delivery stream from the stream to the telemetry bucket');
    out('TelemetryBucketName', storage.bucket.bucketName, 'Bucket with telemetry/ (archive), errors/ (failed rule deliveries) and firehose-errors/');
    out('DataKeyArn', storage.dataKey.keyArn, 'KMS key of the stream, the bucket and the alert topic');
    out('AlertTopicArn', alarms.topic.topicArn, 'SNS topic the alarms notify');
    out(
      'ProvisioningTemplateName',
      provisioning ? provisioning.template.ref : 'fleetProvisioning is off',
      'Fleet provisioning template that devices with the claim certificate call',
    );
    out(
      'ClaimPolicyName',
      provisioning ? provisioning.claimPolicy.ref : 'fleetProvisioning is off',
      'IoT policy to attach to the claim certificate',
    );
  }
}
