// What architecture.yaml promises about this stack, checked against every configuration oar check synthesizes,
// and, for the rebuild of whole days, against the ETL script that the job runs.
import assert from 'node:assert/strict';
import { claim, type ClaimContext } from '../../../generators/check/claims/claim.ts';
import { flatten, type Json, type Resource, propsOf as props, refTarget as target } from '../../../generators/check/claims/template-queries.ts';

/** The bucket whose logical id starts with Storage<name>. */
function bucket(t: ClaimContext, name: string): Resource & { id: string } {
  const found = t.resources('AWS::S3::Bucket').find((b) => b.id.startsWith(`Storage${name}`));
  assert.ok(found, `there is no ${name}`);
  return found;
}

const list = (value: unknown): string[] =>
  String(value)
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');

const statementsOf = (policy: Resource | undefined): Json[] =>
  ((props(policy)['PolicyDocument'] as { Statement: Json[] } | undefined)?.Statement ?? []).filter(
    (s) => s['Effect'] === 'Allow',
  );
const actionsOf = (s: Json): string[] => (Array.isArray(s['Action']) ? (s['Action'] as string[]) : [String(s['Action'])]);
const resourcesOf = (s: Json): string[] => (Array.isArray(s['Resource']) ? s['Resource'] : [s['Resource']]).map(flatten);

/** The managed policy whose description starts with the given words. */
function managedPolicy(t: ClaimContext, start: string): Resource & { id: string } {
  const found = t.resources('AWS::IAM::ManagedPolicy').find((p) => String(props(p)['Description']).startsWith(start));
  assert.ok(found, `there is no managed policy "${start} …"`);
  return found;
}

/** The lines of the ETL script's main(), without comments. */
const mainOf = (t: ClaimContext): string[] => {
  const script = t.file('glue/raw_to_curated.py');
  const start = script.indexOf('\ndef main():');
  assert.ok(start >= 0, 'the ETL script has no main()');
  return script
    .slice(start)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
};

export default [
  claim(
    'rebuilds-whole-days',
    'The job rebuilds every day that got new raw files from all raw files of that day, replacing that day in the curated table, and commits its bookmark only after writing, so a failed or repeated run never loses or duplicates rows.',
    (t) => {
      const job = props(t.only('AWS::Glue::Job'));
      const args = job['DefaultArguments'] as Json;
      assert.equal(args['--job-bookmark-option'], 'job-bookmark-enable', 'the job has no bookmark, so it cannot find new raw files');
      assert.deepEqual(job['ExecutionProperty'], { MaxConcurrentRuns: 1 }, 'two runs could rewrite the same day at once');
      assert.equal(job['MaxRetries'], 0, 'Glue retries a failed run on its own');
      const lines = mainOf(t);
      const at = (pattern: RegExp, what: string): number => {
        const i = lines.findIndex((l) => pattern.test(l));
        assert.ok(i >= 0, `the ETL script does not ${what}`);
        return i;
      };
      const fullRead = at(/push_down_predicate=predicate/u, 'read every raw file of the affected days');
      const write = at(/overwritePartitions\(\)/u, 'replace the affected days in the curated table');
      const commits = lines.map((l, i) => (l === 'job.commit()' ? i : -1)).filter((i) => i >= 0);
      assert.ok(fullRead < write, 'the script does not read each day before it replaces it');
      assert.ok(commits.length > 0, 'the script never commits its bookmark');
      assert.ok(
        commits.every((i) => i > write || lines[i + 1] === 'return'),
        'the bookmark can be committed before the curated days are written',
      );
    },
  ),
  claim(
    'nothing-zonal',
    'Every part of the lake is a Regional service: there is no VPC, subnet or Glue connection that a zone failure could take down (the optional Redshift Serverless workgroup spans three zones of your VPC).',
    (t) => {
      const zonal = Object.values(t.json['Resources'] as Record<string, Resource>).filter((r) =>
        r.Type.startsWith('AWS::EC2::'),
      );
      assert.deepEqual(zonal, [], 'the stack has network resources');
      assert.equal(props(t.only('AWS::Glue::Job'))['Connections'], undefined, 'the job runs in a VPC through a connection');
      assert.deepEqual(t.resources('AWS::Glue::Connection'), [], 'the stack has a Glue connection');
    },
  ),
  claim(
    'buckets-versioned',
    'All three general purpose buckets are versioned, and raw keeps replaced or deleted versions for noncurrentVersionDays.',
    (t) => {
      for (const name of ['RawBucket', 'QueryResultsBucket', 'AccessLogsBucket'])
        assert.deepEqual(props(bucket(t, name))['VersioningConfiguration'], { Status: 'Enabled' }, `the ${name} is not versioned`);
      for (const name of ['RawBucket']) {
        const rules = (props(bucket(t, name))['LifecycleConfiguration'] as { Rules: Json[] }).Rules;
        assert.ok(
          rules.some(
            (r) => (r['NoncurrentVersionExpiration'] as Json | undefined)?.['NoncurrentDays'] === t.parameters['noncurrentVersionDays'],
          ),
          `the ${name} does not keep old versions for noncurrentVersionDays`,
        );
      }
    },
  ),
  claim(
    'raw-never-changed-by-etl',
    'The crawler and the job may only read raw files; only producers with the ingest policy write them.',
    (t) => {
      const raw = bucket(t, 'RawBucket').id;
      const roles = t
        .resources('AWS::IAM::Role')
        .filter((r) => JSON.stringify(props(r)['AssumeRolePolicyDocument']).includes('glue.amazonaws.com'));
      assert.equal(roles.length, 2, 'there are not exactly two Glue roles');
      for (const role of roles) {
        const policies = t
          .resources('AWS::IAM::Policy')
          .filter((p) => ((props(p)['Roles'] ?? []) as unknown[]).some((r) => target(r) === role.id));
        for (const s of policies.flatMap(statementsOf)) {
          if (!resourcesOf(s).some((r) => r.includes(raw))) continue;
          for (const a of actionsOf(s)) assert.match(a, /^s3:(GetObject|ListBucket)$/u, `${role.id} may ${a} on the raw bucket`);
        }
      }
    },
  ),
  claim(
    'failures-alert',
    'A failed, stopped or timed-out job run and a failed crawl each send a message to the encrypted alert topic.',
    (t) => {
      const topic = t.only('AWS::SNS::Topic');
      assert.equal(target(props(topic)['KmsMasterKeyId']), bucketKey(t, 'QueryResultsBucket'), 'the topic is not encrypted with the analytics key');
      const rules = t.resources('AWS::Events::Rule').map(props);
      const job = t.only('AWS::Glue::Job');
      const crawler = t.only('AWS::Glue::Crawler');
      const jobRule = rules.find((r) => JSON.stringify(r['EventPattern']).includes('Glue Job State Change'));
      assert.ok(jobRule, 'no rule watches the job');
      const jobDetail = (jobRule['EventPattern'] as Json)['detail'] as Json;
      assert.deepEqual((jobDetail['jobName'] as unknown[]).map(target), [job.id], 'the rule does not watch this job');
      assert.deepEqual([...(jobDetail['state'] as string[])].sort(), ['ERROR', 'FAILED', 'STOPPED', 'TIMEOUT'], 'some failed job runs do not alert');
      const crawlRule = rules.find((r) => JSON.stringify(r['EventPattern']).includes('Glue Crawler State Change'));
      assert.ok(crawlRule, 'no rule watches the crawler');
      const crawlDetail = (crawlRule['EventPattern'] as Json)['detail'] as Json;
      assert.deepEqual((crawlDetail['crawlerName'] as unknown[]).map(target), [crawler.id], 'the rule does not watch this crawler');
      assert.deepEqual(crawlDetail['state'], ['Failed'], 'failed crawls do not alert');
      for (const rule of [jobRule, crawlRule])
        assert.deepEqual((rule['Targets'] as Json[]).map((x) => target(x['Arn'])), [topic.id], 'an alert does not reach the topic');
    },
  ),
  claim(
    'data-outlives-the-stack',
    'With retainData, deleting the stack keeps the three buckets, the table bucket with its namespace, and both keys; without it, they are deleted.',
    (t) => {
      const policy = t.parameters['retainData'] === true ? 'Retain' : 'Delete';
      const kept = [
        ...t.resources('AWS::S3::Bucket'),
        ...t.resources('AWS::S3Tables::TableBucket'),
        ...t.resources('AWS::S3Tables::Namespace'),
        ...t.resources('AWS::KMS::Key'),
      ];
      assert.equal(kept.length, 7, 'the three buckets, the table bucket, its namespace and two keys are not all there');
      for (const r of kept) {
        assert.equal(r.DeletionPolicy, policy, `${r.id} has DeletionPolicy ${String(r.DeletionPolicy)}, not ${policy}`);
        assert.equal(r.UpdateReplacePolicy, policy, `${r.id} has UpdateReplacePolicy ${String(r.UpdateReplacePolicy)}, not ${policy}`);
      }
    },
  ),
  claim(
    'scan-limit-enforced',
    'The Athena workgroup enforces its settings on every query: results go encrypted to the results bucket, and a query that scans more than maxScanGbPerQuery is cancelled.',
    (t) => {
      const config = props(t.only('AWS::Athena::WorkGroup'))['WorkGroupConfiguration'] as Json;
      assert.equal(config['EnforceWorkGroupConfiguration'], true, 'clients can override the workgroup settings');
      assert.equal(
        config['BytesScannedCutoffPerQuery'],
        Number(t.parameters['maxScanGbPerQuery']) * 1024 ** 3,
        'the scan limit is not maxScanGbPerQuery',
      );
      const result = config['ResultConfiguration'] as Json;
      assert.match(flatten(result['OutputLocation']), new RegExp(`StorageQueryResultsBucket`, 'u'), 'results go elsewhere');
      assert.equal((result['EncryptionConfiguration'] as Json)['EncryptionOption'], 'SSE_KMS', 'results are not KMS-encrypted');
    },
  ),
  claim(
    'analysts-read-through-lake-formation',
    "Analysts get only SELECT and DESCRIBE on the curated namespace's tables through Lake Formation, in the table bucket's federated catalog, without grant option; their policy reaches no raw object, no table data and no data key.",
    (t) => {
      const analyst = statementsOf(managedPolicy(t, 'Query curated'));
      const raw = bucket(t, 'RawBucket').id;
      const dataKey = bucketKey(t, 'RawBucket');
      for (const s of analyst) {
        for (const r of resourcesOf(s))
          assert.ok(![raw, dataKey].some((id) => r.includes(`"${String(id)}"`)), `the analyst policy reaches ${r}`);
        for (const a of actionsOf(s)) assert.ok(!a.startsWith('s3tables:'), `analysts may ${a} on the table bucket directly`);
      }
      const analysts = list(t.parameters['analystRoleArns']);
      const grants = t.resources('AWS::LakeFormation::PrincipalPermissions').map(props);
      for (const g of grants) assert.deepEqual(g['PermissionsWithGrantOption'], [], 'a grant can be passed on');
      const toAnalysts = grants.filter((g) => analysts.includes(String((g['Principal'] as Json)['DataLakePrincipalIdentifier'])));
      assert.equal(toAnalysts.length, analysts.length * 2, 'each analyst role does not get exactly two grants');
      for (const g of toAnalysts) {
        for (const p of g['Permissions'] as string[]) assert.ok(['SELECT', 'DESCRIBE'].includes(p), `an analyst role gets ${p}`);
        const resource = g['Resource'] as Json;
        const catalog = flatten(((resource['Table'] ?? resource['Database']) as Json)['CatalogId']);
        assert.match(catalog, /:s3tablescatalog\/[a-z0-9-]+-curated$/u, `an analyst grant names the catalog ${catalog}`);
      }
    },
  ),
  claim(
    'curated-in-s3-tables',
    'Curated data lives in an S3 Tables table bucket encrypted with the data key, whose unreferenced files are removed after unreferencedFileDays and deleted noncurrentVersionDays later, in one namespace; there is no curated general purpose bucket.',
    (t) => {
      const tableBucket = props(t.only('AWS::S3Tables::TableBucket'));
      assert.deepEqual(
        tableBucket['EncryptionConfiguration'],
        { SSEAlgorithm: 'aws:kms', KMSKeyArn: { 'Fn::GetAtt': [String(bucketKey(t, 'RawBucket')), 'Arn'] } },
        'the table bucket is not encrypted with the data key',
      );
      assert.deepEqual(tableBucket['UnreferencedFileRemoval'], {
        Status: 'Enabled',
        UnreferencedDays: t.parameters['unreferencedFileDays'],
        NoncurrentDays: t.parameters['noncurrentVersionDays'],
      });
      const namespace = props(t.only('AWS::S3Tables::Namespace'));
      assert.equal(target(namespace['TableBucketARN']), t.only('AWS::S3Tables::TableBucket').id);
      assert.ok(
        !t.resources('AWS::S3::Bucket').some((b) => b.id.startsWith('StorageCuratedBucket')),
        'curated data still has a general purpose bucket',
      );
    },
  ),
  claim(
    'day-replaced-in-one-commit',
    'The job writes the curated Iceberg table through the S3 Tables Iceberg REST endpoint and replaces the affected days with one overwritePartitions commit, never deleting files first.',
    (t) => {
      const args = props(t.only('AWS::Glue::Job'))['DefaultArguments'] as Json;
      assert.equal(args['--datalake-formats'], 'iceberg', 'the job has no Iceberg libraries');
      const conf = flatten(args['--conf']);
      assert.match(conf, /\.type=rest/u, 'the job does not use a REST catalog');
      assert.match(conf, /\.uri=https:\/\/s3tables\./u, 'the catalog is not the S3 Tables endpoint');
      assert.match(conf, /\.rest\.signing-name=s3tables/u, 'requests are not signed for S3 Tables');
      const lines = mainOf(t);
      assert.ok(lines.some((l) => l.includes('.overwritePartitions()')), 'the script does not replace partitions in one commit');
      assert.ok(!lines.some((l) => l.includes('purge_s3_path')), 'the script deletes files before writing');
    },
  ),
  claim(
    'redshift-serverless-is-private',
    'With redshiftServerless, the workgroup is not publicly accessible, routes through the VPC, requires TLS, and the namespace is encrypted with the analytics key and keeps its admin password in Secrets Manager.',
    { variants: ['with-redshift'] },
    (t) => {
      const workgroup = props(t.only('AWS::RedshiftServerless::Workgroup'));
      assert.equal(workgroup['PubliclyAccessible'], false, 'the workgroup is public');
      assert.equal(workgroup['EnhancedVpcRouting'], true, 'traffic to S3 leaves the VPC path');
      assert.deepEqual(workgroup['ConfigParameters'], [{ ParameterKey: 'require_ssl', ParameterValue: 'true' }]);
      assert.deepEqual(workgroup['SubnetIds'], list(t.parameters['redshiftSubnetIds']));
      const namespace = props(t.only('AWS::RedshiftServerless::Namespace'));
      assert.equal(namespace['ManageAdminPassword'], true, 'the admin password is in the template');
      assert.equal(namespace['AdminUserPassword'], undefined, 'the admin password is in the template');
      assert.equal(target(namespace['KmsKeyId']), bucketKey(t, 'QueryResultsBucket'), 'the namespace is not encrypted with the analytics key');
    },
  ),
  claim(
    'producers-only-put-raw-files',
    'The ingest policy lets producers put files below the dataset prefix of the raw bucket and nothing else: no reads, no deletes, no other bucket.',
    (t) => {
      const raw = bucket(t, 'RawBucket').id;
      for (const s of statementsOf(managedPolicy(t, 'Upload raw'))) {
        for (const a of actionsOf(s))
          assert.match(a, /^(s3:(PutObject|AbortMultipartUpload|ListMultipartUploadParts|ListBucket)|kms:(GenerateDataKey|Decrypt))$/u, `producers may ${a}`);
        for (const r of resourcesOf(s))
          assert.ok(
            r.includes(`"${raw}"`) && (r.endsWith(`/${String(t.parameters['datasetName'])}/*`) || r.endsWith('Arn"]}>')) || r.includes('StorageDataKey'),
            `producers reach ${r}`,
          );
      }
    },
  ),
  claim(
    'lake-formation-admins-appended',
    "The stack appends the deployment role and dataLakeAdminArns to the account's Lake Formation administrators and changes no other data lake setting.",
    (t) => {
      const settings = props(t.only('AWS::LakeFormation::DataLakeSettings'));
      assert.equal(settings['MutationType'], 'APPEND', 'the stack replaces the administrator list');
      assert.deepEqual(Object.keys(settings).sort(), ['Admins', 'MutationType'], 'the stack changes other data lake settings');
      const admins = (settings['Admins'] as Json[]).map((a) => flatten(a['DataLakePrincipalIdentifier']));
      assert.match(admins[0] ?? '', /cfn-exec-role/u, 'the deployment role is not an administrator');
      assert.deepEqual(admins.slice(1), list(t.parameters['dataLakeAdminArns']), 'the extra administrators are not dataLakeAdminArns');
    },
  ),
];

/** The key a bucket is encrypted with, by logical id. */
function bucketKey(t: ClaimContext, name: string): string | undefined {
  const encryption = props(bucket(t, name))['BucketEncryption'] as Json;
  const rule = (encryption['ServerSideEncryptionConfiguration'] as Json[])[0] ?? {};
  return target((rule['ServerSideEncryptionByDefault'] as Json)['KMSMasterKeyID']);
}
