from support import StackTestCase

ALARM = {
    "Type": "AWS::CloudWatch::Alarm",
    "Properties": {
        "AlarmDescription": "queue backlog",
        "Namespace": "AWS/SQS",
        "MetricName": "ApproximateAgeOfOldestMessage",
        "Dimensions": [{"Name": "QueueName", "Value": "jobs"}],
        "Statistic": "Maximum",
        "Period": 60,
        "EvaluationPeriods": 3,
        "DatapointsToAlarm": 2,
        "Threshold": 300,
        "ComparisonOperator": "GreaterThanThreshold",
        "TreatMissingData": "notBreaching",
        "AlarmActions": [{"Ref": "Topic"}],
    },
}
TOPIC = {"Type": "AWS::SNS::Topic"}


class AlarmTest(StackTestCase):
    def test_creates_the_alarm_with_the_templates_metric_threshold_and_actions(self) -> None:
        out = self.deploy(
            {"Topic": TOPIC, "Alarm": ALARM},
            {"Name": {"Value": {"Ref": "Alarm"}}, "Arn": {"Value": {"Fn::GetAtt": ["Alarm", "Arn"]}}},
        )
        [alarm] = self.client("cloudwatch").describe_alarms(AlarmNames=[out["Name"]])["MetricAlarms"]
        self.assertEqual(alarm["AlarmArn"], out["Arn"])
        self.assertEqual(alarm["MetricName"], "ApproximateAgeOfOldestMessage")
        self.assertEqual(alarm["Namespace"], "AWS/SQS")
        self.assertEqual(alarm["Dimensions"], [{"Name": "QueueName", "Value": "jobs"}])
        self.assertEqual(alarm["Threshold"], 300.0)
        self.assertEqual(alarm["EvaluationPeriods"], 3)
        self.assertEqual(alarm["DatapointsToAlarm"], 2)
        self.assertEqual(alarm["TreatMissingData"], "notBreaching")
        self.assertEqual(alarm["AlarmActions"], [self.physical_id("Topic")])

    def test_creates_a_metric_math_alarm(self) -> None:
        props = {
            "ComparisonOperator": "GreaterThanThreshold",
            "EvaluationPeriods": 1,
            "Threshold": 5,
            "Metrics": [
                {"Id": "e", "Expression": "100*(m1/m2)", "Label": "error rate", "ReturnData": True},
                {
                    "Id": "m1",
                    "ReturnData": False,
                    "MetricStat": {
                        "Metric": {"Namespace": "AWS/ApiGateway", "MetricName": "5XXError"},
                        "Period": 60,
                        "Stat": "Sum",
                    },
                },
            ],
        }
        out = self.deploy({"Alarm": {"Type": "AWS::CloudWatch::Alarm", "Properties": props}}, {"Name": {"Value": {"Ref": "Alarm"}}})
        [alarm] = self.client("cloudwatch").describe_alarms(AlarmNames=[out["Name"]])["MetricAlarms"]
        self.assertEqual([m["Id"] for m in alarm["Metrics"]], ["e", "m1"])
        self.assertEqual(alarm["Metrics"][1]["MetricStat"]["Metric"]["MetricName"], "5XXError")

    def test_updates_the_alarm_in_place(self) -> None:
        self.deploy({"Topic": TOPIC, "Alarm": ALARM})
        changed = {**ALARM, "Properties": {**ALARM["Properties"], "Threshold": 600}}
        self.update({"Topic": TOPIC, "Alarm": changed})
        [alarm] = self.client("cloudwatch").describe_alarms()["MetricAlarms"]
        self.assertEqual(alarm["Threshold"], 600.0)

    def test_deleting_the_stack_deletes_the_alarm(self) -> None:
        self.deploy({"Topic": TOPIC, "Alarm": ALARM})
        self.destroy()
        self.assertEqual(self.client("cloudwatch").describe_alarms()["MetricAlarms"], [])


if __name__ == "__main__":
    import unittest

    unittest.main()
