import {
  ArnFormat,
  Aws,
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  Validations,
  type CfnResource,
  type StackProps,
} from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct, IConstruct } from 'constructs';
import { checkBuildSpec, deployBuildSpec } from './buildspecs.ts';
import { PipelineStorage, SOURCE_OBJECT_KEY } from './storage.ts';
import type { Parameters } from './parameters.generated.ts';

export interface CicdCataloguePipelineStackProps extends StackProps {
  readonly parameters: Parameters;
}

const COMPUTE: Readonly<Record<string, codebuild.ComputeType>> = {
  SMALL: codebuild.ComputeType.SMALL,
  MEDIUM: codebuild.ComputeType.MEDIUM,
  LARGE: codebuild.ComputeType.LARGE,
};

/** The log retention choices that the logRetentionDays parameter offers. */
const RETENTION: Readonly<Record<number, logs.RetentionDays>> = {
  30: logs.RetentionDays.ONE_MONTH,
  90: logs.RetentionDays.THREE_MONTHS,
  180: logs.RetentionDays.SIX_MONTHS,
  365: logs.RetentionDays.ONE_YEAR,
  731: logs.RetentionDays.TWO_YEARS,
};

/** Acknowledges each listed cdk-nag AwsSolutions-IAM5 finding on one construct and its children. */
function acknowledgeWildcards(construct: IConstruct, findings: readonly (readonly [string, string])[]): void {
  for (const [finding, reason] of findings) {
    Validations.of(construct).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
  }
}

/** Splits a comma-separated parameter into its non-empty items. */
export function listOf(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The ordered environments and which of them wait for a manual approval; throws on inconsistent lists. */
export function deploymentPlan(
  environments: string,
  approvalEnvironments: string,
): { env: string; approval: boolean }[] {
  const envs = listOf(environments);
  const approvals = listOf(approvalEnvironments);
  if (envs.length === 0) throw new Error('environments is empty; name at least one, e.g. staging,prod');
  const dup = envs.find((e, i) => envs.indexOf(e) !== i);
  if (dup !== undefined) throw new Error(`environments names ${dup} twice`);
  const stray = approvals.find((a) => !envs.includes(a));
  if (stray !== undefined) {
    throw new Error(`approvalEnvironments names ${stray}, which is not in environments (${envs.join(',')})`);
  }
  return envs.map((env) => ({ env, approval: approvals.includes(env) }));
}

/** The CDK bootstrap roles of this account and Region that a deploy may assume (no image publishing). */
export function bootstrapRoleArns(qualifier: string): string[] {
  return ['deploy', 'file-publishing', 'lookup'].map(
    (kind) =>
      `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/cdk-${qualifier}-${kind}-role-${Aws.ACCOUNT_ID}-${Aws.REGION}`,
  );
}

/**
 * A CodePipeline (V2) that deploys one catalogue entry to a list of environments in order:
 * source (GitHub through CodeConnections, or a zip in S3), a CodeBuild check (npm ci, oar validate,
 * oar check), then per environment an optional manual approval and a CodeBuild deploy with
 * oar deploy, which works through the CDK bootstrap roles instead of holding broad rights itself.
 */
export default class CicdCataloguePipelineStack extends Stack {
  constructor(scope: Construct, id: string, props: CicdCataloguePipelineStackProps) {
    super(scope, id, props);
    const p = props.parameters;
    const stackName = Stack.of(this).stackName;
    const plan = deploymentPlan(p.environments, p.approvalEnvironments);
    const github = p.connectionArn !== '';
    const removalPolicy = p.retainOnDelete ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const compute = COMPUTE[p.computeType];
    if (compute === undefined) throw new Error(`computeType ${p.computeType} is not one of SMALL, MEDIUM, LARGE`);
    const retention = RETENTION[p.logRetentionDays];
    if (retention === undefined) {
      throw new Error(`logRetentionDays ${p.logRetentionDays} is not one of ${Object.keys(RETENTION).join(', ')}`);
    }

    // --- Key, buckets and build logs.
    const checkLogGroupName = `/oar/${stackName}/check`;
    const deployLogGroupName = `/oar/${stackName}/deploy`;
    const storage = new PipelineStorage(this, 'Storage', {
      stackName,
      logGroupNames: [checkLogGroupName, deployLogGroupName],
      artifactRetentionDays: p.artifactRetentionDays,
      withSourceBucket: !github,
      removalPolicy,
    });
    const { key } = storage;
    const logGroup = (id: string, name: string) =>
      new logs.LogGroup(this, id, { logGroupName: name, encryptionKey: key, retention, removalPolicy });
    const checkLogs = logGroup('CheckLogs', checkLogGroupName);
    const deployLogs = logGroup('DeployLogs', deployLogGroupName);

    // --- Alerts: failed executions and pending approvals, to a topic encrypted with the pipeline key.
    const topicName = `${stackName}-alerts`;
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowEventBridgeToPublishAlerts',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        conditions: {
          StringEquals: {
            'kms:EncryptionContext:aws:sns:topicArn': `arn:${Aws.PARTITION}:sns:${Aws.REGION}:${Aws.ACCOUNT_ID}:${topicName}`,
          },
        },
      }),
    );
    const alerts = new sns.Topic(this, 'AlertTopic', {
      topicName,
      displayName: `Pipeline ${stackName}`,
      masterKey: key,
      enforceSSL: true,
    });
    if (p.alertEmail !== '') alerts.addSubscription(new subscriptions.EmailSubscription(p.alertEmail));

    // --- Source: GitHub through a CodeConnections connection, or source.zip in the source bucket.
    const source = new codepipeline.Artifact('Source');
    let sourceAction: codepipeline.IAction;
    let sourceLocation: string;
    /** What an approver sees: the commit (GitHub) or the object version (S3) about to be deployed. */
    let revision: string;
    let revisionLink: string | undefined;
    if (github) {
      const [owner = '', repo = ''] = p.repository.split('/');
      const action = new actions.CodeStarConnectionsSourceAction({
        actionName: 'GitHub',
        connectionArn: p.connectionArn,
        owner,
        repo,
        branch: p.branch,
        output: source,
        variablesNamespace: 'SourceVariables',
        // A full clone, so that oar deploy can tag each stack with the commit it came from.
        codeBuildCloneOutput: true,
        // Started by the trigger below, which also filters on file paths.
        triggerOnPush: false,
      });
      sourceAction = action;
      sourceLocation = `https://github.com/${p.repository}/tree/${p.branch}`;
      revision = `commit ${action.variables.commitId}`;
      revisionLink = `https://github.com/${p.repository}/commit/${action.variables.commitId}`;
    } else {
      const bucket = storage.sourceBucket;
      if (bucket === undefined) throw new Error('the source bucket is missing');
      const action = new actions.S3SourceAction({
        actionName: 'S3',
        bucket,
        bucketKey: SOURCE_OBJECT_KEY,
        output: source,
        variablesNamespace: 'SourceVariables',
        // Started by the EventBridge rule below on every new version of the object.
        trigger: actions.S3Trigger.NONE,
      });
      sourceAction = action;
      sourceLocation = `s3://${bucket.bucketName}/${SOURCE_OBJECT_KEY}`;
      revision = `${SOURCE_OBJECT_KEY} version ${action.variables.versionId}`;
    }

    // --- Two CodeBuild projects: one checks, one deploys. Both run the Node.js 24 image given as a parameter.
    const project = (id: string, name: string, buildSpec: codebuild.BuildSpec, logGroup: logs.LogGroup) => {
      const proj = new codebuild.PipelineProject(this, id, {
        projectName: name,
        description: `${name}: ${id === 'CheckProject' ? 'oar validate and oar check' : 'oar deploy'} of ${p.entryId}`,
        buildSpec,
        environment: {
          buildImage: codebuild.LinuxBuildImage.fromDockerRegistry(p.buildImage),
          computeType: compute,
          privileged: false,
        },
        environmentVariables: { OAR_ENTRY: { value: p.entryId } },
        encryptionKey: key,
        timeout: Duration.minutes(p.buildTimeoutMinutes),
        queuedTimeout: Duration.hours(1),
        cache: codebuild.Cache.bucket(storage.artifactsBucket, { prefix: `codebuild-cache/${id}` }),
        logging: { cloudWatch: { logGroup } },
      });
      Validations.of(proj).acknowledge({
        id: 'AwsSolutions-CB5',
        reason:
          'The catalogue tooling needs Node.js 24; the default image is the official Node.js image on Amazon ECR Public. Pin it by digest (buildImage=…@sha256:…) for reproducible builds.',
      });
      return proj;
    };
    const check = project('CheckProject', `${stackName}-check`, checkBuildSpec(), checkLogs);
    const deploy = project('DeployProject', `${stackName}-deploy`, deployBuildSpec(), deployLogs);

    // The deploy project may only assume the CDK bootstrap roles and read the bootstrap stack and version;
    // CloudFormation does the deploying, with the bootstrap execution role.
    deploy.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'AssumeCdkBootstrapRoles',
        actions: ['sts:AssumeRole'],
        resources: bootstrapRoleArns(p.cdkQualifier),
      }),
    );
    deploy.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'ReadBootstrapStack',
        actions: ['cloudformation:DescribeStacks', 'cloudformation:GetTemplate'],
        resources: [
          this.formatArn({
            service: 'cloudformation',
            resource: 'stack',
            resourceName: 'CDKToolkit/*',
            arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
          }),
        ],
      }),
    );
    deploy.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'ReadBootstrapVersion',
        actions: ['ssm:GetParameter'],
        resources: [
          this.formatArn({
            service: 'ssm',
            resource: 'parameter',
            resourceName: `cdk-bootstrap/${p.cdkQualifier}/version`,
          }),
        ],
      }),
    );
    if (github) {
      // The full clone runs inside CodeBuild through the connection (both IAM prefixes of CodeConnections).
      for (const proj of [check, deploy]) {
        proj.addToRolePolicy(
          new iam.PolicyStatement({
            sid: 'CloneThroughTheConnection',
            actions: ['codestar-connections:UseConnection', 'codeconnections:UseConnection'],
            resources: [p.connectionArn],
          }),
        );
      }
    }

    // --- The pipeline.
    const pipeline = new codepipeline.Pipeline(this, 'Pipeline', {
      pipelineName: stackName,
      pipelineType: codepipeline.PipelineType.V2,
      // One execution per stage; one waiting to enter a stage is replaced by a newer one.
      executionMode: codepipeline.ExecutionMode.SUPERSEDED,
      artifactBucket: storage.artifactsBucket,
      restartExecutionOnUpdate: false,
    });
    pipeline.addStage({ stageName: 'Source', actions: [sourceAction] });
    pipeline.addStage({
      stageName: 'Check',
      actions: [new actions.CodeBuildAction({ actionName: 'ValidateAndCheck', project: check, input: source })],
    });
    plan.forEach(({ env, approval }, i) => {
      if (approval) {
        const before = plan.slice(0, i).map((s) => s.env);
        pipeline.addStage({
          stageName: `Approve-${env}`,
          actions: [
            new actions.ManualApprovalAction({
              actionName: 'Approve',
              notificationTopic: alerts,
              additionalInformation:
                `Deploy ${p.entryId} (${revision}) to ${env}?` +
                (before.length > 0 ? ` It is already deployed to ${before.join(', ')}.` : ''),
              ...(revisionLink !== undefined && { externalEntityLink: revisionLink }),
            }),
          ],
        });
      }
      pipeline.addStage({
        stageName: `Deploy-${env}`,
        actions: [
          new actions.CodeBuildAction({
            actionName: 'OarDeploy',
            project: deploy,
            input: source,
            environmentVariables: { OAR_ENV: { value: env } },
          }),
        ],
      });
    });
    if (github) {
      // Pushes to the branch that touch the entry, its deploy parameters or the shared tooling.
      pipeline.addTrigger({
        providerType: codepipeline.ProviderType.CODE_STAR_SOURCE_CONNECTION,
        gitConfiguration: {
          sourceAction,
          pushFilter: [
            {
              branchesIncludes: [p.branch],
              filePathsIncludes: [
                `architectures/${p.entryId}/**`,
                `deploy/${p.entryId}/**`,
                'package.json',
                'package-lock.json',
                'lib/**',
                'generators/**',
                'scripts/**',
                'schema/**',
              ],
            },
          ],
        },
      });
      pipeline.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'UseTheConnection',
          actions: ['codeconnections:UseConnection'],
          resources: [p.connectionArn],
        }),
      );
    } else if (storage.sourceBucket) {
      new events.Rule(this, 'SourceUploadedRule', {
        description: `New ${SOURCE_OBJECT_KEY} in the source bucket starts ${stackName}`,
        eventPattern: {
          source: ['aws.s3'],
          detailType: ['Object Created'],
          detail: { bucket: { name: [storage.sourceBucket.bucketName] }, object: { key: [SOURCE_OBJECT_KEY] } },
        },
        targets: [new targets.CodePipeline(pipeline)],
      });
    }

    new events.Rule(this, 'PipelineFailedRule', {
      description: `An execution of ${stackName} failed`,
      eventPattern: {
        source: ['aws.codepipeline'],
        detailType: ['CodePipeline Pipeline Execution State Change'],
        detail: { pipeline: [pipeline.pipelineName], state: ['FAILED'] },
      },
      targets: [
        new targets.SnsTopic(alerts, {
          message: events.RuleTargetInput.fromText(
            `Pipeline ${events.EventField.fromPath('$.detail.pipeline')} execution ${events.EventField.fromPath('$.detail.execution-id')} failed in ${events.EventField.fromPath('$.region')}.`,
          ),
        }),
      ],
    });

    // --- Who may approve: a managed policy to attach to release managers.
    const approvalActionArns = plan
      .filter((s) => s.approval)
      .map((s) => `${pipeline.pipelineArn}/Approve-${s.env}/Approve`);
    const approverPolicy = new iam.ManagedPolicy(this, 'ApproverPolicy', {
      description: `Approve or reject deployments of ${p.entryId} in pipeline ${stackName}`,
      statements: [
        new iam.PolicyStatement({
          sid: 'SeeThePipeline',
          actions: [
            'codepipeline:GetPipeline',
            'codepipeline:GetPipelineState',
            'codepipeline:GetPipelineExecution',
            'codepipeline:ListPipelineExecutions',
            'codepipeline:ListActionExecutions',
          ],
          resources: [pipeline.pipelineArn],
        }),
        ...(approvalActionArns.length > 0
          ? [
              new iam.PolicyStatement({
                sid: 'ApproveOrReject',
                actions: ['codepipeline:PutApprovalResult'],
                resources: approvalActionArns,
              }),
            ]
          : []),
      ],
    });

    // --- cdk-nag: the wildcards in the grants CDK writes for pipelines and projects, each bounded.
    const logicalId = (c: IConstruct) => Stack.of(this).getLogicalId(c.node.defaultChild as CfnResource);
    const artifacts = `<${logicalId(storage.artifactsBucket)}.Arn>`;
    const storageGrants: [string, string][] = [
      ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map(
        (action): [string, string] => [
          `Action::${action}`,
          "CDK's standard artifact grant: object reads, listing, deletes and multipart clean-up, confined to this pipeline's artifacts bucket (and, for the S3 source, the one source object).",
        ],
      ),
      [
        `Resource::${artifacts}/*`,
        'CodePipeline and CodeBuild choose the keys of artifacts and build caches, so the grant covers the objects of this one artifacts bucket.',
      ],
      ...['kms:ReEncrypt*', 'kms:GenerateDataKey*'].map((action): [string, string] => [
        `Action::${action}`,
        "CDK's standard encrypt and decrypt grant, limited to the one pipeline key; the wildcard covers the variants of those operations on that key.",
      ]),
    ];
    acknowledgeWildcards(pipeline, storageGrants);
    for (const proj of [check, deploy]) {
      const id = logicalId(proj);
      acknowledgeWildcards(proj, [
        ...storageGrants,
        [
          `Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/codebuild/<${id}>:*`,
          'CDK grants every project its default log group /aws/codebuild/<project>; builds log to the KMS-encrypted log group of this stack instead, so this grant is unused and reaches nothing else.',
        ],
        [
          `Resource::arn:<AWS::Partition>:codebuild:<AWS::Region>:<AWS::AccountId>:report-group/<${id}>-*`,
          'CDK grants every project the test report groups named after it; these builds create no reports, so this grant is unused and reaches nothing else.',
        ],
      ]);
    }
    acknowledgeWildcards(deploy, [
      [
        'Resource::arn:<AWS::Partition>:cloudformation:<AWS::Region>:<AWS::AccountId>:stack/CDKToolkit/*',
        'Stack ARNs end in a generated id; read-only DescribeStacks and GetTemplate on the CDKToolkit bootstrap stack of this account and Region, which oar deploy checks before every deploy.',
      ],
    ]);

    // --- Outputs.
    const out = (id: string, value: string, description: string) => new CfnOutput(this, id, { value, description });
    out('PipelineName', pipeline.pipelineName, 'Name of the pipeline.');
    out(
      'PipelineConsoleUrl',
      `https://${Aws.REGION}.console.aws.amazon.com/codesuite/codepipeline/pipelines/${pipeline.pipelineName}/view`,
      'The pipeline in the AWS console.',
    );
    out('SourceLocation', sourceLocation, 'Where the pipeline takes the catalogue from.');
    out('ArtifactsBucketName', storage.artifactsBucket.bucketName, 'Bucket of pipeline artifacts and build caches.');
    out('CheckProjectName', check.projectName, 'CodeBuild project that validates and checks the entry.');
    out('DeployProjectName', deploy.projectName, 'CodeBuild project that runs oar deploy.');
    out(
      'DeployRoleArn',
      deploy.role?.roleArn ?? 'none',
      'Role of the deploy project; it assumes the CDK bootstrap roles.',
    );
    out('CheckLogGroupName', checkLogs.logGroupName, 'Log group of the check builds.');
    out('DeployLogGroupName', deployLogs.logGroupName, 'Log group of the deploy builds.');
    out('AlertTopicArn', alerts.topicArn, 'SNS topic of failed executions and pending approvals.');
    out('ApproverPolicyArn', approverPolicy.managedPolicyArn, 'Managed policy to attach to release managers.');
    out('PipelineKeyArn', key.keyArn, 'KMS key of artifacts, logs and alerts.');
  }
}
