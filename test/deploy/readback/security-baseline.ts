import {
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeDeliveryChannelsCommand,
  DescribeOrganizationConformancePacksCommand,
} from '@aws-sdk/client-config-service';
import { DescribeRuleCommand, EventBridgeClient, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { GetDetectorCommand, GuardDutyClient } from '@aws-sdk/client-guardduty';
import { DescribeHubCommand, GetEnabledStandardsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { expect } from 'vitest';
import { readBack, type DeployedStack } from '../readback.ts';

const out = (stack: DeployedStack, name: string): string => stack.outputs[name] ?? '';

async function ruleOf(
  stack: DeployedStack,
  output: string,
): Promise<{ pattern: Record<string, unknown>; targets: string[] }> {
  const events = new EventBridgeClient(stack.aws);
  const rule = await events.send(new DescribeRuleCommand({ Name: out(stack, output) }));
  const { Targets } = await events.send(new ListTargetsByRuleCommand({ Rule: out(stack, output) }));
  return {
    pattern: JSON.parse(rule.EventPattern ?? '{}') as Record<string, unknown>,
    targets: (Targets ?? []).map((t) => t.Arn ?? ''),
  };
}

export default [
  readBack(
    'The GuardDuty detector is enabled, publishes every 15 minutes, and has every protection plan and Runtime Monitoring on',
    async (stack) => {
      const gd = new GuardDutyClient(stack.aws);
      const detector = await gd.send(new GetDetectorCommand({ DetectorId: out(stack, 'DetectorId') }));
      expect(detector.Status).toBe('ENABLED');
      expect(detector.FindingPublishingFrequency).toBe('FIFTEEN_MINUTES');
      const features = new Map((detector.Features ?? []).map((f) => [String(f.Name), String(f.Status)]));
      for (const plan of [
        'S3_DATA_EVENTS',
        'EKS_AUDIT_LOGS',
        'EBS_MALWARE_PROTECTION',
        'RDS_LOGIN_EVENTS',
        'LAMBDA_NETWORK_LOGS',
        'RUNTIME_MONITORING',
      ]) {
        expect(features.get(plan)).toBe('ENABLED');
      }
    },
    'guardduty-protection-plans',
  ),
  readBack(
    'Security Hub is enabled with consolidated control findings and subscribed to the Foundational Security Best Practices and CIS 3.0 standards only',
    async (stack) => {
      const sh = new SecurityHubClient(stack.aws);
      const hub = await sh.send(new DescribeHubCommand({}));
      expect(hub.HubArn).toBe(out(stack, 'SecurityHubArn'));
      expect(hub.ControlFindingGenerator).toBe('SECURITY_CONTROL');
      const { StandardsSubscriptions } = await sh.send(new GetEnabledStandardsCommand({}));
      expect(StandardsSubscriptions?.map((s) => s.StandardsArn?.replace(/^.*::standards\//u, '')).sort()).toEqual([
        'aws-foundational-security-best-practices/v/1.0.0',
        'cis-aws-foundations-benchmark/v/3.0.0',
      ]);
      expect(StandardsSubscriptions?.map((s) => s.StandardsSubscriptionArn).sort()).toEqual(
        out(stack, 'StandardsSubscriptionArns').split(',').sort(),
      );
    },
    'standards-subscribed',
  ),
  readBack(
    'AWS Config records every resource type, global types included, and is recording',
    async (stack) => {
      const config = new ConfigServiceClient(stack.aws);
      const { ConfigurationRecorders } = await config.send(new DescribeConfigurationRecordersCommand({}));
      expect(ConfigurationRecorders?.map((r) => r.name)).toEqual([out(stack, 'ConfigRecorderName')]);
      expect(ConfigurationRecorders?.[0]?.recordingGroup).toMatchObject({
        allSupported: true,
        includeGlobalResourceTypes: true,
      });
      const { ConfigurationRecordersStatus } = await config.send(new DescribeConfigurationRecorderStatusCommand({}));
      expect(ConfigurationRecordersStatus?.[0]?.recording).toBe(true);
    },
    'config-records-everything',
  ),
  readBack(
    'AWS Config delivers daily snapshots to the Config bucket, encrypted with the stack key',
    async (stack) => {
      const config = new ConfigServiceClient(stack.aws);
      const { DeliveryChannels } = await config.send(new DescribeDeliveryChannelsCommand({}));
      expect(DeliveryChannels).toHaveLength(1);
      expect(DeliveryChannels?.[0]?.s3BucketName).toBe(out(stack, 'ConfigBucketName'));
      expect(DeliveryChannels?.[0]?.s3KmsKeyArn).toMatch(/^arn:aws:kms:/u);
      expect(DeliveryChannels?.[0]?.configSnapshotDeliveryProperties?.deliveryFrequency).toBe('TwentyFour_Hours');
    },
    'config-delivers-encrypted',
  ),
  readBack(
    'The organisation conformance pack is deployed for every member account, none excluded',
    async (stack) => {
      const config = new ConfigServiceClient(stack.aws);
      const { OrganizationConformancePacks } = await config.send(
        new DescribeOrganizationConformancePacksCommand({
          OrganizationConformancePackNames: [out(stack, 'ConformancePackName')],
        }),
      );
      expect(OrganizationConformancePacks).toHaveLength(1);
      expect(OrganizationConformancePacks?.[0]?.ExcludedAccounts ?? []).toEqual([]);
    },
    'conformance-pack-rules',
  ),
  readBack(
    'GuardDuty findings of severity 7 or more and new CRITICAL or HIGH Security Hub findings go to the findings topic',
    async (stack) => {
      const gd = await ruleOf(stack, 'GuardDutyRuleName');
      expect(gd.pattern['source']).toEqual(['aws.guardduty']);
      expect(gd.pattern['detail']).toEqual({ severity: [{ numeric: ['>=', 7] }] });
      expect(gd.targets).toEqual([out(stack, 'FindingsTopicArn')]);
      const sh = await ruleOf(stack, 'SecurityHubRuleName');
      expect(sh.pattern['source']).toEqual(['aws.securityhub']);
      expect((sh.pattern['detail'] as { findings: { Severity: unknown } }).findings.Severity).toEqual({
        Label: ['CRITICAL', 'HIGH'],
      });
      expect(sh.targets).toEqual([out(stack, 'FindingsTopicArn')]);
    },
    'high-severity-findings-alert',
  ),
];
