import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';
import { flatten, type Json } from '../../../generators/check/claims/template-queries.ts';

interface Statement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Action?: string | string[];
  readonly NotAction?: string | string[];
  readonly Resource?: unknown;
  readonly Principal?: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

const list = <T>(v: T | T[] | undefined): T[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const csv = (s: unknown): string[] =>
  String(s)
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
const statementsOf = (doc: unknown): Statement[] => list((doc as { Statement?: Statement[] }).Statement);

/** The role Service Catalog assumes: the one whose trust policy names servicecatalog.amazonaws.com. */
function launchRole(t: ClaimContext) {
  const roles = t
    .resources('AWS::IAM::Role')
    .filter((r) => JSON.stringify(r.Properties?.['AssumeRolePolicyDocument']).includes('servicecatalog.amazonaws.com'));
  assert.equal(roles.length, 1, `expected one launch role trusted by Service Catalog, found ${roles.length}`);
  return roles[0] as (typeof roles)[number];
}

/** Every statement of every policy attached to the launch role. */
function launchStatements(t: ClaimContext): Statement[] {
  const role = launchRole(t);
  const attached = [...t.resources('AWS::IAM::Policy'), ...t.resources('AWS::IAM::ManagedPolicy')].filter((p) =>
    list(p.Properties?.['Roles'] as unknown[]).some((r) => (r as { Ref?: string }).Ref === role.id),
  );
  assert.ok(attached.length > 0, 'no policy is attached to the launch role');
  assert.equal(role.Properties?.['ManagedPolicyArns'], undefined, 'the launch role has managed policies attached');
  return attached.flatMap((p) => statementsOf(p.Properties?.['PolicyDocument']));
}

/** Whether an action pattern of a statement (iam:*, iam:Put*, *) matches the action. */
const covers = (pattern: string, action: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/gu, '\\$&').replace(/\*/gu, '.*')}$`, 'iu').test(action);
const grants = (s: Statement, action: string) => s.Effect === 'Allow' && list(s.Action).some((a) => covers(a, action));

/** The logical id of the boundary the launch role's role-creating statement requires. */
function boundaryId(t: ClaimContext): string {
  const create = launchStatements(t).find((s) => grants(s, 'iam:CreateRole'));
  const ref = (create?.Condition?.['StringEquals']?.['iam:PermissionsBoundary'] as { Ref?: string } | undefined)?.Ref;
  assert.ok(ref, 'the statement that lets the launch role create roles does not require a permissions boundary');
  return ref;
}

const IDENTITY_ADMINISTRATION = ['iam', 'sts', 'organizations', 'account', 'sso', 'sso-directory', 'identitystore', 'servicecatalog'];
const PRODUCT_ROLES = /:iam::<\{"Ref":"AWS::AccountId"\}>:role\/SC-<\{"Ref":"AWS::AccountId"\}>-pp-\*$/u;
const PRODUCT_STACKS = /:cloudformation:<\{"Ref":"AWS::Region"\}>:<\{"Ref":"AWS::AccountId"\}>:stack\/SC-<\{"Ref":"AWS::AccountId"\}>-pp-\*\/\*$/u;


/** Inline source as the stacks ship it: blank and comment lines dropped, every line trimmed. */
const inline = (text: string): string =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('//') && !line.startsWith('/*'))
    .join('\n');

const refOf = (v: unknown): string | undefined => {
  const x = v as { Ref?: string; 'Fn::GetAtt'?: [string, string] } | undefined;
  return x?.Ref ?? x?.['Fn::GetAtt']?.[0];
};

/** The one function whose environment has a variable. */
function fnWith(t: ClaimContext, variable: string): { id: string; props: Json } {
  const found = t
    .resources('AWS::Lambda::Function')
    .filter((f) => variable in (((f.Properties?.['Environment'] as Json | undefined)?.['Variables'] ?? {}) as Json));
  assert.equal(found.length, 1, `expected one function with ${variable}, found ${found.length}`);
  const f = found[0] as { id: string; Properties?: Json };
  return { id: f.id, props: f.Properties ?? {} };
}

/** The enabled schedule that invokes a function on an expression. */
function scheduleFor(t: ClaimContext, fnId: string, expression: string): Json {
  const found = t
    .resources('AWS::Scheduler::Schedule')
    .map((r) => r.Properties ?? {})
    .filter((p) => refOf((p['Target'] as Json)['Arn']) === fnId && p['ScheduleExpression'] === expression);
  assert.equal(found.length, 1, `no schedule runs ${fnId} at ${expression}`);
  const schedule = found[0] as Json;
  assert.equal(schedule['State'], 'ENABLED');
  return schedule;
}

/** The statements of the policies attached to a role. */
function roleStatements(t: ClaimContext, roleId: string | undefined): Statement[] {
  return t
    .resources('AWS::IAM::Policy')
    .filter((p) => list(p.Properties?.['Roles'] as unknown[]).some((r) => refOf(r) === roleId))
    .flatMap((p) => statementsOf(p.Properties?.['PolicyDocument']));
}

const roleActions = (t: ClaimContext, roleId: string | undefined): string[] =>
  roleStatements(t, roleId).flatMap((st) => list(st.Action));

export default [
  claim(
    'launch-role-assumed-only-by-service-catalog',
    'Only Service Catalog can assume the launch role, on behalf of this account when it names one',
    (t) => {
      const statements = statementsOf(launchRole(t).Properties?.['AssumeRolePolicyDocument']);
      assert.equal(statements.length, 1, 'the launch role trusts more than one statement');
      const [s] = statements as [Statement];
      assert.deepEqual(s.Principal, { Service: 'servicecatalog.amazonaws.com' }, 'the launch role trusts another principal');
      assert.equal(s.Action, 'sts:AssumeRole');
      assert.deepEqual(
        s.Condition,
        { StringEqualsIfExists: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
        'the trust policy does not check aws:SourceAccount against this account',
      );
      // Grants only: the product role boundary caps roles and grants nothing.
      const grantsOnly = [...t.resources('AWS::IAM::Policy'), ...t.resources('AWS::IAM::ManagedPolicy')].filter((p) => p.id !== boundaryId(t));
      for (const p of grantsOnly) {
        for (const st of statementsOf(p.Properties?.['PolicyDocument'])) {
          if (grants(st, 'sts:AssumeRole')) {
            assert.fail(`${p.id} lets someone assume roles; nothing but Service Catalog may assume the launch role`);
          }
        }
      }
    },
  ),

  claim(
    'product-roles-need-the-boundary',
    'The launch role can create a role, or give one rights, only when the role carries the product role boundary',
    (t) => {
      const boundary = boundaryId(t);
      const adding = ['iam:CreateRole', 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:PutRolePermissionsBoundary'];
      for (const action of adding) {
        const allowing = launchStatements(t).filter((s) => grants(s, action));
        assert.ok(allowing.length > 0, `the launch role cannot ${action} at all, so products with roles cannot launch`);
        for (const s of allowing) {
          assert.deepEqual(
            s.Condition?.['StringEquals']?.['iam:PermissionsBoundary'],
            { Ref: boundary },
            `${s.Sid ?? 'a statement'} allows ${action} without requiring the product role boundary`,
          );
          for (const r of list(s.Resource)) assert.match(flatten(r), PRODUCT_ROLES, `${action} reaches beyond product roles`);
        }
      }
      for (const action of ['iam:DeleteRolePermissionsBoundary', 'iam:CreateUser', 'iam:CreateAccessKey', 'iam:SetDefaultPolicyVersion']) {
        assert.equal(launchStatements(t).filter((s) => grants(s, action)).length, 0, `the launch role may ${action}`);
      }
    },
  ),

  claim(
    'attachable-policies-allow-listed',
    'Product roles can attach only the AWS managed policies in attachablePolicies and the policies products make themselves',
    (t) => {
      const attach = launchStatements(t).filter((s) => grants(s, 'iam:AttachRolePolicy'));
      assert.equal(attach.length, 1, 'expected one statement that lets the launch role attach policies');
      const allowed = list(attach[0]?.Condition?.['ArnLike']?.['iam:PolicyARN'] as unknown[]).map(flatten);
      const expected = [
        ...csv(t.parameters['attachablePolicies']).map((name) => `arn:<{"Ref":"AWS::Partition"}>:iam::aws:policy/${name}`),
        'arn:<{"Ref":"AWS::Partition"}>:iam::<{"Ref":"AWS::AccountId"}>:policy/SC-<{"Ref":"AWS::AccountId"}>-pp-*',
      ];
      assert.deepEqual(allowed, expected, 'the iam:PolicyARN allow-list is not attachablePolicies plus the products\' own policies');
    },
  ),

  claim(
    'boundary-leaves-out-identity-administration',
    'The product role boundary leaves out IAM, STS, organization, account, Identity Center and Service Catalog administration',
    (t) => {
      const [boundary] = t.resources('AWS::IAM::ManagedPolicy').filter((p) => p.id === boundaryId(t));
      assert.ok(boundary, 'the boundary the launch role requires is not a managed policy of this stack');
      const statements = statementsOf(boundary.Properties?.['PolicyDocument']);
      for (const s of statements) {
        assert.equal(s.Effect, 'Allow', 'the boundary has a statement other than Allow');
        if (s.NotAction !== undefined) {
          assert.deepEqual(
            [...list(s.NotAction)].sort(),
            IDENTITY_ADMINISTRATION.map((p) => `${p}:*`).sort(),
            'the boundary\'s NotAction statement does not leave out exactly identity and catalogue administration',
          );
          continue;
        }
        for (const action of list(s.Action)) {
          assert.ok(['iam:GetRole', 'iam:PassRole', 'sts:AssumeRole'].includes(action), `the boundary allows ${action}`);
        }
        for (const r of list(s.Resource)) assert.match(flatten(r), PRODUCT_ROLES, 'the boundary passes or assumes roles beyond product roles');
      }
      assert.ok(statements.some((s) => s.NotAction !== undefined), 'the boundary has no statement for the services products use');
    },
  ),

  claim(
    'services-only-through-cloudformation',
    'The launch role can use the services in launchRoleServices only through CloudFormation',
    (t) => {
      const services = csv(t.parameters['launchRoleServices']);
      const statements = launchStatements(t);
      const broad = statements.filter((s) => list(s.Action).some((a) => /^[a-z0-9-]+:\*$/u.test(a)));
      assert.deepEqual(
        broad.flatMap((s) => list(s.Action)),
        services.map((s) => `${s}:*`),
        'the services granted in full are not exactly launchRoleServices',
      );
      for (const s of broad) {
        assert.deepEqual(
          s.Condition,
          { 'ForAnyValue:StringEquals': { 'aws:CalledVia': ['cloudformation.amazonaws.com'] } },
          `${s.Sid ?? 'a statement'} grants services without requiring aws:CalledVia cloudformation.amazonaws.com`,
        );
      }
    },
  ),

  claim(
    'launch-role-reads-only-bootstrap-and-public-parameters',
    'Unless ssm is added to launchRoleServices, the launch role reads only the CDK bootstrap version and AWS public parameters',
    { variants: ['default', 'teams-and-products'] },
    (t) => {
      assert.ok(!csv(t.parameters['launchRoleServices']).includes('ssm'), 'this configuration adds ssm, which the claim excludes');
      const reading = launchStatements(t).filter((s) =>
        ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath', 'ssm:GetParameterHistory'].some((a) => grants(s, a)),
      );
      assert.ok(reading.length > 0, 'the launch role cannot read the CDK bootstrap version, so no product can launch');
      for (const s of reading) {
        for (const r of list(s.Resource).map(flatten)) {
          assert.ok(
            /:parameter\/cdk-bootstrap\/\*$/u.test(r) || /:ssm:<\{"Ref":"AWS::Region"\}>::parameter\/aws\/service\/\*$/u.test(r),
            `the launch role reads parameters at ${r}`,
          );
        }
      }
    },
  ),

  claim(
    'template-copies-read-by-tag-only',
    'Outside CloudFormation, the launch role reads only the template bucket and the template copies Service Catalog tags',
    (t) => {
      const throughCloudFormation = { 'ForAnyValue:StringEquals': { 'aws:CalledVia': ['cloudformation.amazonaws.com'] } };
      for (const s of launchStatements(t).filter((x) => grants(x, 's3:GetObject'))) {
        if (JSON.stringify(s.Condition) === JSON.stringify(throughCloudFormation)) continue;
        const anywhere = list(s.Resource).some((r) => r === '*' || /arn:[^:]*:s3:::\*/u.test(flatten(r)));
        if (!anywhere) {
          for (const r of list(s.Resource)) assert.match(flatten(r), /^<\{"Fn::GetAtt":\["TemplateBucket/u, 'the launch role reads another bucket');
          continue;
        }
        assert.deepEqual(
          s.Condition,
          { StringEquals: { 's3:ExistingObjectTag/servicecatalog:provisioning': 'true' } },
          `${s.Sid ?? 'a statement'} reads any object without the servicecatalog:provisioning tag condition`,
        );
      }
    },
  ),

  claim(
    'cloudformation-writes-only-product-stacks',
    'The launch role creates, changes and deletes only the stacks Service Catalog makes for provisioned products',
    (t) => {
      for (const action of ['cloudformation:CreateStack', 'cloudformation:UpdateStack', 'cloudformation:DeleteStack', 'cloudformation:ExecuteChangeSet']) {
        const allowing = launchStatements(t).filter((s) => grants(s, action));
        assert.ok(allowing.length > 0, `the launch role cannot ${action}`);
        for (const s of allowing) for (const r of list(s.Resource)) assert.match(flatten(r), PRODUCT_STACKS, `${action} reaches beyond SC- stacks`);
      }
    },
  ),

  claim(
    'engineers-hold-end-user-rights-only',
    'Engineers get Service Catalog end-user rights at engineerAccessLevel and read-only stack access, and no IAM rights',
    (t) => {
      const role = launchRole(t);
      // The engineer policy allows provisioning; the fork's over-budget policy only denies it.
      const engineer = t
        .resources('AWS::IAM::ManagedPolicy')
        .filter((p) => statementsOf(p.Properties?.['PolicyDocument']).some((st) => st.Effect === 'Allow' && list(st.Action).includes('servicecatalog:ProvisionProduct')));
      assert.equal(engineer.length, 1, 'expected one engineer policy');
      const statements = statementsOf(engineer[0]?.Properties?.['PolicyDocument']);
      const actions = statements.flatMap((s) => list(s.Action));
      assert.deepEqual(
        actions.filter((a) => !a.startsWith('servicecatalog:')),
        ['cloudformation:DescribeStacks', 'cloudformation:DescribeStackEvents', 'cloudformation:ListStackResources'],
        'engineers get rights beyond Service Catalog and reading stacks',
      );
      assert.ok(!actions.some((a) => a.includes('*')), 'the engineer policy grants a wildcard action');
      assert.ok(!JSON.stringify(statements).includes(role.id), 'the engineer policy names the launch role');
      const manage = statements.find((s) => list(s.Action).includes('servicecatalog:TerminateProvisionedProduct'));
      assert.deepEqual(
        manage?.Condition,
        { StringEquals: { [`servicecatalog:${String(t.parameters['engineerAccessLevel'])}Level`]: 'self' } },
        'updating and terminating provisioned products is not limited to engineerAccessLevel',
      );
    },
  ),

  claim(
    'principal-types-match-their-arns',
    'An engineer ARN with an account id becomes an IAM association without wildcards, one without becomes an IAM_PATTERN',
    { variants: ['teams-and-products'] },
    (t) => {
      const associations = t.resources('AWS::ServiceCatalog::PortfolioPrincipalAssociation');
      assert.equal(associations.length, csv(t.parameters['engineerPrincipalArns']).length, 'not one association per engineer ARN');
      for (const a of associations) {
        const arn = String(a.Properties?.['PrincipalARN']);
        const type = a.Properties?.['PrincipalType'];
        if (/:iam::\d{12}:/u.test(arn)) {
          assert.equal(type, 'IAM', `${arn} has an account id but is not an IAM association`);
          assert.doesNotMatch(arn, /[*?]/u, `${arn} is an IAM association with a wildcard, which Service Catalog refuses`);
        } else {
          assert.match(arn, /:iam:::/u, `${arn} is neither a full ARN nor an account-less pattern`);
          assert.equal(type, 'IAM_PATTERN', `${arn} has no account id but is not an IAM_PATTERN association`);
        }
      }
      assert.ok(associations.some((a) => a.Properties?.['PrincipalType'] === 'IAM_PATTERN'), 'the variant has no pattern to check');
    },
  ),

  claim(
    'every-product-is-constrained',
    'Every product launches with the launch role, reports every stack event to the topic and follows allowTagUpdates',
    { variants: ['teams-and-products', 'with-ssm'] },
    (t) => {
      const role = launchRole(t).id;
      const products = t.resources('AWS::ServiceCatalog::CloudFormationProduct');
      assert.ok(products.length > 0, 'the variant has no product to check');
      const topic = t.resources('AWS::SNS::Topic')[0]?.id;
      const tagUpdates = t.parameters['allowTagUpdates'] === true ? 'ALLOWED' : 'NOT_ALLOWED';
      const onProduct = (type: string, id: string) =>
        t.resources(type).filter((c) => (c.Properties?.['ProductId'] as { Ref?: string }).Ref === id);
      for (const p of products) {
        const launch = onProduct('AWS::ServiceCatalog::LaunchRoleConstraint', p.id);
        assert.equal(launch.length, 1, `${p.id} has no launch constraint`);
        assert.deepEqual(launch[0]?.Properties?.['RoleArn'], { 'Fn::GetAtt': [role, 'Arn'] }, `${p.id} launches with another role`);
        const notify = onProduct('AWS::ServiceCatalog::LaunchNotificationConstraint', p.id);
        assert.deepEqual(notify[0]?.Properties?.['NotificationArns'], [{ Ref: topic }], `${p.id} does not report to the topic`);
        const update = onProduct('AWS::ServiceCatalog::ResourceUpdateConstraint', p.id);
        assert.equal(update[0]?.Properties?.['TagUpdateOnProvisionedProduct'], tagUpdates, `${p.id} does not follow allowTagUpdates`);
        for (const policy of ['LaunchRolePolicy', 'LaunchRoleDefaultPolicy']) {
          assert.ok(
            (p as { DependsOn?: string[] }).DependsOn?.some((d) => d.startsWith(policy)),
            `${p.id} does not wait for ${policy}, so its launch constraint can fail validation`,
          );
        }
      }
    },
  ),

  claim(
    'versions-kept-side-by-side',
    'Each products item is its own product version, loaded from the template bucket and validated, and old versions are kept',
    { variants: ['teams-and-products', 'with-ssm'] },
    (t) => {
      const items = csv(t.parameters['products']);
      const versions = t
        .resources('AWS::ServiceCatalog::CloudFormationProduct')
        .flatMap((p) => {
          assert.notEqual(p.Properties?.['ReplaceProvisioningArtifacts'], true, `${p.id} replaces its versions on update`);
          return list(p.Properties?.['ProvisioningArtifactParameters'] as Json[]);
        });
      assert.equal(versions.length, items.length, 'not one product version per products item');
      for (const v of versions) {
        assert.equal(v['DisableTemplateValidation'], false, `version ${String(v['Name'])} skips template validation`);
        const url = flatten((v['Info'] as Json)['LoadTemplateFromURL']);
        assert.match(url, /^https:\/\/<\{"Fn::GetAtt":\["TemplateBucket[0-9A-F]+","RegionalDomainName"\]\}>\//u, `version ${String(v['Name'])} loads from elsewhere`);
      }
    },
  ),

  claim(
    'tags-chosen-from-fixed-lists',
    'Every environment gets oar:env, team, cost-centre and expires-after tags from the lists in the parameters',
    (t) => {
      const options = t.resources('AWS::ServiceCatalog::TagOption').map((o) => `${String(o.Properties?.['Key'])}=${String(o.Properties?.['Value'])}`);
      const expected = [
        ...csv(t.parameters['environments']).map((v) => `oar:env=${v}`),
        ...csv(t.parameters['teams']).map((v) => `team=${v}`),
        ...csv(t.parameters['costCentres']).map((v) => `cost-centre=${v}`),
        ...csv(t.parameters['lifetimes']).map((v) => `expires-after=${v}`),
        ...t.resources('AWS::ServiceCatalog::CloudFormationProduct').map((p) => `oar:entry=${String(p.Properties?.['Name'])}`),
      ];
      assert.deepEqual([...options].sort(), [...expected].sort(), 'the tag options are not the parameters\' lists');
      const portfolio = t.resources('AWS::ServiceCatalog::Portfolio')[0]?.id;
      const onPortfolio = t
        .resources('AWS::ServiceCatalog::TagOptionAssociation')
        .filter((a) => (a.Properties?.['ResourceId'] as { Ref?: string }).Ref === portfolio);
      assert.equal(onPortfolio.length, expected.filter((o) => !o.startsWith('oar:entry=')).length, 'not every tag option is on the portfolio');
    },
  ),

  claim(
    'template-bucket-versioned-and-private',
    'The template bucket is private, TLS-only and versioned, keeps old versions for a year, and is retained if retainTemplates',
    (t) => {
      const [bucket] = t.resources('AWS::S3::Bucket');
      assert.ok(bucket, 'no template bucket');
      const props: Json = bucket.Properties ?? {};
      assert.deepEqual(props['VersioningConfiguration'], { Status: 'Enabled' }, 'the bucket is not versioned');
      const block = (props['PublicAccessBlockConfiguration'] ?? {}) as Json;
      for (const k of ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets']) assert.equal(block[k], true, `${k} is off`);
      const rules = list(((props['LifecycleConfiguration'] ?? {}) as Json)['Rules'] as Json[] | undefined);
      assert.ok(rules.some((r) => (r['NoncurrentVersionExpiration'] as Json | undefined)?.['NoncurrentDays'] === 365), 'old versions are not kept for a year');
      assert.equal(bucket.DeletionPolicy, t.parameters['retainTemplates'] === true ? 'Retain' : 'Delete', 'the deletion policy does not follow retainTemplates');
      const policy = t.resources('AWS::S3::BucketPolicy')[0];
      assert.ok(
        statementsOf(policy?.Properties?.['PolicyDocument']).some(
          (s) => s.Effect === 'Deny' && JSON.stringify(s.Condition) === '{"Bool":{"aws:SecureTransport":"false"}}',
        ),
        'the bucket does not refuse requests without TLS',
      );
    },
  ),

  claim(
    'events-topic-encrypted-for-this-account',
    'The events topic is encrypted with a rotating key, and CloudFormation may use both only for this account',
    (t) => {
      const [key] = t.resources('AWS::KMS::Key');
      assert.ok(key, 'no KMS key');
      const keyProps: Json = key.Properties ?? {};
      assert.equal(keyProps['EnableKeyRotation'], true, 'the key does not rotate');
      const [topic] = t.resources('AWS::SNS::Topic');
      assert.deepEqual(topic?.Properties?.['KmsMasterKeyId'], { 'Fn::GetAtt': [key.id, 'Arn'] }, 'the topic is not encrypted with the key');
      const fromCloudFormation = (doc: unknown) =>
        statementsOf(doc).filter((s) => JSON.stringify(s.Principal) === '{"Service":"cloudformation.amazonaws.com"}');
      const topicPolicies = t.resources('AWS::SNS::TopicPolicy');
      assert.equal(topicPolicies.length, 1, 'expected one topic policy');
      const policies = [keyProps['KeyPolicy'], ...topicPolicies.map((p) => p.Properties?.['PolicyDocument'])];
      for (const doc of policies) {
        const statements = fromCloudFormation(doc);
        assert.ok(statements.length > 0, 'CloudFormation may not publish encrypted stack events');
        for (const s of statements) {
          assert.deepEqual(s.Condition, { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } }, 'CloudFormation of any account may use it');
        }
      }
    },
  ),

  claim(
    'expired-environments-are-terminated',
    'Every day at 06:00 in scheduleTimezone, EventBridge Scheduler runs the reaper, which terminates provisioned products past their expires-after tag plus reaperGraceDays and announces them on the events topic first; its role may only search and terminate provisioned products and publish there.',
    (t) => {
      const fn = fnWith(t, 'GRACE_DAYS');
      const env = ((fn.props['Environment'] as Json)['Variables'] ?? {}) as Json;
      assert.equal(env['GRACE_DAYS'], String(t.parameters['reaperGraceDays']));
      assert.equal(refOf(env['TOPIC_ARN']), t.only('AWS::SNS::Topic').id);
      const code = String((fn.props['Code'] as Json)['ZipFile']);
      assert.equal(code, inline(t.file('lambda/reaper.js')), 'the reaper does not run lambda/reaper.js as shipped');
      assert.match(code, /TerminateProvisionedProductCommand/u);
      assert.match(code, /now >= expires \+ GRACE/u);
      const schedule = scheduleFor(t, fn.id, 'cron(0 6 * * ? *)');
      assert.equal(schedule['ScheduleExpressionTimezone'], t.parameters['scheduleTimezone']);
      const actions = roleActions(t, refOf(fn.props['Role']));
      for (const a of ['servicecatalog:SearchProvisionedProducts', 'servicecatalog:TerminateProvisionedProduct', 'sns:Publish']) {
        assert.ok(actions.includes(a), `the reaper may not ${a}`);
      }
      assert.ok(!actions.some((a) => a.startsWith('cloudformation:') || a.startsWith('iam:')), 'the reaper may change stacks or IAM itself');
    },
  ),
  claim(
    'office-hours-instances-stop-and-start',
    'Monday to Friday, EventBridge Scheduler stops the instances tagged schedule=office-hours at officeHoursEnd and starts them at officeHoursStart; the scheduler function may stop and start only instances with that tag, and skips Auto Scaling group members.',
    (t) => {
      const fn = fnWith(t, 'TAG_KEY');
      const env = ((fn.props['Environment'] as Json)['Variables'] ?? {}) as Json;
      assert.deepEqual([env['TAG_KEY'], env['TAG_VALUE']], ['schedule', 'office-hours']);
      const code = String((fn.props['Code'] as Json)['ZipFile']);
      assert.equal(code, inline(t.file('lambda/scheduler.js')), 'the scheduler does not run lambda/scheduler.js as shipped');
      assert.match(code, /aws:autoscaling:groupName/u);
      const stop = scheduleFor(t, fn.id, `cron(0 ${String(t.parameters['officeHoursEnd'])} ? * MON-FRI *)`);
      const start = scheduleFor(t, fn.id, `cron(0 ${String(t.parameters['officeHoursStart'])} ? * MON-FRI *)`);
      assert.equal((stop['Target'] as Json)['Input'], JSON.stringify({ action: 'stop' }));
      assert.equal((start['Target'] as Json)['Input'], JSON.stringify({ action: 'start' }));
      const statements = roleStatements(t, refOf(fn.props['Role']));
      const stopStart = statements.find((st) => list(st.Action).includes('ec2:StopInstances'));
      assert.deepEqual(list(stopStart?.Action).sort(), ['ec2:StartInstances', 'ec2:StopInstances']);
      assert.deepEqual(stopStart?.Condition, { StringEquals: { 'aws:ResourceTag/schedule': 'office-hours' } });
    },
  ),
  claim(
    'budget-warns-before-the-limit',
    "A monthly cost budget of monthlyBudgetUsd alerts the events topic when the forecast passes 80 percent and when actual cost passes 100 percent; the topic's policy and key let AWS Budgets of this account publish.",
    (t) => {
      const budget = t.only('AWS::Budgets::Budget').Properties ?? {};
      const b = budget['Budget'] as Json;
      assert.equal(b['BudgetType'], 'COST');
      assert.equal(b['TimeUnit'], 'MONTHLY');
      assert.deepEqual(b['BudgetLimit'], { Amount: t.parameters['monthlyBudgetUsd'], Unit: 'USD' });
      const topic = t.only('AWS::SNS::Topic').id;
      const alerts = (budget['NotificationsWithSubscribers'] as Json[]).map((n) => {
        const note = n['Notification'] as Json;
        const subs = n['Subscribers'] as Json[];
        assert.deepEqual(subs.map((x) => [x['SubscriptionType'], refOf(x['Address'])]), [['SNS', topic]]);
        return [note['NotificationType'], note['Threshold'], note['ThresholdType']];
      });
      assert.deepEqual(alerts, [
        ['FORECASTED', 80, 'PERCENTAGE'],
        ['ACTUAL', 100, 'PERCENTAGE'],
      ]);
      const topicPolicy = statementsOf(t.only('AWS::SNS::TopicPolicy').Properties?.['PolicyDocument']);
      assert.ok(topicPolicy.some((st) => st.Effect === 'Allow' && flatten(st.Principal).includes('budgets.amazonaws.com')));
    },
  ),
  claim(
    'budget-action-stops-new-environments',
    'With budgetAction, once actual cost passes 100 percent of the budget, AWS Budgets attaches a policy denying ProvisionProduct and UpdateProvisionedProduct to the engineer roles, through an execution role that may attach and detach only that policy on only those roles.',
    { variants: ['budget-action'] },
    (t) => {
      const action = t.only('AWS::Budgets::BudgetsAction').Properties ?? {};
      assert.equal(refOf(action['BudgetName']), t.only('AWS::Budgets::Budget').id);
      assert.equal(action['NotificationType'], 'ACTUAL');
      assert.deepEqual(action['ActionThreshold'], { Type: 'PERCENTAGE', Value: 100 });
      assert.equal(action['ActionType'], 'APPLY_IAM_POLICY');
      assert.equal(action['ApprovalModel'], t.parameters['budgetAction']);
      const definition = (action['Definition'] as Json)['IamActionDefinition'] as Json;
      assert.deepEqual(definition['Roles'], ['Engineers']);
      const deny = t.resources('AWS::IAM::ManagedPolicy').find((p) => p.id === refOf(definition['PolicyArn']));
      const statements = statementsOf(deny?.Properties?.['PolicyDocument']);
      assert.deepEqual(
        statements.map((st) => [st.Effect, list(st.Action)]),
        [['Deny', ['servicecatalog:ProvisionProduct', 'servicecatalog:UpdateProvisionedProduct']]],
      );
      const execution = roleStatements(t, refOf(action['ExecutionRoleArn']));
      assert.deepEqual(execution.map((st) => list(st.Action)), [['iam:AttachRolePolicy', 'iam:DetachRolePolicy']]);
      assert.deepEqual(execution[0]?.Condition, { ArnEquals: { 'iam:PolicyARN': { Ref: deny?.id } } });
    },
  ),
];
