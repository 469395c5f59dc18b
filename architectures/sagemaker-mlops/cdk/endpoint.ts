import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { Construct } from 'constructs';
import { PREFIX } from './artifacts.ts';

export interface ServingProps {
  readonly modelPackageArn: string;
  readonly bucket: s3.IBucket;
  readonly key: kms.IKey;
  readonly instanceType: string;
  readonly minInstances: number;
  readonly maxInstances: number;
  readonly invocationsPerInstance: number;
  readonly captureSamplingPercentage: number;
}

export const VARIANT = 'AllTraffic';

/**
 * The serve side: a real-time endpoint for one approved model package version, with data capture of requests and
 * responses into the bucket, target-tracking autoscaling on invocations per instance, and blue/green updates that
 * roll back on their own when the error alarm goes off while the new fleet bakes.
 */
export class Serving extends Construct {
  readonly endpoint: sagemaker.CfnEndpoint;
  readonly config: sagemaker.CfnEndpointConfig;
  readonly model: sagemaker.CfnModel;
  readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: ServingProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com'),
      description: 'Hosts the approved model: reads its artifacts, writes captured traffic',
    });
    role.addToPolicy(new iam.PolicyStatement({ sid: 'ReadModels', actions: ['s3:GetObject'], resources: [props.bucket.arnForObjects(`${PREFIX.models}*`)] }));
    role.addToPolicy(new iam.PolicyStatement({ sid: 'DataKey', actions: ['kms:Decrypt'], resources: [props.key.keyArn] }));
    role.addToPolicy(
      new iam.PolicyStatement({ sid: 'ModelPackage', actions: ['sagemaker:DescribeModelPackage'], resources: [props.modelPackageArn] }),
    );
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(props.bucket.node.defaultChild as never)}.Arn>/models/*]`,
      reason: 'The approved version names its artifact under models/ by training job; the endpoint reads nothing else.',
    });
    this.model = new sagemaker.CfnModel(this, 'Model', {
      executionRoleArn: role.roleArn,
      primaryContainer: { modelPackageName: props.modelPackageArn },
      enableNetworkIsolation: true,
    });
    this.model.node.addDependency(role);
    this.config = new sagemaker.CfnEndpointConfig(this, 'Config', {
      kmsKeyId: props.key.keyArn,
      productionVariants: [
        {
          variantName: VARIANT,
          modelName: this.model.attrModelName,
          instanceType: props.instanceType,
          initialInstanceCount: props.minInstances,
          initialVariantWeight: 1,
        },
      ],
      dataCaptureConfig: {
        enableCapture: true,
        initialSamplingPercentage: props.captureSamplingPercentage,
        destinationS3Uri: props.bucket.s3UrlForObject(PREFIX.capture.slice(0, -1)),
        kmsKeyId: props.key.keyArn,
        captureOptions: [{ captureMode: 'Input' }, { captureMode: 'Output' }],
        captureContentTypeHeader: { csvContentTypes: ['text/csv'] },
      },
    });
    const errors = new cloudwatch.Alarm(this, 'ErrorsAlarm', {
      metric: new cloudwatch.Metric({
        namespace: 'AWS/SageMaker',
        metricName: 'Invocation5XXErrors',
        dimensionsMap: { EndpointName: `${stack.stackName}-endpoint`, VariantName: VARIANT },
        statistic: 'Sum',
        period: Duration.minutes(1),
      }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: 'The model container answered 5xx; during a deployment this rolls the endpoint back.',
    });
    this.endpoint = new sagemaker.CfnEndpoint(this, 'Endpoint', {
      endpointName: `${stack.stackName}-endpoint`,
      endpointConfigName: this.config.attrEndpointConfigName,
      deploymentConfig: {
        blueGreenUpdatePolicy: {
          trafficRoutingConfiguration: { type: 'ALL_AT_ONCE', waitIntervalInSeconds: 300 },
          terminationWaitInSeconds: 300,
          maximumExecutionTimeoutInSeconds: 3600,
        },
        autoRollbackConfiguration: { alarms: [{ alarmName: errors.alarmName }] },
      },
    });
    const target = new appscaling.ScalableTarget(this, 'Scaling', {
      serviceNamespace: appscaling.ServiceNamespace.SAGEMAKER,
      resourceId: `endpoint/${this.endpoint.attrEndpointName}/variant/${VARIANT}`,
      scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      minCapacity: props.minInstances,
      maxCapacity: props.maxInstances,
    });
    target.node.addDependency(this.endpoint);
    target.scaleToTrackMetric('InvocationsPerInstance', {
      predefinedMetric: appscaling.PredefinedMetric.SAGEMAKER_VARIANT_INVOCATIONS_PER_INSTANCE,
      targetValue: props.invocationsPerInstance,
      scaleInCooldown: Duration.minutes(5),
      scaleOutCooldown: Duration.minutes(1),
    });
    this.alarms = [errors];
  }
}
