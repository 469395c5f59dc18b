"""AWS::DynamoDB::GlobalTable, created through moto's DynamoDB backend (create_table, update_table,
update_continuous_backups, update_time_to_live, put_resource_policy, tag_resource, delete_table).

moto 5.2 has no global tables: no UpdateTable ReplicaUpdates, no CreateGlobalTable, no Replicas in
DescribeTable. Each replica is therefore created as what it is in its own Region, a table of the
same name, key schema and settings, through that Region's backend; items written to one replica are
not copied to the others, and DescribeTable lists no replicas.
"""

import json
from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException, ValidationError
from moto.core.common_models import CloudFormationModel
from moto.dynamodb.exceptions import DeletionProtectedException
from moto.dynamodb.models import DynamoDBBackend, dynamodb_backends
from moto.dynamodb.models.table import Table
from moto.dynamodb.models.table import Table as MotoTable


def _bool(value: Any) -> bool:
    return str(value).lower() == "true"


def _backend(account_id: str, region_name: str) -> DynamoDBBackend:
    return dynamodb_backends[account_id][region_name]


def _throughput(props: dict[str, Any], replica: dict[str, Any]) -> dict[str, int] | None:
    """ProvisionedThroughput for a PROVISIONED global table: writes from the table's auto scaling
    settings (CloudFormation requires them), reads from the replica's fixed units or auto scaling."""
    if props.get("BillingMode", "PROVISIONED") == "PAY_PER_REQUEST":
        return None
    write = props.get("WriteProvisionedThroughputSettings", {}).get("WriteCapacityAutoScalingSettings", {})
    read = replica.get("ReadProvisionedThroughputSettings", {})
    reads = read.get("ReadCapacityUnits", read.get("ReadCapacityAutoScalingSettings", {}).get("MinCapacity", 1))
    return {"ReadCapacityUnits": int(reads), "WriteCapacityUnits": int(write.get("MinCapacity", 1))}


def _sse(props: dict[str, Any], replica: dict[str, Any]) -> dict[str, Any] | None:
    """The API's SSESpecification from the table's SSEEnabled/SSEType and the replica's key.
    None when disabled: the table then uses an AWS owned key, and moto makes no KMS key."""
    sse = props.get("SSESpecification") or {}
    if not _bool(sse.get("SSEEnabled", False)):
        return None
    spec: dict[str, Any] = {"Enabled": True, "SSEType": sse.get("SSEType", "KMS")}
    key = (replica.get("SSESpecification") or {}).get("KMSMasterKeyId")
    if key:
        spec["KMSMasterKeyId"] = key
    return spec


class GlobalTable(CloudFormationModel):
    def __init__(self, name: str, account_id: str, region_name: str, regions: list[str]):
        self.name = name
        self.account_id = account_id
        self.region_name = region_name
        self.regions = regions  # every replica's Region, the stack's own first

    @staticmethod
    def cloudformation_name_type() -> str:
        return "TableName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-dynamodb-globaltable.html
        return "AWS::DynamoDB::GlobalTable"

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @property
    def table(self) -> Table:
        """The replica in the stack's Region."""
        return _backend(self.account_id, self.region_name).get_table(self.name)

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        # TableId too in AWS; moto keeps no table id, so it is not answered.
        return attr in ["Arn", "StreamArn"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Arn":
            return self.table.table_arn
        if attribute_name == "StreamArn":
            description = self.table.describe()["TableDescription"]
            if "LatestStreamArn" in description:
                return description["LatestStreamArn"]
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _replicas(props: dict[str, Any], region_name: str) -> dict[str, dict[str, Any]]:
        replicas = {str(r["Region"]): r for r in props.get("Replicas", [])}
        if region_name not in replicas:
            raise ValidationError(message=f"Replicas must include the stack's Region, {region_name}")
        # The stack's own Region first: it is the table the others replicate.
        return {region_name: replicas[region_name], **{k: v for k, v in replicas.items() if k != region_name}}

    @classmethod
    def _create_replica(
        cls, name: str, props: dict[str, Any], replica: dict[str, Any], account_id: str, region: str
    ) -> None:
        _backend(account_id, region).create_table(
            name=name,
            schema=props["KeySchema"],
            throughput=_throughput(props, replica),
            attr=props["AttributeDefinitions"],
            global_indexes=props.get("GlobalSecondaryIndexes", []),
            indexes=props.get("LocalSecondaryIndexes", []),
            streams=props.get("StreamSpecification"),
            billing_mode=props.get("BillingMode", "PROVISIONED"),
            sse_specification=_sse(props, replica),
            tags=replica.get("Tags", []),
            deletion_protection_enabled=_bool(replica.get("DeletionProtectionEnabled", False)),
            warm_throughput=props.get("WarmThroughput"),
        )
        cls._set_replica(name, props, replica, account_id, region)

    @staticmethod
    def _set_replica(name: str, props: dict[str, Any], replica: dict[str, Any], account_id: str, region: str) -> None:
        """The settings an existing replica takes without being replaced."""
        backend = _backend(account_id, region)
        pitr = replica.get("PointInTimeRecoverySpecification") or {}
        spec: dict[str, Any] = {"PointInTimeRecoveryEnabled": _bool(pitr.get("PointInTimeRecoveryEnabled", False))}
        if "RecoveryPeriodInDays" in pitr:
            spec["RecoveryPeriodInDays"] = int(pitr["RecoveryPeriodInDays"])
        backend.update_continuous_backups(name, spec)
        ttl = props.get("TimeToLiveSpecification")
        if ttl:
            backend.update_time_to_live(name, {"Enabled": _bool(ttl["Enabled"]), "AttributeName": ttl.get("AttributeName", "")})
        table = backend.get_table(name)
        policy = (replica.get("ResourcePolicy") or {}).get("PolicyDocument")
        if policy:
            document = policy if isinstance(policy, str) else json.dumps(policy)
            backend.put_resource_policy(table.table_arn, document, None)
        elif table.table_arn in backend.resource_policies:
            backend.delete_resource_policy(table.table_arn, None)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "GlobalTable":
        props = cloudformation_json["Properties"]
        replicas = cls._replicas(props, region_name)
        created: list[str] = []
        try:
            for region, replica in replicas.items():
                cls._create_replica(resource_name, props, replica, account_id, region)
                created.append(region)
        except Exception:
            for region in created:  # no half-made global table
                cls._delete_replica(resource_name, account_id, region, force=True)
            raise
        return cls(resource_name, account_id, region_name, list(replicas))

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "GlobalTable",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "GlobalTable":
        props = cloudformation_json["Properties"]
        table = original_resource.table
        if new_resource_name != original_resource.name or props["KeySchema"] != table.schema:
            # TableName and KeySchema changes replace the table, which a fixed name prevents.
            if new_resource_name == original_resource.name:
                raise ValidationError(
                    message="CloudFormation cannot update a stack when a custom-named resource requires replacing. "
                    f"Rename {new_resource_name} and update the stack again."
                )
            new = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
            original_resource.delete(account_id, region_name)
            return new
        replicas = cls._replicas(props, region_name)
        name = original_resource.name
        for region in original_resource.regions:
            if region not in replicas:
                cls._delete_replica(name, account_id, region)
        for region, replica in replicas.items():
            if region not in original_resource.regions:
                cls._create_replica(name, props, replica, account_id, region)
                continue
            backend = _backend(account_id, region)
            current = backend.get_table(name)
            backend.update_table(
                name=name,
                attr_definitions=props["AttributeDefinitions"],
                global_index=[],
                throughput=_throughput(props, replica),  # type: ignore[arg-type]
                billing_mode=props.get("BillingMode", "PROVISIONED"),
                # moto refuses to enable a stream that is already enabled, as DynamoDB does
                stream_spec=None if current.latest_stream_label else props.get("StreamSpecification"),  # type: ignore[arg-type]
                deletion_protection_enabled=_bool(replica.get("DeletionProtectionEnabled", False)),
                warm_throughput=None,
            )
            tags = replica.get("Tags", [])
            gone = [t["Key"] for t in current.tags if t["Key"] not in {n["Key"] for n in tags}]
            if gone:
                backend.untag_resource(current.table_arn, gone)
            current.tags = [t for t in current.tags if t["Key"] not in {n["Key"] for n in tags}]
            if tags:
                backend.tag_resource(current.table_arn, tags)
            cls._set_replica(name, props, replica, account_id, region)
        return cls(name, account_id, region_name, list(replicas))

    @staticmethod
    def _delete_replica(name: str, account_id: str, region: str, force: bool = False) -> None:
        backend = _backend(account_id, region)
        if name not in backend.tables:
            return
        table = backend.tables[name]
        if force:
            table.deletion_protection_enabled = False
        if table.table_arn in backend.resource_policies:
            backend.delete_resource_policy(table.table_arn, None)
        backend.delete_table(name)

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        # The template as written: a Region may still be an intrinsic such as {"Ref": "AWS::Region"}.
        props = cloudformation_json.get("Properties", {})
        regions = {region_name, *(r["Region"] for r in props.get("Replicas", []) if isinstance(r["Region"], str))}
        cls(resource_name, account_id, region_name, sorted(regions)).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        # Every replica, as deleting a global table does; with deletion protection on any replica,
        # none, as in AWS.
        for region in self.regions:
            backend = _backend(account_id, region)
            if self.name in backend.tables and backend.tables[self.name].deletion_protection_enabled:
                # DynamoDB's DeletionProtectedException, as a CloudFormation error of the stack operation
                raise ValidationError(message=DeletionProtectedException(self.name).message)
        for region in reversed(self.regions):
            self._delete_replica(self.name, account_id, region)


class TableSettings(MotoTable, CloudFormationModel):
    # moto's AWS::DynamoDB::Table model drops TimeToLiveSpecification and PointInTimeRecoverySpecification;
    # this applies them after moto creates the table, through the same backend calls their APIs make.

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> MotoTable:
        table = super().create_from_cloudformation_json(resource_name, cloudformation_json, account_id, region_name, **kwargs)
        props = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        pitr = props.get("PointInTimeRecoverySpecification")
        if pitr:
            spec: dict[str, Any] = {"PointInTimeRecoveryEnabled": _bool(pitr.get("PointInTimeRecoveryEnabled", False))}
            if "RecoveryPeriodInDays" in pitr:
                spec["RecoveryPeriodInDays"] = int(pitr["RecoveryPeriodInDays"])
            backend.update_continuous_backups(table.name, spec)
        ttl = props.get("TimeToLiveSpecification")
        if ttl:
            backend.update_time_to_live(table.name, {"Enabled": _bool(ttl["Enabled"]), "AttributeName": ttl.get("AttributeName", "")})
        return table
