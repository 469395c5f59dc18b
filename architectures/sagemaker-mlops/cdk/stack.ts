import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { Artifacts, PREFIX } from './artifacts.ts';
import { Serving } from './endpoint.ts';
import type { Parameters } from './parameters.generated.ts';
import { TrainingPipeline } from './pipeline.ts';

export interface EntryStackProps extends StackProps {
  readonly parameters: Parameters;
}

/**
 * MLOps on SageMaker: a pipeline trains, checks and registers model versions for manual approval; with
 * approvedModelPackageArn set, an autoscaled real-time endpoint serves that approved version, captures its traffic
 * for monitoring and rolls back a bad update by itself. Each concern is a construct in its own file.
 */
export default class SageMakerMlopsStack extends Stack {
  constructor(scope: Construct, id: string, props: EntryStackProps) {
    super(scope, id, props);
    const p = props.parameters;

    // --- Key: data, models, captured traffic, volumes and the topic.
    const key = new kms.Key(this, 'DataKey', {
      description: `Encrypts the data, models, captured traffic and notifications of ${this.stackName}`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(7),
      removalPolicy: p.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    key.grantEncryptDecrypt(new iam.ServicePrincipal('events.amazonaws.com'));
    const artifacts = new Artifacts(this, 'Artifacts', { key, retain: p.retainData, retentionDays: p.retentionDays });

    // --- Approvals and alarms are announced here; subscribe the reviewers and the on-call.
    const topic = new sns.Topic(this, 'Topic', { masterKey: key, enforceSSL: true, displayName: `${this.stackName} model approvals and alarms` });

    // --- Build side: pipeline and registry.
    const build = new TrainingPipeline(this, 'Build', {
      bucket: artifacts.bucket,
      key,
      imageUri: p.xgboostImageUri,
      trainingInstanceType: p.trainingInstanceType,
      maxTrainingMinutes: p.maxTrainingMinutes,
      minAuc: p.minAuc,
      topic,
    });

    // --- Serve side: only once a version is approved.
    if (p.approvedModelPackageArn !== '') {
      const serving = new Serving(this, 'Serving', {
        modelPackageArn: p.approvedModelPackageArn,
        bucket: artifacts.bucket,
        key,
        instanceType: p.endpointInstanceType,
        minInstances: p.minInstances,
        maxInstances: p.maxInstances,
        invocationsPerInstance: p.invocationsPerInstance,
        captureSamplingPercentage: p.captureSamplingPercentage,
      });
      for (const alarm of serving.alarms) alarm.addAlarmAction(new cloudwatchActions.SnsAction(topic));
      new CfnOutput(this, 'EndpointName', { value: serving.endpoint.attrEndpointName });
    } else {
      new CfnOutput(this, 'EndpointName', { value: 'none: set approvedModelPackageArn to serve an approved version' });
    }

    // --- Outputs: one CfnOutput per output in architecture.yaml, with the same id.
    new CfnOutput(this, 'PipelineName', { value: build.pipeline.ref });
    new CfnOutput(this, 'ModelPackageGroupName', { value: build.group.modelPackageGroupName });
    new CfnOutput(this, 'ModelPackageGroupArn', { value: build.group.attrModelPackageGroupArn });
    new CfnOutput(this, 'ArtifactsBucketName', { value: artifacts.bucket.bucketName });
    new CfnOutput(this, 'TrainDataUri', { value: artifacts.bucket.s3UrlForObject(PREFIX.train) });
    new CfnOutput(this, 'TopicArn', { value: topic.topicArn });
  }
}
