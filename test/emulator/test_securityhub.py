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
