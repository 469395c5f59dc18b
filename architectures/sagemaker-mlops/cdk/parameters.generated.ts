// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** SageMaker XGBoost image for training and hosting, in this Region. Default: "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1". */
  readonly xgboostImageUri: string;
  /** Instance type of the training job. Default: "ml.m5.large". */
  readonly trainingInstanceType: string;
  /** Longest a training job may run before SageMaker stops it. Default: 60. */
  readonly maxTrainingMinutes: number;
  /** Validation AUC a trained model must reach to be registered for approval. Default: 0.8. */
  readonly minAuc: number;
  /** ARN of an approved model package version to serve; empty creates no endpoint. Default: "". */
  readonly approvedModelPackageArn: string;
  /** Instance type of the endpoint. Default: "ml.m5.large". */
  readonly endpointInstanceType: string;
  /** Fewest endpoint instances; 2 or more spreads them over Availability Zones. Default: 2. */
  readonly minInstances: number;
  /** Most endpoint instances autoscaling may run. Default: 4. */
  readonly maxInstances: number;
  /** Target invocations per instance per minute for autoscaling; measure the model's capacity with a load test first. Default: 500. */
  readonly invocationsPerInstance: number;
  /** Percentage of requests and responses the endpoint captures for monitoring. Default: 20. */
  readonly captureSamplingPercentage: number;
  /** Keep the bucket and the key when the stack is deleted; false deletes them, for throwaway environments. Default: true. */
  readonly retainData: boolean;
  /** Days captured traffic, noncurrent object versions and access logs are kept. Default: 90. */
  readonly retentionDays: number;
}
