import copy
import json
from typing import Any

from support import StackTestCase

KEY = "arn:aws:kms:us-east-1:123456789012:key/abc"
ROLE = "arn:aws:iam::123456789012:role/logs-to-firehose"
TARGET = "arn:aws:firehose:us-east-1:123456789012:deliverystream/archive"
POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111111111111"}, "Action": "logs:PutSubscriptionFilter", "Resource": "*"}],
    }
)
GROUP = {
    "Type": "AWS::Logs::LogGroup",
    "Properties": {"LogGroupName": "/firehose/errors", "KmsKeyId": KEY, "RetentionInDays": 30, "Tags": [{"Key": "team", "Value": "logs"}]},
}
STREAM = {"Type": "AWS::Logs::LogStream", "Properties": {"LogGroupName": {"Ref": "Group"}, "LogStreamName": "S3Delivery"}}
DESTINATION = {
    "Type": "AWS::Logs::Destination",
    "Properties": {"DestinationName": "central", "RoleArn": ROLE, "TargetArn": TARGET, "DestinationPolicy": POLICY},
}


def stack() -> dict[str, Any]:
    return copy.deepcopy({"Group": GROUP, "Stream": STREAM, "Destination": DESTINATION})


class LogGroupTest(StackTestCase):
    def test_creates_the_group_with_its_key_and_retention(self) -> None:
        self.deploy(stack())
        logs = self.client("logs")
        [group] = logs.describe_log_groups(logGroupNamePrefix="/firehose/errors")["logGroups"]
        self.assertEqual(group["kmsKeyId"], KEY)
        self.assertEqual(group["retentionInDays"], 30)
        self.assertEqual(logs.list_tags_log_group(logGroupName="/firehose/errors")["tags"], {"team": "logs"})

    def test_updates_the_retention_and_tags(self) -> None:
        self.deploy(stack())
        changed = stack()
        changed["Group"]["Properties"]["RetentionInDays"] = "90"
        changed["Group"]["Properties"]["Tags"] = [{"Key": "owner", "Value": "ops"}]
        self.update(changed)
        logs = self.client("logs")
        [group] = logs.describe_log_groups(logGroupNamePrefix="/firehose/errors")["logGroups"]
        self.assertEqual(group["retentionInDays"], 90)
        self.assertEqual(group["kmsKeyId"], KEY)
        self.assertEqual(logs.list_tags_log_group(logGroupName="/firehose/errors")["tags"], {"owner": "ops"})


class LogStreamTest(StackTestCase):
    def test_creates_the_stream_in_its_group(self) -> None:
        out = self.deploy(stack(), {"Name": {"Value": {"Ref": "Stream"}}})
        self.assertEqual(out["Name"], "S3Delivery")
        streams = self.client("logs").describe_log_streams(logGroupName="/firehose/errors")["logStreams"]
        self.assertEqual([s["logStreamName"] for s in streams], ["S3Delivery"])

    def test_a_new_name_replaces_the_stream(self) -> None:
        self.deploy(stack())
        changed = stack()
        changed["Stream"]["Properties"]["LogStreamName"] = "Backup"
        self.update(changed)
        streams = self.client("logs").describe_log_streams(logGroupName="/firehose/errors")["logStreams"]
        self.assertEqual([s["logStreamName"] for s in streams], ["Backup"])

    def test_deleting_the_stack_deletes_the_stream_and_group(self) -> None:
        self.deploy(stack())
        self.destroy()
        self.assertEqual(self.client("logs").describe_log_groups()["logGroups"], [])
        [summary] = self.cfn.list_stacks()["StackSummaries"]
        self.assertEqual(summary["StackStatus"], "DELETE_COMPLETE")

    def test_deleting_a_stream_whose_group_is_gone_succeeds(self) -> None:
        logs = self.client("logs")
        logs.create_log_group(logGroupName="/outside")
        self.deploy({"Stream": {"Type": "AWS::Logs::LogStream", "Properties": {"LogGroupName": "/outside", "LogStreamName": "x"}}})
        logs.delete_log_group(logGroupName="/outside")
        self.destroy()
        [summary] = self.cfn.list_stacks()["StackSummaries"]
        self.assertEqual(summary["StackStatus"], "DELETE_COMPLETE")


class DestinationTest(StackTestCase):
    def test_creates_the_destination_with_its_role_target_and_policy(self) -> None:
        out = self.deploy(stack(), {"Name": {"Value": {"Ref": "Destination"}}, "Arn": {"Value": {"Fn::GetAtt": ["Destination", "Arn"]}}})
        self.assertEqual(out, {"Name": "central", "Arn": "arn:aws:logs:us-east-1:123456789012:destination:central"})
        [destination] = self.client("logs").describe_destinations()["destinations"]
        self.assertEqual(destination["destinationName"], "central")
        self.assertEqual(destination["arn"], out["Arn"])
        self.assertEqual(destination["roleArn"], ROLE)
        self.assertEqual(destination["targetArn"], TARGET)
        self.assertEqual(json.loads(destination["accessPolicy"]), json.loads(POLICY))

    def test_updates_the_target_in_place(self) -> None:
        self.deploy(stack())
        changed = stack()
        changed["Destination"]["Properties"]["TargetArn"] = TARGET + "2"
        self.update(changed)
        [destination] = self.client("logs").describe_destinations()["destinations"]
        self.assertEqual(destination["targetArn"], TARGET + "2")

    def test_deleting_the_stack_deletes_the_destination(self) -> None:
        self.deploy(stack())
        self.destroy()
        self.assertEqual(self.client("logs").describe_destinations()["destinations"], [])


if __name__ == "__main__":
    import unittest

    unittest.main()
