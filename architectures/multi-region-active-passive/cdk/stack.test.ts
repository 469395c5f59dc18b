import { describe, expect, test } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { unemulatedTypes } from '../../../generators/check/emulator-types.ts';
import { openCatalogue } from '../../../lib/catalogue.ts';
import { checkConfigurations, entryTemplate, REPO_ROOT, synthConfigs } from '../../../test/helpers/synth-entry.ts';
import { customResourceTypes, ofType, typesOf } from '../../../test/helpers/template.ts';
import { INLINE_CODE_LIMIT, inlineHandlerSource } from './stack.ts';

const ID = 'multi-region-active-passive';
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
    'hostedZoneId=Z0123456789ABCDEFGHIJ',
    'domainName=shop.example.org',
    'certificateArn=arn:aws:acm:eu-west-1:111122223333:certificate/12345678-1234-1234-1234-123456789012',
    'peerRegion=eu-central-1',
    'tableName=shop-items',
    'tableDeletionProtection=false',
    'healthCheckIntervalSeconds=10',
    'healthCheckFailureThreshold=2',
    'azCount=3',
    'functionMemoryMb=512',
    'logRetentionDays=90',
  ],
  secondaryWithoutZone: ['role=secondary'],
});
const secondary = runs.ok('secondary');
const https = runs.ok('https');
const meta = openCatalogue(REPO_ROOT).byId.get(ID)?.meta;

const CONFIGS = { primary: template, secondary: secondary.template, https: https.template };

checkConfigurations(ID, { secondary, https });

test('the secondary refuses to synthesize without the hosted zone of the primary', () => {
  expect(runs.error('secondaryWithoutZone')).toMatch(/hostedZoneId/u);
});

describe('what moto can emulate', () => {
  test('the secondary: everything but the alarms, the email subscription and the two resource policies', () => {
    expect(unemulatedTypes(typesOf(secondary.template))).toEqual([
      'AWS::CloudWatch::Alarm',
      'AWS::S3::BucketPolicy',
      'AWS::SNS::Subscription',
      'AWS::SNS::TopicPolicy',
    ]);
  });

  test('no custom resources', () => {
    for (const t of Object.values(CONFIGS)) {
      expect(customResourceTypes(t)).toEqual([]);
    }
  });
});

describe('roles', () => {
  test('the primary owns the global table, the health check and the PRIMARY record', () => {
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    template.resourceCountIs('AWS::Route53::HealthCheck', 1);
    template.hasResourceProperties('AWS::Route53::RecordSet', {
      Failover: 'PRIMARY',
      SetIdentifier: 'primary',
      Type: 'A',
      Name: 'app.example.com',
      HealthCheckId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DnsHealthCheck'), 'HealthCheckId'] },
      AliasTarget: {
        DNSName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebLoadBalancer'), 'DNSName'] },
        HostedZoneId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebLoadBalancer'), 'CanonicalHostedZoneID'] },
        EvaluateTargetHealth: true,
      },
    });
    template.hasOutput('Role', { Value: 'primary' });
  });

  test('the secondary owns only the SECONDARY record, in the zone it is given', () => {
    const t = secondary.template;
    t.resourceCountIs('AWS::DynamoDB::GlobalTable', 0);
    t.resourceCountIs('AWS::Route53::HealthCheck', 0);
    t.resourceCountIs('AWS::Route53::HostedZone', 0);
    t.hasResourceProperties('AWS::Route53::RecordSet', {
      Failover: 'SECONDARY',
      SetIdentifier: 'secondary',
      HostedZoneId: 'Z0123456789ABCDEFGHIJ',
      HealthCheckId: Match.absent(),
      AliasTarget: Match.objectLike({ EvaluateTargetHealth: true }),
    });
    t.hasOutput('HealthCheckId', { Value: 'none' });
    t.hasOutput('NameServers', { Value: 'unchanged' });
  });

  test('the primary creates a retained public zone unless it is given one', () => {
    template.hasResource('AWS::Route53::HostedZone', {
      Properties: Match.objectLike({ Name: 'app.example.com' }),
      DeletionPolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::Route53::HostedZone', { VPCs: Match.absent() });
    https.template.resourceCountIs('AWS::Route53::HostedZone', 0);
    https.template.hasResourceProperties('AWS::Route53::RecordSet', {
      HostedZoneId: 'Z0123456789ABCDEFGHIJ',
      Name: 'shop.example.org',
    });
  });

  test('the writes flag starts true in the primary and false in the secondary', () => {
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/oar-multi-region-active-passive/writes-enabled',
      Value: 'true',
      AllowedPattern: '^(true|false)$',
    });
    secondary.template.hasResourceProperties('AWS::SSM::Parameter', { Value: 'false' });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: {
          TABLE_NAME: 'oar-multi-region-active-passive-items',
          WRITES_PARAMETER: { Ref: Match.stringLikeRegexp('^WritesEnabled') },
          ROLE: 'primary',
        },
      },
    });
    secondary.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ ROLE: 'secondary' }) },
    });
  });
});

describe('the global table', () => {
  test('replicas here and in peerRegion, each with 35 days of PITR and deletion protection, retained', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        TableName: 'oar-multi-region-active-passive-items',
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
        Replicas: [Match.objectLike({ Region: { Ref: 'AWS::Region' } }), Match.objectLike({ Region: 'us-west-2' })],
      }),
    });
    for (const replica of ofType(template, 'AWS::DynamoDB::GlobalTable')[0]?.Properties?.['Replicas'] as Record<
      string,
      unknown
    >[]) {
      expect(replica['PointInTimeRecoverySpecification']).toEqual({
        PointInTimeRecoveryEnabled: true,
        RecoveryPeriodInDays: 35,
      });
      expect(replica['DeletionProtectionEnabled']).toBe(true);
    }
    https.template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      TableName: 'shop-items',
      Replicas: [
        Match.objectLike({ DeletionProtectionEnabled: false }),
        Match.objectLike({ Region: 'eu-central-1', DeletionProtectionEnabled: false }),
      ],
    });
  });

  test('the function reaches only its own Region replica and its own flag', () => {
    const policies = JSON.stringify(ofType(secondary.template, 'AWS::IAM::Role'));
    expect(policies).toContain(':table/oar-multi-region-active-passive-items');
    expect(policies).toContain('"dynamodb:GetItem","dynamodb:PutItem"');
    expect(policies).not.toContain('dynamodb:*');
    expect(policies).not.toContain('us-east-1');
    expect(policies).toContain('"ssm:GetParameter"');
  });
});

describe('health check and alarms', () => {
  test('Route 53 checks the primary load balancer health path over HTTP', () => {
    template.hasResourceProperties('AWS::Route53::HealthCheck', {
      HealthCheckConfig: {
        Type: 'HTTP',
        Port: 80,
        ResourcePath: '/health',
        FullyQualifiedDomainName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebLoadBalancer'), 'DNSName'] },
        RequestInterval: 30,
        FailureThreshold: 3,
      },
    });
    https.template.hasResourceProperties('AWS::Route53::HealthCheck', {
      HealthCheckConfig: Match.objectLike({ RequestInterval: 10, FailureThreshold: 2, Type: 'HTTP' }),
    });
  });

  test('the health check alarm exists only in us-east-1, where Route 53 publishes its metric', () => {
    const conditions = template.toJSON()['Conditions'] as Record<string, unknown>;
    const [alarm] = ofType(template, 'AWS::CloudWatch::Alarm').filter(
      (a) => a.Properties?.['MetricName'] === 'HealthCheckStatus',
    );
    expect(alarm?.Condition).toBeDefined();
    expect(conditions[alarm?.Condition ?? '']).toEqual({ 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] });
    expect(alarm?.Properties).toMatchObject({ Namespace: 'AWS/Route53', Threshold: 1, TreatMissingData: 'breaching' });
    secondary.template.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { MetricName: 'HealthCheckStatus' }, 0);
  });

  test('errors, throttles and replication latency toward the peer Region in both roles, all to the topic', () => {
    for (const [t, peer] of [
      [template, 'us-west-2'],
      [secondary.template, 'us-east-1'],
    ] as const) {
      t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors', Namespace: 'AWS/Lambda' });
      t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Throttles', Namespace: 'AWS/Lambda' });
      t.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'ReplicationLatency',
        Namespace: 'AWS/DynamoDB',
        Dimensions: Match.arrayWith([{ Name: 'ReceivingRegion', Value: peer }]),
      });
      for (const alarm of ofType(t, 'AWS::CloudWatch::Alarm')) {
        expect(JSON.stringify(alarm.Properties?.['AlarmActions'])).toMatch(/"Ref":"AlarmsTopic/u);
      }
    }
    secondary.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'oncall@example.com',
    });
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

  test('only 80 and 443 are open, and public subnets in azCount zones', () => {
    const ingress = ofType(https.template, 'AWS::EC2::SecurityGroup').flatMap(
      (r) => (r.Properties?.['SecurityGroupIngress'] as { FromPort: number }[] | undefined) ?? [],
    );
    expect(ingress.map((r) => r.FromPort).sort()).toEqual([443, 80]);
    template.resourceCountIs('AWS::EC2::Subnet', 2);
    https.template.resourceCountIs('AWS::EC2::Subnet', 3);
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
