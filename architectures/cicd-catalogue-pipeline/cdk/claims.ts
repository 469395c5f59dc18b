// What architecture.yaml promises about this stack, checked against every configuration oar check synthesizes.
import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';
import { flatten, type Json, type Resource, propsOf as props, refTarget as target } from '../../../generators/check/claims/template-queries.ts';
import { CHECK_COMMANDS } from './buildspecs.ts';
import { deploymentPlan } from './stack.ts';

interface Stage {
  readonly Name: string;
  readonly Actions: { ActionTypeId: Json; Configuration: Json; Name: string }[];
}
const stagesOf = (t: ClaimContext): Stage[] => props(t.only('AWS::CodePipeline::Pipeline'))['Stages'] as Stage[];

/** The CodeBuild project a pipeline action runs. */
function projectOf(t: ClaimContext, stage: Stage | undefined): Resource & { id: string } {
  const id = target(stage?.Actions[0]?.Configuration['ProjectName']);
  const project = t.resources('AWS::CodeBuild::Project').find((p) => p.id === id);
  assert.ok(project, `stage ${String(stage?.Name)} does not run a CodeBuild project of this stack`);
  return project;
}

const buildCommands = (project: Resource): string[] => {
  const spec = JSON.parse(String((props(project)['Source'] as Json)['BuildSpec'])) as {
    phases: { build: { commands: string[] } };
  };
  return spec.phases.build.commands;
};

/** Every Allow statement of the IAM policies attached to a role. */
function statementsOf(t: ClaimContext, roleId: string | undefined): Json[] {
  return t
    .resources('AWS::IAM::Policy')
    .filter((p) => ((props(p)['Roles'] ?? []) as unknown[]).some((r) => target(r) === roleId))
    .flatMap((p) => (props(p)['PolicyDocument'] as { Statement: Json[] }).Statement)
    .filter((s) => s['Effect'] === 'Allow');
}

const actionsOf = (s: Json): string[] => (Array.isArray(s['Action']) ? (s['Action'] as string[]) : [String(s['Action'])]);
const resourcesOf = (s: Json): string[] => (Array.isArray(s['Resource']) ? s['Resource'] : [s['Resource']]).map(flatten);

export default [
  claim(
    'environments-in-order',
    'The pipeline validates and checks the entry before any deploy, then deploys each of environments in order, each after the one before succeeded, with an approval stage before each of approvalEnvironments.',
    (t) => {
      const plan = deploymentPlan(String(t.parameters['environments']), String(t.parameters['approvalEnvironments']));
      const stages = stagesOf(t);
      assert.deepEqual(
        stages.map((s) => s.Name),
        ['Source', 'Check', ...plan.flatMap(({ env, approval }) => [...(approval ? [`Approve-${env}`] : []), `Deploy-${env}`])],
        'the stages are not source, check, then approval and deploy per environment in order',
      );
      assert.deepEqual(buildCommands(projectOf(t, stages[1])), [...CHECK_COMMANDS], 'the check stage does not run oar validate and oar check');
      for (const { env } of plan) {
        const stage = stages.find((s) => s.Name === `Deploy-${env}`);
        const variables = JSON.parse(String(stage?.Actions[0]?.Configuration['EnvironmentVariables'])) as Json[];
        assert.deepEqual(variables, [{ name: 'OAR_ENV', type: 'PLAINTEXT', value: env }], `Deploy-${env} does not deploy ${env}`);
        assert.match(buildCommands(projectOf(t, stage)).join('\n'), /npx oar deploy "\$OAR_ENTRY" --env "\$OAR_ENV"/u, `Deploy-${env} does not run oar deploy`);
        const approval = stages.find((s) => s.Name === `Approve-${env}`);
        if (approval) assert.equal(approval.Actions[0]?.ActionTypeId['Category'], 'Approval', `Approve-${env} is not a manual approval`);
      }
      const pipeline = props(t.only('AWS::CodePipeline::Pipeline'));
      assert.equal(pipeline['PipelineType'], 'V2', 'the pipeline is not V2');
      assert.equal(pipeline['ExecutionMode'], 'SUPERSEDED', 'a pending approval may be for an older version than the newest');
    },
  ),
  claim(
    'failed-executions-alert',
    'Every failed execution of the pipeline sends a message to the alert topic.',
    (t) => {
      const pipeline = t.only('AWS::CodePipeline::Pipeline');
      const topic = t.only('AWS::SNS::Topic');
      const rule = t
        .resources('AWS::Events::Rule')
        .map(props)
        .find((r) => JSON.stringify(r['EventPattern']).includes('CodePipeline Pipeline Execution State Change'));
      assert.ok(rule, 'no rule watches the pipeline executions');
      const detail = (rule['EventPattern'] as Json)['detail'] as Json;
      assert.deepEqual(detail['state'], ['FAILED'], 'the rule does not match failed executions');
      assert.deepEqual((detail['pipeline'] as unknown[]).map(target), [pipeline.id], 'the rule does not watch this pipeline');
      assert.deepEqual((rule['Targets'] as Json[]).map((x) => target(x['Arn'])), [topic.id], 'failed executions do not reach the topic');
    },
  ),
  claim(
    'deploy-role-borrows-bootstrap-roles',
    'The deploy project may only assume the deploy, file-publishing and lookup roles of the cdkQualifier bootstrap and read the bootstrap stack; no role of this stack can change infrastructure itself.',
    (t) => {
      const qualifier = String(t.parameters['cdkQualifier']);
      const stages = stagesOf(t);
      const deploy = projectOf(t, stages.find((s) => s.Name.startsWith('Deploy-')));
      const role = target(props(deploy)['ServiceRole']);
      const assume = statementsOf(t, role).filter((s) => actionsOf(s).includes('sts:AssumeRole'));
      assert.equal(assume.length, 1, 'the deploy role assumes roles in more than one statement');
      const roles = resourcesOf(assume[0] ?? {}).map((r) => r.replace(/^.*:role\//u, '').replace(/-<.*$/u, ''));
      assert.deepEqual(
        roles.sort(),
        ['deploy', 'file-publishing', 'lookup'].map((k) => `cdk-${qualifier}-${k}-role`).sort(),
        'the deploy role may assume other roles than the three bootstrap roles of cdkQualifier',
      );
      for (const r of resourcesOf(assume[0] ?? {})) assert.ok(!r.includes('*'), `the deploy role may assume ${r}`);
      const policies = [...t.resources('AWS::IAM::Policy'), ...t.resources('AWS::IAM::ManagedPolicy')];
      const actions = policies.flatMap((p) => (props(p)['PolicyDocument'] as { Statement: Json[] }).Statement).flatMap(actionsOf);
      for (const a of actions) {
        assert.doesNotMatch(a, /^\*$|^iam:|^cloudformation:(Create|Update|Delete|Execute)|^[a-z0-9-]+:\*$/u, `a role of this stack may ${a}`);
      }
      assert.deepEqual(
        [...new Set(actions.filter((a) => a.startsWith('cloudformation:')))].sort(),
        ['cloudformation:DescribeStacks', 'cloudformation:GetTemplate'],
        'a role of this stack may do more with CloudFormation than read the bootstrap stack',
      );
      for (const r of t.resources('AWS::IAM::Role'))
        assert.equal(props(r)['ManagedPolicyArns'], undefined, `${r.id} has managed policies attached`);
      const check = projectOf(t, stages[1]);
      const checkActions = statementsOf(t, target(props(check)['ServiceRole'])).flatMap(actionsOf);
      for (const a of checkActions) assert.doesNotMatch(a, /^(sts|cloudformation|ssm|iam):/u, `the check project may ${a}`);
    },
  ),
  claim(
    'only-approvers-approve',
    'The approver policy allows approving exactly the approval actions of this pipeline and nothing else that changes it.',
    (t) => {
      const plan = deploymentPlan(String(t.parameters['environments']), String(t.parameters['approvalEnvironments']));
      const statements = (props(t.only('AWS::IAM::ManagedPolicy'))['PolicyDocument'] as { Statement: Json[] }).Statement;
      const approve = statements.filter((s) => actionsOf(s).includes('codepipeline:PutApprovalResult'));
      const expected = plan.filter((p) => p.approval).map((p) => `/Approve-${p.env}/Approve`);
      if (expected.length === 0) {
        assert.deepEqual(approve, [], 'approvals can be given although no environment needs one');
      } else {
        assert.equal(approve.length, 1, 'approvals are granted in more than one statement');
        assert.deepEqual(
          resourcesOf(approve[0] ?? {}).map((r) => r.replace(/^.*>/u, '')),
          expected,
          'the approver policy does not name exactly the approval actions',
        );
      }
      for (const a of statements.flatMap(actionsOf))
        assert.match(a, /^codepipeline:(Get|List|PutApprovalResult)/u, `the approver policy allows ${a}`);
    },
  ),
  claim(
    'one-source',
    'With connectionArn the pipeline reads only branch of repository and starts on pushes to it; without, it reads only source.zip of its own versioned bucket.',
    (t) => {
      const source = stagesOf(t)[0]?.Actions[0];
      assert.ok(source, 'the pipeline has no source action');
      const pipeline = props(t.only('AWS::CodePipeline::Pipeline'));
      if (t.parameters['connectionArn'] !== '') {
        assert.equal(source.ActionTypeId['Provider'], 'CodeStarSourceConnection', 'the source is not the connection');
        assert.deepEqual(
          [source.Configuration['ConnectionArn'], source.Configuration['FullRepositoryId'], source.Configuration['BranchName']],
          [t.parameters['connectionArn'], t.parameters['repository'], t.parameters['branch']],
          'the source is not branch of repository through connectionArn',
        );
        const pushes = (pipeline['Triggers'] as Json[]).flatMap((x) => (x['GitConfiguration'] as Json)['Push'] as Json[]);
        assert.ok(pushes.length > 0, 'no push trigger starts the pipeline');
        for (const push of pushes)
          assert.deepEqual(push['Branches'], { Includes: [t.parameters['branch']] }, 'pushes to other branches start the pipeline');
        return;
      }
      assert.equal(source.ActionTypeId['Provider'], 'S3', 'the source is not S3');
      assert.equal(source.Configuration['S3ObjectKey'], 'source.zip', 'the source is not source.zip');
      const bucket = t.resources('AWS::S3::Bucket').find((b) => b.id === target(source.Configuration['S3Bucket']));
      assert.deepEqual(props(bucket)['VersioningConfiguration'], { Status: 'Enabled' }, 'the source bucket is not versioned');
      assert.equal(pipeline['Triggers'], undefined, 'the pipeline has Git triggers without a connection');
    },
  ),
  claim(
    'no-stored-credentials',
    'The stack stores no credentials: no IAM users or access keys, no tokens or secrets; GitHub is reached through a connection and builds get temporary role credentials.',
    (t) => {
      for (const type of ['AWS::IAM::User', 'AWS::IAM::AccessKey', 'AWS::SecretsManager::Secret', 'AWS::CodeBuild::SourceCredential'])
        assert.deepEqual(t.resources(type), [], `the stack creates ${type}`);
      const text = JSON.stringify(t.resources('AWS::CodePipeline::Pipeline'));
      assert.doesNotMatch(text, /OAuthToken|"Provider":"GitHub"/u, 'the pipeline uses a GitHub token');
      for (const p of t.resources('AWS::CodeBuild::Project')) {
        const variables = ((props(p)['Environment'] as Json)['EnvironmentVariables'] ?? []) as Json[];
        for (const v of variables) assert.equal(v['Type'], 'PLAINTEXT', `${p.id} reads a secret from ${String(v['Type'])}`);
      }
    },
  ),
  claim(
    'no-zonal-resources',
    'Nothing in the stack is tied to a zone: the builds run outside any VPC, and there are no network resources to fail with a zone.',
    (t) => {
      for (const p of t.resources('AWS::CodeBuild::Project')) assert.equal(props(p)['VpcConfig'], undefined, `${p.id} runs in a VPC`);
      const zonal = Object.values(t.json['Resources'] as Record<string, Resource>).filter((r) => r.Type.startsWith('AWS::EC2::'));
      assert.deepEqual(zonal, [], 'the stack has network resources');
    },
  ),
  claim(
    'kept-on-delete',
    'With retainOnDelete, deleting the stack keeps the key, the buckets and the build log groups; without it, they are deleted.',
    (t) => {
      const policy = t.parameters['retainOnDelete'] === true ? 'Retain' : 'Delete';
      const kept = ['AWS::KMS::Key', 'AWS::S3::Bucket', 'AWS::Logs::LogGroup'].flatMap((type) => t.resources(type));
      assert.ok(kept.length >= 5, 'the key, buckets or log groups are missing');
      for (const r of kept) {
        assert.equal(r.DeletionPolicy, policy, `${r.id} has DeletionPolicy ${String(r.DeletionPolicy)}, not ${policy}`);
        assert.equal(r.UpdateReplacePolicy, policy, `${r.id} has UpdateReplacePolicy ${String(r.UpdateReplacePolicy)}, not ${policy}`);
      }
    },
  ),
];
