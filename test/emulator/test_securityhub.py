from support import StackTestCase

HUB = {"Type": "AWS::SecurityHub::Hub", "Properties": {"EnableDefaultStandards": False, "Tags": {"purpose": "cspm"}}}
OUTPUTS = {"Ref": {"Value": {"Ref": "Hub"}}, "Arn": {"Value": {"Fn::GetAtt": ["Hub", "ARN"]}}}


class HubTest(StackTestCase):
    def test_enables_security_hub_in_the_account(self) -> None:
        out = self.deploy({"Hub": HUB}, OUTPUTS)
        hub = self.client("securityhub").describe_hub()
        self.assertEqual(hub["HubArn"], out["Ref"])
        self.assertEqual(out["Arn"], out["Ref"])
        self.assertRegex(out["Ref"], r"^arn:aws:securityhub:us-east-1:\d{12}:hub/default$")
        self.assertEqual(hub["ControlFindingGenerator"], "SECURITY_CONTROL")

    def test_an_update_keeps_the_hub(self) -> None:
        out = self.deploy({"Hub": HUB}, OUTPUTS)
        new = self.update({"Hub": {**HUB, "Properties": {**HUB["Properties"], "Tags": {"purpose": "audit"}}}}, OUTPUTS)
        # The hub stays the same (DescribeHub returns no tags, and moto has no ListTagsForResource for it).
        self.assertEqual(new["Ref"], out["Ref"])
        self.assertEqual(self.client("securityhub").describe_hub()["HubArn"], out["Ref"])

    def test_deleting_the_stack_disables_security_hub(self) -> None:
        self.deploy({"Hub": HUB}, OUTPUTS)
        self.destroy()
        sh = self.client("securityhub")
        with self.assertRaises(sh.exceptions.InvalidAccessException):
            sh.describe_hub()


FSBP = "arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0"
CIS = "arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/3.0.0"


def standard(arn: str) -> dict:
    return {
        "Type": "AWS::SecurityHub::Standard",
        "DependsOn": "Hub",
        "Properties": {
            "StandardsArn": arn,
            "DisabledStandardsControls": [{"StandardsControlArn": f"{arn}/IAM.6", "Reason": "hardware MFA not used"}],
        },
    }


class StandardTest(StackTestCase):
    OUTPUTS = {
        "Fsbp": {"Value": {"Ref": "Fsbp"}},
        "FsbpArn": {"Value": {"Fn::GetAtt": ["Fsbp", "StandardsSubscriptionArn"]}},
        "Cis": {"Value": {"Ref": "Cis"}},
    }

    def test_subscribes_the_hub_to_each_standard(self) -> None:
        out = self.deploy({"Hub": HUB, "Fsbp": standard(FSBP), "Cis": standard(CIS)}, self.OUTPUTS)
        enabled = self.client("securityhub").get_enabled_standards()["StandardsSubscriptions"]
        self.assertEqual({s["StandardsArn"] for s in enabled}, {FSBP, CIS})
        self.assertEqual({s["StandardsSubscriptionArn"] for s in enabled}, {out["Fsbp"], out["Cis"]})
        self.assertEqual(out["FsbpArn"], out["Fsbp"])
        self.assertRegex(out["Fsbp"], r"^arn:aws:securityhub:us-east-1:\d{12}:subscription/aws-foundational-security-best-practices/v/1\.0\.0$")
        self.assertTrue(all(s["StandardsStatus"] == "READY" for s in enabled))

    def test_an_update_to_another_standard_replaces_the_subscription(self) -> None:
        out = self.deploy({"Hub": HUB, "Fsbp": standard(FSBP), "Cis": standard(CIS)}, self.OUTPUTS)
        nist = "arn:aws:securityhub:us-east-1::standards/nist-800-53/v/5.0.0"
        new = self.update({"Hub": HUB, "Fsbp": standard(FSBP), "Cis": standard(nist)}, self.OUTPUTS)
        enabled = self.client("securityhub").get_enabled_standards()["StandardsSubscriptions"]
        self.assertEqual({s["StandardsArn"] for s in enabled}, {FSBP, nist})
        self.assertNotEqual(new["Cis"], out["Cis"])

    def test_refuses_an_unknown_standards_arn_and_deleting_the_stack_unsubscribes(self) -> None:
        with self.assertRaises(Exception):
            self.deploy({"Hub": HUB, "Bad": standard("arn:aws:iam::aws:policy/nope")}, name="bad")
        self.deploy({"Hub": HUB, "Fsbp": standard(FSBP), "Cis": standard(CIS)}, self.OUTPUTS)
        self.destroy()
        sh = self.client("securityhub")
        sh.enable_security_hub(EnableDefaultStandards=False)
        self.assertEqual(sh.get_enabled_standards()["StandardsSubscriptions"], [])
