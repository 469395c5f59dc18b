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

    def test_a_changed_plan_replaces_it(self) -> None:
        out = self.deploy(self.RESOURCES, self.OUTPUTS)
        rule = {**PLAN["Properties"]["BackupPlan"]["BackupPlanRule"][0], "Lifecycle": {"DeleteAfterDays": 35}}
        changed = with_props(PLAN, BackupPlan={"BackupPlanName": "Daily", "BackupPlanRule": [rule]})
        again = self.update({**self.RESOURCES, "Plan": changed}, self.OUTPUTS)
        self.assertNotEqual(again["Id"], out["Id"])
        backup = self.client("backup")
        [plan] = backup.list_backup_plans()["BackupPlansList"]
        self.assertEqual(plan["BackupPlanId"], again["Id"])
        got = backup.get_backup_plan(BackupPlanId=again["Id"])["BackupPlan"]
        self.assertEqual(got["Rules"][0]["Lifecycle"], {"DeleteAfterDays": 35})

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


if __name__ == "__main__":
    import unittest

    unittest.main()
