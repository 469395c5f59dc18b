// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** Domain the application sends from; SES verifies it with Easy DKIM. Default: "example.com". */
  readonly domainName: string;
  /** Label of the custom MAIL FROM domain under domainName, which receives bounces and aligns SPF; it must not be used for other mail. Default: "bounce". */
  readonly mailFromSubdomain: string;
  /** Route 53 public hosted zone of domainName; when set, the stack writes the DKIM, MAIL FROM and DMARC records, otherwise publish the DkimRecord outputs yourself. Default: "". */
  readonly hostedZoneId: string;
  /** DMARC policy to publish at _dmarc.domainName with hostedZoneId; off writes no record, for domains that already have one. Default: "off". */
  readonly dmarcPolicy: "off" | "none" | "quarantine" | "reject";
  /** Mailbox that receives DMARC aggregate reports (rua); empty asks for none. Default: "". */
  readonly dmarcReportAddress: string;
  /** REQUIRE delivers only over TLS and bounces the rest; OPTIONAL falls back to plain SMTP for receivers without TLS. Default: "OPTIONAL". */
  readonly tlsPolicy: "OPTIONAL" | "REQUIRE";
  /** How long SES keeps retrying a message that receivers defer, before it reports a bounce; SES's own default is 14 hours. Default: 60. */
  readonly maxDeliveryMinutes: number;
  /** Soft bounces within softBounceWindowDays after which an address is suppressed in the table and in SES's account-level list. Default: 3. */
  readonly softBounceLimit: number;
  /** Days over which soft bounces of one address are counted. Default: 7. */
  readonly softBounceWindowDays: number;
  /** Account bounce rate that raises the alarm; it must stay below SES's review rate of 5 percent. Default: 4. */
  readonly bounceRateAlarmPercent: number;
  /** Account complaint rate that raises the alarm; it must stay below SES's review rate of 0.1 percent. Default: 0.08. */
  readonly complaintRateAlarmPercent: number;
  /** ARN of an SNS topic in this Region that the alarms notify; empty creates the alarms without actions. Default: "". */
  readonly alarmTopicArn: string;
  /** Turn on deletion protection and keep the suppression table when the stack is deleted; false deletes it with the stack. Default: true. */
  readonly retainTable: boolean;
  /** Retention of the function's log group in CloudWatch Logs. Default: 30. */
  readonly logRetentionDays: 7 | 14 | 30 | 90 | 180 | 365;
}
