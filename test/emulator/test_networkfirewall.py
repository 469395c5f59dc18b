from typing import Any

from support import StackTestCase

VPC = {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/24"}}


def subnet(cidr: str, zone: str) -> dict[str, Any]:
    return {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": cidr, "AvailabilityZone": zone}}


DOMAINS: dict[str, Any] = {
    "Type": "AWS::NetworkFirewall::RuleGroup",
    "Properties": {
        "RuleGroupName": "egress-domains",
        "Type": "STATEFUL",
        "Capacity": "100",
        "Description": "Domains spokes may reach",
        "RuleGroup": {
            "RuleVariables": {"IPSets": {"HOME_NET": {"Definition": ["10.1.0.0/16"]}}},
            "RulesSource": {
                "RulesSourceList": {
                    "GeneratedRulesType": "ALLOWLIST",
                    "TargetTypes": ["TLS_SNI", "HTTP_HOST"],
                    "Targets": [".amazonaws.com"],
                }
            },
            "StatefulRuleOptions": {"RuleOrder": "STRICT_ORDER"},
        },
        "Tags": [{"Key": "team", "Value": "network"}],
    },
}
SURICATA: dict[str, Any] = {
    "Type": "AWS::NetworkFirewall::RuleGroup",
    "Properties": {
        "RuleGroupName": "spokes",
        "Type": "STATEFUL",
        "Capacity": 10,
        "RuleGroup": {
            "RulesSource": {"RulesString": 'drop ip 10.1.0.0/16 any -> 10.2.0.0/16 any (msg:"spoke"; sid:1;)'},
            "StatefulRuleOptions": {"RuleOrder": "STRICT_ORDER"},
        },
    },
}


def policy(*groups: tuple[str, str]) -> dict[str, Any]:
    return {
        "Type": "AWS::NetworkFirewall::FirewallPolicy",
        "Properties": {
            "FirewallPolicyName": "inspection",
            "FirewallPolicy": {
                "StatelessDefaultActions": ["aws:forward_to_sfe"],
                "StatelessFragmentDefaultActions": ["aws:forward_to_sfe"],
                "StatefulEngineOptions": {"RuleOrder": "STRICT_ORDER", "StreamExceptionPolicy": "DROP"},
                "StatefulDefaultActions": ["aws:drop_established", "aws:alert_established"],
                "StatefulRuleGroupReferences": [
                    {"ResourceArn": {"Ref": logical}, "Priority": priority} for logical, priority in groups
                ],
                "PolicyVariables": {"RuleVariables": {"HOME_NET": {"Definition": ["10.0.0.0/8"]}}},
            },
        },
    }


def firewall(**extra: Any) -> dict[str, Any]:
    return {
        "Type": "AWS::NetworkFirewall::Firewall",
        "Properties": {
            "FirewallName": "inspection",
            "FirewallPolicyArn": {"Ref": "Policy"},
            "VpcId": {"Ref": "Vpc"},
            "SubnetMappings": [{"SubnetId": {"Ref": "SubnetA"}}, {"SubnetId": {"Ref": "SubnetB"}}],
            "DeleteProtection": "false",
            "Description": "central inspection",
            **extra,
        },
    }


LOGGING: dict[str, Any] = {
    "Type": "AWS::NetworkFirewall::LoggingConfiguration",
    "Properties": {
        "FirewallArn": {"Ref": "Firewall"},
        "LoggingConfiguration": {
            "LogDestinationConfigs": [
                {"LogType": "ALERT", "LogDestinationType": "CloudWatchLogs", "LogDestination": {"logGroup": "alerts"}},
                {"LogType": "FLOW", "LogDestinationType": "CloudWatchLogs", "LogDestination": {"logGroup": "flows"}},
            ]
        },
    },
}


def stack(**overrides: Any) -> dict[str, Any]:
    resources: dict[str, Any] = {
        "Vpc": VPC,
        "SubnetA": subnet("10.0.0.0/28", "us-east-1a"),
        "SubnetB": subnet("10.0.0.16/28", "us-east-1b"),
        "Domains": DOMAINS,
        "Spokes": SURICATA,
        "Policy": policy(("Spokes", "100"), ("Domains", "200")),
        "Firewall": firewall(),
        "Logging": LOGGING,
    }
    resources.update(overrides)
    return resources


OUTPUTS = {
    "FirewallRef": {"Value": {"Ref": "Firewall"}},
    "FirewallArn": {"Value": {"Fn::GetAtt": ["Firewall", "FirewallArn"]}},
    "FirewallId": {"Value": {"Fn::GetAtt": ["Firewall", "FirewallId"]}},
    "Endpoints": {"Value": {"Fn::Join": [",", {"Fn::GetAtt": ["Firewall", "EndpointIds"]}]}},
    "PolicyRef": {"Value": {"Ref": "Policy"}},
    "PolicyArn": {"Value": {"Fn::GetAtt": ["Policy", "FirewallPolicyArn"]}},
    "PolicyId": {"Value": {"Fn::GetAtt": ["Policy", "FirewallPolicyId"]}},
    "GroupRef": {"Value": {"Ref": "Domains"}},
    "GroupArn": {"Value": {"Fn::GetAtt": ["Domains", "RuleGroupArn"]}},
    "GroupId": {"Value": {"Fn::GetAtt": ["Domains", "RuleGroupId"]}},
    "LoggingRef": {"Value": {"Ref": "Logging"}},
}


class NetworkFirewallTest(StackTestCase):
    def test_creates_the_firewall_with_an_endpoint_per_subnet(self) -> None:
        out = self.deploy(stack(), OUTPUTS)
        nfw = self.client("network-firewall")
        described = nfw.describe_firewall(FirewallName="inspection")
        fw = described["Firewall"]
        self.assertEqual(out["FirewallRef"], fw["FirewallArn"])
        self.assertEqual(out["FirewallArn"], fw["FirewallArn"])
        self.assertEqual(out["FirewallId"], fw["FirewallId"])
        self.assertEqual(fw["FirewallPolicyArn"], out["PolicyArn"])
        self.assertEqual(fw["VpcId"], self.physical_id("Vpc"))
        self.assertFalse(fw["DeleteProtection"])
        self.assertEqual(fw["Description"], "central inspection")
        sync = described["FirewallStatus"]["SyncStates"]
        self.assertEqual(sorted(sync), ["us-east-1a", "us-east-1b"])
        self.assertEqual(sync["us-east-1a"]["Attachment"]["SubnetId"], self.physical_id("SubnetA"))
        expected = sorted(f"{zone}:{s['Attachment']['EndpointId']}" for zone, s in sync.items())
        self.assertEqual(sorted(out["Endpoints"].split(",")), expected)
        endpoint_id = sync["us-east-1b"]["Attachment"]["EndpointId"]
        endpoint = self.client("ec2").describe_vpc_endpoints(VpcEndpointIds=[endpoint_id])["VpcEndpoints"][0]
        self.assertEqual(endpoint["VpcEndpointType"], "GatewayLoadBalancer")
        self.assertEqual(endpoint["SubnetIds"], [self.physical_id("SubnetB")])

    def test_a_route_can_target_a_firewall_endpoint(self) -> None:
        table = {"Type": "AWS::EC2::RouteTable", "Properties": {"VpcId": {"Ref": "Vpc"}}}
        endpoint = {
            "Fn::Select": [1, {"Fn::Split": [":", {"Fn::Select": [0, {"Fn::GetAtt": ["Firewall", "EndpointIds"]}]}]}]
        }
        route = {
            "Type": "AWS::EC2::Route",
            "Properties": {"RouteTableId": {"Ref": "Table"}, "DestinationCidrBlock": "0.0.0.0/0", "VpcEndpointId": endpoint},
        }
        single = firewall(SubnetMappings=[{"SubnetId": {"Ref": "SubnetA"}}])
        self.deploy(stack(Firewall=single, Table=table, Route=route))
        routes = self.client("ec2").describe_route_tables(RouteTableIds=[self.physical_id("Table")])["RouteTables"][0]["Routes"]
        targets = [r.get("GatewayId") or r.get("VpcEndpointId") for r in routes if r.get("DestinationCidrBlock") == "0.0.0.0/0"]
        self.assertEqual(len(targets), 1)
        self.assertTrue(str(targets[0]).startswith("vpce-"))

    def test_creates_the_policy_in_strict_order_with_its_rule_groups(self) -> None:
        out = self.deploy(stack(), OUTPUTS)
        nfw = self.client("network-firewall")
        described = nfw.describe_firewall_policy(FirewallPolicyArn=out["PolicyRef"])
        body = described["FirewallPolicy"]
        self.assertEqual(out["PolicyRef"], out["PolicyArn"])
        self.assertEqual(out["PolicyId"], described["FirewallPolicyResponse"]["FirewallPolicyId"])
        self.assertEqual(body["StatefulEngineOptions"]["RuleOrder"], "STRICT_ORDER")
        self.assertEqual(body["StatefulDefaultActions"], ["aws:drop_established", "aws:alert_established"])
        refs = body["StatefulRuleGroupReferences"]
        self.assertEqual([r["Priority"] for r in refs], [100, 200])
        self.assertEqual(refs[1]["ResourceArn"], out["GroupArn"])
        self.assertEqual(body["PolicyVariables"]["RuleVariables"]["HOME_NET"]["Definition"], ["10.0.0.0/8"])
        self.assertEqual(described["FirewallPolicyResponse"]["ConsumedStatefulRuleCapacity"], 110)

        group = nfw.describe_rule_group(RuleGroupArn=out["GroupRef"])
        self.assertEqual(out["GroupRef"], out["GroupArn"])
        self.assertEqual(out["GroupId"], group["RuleGroupResponse"]["RuleGroupId"])
        self.assertEqual(group["RuleGroupResponse"]["Capacity"], 100)
        self.assertEqual(group["RuleGroupResponse"]["Type"], "STATEFUL")
        self.assertEqual(group["RuleGroup"]["RulesSource"]["RulesSourceList"]["Targets"], [".amazonaws.com"])
        self.assertEqual(group["RuleGroup"]["StatefulRuleOptions"]["RuleOrder"], "STRICT_ORDER")
        tags = nfw.list_tags_for_resource(ResourceArn=out["GroupArn"])["Tags"]
        self.assertEqual(tags, [{"Key": "team", "Value": "network"}])

    def test_logs_alerts_and_flows(self) -> None:
        out = self.deploy(stack(), OUTPUTS)
        logging = self.client("network-firewall").describe_logging_configuration(FirewallArn=out["FirewallArn"])
        self.assertEqual(out["LoggingRef"], out["FirewallArn"])
        configs = logging["LoggingConfiguration"]["LogDestinationConfigs"]
        self.assertEqual({c["LogType"]: c["LogDestination"]["logGroup"] for c in configs}, {"ALERT": "alerts", "FLOW": "flows"})

    def test_a_policy_that_mixes_rule_orders_is_refused(self) -> None:
        default_order = {
            **SURICATA,
            "Properties": {
                **SURICATA["Properties"],
                "RuleGroup": {"RulesSource": SURICATA["Properties"]["RuleGroup"]["RulesSource"]},
            },
        }
        with self.assertRaises(Exception) as refused:
            self.deploy(stack(Spokes=default_order))
        self.assertIn("rule order", str(refused.exception))

    def test_an_update_changes_the_rules_domains_and_protection(self) -> None:
        out = self.deploy(stack(), OUTPUTS)
        domains = {
            **DOMAINS,
            "Properties": {
                **DOMAINS["Properties"],
                "RuleGroup": {
                    **DOMAINS["Properties"]["RuleGroup"],
                    "RulesSource": {
                        "RulesSourceList": {
                            "GeneratedRulesType": "ALLOWLIST",
                            "TargetTypes": ["TLS_SNI"],
                            "Targets": [".amazonaws.com", ".github.com"],
                        }
                    },
                },
            },
        }
        new_policy = policy(("Spokes", "100"), ("Domains", "300"))
        after = self.update(
            stack(Domains=domains, Policy=new_policy, Firewall=firewall(DeleteProtection="true", Description="changed")),
            OUTPUTS,
        )
        self.assertEqual(after["FirewallArn"], out["FirewallArn"])
        self.assertEqual(after["GroupArn"], out["GroupArn"])
        nfw = self.client("network-firewall")
        group = nfw.describe_rule_group(RuleGroupArn=out["GroupArn"])["RuleGroup"]
        self.assertEqual(group["RulesSource"]["RulesSourceList"]["Targets"], [".amazonaws.com", ".github.com"])
        refs = nfw.describe_firewall_policy(FirewallPolicyArn=out["PolicyArn"])["FirewallPolicy"]["StatefulRuleGroupReferences"]
        self.assertEqual([r["Priority"] for r in refs], [100, 300])
        fw = nfw.describe_firewall(FirewallArn=out["FirewallArn"])["Firewall"]
        self.assertTrue(fw["DeleteProtection"])
        self.assertEqual(fw["Description"], "changed")
        with self.assertRaises(Exception) as refused:
            nfw.delete_firewall(FirewallArn=out["FirewallArn"])
        self.assertIn("InvalidOperationException", str(refused.exception))
        with self.assertRaises(Exception) as in_use:
            nfw.delete_firewall_policy(FirewallPolicyArn=out["PolicyArn"])
        self.assertIn("InvalidOperationException", str(in_use.exception))

    def test_deleting_the_stack_removes_everything(self) -> None:
        out = self.deploy(stack(), OUTPUTS)
        nfw = self.client("network-firewall")
        endpoint_ids = [s.split(":")[1] for s in out["Endpoints"].split(",")]
        self.destroy()
        self.assertEqual(nfw.list_firewalls()["Firewalls"], [])
        self.assertEqual(nfw.list_firewall_policies()["FirewallPolicies"], [])
        self.assertEqual(nfw.list_rule_groups(Type="STATEFUL")["RuleGroups"], [])
        endpoints = self.client("ec2").describe_vpc_endpoints(VpcEndpointIds=endpoint_ids)["VpcEndpoints"]
        self.assertEqual({e["State"].lower() for e in endpoints}, {"deleted"})
