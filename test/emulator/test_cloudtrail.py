from support import StackTestCase

BUCKET = {"Type": "AWS::S3::Bucket"}


def trail(**extra: object) -> dict:
    props = {
        "TrailName": "org-trail",
        "S3BucketName": {"Ref": "Bucket"},
        "S3KeyPrefix": "cloudtrail",
        "IsLogging": True,
        "IsMultiRegionTrail": True,
        "IncludeGlobalServiceEvents": True,
        "EnableLogFileValidation": True,
        "IsOrganizationTrail": True,
        "KMSKeyId": "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555",
        "EventSelectors": [{"ReadWriteType": "All", "IncludeManagementEvents": True}],
        "InsightSelectors": [{"InsightType": "ApiCallRateInsight"}],
        "Tags": [{"Key": "purpose", "Value": "audit"}],
    }
    props.update(extra)
    return {"Type": "AWS::CloudTrail::Trail", "Properties": props}


OUTPUTS = {"Name": {"Value": {"Ref": "Trail"}}, "Arn": {"Value": {"Fn::GetAtt": ["Trail", "Arn"]}}}


class TrailTest(StackTestCase):
    def test_creates_a_logging_multi_region_organization_trail(self) -> None:
        out = self.deploy({"Bucket": BUCKET, "Trail": trail()}, OUTPUTS)
        ct = self.client("cloudtrail")
        [described] = ct.describe_trails(trailNameList=[out["Name"]])["trailList"]
        self.assertEqual(out["Name"], "org-trail")
        self.assertEqual(described["TrailARN"], out["Arn"])
        self.assertEqual(described["S3BucketName"], self.physical_id("Bucket"))
        self.assertEqual(described["S3KeyPrefix"], "cloudtrail")
        self.assertTrue(described["IsMultiRegionTrail"])
        self.assertTrue(described["IsOrganizationTrail"])
        self.assertTrue(described["LogFileValidationEnabled"])
        self.assertTrue(described["IncludeGlobalServiceEvents"])
        self.assertEqual(described["KmsKeyId"], trail()["Properties"]["KMSKeyId"])
        self.assertTrue(ct.get_trail_status(Name=out["Name"])["IsLogging"])
        selectors = ct.get_event_selectors(TrailName=out["Name"])["EventSelectors"]
        self.assertEqual(selectors[0]["ReadWriteType"], "All")
        self.assertEqual(ct.get_insight_selectors(TrailName=out["Name"])["InsightSelectors"], [{"InsightType": "ApiCallRateInsight"}])
        tags = ct.list_tags(ResourceIdList=[out["Arn"]])["ResourceTagList"][0]["TagsList"]
        self.assertEqual(tags, [{"Key": "purpose", "Value": "audit"}])

    def test_an_update_stops_logging_and_changes_the_trail_in_place(self) -> None:
        out = self.deploy({"Bucket": BUCKET, "Trail": trail()}, OUTPUTS)
        new = self.update({"Bucket": BUCKET, "Trail": trail(IsLogging=False, S3KeyPrefix="ct", EnableLogFileValidation=False)}, OUTPUTS)
        ct = self.client("cloudtrail")
        self.assertEqual(new["Arn"], out["Arn"])
        [described] = ct.describe_trails(trailNameList=[out["Name"]])["trailList"]
        self.assertEqual(described["S3KeyPrefix"], "ct")
        self.assertFalse(described["LogFileValidationEnabled"])
        self.assertFalse(ct.get_trail_status(Name=out["Name"])["IsLogging"])

    def test_deleting_the_stack_deletes_the_trail(self) -> None:
        self.deploy({"Bucket": BUCKET, "Trail": trail()}, OUTPUTS)
        self.destroy()
        self.assertEqual(self.client("cloudtrail").describe_trails()["trailList"], [])
