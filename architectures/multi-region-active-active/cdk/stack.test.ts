import { describe, expect, test } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { unemulatedTypes } from '../../../generators/check/emulator-types.ts';
import { openCatalogue } from '../../../lib/catalogue.ts';
import { checkConfigurations, entryTemplate, REPO_ROOT, synthConfigs } from '../../../test/helpers/synth-entry.ts';
import { customResourceTypes, ofType, typesOf } from '../../../test/helpers/template.ts';
import { INLINE_CODE_LIMIT, inlineHandlerSource } from './stack.ts';

const ID = 'multi-region-active-active';
const template = entryTemplate(ID);
const runs = await synthConfigs(ID, {
  secondary: [
    'role=secondary',
    'peerRegion=us-east-1',
    'hostedZoneId=Z0123456789ABCDEFGHIJ',
    'healthCheckIntervalSeconds=10',
    'alarmEmail=oncall@example.com',
  ],
  https: [
    'consistency=EVENTUAL',
    'hostedZoneId=Z0123456789ABCDEFGHIJ',
    'domainName=shop.example.org',
    'certificateArn=arn:aws:acm:eu-west-1:111122223333:certificate/12345678-1234-1234-1234-123456789012',
    'peerRegion=ap-southeast-2',
    'tableName=shop-items',
    'tableDeletionProtection=false',
    'healthCheckIntervalSeconds=10',
    'healthCheckFailureThreshold=2',
    'azCount=3',
    'functionMemoryMb=512',
    'logRetentionDays=90',
  ],
  secondaryWithoutZone: ['role=secondary'],
  witnessOutsideTheRegionSet: ['peerRegion=us-west-2', 'witnessRegion=eu-west-1'],
  witnessInThePeerRegion: ['peerRegion=us-west-2', 'witnessRegion=us-west-2'],
  strongOutsideTheRegionSets: ['peerRegion=ap-southeast-2'],
  strongWithPeerAndWitnessOutsideTheSets: ['peerRegion=ap-southeast-2', 'witnessRegion=ap-southeast-1'],
});
const secondary = runs.ok('secondary');
const https = runs.ok('https');
const meta = openCatalogue(REPO_ROOT).byId.get(ID)?.meta;

const CONFIGS = { primary: template, secondary: secondary.template, https: https.template };

checkConfigurations(ID, { secondary, eventual: https });

test('the secondary refuses to synthesize without the hosted zone of the primary', () => {
  expect(runs.error('secondaryWithoutZone')).toMatch(/hostedZoneId/u);
});

test('a STRONG table refuses a witness outside the Region set or in a serving Region', () => {
  expect(runs.error('witnessOutsideTheRegionSet')).toMatch(/one Region set/u);
  expect(runs.error('witnessInThePeerRegion')).toMatch(/witnessRegion must differ/u);
  expect(runs.error('strongOutsideTheRegionSets')).toMatch(/one Region set/u);
  expect(runs.error('strongWithPeerAndWitnessOutsideTheSets')).toMatch(/one Region set/u);
});

describe('what moto can emulate', () => {
  test('the emulator creates every resource of the secondary', () => {
    expect(unemulatedTypes(typesOf(secondary.template))).toEqual([]);
  });

  test('no custom resources', () => {
    for (const t of Object.values(CONFIGS)) {
      expect(customResourceTypes(t)).toEqual([]);
    }
  });
});

describe('roles', () => {
  // Which records, health check and table each role owns are claims (cdk/claims.ts).
  test('the outputs say the role and consistency; both roles have a health check, only the primary a zone', () => {
    template.hasOutput('Role', { Value: 'primary' });
    template.hasOutput('Consistency', { Value: 'STRONG' });
    https.template.hasOutput('Consistency', { Value: 'EVENTUAL' });
    secondary.template.hasOutput('Role', { Value: 'secondary' });
    secondary.template.hasOutput('HealthCheckId', {
      Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DnsHealthCheck'), 'HealthCheckId'] },
    });
    secondary.template.hasOutput('NameServers', { Value: 'unchanged' });
  });

  test('the zone the primary creates is retained', () => {
    template.hasResource('AWS::Route53::HostedZone', {
      Properties: Match.objectLike({ Name: 'app.example.com' }),
      DeletionPolicy: 'Retain',
    });
  });

  // The flag's starting value and the function's use of it are claims (cdk/claims.ts).
  test('the function gets the table name derived from the stack name', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ TABLE_NAME: 'oar-multi-region-active-active-items' }) },
    });
    https.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ TABLE_NAME: 'shop-items' }) },
    });
  });
});

describe('the global table', () => {
  // Replicas, point-in-time recovery, deletion protection and retention are claims (cdk/claims.ts).
  // The consistency mode, witness and stream are claims (cdk/claims.ts).
  test('the default table is strongly consistent with its witness in us-east-2', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      MultiRegionConsistency: 'STRONG',
      GlobalTableWitnesses: [{ Region: 'us-east-2' }],
    });
  });

  test('the function reaches only its own Region replica and its own flag', () => {
    const policies = JSON.stringify(ofType(secondary.template, 'AWS::IAM::Role'));
    expect(policies).toContain(':table/oar-multi-region-active-active-items');
    expect(policies).toContain('"dynamodb:GetItem","dynamodb:PutItem"');
    expect(policies).not.toContain('dynamodb:*');
    expect(policies).not.toContain('us-east-1');
    expect(policies).toContain('"ssm:GetParameter"');
  });
});

describe('health check and alarms', () => {
  // The health check, the alarms and their conditions are claims (cdk/claims.ts).
  test('alarmEmail subscribes that address to the alarm topic', () => {
    secondary.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'oncall@example.com',
    });
    template.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  test('the topic and the log groups are encrypted with the Region key', () => {
    const keyArn = { 'Fn::GetAtt': [Match.stringLikeRegexp('^RegionKey'), 'Arn'] };
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: keyArn });
    template.allResourcesProperties('AWS::Logs::LogGroup', { KmsKeyId: keyArn, RetentionInDays: 30 });
    https.template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });
});

describe('web tier', () => {
  test.each(Object.entries(CONFIGS))('%s: internet-facing ALB with access logs, invoking the function', (_, t) => {
    for (const attribute of [
      { Key: 'access_logs.s3.enabled', Value: 'true' },
      { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
    ]) {
      t.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
        Scheme: 'internet-facing',
        LoadBalancerAttributes: Match.arrayWith([attribute]),
      });
    }
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      TargetType: 'lambda',
      HealthCheckEnabled: true,
      HealthCheckPath: '/health',
    });
    t.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'elasticloadbalancing.amazonaws.com',
      Action: 'lambda:InvokeFunction',
    });
    t.hasResourceProperties('AWS::Lambda::Function', { Runtime: 'nodejs24.x', Architectures: ['arm64'] });
  });

  test('HTTP only without a certificate; with one, HTTPS and HTTP serving only the health path', () => {
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 1);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80,
      DefaultActions: [Match.objectLike({ Type: 'forward' })],
    });
    const t = https.template;
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443,
      Protocol: 'HTTPS',
      Certificates: [{ CertificateArn: Match.stringLikeRegexp('^arn:aws:acm:') }],
    });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80,
      DefaultActions: [Match.objectLike({ Type: 'redirect' })],
    });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/health'] } }],
      Actions: [Match.objectLike({ Type: 'forward' })],
    });
    t.hasOutput('ServiceUrl', { Value: 'https://shop.example.org' });
  });

  test('only 80 and 443 are open, and there is no NAT gateway', () => {
    const ingress = ofType(https.template, 'AWS::EC2::SecurityGroup').flatMap(
      (r) => (r.Properties?.['SecurityGroupIngress'] as { FromPort: number }[] | undefined) ?? [],
    );
    expect(ingress.map((r) => r.FromPort).sort()).toEqual([443, 80]);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
  });

  test('the access log bucket is private, TLS-only, expires logs and is retained', () => {
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        PublicAccessBlockConfiguration: Match.objectLike({ BlockPublicAcls: true, RestrictPublicBuckets: true }),
        LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 30, Status: 'Enabled' })] },
      }),
    });
    const policy = JSON.stringify(ofType(template, 'AWS::S3::BucketPolicy')[0]?.Properties);
    expect(policy).toContain('logdelivery.elasticloadbalancing.amazonaws.com');
    expect(policy).toContain('aws:SecureTransport');
  });

  test('the handler ships inline under the size limit', () => {
    expect(inlineHandlerSource().length).toBeLessThanOrEqual(INLINE_CODE_LIMIT);
  });
});

describe('metadata agrees with the template', () => {
  test('the smoke test calls this Region health URL', () => {
    expect(meta?.smokeTests?.[0]?.http.url).toBe('${outputs.RegionalHealthUrl}');
    template.hasOutput('RegionalHealthUrl', {
      Value: {
        'Fn::Join': [
          '',
          ['http://', { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebLoadBalancer'), 'DNSName'] }, '/health'],
        ],
      },
    });
  });
});
