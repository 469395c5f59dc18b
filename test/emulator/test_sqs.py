import json

from support import StackTestCase

# Properties given, even empty: moto adds an empty one to a resource without, which then differs
# from the next template and makes moto replace the resource on every update.
QUEUE = {"Type": "AWS::SQS::Queue", "Properties": {}}
TOPIC = {"Type": "AWS::SNS::Topic", "Properties": {}}


def only_the_topic(queue: str) -> dict:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "OnlyTheTopic",
                "Action": "sqs:SendMessage",
                "Condition": {"ArnEquals": {"aws:SourceArn": {"Ref": "Topic"}}},
                "Effect": "Allow",
                "Principal": {"Service": "sns.amazonaws.com"},
                "Resource": {"Fn::GetAtt": [queue, "Arn"]},
            }
        ],
    }


POLICY = {"Type": "AWS::SQS::QueuePolicy", "Properties": {"PolicyDocument": only_the_topic("Queue"), "Queues": [{"Ref": "Queue"}]}}


class QueuePolicyTest(StackTestCase):
    def policy_of(self, url: str) -> dict | None:
        attrs = self.client("sqs").get_queue_attributes(QueueUrl=url, AttributeNames=["Policy"]).get("Attributes", {})
        return json.loads(attrs["Policy"]) if "Policy" in attrs else None

    def test_sets_the_templates_policy_on_the_queue(self) -> None:
        out = self.deploy(
            {"Topic": TOPIC, "Queue": QUEUE, "Policy": POLICY},
            {"Ref": {"Value": {"Ref": "Policy"}}, "Id": {"Value": {"Fn::GetAtt": ["Policy", "Id"]}}},
        )
        url = self.physical_id("Queue")
        policy = self.policy_of(url)
        assert policy is not None
        [statement] = policy["Statement"]
        self.assertEqual(statement["Sid"], "OnlyTheTopic")
        self.assertEqual(statement["Principal"], {"Service": "sns.amazonaws.com"})
        self.assertEqual(statement["Condition"], {"ArnEquals": {"aws:SourceArn": self.physical_id("Topic")}})
        queue_arn = self.client("sqs").get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        self.assertEqual(statement["Resource"], queue_arn)
        self.assertEqual(out["Ref"], out["Id"])
        self.assertEqual(out["Ref"], self.physical_id("Policy"))

    def test_updates_the_policy_and_removes_it_from_a_dropped_queue(self) -> None:
        self.deploy({"Topic": TOPIC, "Queue": QUEUE, "Other": QUEUE, "Policy": POLICY})
        both = {**POLICY, "Properties": {"PolicyDocument": only_the_topic("Other"), "Queues": [{"Ref": "Queue"}, {"Ref": "Other"}]}}
        self.update({"Topic": TOPIC, "Queue": QUEUE, "Other": QUEUE, "Policy": both})
        for logical in ("Queue", "Other"):
            policy = self.policy_of(self.physical_id(logical))
            assert policy is not None
            self.assertTrue(policy["Statement"][0]["Resource"].endswith(self.physical_id("Other").rsplit("/", 1)[1]))
        other_only = {**POLICY, "Properties": {"PolicyDocument": only_the_topic("Other"), "Queues": [{"Ref": "Other"}]}}
        self.update({"Topic": TOPIC, "Queue": QUEUE, "Other": QUEUE, "Policy": other_only})
        self.assertIsNone(self.policy_of(self.physical_id("Queue")))
        self.assertIsNotNone(self.policy_of(self.physical_id("Other")))

    def test_removing_the_policy_from_the_template_removes_it_from_the_queue(self) -> None:
        self.deploy({"Topic": TOPIC, "Queue": QUEUE, "Policy": POLICY})
        self.update({"Topic": TOPIC, "Queue": QUEUE})
        self.assertIsNone(self.policy_of(self.physical_id("Queue")))

    def test_deleting_the_stack_deletes_policy_and_queue(self) -> None:
        self.deploy({"Topic": TOPIC, "Queue": QUEUE, "Policy": POLICY})
        self.destroy()
        self.assertEqual(self.client("sqs").list_queues().get("QueueUrls", []), [])
        [stack] = self.cfn.list_stacks()["StackSummaries"]
        self.assertEqual(stack["StackStatus"], "DELETE_COMPLETE")


if __name__ == "__main__":
    import unittest

    unittest.main()
