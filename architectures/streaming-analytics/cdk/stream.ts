import { Duration, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export interface EventStreamProps {
  readonly streamName: string;
  readonly mode: 'ON_DEMAND' | 'PROVISIONED';
  /** Shards of a provisioned stream; ignored on demand. */
  readonly shardCount: number;
  readonly retentionHours: number;
  readonly key: kms.IKey;
}

/**
 * The Kinesis data stream producers write to, encrypted with the data key, and the managed policy a
 * producer role attaches: it may put records into this stream and nothing else, and read nothing back.
 */
export class EventStream extends Construct {
  readonly stream: kinesis.Stream;
  readonly producerPolicy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: EventStreamProps) {
    super(scope, id);
    const onDemand = props.mode === 'ON_DEMAND';
    this.stream = new kinesis.Stream(this, 'Stream', {
      streamName: props.streamName,
      streamMode: onDemand ? kinesis.StreamMode.ON_DEMAND : kinesis.StreamMode.PROVISIONED,
      ...(onDemand ? {} : { shardCount: props.shardCount }),
      retentionPeriod: Duration.hours(props.retentionHours),
      encryption: kinesis.StreamEncryption.KMS,
      encryptionKey: props.key,
    });
    Validations.of(this.stream).acknowledge({
      id: 'AwsSolutions-KDS3',
      reason:
        'The stream uses the customer managed data key instead of aws/kinesis on purpose: one key with rotation and a policy this stack controls encrypts every copy of the data, and revoking it revokes all of them.',
    });

    this.producerPolicy = new iam.ManagedPolicy(this, 'ProducerPolicy', {
      description: `Put records into the stream ${props.streamName}; attach to producer roles`,
      statements: [
        new iam.PolicyStatement({
          sid: 'PutRecords',
          actions: ['kinesis:PutRecord', 'kinesis:PutRecords', 'kinesis:DescribeStreamSummary', 'kinesis:ListShards'],
          resources: [this.stream.streamArn],
        }),
        new iam.PolicyStatement({
          sid: 'EncryptRecords',
          actions: ['kms:GenerateDataKey'],
          resources: [props.key.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `kinesis.${this.stream.env.region}.amazonaws.com` } },
        }),
      ],
    });
  }
}
