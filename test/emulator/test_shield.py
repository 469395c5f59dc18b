from typing import Any

from support import StackTestCase

DISTRIBUTION_ARN = "arn:aws:cloudfront::123456789012:distribution/E2EXAMPLE"
PROTECTION: dict[str, Any] = {
    "Type": "AWS::Shield::Protection",
    "Properties": {"Name": "edge", "ResourceArn": DISTRIBUTION_ARN, "Tags": [{"Key": "team", "Value": "web"}]},
}
OUTPUTS = {
    "Ref": {"Value": {"Ref": "Protection"}},
    "Arn": {"Value": {"Fn::GetAtt": ["Protection", "ProtectionArn"]}},
    "Id": {"Value": {"Fn::GetAtt": ["Protection", "ProtectionId"]}},
}


class ProtectionTest(StackTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.shield = self.client("shield")

    def test_needs_a_subscription(self) -> None:
        # moto creates a stack's resources within CreateStack, so the resource's error fails the call.
        with self.assertRaisesRegex(Exception, "subscription does not exist"):
            self.deploy({"Protection": PROTECTION})
        self.assertEqual(self.shield.list_protections()["Protections"], [])

    def test_creates_the_protection_for_the_resource(self) -> None:
        self.shield.create_subscription()
        out = self.deploy({"Protection": PROTECTION}, OUTPUTS)
        protection = self.shield.describe_protection(ProtectionId=out["Id"])["Protection"]
        self.assertEqual([protection["Name"], protection["ResourceArn"]], ["edge", DISTRIBUTION_ARN])
        self.assertEqual(out["Ref"], protection["ProtectionArn"])
        self.assertEqual(out["Arn"], protection["ProtectionArn"])
        tags = self.shield.list_tags_for_resource(ResourceARN=out["Arn"])["Tags"]
        self.assertEqual(tags, [{"Key": "team", "Value": "web"}])

    def test_updates_tags_in_place_and_replaces_for_a_new_name(self) -> None:
        self.shield.create_subscription()
        out = self.deploy({"Protection": PROTECTION}, OUTPUTS)
        tagged = {**PROTECTION, "Properties": {**PROTECTION["Properties"], "Tags": [{"Key": "team", "Value": "edge"}]}}
        after = self.update({"Protection": tagged}, OUTPUTS)
        self.assertEqual(after["Id"], out["Id"])
        self.assertEqual(self.shield.list_tags_for_resource(ResourceARN=out["Arn"])["Tags"], [{"Key": "team", "Value": "edge"}])
        renamed = {**PROTECTION, "Properties": {**PROTECTION["Properties"], "Name": "edge-2"}}
        replaced = self.update({"Protection": renamed}, OUTPUTS)
        self.assertNotEqual(replaced["Id"], out["Id"])
        [protection] = self.shield.list_protections()["Protections"]
        self.assertEqual(protection["Name"], "edge-2")

    def test_deleting_the_stack_deletes_the_protection(self) -> None:
        self.shield.create_subscription()
        self.deploy({"Protection": PROTECTION}, OUTPUTS)
        self.destroy()
        self.assertEqual(self.shield.list_protections()["Protections"], [])


if __name__ == "__main__":
    import unittest

    unittest.main()
