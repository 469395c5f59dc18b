from support import StackTestCase


def detector(enable: object = True, frequency: str = "FIFTEEN_MINUTES", runtime: str = "ENABLED") -> dict:
    return {
        "Type": "AWS::GuardDuty::Detector",
        "Properties": {
            "Enable": enable,
            "FindingPublishingFrequency": frequency,
            "Features": [
                {"Name": "S3_DATA_EVENTS", "Status": "ENABLED"},
                {"Name": "EBS_MALWARE_PROTECTION", "Status": "ENABLED"},
                {
                    "Name": "RUNTIME_MONITORING",
                    "Status": runtime,
                    "AdditionalConfiguration": [{"Name": "ECS_FARGATE_AGENT_MANAGEMENT", "Status": runtime}],
                },
            ],
            "Tags": [{"Key": "purpose", "Value": "threat-detection"}],
        },
    }


OUTPUTS = {"Ref": {"Value": {"Ref": "Detector"}}, "Id": {"Value": {"Fn::GetAtt": ["Detector", "Id"]}}}


class DetectorTest(StackTestCase):
    def test_creates_an_enabled_detector_with_its_protection_plans(self) -> None:
        out = self.deploy({"Detector": detector()}, OUTPUTS)
        gd = self.client("guardduty")
        self.assertEqual(gd.list_detectors()["DetectorIds"], [out["Ref"]])
        self.assertEqual(out["Id"], out["Ref"])
        got = gd.get_detector(DetectorId=out["Ref"])
        self.assertEqual(got["Status"], "ENABLED")
        self.assertEqual(got["FindingPublishingFrequency"], "FIFTEEN_MINUTES")
        features = {f["Name"]: f["Status"] for f in got["Features"]}
        self.assertEqual(features["S3_DATA_EVENTS"], "ENABLED")
        self.assertEqual(features["RUNTIME_MONITORING"], "ENABLED")
        self.assertEqual(got["Tags"], {"purpose": "threat-detection"})

    def test_an_update_changes_the_frequency_and_features_in_place(self) -> None:
        out = self.deploy({"Detector": detector()}, OUTPUTS)
        new = self.update({"Detector": detector("true", "SIX_HOURS", "DISABLED")}, OUTPUTS)
        gd = self.client("guardduty")
        self.assertEqual(new["Ref"], out["Ref"])
        got = gd.get_detector(DetectorId=out["Ref"])
        self.assertEqual(got["FindingPublishingFrequency"], "SIX_HOURS")
        self.assertEqual({f["Name"]: f["Status"] for f in got["Features"]}["RUNTIME_MONITORING"], "DISABLED")

    def test_deleting_the_stack_deletes_the_detector(self) -> None:
        self.deploy({"Detector": detector()}, OUTPUTS)
        self.destroy()
        self.assertEqual(self.client("guardduty").list_detectors()["DetectorIds"], [])
