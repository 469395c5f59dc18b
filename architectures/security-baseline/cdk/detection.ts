import { Aws } from 'aws-cdk-lib';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import { Construct } from 'constructs';

/** Security Hub CSPM standards this entry can subscribe to, by short name. */
export const STANDARDS: Record<string, string> = {
  fsbp: 'standards/aws-foundational-security-best-practices/v/1.0.0',
  cis: 'standards/cis-aws-foundations-benchmark/v/3.0.0',
  nist: 'standards/nist-800-53/v/5.0.0',
  pci: 'standards/pci-dss/v/4.0.1',
};

/** GuardDuty protection plans turned on for the detector. */
export const PROTECTION_PLANS = [
  'S3_DATA_EVENTS',
  'EKS_AUDIT_LOGS',
  'EBS_MALWARE_PROTECTION',
  'RDS_LOGIN_EVENTS',
  'LAMBDA_NETWORK_LOGS',
] as const;

export interface DetectionProps {
  readonly runtimeMonitoring: boolean;
  readonly standards: readonly string[];
}

/**
 * Threat detection and posture in this (the audit) account: a GuardDuty detector with its protection plans, and
 * Security Hub CSPM with the chosen standards and consolidated control findings.
 */
export class Detection extends Construct {
  readonly detector: guardduty.CfnDetector;
  readonly hub: securityhub.CfnHub;
  readonly standards: securityhub.CfnStandard[];

  constructor(scope: Construct, id: string, props: DetectionProps) {
    super(scope, id);
    const runtime = props.runtimeMonitoring ? 'ENABLED' : 'DISABLED';
    this.detector = new guardduty.CfnDetector(this, 'Detector', {
      enable: true,
      findingPublishingFrequency: 'FIFTEEN_MINUTES',
      features: [
        ...PROTECTION_PLANS.map((name) => ({ name, status: 'ENABLED' })),
        {
          name: 'RUNTIME_MONITORING',
          status: runtime,
          additionalConfiguration: ['EKS_ADDON_MANAGEMENT', 'ECS_FARGATE_AGENT_MANAGEMENT', 'EC2_AGENT_MANAGEMENT'].map((name) => ({
            name,
            status: runtime,
          })),
        },
      ],
    });

    this.hub = new securityhub.CfnHub(this, 'Hub', {
      enableDefaultStandards: false,
      controlFindingGenerator: 'SECURITY_CONTROL',
      autoEnableControls: true,
    });
    this.standards = props.standards.map((short) => {
      const path = STANDARDS[short];
      if (path === undefined) throw new Error(`unknown standard ${short}; use ${Object.keys(STANDARDS).join(', ')}`);
      const standard = new securityhub.CfnStandard(this, `Standard-${short}`, {
        standardsArn: `arn:${Aws.PARTITION}:securityhub:${Aws.REGION}::${path}`,
      });
      standard.addResourceDependency(this.hub);
      return standard;
    });
  }
}
