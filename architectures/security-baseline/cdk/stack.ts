import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Alerts } from './alerts.ts';
import { Compliance } from './compliance.ts';
import { Detection } from './detection.ts';
import type { Parameters } from './parameters.generated.ts';

export interface SecurityBaselineStackProps extends StackProps {
  readonly parameters: Parameters;
}

const listOf = (value: string): string[] =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/**
 * The organisation's security baseline, deployed to the audit account once it is the delegated administrator:
 * GuardDuty with its protection plans, Security Hub CSPM with standards, AWS Config recording here and an
 * organisation conformance pack for every member account, and alerts on the findings that need a person.
 */
export default class SecurityBaselineStack extends Stack {
  constructor(scope: Construct, id: string, props: SecurityBaselineStackProps) {
    super(scope, id, props);
    const p = props.parameters;

    const detection = new Detection(this, 'Detection', {
      runtimeMonitoring: p.guardDutyRuntimeMonitoring,
      standards: listOf(p.securityHubStandards),
    });
    const compliance = new Compliance(this, 'Compliance', {
      namePrefix: this.stackName,
      retentionDays: p.configRetentionDays,
      maxAccessKeyAgeDays: p.maxAccessKeyAgeDays,
      excludedAccountIds: listOf(p.excludedAccountIds),
    });
    const alerts = new Alerts(this, 'Alerts', { minGuardDutySeverity: p.minGuardDutySeverity, alertEmail: p.alertEmail });

    new CfnOutput(this, 'DetectorId', { value: detection.detector.ref });
    new CfnOutput(this, 'SecurityHubArn', { value: detection.hub.ref });
    new CfnOutput(this, 'StandardsSubscriptionArns', { value: detection.standards.map((s) => s.ref).join(',') || 'none' });
    new CfnOutput(this, 'ConfigRecorderName', { value: compliance.recorder.ref });
    new CfnOutput(this, 'ConfigBucketName', { value: compliance.bucket.bucketName });
    new CfnOutput(this, 'ConformancePackName', { value: compliance.pack.ref });
    new CfnOutput(this, 'FindingsTopicArn', { value: alerts.topic.topicArn });
    new CfnOutput(this, 'GuardDutyRuleName', { value: alerts.guardDutyRule.ruleName });
    new CfnOutput(this, 'SecurityHubRuleName', { value: alerts.securityHubRule.ruleName });
  }
}
