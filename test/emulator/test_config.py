from support import StackTestCase

ROLE = "arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"
RECORDER = {
    "Type": "AWS::Config::ConfigurationRecorder",
    "Properties": {
        "Name": "default",
        "RoleARN": ROLE,
        "RecordingGroup": {"AllSupported": True, "IncludeGlobalResourceTypes": "true"},
    },
}
BUCKET = {"Type": "AWS::S3::Bucket"}
CHANNEL = {
    "Type": "AWS::Config::DeliveryChannel",
    "DependsOn": "Recorder",
    "Properties": {
        "Name": "default",
        "S3BucketName": {"Ref": "Bucket"},
        "S3KeyPrefix": "config",
        "ConfigSnapshotDeliveryProperties": {"DeliveryFrequency": "TwentyFour_Hours"},
    },
}
OUTPUTS = {"Recorder": {"Value": {"Ref": "Recorder"}}, "Channel": {"Value": {"Ref": "Channel"}}}


class RecorderAndChannelTest(StackTestCase):
    def test_records_all_resources_and_delivers_to_the_bucket(self) -> None:
        out = self.deploy({"Bucket": BUCKET, "Recorder": RECORDER, "Channel": CHANNEL}, OUTPUTS)
        config = self.client("config")
        [recorder] = config.describe_configuration_recorders()["ConfigurationRecorders"]
        self.assertEqual((out["Recorder"], recorder["name"]), ("default", "default"))
        self.assertEqual(recorder["roleARN"], ROLE)
        self.assertTrue(recorder["recordingGroup"]["allSupported"])
        self.assertTrue(recorder["recordingGroup"]["includeGlobalResourceTypes"])
        [channel] = config.describe_delivery_channels()["DeliveryChannels"]
        self.assertEqual(out["Channel"], "default")
        self.assertEqual(channel["s3BucketName"], self.physical_id("Bucket"))
        self.assertEqual(channel["s3KeyPrefix"], "config")
        self.assertEqual(channel["configSnapshotDeliveryProperties"]["deliveryFrequency"], "TwentyFour_Hours")
        [status] = config.describe_configuration_recorder_status()["ConfigurationRecordersStatus"]
        self.assertTrue(status["recording"])

    def test_an_update_changes_the_recording_group_in_place(self) -> None:
        self.deploy({"Bucket": BUCKET, "Recorder": RECORDER, "Channel": CHANNEL}, OUTPUTS)
        changed = {**RECORDER, "Properties": {**RECORDER["Properties"], "RecordingGroup": {"AllSupported": False, "ResourceTypes": ["AWS::S3::Bucket"]}}}
        self.update({"Bucket": BUCKET, "Recorder": changed, "Channel": CHANNEL}, OUTPUTS)
        [recorder] = self.client("config").describe_configuration_recorders()["ConfigurationRecorders"]
        self.assertFalse(recorder["recordingGroup"]["allSupported"])
        self.assertEqual(recorder["recordingGroup"]["resourceTypes"], ["AWS::S3::Bucket"])

    def test_deleting_the_stack_stops_and_removes_both(self) -> None:
        self.deploy({"Bucket": BUCKET, "Recorder": RECORDER, "Channel": CHANNEL}, OUTPUTS)
        self.destroy()
        config = self.client("config")
        self.assertEqual(config.describe_configuration_recorders()["ConfigurationRecorders"], [])
        self.assertEqual(config.describe_delivery_channels()["DeliveryChannels"], [])


PACK_BODY = "Resources:\n  RootMfa:\n    Type: AWS::Config::ConfigRule\n    Properties:\n      ConfigRuleName: root-account-mfa-enabled\n      Source: {Owner: AWS, SourceIdentifier: ROOT_ACCOUNT_MFA_ENABLED}\n"
PACK = {
    "Type": "AWS::Config::OrganizationConformancePack",
    "Properties": {
        "OrganizationConformancePackName": "security-baseline",
        "TemplateBody": PACK_BODY,
        "ConformancePackInputParameters": [{"ParameterName": "MaxAccessKeyAge", "ParameterValue": "90"}],
        "ExcludedAccounts": ["111122223333"],
    },
}


class OrganizationConformancePackTest(StackTestCase):
    def test_creates_the_pack_from_an_inline_template(self) -> None:
        out = self.deploy({"Pack": PACK}, {"Name": {"Value": {"Ref": "Pack"}}})
        config = self.client("config")
        [pack] = config.describe_organization_conformance_packs(OrganizationConformancePackNames=[out["Name"]])[
            "OrganizationConformancePacks"
        ]
        self.assertEqual(pack["OrganizationConformancePackName"], "security-baseline")
        self.assertEqual(pack["ConformancePackInputParameters"], [{"ParameterName": "MaxAccessKeyAge", "ParameterValue": "90"}])
        self.assertEqual(pack["ExcludedAccounts"], ["111122223333"])
        [status] = config.describe_organization_conformance_pack_statuses()["OrganizationConformancePackStatuses"]
        self.assertEqual(status["Status"], "CREATE_SUCCESSFUL")

    def test_an_update_changes_the_parameters_and_deleting_the_stack_removes_it(self) -> None:
        self.deploy({"Pack": PACK}, {"Name": {"Value": {"Ref": "Pack"}}})
        changed = {**PACK, "Properties": {**PACK["Properties"], "ExcludedAccounts": []}}
        self.update({"Pack": changed}, {"Name": {"Value": {"Ref": "Pack"}}})
        config = self.client("config")
        [pack] = config.describe_organization_conformance_packs(OrganizationConformancePackNames=["security-baseline"])[
            "OrganizationConformancePacks"
        ]
        self.assertEqual(pack["ExcludedAccounts"], [])
        self.destroy()
        self.assertEqual(config.describe_organization_conformance_pack_statuses()["OrganizationConformancePackStatuses"], [])
