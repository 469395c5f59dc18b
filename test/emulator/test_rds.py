from typing import Any

from support import StackTestCase

NETWORK: dict[str, Any] = {
    "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
    "SubnetA": {
        "Type": "AWS::EC2::Subnet",
        "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "us-east-1a"},
    },
    "SubnetB": {
        "Type": "AWS::EC2::Subnet",
        "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.0.2.0/24", "AvailabilityZone": "us-east-1b"},
    },
    "Group": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "db", "VpcId": {"Ref": "Vpc"}}},
    "Key": {"Type": "AWS::KMS::Key", "Properties": {"KeyPolicy": {"Version": "2012-10-17", "Statement": []}}},
    "Subnets": {
        "Type": "AWS::RDS::DBSubnetGroup",
        "Properties": {"DBSubnetGroupDescription": "database subnets", "SubnetIds": [{"Ref": "SubnetA"}, {"Ref": "SubnetB"}]},
    },
    "Parameters": {
        "Type": "AWS::RDS::DBClusterParameterGroup",
        "Properties": {"Description": "TLS required", "Family": "aurora-postgresql17", "Parameters": {"rds.force_ssl": 1}},
    },
}
CLUSTER: dict[str, Any] = {
    "Type": "AWS::RDS::DBCluster",
    "DeletionPolicy": "Delete",
    "Properties": {
        "Engine": "aurora-postgresql",
        "EngineVersion": "17.9",
        "MasterUsername": "dbadmin",
        "MasterUserPassword": "correct-horse-battery",
        "DatabaseName": "app",
        "Port": 5432,
        "DBSubnetGroupName": {"Ref": "Subnets"},
        "DBClusterParameterGroupName": {"Ref": "Parameters"},
        "VpcSecurityGroupIds": [{"Fn::GetAtt": ["Group", "GroupId"]}],
        "BackupRetentionPeriod": "14",
        "PreferredBackupWindow": "03:00-03:30",
        "StorageEncrypted": "true",
        "KmsKeyId": {"Fn::GetAtt": ["Key", "Arn"]},
        "StorageType": "aurora",
        "DeletionProtection": False,
        "CopyTagsToSnapshot": True,
        "EnableIAMDatabaseAuthentication": True,
        "EnableCloudwatchLogsExports": ["postgresql"],
        "ServerlessV2ScalingConfiguration": {"MinCapacity": 0.5, "MaxCapacity": 4},
    },
}


def instance(zone: str, tier: int, **extra: Any) -> dict[str, Any]:
    return {
        "Type": "AWS::RDS::DBInstance",
        "Properties": {
            "DBClusterIdentifier": {"Ref": "Cluster"},
            "DBInstanceClass": "db.r7g.large",
            "Engine": "aurora-postgresql",
            "AvailabilityZone": zone,
            "PromotionTier": tier,
            "CACertificateIdentifier": "rds-ca-rsa2048-g1",
            "PubliclyAccessible": False,
        },
        **extra,
    }


def with_props(resource: dict[str, Any], **props: Any) -> dict[str, Any]:
    return {**resource, "Properties": {**resource["Properties"], **props}}


OUTPUTS = {
    k: {"Value": v}
    for k, v in {
        "Id": {"Ref": "Cluster"},
        "Arn": {"Fn::GetAtt": ["Cluster", "DBClusterArn"]},
        "ResourceId": {"Fn::GetAtt": ["Cluster", "DBClusterResourceId"]},
        "Endpoint": {"Fn::GetAtt": ["Cluster", "Endpoint.Address"]},
        "Port": {"Fn::GetAtt": ["Cluster", "Endpoint.Port"]},
        "Reader": {"Fn::GetAtt": ["Cluster", "ReadEndpoint.Address"]},
        "Parameters": {"Ref": "Parameters"},
        "Subnets": {"Ref": "Subnets"},
        "Writer": {"Ref": "Writer"},
        "WriterArn": {"Fn::GetAtt": ["Writer", "DBInstanceArn"]},
        "WriterAddress": {"Fn::GetAtt": ["Writer", "Endpoint.Address"]},
        "KeyArn": {"Fn::GetAtt": ["Key", "Arn"]},
    }.items()
}
# A stack name with a double hyphen, as oar names stacks (oar-<id>--<env>).
STACK = "oar-db--e2e"


class DBClusterTest(StackTestCase):
    def stack(self, cluster: dict[str, Any] | None = None) -> dict[str, Any]:
        return {
            **NETWORK,
            "Cluster": cluster or CLUSTER,
            "Writer": instance("us-east-1a", 0),
            "Reader": instance("us-east-1b", 1, DependsOn=["Writer"]),
        }

    def test_creates_the_cluster_with_the_templates_properties(self) -> None:
        out = self.deploy(self.stack(), OUTPUTS, name=STACK)
        rds = self.client("rds")
        [cluster] = rds.describe_db_clusters(DBClusterIdentifier=out["Id"])["DBClusters"]
        self.assertEqual(cluster["Engine"], "aurora-postgresql")
        self.assertEqual(cluster["EngineVersion"], "17.9")
        self.assertEqual(cluster["MasterUsername"], "dbadmin")
        self.assertEqual(cluster["DatabaseName"], "app")
        self.assertEqual(cluster["DBSubnetGroup"], out["Subnets"])
        self.assertEqual(cluster["DBClusterParameterGroup"], out["Parameters"])
        self.assertEqual(cluster["VpcSecurityGroups"][0]["VpcSecurityGroupId"], self.physical_id("Group", name=STACK))
        self.assertEqual(cluster["BackupRetentionPeriod"], 14)
        self.assertEqual(cluster["PreferredBackupWindow"], "03:00-03:30")
        self.assertIs(cluster["StorageEncrypted"], True)
        self.assertEqual(cluster["KmsKeyId"], out["KeyArn"])
        self.assertEqual(cluster["StorageType"], "aurora")
        self.assertIs(cluster["DeletionProtection"], False)
        self.assertIs(cluster["CopyTagsToSnapshot"], True)
        self.assertIs(cluster["IAMDatabaseAuthenticationEnabled"], True)
        self.assertEqual(cluster["EnabledCloudwatchLogsExports"], ["postgresql"])
        self.assertEqual(cluster["ServerlessV2ScalingConfiguration"], {"MinCapacity": 0.5, "MaxCapacity": 4.0})
        self.assertEqual(cluster["AllocatedStorage"], 1)

    def test_ref_and_attributes_are_the_clusters(self) -> None:
        out = self.deploy(self.stack(), OUTPUTS, name=STACK)
        [cluster] = self.client("rds").describe_db_clusters(DBClusterIdentifier=out["Id"])["DBClusters"]
        # A generated identifier is valid although the stack name has "--": lowercase, single hyphens.
        self.assertRegex(out["Id"], r"^oar-db-e2e-cluster-[a-z0-9]{12}$")
        self.assertEqual(out["Arn"], cluster["DBClusterArn"])
        self.assertEqual(out["ResourceId"], cluster["DbClusterResourceId"])
        self.assertEqual(out["Endpoint"], cluster["Endpoint"])
        self.assertEqual(out["Reader"], cluster["ReaderEndpoint"])
        self.assertEqual(out["Port"], "5432")

    def test_a_named_cluster_keeps_its_name_in_lowercase(self) -> None:
        out = self.deploy(self.stack(with_props(CLUSTER, DBClusterIdentifier="Orders")), OUTPUTS, name=STACK)
        self.assertEqual(out["Id"], "orders")
        self.assertEqual(self.client("rds").describe_db_clusters()["DBClusters"][0]["DBClusterIdentifier"], "orders")

    def test_the_instances_join_the_cluster_as_writer_and_reader(self) -> None:
        out = self.deploy(self.stack(), OUTPUTS, name=STACK)
        rds = self.client("rds")
        [cluster] = rds.describe_db_clusters(DBClusterIdentifier=out["Id"])["DBClusters"]
        members = {m["DBInstanceIdentifier"]: m for m in cluster["DBClusterMembers"]}
        writer_id = self.physical_id("Writer", name=STACK)
        reader_id = self.physical_id("Reader", name=STACK)
        self.assertEqual(set(members), {writer_id, reader_id})
        self.assertIs(members[writer_id]["IsClusterWriter"], True)
        self.assertEqual(members[writer_id]["PromotionTier"], 0)
        self.assertIs(members[reader_id]["IsClusterWriter"], False)
        self.assertEqual(members[reader_id]["PromotionTier"], 1)
        instances = {i["DBInstanceIdentifier"]: i for i in rds.describe_db_instances()["DBInstances"]}
        self.assertEqual(instances[writer_id]["AvailabilityZone"], "us-east-1a")
        self.assertEqual(instances[reader_id]["AvailabilityZone"], "us-east-1b")
        self.assertEqual(instances[writer_id]["CACertificateIdentifier"], "rds-ca-rsa2048-g1")
        self.assertIs(instances[writer_id]["PubliclyAccessible"], False)
        self.assertEqual(instances[writer_id]["Endpoint"]["Port"], 5432)  # the cluster's port, not 3306
        self.assertEqual(out["Writer"], writer_id)
        self.assertEqual(out["WriterArn"], instances[writer_id]["DBInstanceArn"])
        self.assertEqual(out["WriterAddress"], instances[writer_id]["Endpoint"]["Address"])

    def test_updates_the_cluster_in_place(self) -> None:
        out = self.deploy(self.stack(), OUTPUTS, name=STACK)
        changed = with_props(
            CLUSTER, BackupRetentionPeriod=21, DeletionProtection=True, EnableCloudwatchLogsExports=[], PreferredBackupWindow="04:00-04:30"
        )
        again = self.update(self.stack(changed), OUTPUTS, name=STACK)
        self.assertEqual(again["Id"], out["Id"])
        [cluster] = self.client("rds").describe_db_clusters(DBClusterIdentifier=out["Id"])["DBClusters"]
        self.assertEqual(cluster["BackupRetentionPeriod"], 21)
        self.assertIs(cluster["DeletionProtection"], True)
        self.assertEqual(cluster.get("EnabledCloudwatchLogsExports", []), [])
        self.assertEqual(cluster["PreferredBackupWindow"], "04:00-04:30")

    def test_a_managed_master_password_is_a_secret_the_cluster_owns(self) -> None:
        managed = {**CLUSTER, "Properties": {k: v for k, v in CLUSTER["Properties"].items() if k != "MasterUserPassword"}}
        managed = with_props(managed, ManageMasterUserPassword="true", MasterUserSecret={"KmsKeyId": {"Ref": "Key"}})
        outputs = {**OUTPUTS, "SecretArn": {"Value": {"Fn::GetAtt": ["Cluster", "MasterUserSecret.SecretArn"]}}}
        out = self.deploy({**NETWORK, "Cluster": managed}, {k: v for k, v in outputs.items() if not k.startswith("Writer")}, name=STACK)
        [cluster] = self.client("rds").describe_db_clusters(DBClusterIdentifier=out["Id"])["DBClusters"]
        self.assertEqual(cluster["MasterUserSecret"]["SecretArn"], out["SecretArn"])
        sm = self.client("secretsmanager")
        self.assertEqual(sm.describe_secret(SecretId=out["SecretArn"])["OwningService"], "rds")
        self.destroy(name=STACK)
        self.assertEqual(sm.list_secrets()["SecretList"], [])

    def test_a_replacing_change_makes_a_new_cluster_and_snapshots_the_old_one(self) -> None:
        alone = {k: v for k, v in self.stack().items() if k not in ("Writer", "Reader")}
        outputs = {k: v for k, v in OUTPUTS.items() if not k.startswith("Writer")}
        out = self.deploy({**alone, "Cluster": {**CLUSTER, "UpdateReplacePolicy": "Snapshot"}}, outputs, name=STACK)
        changed = {**with_props(CLUSTER, DatabaseName="ledger"), "UpdateReplacePolicy": "Snapshot"}
        again = self.update({**alone, "Cluster": changed}, outputs, name=STACK)
        self.assertNotEqual(again["Id"], out["Id"])
        rds = self.client("rds")
        [cluster] = rds.describe_db_clusters()["DBClusters"]
        self.assertEqual((cluster["DBClusterIdentifier"], cluster["DatabaseName"]), (again["Id"], "ledger"))
        manual = [s for s in rds.describe_db_cluster_snapshots()["DBClusterSnapshots"] if s["SnapshotType"] == "manual"]
        self.assertEqual([s["DBClusterIdentifier"] for s in manual], [out["Id"]])

    def test_updates_an_instance_in_place(self) -> None:
        self.deploy(self.stack(), OUTPUTS, name=STACK)
        writer_id = self.physical_id("Writer", name=STACK)
        resources = self.stack()
        resources["Writer"] = with_props(resources["Writer"], DBInstanceClass="db.r7g.xlarge")
        self.update(resources, OUTPUTS, name=STACK)
        self.assertEqual(self.physical_id("Writer", name=STACK), writer_id)
        [writer] = self.client("rds").describe_db_instances(DBInstanceIdentifier=writer_id)["DBInstances"]
        self.assertEqual(writer["DBInstanceClass"], "db.r7g.xlarge")

    def test_deletion_protection_blocks_the_stack_delete(self) -> None:
        self.deploy(self.stack(with_props(CLUSTER, DeletionProtection=True)), OUTPUTS, name=STACK)
        with self.assertRaises(Exception):
            self.destroy(name=STACK)
        self.assertEqual(len(self.client("rds").describe_db_clusters()["DBClusters"]), 1)

    def test_a_snapshot_policy_leaves_a_final_snapshot_and_nothing_else(self) -> None:
        self.deploy(self.stack({**CLUSTER, "DeletionPolicy": "Snapshot"}), OUTPUTS, name=STACK)
        cluster_id = self.physical_id("Cluster", name=STACK)
        rds = self.client("rds")
        self.assertEqual([s["SnapshotType"] for s in rds.describe_db_cluster_snapshots()["DBClusterSnapshots"]], ["automated"])
        self.destroy(name=STACK)
        self.assertEqual(rds.describe_db_clusters()["DBClusters"], [])
        self.assertEqual(rds.describe_db_instances()["DBInstances"], [])
        [snapshot] = rds.describe_db_cluster_snapshots()["DBClusterSnapshots"]
        self.assertEqual(snapshot["SnapshotType"], "manual")
        self.assertEqual(snapshot["DBClusterIdentifier"], cluster_id)
        self.assertRegex(snapshot["DBClusterSnapshotIdentifier"], rf"^oar-db-e2e-snapshot-{cluster_id}-[a-z0-9]{{12}}$")
        self.assertEqual(rds.describe_db_snapshots()["DBSnapshots"], [])

    def test_without_a_deletion_policy_the_cluster_is_snapshotted_as_in_cloudformation(self) -> None:
        self.deploy(self.stack({k: v for k, v in CLUSTER.items() if k != "DeletionPolicy"}), OUTPUTS, name=STACK)
        self.destroy(name=STACK)
        snapshots = self.client("rds").describe_db_cluster_snapshots()["DBClusterSnapshots"]
        self.assertEqual([s["SnapshotType"] for s in snapshots], ["manual"])

    def test_a_delete_policy_leaves_nothing(self) -> None:
        self.deploy(self.stack(), OUTPUTS, name=STACK)
        self.destroy(name=STACK)
        rds = self.client("rds")
        self.assertEqual(rds.describe_db_clusters()["DBClusters"], [])
        self.assertEqual(rds.describe_db_instances()["DBInstances"], [])
        self.assertEqual(rds.describe_db_cluster_snapshots()["DBClusterSnapshots"], [])
        self.assertEqual(rds.describe_db_snapshots()["DBSnapshots"], [])
        self.assertEqual(rds.describe_db_subnet_groups()["DBSubnetGroups"], [])
        self.assertEqual(rds.describe_db_cluster_parameter_groups()["DBClusterParameterGroups"], [])


class DBClusterParameterGroupTest(StackTestCase):
    def test_creates_the_group_with_its_family_description_and_parameters(self) -> None:
        out = self.deploy({"Parameters": NETWORK["Parameters"]}, {"Name": {"Value": {"Ref": "Parameters"}}}, name=STACK)
        rds = self.client("rds")
        [group] = rds.describe_db_cluster_parameter_groups(DBClusterParameterGroupName=out["Name"])["DBClusterParameterGroups"]
        self.assertEqual(group["DBParameterGroupFamily"], "aurora-postgresql17")
        self.assertEqual(group["Description"], "TLS required")
        self.assertRegex(out["Name"], r"^oar-db-e2e-parameters-[a-z0-9]{12}$")
        params = rds.describe_db_cluster_parameters(DBClusterParameterGroupName=out["Name"])["Parameters"]
        self.assertEqual(params, [{"ParameterName": "rds.force_ssl", "ParameterValue": "1"}])

    def test_updates_parameters_in_place(self) -> None:
        out = self.deploy({"Parameters": NETWORK["Parameters"]}, {"Name": {"Value": {"Ref": "Parameters"}}}, name=STACK)
        changed = with_props(NETWORK["Parameters"], Parameters={"log_min_duration_statement": "500"})
        again = self.update({"Parameters": changed}, {"Name": {"Value": {"Ref": "Parameters"}}}, name=STACK)
        self.assertEqual(again["Name"], out["Name"])
        params = self.client("rds").describe_db_cluster_parameters(DBClusterParameterGroupName=out["Name"])["Parameters"]
        self.assertEqual(params, [{"ParameterName": "log_min_duration_statement", "ParameterValue": "500"}])

    def test_a_new_family_replaces_the_group(self) -> None:
        out = self.deploy({"Parameters": NETWORK["Parameters"]}, {"Name": {"Value": {"Ref": "Parameters"}}}, name=STACK)
        changed = with_props(NETWORK["Parameters"], Family="aurora-postgresql16")
        again = self.update({"Parameters": changed}, {"Name": {"Value": {"Ref": "Parameters"}}}, name=STACK)
        self.assertNotEqual(again["Name"], out["Name"])
        groups = self.client("rds").describe_db_cluster_parameter_groups()["DBClusterParameterGroups"]
        self.assertEqual([(g["DBClusterParameterGroupName"], g["DBParameterGroupFamily"]) for g in groups], [(again["Name"], "aurora-postgresql16")])

    def test_deleting_the_stack_deletes_the_group(self) -> None:
        self.deploy({"Parameters": NETWORK["Parameters"]}, name=STACK)
        self.destroy(name=STACK)
        self.assertEqual(self.client("rds").describe_db_cluster_parameter_groups()["DBClusterParameterGroups"], [])


class DBSubnetGroupTest(StackTestCase):
    def test_ref_is_the_groups_name_and_an_update_keeps_it(self) -> None:
        resources = {k: NETWORK[k] for k in ("Vpc", "SubnetA", "SubnetB", "Subnets")}
        out = self.deploy(resources, {"Name": {"Value": {"Ref": "Subnets"}}}, name=STACK)
        rds = self.client("rds")
        [group] = rds.describe_db_subnet_groups(DBSubnetGroupName=out["Name"])["DBSubnetGroups"]
        self.assertEqual(len(group["Subnets"]), 2)
        resources["Subnets"] = with_props(NETWORK["Subnets"], DBSubnetGroupDescription="one subnet", SubnetIds=[{"Ref": "SubnetA"}])
        self.update(resources, {"Name": {"Value": {"Ref": "Subnets"}}}, name=STACK)
        [group] = rds.describe_db_subnet_groups(DBSubnetGroupName=out["Name"])["DBSubnetGroups"]
        self.assertEqual(group["DBSubnetGroupDescription"], "one subnet")
        self.assertEqual([s["SubnetIdentifier"] for s in group["Subnets"]], [self.physical_id("SubnetA", name=STACK)])
        self.destroy(name=STACK)
        self.assertEqual(rds.describe_db_subnet_groups()["DBSubnetGroups"], [])


if __name__ == "__main__":
    import unittest

    unittest.main()
