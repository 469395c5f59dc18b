import { CloudWatchClient, DescribeAlarmsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { DescribeContinuousBackupsCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetHealthCheckCommand, Route53Client } from '@aws-sdk/client-route-53';
import { GetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { expect } from 'vitest';
import { readBack, type DeployedStack } from '../readback.ts';

// The defaults in architecture.yaml, which the emulator suite deploys with: the primary stack.
const PEER_REGION = 'us-west-2';
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

export default [
  readBack(
    'The primary stack owns a global table with a replica in its Region and in peerRegion, on demand, each with 35 days of point-in-time recovery and deletion protection',
    async (stack) => {
      const name = stack.outputs['TableName'] ?? '';
      expect(stack.physicalId('AWS::DynamoDB::GlobalTable')).toBe(name);
      for (const region of [stack.aws.region, PEER_REGION]) {
        const dynamodb = new DynamoDBClient({ ...stack.aws, region });
        const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: name }));
        expect(Table?.TableArn, region).toMatch(new RegExp(`^arn:aws:dynamodb:${region}:`, 'u'));
        expect(Table?.BillingModeSummary?.BillingMode, region).toBe('PAY_PER_REQUEST');
        expect(Table?.KeySchema, region).toEqual([{ AttributeName: 'id', KeyType: 'HASH' }]);
        expect(Table?.StreamSpecification?.StreamViewType, region).toBe('NEW_AND_OLD_IMAGES');
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
    "The primary's writes flag is true, and the function reads that flag and this Region's replica",
    async (stack) => {
      const ssm = new SSMClient(stack.aws);
      const { Parameter } = await ssm.send(new GetParameterCommand({ Name: stack.outputs['WritesParameterName'] }));
      expect(Parameter?.Value).toBe('true');
      const lambda = new LambdaClient(stack.aws);
      const { Environment } = await lambda.send(
        new GetFunctionConfigurationCommand({ FunctionName: stack.outputs['FunctionName'] }),
      );
      expect(Environment?.Variables).toMatchObject({
        WRITES_PARAMETER: stack.outputs['WritesParameterName'],
        TABLE_NAME: stack.outputs['TableName'],
        ROLE: 'primary',
      });
    },
    'writes-gated-by-the-region-flag',
  ),
  readBack(
    "Route 53 checks the primary load balancer's /health path over HTTP every healthCheckIntervalSeconds and calls it unhealthy after healthCheckFailureThreshold failures",
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
    "The Region alarms on function errors, throttles, replication latency to peerRegion and the primary's health check, all to its encrypted topic",
    async (stack) => {
      const topic = stack.outputs['AlarmTopicArn'] ?? '';
      const sns = new SNSClient(stack.aws);
      const { Attributes = {} } = await sns.send(new GetTopicAttributesCommand({ TopicArn: topic }));
      expect(Attributes['KmsMasterKeyId'], 'the alarm topic is not encrypted').toBeTruthy();
      const found = await alarms(stack);
      const metrics = found.map((a) => `${a.Namespace ?? ''}/${a.MetricName ?? ''}`).sort();
      expect(metrics).toEqual(
        [
          'AWS/DynamoDB/ReplicationLatency',
          'AWS/Lambda/Errors',
          'AWS/Lambda/Throttles',
          'AWS/Route53/HealthCheckStatus',
        ].sort(),
      );
      for (const alarm of found) expect(alarm.AlarmActions, alarm.AlarmName).toEqual([topic]);
      const latency = found.find((a) => a.MetricName === 'ReplicationLatency');
      expect(latency?.Dimensions).toContainEqual({ Name: 'ReceivingRegion', Value: PEER_REGION });
      const health = found.find((a) => a.MetricName === 'HealthCheckStatus');
      expect(health?.Dimensions).toEqual([{ Name: 'HealthCheckId', Value: stack.outputs['HealthCheckId'] }]);
    },
    'alarms-in-each-region',
  ),
  readBack(
    "The stack outputs its load balancer's own URL and health URL, which reach the Region without the failover name",
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
