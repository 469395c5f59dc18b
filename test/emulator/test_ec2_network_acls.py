from typing import Any

from support import StackTestCase

VPC = {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}}
SUBNET = {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.0.1.0/24"}}
ACL = {
    "Type": "AWS::EC2::NetworkAcl",
    "Properties": {"VpcId": {"Ref": "Vpc"}, "Tags": [{"Key": "Name", "Value": "dmz"}]},
}
HTTPS_IN = {
    "Type": "AWS::EC2::NetworkAclEntry",
    "Properties": {
        "NetworkAclId": {"Ref": "Acl"},
        "RuleNumber": 120,
        "Protocol": 6,
        "RuleAction": "allow",
        "Egress": False,
        "CidrBlock": "0.0.0.0/0",
        "PortRange": {"From": 443, "To": 443},
    },
}
ICMP_OUT = {
    "Type": "AWS::EC2::NetworkAclEntry",
    "Properties": {
        "NetworkAclId": {"Ref": "Acl"},
        "RuleNumber": "150",
        "Protocol": "1",
        "RuleAction": "allow",
        "Egress": "true",
        "CidrBlock": "0.0.0.0/0",
        "Icmp": {"Code": 4, "Type": 3},
    },
}
ASSOCIATION = {
    "Type": "AWS::EC2::SubnetNetworkAclAssociation",
    "Properties": {"NetworkAclId": {"Ref": "Acl"}, "SubnetId": {"Ref": "Subnet"}},
}
OUTPUTS = {
    "Acl": {"Value": {"Ref": "Acl"}},
    "AclId": {"Value": {"Fn::GetAtt": ["Acl", "Id"]}},
    "Entry": {"Value": {"Ref": "HttpsIn"}},
    "EntryId": {"Value": {"Fn::GetAtt": ["HttpsIn", "Id"]}},
    "Association": {"Value": {"Ref": "Association"}},
    "AssociationId": {"Value": {"Fn::GetAtt": ["Association", "AssociationId"]}},
}


def stack(**overrides: Any) -> dict[str, Any]:
    resources = {"Vpc": VPC, "Subnet": SUBNET, "Acl": ACL, "HttpsIn": HTTPS_IN, "IcmpOut": ICMP_OUT, "Association": ASSOCIATION}
    resources.update(overrides)
    return {k: v for k, v in resources.items() if v is not None}


def with_props(resource: dict[str, Any], **props: Any) -> dict[str, Any]:
    return {**resource, "Properties": {**resource["Properties"], **props}}


class NetworkAclTest(StackTestCase):
    def acl(self, acl_id: str) -> dict[str, Any]:
        [acl] = self.client("ec2").describe_network_acls(NetworkAclIds=[acl_id])["NetworkAcls"]
        return acl  # type: ignore[no-any-return]

    def acl_of_subnet(self, subnet_id: str) -> dict[str, Any]:
        [acl] = self.client("ec2").describe_network_acls(Filters=[{"Name": "association.subnet-id", "Values": [subnet_id]}])["NetworkAcls"]
        return acl  # type: ignore[no-any-return]

    def test_creates_the_acl_in_the_vpc_with_its_tags(self) -> None:
        out = self.deploy(stack(), OUTPUTS)
        acl = self.acl(out["Acl"])
        self.assertEqual(out["AclId"], out["Acl"])
        self.assertTrue(out["Acl"].startswith("acl-"))
        self.assertEqual(acl["VpcId"], self.physical_id("Vpc"))
        self.assertFalse(acl["IsDefault"])
        self.assertIn({"Key": "Name", "Value": "dmz"}, acl["Tags"])

    def test_creates_the_entries_with_the_templates_rules(self) -> None:
        out = self.deploy(stack(), OUTPUTS)
        entries = {(e["RuleNumber"], e["Egress"]): e for e in self.acl(out["Acl"])["Entries"]}
        https = entries[(120, False)]
        self.assertEqual(https["Protocol"], "6")
        self.assertEqual(https["RuleAction"], "allow")
        self.assertEqual(https["CidrBlock"], "0.0.0.0/0")
        self.assertEqual(https["PortRange"], {"From": 443, "To": 443})
        icmp = entries[(150, True)]
        self.assertEqual(icmp["Protocol"], "1")
        self.assertEqual(icmp["IcmpTypeCode"], {"Code": 4, "Type": 3})
        self.assertEqual(len(entries), 2)
        self.assertEqual(out["Entry"], out["EntryId"])
        self.assertIn("HttpsIn", out["Entry"])

    def test_associates_the_subnet_with_the_acl_instead_of_the_default(self) -> None:
        out = self.deploy(stack(), OUTPUTS)
        subnet = self.physical_id("Subnet")
        acl = self.acl_of_subnet(subnet)
        self.assertEqual(acl["NetworkAclId"], out["Acl"])
        [association] = [a for a in acl["Associations"] if a["SubnetId"] == subnet]
        self.assertEqual(association["NetworkAclAssociationId"], out["Association"])
        self.assertEqual(out["AssociationId"], out["Association"])

    def test_updates_an_entry_in_place_and_replaces_it_for_a_new_rule_number(self) -> None:
        out = self.deploy(stack(), OUTPUTS)
        self.update(stack(HttpsIn=with_props(HTTPS_IN, PortRange={"From": 8443, "To": 8443}, RuleAction="deny")), OUTPUTS)
        entries = {(e["RuleNumber"], e["Egress"]): e for e in self.acl(out["Acl"])["Entries"]}
        self.assertEqual(entries[(120, False)]["PortRange"], {"From": 8443, "To": 8443})
        self.assertEqual(entries[(120, False)]["RuleAction"], "deny")
        self.update(stack(HttpsIn=with_props(HTTPS_IN, RuleNumber=125)), OUTPUTS)
        entries = {(e["RuleNumber"], e["Egress"]): e for e in self.acl(out["Acl"])["Entries"]}
        self.assertEqual(sorted(entries), [(125, False), (150, True)])

    def test_updates_the_acls_tags(self) -> None:
        out = self.deploy(stack(), OUTPUTS)
        self.update(stack(Acl=with_props(ACL, Tags=[{"Key": "Name", "Value": "edge"}])), OUTPUTS)
        tags = self.acl(out["Acl"])["Tags"]
        self.assertIn({"Key": "Name", "Value": "edge"}, tags)
        self.assertNotIn({"Key": "Name", "Value": "dmz"}, tags)

    def test_removing_the_association_gives_the_subnet_back_to_the_default_acl(self) -> None:
        out = self.deploy(stack(), OUTPUTS)
        outputs = {k: v for k, v in OUTPUTS.items() if not k.startswith("Association")}
        self.update(stack(Association=None), outputs)
        acl = self.acl_of_subnet(self.physical_id("Subnet"))
        self.assertTrue(acl["IsDefault"])
        self.assertEqual(self.acl(out["Acl"])["Associations"], [])

    def test_deleting_the_stack_deletes_the_acl_its_entries_and_the_vpcs_default_acl(self) -> None:
        ec2 = self.client("ec2")
        before = {a["NetworkAclId"] for a in ec2.describe_network_acls()["NetworkAcls"]}
        self.deploy(stack(), OUTPUTS)
        self.destroy()
        after = {a["NetworkAclId"] for a in ec2.describe_network_acls()["NetworkAcls"]}
        self.assertEqual(after, before)


if __name__ == "__main__":
    import unittest

    unittest.main()
