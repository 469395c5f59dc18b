import copy
from typing import Any

from support import StackTestCase

KEY = "arn:aws:kms:us-east-1:123456789012:key/abc"
ROLE = "arn:aws:iam::123456789012:role/delivery"
STREAM = {
    "Type": "AWS::KinesisFirehose::DeliveryStream",
    "Properties": {
        "DeliveryStreamName": "archive",
        "DeliveryStreamType": "DirectPut",
        "DeliveryStreamEncryptionConfigurationInput": {"KeyARN": KEY, "KeyType": "CUSTOMER_MANAGED_CMK"},
        "ExtendedS3DestinationConfiguration": {
            "BucketARN": {"Fn::GetAtt": ["Bucket", "Arn"]},
            "RoleARN": ROLE,
            "BufferingHints": {"IntervalInSeconds": "300", "SizeInMBs": 64},
            "CompressionFormat": "GZIP",
            "ErrorOutputPrefix": "errors/!{firehose:error-output-type}/",
            "Prefix": "logs/",
            "EncryptionConfiguration": {"KMSEncryptionConfig": {"AWSKMSKeyARN": KEY}},
            "CloudWatchLoggingOptions": {"Enabled": "true", "LogGroupName": "/firehose", "LogStreamName": "S3Delivery"},
            "ProcessingConfiguration": {
                "Enabled": True,
                "Processors": [
                    {"Type": "Decompression", "Parameters": [{"ParameterName": "CompressionFormat", "ParameterValue": "GZIP"}]},
                    {"Type": "AppendDelimiterToRecord", "Parameters": []},
                ],
            },
        },
        "Tags": [{"Key": "team", "Value": "logs"}],
    },
}
BUCKET = {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "archive-bucket"}}
OUTPUTS = {"Name": {"Value": {"Ref": "Stream"}}, "Arn": {"Value": {"Fn::GetAtt": ["Stream", "Arn"]}}}


def stack() -> dict[str, Any]:
    return copy.deepcopy({"Bucket": BUCKET, "Stream": STREAM})


class DeliveryStreamTest(StackTestCase):
    def describe(self) -> dict[str, Any]:
        return self.client("firehose").describe_delivery_stream(DeliveryStreamName="archive")["DeliveryStreamDescription"]

    def test_creates_the_stream_with_its_s3_destination(self) -> None:
        out = self.deploy(stack(), OUTPUTS)
        self.assertEqual(out, {"Name": "archive", "Arn": "arn:aws:firehose:us-east-1:123456789012:deliverystream/archive"})
        stream = self.describe()
        self.assertEqual(stream["DeliveryStreamARN"], out["Arn"])
        self.assertEqual(stream["DeliveryStreamType"], "DirectPut")
        self.assertEqual(stream["DeliveryStreamStatus"], "ACTIVE")
        self.assertEqual(stream["DeliveryStreamEncryptionConfiguration"]["KeyARN"], KEY)
        self.assertEqual(stream["DeliveryStreamEncryptionConfiguration"]["KeyType"], "CUSTOMER_MANAGED_CMK")
        [destination] = stream["Destinations"]
        s3 = destination["ExtendedS3DestinationDescription"]
        self.assertEqual(s3["BucketARN"], "arn:aws:s3:::archive-bucket")
        self.assertEqual(s3["RoleARN"], ROLE)
        self.assertEqual(s3["BufferingHints"], {"IntervalInSeconds": 300, "SizeInMBs": 64})
        self.assertEqual(s3["ErrorOutputPrefix"], "errors/!{firehose:error-output-type}/")
        self.assertEqual(s3["CloudWatchLoggingOptions"]["Enabled"], True)
        self.assertEqual([p["Type"] for p in s3["ProcessingConfiguration"]["Processors"]], ["Decompression", "AppendDelimiterToRecord"])
        tags = self.client("firehose").list_tags_for_delivery_stream(DeliveryStreamName="archive")["Tags"]
        self.assertEqual(tags, [{"Key": "team", "Value": "logs"}])

    def test_updates_the_destination_encryption_and_tags_in_place(self) -> None:
        self.deploy(stack())
        version = self.describe()["VersionId"]
        changed = stack()
        props = changed["Stream"]["Properties"]
        props["ExtendedS3DestinationConfiguration"]["BufferingHints"] = {"IntervalInSeconds": 60, "SizeInMBs": 64}
        del props["DeliveryStreamEncryptionConfigurationInput"]
        props["Tags"] = [{"Key": "owner", "Value": "ops"}]
        self.update(changed)
        stream = self.describe()
        self.assertEqual(stream["VersionId"], str(int(version) + 1))
        s3 = stream["Destinations"][0]["ExtendedS3DestinationDescription"]
        self.assertEqual(s3["BufferingHints"]["IntervalInSeconds"], 60)
        self.assertEqual(stream["DeliveryStreamEncryptionConfiguration"]["Status"], "DISABLED")
        tags = self.client("firehose").list_tags_for_delivery_stream(DeliveryStreamName="archive")["Tags"]
        self.assertEqual(tags, [{"Key": "owner", "Value": "ops"}])

    def test_a_change_of_tags_leaves_the_destination_alone(self) -> None:
        self.deploy(stack())
        version = self.describe()["VersionId"]
        changed = stack()
        changed["Stream"]["Properties"]["Tags"].append({"Key": "owner", "Value": "ops"})
        self.update(changed)
        stream = self.describe()
        self.assertEqual(stream["VersionId"], version)
        self.assertEqual(stream["DeliveryStreamEncryptionConfiguration"]["KeyARN"], KEY)
        tags = self.client("firehose").list_tags_for_delivery_stream(DeliveryStreamName="archive")["Tags"]
        self.assertEqual(sorted(t["Key"] for t in tags), ["owner", "team"])

    def test_a_new_name_replaces_the_stream(self) -> None:
        self.deploy(stack())
        changed = stack()
        changed["Stream"]["Properties"]["DeliveryStreamName"] = "archive2"
        self.update(changed)
        self.assertEqual(self.client("firehose").list_delivery_streams()["DeliveryStreamNames"], ["archive2"])

    def test_deleting_the_stack_deletes_the_stream(self) -> None:
        self.deploy(stack())
        self.destroy()
        self.assertEqual(self.client("firehose").list_delivery_streams()["DeliveryStreamNames"], [])


if __name__ == "__main__":
    import unittest

    unittest.main()
