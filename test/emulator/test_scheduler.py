from support import StackTestCase

ROLE = {
    "Type": "AWS::IAM::Role",
    "Properties": {
        "AssumeRolePolicyDocument": {
            "Statement": [{"Effect": "Allow", "Principal": {"Service": "scheduler.amazonaws.com"}, "Action": "sts:AssumeRole"}]
        }
    },
}
GROUP = {"Type": "AWS::Scheduler::ScheduleGroup", "Properties": {"Name": "dev-hours", "Tags": [{"Key": "team", "Value": "platform"}]}}
SCHEDULE = {
    "Type": "AWS::Scheduler::Schedule",
    "Properties": {
        "Name": "stop-at-night",
        "GroupName": {"Ref": "Group"},
        "ScheduleExpression": "cron(0 19 ? * MON-FRI *)",
        "ScheduleExpressionTimezone": "Europe/Berlin",
        "FlexibleTimeWindow": {"Mode": "FLEXIBLE", "MaximumWindowInMinutes": "15"},
        "State": "ENABLED",
        "Target": {
            "Arn": "arn:aws:lambda:us-east-1:123456789012:function:stop",
            "RoleArn": {"Fn::GetAtt": ["Role", "Arn"]},
            "Input": '{"action": "stop"}',
            "RetryPolicy": {"MaximumRetryAttempts": "3", "MaximumEventAgeInSeconds": "3600"},
        },
    },
}


class ScheduleTest(StackTestCase):
    def test_creates_the_group_and_the_schedule_with_the_templates_properties(self) -> None:
        out = self.deploy(
            {"Role": ROLE, "Group": GROUP, "Schedule": SCHEDULE},
            {
                "Group": {"Value": {"Ref": "Group"}},
                "GroupArn": {"Value": {"Fn::GetAtt": ["Group", "Arn"]}},
                "Schedule": {"Value": {"Ref": "Schedule"}},
                "ScheduleArn": {"Value": {"Fn::GetAtt": ["Schedule", "Arn"]}},
            },
        )
        self.assertEqual(out["Group"], "dev-hours")
        self.assertEqual(out["Schedule"], "stop-at-night")
        client = self.client("scheduler")
        group = client.get_schedule_group(Name="dev-hours")
        self.assertEqual(group["Arn"], out["GroupArn"])
        self.assertEqual(client.list_tags_for_resource(ResourceArn=out["GroupArn"])["Tags"], [{"Key": "team", "Value": "platform"}])
        got = client.get_schedule(Name="stop-at-night", GroupName="dev-hours")
        self.assertEqual(got["Arn"], out["ScheduleArn"])
        self.assertEqual(got["ScheduleExpression"], "cron(0 19 ? * MON-FRI *)")
        self.assertEqual(got["ScheduleExpressionTimezone"], "Europe/Berlin")
        self.assertEqual(got["FlexibleTimeWindow"], {"Mode": "FLEXIBLE", "MaximumWindowInMinutes": 15})
        self.assertTrue(got["Target"]["RoleArn"].endswith(f":role/{self.physical_id('Role')}"))
        self.assertEqual(got["Target"]["RetryPolicy"], {"MaximumRetryAttempts": 3, "MaximumEventAgeInSeconds": 3600})
        self.assertEqual(got["Target"]["Input"], '{"action": "stop"}')

    def test_updates_the_schedule_in_place(self) -> None:
        self.deploy({"Role": ROLE, "Group": GROUP, "Schedule": SCHEDULE})
        props = {**SCHEDULE["Properties"], "ScheduleExpression": "cron(0 20 ? * MON-FRI *)", "State": "DISABLED"}
        self.update({"Role": ROLE, "Group": GROUP, "Schedule": {**SCHEDULE, "Properties": props}})
        got = self.client("scheduler").get_schedule(Name="stop-at-night", GroupName="dev-hours")
        self.assertEqual(got["ScheduleExpression"], "cron(0 20 ? * MON-FRI *)")
        self.assertEqual(got["State"], "DISABLED")

    def test_deleting_the_stack_deletes_the_schedule_and_the_group(self) -> None:
        self.deploy({"Role": ROLE, "Group": GROUP, "Schedule": SCHEDULE})
        self.destroy()
        client = self.client("scheduler")
        self.assertEqual(client.list_schedules()["Schedules"], [])
        self.assertEqual([g["Name"] for g in client.list_schedule_groups()["ScheduleGroups"]], ["default"])


if __name__ == "__main__":
    import unittest

    unittest.main()
