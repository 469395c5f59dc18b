import json
from typing import Any

from botocore.exceptions import ClientError
from support import StackTestCase


def replica(region: Any, days: int = 35, **extra: Any) -> dict[str, Any]:
    return {
        "Region": region,
        "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": "true", "RecoveryPeriodInDays": days},
        **extra,
    }


TABLE = {
    "Type": "AWS::DynamoDB::GlobalTable",
    "Properties": {
        "TableName": "items",
        "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
        "BillingMode": "PAY_PER_REQUEST",
        "StreamSpecification": {"StreamViewType": "NEW_AND_OLD_IMAGES"},
        "TimeToLiveSpecification": {"AttributeName": "expires", "Enabled": True},
        "Replicas": [
            replica({"Ref": "AWS::Region"}, DeletionProtectionEnabled=False, Tags=[{"Key": "team", "Value": "data"}]),
            replica("us-west-2", days=7),
        ],
    },
}
OUTPUTS = {
    "Name": {"Value": {"Ref": "Table"}},
    "Arn": {"Value": {"Fn::GetAtt": ["Table", "Arn"]}},
    "StreamArn": {"Value": {"Fn::GetAtt": ["Table", "StreamArn"]}},
}


def with_props(resource: dict[str, Any], **props: Any) -> dict[str, Any]:
    return {**resource, "Properties": {**resource["Properties"], **props}}


class GlobalTableTest(StackTestCase):
    def dynamodb(self, region: str = "us-east-1") -> Any:
        return self.client("dynamodb", region)

    def test_creates_the_table_and_a_replica_in_each_region(self) -> None:
        out = self.deploy({"Table": TABLE}, OUTPUTS)
        self.assertEqual(out["Name"], "items")
        for region, days in (("us-east-1", 35), ("us-west-2", 7)):
            table = self.dynamodb(region).describe_table(TableName="items")["Table"]
            self.assertEqual(table["KeySchema"], [{"AttributeName": "id", "KeyType": "HASH"}])
            self.assertEqual(table["AttributeDefinitions"], [{"AttributeName": "id", "AttributeType": "S"}])
            self.assertEqual(table["BillingModeSummary"]["BillingMode"], "PAY_PER_REQUEST")
            self.assertEqual(table["StreamSpecification"], {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"})
            self.assertIs(table["DeletionProtectionEnabled"], False)
            self.assertTrue(table["TableArn"].startswith(f"arn:aws:dynamodb:{region}:"))
            pitr = self.dynamodb(region).describe_continuous_backups(TableName="items")["ContinuousBackupsDescription"]
            self.assertEqual(pitr["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"], "ENABLED")
            self.assertEqual(pitr["PointInTimeRecoveryDescription"]["RecoveryPeriodInDays"], days)
            ttl = self.dynamodb(region).describe_time_to_live(TableName="items")["TimeToLiveDescription"]
            self.assertEqual(ttl, {"TimeToLiveStatus": "ENABLED", "AttributeName": "expires"})
        here = self.dynamodb().describe_table(TableName="items")["Table"]
        self.assertEqual(out["Arn"], here["TableArn"])
        self.assertEqual(out["StreamArn"], here["LatestStreamArn"])
        tags = self.dynamodb().list_tags_of_resource(ResourceArn=here["TableArn"])["Tags"]
        self.assertEqual(tags, [{"Key": "team", "Value": "data"}])

    def test_each_replica_takes_its_own_deletion_protection_and_key(self) -> None:
        props = {
            "SSESpecification": {"SSEEnabled": True, "SSEType": "KMS"},
            "Replicas": [
                replica("us-east-1", DeletionProtectionEnabled="true", SSESpecification={"KMSMasterKeyId": "alias/east"}),
                replica("us-west-2", SSESpecification={"KMSMasterKeyId": "alias/west"}),
            ],
        }
        self.deploy({"Table": with_props(TABLE, **props)})
        east = self.dynamodb().describe_table(TableName="items")["Table"]
        west = self.dynamodb("us-west-2").describe_table(TableName="items")["Table"]
        self.assertIs(east["DeletionProtectionEnabled"], True)
        self.assertIs(west["DeletionProtectionEnabled"], False)
        self.assertEqual(east["SSEDescription"]["KMSMasterKeyArn"], "alias/east")
        self.assertEqual(west["SSEDescription"]["KMSMasterKeyArn"], "alias/west")

    def test_without_server_side_encryption_makes_no_kms_key(self) -> None:
        self.deploy({"Table": TABLE})
        self.assertNotIn("SSEDescription", self.dynamodb().describe_table(TableName="items")["Table"])
        self.assertEqual(self.client("kms").list_keys()["Keys"], [])

    def test_updates_replicas_in_place_and_adds_and_removes_regions(self) -> None:
        self.deploy({"Table": TABLE}, OUTPUTS)
        self.dynamodb().put_item(TableName="items", Item={"id": {"S": "kept"}})
        changed = with_props(
            TABLE,
            Replicas=[
                {"Region": "us-east-1", "DeletionProtectionEnabled": True, "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": False}},
                replica("eu-west-1"),
            ],
        )
        self.update({"Table": changed}, OUTPUTS)
        east = self.dynamodb().describe_table(TableName="items")["Table"]
        self.assertIs(east["DeletionProtectionEnabled"], True)
        self.assertEqual(east["ItemCount"], 1, "the table was replaced")
        self.assertEqual(self.dynamodb().list_tags_of_resource(ResourceArn=east["TableArn"])["Tags"], [])
        pitr = self.dynamodb().describe_continuous_backups(TableName="items")["ContinuousBackupsDescription"]
        self.assertEqual(pitr["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"], "DISABLED")
        self.assertEqual(self.dynamodb("us-west-2").list_tables()["TableNames"], [])
        self.assertEqual(self.dynamodb("eu-west-1").list_tables()["TableNames"], ["items"])

    def test_a_new_name_and_key_schema_replace_every_replica(self) -> None:
        self.deploy({"Table": TABLE})
        changed = with_props(
            TABLE,
            TableName="records",
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        )
        self.update({"Table": changed})
        for region in ("us-east-1", "us-west-2"):
            self.assertEqual(self.dynamodb(region).list_tables()["TableNames"], ["records"])
            table = self.dynamodb(region).describe_table(TableName="records")["Table"]
            self.assertEqual(table["KeySchema"], [{"AttributeName": "pk", "KeyType": "HASH"}])

    def test_a_new_key_schema_under_the_same_name_is_refused(self) -> None:
        self.deploy({"Table": TABLE})
        changed = with_props(
            TABLE,
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        )
        with self.assertRaisesRegex(ClientError, "custom-named resource requires replacing"):
            self.cfn.update_stack(StackName="s", TemplateBody=json.dumps({"Resources": {"Table": changed}}))
        self.assertEqual(self.dynamodb().describe_table(TableName="items")["Table"]["KeySchema"][0]["AttributeName"], "id")

    def test_deleting_the_stack_deletes_every_replica(self) -> None:
        self.deploy({"Table": TABLE})
        self.destroy()
        for region in ("us-east-1", "us-west-2"):
            self.assertEqual(self.dynamodb(region).list_tables()["TableNames"], [])

    def test_deletion_protection_on_a_replica_keeps_every_replica(self) -> None:
        protected = with_props(TABLE, Replicas=[replica("us-east-1"), replica("us-west-2", DeletionProtectionEnabled=True)])
        self.deploy({"Table": protected})
        with self.assertRaisesRegex(ClientError, "DeletionProtectionEnabled is set to True"):
            self.destroy()
        for region in ("us-east-1", "us-west-2"):
            self.assertEqual(self.dynamodb(region).list_tables()["TableNames"], ["items"])

    def test_a_retained_table_outlives_the_stack(self) -> None:
        self.deploy({"Table": {**TABLE, "DeletionPolicy": "Retain"}})
        self.destroy()
        for region in ("us-east-1", "us-west-2"):
            self.assertEqual(self.dynamodb(region).list_tables()["TableNames"], ["items"])

    def test_describe_table_answers_the_other_replicas_and_eventual_consistency(self) -> None:
        self.deploy({"Table": TABLE})
        east = self.dynamodb().describe_table(TableName="items")["Table"]
        self.assertEqual(east["Replicas"], [{"RegionName": "us-west-2", "ReplicaStatus": "ACTIVE"}])
        self.assertEqual(east["MultiRegionConsistency"], "EVENTUAL")
        self.assertNotIn("GlobalTableWitnesses", east)
        west = self.dynamodb("us-west-2").describe_table(TableName="items")["Table"]
        self.assertEqual(west["Replicas"], [{"RegionName": "us-east-1", "ReplicaStatus": "ACTIVE"}])

    def test_a_strongly_consistent_table_with_a_witness(self) -> None:
        strong = with_props(
            TABLE,
            MultiRegionConsistency="STRONG",
            GlobalTableWitnesses=[{"Region": "us-east-2"}],
            StreamSpecification=None,
        )
        del strong["Properties"]["StreamSpecification"]
        self.deploy({"Table": strong}, {"Name": {"Value": {"Ref": "Table"}}})
        for region in ("us-east-1", "us-west-2"):
            table = self.dynamodb(region).describe_table(TableName="items")["Table"]
            self.assertEqual(table["MultiRegionConsistency"], "STRONG")
            self.assertEqual(table["GlobalTableWitnesses"], [{"RegionName": "us-east-2", "WitnessStatus": "ACTIVE"}])
            self.assertNotIn("StreamSpecification", table)
        self.assertEqual(self.dynamodb("us-east-2").list_tables()["TableNames"], [], "a witness holds no readable table")
        self.destroy()
        for region in ("us-east-1", "us-west-2"):
            self.assertEqual(self.dynamodb(region).list_tables()["TableNames"], [])

    def test_strong_consistency_refuses_what_dynamodb_refuses(self) -> None:
        cases = {
            "three replicas, or two replicas and one witness": {"MultiRegionConsistency": "STRONG"},
            "witness must be in a Region without a replica": {
                "MultiRegionConsistency": "STRONG",
                "GlobalTableWitnesses": [{"Region": "us-west-2"}],
            },
            "one Region set": {"MultiRegionConsistency": "STRONG", "GlobalTableWitnesses": [{"Region": "eu-west-1"}]},
            "need MultiRegionConsistency STRONG": {"GlobalTableWitnesses": [{"Region": "us-east-2"}]},
        }
        for i, (message, props) in enumerate(cases.items()):
            with self.subTest(message), self.assertRaisesRegex(ClientError, message):
                self.deploy({"Table": with_props(TABLE, **props)}, name=f"refused{i}")
            for region in ("us-east-1", "us-west-2"):
                self.assertEqual(self.dynamodb(region).list_tables()["TableNames"], [], message)

    def test_the_consistency_mode_cannot_change_under_the_same_name(self) -> None:
        self.deploy({"Table": TABLE})
        strong = with_props(TABLE, MultiRegionConsistency="STRONG", GlobalTableWitnesses=[{"Region": "us-east-2"}])
        with self.assertRaisesRegex(ClientError, "custom-named resource requires replacing"):
            self.cfn.update_stack(StackName="s", TemplateBody=json.dumps({"Resources": {"Table": strong}}))
        self.assertEqual(self.dynamodb().describe_table(TableName="items")["Table"]["MultiRegionConsistency"], "EVENTUAL")

    def test_the_replicas_must_include_the_stacks_region(self) -> None:
        elsewhere = with_props(TABLE, Replicas=[replica("us-west-2")])
        with self.assertRaisesRegex(ClientError, "must include the stack's Region"):
            self.deploy({"Table": elsewhere})
        self.assertEqual(self.dynamodb("us-west-2").list_tables()["TableNames"], [])



PLAIN_TABLE = {
    "Type": "AWS::DynamoDB::Table",
    "Properties": {
        "KeySchema": [{"AttributeName": "address", "KeyType": "HASH"}],
        "AttributeDefinitions": [{"AttributeName": "address", "AttributeType": "S"}],
        "BillingMode": "PAY_PER_REQUEST",
        "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True, "RecoveryPeriodInDays": 14},
        "TimeToLiveSpecification": {"AttributeName": "expiresAt", "Enabled": "true"},
    },
}


class TableTest(StackTestCase):
    def test_the_table_has_the_templates_point_in_time_recovery_and_ttl(self) -> None:
        out = self.deploy({"Table": PLAIN_TABLE}, {"Name": {"Value": {"Ref": "Table"}}, "Arn": {"Value": {"Fn::GetAtt": ["Table", "Arn"]}}})
        client = self.client("dynamodb")
        described = client.describe_table(TableName=out["Name"])["Table"]
        self.assertEqual(described["TableArn"], out["Arn"])
        self.assertEqual(described["BillingModeSummary"]["BillingMode"], "PAY_PER_REQUEST")
        pitr = client.describe_continuous_backups(TableName=out["Name"])["ContinuousBackupsDescription"]
        self.assertEqual(pitr["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"], "ENABLED")
        self.assertEqual(pitr["PointInTimeRecoveryDescription"]["RecoveryPeriodInDays"], 14)
        ttl = client.describe_time_to_live(TableName=out["Name"])["TimeToLiveDescription"]
        self.assertEqual(ttl, {"TimeToLiveStatus": "ENABLED", "AttributeName": "expiresAt"})

    def test_without_the_settings_they_stay_off(self) -> None:
        props = {k: v for k, v in PLAIN_TABLE["Properties"].items() if k not in ("PointInTimeRecoverySpecification", "TimeToLiveSpecification")}
        out = self.deploy({"Table": {**PLAIN_TABLE, "Properties": props}}, {"Name": {"Value": {"Ref": "Table"}}})
        client = self.client("dynamodb")
        pitr = client.describe_continuous_backups(TableName=out["Name"])["ContinuousBackupsDescription"]
        self.assertEqual(pitr["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"], "DISABLED")
        self.assertEqual(client.describe_time_to_live(TableName=out["Name"])["TimeToLiveDescription"]["TimeToLiveStatus"], "DISABLED")

    def test_deleting_the_stack_deletes_the_table(self) -> None:
        self.deploy({"Table": PLAIN_TABLE})
        self.destroy()
        self.assertEqual(self.client("dynamodb").list_tables()["TableNames"], [])


if __name__ == "__main__":
    import unittest

    unittest.main()
