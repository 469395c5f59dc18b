"""AWS::RDS::DBCluster and AWS::RDS::DBClusterParameterGroup, created through moto's RDS backend
(create_db_cluster, create_db_cluster_parameter_group), and fixes to moto's own
AWS::RDS::DBInstance and AWS::RDS::DBSubnetGroup models."""

import re
from typing import Any

from botocore import xform_name
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException, ValidationError
from moto.cloudformation.utils import random_suffix
from moto.core.common_models import CloudFormationModel
from moto.ec2.models import ec2_backends
from moto.rds.models import DBCluster as MotoDBCluster
from moto.rds.models import DBInstance as MotoDBInstance
from moto.rds.models import RDSBackend, rds_backends

# CloudFormation JSON may carry numbers and booleans as strings.
_INTEGERS = {
    "AllocatedStorage",
    "BackupRetentionPeriod",
    "BacktrackWindow",
    "Iops",
    "MaxAllocatedStorage",
    "MonitoringInterval",
    "PerformanceInsightsRetentionPeriod",
    "Port",
    "PromotionTier",
    "StorageThroughput",
}
_BOOLEANS = {
    "AutoMinorVersionUpgrade",
    "CopyTagsToSnapshot",
    "DeleteAutomatedBackups",
    "DeletionProtection",
    "EnableGlobalWriteForwarding",
    "EnableHttpEndpoint",
    "EnableIAMDatabaseAuthentication",
    "EnableLocalWriteForwarding",
    "EnablePerformanceInsights",
    "ManageMasterUserPassword",
    "MultiAZ",
    "PerformanceInsightsEnabled",
    "PubliclyAccessible",
    "StorageEncrypted",
    "UseLatestRestorableTime",
}
# CloudFormation property names that differ from the API parameter names.
_API_NAMES = {
    "PerformanceInsightsEnabled": "EnablePerformanceInsights",
    "PerformanceInsightsKmsKeyId": "PerformanceInsightsKMSKeyId",
    "VPCSecurityGroups": "VpcSecurityGroupIds",
}


def _bool(value: Any) -> bool:
    return str(value).lower() == "true"


def _value(prop: str, value: Any) -> Any:
    if prop in _INTEGERS:
        return int(value)
    if prop in _BOOLEANS:
        return _bool(value)
    return value


def _name_of(value: Any) -> str:
    """A Ref to some of moto's RDS models yields the model itself rather than its name."""
    if isinstance(value, str):
        return value
    return str(getattr(value, "name", None) or value.physical_resource_id)


def _api_kwargs(props: dict[str, Any], skip: set[str]) -> dict[str, Any]:
    """The template's properties as the keyword arguments moto's API handlers pass to the backend."""
    kwargs: dict[str, Any] = {}
    for prop, value in props.items():
        if prop in skip:
            continue
        if prop == "MasterUserSecret":
            if value.get("KmsKeyId"):
                kwargs["master_user_secret_kms_key_id"] = value["KmsKeyId"]
            continue
        if prop in ("DBSubnetGroupName", "DBClusterParameterGroupName", "DBParameterGroupName"):
            value = _name_of(value)
        if prop == "DBSecurityGroups":
            value = [_name_of(v) for v in value]
        kwargs[xform_name(_API_NAMES.get(prop, prop))] = _value(prop, value)
    return kwargs


def generated_identifier(resource_name: str, max_length: int = 63) -> str:
    """An RDS identifier from the name moto generates (stack-logical-SUFFIX), as CloudFormation makes
    them: lowercase letters, digits and single hyphens, starting with a letter, the random suffix kept."""
    name = re.sub(r"-+", "-", re.sub(r"[^a-z0-9-]", "-", resource_name.lower()))
    name = re.sub(r"^[^a-z]+", "", name).strip("-")
    if len(name) > max_length:
        prefix, _, suffix = name.rpartition("-")
        name = f"{prefix[: max_length - len(suffix) - 1].rstrip('-')}-{suffix}"
    return name


def final_snapshot_identifier(stack_name: str, identifier: str) -> str:
    """The name CloudFormation gives the snapshot a Snapshot deletion policy takes: stack-snapshot-resource-suffix."""
    return generated_identifier(f"{stack_name}-snapshot-{identifier}-{random_suffix()}", 255)


def _stack_name(stack_id: str | None) -> str:
    # arn:aws:cloudformation:<region>:<account>:stack/<name>/<uuid>
    return stack_id.split("/")[1] if stack_id and "/" in stack_id else "stack"


class DBCluster(CloudFormationModel):
    """A CloudFormation handle on a cluster that lives in moto's RDS backend."""

    # Changing any of these replaces the cluster (the "Update requires: Replacement" properties).
    REPLACING = {
        "AvailabilityZones",
        "DBClusterIdentifier",
        "DBSubnetGroupName",
        "DBSystemId",
        "DatabaseName",
        "Engine",
        "EngineMode",
        "KmsKeyId",
        "MasterUsername",
        "RestoreToTime",
        "RestoreType",
        "SnapshotIdentifier",
        "SourceDBClusterIdentifier",
        "SourceRegion",
        "StorageEncrypted",
        "UseLatestRestorableTime",
    }

    def __init__(
        self,
        identifier: str,
        properties: dict[str, Any],
        deletion_policy: str,
        update_replace_policy: str,
        stack_name: str,
        account_id: str,
        region_name: str,
    ):
        self.identifier = identifier
        self.properties = properties
        self.deletion_policy = deletion_policy
        self.update_replace_policy = update_replace_policy
        self.stack_name = stack_name
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "DBClusterIdentifier"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbcluster.html
        return "AWS::RDS::DBCluster"

    @property
    def physical_resource_id(self) -> str:
        return self.identifier

    @property
    def backend(self) -> RDSBackend:
        return rds_backends[self.account_id][self.region_name]

    @property
    def cluster(self) -> MotoDBCluster:
        return self.backend.describe_db_clusters(self.identifier)[0]

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in [
            "DBClusterArn",
            "DBClusterResourceId",
            "Endpoint.Address",
            "Endpoint.Port",
            "MasterUserSecret.SecretArn",
            "ReadEndpoint.Address",
        ]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        cluster = self.cluster
        if attribute_name == "DBClusterArn":
            return cluster.db_cluster_arn
        if attribute_name == "DBClusterResourceId":
            return cluster.db_cluster_resource_id
        if attribute_name == "Endpoint.Address":
            return cluster.endpoint
        if attribute_name == "Endpoint.Port":
            return str(cluster.port)
        if attribute_name == "ReadEndpoint.Address":
            return cluster.reader_endpoint
        if attribute_name == "MasterUserSecret.SecretArn" and getattr(cluster, "master_user_secret", None):
            return cluster.master_user_secret.secret_arn
        raise UnformattedGetAttTemplateException()

    @classmethod
    def _create(
        cls,
        identifier: str,
        cloudformation_json: dict[str, Any],
        stack_name: str,
        account_id: str,
        region_name: str,
    ) -> "DBCluster":
        props = cloudformation_json["Properties"]
        backend = rds_backends[account_id][region_name]
        kwargs = _api_kwargs(props, skip={"DBClusterIdentifier", "SnapshotIdentifier"})
        kwargs["db_cluster_identifier"] = identifier
        if str(props.get("Engine", "")).startswith("aurora") and "AllocatedStorage" not in props:
            # Aurora reports AllocatedStorage 1; moto looks a default up by StorageType, and has none
            # for the Aurora storage types (aurora, aurora-iopt1).
            kwargs["allocated_storage"] = 1
        if "SourceDBClusterIdentifier" in props or "RestoreToTime" in props:
            # moto's restore_db_cluster_to_point_in_time is not wired here; refuse rather than create an empty cluster.
            raise ValidationError(message=f"{cls.cloudformation_type()}: point-in-time restore is not supported")
        if "SnapshotIdentifier" in props:
            backend.restore_db_cluster_from_snapshot(props["SnapshotIdentifier"], kwargs)
        else:
            backend.create_db_cluster(kwargs)
        # The default policies of a DB cluster are Snapshot, not Delete.
        return cls(
            identifier,
            props,
            cloudformation_json.get("DeletionPolicy", "Snapshot"),
            cloudformation_json.get("UpdateReplacePolicy", "Snapshot"),
            stack_name,
            account_id,
            region_name,
        )

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "DBCluster":
        props = cloudformation_json["Properties"]
        identifier = str(props["DBClusterIdentifier"]).lower() if "DBClusterIdentifier" in props else generated_identifier(resource_name)
        return cls._create(identifier, cloudformation_json, _stack_name(kwargs.get("StackId")), account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "DBCluster",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "DBCluster":
        old, new = original_resource.properties, cloudformation_json["Properties"]
        changed = {p for p in set(old) | set(new) if old.get(p) != new.get(p)}
        if changed & cls.REPLACING:
            if "DBClusterIdentifier" in new and str(new["DBClusterIdentifier"]).lower() == original_resource.identifier:
                raise ValidationError(
                    message=f"CloudFormation cannot update a stack when a custom-named resource requires replacing: {original_resource.identifier}"
                )
            identifier = (
                str(new["DBClusterIdentifier"]).lower() if "DBClusterIdentifier" in new else generated_identifier(new_resource_name)
            )
            replacement = cls._create(identifier, cloudformation_json, original_resource.stack_name, account_id, region_name)
            # moto's stack update does not replace the instances that name the old cluster (CloudFormation
            # would), so a cluster with instances cannot be replaced here: deleting it fails.
            original_resource._delete(original_resource.update_replace_policy)
            return replacement
        kwargs = _api_kwargs({p: new[p] for p in changed if p in new}, skip=set())
        if "EnableCloudwatchLogsExports" in changed:
            before, after = set(old.get("EnableCloudwatchLogsExports", [])), set(new.get("EnableCloudwatchLogsExports", []))
            # The key moto's modify_db_cluster reads the CloudwatchLogsExportConfiguration from.
            kwargs["enable_cloudwatch_logs_exports"] = {
                "EnableLogTypes": sorted(after - before),
                "DisableLogTypes": sorted(before - after),
            }
        if "Tags" in changed:
            kwargs.pop("tags", None)
            arn = original_resource.cluster.db_cluster_arn
            old_keys = {t["Key"] for t in old.get("Tags", [])}
            new_keys = {t["Key"] for t in new.get("Tags", [])}
            if old_keys - new_keys:
                original_resource.backend.remove_tags_from_resource(arn, sorted(old_keys - new_keys))
            if new.get("Tags"):
                original_resource.backend.add_tags_to_resource(arn, new["Tags"])
        if kwargs:
            kwargs["db_cluster_identifier"] = original_resource.identifier
            kwargs["apply_immediately"] = True
            original_resource.backend.modify_db_cluster(kwargs)
        original_resource.properties = new
        original_resource.deletion_policy = cloudformation_json.get("DeletionPolicy", "Snapshot")
        original_resource.update_replace_policy = cloudformation_json.get("UpdateReplacePolicy", "Snapshot")
        return original_resource

    def _delete(self, policy: str) -> None:
        backend = self.backend
        if self.identifier not in backend.clusters:
            return
        automated = backend.describe_db_cluster_snapshots(self.identifier, "", snapshot_type="automated")
        final = final_snapshot_identifier(self.stack_name, self.identifier) if policy == "Snapshot" else None
        backend.delete_db_cluster(self.identifier, snapshot_name=final)
        # DeleteDBCluster removes automated backups unless told otherwise (DeleteAutomatedBackups, default true).
        if _bool(self.properties.get("DeleteAutomatedBackups", True)):
            for snapshot in automated:
                backend.delete_db_cluster_snapshot(snapshot.db_cluster_snapshot_identifier)

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        policy = cloudformation_json.get("DeletionPolicy", "Snapshot")
        props = cloudformation_json.get("Properties", {})
        cls(resource_name, props, policy, policy, "stack", account_id, region_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        self._delete(self.deletion_policy)


class DBClusterParameterGroup(CloudFormationModel):
    """A CloudFormation handle on a cluster parameter group that lives in moto's RDS backend."""

    def __init__(self, name: str, properties: dict[str, Any], account_id: str, region_name: str):
        self.name = name
        self.properties = properties
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "DBClusterParameterGroupName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbclusterparametergroup.html
        return "AWS::RDS::DBClusterParameterGroup"

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _parameters(props: dict[str, Any]) -> list[dict[str, str]]:
        return [{"ParameterName": k, "ParameterValue": str(v)} for k, v in (props.get("Parameters") or {}).items()]

    @classmethod
    def _create(cls, name: str, props: dict[str, Any], account_id: str, region_name: str) -> "DBClusterParameterGroup":
        backend = rds_backends[account_id][region_name]
        group = backend.create_db_cluster_parameter_group(
            db_cluster_parameter_group_name=name,
            db_parameter_group_family=props["Family"],
            description=props["Description"],
            tags=props.get("Tags"),
        )
        if props.get("Parameters"):
            backend.modify_db_cluster_parameter_group(group.name, cls._parameters(props))
        return cls(group.name, props, account_id, region_name)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "DBClusterParameterGroup":
        props = cloudformation_json["Properties"]
        name = props.get("DBClusterParameterGroupName") or generated_identifier(resource_name, 255)
        return cls._create(name, props, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "DBClusterParameterGroup",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "DBClusterParameterGroup":
        old, new = original_resource.properties, cloudformation_json["Properties"]
        if any(old.get(p) != new.get(p) for p in ("DBClusterParameterGroupName", "Description", "Family")):
            name = new.get("DBClusterParameterGroupName") or generated_identifier(new_resource_name, 255)
            replacement = cls._create(name, new, account_id, region_name)
            original_resource.delete(account_id, region_name)
            return replacement
        backend = rds_backends[account_id][region_name]
        group = backend.describe_db_cluster_parameter_groups(original_resource.name)[0]
        if new.get("Parameters"):
            backend.modify_db_cluster_parameter_group(original_resource.name, cls._parameters(new))
        # moto has no ResetDBClusterParameterGroup: a parameter the template no longer sets is dropped.
        for removed in set(old.get("Parameters") or {}) - set(new.get("Parameters") or {}):
            group.parameters.pop(removed, None)
        if old.get("Tags") != new.get("Tags"):
            old_keys = {t["Key"] for t in old.get("Tags", [])} - {t["Key"] for t in new.get("Tags", [])}
            if old_keys:
                backend.remove_tags_from_resource(group.arn, sorted(old_keys))
            if new.get("Tags"):
                backend.add_tags_to_resource(group.arn, new["Tags"])
        original_resource.properties = new
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        backend = rds_backends[account_id][region_name]
        if resource_name in backend.db_cluster_parameter_groups:
            backend.delete_db_cluster_parameter_group(resource_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = rds_backends[account_id][region_name]
        if self.name in backend.db_cluster_parameter_groups:
            backend.delete_db_cluster_parameter_group(self.name)


class DBSubnetGroup(CloudFormationModel):
    """Replaces moto's model, whose Ref yields the model instead of the group's name, and which cannot
    update (and moto's modify_db_subnet_group drops the group from the backend)."""

    def __init__(self, name: str, account_id: str, region_name: str):
        self.name = name
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "DBSubnetGroupName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbsubnetgroup.html
        return "AWS::RDS::DBSubnetGroup"

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "DBSubnetGroup":
        props = cloudformation_json["Properties"]
        name = str(props.get("DBSubnetGroupName") or generated_identifier(resource_name, 255)).lower()
        ec2_backend = ec2_backends[account_id][region_name]
        subnets = [ec2_backend.get_subnet(subnet_id) for subnet_id in props["SubnetIds"]]
        rds_backends[account_id][region_name].create_subnet_group(
            name, props["DBSubnetGroupDescription"], subnets, props.get("Tags") or []
        )
        return cls(name, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "DBSubnetGroup",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "DBSubnetGroup":
        props = cloudformation_json["Properties"]
        if "DBSubnetGroupName" in props and str(props["DBSubnetGroupName"]).lower() != original_resource.name:
            replacement = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
            original_resource.delete(account_id, region_name)
            return replacement
        backend = rds_backends[account_id][region_name]
        ec2_backend = ec2_backends[account_id][region_name]
        subnets = [ec2_backend.get_subnet(subnet_id) for subnet_id in props["SubnetIds"]]
        group = backend.modify_db_subnet_group(original_resource.name, props["DBSubnetGroupDescription"], subnets)
        # moto's modify_db_subnet_group takes the group out of the backend and does not put it back.
        backend.subnet_groups[group.name] = group
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        cls(resource_name, account_id, region_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = rds_backends[account_id][region_name]
        if self.name in backend.subnet_groups:
            backend.delete_subnet_group(self.name)


class DBInstance(CloudFormationModel):
    """Replaces moto's model, which builds an identifier CloudFormation would not (a stack name with "--"
    makes it invalid), reads DBSubnetGroupName as a model, gives every instance port 3306, drops
    PromotionTier, CACertificateIdentifier, VPCSecurityGroups and more, takes no final snapshot and
    cannot update."""

    # Changing any of these replaces the instance.
    REPLACING = {
        "AvailabilityZone",
        "CharacterSetName",
        "DBClusterIdentifier",
        "DBInstanceIdentifier",
        "DBName",
        "DBSnapshotIdentifier",
        "DBSubnetGroupName",
        "Engine",
        "KmsKeyId",
        "MasterUsername",
        "SourceDBInstanceIdentifier",
        "StorageEncrypted",
    }

    def __init__(
        self,
        identifier: str,
        properties: dict[str, Any],
        deletion_policy: str,
        stack_name: str,
        account_id: str,
        region_name: str,
    ):
        self.identifier = identifier
        self.properties = properties
        self.deletion_policy = deletion_policy
        self.stack_name = stack_name
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "DBInstanceIdentifier"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html
        return "AWS::RDS::DBInstance"

    @property
    def physical_resource_id(self) -> str:
        return self.identifier

    @property
    def database(self) -> MotoDBInstance:
        return rds_backends[self.account_id][self.region_name].describe_db_instances(self.identifier)[0]

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["DBInstanceArn", "DbiResourceId", "Endpoint.Address", "Endpoint.Port"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        database = self.database
        if attribute_name == "DBInstanceArn":
            return database.db_instance_arn
        if attribute_name == "DbiResourceId":
            return database.dbi_resource_id
        if attribute_name == "Endpoint.Address":
            return database.address
        if attribute_name == "Endpoint.Port":
            return str(database.port)
        raise UnformattedGetAttTemplateException()

    @classmethod
    def _create(
        cls,
        identifier: str,
        cloudformation_json: dict[str, Any],
        stack_name: str,
        account_id: str,
        region_name: str,
    ) -> "DBInstance":
        props = cloudformation_json["Properties"]
        backend = rds_backends[account_id][region_name]
        db_kwargs = _api_kwargs(props, skip={"DBInstanceIdentifier", "SourceDBInstanceIdentifier", "DBSnapshotIdentifier"})
        db_kwargs["db_instance_identifier"] = identifier
        cluster_id = props.get("DBClusterIdentifier")
        if cluster_id is not None:
            db_kwargs["db_cluster_identifier"] = str(cluster_id).lower()
            if "Port" not in props:  # a cluster member listens on the cluster port
                db_kwargs["port"] = backend.describe_db_clusters(str(cluster_id).lower())[0].port
        if "DBSnapshotIdentifier" in props:
            # moto's restore_db_instance_from_db_snapshot is not wired here; refuse rather than create an empty instance.
            raise ValidationError(message=f"{cls.cloudformation_type()}: DBSnapshotIdentifier is not supported")
        if "SourceDBInstanceIdentifier" in props:
            db_kwargs["source_db_instance_identifier"] = props["SourceDBInstanceIdentifier"]
            backend.create_db_instance_read_replica(db_kwargs)
        else:
            backend.create_db_instance(db_kwargs)
        # The default deletion policy of an instance outside a cluster is Snapshot, not Delete.
        default = "Delete" if cluster_id is not None else "Snapshot"
        return cls(
            identifier,
            props,
            cloudformation_json.get("DeletionPolicy", default),
            stack_name,
            account_id,
            region_name,
        )

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "DBInstance":
        props = cloudformation_json["Properties"]
        identifier = (
            str(props["DBInstanceIdentifier"]).lower() if "DBInstanceIdentifier" in props else generated_identifier(resource_name)
        )
        return cls._create(identifier, cloudformation_json, _stack_name(kwargs.get("StackId")), account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "DBInstance",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "DBInstance":
        old, new = original_resource.properties, cloudformation_json["Properties"]
        changed = {p for p in set(old) | set(new) if old.get(p) != new.get(p)}
        if changed & cls.REPLACING:
            identifier = (
                str(new["DBInstanceIdentifier"]).lower() if "DBInstanceIdentifier" in new else generated_identifier(new_resource_name)
            )
            if identifier == original_resource.identifier:
                raise ValidationError(
                    message=f"CloudFormation cannot update a stack when a custom-named resource requires replacing: {identifier}"
                )
            replacement = cls._create(identifier, cloudformation_json, original_resource.stack_name, account_id, region_name)
            original_resource.delete(account_id, region_name)
            return replacement
        db_kwargs = _api_kwargs({p: new[p] for p in changed if p in new}, skip={"Tags"})
        if db_kwargs:
            db_kwargs["apply_immediately"] = True
            rds_backends[account_id][region_name].modify_db_instance(original_resource.identifier, db_kwargs)
        original_resource.properties = new
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        props = cloudformation_json.get("Properties", {})
        default = "Delete" if "DBClusterIdentifier" in props else "Snapshot"
        policy = cloudformation_json.get("DeletionPolicy", default)
        cls(resource_name, props, policy, "stack", account_id, region_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = rds_backends[account_id][region_name]
        if self.identifier not in backend.databases:
            return
        if self.deletion_policy == "Snapshot" and "DBClusterIdentifier" not in self.properties:
            backend.delete_db_instance(
                self.identifier, final_db_snapshot_identifier=final_snapshot_identifier(self.stack_name, self.identifier)
            )
        else:
            backend.delete_db_instance(self.identifier)
