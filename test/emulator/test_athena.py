import copy
from typing import Any

from support import StackTestCase

KEY = "arn:aws:kms:us-east-1:123456789012:key/abc"
WORKGROUP = {
    "Type": "AWS::Athena::WorkGroup",
    "Properties": {
        "Name": "analysts",
        "Description": "at most 10 GB a query",
        "State": "ENABLED",
        "RecursiveDeleteOption": True,
        "Tags": [{"Key": "team", "Value": "data"}],
        "WorkGroupConfiguration": {
            "BytesScannedCutoffPerQuery": "10737418240",
            "EnforceWorkGroupConfiguration": "true",
            "EngineVersion": {"SelectedEngineVersion": "Athena engine version 3"},
            "PublishCloudWatchMetricsEnabled": True,
            "ResultConfiguration": {
                "EncryptionConfiguration": {"EncryptionOption": "SSE_KMS", "KmsKey": KEY},
                "ExpectedBucketOwner": {"Ref": "AWS::AccountId"},
                "OutputLocation": "s3://results-bucket/",
            },
        },
    },
}
ARN = "arn:aws:athena:us-east-1:123456789012:workgroup/analysts"


def workgroup() -> dict[str, Any]:
    return copy.deepcopy(WORKGROUP)


class WorkGroupTest(StackTestCase):
    def test_creates_the_workgroup_with_its_enforced_configuration(self) -> None:
        out = self.deploy(
            {"WorkGroup": workgroup()},
            {
                "Name": {"Value": {"Ref": "WorkGroup"}},
                "Engine": {"Value": {"Fn::GetAtt": ["WorkGroup", "WorkGroupConfiguration.EngineVersion.EffectiveEngineVersion"]}},
            },
        )
        self.assertEqual(out, {"Name": "analysts", "Engine": "Athena engine version 3"})
        athena = self.client("athena")
        wg = athena.get_work_group(WorkGroup="analysts")["WorkGroup"]
        self.assertEqual(wg["State"], "ENABLED")
        self.assertEqual(wg["Description"], "at most 10 GB a query")
        config = wg["Configuration"]
        self.assertIs(config["EnforceWorkGroupConfiguration"], True)
        self.assertEqual(config["BytesScannedCutoffPerQuery"], 10737418240)
        self.assertIs(config["PublishCloudWatchMetricsEnabled"], True)
        result = config["ResultConfiguration"]
        self.assertEqual(result["OutputLocation"], "s3://results-bucket/")
        self.assertEqual(result["EncryptionConfiguration"], {"EncryptionOption": "SSE_KMS", "KmsKey": KEY})
        self.assertEqual(result["ExpectedBucketOwner"], "123456789012")
        self.assertEqual(athena.list_tags_for_resource(ResourceARN=ARN)["Tags"], [{"Key": "team", "Value": "data"}])

    def test_a_disabled_workgroup_is_disabled(self) -> None:
        wg = workgroup()
        wg["Properties"]["State"] = "DISABLED"
        self.deploy({"WorkGroup": wg})
        self.assertEqual(self.client("athena").get_work_group(WorkGroup="analysts")["WorkGroup"]["State"], "DISABLED")

    def test_updates_the_configuration(self) -> None:
        self.deploy({"WorkGroup": workgroup()})
        changed = workgroup()
        changed["Properties"]["WorkGroupConfiguration"]["BytesScannedCutoffPerQuery"] = 1073741824
        self.update({"WorkGroup": changed})
        athena = self.client("athena")
        config = athena.get_work_group(WorkGroup="analysts")["WorkGroup"]["Configuration"]
        self.assertEqual(config["BytesScannedCutoffPerQuery"], 1073741824)
        self.assertEqual([w["Name"] for w in athena.list_work_groups()["WorkGroups"]], ["primary", "analysts"])

    def test_deleting_the_stack_deletes_the_workgroup(self) -> None:
        self.deploy({"WorkGroup": workgroup()})
        self.destroy()
        athena = self.client("athena")
        self.assertEqual([w["Name"] for w in athena.list_work_groups()["WorkGroups"]], ["primary"])
        self.assertEqual(athena.list_tags_for_resource(ResourceARN=ARN).get("Tags", []), [])


if __name__ == "__main__":
    import unittest

    unittest.main()
