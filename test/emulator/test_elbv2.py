from typing import Any

from support import StackTestCase


def with_props(resource: dict[str, Any], **props: Any) -> dict[str, Any]:
    return {**resource, "Properties": {**resource["Properties"], **props}}


def subnet(cidr: str, zone: str) -> dict[str, Any]:
    return {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": cidr, "AvailabilityZone": zone}}


NETWORK = {
    "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
    "SubnetA": subnet("10.0.0.0/24", "us-east-1a"),
    "SubnetB": subnet("10.0.1.0/24", "us-east-1b"),
    "Sg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "lb", "VpcId": {"Ref": "Vpc"}}},
}
BALANCER = {
    "Type": "AWS::ElasticLoadBalancingV2::LoadBalancer",
    "Properties": {
        "Scheme": "internal",
        "Type": "application",
        "Subnets": [{"Ref": "SubnetA"}, {"Ref": "SubnetB"}],
        "SecurityGroups": [{"Fn::GetAtt": ["Sg", "GroupId"]}],
        "LoadBalancerAttributes": [
            {"Key": "deletion_protection.enabled", "Value": "false"},
            {"Key": "routing.http.drop_invalid_header_fields.enabled", "Value": "true"},
            {"Key": "zonal_shift.config.enabled", "Value": "true"},
            {"Key": "idle_timeout.timeout_seconds", "Value": 120},
        ],
        "Tags": [{"Key": "release", "Value": "r1"}],
    },
}
TARGETS = {
    "Type": "AWS::ElasticLoadBalancingV2::TargetGroup",
    "Properties": {
        "Port": "8080",
        "Protocol": "HTTP",
        "TargetType": "ip",
        "VpcId": {"Ref": "Vpc"},
        "HealthCheckPath": "/health",
        "HealthCheckIntervalSeconds": "10",
        "HealthCheckTimeoutSeconds": 5,
        "HealthyThresholdCount": 2,
        "UnhealthyThresholdCount": "3",
        "Matcher": {"HttpCode": "200"},
        "TargetGroupAttributes": [
            {"Key": "deregistration_delay.timeout_seconds", "Value": "30"},
            {"Key": "load_balancing.algorithm.type", "Value": "weighted_random"},
            {"Key": "load_balancing.algorithm.anomaly_mitigation", "Value": "on"},
        ],
        "Tags": [{"Key": "release", "Value": "r1"}],
    },
}
LISTENER = {
    "Type": "AWS::ElasticLoadBalancingV2::Listener",
    "Properties": {
        "LoadBalancerArn": {"Ref": "Lb"},
        "Port": 80,
        "Protocol": "HTTP",
        "DefaultActions": [{"Type": "forward", "TargetGroupArn": {"Ref": "Targets"}}],
    },
}
RULE = {
    "Type": "AWS::ElasticLoadBalancingV2::ListenerRule",
    "Properties": {
        "ListenerArn": {"Ref": "Listener"},
        "Priority": "10",
        "Conditions": [{"Field": "path-pattern", "PathPatternConfig": {"Values": ["/api/*"]}}],
        "Actions": [
            {
                "Type": "forward",
                "ForwardConfig": {"TargetGroups": [{"TargetGroupArn": {"Ref": "Targets"}, "Weight": "1"}]},
                "Order": "1",
            }
        ],
    },
}
OUTPUTS = {
    "Lb": {"Value": {"Ref": "Lb"}},
    "LbArn": {"Value": {"Fn::GetAtt": ["Lb", "LoadBalancerArn"]}},
    "LbFullName": {"Value": {"Fn::GetAtt": ["Lb", "LoadBalancerFullName"]}},
    "LbName": {"Value": {"Fn::GetAtt": ["Lb", "LoadBalancerName"]}},
    "LbDns": {"Value": {"Fn::GetAtt": ["Lb", "DNSName"]}},
    "LbZone": {"Value": {"Fn::GetAtt": ["Lb", "CanonicalHostedZoneID"]}},
    "LbSgs": {"Value": {"Fn::Join": [",", {"Fn::GetAtt": ["Lb", "SecurityGroups"]}]}},
    "Tg": {"Value": {"Ref": "Targets"}},
    "TgArn": {"Value": {"Fn::GetAtt": ["Targets", "TargetGroupArn"]}},
    "TgFullName": {"Value": {"Fn::GetAtt": ["Targets", "TargetGroupFullName"]}},
    "TgName": {"Value": {"Fn::GetAtt": ["Targets", "TargetGroupName"]}},
    "TgLbs": {"Value": {"Fn::Join": [",", {"Fn::GetAtt": ["Targets", "LoadBalancerArns"]}]}},
    "Listener": {"Value": {"Ref": "Listener"}},
    "ListenerArn": {"Value": {"Fn::GetAtt": ["Listener", "ListenerArn"]}},
    "Rule": {"Value": {"Ref": "Rule"}},
    "RuleArn": {"Value": {"Fn::GetAtt": ["Rule", "RuleArn"]}},
}


class Elbv2TestCase(StackTestCase):
    def stack(self, **changes: Any) -> dict[str, Any]:
        return {**NETWORK, "Lb": BALANCER, "Targets": TARGETS, "Listener": LISTENER, "Rule": RULE, **changes}

    def test_creates_the_load_balancer_with_its_type_attributes_and_tags(self) -> None:
        out = self.deploy(self.stack(), OUTPUTS)
        elb = self.client("elbv2")
        [lb] = elb.describe_load_balancers(LoadBalancerArns=[out["Lb"]])["LoadBalancers"]
        self.assertEqual(lb["Scheme"], "internal")
        self.assertEqual(lb["Type"], "application")
        self.assertEqual(lb["SecurityGroups"], [self.physical_id("Sg")])
        self.assertEqual(sorted(z["SubnetId"] for z in lb["AvailabilityZones"]), sorted([self.physical_id("SubnetA"), self.physical_id("SubnetB")]))
        attributes = {a["Key"]: a["Value"] for a in elb.describe_load_balancer_attributes(LoadBalancerArn=out["Lb"])["Attributes"]}
        self.assertEqual(attributes["zonal_shift.config.enabled"], "true")
        self.assertEqual(attributes["routing.http.drop_invalid_header_fields.enabled"], "true")
        self.assertEqual(attributes["idle_timeout.timeout_seconds"], "120")
        [tags] = elb.describe_tags(ResourceArns=[out["Lb"]])["TagDescriptions"]
        self.assertEqual(tags["Tags"], [{"Key": "release", "Value": "r1"}])

    def test_load_balancer_ref_and_attributes(self) -> None:
        out = self.deploy(self.stack(), OUTPUTS)
        [lb] = self.client("elbv2").describe_load_balancers(LoadBalancerArns=[out["Lb"]])["LoadBalancers"]
        self.assertEqual(out["Lb"], lb["LoadBalancerArn"])
        self.assertEqual(out["LbArn"], lb["LoadBalancerArn"])
        self.assertEqual(out["LbName"], lb["LoadBalancerName"])
        self.assertEqual(out["LbFullName"], f"app/{lb['LoadBalancerName']}/{lb['LoadBalancerArn'].rsplit('/', 1)[1]}")
        self.assertEqual(out["LbDns"], lb["DNSName"])
        self.assertEqual(out["LbZone"], lb["CanonicalHostedZoneId"])
        self.assertEqual(out["LbSgs"], self.physical_id("Sg"))

    def test_creates_the_target_group_with_its_health_check_attributes_and_tags(self) -> None:
        out = self.deploy(self.stack(), OUTPUTS)
        elb = self.client("elbv2")
        [tg] = elb.describe_target_groups(TargetGroupArns=[out["Tg"]])["TargetGroups"]
        self.assertEqual((tg["Port"], tg["Protocol"], tg["TargetType"]), (8080, "HTTP", "ip"))
        self.assertEqual(tg["VpcId"], self.physical_id("Vpc"))
        self.assertEqual(tg["HealthCheckPath"], "/health")
        self.assertEqual(tg["HealthCheckIntervalSeconds"], 10)
        self.assertEqual(tg["HealthCheckTimeoutSeconds"], 5)
        self.assertEqual(tg["HealthyThresholdCount"], 2)
        self.assertEqual(tg["UnhealthyThresholdCount"], 3)
        self.assertEqual(tg["Matcher"], {"HttpCode": "200"})
        attributes = {a["Key"]: a["Value"] for a in elb.describe_target_group_attributes(TargetGroupArn=out["Tg"])["Attributes"]}
        self.assertEqual(attributes["deregistration_delay.timeout_seconds"], "30")
        self.assertEqual(attributes["load_balancing.algorithm.type"], "weighted_random")
        self.assertEqual(attributes["load_balancing.algorithm.anomaly_mitigation"], "on")
        [tags] = elb.describe_tags(ResourceArns=[out["Tg"]])["TagDescriptions"]
        self.assertEqual(tags["Tags"], [{"Key": "release", "Value": "r1"}])

    def test_target_group_ref_and_attributes(self) -> None:
        out = self.deploy(self.stack(), OUTPUTS)
        [tg] = self.client("elbv2").describe_target_groups(TargetGroupArns=[out["Tg"]])["TargetGroups"]
        self.assertEqual(out["TgArn"], tg["TargetGroupArn"])
        self.assertEqual(out["TgName"], tg["TargetGroupName"])
        self.assertEqual(out["TgFullName"], f"targetgroup/{tg['TargetGroupName']}/{tg['TargetGroupArn'].rsplit('/', 1)[1]}")
        self.assertEqual(out["TgLbs"], out["Lb"])
        self.assertEqual(tg["LoadBalancerArns"], [out["Lb"]])

    def test_creates_the_listener_and_rule(self) -> None:
        out = self.deploy(self.stack(), OUTPUTS)
        elb = self.client("elbv2")
        [listener] = elb.describe_listeners(LoadBalancerArn=out["Lb"])["Listeners"]
        self.assertEqual(listener["ListenerArn"], out["Listener"])
        self.assertEqual(out["ListenerArn"], out["Listener"])
        self.assertEqual((listener["Port"], listener["Protocol"]), (80, "HTTP"))
        self.assertEqual(listener["DefaultActions"][0]["TargetGroupArn"], out["Tg"])
        rules = elb.describe_rules(ListenerArn=out["Listener"])["Rules"]
        [rule] = [r for r in rules if not r["IsDefault"]]
        self.assertEqual(rule["RuleArn"], out["Rule"])
        self.assertEqual(out["RuleArn"], out["Rule"])
        self.assertEqual(rule["Priority"], "10")
        self.assertEqual(rule["Actions"][0]["ForwardConfig"]["TargetGroups"], [{"TargetGroupArn": out["Tg"], "Weight": 1}])

    def test_a_lambda_target_group_registers_its_targets(self) -> None:
        role = {
            "Type": "AWS::IAM::Role",
            "Properties": {
                "AssumeRolePolicyDocument": {
                    "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]
                }
            },
        }
        fn = {
            "Type": "AWS::Lambda::Function",
            "Properties": {
                "Runtime": "python3.12",
                "Handler": "index.handler",
                "Role": {"Fn::GetAtt": ["Role", "Arn"]},
                "Code": {"ZipFile": "def handler(e, c): return {}"},
            },
        }
        targets = {
            "Type": "AWS::ElasticLoadBalancingV2::TargetGroup",
            "Properties": {
                "TargetType": "lambda",
                "HealthCheckEnabled": "true",
                "HealthCheckPath": "/health",
                "HealthCheckIntervalSeconds": 35,
                "HealthCheckTimeoutSeconds": 30,
                "Targets": [{"Id": {"Fn::GetAtt": ["Fn", "Arn"]}}],
            },
        }
        out = self.deploy({"Role": role, "Fn": fn, "Targets": targets}, {"Tg": {"Value": {"Ref": "Targets"}}, "Fn": {"Value": {"Fn::GetAtt": ["Fn", "Arn"]}}})
        elb = self.client("elbv2")
        [tg] = elb.describe_target_groups(TargetGroupArns=[out["Tg"]])["TargetGroups"]
        self.assertEqual(tg["TargetType"], "lambda")
        self.assertTrue(tg["HealthCheckEnabled"])
        health = elb.describe_target_health(TargetGroupArn=out["Tg"])["TargetHealthDescriptions"]
        self.assertEqual([h["Target"]["Id"] for h in health], [out["Fn"]])

    def test_updates_attributes_health_check_and_tags_in_place(self) -> None:
        out = self.deploy(self.stack(), OUTPUTS)
        lb = with_props(
            BALANCER,
            LoadBalancerAttributes=[{"Key": "zonal_shift.config.enabled", "Value": "false"}],
            Tags=[{"Key": "release", "Value": "r2"}],
        )
        tg = with_props(
            TARGETS,
            HealthCheckPath="/ready",
            TargetGroupAttributes=[{"Key": "deregistration_delay.timeout_seconds", "Value": "60"}],
            Tags=[],
        )
        rule = with_props(RULE, Priority=20)
        after = self.update(self.stack(Lb=lb, Targets=tg, Rule=rule), OUTPUTS)
        self.assertEqual((after["Lb"], after["Tg"], after["Rule"]), (out["Lb"], out["Tg"], out["Rule"]))
        elb = self.client("elbv2")
        attributes = {a["Key"]: a["Value"] for a in elb.describe_load_balancer_attributes(LoadBalancerArn=out["Lb"])["Attributes"]}
        self.assertEqual(attributes["zonal_shift.config.enabled"], "false")
        self.assertEqual(elb.describe_tags(ResourceArns=[out["Lb"]])["TagDescriptions"][0]["Tags"], [{"Key": "release", "Value": "r2"}])
        [group] = elb.describe_target_groups(TargetGroupArns=[out["Tg"]])["TargetGroups"]
        self.assertEqual(group["HealthCheckPath"], "/ready")
        attributes = {a["Key"]: a["Value"] for a in elb.describe_target_group_attributes(TargetGroupArn=out["Tg"])["Attributes"]}
        self.assertEqual(attributes["deregistration_delay.timeout_seconds"], "60")
        self.assertEqual(elb.describe_tags(ResourceArns=[out["Tg"]])["TagDescriptions"][0]["Tags"], [])
        [r] = elb.describe_rules(RuleArns=[out["Rule"]])["Rules"]
        self.assertEqual(r["Priority"], "20")

    def test_a_new_port_replaces_the_target_group(self) -> None:
        out = self.deploy({**NETWORK, "Targets": TARGETS}, {"Tg": {"Value": {"Ref": "Targets"}}})
        after = self.update({**NETWORK, "Targets": with_props(TARGETS, Port=9090)}, {"Tg": {"Value": {"Ref": "Targets"}}})
        self.assertNotEqual(after["Tg"], out["Tg"])
        [tg] = self.client("elbv2").describe_target_groups()["TargetGroups"]
        self.assertEqual((tg["TargetGroupArn"], tg["Port"]), (after["Tg"], 9090))

    def test_deleting_the_stack_deletes_them_all(self) -> None:
        self.deploy(self.stack(), OUTPUTS)
        self.destroy()
        elb = self.client("elbv2")
        self.assertEqual(elb.describe_load_balancers()["LoadBalancers"], [])
        self.assertEqual(elb.describe_target_groups()["TargetGroups"], [])
        [stack] = self.cfn.list_stacks()["StackSummaries"]
        self.assertEqual(stack["StackStatus"], "DELETE_COMPLETE")

    def test_deleting_the_listener_and_rule_alone(self) -> None:
        out = self.deploy(self.stack(), OUTPUTS)
        self.update({**NETWORK, "Lb": BALANCER, "Targets": TARGETS}, {"Lb": {"Value": {"Ref": "Lb"}}})
        elb = self.client("elbv2")
        self.assertEqual(elb.describe_listeners(LoadBalancerArn=out["Lb"])["Listeners"], [])
        [tg] = elb.describe_target_groups(TargetGroupArns=[out["Tg"]])["TargetGroups"]
        self.assertEqual(tg.get("LoadBalancerArns", []), [])
        self.destroy()
        self.assertEqual(elb.describe_target_groups()["TargetGroups"], [])


if __name__ == "__main__":
    import unittest

    unittest.main()
