import { CloudWatchClient, DescribeAlarmsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { DescribeContinuousBackupsCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetHealthCheckCommand, ListResourceRecordSetsCommand, Route53Client } from '@aws-sdk/client-route-53';
import { GetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { expect } from 'vitest';
import { readBack, type DeployedStack } from '../readback.ts';

// The defaults in architecture.yaml, which the emulator suite deploys with: the primary stack, consistency STRONG.
const PEER_REGION = 'us-west-2';
const WITNESS_REGION = 'us-east-2';
const DOMAIN_NAME = 'app.example.com';
const HEALTH_CHECK_INTERVAL_SECONDS = 30;
const HEALTH_CHECK_FAILURE_THRESHOLD = 3;
const RECOVERY_PERIOD_DAYS = 35;

async function alarms(stack: DeployedStack): Promise<MetricAlarm[]> {
  const cloudwatch = new CloudWatchClient(stack.aws);
  const names = stack.physicalIds('AWS::CloudWatch::Alarm');
  const { MetricAlarms = [] } = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: names }));
  expect(MetricAlarms).toHaveLength(names.length);
  return MetricAlarms;
}

async function alarmOn(stack: DeployedStack, metric: string): Promise<MetricAlarm> {
  const found = (await alarms(stack)).filter((a) => a.MetricName === metric);
  expect(found, metric).toHaveLength(1);
  const [alarm] = found;
  expect(alarm?.AlarmActions, metric).toEqual([stack.outputs['AlarmTopicArn']]);
  return alarm as MetricAlarm;
}

export default [
  readBack(
    'The global table is strongly consistent in both Regions, with its witness in witnessRegion and each replica naming the other',
    async (stack) => {
      const name = stack.outputs['TableName'] ?? '';
      expect(stack.outputs['Consistency']).toBe('STRONG');
      const regions = [stack.aws.region, PEER_REGION];
      for (const region of regions) {
        const dynamodb = new DynamoDBClient({ ...stack.aws, region });
        const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: name }));
        expect(Table?.MultiRegionConsistency, region).toBe('STRONG');
        expect(Table?.GlobalTableWitnesses, region).toEqual([{ RegionName: WITNESS_REGION, WitnessStatus: 'ACTIVE' }]);
        expect(
          Table?.Replicas?.map((r) => r.RegionName),
          region,
        ).toEqual(regions.filter((r) => r !== region));
        expect(Table?.StreamSpecification, region).toBeUndefined();
      }
    },
    'consistency-mode-as-chosen',
  ),
  readBack(
    'Both replicas are on demand, with 35 days of point-in-time recovery and deletion protection',
    async (stack) => {
      const name = stack.outputs['TableName'] ?? '';
      expect(stack.physicalId('AWS::DynamoDB::GlobalTable')).toBe(name);
      for (const region of [stack.aws.region, PEER_REGION]) {
        const dynamodb = new DynamoDBClient({ ...stack.aws, region });
        const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: name }));
        expect(Table?.TableArn, region).toMatch(new RegExp(`^arn:aws:dynamodb:${region}:`, 'u'));
        expect(Table?.BillingModeSummary?.BillingMode, region).toBe('PAY_PER_REQUEST');
        expect(Table?.KeySchema, region).toEqual([{ AttributeName: 'id', KeyType: 'HASH' }]);
        expect(Table?.DeletionProtectionEnabled, region).toBe(true);
        const { ContinuousBackupsDescription } = await dynamodb.send(
          new DescribeContinuousBackupsCommand({ TableName: name }),
        );
        const pitr = ContinuousBackupsDescription?.PointInTimeRecoveryDescription;
        expect(pitr?.PointInTimeRecoveryStatus, region).toBe('ENABLED');
        expect(pitr?.RecoveryPeriodInDays, region).toBe(RECOVERY_PERIOD_DAYS);
      }
    },
    'global-table-in-both-regions',
  ),
  readBack(
    "domainName has a latency alias record for this Region, guarded by this Region's health check and pointing at its load balancer",
    async (stack) => {
      const route53 = new Route53Client(stack.aws);
      const { ResourceRecordSets = [] } = await route53.send(
        new ListResourceRecordSetsCommand({ HostedZoneId: stack.outputs['HostedZoneId'] }),
      );
      const records = ResourceRecordSets.filter((r) => r.Type === 'A' && r.Name === `${DOMAIN_NAME}.`);
      expect(records).toHaveLength(1);
      const [record] = records;
      expect(record?.Region).toBe(stack.aws.region);
      expect(record?.SetIdentifier).toBe('primary');
      expect(record?.Failover).toBeUndefined();
      expect(record?.HealthCheckId).toBe(stack.outputs['HealthCheckId']);
      expect(record?.AliasTarget?.EvaluateTargetHealth).toBe(true);
      expect(record?.AliasTarget?.DNSName?.replace(/\.$/u, '').toLowerCase()).toBe(
        stack.outputs['LoadBalancerDnsName']?.toLowerCase(),
      );
    },
    'latency-records-with-a-health-check-per-region',
  ),
  readBack(
    "Route 53 checks this Region's load balancer's /health path over HTTP every healthCheckIntervalSeconds and calls it unhealthy after healthCheckFailureThreshold failures",
    async (stack) => {
      const route53 = new Route53Client(stack.aws);
      const { HealthCheck } = await route53.send(
        new GetHealthCheckCommand({ HealthCheckId: stack.outputs['HealthCheckId'] }),
      );
      const config = HealthCheck?.HealthCheckConfig;
      expect([config?.Type, config?.Port, config?.ResourcePath]).toEqual(['HTTP', 80, '/health']);
      expect(config?.FullyQualifiedDomainName).toBe(stack.outputs['LoadBalancerDnsName']);
      expect([config?.RequestInterval, config?.FailureThreshold]).toEqual([
        HEALTH_CHECK_INTERVAL_SECONDS,
        HEALTH_CHECK_FAILURE_THRESHOLD,
      ]);
    },
    'health-check-detects-in-time',
  ),
  readBack(
    "The Region's in-service flag is true, and the function reads that flag and this Region's replica",
    async (stack) => {
      const ssm = new SSMClient(stack.aws);
      const { Parameter } = await ssm.send(new GetParameterCommand({ Name: stack.outputs['InServiceParameterName'] }));
      expect(Parameter?.Value).toBe('true');
      const lambda = new LambdaClient(stack.aws);
      const { Environment } = await lambda.send(
        new GetFunctionConfigurationCommand({ FunctionName: stack.outputs['FunctionName'] }),
      );
      expect(Environment?.Variables).toMatchObject({
        IN_SERVICE_PARAMETER: stack.outputs['InServiceParameterName'],
        TABLE_NAME: stack.outputs['TableName'],
      });
    },
    'both-regions-take-writes',
  ),
  readBack(
    'A write-conflict alarm counts the WriteConflicts metric of this Region',
    async (stack) => {
      const alarm = await alarmOn(stack, 'WriteConflicts');
      expect(alarm.Namespace).toBe('MultiRegionActiveActive');
      expect(alarm.Dimensions).toEqual([{ Name: 'Region', Value: stack.aws.region }]);
      expect([alarm.Statistic, alarm.Period, alarm.Threshold]).toEqual(['Sum', 300, 10]);
    },
    'write-conflicts-answered-and-counted',
  ),
  readBack(
    "A slow-but-healthy alarm watches the function's p99 duration over 1.5 s for 4 of 5 minutes",
    async (stack) => {
      const alarm = await alarmOn(stack, 'Duration');
      expect([alarm.Namespace, alarm.ExtendedStatistic, alarm.Threshold]).toEqual(['AWS/Lambda', 'p99', 1500]);
      expect([alarm.Period, alarm.DatapointsToAlarm, alarm.EvaluationPeriods]).toEqual([60, 4, 5]);
      expect(alarm.Dimensions).toEqual([{ Name: 'FunctionName', Value: stack.outputs['FunctionName'] }]);
    },
    'slow-but-healthy-alarm',
  ),
  readBack(
    'The Region alarms on errors, throttles, a slow p99, write conflicts and its health check, not on replication latency a STRONG table does not have, all to its encrypted topic',
    async (stack) => {
      const topic = stack.outputs['AlarmTopicArn'] ?? '';
      const sns = new SNSClient(stack.aws);
      const { Attributes = {} } = await sns.send(new GetTopicAttributesCommand({ TopicArn: topic }));
      expect(Attributes['KmsMasterKeyId'], 'the alarm topic is not encrypted').toBeTruthy();
      const found = await alarms(stack);
      const metrics = found.map((a) => `${a.Namespace ?? ''}/${a.MetricName ?? ''}`).sort();
      expect(metrics).toEqual(
        [
          'AWS/Lambda/Duration',
          'AWS/Lambda/Errors',
          'AWS/Lambda/Throttles',
          'AWS/Route53/HealthCheckStatus',
          'MultiRegionActiveActive/WriteConflicts',
        ].sort(),
      );
      for (const alarm of found) expect(alarm.AlarmActions, alarm.AlarmName).toEqual([topic]);
      const health = found.find((a) => a.MetricName === 'HealthCheckStatus');
      expect(health?.Dimensions).toEqual([{ Name: 'HealthCheckId', Value: stack.outputs['HealthCheckId'] }]);
    },
    'alarms-in-each-region',
  ),
  readBack(
    "The stack outputs its load balancer's own URL and health URL, which reach the Region without the latency name",
    (stack) => {
      const name = stack.outputs['LoadBalancerDnsName'] ?? '';
      expect(name).toMatch(new RegExp(`\\.${stack.aws.region}\\.elb\\.amazonaws\\.com$`, 'u'));
      expect(stack.outputs['RegionalEndpointUrl']).toBe(`http://${name}`);
      expect(stack.outputs['RegionalHealthUrl']).toBe(`http://${name}/health`);
      return Promise.resolve();
    },
    'regional-endpoints-bypass-dns',
  ),
];
