import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlertsProps {
  /** GuardDuty findings at or above this severity (1 to 10) are sent. */
  readonly minGuardDutySeverity: number;
  readonly alertEmail: string;
}

/**
 * Findings that need a person: GuardDuty findings at or above minGuardDutySeverity and new CRITICAL or HIGH Security
 * Hub findings (which include Inspector's and Config's, aggregated by Security Hub), to an encrypted SNS topic.
 */
export class Alerts extends Construct {
  readonly key: kms.Key;
  readonly topic: sns.Topic;
  readonly guardDutyRule: events.Rule;
  readonly securityHubRule: events.Rule;

  constructor(scope: Construct, id: string, props: AlertsProps) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: 'Encrypts the security findings topic',
      enableKeyRotation: true,
      pendingWindow: Duration.days(7),
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'EventBridgePublishes',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', { masterKey: this.key, enforceSSL: true });
    if (props.alertEmail !== '') this.topic.addSubscription(new subscriptions.EmailSubscription(props.alertEmail));

    this.guardDutyRule = new events.Rule(this, 'GuardDutyFindings', {
      description: `GuardDuty findings of severity ${props.minGuardDutySeverity} or more`,
      eventPattern: {
        source: ['aws.guardduty'],
        detailType: ['GuardDuty Finding'],
        detail: { severity: events.Match.greaterThanOrEqual(props.minGuardDutySeverity) },
      },
      targets: [new targets.SnsTopic(this.topic)],
    });
    this.securityHubRule = new events.Rule(this, 'SecurityHubFindings', {
      description: 'New CRITICAL or HIGH Security Hub findings',
      eventPattern: {
        source: ['aws.securityhub'],
        detailType: ['Security Hub Findings - Imported'],
        detail: {
          findings: {
            Severity: { Label: ['CRITICAL', 'HIGH'] },
            Workflow: { Status: ['NEW'] },
            RecordState: ['ACTIVE'],
          },
        },
      },
      targets: [new targets.SnsTopic(this.topic)],
    });
  }
}
