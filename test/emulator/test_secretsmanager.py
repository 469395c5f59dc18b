import json
from typing import Any

from support import StackTestCase

GENERATED: dict[str, Any] = {
    "Type": "AWS::SecretsManager::Secret",
    "Properties": {
        "Description": "master credentials",
        "GenerateSecretString": {
            "SecretStringTemplate": '{"username":"dbadmin"}',
            "GenerateStringKey": "password",
            "PasswordLength": "30",
            "ExcludeCharacters": " %+~`#$&*()|[]{}:;<>?!'/@\"\\",
        },
        "Tags": [{"Key": "team", "Value": "data"}],
    },
}
CLUSTER: dict[str, Any] = {
    "Type": "AWS::RDS::DBCluster",
    "DeletionPolicy": "Delete",
    "Properties": {
        "DBClusterIdentifier": "orders",
        "Engine": "aurora-postgresql",
        "MasterUsername": "dbadmin",
        "MasterUserPassword": "correct-horse-battery",
        "Port": 5432,
    },
}
ATTACHMENT = {
    "Type": "AWS::SecretsManager::SecretTargetAttachment",
    "Properties": {"SecretId": {"Ref": "Secret"}, "TargetId": {"Ref": "Cluster"}, "TargetType": "AWS::RDS::DBCluster"},
}
HOSTED = {
    "Type": "AWS::SecretsManager::RotationSchedule",
    "Properties": {
        "SecretId": {"Ref": "Attachment"},
        "HostedRotationLambda": {"RotationType": "PostgreSQLSingleUser"},
        "RotationRules": {"ScheduleExpression": "rate(30 days)"},
    },
}
POLICY = {
    "Type": "AWS::SecretsManager::ResourcePolicy",
    "Properties": {
        "SecretId": {"Ref": "Attachment"},
        "ResourcePolicy": {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Deny",
                    "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
                    "Action": "secretsmanager:DeleteSecret",
                    "Resource": "*",
                }
            ],
        },
    },
}


def with_props(resource: dict[str, Any], **props: Any) -> dict[str, Any]:
    return {**resource, "Properties": {**resource["Properties"], **props}}


class SecretTest(StackTestCase):
    OUTPUTS = {"Arn": {"Value": {"Ref": "Secret"}}, "Id": {"Value": {"Fn::GetAtt": ["Secret", "Id"]}}}

    def test_generates_the_secret_string_from_the_template(self) -> None:
        out = self.deploy({"Secret": GENERATED}, self.OUTPUTS)
        sm = self.client("secretsmanager")
        secret = sm.describe_secret(SecretId=out["Arn"])
        self.assertEqual(secret["ARN"], out["Arn"])
        self.assertEqual(out["Id"], out["Arn"])
        self.assertEqual(secret["Description"], "master credentials")
        self.assertEqual(secret["Tags"], [{"Key": "team", "Value": "data"}])
        value = json.loads(sm.get_secret_value(SecretId=out["Arn"])["SecretString"])
        self.assertEqual(value["username"], "dbadmin")
        self.assertEqual(len(value["password"]), 30)
        self.assertFalse(set(value["password"]) & set(" %+~`#$&*()|[]{}:;<>?!'/@\"\\"))

    def test_a_plain_generated_password_and_a_kms_key(self) -> None:
        secret = {
            "Type": "AWS::SecretsManager::Secret",
            "Properties": {
                "Name": "api-token",
                "KmsKeyId": {"Fn::GetAtt": ["Key", "Arn"]},
                "GenerateSecretString": {"PasswordLength": 16, "ExcludePunctuation": True},
            },
        }
        key = {"Type": "AWS::KMS::Key", "Properties": {"KeyPolicy": {"Version": "2012-10-17", "Statement": []}}}
        out = self.deploy({"Key": key, "Secret": secret}, {**self.OUTPUTS, "Key": {"Value": {"Fn::GetAtt": ["Key", "Arn"]}}})
        sm = self.client("secretsmanager")
        described = sm.describe_secret(SecretId=out["Arn"])
        self.assertEqual(described["Name"], "api-token")
        self.assertEqual(described["KmsKeyId"], out["Key"])
        self.assertRegex(sm.get_secret_value(SecretId="api-token")["SecretString"], r"^[A-Za-z0-9]{16}$")

    def test_updates_the_value_and_description(self) -> None:
        out = self.deploy({"Secret": GENERATED}, self.OUTPUTS)
        changed = {"Type": GENERATED["Type"], "Properties": {"Description": "rotated by hand", "SecretString": "s3cret"}}
        again = self.update({"Secret": changed}, self.OUTPUTS)
        self.assertEqual(again["Arn"], out["Arn"])
        sm = self.client("secretsmanager")
        self.assertEqual(sm.describe_secret(SecretId=out["Arn"])["Description"], "rotated by hand")
        self.assertEqual(sm.get_secret_value(SecretId=out["Arn"])["SecretString"], "s3cret")

    def test_deleting_the_stack_deletes_the_secret_without_a_recovery_window(self) -> None:
        self.deploy({"Secret": GENERATED})
        self.destroy()
        sm = self.client("secretsmanager")
        self.assertEqual(sm.list_secrets(IncludePlannedDeletion=True)["SecretList"], [])

    def test_a_retained_secret_outlives_the_stack(self) -> None:
        out = self.deploy({"Secret": {**GENERATED, "DeletionPolicy": "Retain"}}, self.OUTPUTS)
        self.destroy()
        self.assertEqual(self.client("secretsmanager").describe_secret(SecretId=out["Arn"])["ARN"], out["Arn"])


class SecretTargetAttachmentTest(StackTestCase):
    def test_adds_the_clusters_connection_details_to_the_secret(self) -> None:
        out = self.deploy(
            {"Secret": GENERATED, "Cluster": CLUSTER, "Attachment": ATTACHMENT},
            {
                "Secret": {"Value": {"Ref": "Secret"}},
                "Attachment": {"Value": {"Ref": "Attachment"}},
                "Host": {"Value": {"Fn::GetAtt": ["Cluster", "Endpoint.Address"]}},
            },
        )
        self.assertEqual(out["Attachment"], out["Secret"])
        value = json.loads(self.client("secretsmanager").get_secret_value(SecretId=out["Secret"])["SecretString"])
        self.assertEqual(value["username"], "dbadmin")
        self.assertEqual(value["engine"], "postgres")
        self.assertEqual(value["host"], out["Host"])
        self.assertEqual(value["port"], 5432)
        self.assertEqual(value["dbClusterIdentifier"], "orders")
        self.assertIn("password", value)

    def test_attaches_an_instance(self) -> None:
        db = {
            "Type": "AWS::RDS::DBInstance",
            "DeletionPolicy": "Delete",
            "Properties": {
                "DBInstanceIdentifier": "ledger",
                "DBInstanceClass": "db.t4g.micro",
                "Engine": "postgres",
                "MasterUsername": "dbadmin",
                "MasterUserPassword": "correct-horse-battery",
                "AllocatedStorage": "20",
            },
        }
        attachment = with_props(ATTACHMENT, TargetId={"Ref": "Db"}, TargetType="AWS::RDS::DBInstance")
        out = self.deploy({"Secret": GENERATED, "Db": db, "Attachment": attachment}, {"Secret": {"Value": {"Ref": "Secret"}}})
        value = json.loads(self.client("secretsmanager").get_secret_value(SecretId=out["Secret"])["SecretString"])
        self.assertEqual((value["engine"], value["port"], value["dbInstanceIdentifier"]), ("postgres", 5432, "ledger"))


class RotationScheduleTest(StackTestCase):
    RESOURCES = {"Secret": GENERATED, "Cluster": CLUSTER, "Attachment": ATTACHMENT, "Rotation": HOSTED}

    def test_a_hosted_rotation_records_the_schedule_and_keeps_the_value(self) -> None:
        out = self.deploy(self.RESOURCES, {"Secret": {"Value": {"Ref": "Secret"}}, "Rotation": {"Value": {"Ref": "Rotation"}}})
        self.assertEqual(out["Rotation"], out["Secret"])
        sm = self.client("secretsmanager")
        secret = sm.describe_secret(SecretId=out["Secret"])
        self.assertIs(secret["RotationEnabled"], True)
        self.assertEqual(secret["RotationRules"], {"AutomaticallyAfterDays": 30})
        self.assertEqual(secret["RotationLambdaARN"], "")
        self.assertIn("NextRotationDate", secret)
        # No rotation function exists, so none ran: the attached value is still the current one.
        value = json.loads(sm.get_secret_value(SecretId=out["Secret"])["SecretString"])
        self.assertEqual(value["dbClusterIdentifier"], "orders")

    def test_an_update_changes_the_schedule(self) -> None:
        out = self.deploy(self.RESOURCES, {"Secret": {"Value": {"Ref": "Secret"}}})
        changed = with_props(HOSTED, RotationRules={"AutomaticallyAfterDays": 7})
        self.update({**self.RESOURCES, "Rotation": changed})
        self.assertEqual(self.client("secretsmanager").describe_secret(SecretId=out["Secret"])["RotationRules"], {"AutomaticallyAfterDays": 7})

    def test_deleting_the_schedule_turns_rotation_off(self) -> None:
        out = self.deploy(self.RESOURCES, {"Secret": {"Value": {"Ref": "Secret"}}})
        self.update({k: v for k, v in self.RESOURCES.items() if k != "Rotation"})
        self.assertIs(self.client("secretsmanager").describe_secret(SecretId=out["Secret"])["RotationEnabled"], False)


class ResourcePolicyTest(StackTestCase):
    RESOURCES = {"Secret": GENERATED, "Cluster": CLUSTER, "Attachment": ATTACHMENT, "Policy": POLICY}

    def test_puts_the_policy_on_the_secret(self) -> None:
        out = self.deploy(self.RESOURCES, {"Secret": {"Value": {"Ref": "Secret"}}, "Policy": {"Value": {"Ref": "Policy"}}})
        self.assertEqual(out["Policy"], out["Secret"])
        policy = json.loads(self.client("secretsmanager").get_resource_policy(SecretId=out["Secret"])["ResourcePolicy"])
        self.assertEqual(policy["Statement"][0]["Action"], "secretsmanager:DeleteSecret")
        self.assertEqual(policy["Statement"][0]["Effect"], "Deny")

    def test_an_update_replaces_the_policy_and_a_removal_deletes_it(self) -> None:
        out = self.deploy(self.RESOURCES, {"Secret": {"Value": {"Ref": "Secret"}}})
        statement = {**POLICY["Properties"]["ResourcePolicy"]["Statement"][0], "Action": "secretsmanager:PutSecretValue"}
        changed = with_props(POLICY, ResourcePolicy={"Version": "2012-10-17", "Statement": [statement]})
        self.update({**self.RESOURCES, "Policy": changed})
        sm = self.client("secretsmanager")
        policy = json.loads(sm.get_resource_policy(SecretId=out["Secret"])["ResourcePolicy"])
        self.assertEqual(policy["Statement"][0]["Action"], "secretsmanager:PutSecretValue")
        self.update({k: v for k, v in self.RESOURCES.items() if k != "Policy"})
        self.assertNotIn("ResourcePolicy", sm.get_resource_policy(SecretId=out["Secret"]))


if __name__ == "__main__":
    import unittest

    unittest.main()
