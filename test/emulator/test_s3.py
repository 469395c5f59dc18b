import json
from typing import Any

from support import StackTestCase

BUCKET = {"Type": "AWS::S3::Bucket", "Properties": {}}


def deny_insecure(bucket: str = "Bucket") -> dict:
    arn = {"Fn::GetAtt": [bucket, "Arn"]}
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Action": "s3:*",
                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                "Effect": "Deny",
                "Principal": {"AWS": "*"},
                "Resource": [arn, {"Fn::Join": ["", [arn, "/*"]]}],
            }
        ],
    }


POLICY = {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": {"Ref": "Bucket"}, "PolicyDocument": deny_insecure()}}


class BucketPolicyTest(StackTestCase):
    def test_puts_the_templates_policy_on_the_bucket_and_ref_is_the_bucket_name(self) -> None:
        out = self.deploy({"Bucket": BUCKET, "Policy": POLICY}, {"Ref": {"Value": {"Ref": "Policy"}}})
        bucket = self.physical_id("Bucket")
        self.assertEqual(out["Ref"], bucket)
        self.assertEqual(self.physical_id("Policy"), bucket)
        policy = json.loads(self.client("s3").get_bucket_policy(Bucket=bucket)["Policy"])
        [statement] = policy["Statement"]
        self.assertEqual(statement["Effect"], "Deny")
        self.assertEqual(statement["Condition"], {"Bool": {"aws:SecureTransport": "false"}})
        self.assertEqual(statement["Resource"], [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"])

    def test_updates_the_policy_in_place(self) -> None:
        self.deploy({"Bucket": BUCKET, "Policy": POLICY})
        doc = deny_insecure()
        doc["Statement"].append(
            {"Sid": "Read", "Effect": "Allow", "Principal": {"Service": "logs.amazonaws.com"}, "Action": "s3:GetObject", "Resource": "*"}
        )
        self.update({"Bucket": BUCKET, "Policy": {**POLICY, "Properties": {**POLICY["Properties"], "PolicyDocument": doc}}})
        policy = json.loads(self.client("s3").get_bucket_policy(Bucket=self.physical_id("Bucket"))["Policy"])
        self.assertEqual([s.get("Sid") for s in policy["Statement"]], [None, "Read"])

    def test_moving_the_policy_to_another_bucket_removes_it_from_the_first(self) -> None:
        self.deploy({"Bucket": BUCKET, "Other": BUCKET, "Policy": POLICY})
        moved = {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": {"Ref": "Other"}, "PolicyDocument": deny_insecure("Other")}}
        self.update({"Bucket": BUCKET, "Other": BUCKET, "Policy": moved})
        s3 = self.client("s3")
        with self.assertRaises(s3.exceptions.ClientError):
            s3.get_bucket_policy(Bucket=self.physical_id("Bucket"))
        self.assertIn("Deny", s3.get_bucket_policy(Bucket=self.physical_id("Other"))["Policy"])

    def test_removing_the_policy_from_the_template_deletes_it(self) -> None:
        self.deploy({"Bucket": BUCKET, "Policy": POLICY})
        self.update({"Bucket": BUCKET})
        s3 = self.client("s3")
        with self.assertRaises(s3.exceptions.ClientError) as raised:
            s3.get_bucket_policy(Bucket=self.physical_id("Bucket"))
        self.assertEqual(raised.exception.response["Error"]["Code"], "NoSuchBucketPolicy")

    def test_deleting_the_stack_deletes_policy_and_bucket(self) -> None:
        self.deploy({"Bucket": BUCKET, "Policy": POLICY})
        stack_id = self.cfn.describe_stacks(StackName="s")["Stacks"][0]["StackId"]
        self.destroy()
        self.assertEqual(self.client("s3").list_buckets()["Buckets"], [])
        self.assertEqual(self.cfn.describe_stacks(StackName=stack_id)["Stacks"][0]["StackStatus"], "DELETE_COMPLETE")


CONFIGURED = {
    "Type": "AWS::S3::Bucket",
    "Properties": {
        "BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]},
        "VersioningConfiguration": {"Status": "Enabled"},
        "LifecycleConfiguration": {
            "Rules": [
                {
                    "Id": "history",
                    "Status": "Enabled",
                    "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7},
                    "NoncurrentVersionExpiration": {"NoncurrentDays": 90},
                },
                {
                    "Id": "logs",
                    "Status": "Enabled",
                    "Prefix": "logs/",
                    "ExpirationInDays": 365,
                    "Transitions": [{"StorageClass": "GLACIER", "TransitionInDays": 30}],
                },
            ]
        },
        "PublicAccessBlockConfiguration": {"BlockPublicAcls": True, "BlockPublicPolicy": True, "IgnorePublicAcls": True, "RestrictPublicBuckets": True},
        "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
        "NotificationConfiguration": {"EventBridgeConfiguration": {"EventBridgeEnabled": True}},
        "Tags": [{"Key": "team", "Value": "data"}],
    },
}


class BucketTest(StackTestCase):
    """moto's own bucket model, with the configuration properties it ignored."""

    def test_applies_versioning_lifecycle_public_access_block_ownership_and_notifications(self) -> None:
        self.deploy({"Bucket": CONFIGURED})
        s3, bucket = self.client("s3"), self.physical_id("Bucket")
        self.assertEqual(s3.get_bucket_versioning(Bucket=bucket)["Status"], "Enabled")
        rules = {r["ID"]: r for r in s3.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"]}
        self.assertEqual(rules["history"]["NoncurrentVersionExpiration"]["NoncurrentDays"], 90)
        self.assertEqual(rules["history"]["AbortIncompleteMultipartUpload"]["DaysAfterInitiation"], 7)
        self.assertEqual(rules["logs"]["Expiration"]["Days"], 365)
        self.assertEqual(rules["logs"]["Filter"]["Prefix"], "logs/")
        self.assertEqual(rules["logs"]["Transitions"], [{"Days": 30, "StorageClass": "GLACIER"}])
        block = s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"]
        self.assertEqual(block, {"BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True})
        controls = s3.get_bucket_ownership_controls(Bucket=bucket)["OwnershipControls"]
        self.assertEqual(controls["Rules"], [{"ObjectOwnership": "BucketOwnerEnforced"}])
        # moto stores EventBridgeConfiguration but its GetBucketNotificationConfiguration leaves it out.
        from moto.s3.models import s3_backends

        notifications = s3_backends["123456789012"]["aws"].get_bucket_notification_configuration(bucket)
        self.assertEqual(notifications.event_bridge, {})
        self.assertEqual(s3.get_bucket_tagging(Bucket=bucket)["TagSet"], [{"Key": "team", "Value": "data"}])
        algorithm = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"][0]
        self.assertEqual(algorithm["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"], "AES256")

    def test_logs_to_a_bucket_that_admits_the_logging_service_by_its_policy_even_before_the_policy(self) -> None:
        logs = {"Type": "AWS::S3::Bucket", "Properties": {"OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerPreferred"}]}}}
        site = {
            "Type": "AWS::S3::Bucket",
            "Properties": {"LoggingConfiguration": {"DestinationBucketName": {"Ref": "Logs"}, "LogFilePrefix": "site/"}},
        }
        self.deploy({"Logs": logs, "Site": site})
        enabled = self.client("s3").get_bucket_logging(Bucket=self.physical_id("Site"))["LoggingEnabled"]
        self.assertEqual(enabled, {"TargetBucket": self.physical_id("Logs"), "TargetPrefix": "site/"})

    def test_logging_to_a_bucket_that_does_not_exist_is_refused(self) -> None:
        s3 = self.client("s3")
        s3.create_bucket(Bucket="source")
        with self.assertRaises(s3.exceptions.ClientError):
            s3.put_bucket_logging(
                Bucket="source", BucketLoggingStatus={"LoggingEnabled": {"TargetBucket": "missing", "TargetPrefix": ""}}
            )

    def test_updates_in_place_and_undoes_dropped_configuration(self) -> None:
        self.deploy({"Bucket": CONFIGURED})
        bucket = self.physical_id("Bucket")
        props = {k: v for k, v in CONFIGURED["Properties"].items() if k in ("BucketEncryption", "Tags")}
        props["Tags"] = [{"Key": "team", "Value": "platform"}]
        self.update({"Bucket": {"Type": "AWS::S3::Bucket", "Properties": props}})
        s3 = self.client("s3")
        self.assertEqual(self.physical_id("Bucket"), bucket)
        self.assertEqual(s3.get_bucket_versioning(Bucket=bucket)["Status"], "Suspended")
        self.assertEqual(s3.get_bucket_tagging(Bucket=bucket)["TagSet"], [{"Key": "team", "Value": "platform"}])
        for call, code in (
            (s3.get_bucket_lifecycle_configuration, "NoSuchLifecycleConfiguration"),
            (s3.get_public_access_block, "NoSuchPublicAccessBlockConfiguration"),
            (s3.get_bucket_ownership_controls, "OwnershipControlsNotFoundError"),
        ):
            with self.assertRaises(s3.exceptions.ClientError) as raised:
                call(Bucket=bucket)
            self.assertEqual(raised.exception.response["Error"]["Code"], code)

    def test_a_new_bucket_name_replaces_the_bucket(self) -> None:
        self.deploy({"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "first-name"}}})
        self.update({"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "second-name", "VersioningConfiguration": {"Status": "Enabled"}}}})
        s3 = self.client("s3")
        self.assertEqual([b["Name"] for b in s3.list_buckets()["Buckets"]], ["second-name"])
        self.assertEqual(s3.get_bucket_versioning(Bucket="second-name")["Status"], "Enabled")


class BucketPolicyEnforcementTest(StackTestCase):
    """moto checks object requests against the bucket policy; a condition it has no request
    context for does not hold, as in IAM for a key the request lacks."""

    def put(self, statement: dict) -> tuple[Any, str]:
        s3 = self.client("s3")
        s3.create_bucket(Bucket="bkt")
        s3.put_bucket_policy(Bucket="bkt", Policy=json.dumps({"Version": "2012-10-17", "Statement": [statement]}))
        return s3, "bkt"

    def test_a_deny_on_a_condition_that_does_not_hold_lets_objects_in(self) -> None:
        s3, bucket = self.put(
            {
                "Effect": "Deny",
                "Principal": "*",
                "Action": "s3:*",
                "Resource": ["arn:aws:s3:::bkt", "arn:aws:s3:::bkt/*"],
                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
            }
        )
        s3.put_object(Bucket=bucket, Key="k", Body=b"x")
        self.assertEqual(s3.get_object(Bucket=bucket, Key="k")["Body"].read(), b"x")

    def test_an_unconditional_deny_still_denies(self) -> None:
        s3, bucket = self.put({"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::bkt/*"})
        with self.assertRaises(s3.exceptions.ClientError) as raised:
            s3.put_object(Bucket=bucket, Key="k", Body=b"x")
        self.assertEqual(raised.exception.response["ResponseMetadata"]["HTTPStatusCode"], 403)

    def test_a_deny_whose_condition_holds_without_the_key_denies(self) -> None:
        s3, bucket = self.put(
            {
                "Effect": "Deny",
                "Principal": "*",
                "Action": "s3:PutObject",
                "Resource": "arn:aws:s3:::bkt/*",
                "Condition": {"StringNotEqualsIfExists": {"s3:x-amz-server-side-encryption": "aws:kms"}},
            }
        )
        with self.assertRaises(s3.exceptions.ClientError):
            s3.put_object(Bucket=bucket, Key="k", Body=b"x")


if __name__ == "__main__":
    import unittest

    unittest.main()
