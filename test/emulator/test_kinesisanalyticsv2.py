from support import StackTestCase

ROLE = {
    "Type": "AWS::IAM::Role",
    "Properties": {
        "AssumeRolePolicyDocument": {
            "Version": "2012-10-17",
            "Statement": [
                {"Effect": "Allow", "Principal": {"Service": "kinesisanalytics.amazonaws.com"}, "Action": "sts:AssumeRole"}
            ],
        }
    },
}
BUCKET = {"Type": "AWS::S3::Bucket"}
KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def application(**config: object) -> dict[str, object]:
    return {
        "Type": "AWS::KinesisAnalyticsV2::Application",
        "Properties": {
            "ApplicationName": "clicks",
            "ApplicationDescription": "clicks to iceberg",
            "RuntimeEnvironment": "FLINK-1_20",
            "ServiceExecutionRole": {"Fn::GetAtt": ["Role", "Arn"]},
            "ApplicationConfiguration": {
                "ApplicationCodeConfiguration": {
                    "CodeContentType": "ZIPFILE",
                    "CodeContent": {
                        "S3ContentLocation": {"BucketARN": {"Fn::GetAtt": ["Bucket", "Arn"]}, "FileKey": "job.jar"}
                    },
                },
                "ApplicationSnapshotConfiguration": {"SnapshotsEnabled": "true"},
                "ApplicationEncryptionConfiguration": {"KeyType": "CUSTOMER_MANAGED_KEY", "KeyId": KEY_ARN},
                "ApplicationSystemRollbackConfiguration": {"RollbackEnabled": "true"},
                "EnvironmentProperties": {"PropertyGroups": [{"PropertyGroupId": "job", "PropertyMap": {"table": "clicks"}}]},
                "FlinkApplicationConfiguration": {
                    "CheckpointConfiguration": {
                        "ConfigurationType": "CUSTOM",
                        "CheckpointingEnabled": "true",
                        "CheckpointInterval": "60000",
                        "MinPauseBetweenCheckpoints": 5000,
                    },
                    "MonitoringConfiguration": {"ConfigurationType": "CUSTOM", "MetricsLevel": "TASK", "LogLevel": "WARN"},
                    "ParallelismConfiguration": {
                        "ConfigurationType": "CUSTOM",
                        "Parallelism": "2",
                        "ParallelismPerKPU": 1,
                        "AutoScalingEnabled": "true",
                    },
                    **config,
                },
            },
            "Tags": [{"Key": "team", "Value": "data"}],
        },
    }


GROUP = {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": "/flink/clicks"}}
STREAM = {"Type": "AWS::Logs::LogStream", "Properties": {"LogGroupName": {"Ref": "Group"}, "LogStreamName": "app"}}
LOG_STREAM_ARN = "arn:aws:logs:us-east-1:123456789012:log-group:/flink/clicks:log-stream:app"
LOGGING = {
    "Type": "AWS::KinesisAnalyticsV2::ApplicationCloudWatchLoggingOption",
    "Properties": {"ApplicationName": {"Ref": "App"}, "CloudWatchLoggingOption": {"LogStreamARN": LOG_STREAM_ARN}},
}


def stack(**config: object) -> dict[str, object]:
    return {"Role": ROLE, "Bucket": BUCKET, "App": application(**config), "Group": GROUP, "Stream": STREAM, "Logging": LOGGING}


OUTPUTS = {"Name": {"Value": {"Ref": "App"}}, "LoggingId": {"Value": {"Ref": "Logging"}}}


class ApplicationTest(StackTestCase):
    def test_creates_the_application_with_the_templates_code_checkpoints_and_autoscaling(self) -> None:
        out = self.deploy(stack(), OUTPUTS)
        self.assertEqual(out["Name"], "clicks")
        flink = self.client("kinesisanalyticsv2")
        app = flink.describe_application(ApplicationName="clicks")["ApplicationDetail"]
        self.assertEqual(app["RuntimeEnvironment"], "FLINK-1_20")
        role = self.client("iam").get_role(RoleName=self.physical_id("Role"))["Role"]["Arn"]
        self.assertEqual(app["ServiceExecutionRole"], role)
        config = app["ApplicationConfigurationDescription"]
        code = config["ApplicationCodeConfigurationDescription"]["CodeContentDescription"]
        self.assertEqual(code["S3ApplicationCodeLocationDescription"]["FileKey"], "job.jar")
        self.assertEqual(
            code["S3ApplicationCodeLocationDescription"]["BucketARN"], f"arn:aws:s3:::{self.physical_id('Bucket')}"
        )
        checkpoints = config["FlinkApplicationConfigurationDescription"]["CheckpointConfigurationDescription"]
        self.assertEqual(
            (checkpoints["CheckpointingEnabled"], checkpoints["CheckpointInterval"], checkpoints["MinPauseBetweenCheckpoints"]),
            (True, 60000, 5000),
        )
        parallelism = config["FlinkApplicationConfigurationDescription"]["ParallelismConfigurationDescription"]
        self.assertEqual((parallelism["Parallelism"], parallelism["AutoScalingEnabled"]), (2, True))
        self.assertTrue(config["ApplicationSnapshotConfigurationDescription"]["SnapshotsEnabled"])
        self.assertTrue(config["ApplicationSystemRollbackConfigurationDescription"]["RollbackEnabled"])
        self.assertEqual(
            config["ApplicationEncryptionConfigurationDescription"], {"KeyType": "CUSTOMER_MANAGED_KEY", "KeyId": KEY_ARN}
        )
        tags = flink.list_tags_for_resource(ResourceARN=app["ApplicationARN"])["Tags"]
        self.assertEqual(tags, [{"Key": "team", "Value": "data"}])

    def test_timestamps_are_epoch_seconds_as_the_api_sends_them(self) -> None:
        self.deploy(stack(), OUTPUTS)
        flink = self.client("kinesisanalyticsv2")
        # botocore parses epoch seconds into datetimes; moto's ISO text would reach it as the raw string.
        flink.meta.events.register("after-call", self._keep_raw)
        flink.describe_application(ApplicationName="clicks")
        self.assertIsInstance(self.raw["ApplicationDetail"]["CreateTimestamp"], float)
        self.assertIsInstance(self.raw["ApplicationDetail"]["LastUpdateTimestamp"], float)

    def _keep_raw(self, http_response: object, **kwargs: object) -> None:
        import json

        self.raw = json.loads(http_response.content)  # type: ignore[attr-defined]

    def test_the_logging_option_names_the_log_stream_and_ref_returns_its_id(self) -> None:
        out = self.deploy(stack(), OUTPUTS)
        app = self.client("kinesisanalyticsv2").describe_application(ApplicationName="clicks")["ApplicationDetail"]
        [option] = app["CloudWatchLoggingOptionDescriptions"]
        self.assertEqual(option["LogStreamARN"], LOG_STREAM_ARN)
        self.assertEqual(option["CloudWatchLoggingOptionId"], out["LoggingId"])

    def test_a_changed_configuration_updates_the_application_and_keeps_its_logging(self) -> None:
        self.deploy(stack(), OUTPUTS)
        changed = {"ParallelismConfiguration": {"ConfigurationType": "CUSTOM", "Parallelism": 4, "AutoScalingEnabled": False}}
        self.update(stack(**changed), OUTPUTS)
        app = self.client("kinesisanalyticsv2").describe_application(ApplicationName="clicks")["ApplicationDetail"]
        parallelism = app["ApplicationConfigurationDescription"]["FlinkApplicationConfigurationDescription"][
            "ParallelismConfigurationDescription"
        ]
        self.assertEqual((parallelism["Parallelism"], parallelism["AutoScalingEnabled"]), (4, False))
        self.assertEqual(len(app["CloudWatchLoggingOptionDescriptions"]), 1)

    def test_deleting_the_stack_deletes_the_application(self) -> None:
        self.deploy(stack(), OUTPUTS)
        self.destroy()
        self.assertEqual(self.client("kinesisanalyticsv2").list_applications()["ApplicationSummaries"], [])


if __name__ == "__main__":
    import unittest

    unittest.main()
