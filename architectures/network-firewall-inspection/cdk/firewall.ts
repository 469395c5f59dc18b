import { Fn, RemovalPolicy } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as nfw from 'aws-cdk-lib/aws-networkfirewall';
import { Construct } from 'constructs';

/** Suricata sid of the rule between spokes; fixed so that alerts can be searched for it. */
export const SPOKE_RULE_SID = 1000001;
/** Capacity of the domain allowlist: 50 domains, each matched on TLS SNI and HTTP Host. Capacity cannot change. */
export const DOMAIN_CAPACITY = 100;
export const MAX_DOMAINS = DOMAIN_CAPACITY / 2;

export interface InspectionFirewallProps {
  /** Prefix of the firewall, policy and rule group names: the stack name. */
  readonly namePrefix: string;
  readonly vpcId: string;
  /** One firewall subnet per Availability Zone, in zone order. */
  readonly subnets: readonly ec2.ISubnet[];
  /** CIDR blocks of the spokes: HOME_NET, the addresses the policy protects. */
  readonly spokeCidrs: readonly string[];
  /** Domains the spokes may reach over TLS (SNI) or HTTP (Host); a leading dot includes subdomains. */
  readonly allowedDomains: readonly string[];
  /** Pass traffic between spokes instead of dropping and alerting on it. */
  readonly spokeToSpoke: boolean;
  readonly deleteProtection: boolean;
  readonly logRetention: logs.RetentionDays;
}

/**
 * AWS Network Firewall for the inspection VPC: one firewall policy in strict rule order, a rule group for
 * traffic between spokes and a domain allowlist for egress, and one firewall per Availability Zone, each
 * with a single endpoint in that zone's firewall subnet, logging alerts and flows to retained log groups.
 *
 * Why one firewall per zone: a firewall with several subnets returns its endpoint ids in no particular
 * order (GetAtt EndpointIds), so a template cannot tell which endpoint is in which zone without a custom
 * resource. A firewall with one subnet has exactly one. Network Firewall bills per endpoint, so the cost is
 * the same; the quota of 5 firewalls per Region is the price.
 */
export class InspectionFirewall extends Construct {
  readonly policy: nfw.CfnFirewallPolicy;
  readonly firewalls: nfw.CfnFirewall[];
  /** Endpoint id of the firewall of zone i. */
  readonly endpointIds: string[];
  readonly alertLogGroup: logs.LogGroup;
  readonly flowLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: InspectionFirewallProps) {
    super(scope, id);
    const name = props.namePrefix;
    const homeNet = { definition: [...props.spokeCidrs] };

    // Priority 100: traffic between spokes, decided before any egress rule.
    const action = props.spokeToSpoke ? 'pass' : 'drop';
    const spokeRules = new nfw.CfnRuleGroup(this, 'SpokeTrafficRules', {
      ruleGroupName: `${name}-spoke-traffic`,
      type: 'STATEFUL',
      capacity: 10,
      description: props.spokeToSpoke
        ? 'Passes traffic between spokes; the flow log records it'
        : 'Drops traffic between spokes and writes an alert for it',
      ruleGroup: {
        ruleVariables: { ipSets: { SPOKES: homeNet } },
        rulesSource: {
          rulesString: `${action} ip $SPOKES any -> $SPOKES any (msg:"spoke to spoke ${props.spokeToSpoke ? 'passed' : 'denied'}"; sid:${SPOKE_RULE_SID}; rev:1;)`,
        },
        statefulRuleOptions: { ruleOrder: 'STRICT_ORDER' },
      },
    });

    // Priority 200: egress only to the listed domains, matched on the TLS SNI and the HTTP Host header.
    const domainRules = new nfw.CfnRuleGroup(this, 'EgressDomainRules', {
      ruleGroupName: `${name}-egress-domains`,
      type: 'STATEFUL',
      capacity: DOMAIN_CAPACITY,
      description: 'Domains the spokes may reach on the internet; everything else is dropped by the policy default',
      ruleGroup: {
        // HOME_NET must be the spokes: the default is the inspection VPC's own CIDR, which no inspected flow starts from.
        ruleVariables: { ipSets: { HOME_NET: homeNet } },
        rulesSource: {
          rulesSourceList: {
            generatedRulesType: 'ALLOWLIST',
            targetTypes: ['TLS_SNI', 'HTTP_HOST'],
            targets: [...props.allowedDomains],
          },
        },
        statefulRuleOptions: { ruleOrder: 'STRICT_ORDER' },
      },
    });

    this.policy = new nfw.CfnFirewallPolicy(this, 'Policy', {
      firewallPolicyName: `${name}-policy`,
      description: 'Strict order: spoke traffic rules, then the egress domain allowlist, then drop and alert',
      firewallPolicy: {
        // Every packet goes to the stateful engine; there are no stateless rules to bypass it.
        statelessDefaultActions: ['aws:forward_to_sfe'],
        statelessFragmentDefaultActions: ['aws:forward_to_sfe'],
        statefulEngineOptions: { ruleOrder: 'STRICT_ORDER', streamExceptionPolicy: 'DROP' },
        statefulRuleGroupReferences: [
          { resourceArn: spokeRules.attrRuleGroupArn, priority: 100 },
          { resourceArn: domainRules.attrRuleGroupArn, priority: 200 },
        ],
        // drop_established, not drop_strict: the TCP handshake must pass for the SNI or Host to be seen.
        statefulDefaultActions: ['aws:drop_established', 'aws:alert_established'],
        policyVariables: { ruleVariables: { HOME_NET: homeNet } },
      },
    });

    const retained = { retention: props.logRetention, removalPolicy: RemovalPolicy.RETAIN };
    // Alerts: every dropped or alerted flow, with the rule that matched. Evidence; it outlives the network.
    this.alertLogGroup = new logs.LogGroup(this, 'AlertLogGroup', retained);
    // Flows: every flow the stateful engine saw, passed or not.
    this.flowLogGroup = new logs.LogGroup(this, 'FlowLogGroup', retained);

    this.firewalls = props.subnets.map((subnet, i) => {
      const firewall = new nfw.CfnFirewall(this, `FirewallAz${i + 1}`, {
        firewallName: `${name}-az${i + 1}`,
        description: `Inspection firewall of Availability Zone ${i + 1}`,
        firewallPolicyArn: this.policy.attrFirewallPolicyArn,
        vpcId: props.vpcId,
        subnetMappings: [{ subnetId: subnet.subnetId }],
        deleteProtection: props.deleteProtection,
        subnetChangeProtection: true,
        firewallPolicyChangeProtection: false,
      });
      new nfw.CfnLoggingConfiguration(this, `LoggingAz${i + 1}`, {
        firewallArn: firewall.attrFirewallArn,
        loggingConfiguration: {
          logDestinationConfigs: [
            {
              logType: 'ALERT',
              logDestinationType: 'CloudWatchLogs',
              logDestination: { logGroup: this.alertLogGroup.logGroupName },
            },
            {
              logType: 'FLOW',
              logDestinationType: 'CloudWatchLogs',
              logDestination: { logGroup: this.flowLogGroup.logGroupName },
            },
          ],
        },
      });
      return firewall;
    });
    // "us-east-1a:vpce-0123…": the only endpoint of each single-subnet firewall.
    this.endpointIds = this.firewalls.map((f) => Fn.select(1, Fn.split(':', Fn.select(0, f.attrEndpointIds))));
  }
}
