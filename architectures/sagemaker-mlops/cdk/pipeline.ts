import { ArnFormat, Aws, Stack, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { PREFIX } from './artifacts.ts';

export interface TrainingPipelineProps {
  readonly bucket: s3.IBucket;
  readonly key: kms.IKey;
  readonly imageUri: string;
  readonly trainingInstanceType: string;
  readonly maxTrainingMinutes: number;
  readonly minAuc: number;
  readonly topic: sns.ITopic;
}

/** A name SageMaker accepts for a pipeline or model package group: letters, digits and single hyphens. */
export function sageMakerName(stackName: string, suffix: string, max: number): string {
  const base = `${stackName}-${suffix}`.replace(/[^A-Za-z0-9-]/gu, '-').replace(/-{2,}/gu, '-').replace(/^-|-$/gu, '');
  return base.length <= max ? base : `${base.slice(0, max - suffix.length - 1).replace(/-$/u, '')}-${suffix}`;
}

/**
 * The build side: a SageMaker pipeline that trains XGBoost on the bucket's data, checks the validation AUC against
 * minAuc, and registers the model in the model package group as PendingManualApproval, or fails. Nothing is served
 * until a person approves a version; the approval (or rejection) is announced on the topic.
 */
export class TrainingPipeline extends Construct {
  readonly pipeline: sagemaker.CfnPipeline;
  readonly group: sagemaker.CfnModelPackageGroup;
  readonly role: iam.Role;
  readonly approvals: events.Rule;

  constructor(scope: Construct, id: string, props: TrainingPipelineProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.group = new sagemaker.CfnModelPackageGroup(this, 'Registry', {
      modelPackageGroupName: sageMakerName(stack.stackName, 'models', 63),
      modelPackageGroupDescription: `Versions trained by the pipeline of ${stack.stackName}`,
    });
    const pipelineName = sageMakerName(stack.stackName, 'train', 256);

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
      }),
      description: 'Runs the pipeline and its training jobs: reads data, writes models, registers versions',
    });
    const arn = (resource: string): string => stack.formatArn({ service: 'sagemaker', resource, resourceName: '*' });
    const statements = [
      new iam.PolicyStatement({ sid: 'ReadData', actions: ['s3:GetObject', 's3:ListBucket'], resources: [props.bucket.bucketArn, props.bucket.arnForObjects('data/*')] }),
      new iam.PolicyStatement({ sid: 'WriteModels', actions: ['s3:PutObject'], resources: [props.bucket.arnForObjects(`${PREFIX.models}*`)] }),
      new iam.PolicyStatement({ sid: 'DataKey', actions: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:CreateGrant'], resources: [props.key.keyArn] }),
      new iam.PolicyStatement({
        sid: 'Training',
        actions: ['sagemaker:CreateTrainingJob', 'sagemaker:DescribeTrainingJob', 'sagemaker:StopTrainingJob', 'sagemaker:AddTags'],
        resources: [arn('training-job')],
      }),
      new iam.PolicyStatement({
        sid: 'Register',
        actions: ['sagemaker:CreateModelPackage', 'sagemaker:DescribeModelPackage', 'sagemaker:AddTags'],
        resources: [this.group.attrModelPackageGroupArn, arn('model-package')],
      }),
      new iam.PolicyStatement({
        sid: 'PassSelf',
        actions: ['iam:PassRole'],
        resources: [this.role.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
      }),
      new iam.PolicyStatement({
        sid: 'TrainingLogs',
        actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: '/aws/sagemaker/TrainingJobs:*', arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
      }),
      // CloudWatch PutMetricData takes no resource; training jobs publish their metrics with it.
      new iam.PolicyStatement({
        sid: 'TrainingMetrics',
        actions: ['cloudwatch:PutMetricData'],
        resources: ['*'],
        conditions: { StringLike: { 'cloudwatch:namespace': '/aws/sagemaker/*' } },
      }),
    ];
    for (const s of statements) this.role.addToPolicy(s);

    const definition = {
      Version: '2020-12-01',
      Parameters: [
        { Name: 'TrainData', Type: 'String', DefaultValue: props.bucket.s3UrlForObject(PREFIX.train) },
        { Name: 'ValidationData', Type: 'String', DefaultValue: props.bucket.s3UrlForObject(PREFIX.validation) },
        { Name: 'MinAuc', Type: 'Float', DefaultValue: props.minAuc },
      ],
      Steps: [
        {
          Name: 'Train',
          Type: 'Training',
          Arguments: {
            AlgorithmSpecification: { TrainingImage: props.imageUri, TrainingInputMode: 'File' },
            HyperParameters: { objective: 'binary:logistic', eval_metric: 'auc', num_round: '100' },
            InputDataConfig: [
              { ChannelName: 'train', ContentType: 'text/csv', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: { Get: 'Parameters.TrainData' } } } },
              { ChannelName: 'validation', ContentType: 'text/csv', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: { Get: 'Parameters.ValidationData' } } } },
            ],
            OutputDataConfig: { S3OutputPath: props.bucket.s3UrlForObject(PREFIX.models.slice(0, -1)), KmsKeyId: props.key.keyArn },
            ResourceConfig: { InstanceType: props.trainingInstanceType, InstanceCount: 1, VolumeSizeInGB: 30, VolumeKmsKeyId: props.key.keyArn },
            StoppingCondition: { MaxRuntimeInSeconds: props.maxTrainingMinutes * 60 },
            EnableNetworkIsolation: true,
            EnableInterContainerTrafficEncryption: true,
            RoleArn: this.role.roleArn,
          },
        },
        {
          Name: 'CheckAuc',
          Type: 'Condition',
          Arguments: {
            Conditions: [
              { Type: 'GreaterThanOrEqualTo', LeftValue: { Get: "Steps.Train.FinalMetricDataList['validation:auc'].Value" }, RightValue: { Get: 'Parameters.MinAuc' } },
            ],
            IfSteps: [
              {
                Name: 'Register',
                Type: 'RegisterModel',
                Arguments: {
                  ModelPackageGroupName: this.group.attrModelPackageGroupArn,
                  ModelApprovalStatus: 'PendingManualApproval',
                  InferenceSpecification: {
                    Containers: [{ Image: props.imageUri, ModelDataUrl: { Get: 'Steps.Train.ModelArtifacts.S3ModelArtifacts' } }],
                    SupportedContentTypes: ['text/csv'],
                    SupportedResponseMIMETypes: ['text/csv'],
                  },
                },
              },
            ],
            ElseSteps: [{ Name: 'AucTooLow', Type: 'Fail', Arguments: { ErrorMessage: 'Validation AUC is below MinAuc; nothing was registered.' } }],
          },
        },
      ],
    };
    this.pipeline = new sagemaker.CfnPipeline(this, 'Pipeline', {
      pipelineName,
      pipelineDescription: 'Train, check validation AUC, register for approval',
      roleArn: this.role.roleArn,
      pipelineDefinition: { PipelineDefinitionBody: stack.toJsonString(definition) },
    });
    // The role's permissions exist before the pipeline can run with it.
    this.pipeline.node.addDependency(this.role.node.findChild('DefaultPolicy'));

    // The approval gate's signal: every approval or rejection in the group reaches the topic.
    this.approvals = new events.Rule(this, 'Approvals', {
      description: 'Model versions approved or rejected in the registry',
      eventPattern: {
        source: ['aws.sagemaker'],
        detailType: ['SageMaker Model Package State Change'],
        detail: {
          ModelPackageGroupName: [this.group.modelPackageGroupName],
          ModelApprovalStatus: ['Approved', 'Rejected'],
        },
      },
      targets: [new targets.SnsTopic(props.topic)],
    });
    Validations.of(this.role).acknowledge(
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'PutMetricData takes no resource; its namespace condition limits it to SageMaker training metrics.' },
      { id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(props.bucket.node.defaultChild as never)}.Arn>/data/*]`, reason: 'Training reads every object under data/, whose keys are the team’s to choose.' },
      { id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(props.bucket.node.defaultChild as never)}.Arn>/models/*]`, reason: 'Each training job writes its artifacts under a key named after the job.' },
      {
        id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:sagemaker:<AWS::Region>:<AWS::AccountId>:training-job/*]',
        reason: 'The pipeline names each training job when it runs; the role may create, describe and stop training jobs of this account only.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:sagemaker:<AWS::Region>:<AWS::AccountId>:model-package/*]',
        reason: 'A model package version ARN is numbered when it is created; CreateModelPackage is also limited to the stack model package group.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/sagemaker/TrainingJobs:*]',
        reason: 'Training jobs write one log stream per job into the SageMaker training log group.',
      },
    );
  }
}
