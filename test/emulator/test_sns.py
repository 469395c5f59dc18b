import json

from support import StackTestCase

# Properties given, even empty: moto adds an empty one to a resource without, which then differs
# from the next template and makes moto replace the resource on every update.
TOPIC = {"Type": "AWS::SNS::Topic", "Properties": {}}
QUEUE = {"Type": "AWS::SQS::Queue", "Properties": {}}


def deny_insecure(topic: str = "Topic") -> dict:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "AllowPublishThroughSSLOnly",
                "Action": "sns:Publish",
                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                "Effect": "Deny",
                "Principal": "*",
                "Resource": {"Ref": topic},
            }
        ],
    }


TOPIC_POLICY = {"Type": "AWS::SNS::TopicPolicy", "Properties": {"PolicyDocument": deny_insecure(), "Topics": [{"Ref": "Topic"}]}}


class TopicPolicyTest(StackTestCase):
    def policy_of(self, topic_arn: str) -> dict:
        return json.loads(self.client("sns").get_topic_attributes(TopicArn=topic_arn)["Attributes"]["Policy"])

    def test_sets_the_templates_policy_on_each_topic(self) -> None:
        out = self.deploy(
            {"Topic": TOPIC, "Policy": TOPIC_POLICY},
            {"Ref": {"Value": {"Ref": "Policy"}}, "Id": {"Value": {"Fn::GetAtt": ["Policy", "Id"]}}},
        )
        topic = self.physical_id("Topic")
        [statement] = self.policy_of(topic)["Statement"]
        self.assertEqual(statement["Sid"], "AllowPublishThroughSSLOnly")
        self.assertEqual(statement["Effect"], "Deny")
        self.assertEqual(statement["Resource"], topic)
        self.assertEqual(out["Ref"], out["Id"])
        self.assertEqual(out["Ref"], self.physical_id("Policy"))
        self.assertIn("Policy", out["Ref"])

    def test_updates_the_policy_and_gives_a_dropped_topic_its_default_policy_back(self) -> None:
        self.deploy({"Topic": TOPIC, "Other": TOPIC, "Policy": TOPIC_POLICY})
        default = self.policy_of(self.physical_id("Other"))
        both = deny_insecure()
        both["Statement"][0]["Resource"] = "*"
        self.update(
            {"Topic": TOPIC, "Other": TOPIC, "Policy": {**TOPIC_POLICY, "Properties": {"PolicyDocument": both, "Topics": [{"Ref": "Topic"}, {"Ref": "Other"}]}}}
        )
        self.assertEqual(self.policy_of(self.physical_id("Other"))["Statement"][0]["Resource"], "*")
        self.assertEqual(self.policy_of(self.physical_id("Topic"))["Statement"][0]["Resource"], "*")
        self.update({"Topic": TOPIC, "Other": TOPIC, "Policy": {**TOPIC_POLICY, "Properties": {"PolicyDocument": both, "Topics": [{"Ref": "Topic"}]}}})
        self.assertEqual(self.policy_of(self.physical_id("Other")), default)

    def test_removing_the_policy_restores_the_default_policy(self) -> None:
        self.deploy({"Topic": TOPIC})
        topic = self.physical_id("Topic")
        default = self.policy_of(topic)
        self.update({"Topic": TOPIC, "Policy": TOPIC_POLICY})
        self.assertNotEqual(self.policy_of(topic), default)
        self.update({"Topic": TOPIC})
        self.assertEqual(self.policy_of(topic), default)
        self.assertEqual(default["Statement"][0]["Sid"], "__default_statement_ID")

    def test_deleting_the_stack_deletes_policy_and_topic(self) -> None:
        self.deploy({"Topic": TOPIC, "Policy": TOPIC_POLICY})
        self.destroy()
        self.assertEqual(self.client("sns").list_topics()["Topics"], [])
        [stack] = self.cfn.list_stacks()["StackSummaries"]
        self.assertEqual(stack["StackStatus"], "DELETE_COMPLETE")


SUBSCRIPTION = {
    "Type": "AWS::SNS::Subscription",
    "Properties": {
        "TopicArn": {"Ref": "Topic"},
        "Protocol": "sqs",
        "Endpoint": {"Fn::GetAtt": ["Queue", "Arn"]},
        "RawMessageDelivery": "true",
        "FilterPolicyScope": "MessageBody",
        "FilterPolicy": {"kind": ["order"]},
        "RedrivePolicy": {"deadLetterTargetArn": {"Fn::GetAtt": ["Dlq", "Arn"]}},
        "DeliveryPolicy": {"healthyRetryPolicy": {"numRetries": 5}},
    },
}
RESOURCES = {"Topic": TOPIC, "Queue": QUEUE, "Dlq": QUEUE, "Subscription": SUBSCRIPTION}


class SubscriptionTest(StackTestCase):
    def attributes(self, arn: str) -> dict:
        return self.client("sns").get_subscription_attributes(SubscriptionArn=arn)["Attributes"]

    def queue_arn(self, logical: str) -> str:
        url = self.physical_id(logical)
        return self.client("sqs").get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]

    def test_subscribes_the_endpoint_with_the_templates_attributes(self) -> None:
        out = self.deploy(RESOURCES, {"Ref": {"Value": {"Ref": "Subscription"}}, "Arn": {"Value": {"Fn::GetAtt": ["Subscription", "Arn"]}}})
        [sub] = self.client("sns").list_subscriptions_by_topic(TopicArn=self.physical_id("Topic"))["Subscriptions"]
        self.assertEqual(out["Ref"], sub["SubscriptionArn"])
        self.assertEqual(out["Arn"], sub["SubscriptionArn"])
        self.assertEqual(sub["Protocol"], "sqs")
        self.assertEqual(sub["Endpoint"], self.queue_arn("Queue"))
        attrs = self.attributes(out["Ref"])
        self.assertEqual(attrs["RawMessageDelivery"], "true")
        self.assertEqual(attrs["FilterPolicyScope"], "MessageBody")
        self.assertEqual(json.loads(attrs["FilterPolicy"]), {"kind": ["order"]})
        self.assertEqual(json.loads(attrs["RedrivePolicy"]), {"deadLetterTargetArn": self.queue_arn("Dlq")})
        self.assertEqual(json.loads(attrs["DeliveryPolicy"]), {"healthyRetryPolicy": {"numRetries": 5}})

    def test_delivers_raw_messages_that_pass_the_filter_to_the_queue(self) -> None:
        self.deploy(RESOURCES)
        sns, sqs = self.client("sns"), self.client("sqs")
        sns.publish(TopicArn=self.physical_id("Topic"), Message=json.dumps({"kind": "refund"}))
        sns.publish(TopicArn=self.physical_id("Topic"), Message=json.dumps({"kind": "order"}))
        messages = sqs.receive_message(QueueUrl=self.physical_id("Queue"), MaxNumberOfMessages=10)["Messages"]
        self.assertEqual([json.loads(m["Body"]) for m in messages], [{"kind": "order"}])

    def test_updates_attributes_in_place_and_clears_dropped_ones(self) -> None:
        self.deploy(RESOURCES)
        arn = self.physical_id("Subscription")
        props = {k: v for k, v in SUBSCRIPTION["Properties"].items() if k not in ("FilterPolicy", "FilterPolicyScope", "DeliveryPolicy")}
        self.update({**RESOURCES, "Subscription": {**SUBSCRIPTION, "Properties": {**props, "RawMessageDelivery": False}}})
        self.assertEqual(self.physical_id("Subscription"), arn)
        attrs = self.attributes(arn)
        self.assertEqual(attrs["RawMessageDelivery"], "false")
        self.assertNotIn("FilterPolicy", attrs)
        self.assertNotIn("FilterPolicyScope", attrs)
        self.assertIn("RedrivePolicy", attrs)

    def test_a_new_endpoint_replaces_the_subscription(self) -> None:
        self.deploy({**RESOURCES, "Other": QUEUE})
        old = self.physical_id("Subscription")
        moved = {**SUBSCRIPTION, "Properties": {**SUBSCRIPTION["Properties"], "Endpoint": {"Fn::GetAtt": ["Other", "Arn"]}}}
        self.update({**RESOURCES, "Other": QUEUE, "Subscription": moved})
        [sub] = self.client("sns").list_subscriptions()["Subscriptions"]
        self.assertNotEqual(sub["SubscriptionArn"], old)
        self.assertEqual(sub["SubscriptionArn"], self.physical_id("Subscription"))
        self.assertEqual(sub["Endpoint"], self.queue_arn("Other"))

    def test_deleting_the_stack_unsubscribes(self) -> None:
        self.deploy(RESOURCES)
        self.update({k: v for k, v in RESOURCES.items() if k != "Subscription"})
        self.assertEqual(self.client("sns").list_subscriptions()["Subscriptions"], [])
        self.update(RESOURCES)
        self.destroy()
        self.assertEqual(self.client("sns").list_subscriptions()["Subscriptions"], [])
        self.assertEqual(self.client("sqs").list_queues().get("QueueUrls", []), [])


if __name__ == "__main__":
    import unittest

    unittest.main()
