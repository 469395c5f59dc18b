import json
import os
from unittest import mock

from support import StackTestCase, amazon_image_id

from oar_moto.inventory import inventory, touch_backends


def ids(service: str) -> set[str]:
    return {r["id"] for r in inventory() if r["service"] == service}


class InventoryTest(StackTestCase):
    def test_lists_what_the_backends_hold_and_forgets_what_was_deleted(self) -> None:
        sqs = self.client("sqs")
        url = sqs.create_queue(QueueName="jobs")["QueueUrl"]
        self.assertTrue(any("jobs" in i for i in ids("sqs")))
        sqs.delete_queue(QueueUrl=url)
        self.assertFalse(any("jobs" in i for i in ids("sqs")))

    def test_a_resource_keeps_its_ref_and_a_new_one_under_the_same_id_gets_another(self) -> None:
        # On an emulator entries share, an earlier entry's queue of this name must not pass for a later one's.
        sqs = self.client("sqs")
        url = sqs.create_queue(QueueName="jobs")["QueueUrl"]
        [first] = [r for r in inventory() if r["service"] == "sqs"]
        self.assertEqual([r["ref"] for r in inventory() if r["service"] == "sqs"], [first["ref"]])
        sqs.delete_queue(QueueUrl=url)
        sqs.create_queue(QueueName="jobs")
        [again] = [r for r in inventory() if r["service"] == "sqs"]
        self.assertEqual(again["id"], first["id"])
        self.assertNotEqual(again["ref"], first["ref"])

    def test_leaves_out_what_other_accounts_own_public_images_and_aws_managed_policies(self) -> None:
        with mock.patch.dict(os.environ, {"MOTO_IAM_LOAD_MANAGED_POLICIES": "true"}):  # as the emulator loads them
            iam = self.client("iam")
            self.assertTrue(iam.list_policies(Scope="AWS", MaxItems=1)["Policies"])
        statement = {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}
        iam.create_policy(PolicyName="mine", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [statement]}))
        ec2 = self.client("ec2")
        instance = ec2.run_instances(ImageId=amazon_image_id(), MinCount=1, MaxCount=1)["Instances"][0]["InstanceId"]
        image = ec2.create_image(InstanceId=instance, Name="mine")["ImageId"]
        rows = inventory()
        self.assertEqual([r["id"] for r in rows if r["collection"] == "amis"], [image])
        self.assertEqual([r["id"] for r in rows if r["service"] == "iam" and "policy/" in r["id"]],
                         ["arn:aws:iam::123456789012:policy/mine"])
        self.assertEqual([r for r in rows if r["collection"] == "snapshots" and r["id"] not in self.snapshots_of(image)], [])

    def snapshots_of(self, image: str) -> set[str]:
        [described] = self.client("ec2").describe_images(ImageIds=[image])["Images"]
        return {m["Ebs"]["SnapshotId"] for m in described.get("BlockDeviceMappings", []) if "Ebs" in m}

    def test_lists_rds_whose_collections_are_not_plain_dicts_once_and_not_its_defaults(self) -> None:
        self.client("rds").create_db_cluster_parameter_group(
            DBClusterParameterGroupName="pg", DBParameterGroupFamily="aurora-postgresql16", Description="d"
        )
        # As RDS makes it on first use of the engine (moto accepts the reserved name through the API).
        self.client("rds").create_db_cluster_parameter_group(
            DBClusterParameterGroupName="default.aurora-postgresql16", DBParameterGroupFamily="aurora-postgresql16", Description="d"
        )
        rows = [r for r in inventory() if r["service"] == "rds"]
        self.assertEqual([r["collection"] for r in rows if r["id"].endswith("pg")], ["db_cluster_parameter_groups"])
        self.assertEqual([r for r in rows if "default." in r["id"]], [])

    def test_leaves_out_session_credentials_and_aws_managed_keys(self) -> None:
        self.client("sts").assume_role(RoleArn="arn:aws:iam::123456789012:role/r", RoleSessionName="session")
        kms = self.client("kms")
        mine = kms.create_key()["KeyMetadata"]["KeyId"]
        self.client("dynamodb").create_table(
            TableName="t",
            KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
            SSESpecification={"Enabled": True, "SSEType": "KMS"},
        )
        rows = inventory()
        self.assertEqual([r for r in rows if r["collection"] == "access_keys" and r["id"].startswith("ASIA")], [])
        self.assertEqual([r for r in rows if r["collection"] == "account_summary"], [])
        self.assertEqual([r["id"] for r in rows if r["service"] == "kms" and r["collection"] == "keys" and mine not in r["id"]], [])

    def test_leaves_out_service_linked_roles_and_a_zones_own_delegation_set(self) -> None:
        self.client("iam").create_service_linked_role(AWSServiceName="batch.amazonaws.com")
        self.client("route53").create_hosted_zone(Name="example.com", CallerReference="r")
        self.assertEqual([r for r in inventory() if r["service"] == "iam" and "aws-service-role" in r["id"]], [])
        self.assertEqual([r for r in inventory() if r["collection"] == "delegation_sets"], [])
        self.assertEqual(len([r for r in inventory() if r["collection"] == "zones"]), 1)

    def test_reports_the_state_of_what_aws_still_lists_on_its_way_out(self) -> None:
        kms = self.client("kms")
        key = kms.create_key()["KeyMetadata"]["KeyId"]
        kms.schedule_key_deletion(KeyId=key, PendingWindowInDays=7)
        [row] = [r for r in inventory() if r["service"] == "kms" and key in r["id"]]
        self.assertEqual(row["state"], "PendingDeletion")

    def test_touching_backends_makes_their_defaults_before_a_baseline(self) -> None:
        self.assertEqual(ids("ec2"), set())
        touch_backends(["us-east-1"])
        self.assertTrue(any(i.startswith("vpc-") for i in ids("ec2")))
        # IAM in every partition, with its AWS managed policies, as a request with session credentials makes it.
        before = inventory()
        self.client("sts").get_access_key_info(AccessKeyId="ASIAQWERTYUIOPASDFGH")
        self.assertEqual([r for r in inventory() if r not in before], [])


if __name__ == "__main__":
    import unittest

    unittest.main()
