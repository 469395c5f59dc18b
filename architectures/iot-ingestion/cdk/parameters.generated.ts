// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** Second level of the device topics; devices publish to dt/topicRoot/thing name/telemetry and receive on cmd/topicRoot/thing name/. Default: "fleet". */
  readonly topicRoot: string;
  /** Prefix of the thing names that fleet provisioning gives devices (the prefix, a hyphen and the serial number). Default: "device". */
  readonly thingNamePrefix: string;
  /** Create the provisioning template, its role, the pre-provisioning hook and the claim policy; turn it on in a real account. Default: false. */
  readonly fleetProvisioning: boolean;
  /** Regular expression a serial number must match for the pre-provisioning hook to allow a device. Default: "^[A-Z0-9]{8,16}$". */
  readonly serialNumberPattern: string;
  /** Hours the stream keeps telemetry for consumers that fall behind; beyond 24 hours is billed as extended retention. Default: 24. */
  readonly retentionHours: number;
  /** Seconds Firehose buffers before it writes an archive object (or 64 MB, whichever comes first). Default: 300. */
  readonly bufferSeconds: number;
  /** Days after which archived telemetry moves to S3 Glacier Instant Retrieval; 0 keeps it in S3 Standard. Default: 90. */
  readonly archiveAfterDays: 0 | 30 | 90 | 365;
  /** Email address subscribed to the alert topic (the recipient must confirm); empty creates the topic without a subscription. Default: "". */
  readonly alertEmail: string;
  /** Days an overwritten or deleted object in the telemetry bucket is kept and can be restored. Default: 30. */
  readonly noncurrentVersionDays: number;
  /** Days S3 server access logs are kept. Default: 365. */
  readonly accessLogRetentionDays: number;
  /** Retention of the Firehose and hook log groups in CloudWatch Logs. Default: 30. */
  readonly logRetentionDays: 7 | 14 | 30 | 90 | 180 | 365;
  /** Keep the buckets and the data key when the stack is deleted; false deletes them, but only if the buckets are empty. Default: true. */
  readonly retainData: boolean;
}
