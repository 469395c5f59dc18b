import copy
import json

from support import StackTestCase

ROLE_ARN = "arn:aws:iam::123456789012:role/iot-rules"
RULE = {
    "Type": "AWS::IoT::TopicRule",
    "Properties": {
        "RuleName": "telemetry",
        "TopicRulePayload": {
            "Sql": "SELECT *, topic(3) AS thing_name FROM 'dt/plant/+/telemetry'",
            "AwsIotSqlVersion": "2016-03-23",
            "Description": "telemetry to Kinesis",
            "RuleDisabled": "false",
            "Actions": [{"Kinesis": {"StreamName": "telemetry", "PartitionKey": "${topic(3)}", "RoleArn": ROLE_ARN}}],
            "ErrorAction": {"S3": {"BucketName": "errors", "Key": "${ruleName}/${timestamp()}", "RoleArn": ROLE_ARN}},
        },
    },
}
OUTPUTS = {"Name": {"Value": {"Ref": "Rule"}}, "Arn": {"Value": {"Fn::GetAtt": ["Rule", "Arn"]}}}


class TopicRuleTest(StackTestCase):
    def test_creates_the_rule_with_its_sql_actions_and_error_action(self) -> None:
        out = self.deploy({"Rule": RULE}, OUTPUTS)
        self.assertEqual(out["Name"], "telemetry")
        got = self.client("iot").get_topic_rule(ruleName="telemetry")
        self.assertEqual(got["ruleArn"], out["Arn"])
        rule = got["rule"]
        self.assertEqual(rule["sql"], "SELECT *, topic(3) AS thing_name FROM 'dt/plant/+/telemetry'")
        self.assertEqual(rule["awsIotSqlVersion"], "2016-03-23")
        self.assertFalse(rule["ruleDisabled"])
        self.assertEqual(
            rule["actions"], [{"kinesis": {"streamName": "telemetry", "partitionKey": "${topic(3)}", "roleArn": ROLE_ARN}}]
        )
        self.assertEqual(
            rule["errorAction"], {"s3": {"bucketName": "errors", "key": "${ruleName}/${timestamp()}", "roleArn": ROLE_ARN}}
        )

    def test_updates_the_rule_in_place(self) -> None:
        out = self.deploy({"Rule": RULE}, OUTPUTS)
        changed = copy.deepcopy(RULE)
        changed["Properties"]["TopicRulePayload"]["RuleDisabled"] = "true"
        changed["Properties"]["TopicRulePayload"]["Sql"] = "SELECT * FROM 'dt/plant/+/telemetry' WHERE temp > 0"
        out2 = self.update({"Rule": changed}, OUTPUTS)
        self.assertEqual(out2["Arn"], out["Arn"])
        rule = self.client("iot").get_topic_rule(ruleName="telemetry")["rule"]
        self.assertTrue(rule["ruleDisabled"])
        self.assertTrue(rule["sql"].endswith("WHERE temp > 0"))

    def test_deleting_the_stack_deletes_the_rule(self) -> None:
        self.deploy({"Rule": RULE})
        self.destroy()
        self.assertEqual(self.client("iot").list_topic_rules()["rules"], [])


THING_TYPE = {
    "Type": "AWS::IoT::ThingType",
    "Properties": {"ThingTypeName": "sensor", "ThingTypeProperties": {"SearchableAttributes": ["serialNumber", "site"]}},
}
DOCUMENT = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "iot:Connect", "Resource": "arn:aws:iot:us-east-1:123456789012:client/${iot:Connection.Thing.ThingName}"}],
}
POLICY = {"Type": "AWS::IoT::Policy", "Properties": {"PolicyName": "device", "PolicyDocument": DOCUMENT}}


class ThingTypeAndPolicyTest(StackTestCase):
    def test_ref_returns_the_names_and_the_policy_document_is_json_text(self) -> None:
        out = self.deploy(
            {"Type": THING_TYPE, "Policy": POLICY},
            {"Type": {"Value": {"Ref": "Type"}}, "Policy": {"Value": {"Ref": "Policy"}}, "Arn": {"Value": {"Fn::GetAtt": ["Policy", "Arn"]}}},
        )
        self.assertEqual((out["Type"], out["Policy"]), ("sensor", "device"))
        self.assertEqual(self.physical_id("Policy"), "device")
        iot = self.client("iot")
        thing_type = iot.describe_thing_type(thingTypeName="sensor")
        self.assertEqual(thing_type["thingTypeProperties"]["searchableAttributes"], ["serialNumber", "site"])
        policy = iot.get_policy(policyName="device")
        self.assertEqual(policy["policyArn"], out["Arn"])
        self.assertIsInstance(policy["policyDocument"], str)
        self.assertEqual(json.loads(policy["policyDocument"]), DOCUMENT)

    def test_a_changed_document_becomes_the_default_version(self) -> None:
        self.deploy({"Policy": POLICY})
        changed = copy.deepcopy(POLICY)
        changed["Properties"]["PolicyDocument"]["Statement"][0]["Action"] = "iot:Publish"
        self.update({"Policy": changed})
        policy = self.client("iot").get_policy(policyName="device")
        self.assertEqual(json.loads(policy["policyDocument"])["Statement"][0]["Action"], "iot:Publish")

    def test_deleting_the_stack_deletes_the_thing_type_and_the_policy(self) -> None:
        self.deploy({"Type": THING_TYPE, "Policy": POLICY})
        self.destroy()
        iot = self.client("iot")
        self.assertEqual(iot.list_thing_types()["thingTypes"], [])
        self.assertEqual(iot.list_policies()["policies"], [])


if __name__ == "__main__":
    import unittest

    unittest.main()
