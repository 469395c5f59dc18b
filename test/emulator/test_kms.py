import json
from typing import Any

from support import StackTestCase

POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {"Sid": "Admin", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "kms:*", "Resource": "*"}
    ],
}
KEY: dict[str, Any] = {
    "Type": "AWS::KMS::Key",
    "Properties": {
        "Description": "data key",
        "KeyPolicy": POLICY,
        "EnableKeyRotation": "true",
        "PendingWindowInDays": "7",
        "Tags": [{"Key": "team", "Value": "data"}],
    },
}
ALIAS: dict[str, Any] = {"Type": "AWS::KMS::Alias", "Properties": {"AliasName": "alias/data", "TargetKeyId": {"Ref": "Key"}}}
OUTPUTS = {
    "Ref": {"Value": {"Ref": "Key"}},
    "Arn": {"Value": {"Fn::GetAtt": ["Key", "Arn"]}},
    "KeyId": {"Value": {"Fn::GetAtt": ["Key", "KeyId"]}},
}


def with_props(resource: dict[str, Any], **props: Any) -> dict[str, Any]:
    return {**resource, "Properties": {**resource["Properties"], **props}}


class KeyTest(StackTestCase):
    def test_creates_the_key_with_its_policy_rotation_and_tags(self) -> None:
        out = self.deploy({"Key": KEY}, OUTPUTS)
        kms = self.client("kms")
        meta = kms.describe_key(KeyId=out["Ref"])["KeyMetadata"]
        self.assertEqual((meta["KeyId"], meta["Arn"]), (out["Ref"], out["Arn"]))
        self.assertEqual(out["KeyId"], out["Ref"])
        self.assertEqual((meta["Description"], meta["Enabled"], meta["KeyState"]), ("data key", True, "Enabled"))
        self.assertEqual((meta["KeySpec"], meta["KeyUsage"]), ("SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT"))
        self.assertEqual(json.loads(kms.get_key_policy(KeyId=out["Ref"], PolicyName="default")["Policy"]), POLICY)
        self.assertIs(kms.get_key_rotation_status(KeyId=out["Ref"])["KeyRotationEnabled"], True)
        self.assertEqual(kms.list_resource_tags(KeyId=out["Ref"])["Tags"], [{"TagKey": "team", "TagValue": "data"}])
        # A key that can be read can be used.
        blob = kms.encrypt(KeyId=out["Arn"], Plaintext=b"secret")["CiphertextBlob"]
        self.assertEqual(kms.decrypt(CiphertextBlob=blob)["Plaintext"], b"secret")

    def test_without_a_policy_the_key_has_the_default_one(self) -> None:
        props = {k: v for k, v in KEY["Properties"].items() if k != "KeyPolicy"}
        out = self.deploy({"Key": {**KEY, "Properties": props}}, OUTPUTS)
        policy = json.loads(self.client("kms").get_key_policy(KeyId=out["Ref"], PolicyName="default")["Policy"])
        self.assertEqual(policy["Statement"][0]["Principal"], {"AWS": "arn:aws:iam::123456789012:root"})

    def test_key_spec_and_usage_and_a_disabled_key(self) -> None:
        signing = with_props(KEY, KeySpec="ECC_NIST_P256", KeyUsage="SIGN_VERIFY", EnableKeyRotation=False, Enabled="false")
        out = self.deploy({"Key": signing}, OUTPUTS)
        meta = self.client("kms").describe_key(KeyId=out["Ref"])["KeyMetadata"]
        self.assertEqual((meta["KeySpec"], meta["KeyUsage"]), ("ECC_NIST_P256", "SIGN_VERIFY"))
        self.assertEqual((meta["Enabled"], meta["KeyState"]), (False, "Disabled"))
        self.assertEqual(meta["SigningAlgorithms"], ["ECDSA_SHA_256"])

    def test_updates_policy_rotation_description_enabled_and_tags_in_place(self) -> None:
        out = self.deploy({"Key": KEY}, OUTPUTS)
        policy = {**POLICY, "Statement": [*POLICY["Statement"], {"Sid": "Read", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:Decrypt", "Resource": "*"}]}
        changed = with_props(
            KEY, KeyPolicy=policy, EnableKeyRotation=False, Description="renamed", Enabled=False, Tags=[{"Key": "owner", "Value": "dba"}]
        )
        again = self.update({"Key": changed}, OUTPUTS)
        self.assertEqual(again["Ref"], out["Ref"])
        kms = self.client("kms")
        meta = kms.describe_key(KeyId=out["Ref"])["KeyMetadata"]
        self.assertEqual((meta["Description"], meta["Enabled"], meta["KeyState"]), ("renamed", False, "Disabled"))
        self.assertEqual(json.loads(kms.get_key_policy(KeyId=out["Ref"], PolicyName="default")["Policy"]), policy)
        self.assertIs(kms.get_key_rotation_status(KeyId=out["Ref"])["KeyRotationEnabled"], False)
        self.assertEqual(kms.list_resource_tags(KeyId=out["Ref"])["Tags"], [{"TagKey": "owner", "TagValue": "dba"}])
        self.update({"Key": KEY}, OUTPUTS)
        meta = kms.describe_key(KeyId=out["Ref"])["KeyMetadata"]
        self.assertEqual((meta["Enabled"], meta["KeyState"]), (True, "Enabled"))

    def test_a_new_key_spec_replaces_the_key(self) -> None:
        out = self.deploy({"Key": KEY}, OUTPUTS)
        again = self.update({"Key": with_props(KEY, KeySpec="RSA_2048", EnableKeyRotation=False)}, OUTPUTS)
        self.assertNotEqual(again["Ref"], out["Ref"])
        kms = self.client("kms")
        self.assertEqual(kms.describe_key(KeyId=again["Ref"])["KeyMetadata"]["KeySpec"], "RSA_2048")
        self.assertEqual(kms.describe_key(KeyId=out["Ref"])["KeyMetadata"]["KeyState"], "PendingDeletion")

    def test_deleting_the_stack_schedules_the_key_deletion(self) -> None:
        out = self.deploy({"Key": KEY}, OUTPUTS)
        self.destroy()
        meta = self.client("kms").describe_key(KeyId=out["Ref"])["KeyMetadata"]
        self.assertEqual((meta["KeyState"], meta["Enabled"]), ("PendingDeletion", False))
        days = (meta["DeletionDate"] - meta["CreationDate"]).total_seconds() / 86400
        self.assertAlmostEqual(days, 7, delta=0.01)  # PendingWindowInDays

    def test_the_pending_window_defaults_to_30_days_and_is_checked(self) -> None:
        props = {k: v for k, v in KEY["Properties"].items() if k != "PendingWindowInDays"}
        out = self.deploy({"Key": {**KEY, "Properties": props}}, OUTPUTS)
        self.destroy()
        meta = self.client("kms").describe_key(KeyId=out["Ref"])["KeyMetadata"]
        self.assertAlmostEqual((meta["DeletionDate"] - meta["CreationDate"]).total_seconds() / 86400, 30, delta=0.01)
        template = json.dumps({"Resources": {"Key": with_props(KEY, PendingWindowInDays=3)}})
        with self.assertRaisesRegex(self.cfn.exceptions.ClientError, "PendingWindowInDays must be between 7 and 30"):
            self.cfn.create_stack(StackName="short", TemplateBody=template)


class AliasTest(StackTestCase):
    def test_creates_the_alias_and_deletes_it_with_the_stack(self) -> None:
        out = self.deploy({"Key": KEY, "Alias": ALIAS}, {**OUTPUTS, "Alias": {"Value": {"Ref": "Alias"}}})
        self.assertEqual(out["Alias"], "alias/data")
        kms = self.client("kms")
        [alias] = [a for a in kms.list_aliases()["Aliases"] if a["AliasName"] == "alias/data"]
        self.assertEqual(alias["TargetKeyId"], out["Ref"])
        self.assertEqual(kms.describe_key(KeyId="alias/data")["KeyMetadata"]["KeyId"], out["Ref"])
        self.destroy()
        self.assertEqual([a for a in kms.list_aliases()["Aliases"] if a["AliasName"] == "alias/data"], [])

    def test_a_new_target_updates_the_alias(self) -> None:
        resources = {"Key": KEY, "Other": KEY, "Alias": ALIAS}
        out = self.deploy(resources, {"Other": {"Value": {"Fn::GetAtt": ["Other", "Arn"]}}})
        self.update({**resources, "Alias": with_props(ALIAS, TargetKeyId={"Fn::GetAtt": ["Other", "Arn"]})}, {"Other": {"Value": {"Fn::GetAtt": ["Other", "Arn"]}}})
        kms = self.client("kms")
        self.assertEqual(kms.describe_key(KeyId="alias/data")["KeyMetadata"]["Arn"], out["Other"])

    def test_a_new_name_replaces_the_alias(self) -> None:
        self.deploy({"Key": KEY, "Alias": ALIAS})
        self.update({"Key": KEY, "Alias": with_props(ALIAS, AliasName="alias/renamed")})
        names = [a["AliasName"] for a in self.client("kms").list_aliases()["Aliases"] if not a["AliasName"].startswith("alias/aws/")]
        self.assertEqual(names, ["alias/renamed"])

    def test_an_alias_name_is_only_given_once(self) -> None:
        self.deploy({"Key": KEY, "Alias": ALIAS})
        template = json.dumps({"Resources": {"Key": KEY, "Alias": ALIAS}})
        with self.assertRaisesRegex(self.cfn.exceptions.ClientError, "alias/data already exists"):
            self.cfn.create_stack(StackName="again", TemplateBody=template)


if __name__ == "__main__":
    import unittest

    unittest.main()
