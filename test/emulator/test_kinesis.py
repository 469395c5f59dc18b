from support import StackTestCase

KEY = {"Type": "AWS::KMS::Key", "Properties": {"Description": "stream key"}}


def stream(**props: object) -> dict[str, object]:
    return {
        "Type": "AWS::Kinesis::Stream",
        "Properties": {
            "StreamModeDetails": {"StreamMode": "ON_DEMAND"},
            "StreamEncryption": {"EncryptionType": "KMS", "KeyId": {"Fn::GetAtt": ["Key", "Arn"]}},
            "RetentionPeriodHours": 48,
            "Tags": [{"Key": "team", "Value": "data"}],
            **props,
        },
    }


OUTPUTS = {"Name": {"Value": {"Ref": "Stream"}}, "Arn": {"Value": {"Fn::GetAtt": ["Stream", "Arn"]}}}


class StreamTest(StackTestCase):
    def test_creates_an_encrypted_on_demand_stream_with_the_templates_retention(self) -> None:
        out = self.deploy({"Key": KEY, "Stream": stream()}, OUTPUTS)
        kinesis = self.client("kinesis")
        summary = kinesis.describe_stream_summary(StreamName=out["Name"])["StreamDescriptionSummary"]
        self.assertEqual(summary["StreamARN"], out["Arn"])
        self.assertEqual(summary["StreamModeDetails"], {"StreamMode": "ON_DEMAND"})
        self.assertEqual(summary["EncryptionType"], "KMS")
        key_arn = self.client("kms").describe_key(KeyId=self.physical_id("Key"))["KeyMetadata"]["Arn"]
        self.assertEqual(summary["KeyId"], key_arn)
        self.assertEqual(summary["RetentionPeriodHours"], 48)
        tags = kinesis.list_tags_for_stream(StreamName=out["Name"])["Tags"]
        self.assertEqual(tags, [{"Key": "team", "Value": "data"}])

    def test_a_provisioned_stream_has_its_shards_and_shard_level_metrics(self) -> None:
        props = stream(
            StreamModeDetails={"StreamMode": "PROVISIONED"},
            ShardCount="3",
            DesiredShardLevelMetrics=["IncomingBytes", "IteratorAgeMilliseconds"],
        )
        out = self.deploy({"Key": KEY, "Stream": props}, OUTPUTS)
        summary = self.client("kinesis").describe_stream_summary(StreamName=out["Name"])["StreamDescriptionSummary"]
        self.assertEqual(summary["StreamModeDetails"], {"StreamMode": "PROVISIONED"})
        self.assertEqual(summary["OpenShardCount"], 3)
        metrics = summary["EnhancedMonitoring"][0]["ShardLevelMetrics"]
        self.assertEqual(sorted(metrics), ["IncomingBytes", "IteratorAgeMilliseconds"])

    def test_updates_mode_retention_encryption_and_tags_in_place(self) -> None:
        out = self.deploy({"Key": KEY, "Stream": stream()}, OUTPUTS)
        changed = stream(StreamModeDetails={"StreamMode": "PROVISIONED"}, ShardCount=2, RetentionPeriodHours=24, Tags=[])
        del changed["Properties"]["StreamEncryption"]  # type: ignore[index]
        out2 = self.update({"Key": KEY, "Stream": changed}, OUTPUTS)
        self.assertEqual(out2["Arn"], out["Arn"])
        kinesis = self.client("kinesis")
        summary = kinesis.describe_stream_summary(StreamName=out["Name"])["StreamDescriptionSummary"]
        self.assertEqual(summary["StreamModeDetails"], {"StreamMode": "PROVISIONED"})
        self.assertEqual(summary["EncryptionType"], "NONE")
        self.assertEqual(summary["RetentionPeriodHours"], 24)
        self.assertEqual(kinesis.list_tags_for_stream(StreamName=out["Name"])["Tags"], [])

    def test_a_new_name_replaces_the_stream(self) -> None:
        out = self.deploy({"Key": KEY, "Stream": stream(Name="first")}, OUTPUTS)
        out2 = self.update({"Key": KEY, "Stream": stream(Name="second")}, OUTPUTS)
        self.assertEqual((out["Name"], out2["Name"]), ("first", "second"))
        self.assertEqual(self.client("kinesis").list_streams()["StreamNames"], ["second"])

    def test_deleting_the_stack_deletes_the_stream(self) -> None:
        self.deploy({"Key": KEY, "Stream": stream()})
        self.destroy()
        self.assertEqual(self.client("kinesis").list_streams()["StreamNames"], [])


if __name__ == "__main__":
    import unittest

    unittest.main()
