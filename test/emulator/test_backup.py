from typing import Any

from support import StackTestCase

KEY = {"Type": "AWS::KMS::Key", "Properties": {"KeyPolicy": {"Version": "2012-10-17", "Statement": []}}}
VAULT: dict[str, Any] = {
    "Type": "AWS::Backup::BackupVault",
    "Properties": {
        "BackupVaultName": "long-term",
        "EncryptionKeyArn": {"Fn::GetAtt": ["Key", "Arn"]},
        "BackupVaultTags": {"team": "data"},
    },
}
PLAN: dict[str, Any] = {
    "Type": "AWS::Backup::BackupPlan",
    "Properties": {
        "BackupPlan": {
            "BackupPlanName": "Daily",
            "BackupPlanRule": [
                {
                    "RuleName": "DailySnapshot",
                    "TargetBackupVault": {"Fn::GetAtt": ["Vault", "BackupVaultName"]},
                    "ScheduleExpression": "cron(0 5 * * ? *)",
                    "StartWindowMinutes": "60",
                    "CompletionWindowMinutes": 480,
                    "Lifecycle": {"DeleteAfterDays": "90"},
                    "RecoveryPointTags": {"kind": "daily"},
                }
            ],
        },
        "BackupPlanTags": {"team": "data"},
    },
}


def with_props(resource: dict[str, Any], **props: Any) -> dict[str, Any]:
    return {**resource, "Properties": {**resource["Properties"], **props}}


class BackupVaultTest(StackTestCase):
    OUTPUTS = {
        "Name": {"Value": {"Ref": "Vault"}},
        "AttName": {"Value": {"Fn::GetAtt": ["Vault", "BackupVaultName"]}},
        "Arn": {"Value": {"Fn::GetAtt": ["Vault", "BackupVaultArn"]}},
        "Key": {"Value": {"Fn::GetAtt": ["Key", "Arn"]}},
    }

    def test_creates_the_vault_encrypted_with_the_key(self) -> None:
        out = self.deploy({"Key": KEY, "Vault": VAULT}, self.OUTPUTS)
        backup = self.client("backup")
        vault = backup.describe_backup_vault(BackupVaultName="long-term")
        self.assertEqual(out["Name"], "long-term")
        self.assertEqual(out["AttName"], "long-term")
        self.assertEqual(out["Arn"], vault["BackupVaultArn"])
        self.assertEqual(vault["EncryptionKeyArn"], out["Key"])
        self.assertEqual(backup.list_tags(ResourceArn=out["Arn"])["Tags"], {"team": "data"})

    def test_a_lock_configuration_locks_the_vault(self) -> None:
        locked = with_props(VAULT, LockConfiguration={"MinRetentionDays": "7", "MaxRetentionDays": 365})
        self.deploy({"Key": KEY, "Vault": locked})
        [vault] = self.client("backup").list_backup_vaults()["BackupVaultList"]
        self.assertEqual((vault["Locked"], vault["MinRetentionDays"], vault["MaxRetentionDays"]), (True, 7, 365))

    def test_updates_tags_and_lock_in_place(self) -> None:
        out = self.deploy({"Key": KEY, "Vault": VAULT}, self.OUTPUTS)
        changed = with_props(VAULT, BackupVaultTags={"owner": "dba"}, LockConfiguration={"MinRetentionDays": 1})
        self.update({"Key": KEY, "Vault": changed}, self.OUTPUTS)
        backup = self.client("backup")
        self.assertEqual(backup.list_tags(ResourceArn=out["Arn"])["Tags"], {"owner": "dba"})
        self.assertIs(backup.list_backup_vaults()["BackupVaultList"][0]["Locked"], True)

    def test_deleting_the_stack_deletes_the_vault_unless_retained(self) -> None:
        self.deploy({"Key": KEY, "Vault": VAULT})
        self.destroy()
        self.assertEqual(self.client("backup").list_backup_vaults()["BackupVaultList"], [])
        self.deploy({"Key": KEY, "Vault": {**VAULT, "DeletionPolicy": "Retain"}}, name="kept")
        self.destroy(name="kept")
        self.assertEqual([v["BackupVaultName"] for v in self.client("backup").list_backup_vaults()["BackupVaultList"]], ["long-term"])


class BackupPlanTest(StackTestCase):
    RESOURCES = {"Key": KEY, "Vault": VAULT, "Plan": PLAN}
    OUTPUTS = {
        "Id": {"Value": {"Ref": "Plan"}},
        "AttId": {"Value": {"Fn::GetAtt": ["Plan", "BackupPlanId"]}},
        "Arn": {"Value": {"Fn::GetAtt": ["Plan", "BackupPlanArn"]}},
        "Version": {"Value": {"Fn::GetAtt": ["Plan", "VersionId"]}},
    }

    def test_creates_the_plan_with_its_rules(self) -> None:
        out = self.deploy(self.RESOURCES, self.OUTPUTS)
        backup = self.client("backup")
        got = backup.get_backup_plan(BackupPlanId=out["Id"])
        self.assertEqual(out["AttId"], out["Id"])
        self.assertEqual(out["Arn"], got["BackupPlanArn"])
        self.assertEqual(out["Version"], got["VersionId"])
        self.assertEqual(got["BackupPlan"]["BackupPlanName"], "Daily")
        [rule] = got["BackupPlan"]["Rules"]
        self.assertEqual(rule["RuleName"], "DailySnapshot")
        self.assertEqual(rule["TargetBackupVaultName"], "long-term")
        self.assertEqual(rule["ScheduleExpression"], "cron(0 5 * * ? *)")
        self.assertEqual((rule["StartWindowMinutes"], rule["CompletionWindowMinutes"]), (60, 480))
        self.assertEqual(rule["Lifecycle"], {"DeleteAfterDays": 90})
        self.assertEqual(rule["RecoveryPointTags"], {"kind": "daily"})
        self.assertEqual(backup.list_tags(ResourceArn=out["Arn"])["Tags"], {"team": "data"})

    def test_updates_tags_in_place(self) -> None:
        out = self.deploy(self.RESOURCES, self.OUTPUTS)
        self.update({**self.RESOURCES, "Plan": with_props(PLAN, BackupPlanTags={"owner": "dba"})}, self.OUTPUTS)
        self.assertEqual(self.client("backup").list_tags(ResourceArn=out["Arn"])["Tags"], {"owner": "dba"})

    def test_a_changed_plan_is_updated_in_place(self) -> None:
        out = self.deploy(self.RESOURCES, self.OUTPUTS)
        rule = {**PLAN["Properties"]["BackupPlan"]["BackupPlanRule"][0], "Lifecycle": {"DeleteAfterDays": 35}}
        changed = with_props(PLAN, BackupPlan={"BackupPlanName": "Daily", "BackupPlanRule": [rule]})
        again = self.update({**self.RESOURCES, "Plan": changed}, self.OUTPUTS)
        self.assertEqual(again["Id"], out["Id"])
        self.assertNotEqual(again["Version"], out["Version"])
        backup = self.client("backup")
        [plan] = backup.list_backup_plans()["BackupPlansList"]
        self.assertEqual(plan["BackupPlanId"], out["Id"])
        got = backup.get_backup_plan(BackupPlanId=out["Id"])
        self.assertEqual(got["VersionId"], again["Version"])
        self.assertEqual(got["BackupPlan"]["Rules"][0]["Lifecycle"], {"DeleteAfterDays": 35})

    def test_a_plan_name_is_free_again_once_its_stack_is_gone(self) -> None:
        self.deploy(self.RESOURCES, self.OUTPUTS, name="first")
        self.destroy(name="first")
        out = self.deploy(self.RESOURCES, self.OUTPUTS, name="second")
        self.assertEqual(self.client("backup").get_backup_plan(BackupPlanId=out["Id"])["BackupPlan"]["BackupPlanName"], "Daily")

    def test_deleting_the_stack_deletes_the_plan(self) -> None:
        out = self.deploy(self.RESOURCES, self.OUTPUTS)
        self.destroy()
        backup = self.client("backup")
        self.assertEqual(backup.list_backup_plans()["BackupPlansList"], [])
        # As in AWS, a deleted plan is still listed with its deletion date when asked for.
        [deleted] = backup.list_backup_plans(IncludeDeleted=True)["BackupPlansList"]
        self.assertEqual(deleted["BackupPlanId"], out["Id"])
        self.assertIn("DeletionDate", deleted)


ROLE_ARN = "arn:aws:iam::123456789012:role/backup"
CLUSTER_ARN = "arn:aws:rds:us-east-1:123456789012:cluster:orders"


class BackupSelectionApiTest(StackTestCase):
    """The calls added to moto's Backup backend, through boto3."""

    def setUp(self) -> None:
        super().setUp()
        self.backup = self.client("backup")
        rules = [{"RuleName": "daily", "TargetBackupVaultName": "Default"}]
        self.plan_id = self.backup.create_backup_plan(BackupPlan={"BackupPlanName": "p", "Rules": rules})["BackupPlanId"]

    def select(self, **selection: Any) -> str:
        body = {"SelectionName": "cluster", "IamRoleArn": ROLE_ARN, "Resources": [CLUSTER_ARN], **selection}
        return str(self.backup.create_backup_selection(BackupPlanId=self.plan_id, BackupSelection=body)["SelectionId"])

    def assertError(self, code: str, call: Any, **kwargs: Any) -> str:
        with self.assertRaises(self.backup.exceptions.ClientError) as caught:
            call(**kwargs)
        self.assertEqual(caught.exception.response["Error"]["Code"], code)
        return str(caught.exception.response["Error"]["Message"])

    def test_create_get_list_delete(self) -> None:
        tags = [{"ConditionType": "STRINGEQUALS", "ConditionKey": "backup", "ConditionValue": "daily"}]
        created = self.backup.create_backup_selection(
            BackupPlanId=self.plan_id,
            BackupSelection={"SelectionName": "cluster", "IamRoleArn": ROLE_ARN, "Resources": [CLUSTER_ARN], "ListOfTags": tags},
            CreatorRequestId="req-1",
        )
        self.assertEqual(created["BackupPlanId"], self.plan_id)
        got = self.backup.get_backup_selection(BackupPlanId=self.plan_id, SelectionId=created["SelectionId"])
        self.assertEqual(got["SelectionId"], created["SelectionId"])
        self.assertEqual(got["CreatorRequestId"], "req-1")
        self.assertEqual(got["CreationDate"], created["CreationDate"])
        self.assertEqual(
            got["BackupSelection"],
            {
                "SelectionName": "cluster",
                "IamRoleArn": ROLE_ARN,
                "Resources": [CLUSTER_ARN],
                "NotResources": [],
                "ListOfTags": tags,
                "Conditions": {"StringEquals": [], "StringNotEquals": [], "StringLike": [], "StringNotLike": []},
            },
        )
        [listed] = self.backup.list_backup_selections(BackupPlanId=self.plan_id)["BackupSelectionsList"]
        self.assertEqual(
            {k: listed[k] for k in ("SelectionId", "SelectionName", "BackupPlanId", "IamRoleArn", "CreatorRequestId")},
            {"SelectionId": created["SelectionId"], "SelectionName": "cluster", "BackupPlanId": self.plan_id, "IamRoleArn": ROLE_ARN, "CreatorRequestId": "req-1"},
        )
        self.backup.delete_backup_selection(BackupPlanId=self.plan_id, SelectionId=created["SelectionId"])
        self.assertEqual(self.backup.list_backup_selections(BackupPlanId=self.plan_id)["BackupSelectionsList"], [])
        self.assertError("ResourceNotFoundException", self.backup.get_backup_selection, BackupPlanId=self.plan_id, SelectionId=created["SelectionId"])

    def test_list_pages_and_keeps_to_its_plan(self) -> None:
        ids = {self.select(SelectionName=f"s{i}") for i in range(3)}
        rules = [{"RuleName": "weekly", "TargetBackupVaultName": "Default"}]
        other = self.backup.create_backup_plan(BackupPlan={"BackupPlanName": "q", "Rules": rules})["BackupPlanId"]
        self.backup.create_backup_selection(BackupPlanId=other, BackupSelection={"SelectionName": "x", "IamRoleArn": ROLE_ARN, "Resources": ["*"]})
        first = self.backup.list_backup_selections(BackupPlanId=self.plan_id, MaxResults=2)
        self.assertEqual(len(first["BackupSelectionsList"]), 2)
        rest = self.backup.list_backup_selections(BackupPlanId=self.plan_id, MaxResults=2, NextToken=first["NextToken"])
        self.assertNotIn("NextToken", rest)
        self.assertEqual({s["SelectionId"] for s in first["BackupSelectionsList"] + rest["BackupSelectionsList"]}, ids)
        paged = self.backup.get_paginator("list_backup_selections").paginate(BackupPlanId=self.plan_id, PaginationConfig={"PageSize": 1})
        self.assertEqual({s["SelectionId"] for page in paged for s in page["BackupSelectionsList"]}, ids)

    def test_a_selection_needs_a_live_plan(self) -> None:
        message = self.assertError(
            "InvalidParameterValueException",
            self.backup.create_backup_selection,
            BackupPlanId="no-such-plan",
            BackupSelection={"SelectionName": "s", "IamRoleArn": ROLE_ARN, "Resources": ["*"]},
        )
        self.assertEqual(message, "Cannot find Backup plan with ID no-such-plan")
        self.assertError("InvalidParameterValueException", self.backup.list_backup_selections, BackupPlanId="no-such-plan")
        self.assertError("ResourceNotFoundException", self.backup.get_backup_selection, BackupPlanId=self.plan_id, SelectionId="nope")
        self.assertError("ResourceNotFoundException", self.backup.delete_backup_selection, BackupPlanId=self.plan_id, SelectionId="nope")

    def test_a_selection_is_only_found_in_its_own_plan(self) -> None:
        selection_id = self.select()
        rules = [{"RuleName": "weekly", "TargetBackupVaultName": "Default"}]
        other = self.backup.create_backup_plan(BackupPlan={"BackupPlanName": "q", "Rules": rules})["BackupPlanId"]
        self.assertError("ResourceNotFoundException", self.backup.get_backup_selection, BackupPlanId=other, SelectionId=selection_id)

    def test_a_selection_is_validated_as_aws_does(self) -> None:
        message = self.assertError("InvalidParameterValueException", self.select, Resources=[])
        self.assertEqual(message, "Invalid backup selection. Either 'ListOfTags' or 'Resources' section must be non-empty.")
        self.assertError("InvalidParameterValueException", self.select, SelectionName="has spaces")
        self.assertError("InvalidParameterValueException", self.select, SelectionName="n" * 51)
        self.assertError("InvalidParameterValueException", self.select, IamRoleArn="backup")
        wrong = [{"ConditionType": "STRINGLIKE", "ConditionKey": "k", "ConditionValue": "v"}]
        self.assertError("InvalidParameterValueException", self.select, Resources=[], ListOfTags=wrong)
        self.assertEqual(self.backup.list_backup_selections(BackupPlanId=self.plan_id)["BackupSelectionsList"], [])

    def test_a_plan_with_selections_cannot_be_deleted(self) -> None:
        selection_id = self.select()
        message = self.assertError("InvalidRequestException", self.backup.delete_backup_plan, BackupPlanId=self.plan_id)
        self.assertEqual(message, "Related backup plan selections must be deleted prior to backup plan deletion")
        self.backup.delete_backup_selection(BackupPlanId=self.plan_id, SelectionId=selection_id)
        self.backup.delete_backup_plan(BackupPlanId=self.plan_id)
        self.assertError("InvalidParameterValueException", self.backup.list_backup_selections, BackupPlanId=self.plan_id)

    def test_update_backup_plan_makes_a_new_version(self) -> None:
        before = self.backup.get_backup_plan(BackupPlanId=self.plan_id)
        rules = [{"RuleName": "hourly", "TargetBackupVaultName": "Default", "ScheduleExpression": "cron(0 * * * ? *)"}]
        updated = self.backup.update_backup_plan(BackupPlanId=self.plan_id, BackupPlan={"BackupPlanName": "p", "Rules": rules})
        self.assertEqual(updated["BackupPlanId"], self.plan_id)
        self.assertNotEqual(updated["VersionId"], before["VersionId"])
        after = self.backup.get_backup_plan(BackupPlanId=self.plan_id)
        self.assertEqual(after["VersionId"], updated["VersionId"])
        [rule] = after["BackupPlan"]["Rules"]
        self.assertEqual((rule["RuleName"], rule["ScheduleExpression"], rule["StartWindowMinutes"]), ("hourly", "cron(0 * * * ? *)", 480))
        self.assertError("ResourceNotFoundException", self.backup.update_backup_plan, BackupPlanId="nope", BackupPlan={"BackupPlanName": "p", "Rules": rules})


ROLE: dict[str, Any] = {
    "Type": "AWS::IAM::Role",
    "Properties": {
        "AssumeRolePolicyDocument": {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Principal": {"Service": "backup.amazonaws.com"}, "Action": "sts:AssumeRole"}],
        }
    },
}
SELECTION: dict[str, Any] = {
    "Type": "AWS::Backup::BackupSelection",
    "Properties": {
        "BackupPlanId": {"Fn::GetAtt": ["Plan", "BackupPlanId"]},
        "BackupSelection": {
            "SelectionName": "Cluster",
            "IamRoleArn": {"Fn::GetAtt": ["Role", "Arn"]},
            "Resources": [{"Fn::Sub": "arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:cluster:orders"}],
            "ListOfTags": [{"ConditionType": "STRINGEQUALS", "ConditionKey": "backup", "ConditionValue": "daily"}],
        },
    },
}


class BackupSelectionTest(StackTestCase):
    RESOURCES = {"Key": KEY, "Vault": VAULT, "Plan": PLAN, "Role": ROLE, "Selection": SELECTION}
    OUTPUTS = {
        "Ref": {"Value": {"Ref": "Selection"}},
        "SelectionId": {"Value": {"Fn::GetAtt": ["Selection", "SelectionId"]}},
        "PlanId": {"Value": {"Fn::GetAtt": ["Selection", "BackupPlanId"]}},
        "Id": {"Value": {"Fn::GetAtt": ["Selection", "Id"]}},
        "Plan": {"Value": {"Ref": "Plan"}},
        "Role": {"Value": {"Fn::GetAtt": ["Role", "Arn"]}},
    }

    def test_creates_the_selection_in_the_plan(self) -> None:
        out = self.deploy(self.RESOURCES, self.OUTPUTS)
        self.assertEqual(out["SelectionId"], out["Ref"])
        self.assertEqual(out["PlanId"], out["Plan"])
        self.assertEqual(out["Id"], f"{out['Ref']}_{out['Plan']}")
        backup = self.client("backup")
        got = backup.get_backup_selection(BackupPlanId=out["Plan"], SelectionId=out["Ref"])["BackupSelection"]
        self.assertEqual(got["SelectionName"], "Cluster")
        self.assertEqual(got["IamRoleArn"], out["Role"])
        self.assertEqual(got["Resources"], [CLUSTER_ARN])
        self.assertEqual(got["ListOfTags"], SELECTION["Properties"]["BackupSelection"]["ListOfTags"])
        [listed] = backup.list_backup_selections(BackupPlanId=out["Plan"])["BackupSelectionsList"]
        self.assertEqual(listed["SelectionId"], out["Ref"])

    def test_a_changed_selection_replaces_it(self) -> None:
        out = self.deploy(self.RESOURCES, self.OUTPUTS)
        body = {**SELECTION["Properties"]["BackupSelection"], "Resources": ["arn:aws:dynamodb:us-east-1:123456789012:table/orders"]}
        changed = with_props(SELECTION, BackupSelection=body)
        again = self.update({**self.RESOURCES, "Selection": changed}, self.OUTPUTS)
        self.assertNotEqual(again["Ref"], out["Ref"])
        backup = self.client("backup")
        [listed] = backup.list_backup_selections(BackupPlanId=out["Plan"])["BackupSelectionsList"]
        self.assertEqual(listed["SelectionId"], again["Ref"])
        got = backup.get_backup_selection(BackupPlanId=out["Plan"], SelectionId=again["Ref"])["BackupSelection"]
        self.assertEqual(got["Resources"], body["Resources"])

    def test_a_removed_list_of_tags_replaces_it(self) -> None:
        out = self.deploy(self.RESOURCES, self.OUTPUTS)
        body = {k: v for k, v in SELECTION["Properties"]["BackupSelection"].items() if k != "ListOfTags"}
        again = self.update({**self.RESOURCES, "Selection": with_props(SELECTION, BackupSelection=body)}, self.OUTPUTS)
        self.assertNotEqual(again["Ref"], out["Ref"])
        got = self.client("backup").get_backup_selection(BackupPlanId=out["Plan"], SelectionId=again["Ref"])["BackupSelection"]
        self.assertEqual(got["ListOfTags"], [])

    def test_the_plan_can_change_under_its_selection(self) -> None:
        out = self.deploy(self.RESOURCES, self.OUTPUTS)
        rule = {**PLAN["Properties"]["BackupPlan"]["BackupPlanRule"][0], "Lifecycle": {"DeleteAfterDays": 35}}
        changed = with_props(PLAN, BackupPlan={"BackupPlanName": "Daily", "BackupPlanRule": [rule]})
        again = self.update({**self.RESOURCES, "Plan": changed}, self.OUTPUTS)
        self.assertEqual((again["Plan"], again["Ref"]), (out["Plan"], out["Ref"]))

    def test_deleting_the_stack_deletes_the_selection_then_the_plan(self) -> None:
        out = self.deploy(self.RESOURCES, self.OUTPUTS)
        self.destroy()
        backup = self.client("backup")
        self.assertEqual(backup.list_backup_plans()["BackupPlansList"], [])
        [deleted] = backup.list_backup_plans(IncludeDeleted=True)["BackupPlansList"]
        self.assertEqual(deleted["BackupPlanId"], out["Plan"])
        # The plan could only be deleted once the selection was: moto's store holds none.
        from moto.backup.models import backup_backends

        self.assertEqual(backup_backends["123456789012"]["us-east-1"].backup_selections, {})  # type: ignore[attr-defined]


if __name__ == "__main__":
    import unittest

    unittest.main()


LAG_VAULT = {
    "Type": "AWS::Backup::LogicallyAirGappedBackupVault",
    "Properties": {
        "BackupVaultName": "air-gapped",
        "MinRetentionDays": 7,
        "MaxRetentionDays": "35",
        "BackupVaultTags": {"purpose": "ransomware"},
    },
}
RT_PLAN = {
    "Type": "AWS::Backup::RestoreTestingPlan",
    "Properties": {
        "RestoreTestingPlanName": "weekly_restore_test",
        "ScheduleExpression": "cron(0 3 ? * SUN *)",
        "StartWindowHours": "4",
        "RecoveryPointSelection": {
            "Algorithm": "LATEST_WITHIN_WINDOW",
            "IncludeVaults": [{"Fn::GetAtt": ["Vault", "BackupVaultArn"]}],
            "RecoveryPointTypes": ["SNAPSHOT"],
            "SelectionWindowDays": "7",
        },
        "Tags": [{"Key": "purpose", "Value": "restore-test"}],
    },
}
RT_SELECTION = {
    "Type": "AWS::Backup::RestoreTestingSelection",
    "Properties": {
        "RestoreTestingPlanName": {"Ref": "Plan"},
        "RestoreTestingSelectionName": "dynamodb_tables",
        "ProtectedResourceType": "DynamoDB",
        "IamRoleArn": "arn:aws:iam::123456789012:role/restore-testing",
        "ProtectedResourceArns": ["*"],
        "ProtectedResourceConditions": {"StringEquals": [{"Key": "aws:ResourceTag/backup", "Value": "daily"}]},
        "ValidationWindowHours": 2,
    },
}


class LogicallyAirGappedVaultTest(StackTestCase):
    def test_creates_a_locked_air_gapped_vault(self) -> None:
        out = self.deploy(
            {"Vault": LAG_VAULT},
            {
                "Name": {"Value": {"Ref": "Vault"}},
                "Arn": {"Value": {"Fn::GetAtt": ["Vault", "BackupVaultArn"]}},
                "Type": {"Value": {"Fn::GetAtt": ["Vault", "VaultType"]}},
                "State": {"Value": {"Fn::GetAtt": ["Vault", "VaultState"]}},
            },
        )
        backup = self.client("backup")
        vault = backup.describe_backup_vault(BackupVaultName=out["Name"])
        self.assertEqual(out["Name"], "air-gapped")
        self.assertEqual(vault["BackupVaultArn"], out["Arn"])
        self.assertEqual((vault["VaultType"], out["Type"]), ("LOGICALLY_AIR_GAPPED_BACKUP_VAULT", "LOGICALLY_AIR_GAPPED_BACKUP_VAULT"))
        self.assertEqual(out["State"], "AVAILABLE")
        self.assertTrue(vault["Locked"])
        self.assertEqual((vault["MinRetentionDays"], vault["MaxRetentionDays"]), (7, 35))
        self.assertEqual(backup.list_tags(ResourceArn=out["Arn"])["Tags"], {"purpose": "ransomware"})

    def test_a_retention_change_replaces_it_and_deleting_the_stack_removes_it(self) -> None:
        out = self.deploy({"Vault": LAG_VAULT}, {"Name": {"Value": {"Ref": "Vault"}}})
        changed = {**LAG_VAULT, "Properties": {**LAG_VAULT["Properties"], "BackupVaultName": "air-gapped-2", "MaxRetentionDays": 90}}
        new = self.update({"Vault": changed}, {"Name": {"Value": {"Ref": "Vault"}}})
        backup = self.client("backup")
        self.assertEqual(backup.describe_backup_vault(BackupVaultName=new["Name"])["MaxRetentionDays"], 90)
        with self.assertRaises(backup.exceptions.ResourceNotFoundException):
            backup.describe_backup_vault(BackupVaultName=out["Name"])
        self.destroy()
        self.assertEqual(backup.list_backup_vaults()["BackupVaultList"], [])

    def test_refuses_a_minimum_retention_under_seven_days(self) -> None:
        bad = {**LAG_VAULT, "Properties": {**LAG_VAULT["Properties"], "MinRetentionDays": 1}}
        with self.assertRaises(Exception):
            self.deploy({"Vault": bad})


class RestoreTestingTest(StackTestCase):
    RESOURCES = {"Vault": {"Type": "AWS::Backup::BackupVault", "Properties": {"BackupVaultName": "primary"}}, "Plan": RT_PLAN, "Selection": RT_SELECTION}
    OUTPUTS = {
        "Plan": {"Value": {"Ref": "Plan"}},
        "PlanArn": {"Value": {"Fn::GetAtt": ["Plan", "RestoreTestingPlanArn"]}},
        "Selection": {"Value": {"Ref": "Selection"}},
    }

    def test_creates_the_plan_and_its_selection(self) -> None:
        out = self.deploy(self.RESOURCES, self.OUTPUTS)
        backup = self.client("backup")
        plan = backup.get_restore_testing_plan(RestoreTestingPlanName=out["Plan"])["RestoreTestingPlan"]
        self.assertEqual(plan["RestoreTestingPlanArn"], out["PlanArn"])
        self.assertEqual(plan["ScheduleExpression"], "cron(0 3 ? * SUN *)")
        self.assertEqual(plan["StartWindowHours"], 4)
        self.assertEqual(plan["RecoveryPointSelection"]["Algorithm"], "LATEST_WITHIN_WINDOW")
        self.assertEqual(plan["RecoveryPointSelection"]["SelectionWindowDays"], 7)
        self.assertEqual(plan["RecoveryPointSelection"]["IncludeVaults"], [self.client("backup").describe_backup_vault(BackupVaultName="primary")["BackupVaultArn"]])
        self.assertEqual(out["Selection"], "weekly_restore_test|dynamodb_tables")
        selection = backup.get_restore_testing_selection(
            RestoreTestingPlanName=out["Plan"], RestoreTestingSelectionName="dynamodb_tables"
        )["RestoreTestingSelection"]
        self.assertEqual(selection["ProtectedResourceType"], "DynamoDB")
        self.assertEqual(selection["ValidationWindowHours"], 2)
        self.assertEqual(selection["ProtectedResourceConditions"], {"StringEquals": [{"Key": "aws:ResourceTag/backup", "Value": "daily"}]})
        self.assertEqual([p["RestoreTestingPlanName"] for p in backup.list_restore_testing_plans()["RestoreTestingPlans"]], [out["Plan"]])

    def test_an_update_changes_the_schedule_and_the_validation_window_in_place(self) -> None:
        out = self.deploy(self.RESOURCES, self.OUTPUTS)
        plan = {**RT_PLAN, "Properties": {**RT_PLAN["Properties"], "ScheduleExpression": "cron(0 4 ? * MON *)"}}
        selection = {**RT_SELECTION, "Properties": {**RT_SELECTION["Properties"], "ValidationWindowHours": 6}}
        new = self.update({**self.RESOURCES, "Plan": plan, "Selection": selection}, self.OUTPUTS)
        backup = self.client("backup")
        self.assertEqual(new["PlanArn"], out["PlanArn"])
        self.assertEqual(backup.get_restore_testing_plan(RestoreTestingPlanName=out["Plan"])["RestoreTestingPlan"]["ScheduleExpression"], "cron(0 4 ? * MON *)")
        got = backup.get_restore_testing_selection(RestoreTestingPlanName=out["Plan"], RestoreTestingSelectionName="dynamodb_tables")
        self.assertEqual(got["RestoreTestingSelection"]["ValidationWindowHours"], 6)

    def test_a_plan_with_selections_cannot_be_deleted_and_the_stack_deletes_both(self) -> None:
        out = self.deploy(self.RESOURCES, self.OUTPUTS)
        backup = self.client("backup")
        with self.assertRaises(backup.exceptions.InvalidRequestException):
            backup.delete_restore_testing_plan(RestoreTestingPlanName=out["Plan"])
        self.destroy()
        self.assertEqual(backup.list_restore_testing_plans()["RestoreTestingPlans"], [])
