// What this entry promises, proven on every configuration oar check synthesizes: the default parameters and
// each variant in architecture.yaml. Run: npx oar check bedrock-rag
import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';

type Json = Record<string, unknown>;
interface Found extends Json {
  id: string;
}
type Template = ClaimContext;
type Raw = { Type: string; Properties?: Json; DeletionPolicy?: string };
/** The template's resources by logical id. */
const resourcesOf = (t: Template): Record<string, Raw> => t.json['Resources'] as Record<string, Raw>;

/** Every resource of a type, its properties with its logical id. */
function all(t: Template, type: string): Found[] {
  return Object.entries(resourcesOf(t))
    .filter(([, r]) => r.Type === type)
    .map(([id, r]) => ({ id, ...(r.Properties ?? {}) }));
}
function only(t: Template, type: string): Found {
  const found = all(t, type);
  assert.equal(found.length, 1, `there is not exactly one ${type}`);
  return found[0] as Found;
}
/** The logical id a Ref or Fn::GetAtt points at. */
function target(v: unknown): string | undefined {
  const o = v as { Ref?: string; 'Fn::GetAtt'?: [string, string] } | undefined;
  return o?.Ref ?? o?.['Fn::GetAtt']?.[0];
}
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const flatten = (v: unknown): string => JSON.stringify(v);
function statements(role: Found, t: Template): Json[] {
  return all(t, 'AWS::IAM::Policy')
    .filter((p) => asList(p['Roles']).some((r) => target(r) === role.id))
    .flatMap((p) => (p['PolicyDocument'] as { Statement: Json[] }).Statement);
}
function fnByEnv(t: Template, key: string): Found {
  const fns = all(t, 'AWS::Lambda::Function').filter((f) =>
    Object.keys(((f['Environment'] as Json | undefined)?.['Variables'] as Json | undefined) ?? {}).includes(key),
  );
  assert.equal(fns.length, 1, `there is not exactly one function with ${key}`);
  return fns[0] as Found;
}

export default [
  claim(
    'no-zonal-resources',
    'Nothing in the stack is placed in an Availability Zone: no VPC, subnet, instance or zonal endpoint.',
    (t) => {
      const zonal = Object.values(resourcesOf(t))
        .map((r) => r.Type)
        .filter((type) => type.startsWith('AWS::EC2::') || type.startsWith('AWS::OpenSearchServerless::VpcEndpoint'));
      assert.deepEqual(zonal, [], `zonal resources: ${zonal.join(', ')}`);
      for (const fn of all(t, 'AWS::Lambda::Function')) {
        assert.equal(fn['VpcConfig'], undefined, `${fn.id} runs in a VPC`);
      }
    },
  ),
  claim(
    'encrypted-with-customer-keys',
    'Documents, vectors, the guardrail and every log group are encrypted with customer managed keys that rotate, and the buckets refuse plain HTTP.',
    (t) => {
      const keys = all(t, 'AWS::KMS::Key');
      for (const k of keys) assert.equal(k['EnableKeyRotation'], true, `${k.id} does not rotate`);
      const keyIds = new Set(keys.map((k) => k.id));
      const docs = all(t, 'AWS::S3::Bucket').find((b) => flatten(b).includes('aws:kms'));
      assert.ok(docs, 'no bucket is encrypted with KMS');
      const rule = ((docs['BucketEncryption'] as Json)['ServerSideEncryptionConfiguration'] as Json[])[0] as Json;
      const byDefault = rule['ServerSideEncryptionByDefault'] as Json;
      assert.ok(keyIds.has(target(byDefault['KMSMasterKeyID']) ?? ''), 'the documents are not encrypted with a stack key');
      const vb = only(t, 'AWS::S3Vectors::VectorBucket');
      const enc = vb['EncryptionConfiguration'] as Json;
      assert.equal(enc['SseType'], 'aws:kms', 'the vector bucket is not encrypted with KMS');
      assert.ok(keyIds.has(target(enc['KmsKeyArn']) ?? ''), 'the vectors are not encrypted with a stack key');
      const g = only(t, 'AWS::Bedrock::Guardrail');
      assert.ok(keyIds.has(target(g['KmsKeyArn']) ?? ''), 'the guardrail is not encrypted with a stack key');
      const ds = only(t, 'AWS::Bedrock::DataSource');
      assert.ok(
        keyIds.has(target((ds['ServerSideEncryptionConfiguration'] as Json | undefined)?.['KmsKeyArn']) ?? ''),
        'transient ingestion data is not encrypted with a stack key',
      );
      for (const lg of all(t, 'AWS::Logs::LogGroup')) {
        assert.ok(keyIds.has(target(lg['KmsKeyId']) ?? ''), `${lg.id} is not encrypted with a stack key`);
      }
      for (const bp of all(t, 'AWS::S3::BucketPolicy')) {
        assert.ok(flatten(bp['PolicyDocument']).includes('"aws:SecureTransport":"false"'), `${bp.id} allows plain HTTP`);
      }
      assert.equal(all(t, 'AWS::S3::BucketPolicy').length, all(t, 'AWS::S3::Bucket').length, 'a bucket has no policy');
    },
  ),
  claim(
    'api-fails-fast-and-alarms',
    'The query function turns Bedrock throttling into 429 and other failures into 502 within 60 seconds, and an alarm goes off on any function error.',
    (t) => {
      const fn = fnByEnv(t, 'GUARDRAIL_ID');
      assert.ok(Number(fn['Timeout']) <= 60, 'the function waits more than 60 seconds');
      const code = t.file('lambda/query.js');
      assert.match(code, /ThrottlingException[\s\S]*reply\(429/u, 'throttling does not answer 429');
      assert.match(code, /reply\(502/u, 'other failures do not answer 502');
      assert.match(code, /maxAttempts: 2/u, 'the SDK retries more than once, holding the caller');
      const alarm = all(t, 'AWS::CloudWatch::Alarm').find(
        (a) => a['MetricName'] === 'Errors' && flatten(a['Dimensions']).includes(`{"Ref":"${fn.id}"}`),
      );
      assert.ok(alarm, 'no alarm watches the query function errors');
      assert.equal(alarm['Threshold'], 0, 'the errors alarm waits for more than one error');
    },
  ),
  claim(
    'concurrency-caps-spend',
    'The query function reserves exactly reservedConcurrency executions, which is also its ceiling, and an alarm goes off when questions are throttled.',
    (t) => {
      const fn = fnByEnv(t, 'GUARDRAIL_ID');
      assert.equal(fn['ReservedConcurrentExecutions'], t.parameters['reservedConcurrency'], 'concurrency is not capped');
      const alarm = all(t, 'AWS::CloudWatch::Alarm').find(
        (a) => a['MetricName'] === 'Throttles' && flatten(a['Dimensions']).includes(`{"Ref":"${fn.id}"}`),
      );
      assert.ok(alarm, 'no alarm watches throttled questions');
    },
  ),
  claim(
    'url-needs-iam',
    'The function URL needs a SigV4 signature, and the caller policy allows only lambda:InvokeFunctionUrl on this function with IAM auth.',
    (t) => {
      const fn = fnByEnv(t, 'GUARDRAIL_ID');
      const url = only(t, 'AWS::Lambda::Url');
      assert.equal(url['AuthType'], 'AWS_IAM', 'the function URL is open');
      assert.equal(target(url['TargetFunctionArn']), fn.id, 'the URL fronts another function');
      for (const perm of all(t, 'AWS::Lambda::Permission')) {
        assert.notEqual(perm['FunctionUrlAuthType'], 'NONE', `${perm.id} opens the URL to anyone`);
        assert.notEqual(perm['Principal'], '*', `${perm.id} lets anyone invoke`);
      }
      const policy = only(t, 'AWS::IAM::ManagedPolicy');
      const [s, ...rest] = (policy['PolicyDocument'] as { Statement: Json[] }).Statement;
      assert.equal(rest.length, 0, 'the caller policy has more than one statement');
      assert.ok(s, 'the caller policy has no statement');
      assert.equal(s['Action'], 'lambda:InvokeFunctionUrl', 'the caller policy allows more than the URL');
      assert.equal(target(s['Resource']), fn.id, 'the caller policy reaches another function');
      assert.deepEqual(s['Condition'], { StringEquals: { 'lambda:FunctionUrlAuthType': 'AWS_IAM' } });
    },
  ),
  claim(
    'least-privilege-roles',
    'The query role reaches one knowledge base, one model, one guardrail and its key; the knowledge base role reads only documentsPrefix, invokes only the embedding model and writes only its index; Bedrock may assume it only for this account.',
    (t) => {
      const roles = all(t, 'AWS::IAM::Role');
      for (const role of roles) {
        for (const s of statements(role, t)) {
          assert.notEqual(s['Resource'], '*', `${role.id} has a statement on every resource`);
          for (const a of asList(s['Action'])) assert.ok(!String(a).endsWith(':*'), `${role.id} allows ${String(a)}`);
        }
      }
      const query = roles.find((r) => statements(r, t).some((s) => s['Sid'] === 'RetrieveAndGenerate'));
      assert.ok(query, 'no role calls RetrieveAndGenerate');
      const kb = only(t, 'AWS::Bedrock::KnowledgeBase');
      const gr = only(t, 'AWS::Bedrock::Guardrail');
      const bySid = (r: Found, sid: string) => statements(r, t).find((s) => s['Sid'] === sid);
      assert.equal(target(bySid(query, 'RetrieveAndGenerate')?.['Resource']), kb.id, 'the query role reaches other knowledge bases');
      assert.equal(target(bySid(query, 'Guardrail')?.['Resource']), gr.id, 'the query role reaches other guardrails');
      assert.match(
        flatten(bySid(query, 'GenerationModel')?.['Resource']),
        new RegExp(`foundation-model/${String(t.parameters['generationModelId']).replace(/[.]/gu, '\\.')}"`, 'u'),
        'the query role may invoke other models',
      );
      const kbRole = roles.find((r) => r.id === target(kb['RoleArn']));
      assert.ok(kbRole, 'the knowledge base role is not in the stack');
      assert.match(flatten(bySid(kbRole, 'EmbeddingModel')?.['Resource']), /foundation-model\/amazon\.titan-embed-text-v2:0"/u);
      assert.ok(
        flatten(bySid(kbRole, 'ReadDocuments')?.['Resource']).includes(`/${String(t.parameters['documentsPrefix'])}*`),
        'the knowledge base reads outside documentsPrefix',
      );
      const index = only(t, 'AWS::S3Vectors::Index');
      assert.equal(target(bySid(kbRole, 'VectorIndex')?.['Resource']), index.id, 'the knowledge base writes other indexes');
      const trust = flatten(kbRole['AssumeRolePolicyDocument']);
      assert.ok(trust.includes('aws:SourceAccount') && trust.includes('aws:SourceArn'), 'the trust policy has no confused-deputy condition');
    },
  ),
  claim(
    'guardrail-pinned-and-applied',
    'Every question goes through RetrieveAndGenerate with the stack guardrail at a numbered version, which is republished whenever a guardrail policy changes.',
    (t) => {
      const fn = fnByEnv(t, 'GUARDRAIL_ID');
      const env = (fn['Environment'] as Json)['Variables'] as Json;
      const gr = only(t, 'AWS::Bedrock::Guardrail');
      const version = only(t, 'AWS::Bedrock::GuardrailVersion');
      assert.equal(target(env['GUARDRAIL_ID']), gr.id, 'the function applies another guardrail');
      assert.deepEqual(env['GUARDRAIL_VERSION'], { 'Fn::GetAtt': [version.id, 'Version'] }, 'the function applies DRAFT');
      assert.equal(target(version['GuardrailIdentifier']), gr.id, 'the version belongs to another guardrail');
      assert.match(String(version['Description']), /^policies [0-9a-f]{16}$/u, 'the version does not follow the policies');
      const code = t.file('lambda/query.js');
      assert.match(code, /guardrailConfiguration:\s*\{\s*guardrailId: process\.env\.GUARDRAIL_ID,\s*guardrailVersion: process\.env\.GUARDRAIL_VERSION/u);
      assert.equal((code.match(/new RetrieveAndGenerateCommand/gu) ?? []).length, 1, 'there is a path around the guardrail');
    },
  ),
  claim(
    'guardrail-filters-attacks-and-ungrounded-answers',
    'The guardrail blocks prompt attacks at HIGH, filters hate, insults, sexual content, violence and misconduct at HIGH both ways, blocks answers below groundingThreshold, masks e-mail and phone numbers and blocks AWS keys and card numbers.',
    (t) => {
      const g = only(t, 'AWS::Bedrock::Guardrail');
      const filters = ((g['ContentPolicyConfig'] as Json)['FiltersConfig'] as Json[]).map((f) => [
        f['Type'],
        f['InputStrength'],
        f['OutputStrength'],
      ]);
      for (const type of ['HATE', 'INSULTS', 'SEXUAL', 'VIOLENCE', 'MISCONDUCT']) {
        assert.deepEqual(filters.find((f) => f[0] === type), [type, 'HIGH', 'HIGH'], `${type} is not filtered at HIGH`);
      }
      assert.deepEqual(filters.find((f) => f[0] === 'PROMPT_ATTACK'), ['PROMPT_ATTACK', 'HIGH', 'NONE']);
      const grounding = ((g['ContextualGroundingPolicyConfig'] as Json)['FiltersConfig'] as Json[]).map((f) => [
        f['Type'],
        f['Threshold'],
      ]);
      const threshold = t.parameters['groundingThreshold'];
      assert.deepEqual(grounding.sort(), [['GROUNDING', threshold], ['RELEVANCE', threshold]], 'grounding is not checked');
      const pii = Object.fromEntries(
        ((g['SensitiveInformationPolicyConfig'] as Json)['PiiEntitiesConfig'] as Json[]).map(
          (e) => [String(e['Type']), String(e['Action'])] as const,
        ),
      );
      assert.equal(pii['EMAIL'], 'ANONYMIZE');
      assert.equal(pii['PHONE'], 'ANONYMIZE');
      for (const type of ['AWS_ACCESS_KEY', 'AWS_SECRET_KEY', 'CREDIT_DEBIT_CARD_NUMBER']) {
        assert.equal(pii[type], 'BLOCK', `${type} is not blocked`);
      }
      assert.match(t.file('lambda/query.js'), /data, not instructions/u, 'the prompt does not fence the search results');
    },
  ),
  claim(
    'answers-cite-sources',
    'Each answer returns the S3 URIs of the documents it cites, and the function logs the guardrail verdict but never the question or answer text.',
    (t) => {
      const code = t.file('lambda/query.js');
      assert.match(code, /s3Location\?\.uri/u, 'answers do not carry their sources');
      assert.match(code, /sources: \[\.\.\.sources\]/u, 'the sources are not returned');
      const logged = code.match(/console\.(log|error)\([^\n]*/gu) ?? [];
      assert.ok(logged.length > 0, 'nothing is logged');
      for (const line of logged) assert.ok(!/question|output\?\.text/u.test(line), `a log line carries text: ${line}`);
    },
  ),
  claim(
    'scheduled-sync-alarms-on-failed-ingestion',
    'A schedule runs the sync every syncIntervalMinutes; it starts an ingestion job of the data source unless one runs, fails when the previous job failed or skipped documents, and an alarm goes off; deleted documents leave the index.',
    (t) => {
      const fn = fnByEnv(t, 'DATA_SOURCE_ID');
      const ds = only(t, 'AWS::Bedrock::DataSource');
      const env = (fn['Environment'] as Json)['Variables'] as Json;
      assert.deepEqual(env['DATA_SOURCE_ID'], { 'Fn::GetAtt': [ds.id, 'DataSourceId'] }, 'the sync starts another data source');
      const minutes = Number(t.parameters['syncIntervalMinutes']);
      const rule = only(t, 'AWS::Events::Rule');
      const rate = minutes % 60 === 0 ? `rate(${minutes / 60} hour${minutes === 60 ? '' : 's'})` : `rate(${minutes} minutes)`;
      assert.equal(rule['ScheduleExpression'], rate, 'the schedule does not follow syncIntervalMinutes');
      assert.equal(rule['State'] ?? 'ENABLED', 'ENABLED', 'the schedule is off');
      assert.ok(asList(rule['Targets']).some((x) => target((x as Json)['Arn']) === fn.id), 'the schedule runs another function');
      const code = t.file('lambda/sync.js');
      assert.match(code, /RUNNING\.includes\(last\.status\)[\s\S]*return;/u, 'the sync starts a job while one runs');
      assert.match(code, /last\.status === 'FAILED' \|\| failedDocuments > 0[\s\S]*throw/u, 'a failed job does not fail the sync');
      const alarm = all(t, 'AWS::CloudWatch::Alarm').find(
        (a) => a['MetricName'] === 'Errors' && flatten(a['Dimensions']).includes(`{"Ref":"${fn.id}"}`),
      );
      assert.ok(alarm, 'no alarm watches the sync');
      assert.equal(ds['DataDeletionPolicy'], 'DELETE', 'vectors of deleted documents stay');
      const prefixes = ((ds['DataSourceConfiguration'] as Json)['S3Configuration'] as Json)['InclusionPrefixes'];
      assert.deepEqual(prefixes, [t.parameters['documentsPrefix']], 'the data source ingests more than documentsPrefix');
    },
  ),
  claim(
    'documents-versioned-and-kept',
    'The documents bucket keeps previous versions for logRetentionDays, logs every access, and with retainDocuments outlives the stack with its key.',
    (t) => {
      const [id, docs] = Object.entries(resourcesOf(t)).find(
        ([, r]) => r.Type === 'AWS::S3::Bucket' && flatten(r.Properties).includes('aws:kms'),
      ) ?? ['', undefined];
      assert.ok(docs, 'there is no documents bucket');
      const p = docs.Properties ?? {};
      assert.equal((p['VersioningConfiguration'] as Json)['Status'], 'Enabled', `${id} is not versioned`);
      assert.ok(p['LoggingConfiguration'], `${id} does not log access`);
      const rules = (p['LifecycleConfiguration'] as { Rules: Json[] }).Rules;
      assert.ok(
        rules.some((r) => (r['NoncurrentVersionExpiration'] as Json | undefined)?.['NoncurrentDays'] === t.parameters['logRetentionDays']),
        'previous versions are not kept for logRetentionDays',
      );
      const retain = t.parameters['retainDocuments'] === true;
      assert.equal(docs.DeletionPolicy, retain ? 'Retain' : 'Delete', 'the bucket deletion does not follow retainDocuments');
      const [key] = Object.values(resourcesOf(t)).filter(
        (r) => r.Type === 'AWS::KMS::Key' && flatten(r.Properties).includes('documents'),
      );
      assert.equal(key?.DeletionPolicy, retain ? 'Retain' : 'Delete', 'the data key deletion does not follow retainDocuments');
    },
  ),
];
