from typing import Any

from support import StackTestCase

VPC = {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}}
ALL_OUT = {"CidrIp": "0.0.0.0/0", "IpProtocol": "-1"}


def group(**props: Any) -> dict:
    return {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "test", "VpcId": {"Ref": "Vpc"}, **props}}


# What CDK writes for allowAllOutbound: false: one rule that matches nothing, to replace the default.
NO_EGRESS = {"CidrIp": "255.255.255.255/32", "Description": "Disallow all traffic", "FromPort": 252, "IpProtocol": "icmp", "ToPort": 86}
HTTPS_IN = {"CidrIp": "10.0.0.0/16", "Description": "https from the VPC", "FromPort": 443, "IpProtocol": "tcp", "ToPort": 443}


class GroupsTestCase(StackTestCase):
    """Reads a stack's security groups back through DescribeSecurityGroups."""

    def describe(self, logical: str) -> dict:
        [sg] = self.client("ec2").describe_security_groups(GroupIds=[self.physical_id(logical)])["SecurityGroups"]
        return sg

    def tags(self, logical: str) -> list[dict]:
        return [t for t in self.describe(logical).get("Tags", []) if not t["Key"].startswith("aws:")]

    def egress(self, logical: str) -> list[tuple]:
        return sorted(
            (p["IpProtocol"], p.get("FromPort"), p.get("ToPort"), r.get("CidrIp") or r.get("GroupId"), r.get("Description"))
            for p in self.describe(logical)["IpPermissionsEgress"]
            for r in p["IpRanges"] + p["UserIdGroupPairs"]
        )


class SecurityGroupTest(GroupsTestCase):

    def test_a_group_without_egress_rules_keeps_the_default_allow_all(self) -> None:
        out = self.deploy(
            {"Vpc": VPC, "Sg": group(Tags=[{"Key": "tier", "Value": "web"}])},
            {"Ref": {"Value": {"Ref": "Sg"}}, "GroupId": {"Value": {"Fn::GetAtt": ["Sg", "GroupId"]}}},
        )
        sg = self.describe("Sg")
        self.assertEqual(out["Ref"], sg["GroupId"])
        self.assertEqual(out["GroupId"], sg["GroupId"])
        self.assertEqual(sg["VpcId"], self.physical_id("Vpc"))
        self.assertEqual(self.tags("Sg"), [{"Key": "tier", "Value": "web"}])
        self.assertEqual(self.egress("Sg"), [("-1", None, None, "0.0.0.0/0", None)])

    def test_declared_egress_rules_replace_the_default_allow_all(self) -> None:
        self.deploy({"Vpc": VPC, "Sg": group(SecurityGroupEgress=[NO_EGRESS], SecurityGroupIngress=[HTTPS_IN])})
        self.assertEqual(self.egress("Sg"), [("icmp", 252, 86, "255.255.255.255/32", "Disallow all traffic")])
        [ingress] = self.describe("Sg")["IpPermissions"]
        self.assertEqual((ingress["IpProtocol"], ingress["FromPort"], ingress["ToPort"]), ("tcp", 443, 443))
        self.assertEqual(ingress["IpRanges"], [{"CidrIp": "10.0.0.0/16", "Description": "https from the VPC"}])

    def test_declared_allow_all_egress_is_kept_once(self) -> None:
        self.deploy({"Vpc": VPC, "Sg": group(SecurityGroupEgress=[{**ALL_OUT, "Description": "Allow all outbound traffic by default"}])})
        self.assertEqual(self.egress("Sg"), [("-1", None, None, "0.0.0.0/0", "Allow all outbound traffic by default")])

    def test_ingress_for_all_protocols_and_ipv6(self) -> None:
        rules = [{"CidrIpv6": "::/0", "IpProtocol": "-1"}, {"CidrIp": "10.1.0.0/16", "IpProtocol": "-1"}]
        self.deploy({"Vpc": VPC, "Sg": group(SecurityGroupIngress=rules)})
        [ingress] = self.describe("Sg")["IpPermissions"]
        self.assertEqual(ingress["IpProtocol"], "-1")
        self.assertEqual(ingress["IpRanges"], [{"CidrIp": "10.1.0.0/16"}])
        self.assertEqual(ingress["Ipv6Ranges"], [{"CidrIpv6": "::/0"}])

    def test_updates_rules_and_tags_in_place(self) -> None:
        self.deploy({"Vpc": VPC, "Sg": group(SecurityGroupIngress=[HTTPS_IN], Tags=[{"Key": "a", "Value": "1"}])})
        group_id = self.physical_id("Sg")
        ssh = {**HTTPS_IN, "FromPort": 22, "ToPort": 22, "Description": "ssh"}
        self.update({"Vpc": VPC, "Sg": group(SecurityGroupIngress=[ssh], SecurityGroupEgress=[NO_EGRESS], Tags=[{"Key": "b", "Value": "2"}])})
        self.assertEqual(self.physical_id("Sg"), group_id)
        sg = self.describe("Sg")
        self.assertEqual([(p["FromPort"], p["IpRanges"][0]["Description"]) for p in sg["IpPermissions"]], [(22, "ssh")])
        self.assertEqual(self.egress("Sg"), [("icmp", 252, 86, "255.255.255.255/32", "Disallow all traffic")])
        self.assertEqual(self.tags("Sg"), [{"Key": "b", "Value": "2"}])
        self.assertIn("aws:cloudformation:logical-id", [t["Key"] for t in sg["Tags"]])
        # Dropping the egress rules gives the group its default allow-all back.
        self.update({"Vpc": VPC, "Sg": group(SecurityGroupIngress=[ssh], Tags=[{"Key": "b", "Value": "2"}])})
        self.assertEqual(self.egress("Sg"), [("-1", None, None, "0.0.0.0/0", None)])

    def test_a_new_description_replaces_the_group(self) -> None:
        self.deploy({"Vpc": VPC, "Sg": group()})
        old = self.physical_id("Sg")
        self.update({"Vpc": VPC, "Sg": {**group(), "Properties": {**group()["Properties"], "GroupDescription": "other"}}})
        self.assertNotEqual(self.physical_id("Sg"), old)
        ids = [g["GroupId"] for g in self.client("ec2").describe_security_groups()["SecurityGroups"]]
        self.assertNotIn(old, ids)
        self.assertEqual(self.describe("Sg")["Description"], "other")

    def test_deleting_the_stack_deletes_the_groups(self) -> None:
        self.deploy({"Vpc": VPC, "Sg": group(SecurityGroupEgress=[NO_EGRESS])})
        vpc = self.physical_id("Vpc")
        self.destroy()
        groups = self.client("ec2").describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["SecurityGroups"]
        self.assertEqual(groups, [])


def rule(kind: str, **props: Any) -> dict:
    base = {"GroupId": {"Fn::GetAtt": ["App", "GroupId"]}, "IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "Description": "to the database"}
    return {"Type": f"AWS::EC2::SecurityGroup{kind}", "Properties": {**base, **props}}


PAIR = {"Vpc": VPC, "App": group(SecurityGroupEgress=[NO_EGRESS]), "Db": group()}
EGRESS = rule("Egress", DestinationSecurityGroupId={"Fn::GetAtt": ["Db", "GroupId"]})
INGRESS = rule("Ingress", GroupId={"Fn::GetAtt": ["Db", "GroupId"]}, SourceSecurityGroupId={"Fn::GetAtt": ["App", "GroupId"]})


class SecurityGroupEgressTest(GroupsTestCase):
    def test_adds_the_rule_to_the_group_and_ref_is_the_rule_id(self) -> None:
        out = self.deploy({**PAIR, "Out": EGRESS}, {"Ref": {"Value": {"Ref": "Out"}}, "Id": {"Value": {"Fn::GetAtt": ["Out", "Id"]}}})
        db = self.physical_id("Db")
        self.assertEqual(
            self.egress("App"), [("icmp", 252, 86, "255.255.255.255/32", "Disallow all traffic"), ("tcp", 5432, 5432, db, "to the database")]
        )
        [found] = self.client("ec2").describe_security_group_rules(SecurityGroupRuleIds=[out["Ref"]])["SecurityGroupRules"]
        self.assertEqual(out["Id"], out["Ref"])
        self.assertTrue(found["IsEgress"])
        self.assertEqual(found["GroupId"], self.physical_id("App"))
        self.assertEqual(found["ReferencedGroupInfo"]["GroupId"], db)

    def test_cidr_ipv6_prefix_list_and_all_protocols(self) -> None:
        ec2 = self.client("ec2")
        self.deploy(
            {
                **PAIR,
                "V6": rule("Egress", CidrIpv6="2001:db8::/32", IpProtocol="-1", FromPort=None, ToPort=None),
                "Ports": rule("Egress", CidrIp="10.0.0.0/8", IpProtocol="udp", FromPort=1000, ToPort=2000),
                "Pl": rule("Egress", DestinationPrefixListId="pl-63a5400a", FromPort=443, ToPort=443),
            }
        )
        rules = ec2.describe_security_group_rules(Filters=[{"Name": "group-id", "Values": [self.physical_id("App")]}])["SecurityGroupRules"]
        by_id = {r["SecurityGroupRuleId"]: r for r in rules}
        v6, ports, pl = (by_id[self.physical_id(n)] for n in ("V6", "Ports", "Pl"))
        self.assertEqual((v6["IpProtocol"], v6["CidrIpv6"]), ("-1", "2001:db8::/32"))
        self.assertEqual((ports["IpProtocol"], ports["FromPort"], ports["ToPort"], ports["CidrIpv4"]), ("udp", 1000, 2000, "10.0.0.0/8"))
        self.assertEqual(pl["PrefixListId"], "pl-63a5400a")

    def test_a_changed_port_replaces_the_rule(self) -> None:
        self.deploy({**PAIR, "Out": EGRESS})
        old = self.physical_id("Out")
        self.update({**PAIR, "Out": {**EGRESS, "Properties": {**EGRESS["Properties"], "FromPort": 5433, "ToPort": 5433}}})
        self.assertNotEqual(self.physical_id("Out"), old)
        self.assertEqual([e[1] for e in self.egress("App") if e[0] == "tcp"], [5433])

    def test_removing_the_resource_revokes_the_rule(self) -> None:
        self.deploy({**PAIR, "Out": EGRESS})
        self.update(PAIR)
        self.assertEqual(self.egress("App"), [("icmp", 252, 86, "255.255.255.255/32", "Disallow all traffic")])

    def test_deleting_the_stack_deletes_rules_and_groups(self) -> None:
        self.deploy({**PAIR, "Out": EGRESS, "In": INGRESS})
        vpc = self.physical_id("Vpc")
        self.destroy()
        self.assertEqual(self.client("ec2").describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["SecurityGroups"], [])
        [stack] = self.cfn.list_stacks()["StackSummaries"]
        self.assertEqual(stack["StackStatus"], "DELETE_COMPLETE")


class SecurityGroupIngressTest(GroupsTestCase):
    def test_adds_the_rule_and_ref_is_the_rule_id(self) -> None:
        out = self.deploy({**PAIR, "In": INGRESS}, {"Ref": {"Value": {"Ref": "In"}}, "Id": {"Value": {"Fn::GetAtt": ["In", "Id"]}}})
        [perm] = self.describe("Db")["IpPermissions"]
        self.assertEqual((perm["IpProtocol"], perm["FromPort"], perm["ToPort"]), ("tcp", 5432, 5432))
        self.assertEqual([(g["GroupId"], g["Description"]) for g in perm["UserIdGroupPairs"]], [(self.physical_id("App"), "to the database")])
        [found] = self.client("ec2").describe_security_group_rules(SecurityGroupRuleIds=[out["Ref"]])["SecurityGroupRules"]
        self.assertFalse(found["IsEgress"])
        self.assertEqual(out["Id"], out["Ref"])

    def test_removing_the_resource_revokes_the_rule(self) -> None:
        self.deploy({**PAIR, "In": INGRESS})
        self.update(PAIR)
        self.assertEqual(self.describe("Db")["IpPermissions"], [])


if __name__ == "__main__":
    import unittest

    unittest.main()
