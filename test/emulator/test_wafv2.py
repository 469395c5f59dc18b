from typing import Any

from support import StackTestCase


def visibility(name: str) -> dict[str, Any]:
    return {"SampledRequestsEnabled": "true", "CloudWatchMetricsEnabled": True, "MetricName": name}


WEB_ACL = {
    "Type": "AWS::WAFv2::WebACL",
    "Properties": {
        "Name": "edge",
        "Scope": "CLOUDFRONT",
        "Description": "in front of the distribution",
        "DefaultAction": {"Allow": {}},
        "VisibilityConfig": visibility("edge"),
        "Rules": [
            {
                "Name": "common",
                "Priority": "0",
                "OverrideAction": {"None": {}},
                "Statement": {"ManagedRuleGroupStatement": {"VendorName": "AWS", "Name": "AWSManagedRulesCommonRuleSet"}},
                "VisibilityConfig": visibility("common"),
            },
            {
                "Name": "rate",
                "Priority": 1,
                "Action": {"Block": {}},
                "Statement": {"RateBasedStatement": {"Limit": "2000", "AggregateKeyType": "IP", "EvaluationWindowSec": 300}},
                "VisibilityConfig": visibility("rate"),
            },
        ],
        "Tags": [{"Key": "team", "Value": "web"}],
    },
}
OUTPUTS = {
    "Ref": {"Value": {"Ref": "Acl"}},
    "Arn": {"Value": {"Fn::GetAtt": ["Acl", "Arn"]}},
    "Id": {"Value": {"Fn::GetAtt": ["Acl", "Id"]}},
    "Capacity": {"Value": {"Fn::GetAtt": ["Acl", "Capacity"]}},
    "LabelNamespace": {"Value": {"Fn::GetAtt": ["Acl", "LabelNamespace"]}},
}


class WebACLTest(StackTestCase):
    def get(self, out: dict[str, str]) -> dict[str, Any]:
        return self.client("wafv2").get_web_acl(Name="edge", Scope="CLOUDFRONT", Id=out["Id"])["WebACL"]  # type: ignore[no-any-return]

    def test_creates_the_web_acl_with_the_templates_rules(self) -> None:
        out = self.deploy({"Acl": WEB_ACL}, OUTPUTS)
        acl = self.get(out)
        self.assertEqual(acl["ARN"], out["Arn"])
        self.assertEqual(acl["Description"], "in front of the distribution")
        self.assertEqual(acl["DefaultAction"], {"Allow": {}})
        self.assertEqual(acl["VisibilityConfig"]["SampledRequestsEnabled"], True)
        [common, rate] = acl["Rules"]
        self.assertEqual([common["Name"], common["Priority"]], ["common", 0])
        self.assertEqual(common["Statement"]["ManagedRuleGroupStatement"]["Name"], "AWSManagedRulesCommonRuleSet")
        self.assertEqual(rate["Action"], {"Block": {}})
        self.assertEqual(rate["Statement"]["RateBasedStatement"], {"Limit": 2000, "AggregateKeyType": "IP", "EvaluationWindowSec": 300})
        tags = self.client("wafv2").list_tags_for_resource(ResourceARN=out["Arn"])["TagInfoForResource"]["TagList"]
        self.assertEqual(tags, [{"Key": "team", "Value": "web"}])

    def test_ref_and_getatt_return_the_web_acls_values(self) -> None:
        out = self.deploy({"Acl": WEB_ACL}, OUTPUTS)
        acl = self.get(out)
        self.assertEqual(out["Ref"], f"edge|{acl['Id']}|CLOUDFRONT")
        self.assertIn(":global/webacl/edge/", out["Arn"])
        self.assertEqual(out["Capacity"], str(acl["Capacity"]))
        self.assertEqual(out["LabelNamespace"], acl["LabelNamespace"])

    def test_updates_the_web_acl_in_place(self) -> None:
        out = self.deploy({"Acl": WEB_ACL}, OUTPUTS)
        props = {**WEB_ACL["Properties"], "Rules": WEB_ACL["Properties"]["Rules"][1:], "Tags": [{"Key": "team", "Value": "edge"}]}
        after = self.update({"Acl": {**WEB_ACL, "Properties": props}}, OUTPUTS)
        self.assertEqual(after["Arn"], out["Arn"])
        self.assertEqual([r["Name"] for r in self.get(out)["Rules"]], ["rate"])
        tags = self.client("wafv2").list_tags_for_resource(ResourceARN=out["Arn"])["TagInfoForResource"]["TagList"]
        self.assertEqual(tags, [{"Key": "team", "Value": "edge"}])

    def test_a_regional_web_acl_lives_in_the_stacks_region(self) -> None:
        props = {**WEB_ACL["Properties"], "Scope": "REGIONAL"}
        out = self.deploy({"Acl": {**WEB_ACL, "Properties": props}}, OUTPUTS)
        self.assertIn(":us-east-1:", out["Arn"])
        self.assertNotIn(":global/", out["Arn"])
        self.assertEqual(len(self.client("wafv2").list_web_acls(Scope="REGIONAL")["WebACLs"]), 1)

    def test_deleting_the_stack_deletes_the_web_acl(self) -> None:
        self.deploy({"Acl": WEB_ACL}, OUTPUTS)
        self.destroy()
        self.assertEqual(self.client("wafv2").list_web_acls(Scope="CLOUDFRONT")["WebACLs"], [])


if __name__ == "__main__":
    import unittest

    unittest.main()
