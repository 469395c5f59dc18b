"""AWS::DynamoDB::GlobalTable, created through moto's DynamoDB backend (create_table, update_table,
update_continuous_backups, update_time_to_live, put_resource_policy, tag_resource, delete_table).

moto 5.2 has no global tables: no UpdateTable ReplicaUpdates, no CreateGlobalTable, no Replicas in
DescribeTable. Each replica is therefore created as what it is in its own Region, a table of the
same name, key schema and settings, through that Region's backend; items written to one replica are
not copied to the others. Each replica's DescribeTable answers, as in AWS, the other replicas
(Replicas), the MultiRegionConsistency and the GlobalTableWitnesses the template declared; the
witness stores nothing, as a witness holds no table that can be read.
"""

import json
from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException, ValidationError
from moto.core.common_models import CloudFormationModel
from moto.dynamodb.exceptions import DeletionProtectedException
from moto.dynamodb.models import DynamoDBBackend, dynamodb_backends
from moto.dynamodb.models.table import Table


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


# Multi-Region strong consistency: the replicas and the witness must all be in one of these sets.
# https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-dynamodb-globaltable-globaltablewitness.html
MRSC_REGION_SETS = [
    {"us-east-1", "us-east-2", "us-west-2"},
    {"eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1"},
    {"ap-northeast-1", "ap-northeast-2", "ap-northeast-3"},
]


def _consistency(props: dict[str, Any]) -> str:
    return str(props.get("MultiRegionConsistency") or "EVENTUAL")


def _witnesses(props: dict[str, Any]) -> list[str]:
    return [str(w["Region"]) for w in props.get("GlobalTableWitnesses") or [] if w.get("Region")]


def _validate_consistency(props: dict[str, Any], regions: list[str]) -> None:
    """What DynamoDB refuses in a global table's consistency settings."""
    consistency, witnesses = _consistency(props), _witnesses(props)
    if consistency not in ("EVENTUAL", "STRONG"):
        raise ValidationError(message=f"MultiRegionConsistency must be EVENTUAL or STRONG, not {consistency}")
    if consistency == "EVENTUAL":
        if witnesses:
            raise ValidationError(message="GlobalTableWitnesses need MultiRegionConsistency STRONG")
        return
    if (len(regions), len(witnesses)) not in ((3, 0), (2, 1)):
        raise ValidationError(
            message="A multi-Region strongly consistent global table needs three replicas, or two replicas and one witness"
        )
    if set(witnesses) & set(regions):
        raise ValidationError(message="The witness must be in a Region without a replica")
    if not any(set(regions) | set(witnesses) <= region_set for region_set in MRSC_REGION_SETS):
        raise ValidationError(
            message="The replicas and witness of a multi-Region strongly consistent global table must be in one Region set"
        )


class GlobalTableReplica(Table):
    """One replica of a global table: moto's table, whose DescribeTable also answers the global table's
    other replicas, consistency mode and witnesses. Set on the backend's own table by re-classing it."""

    replica_regions: list[str]
    multi_region_consistency: str
    witness_regions: list[str]

    def describe(self, base_key: str = "TableDescription") -> dict[str, Any]:
        result = super().describe(base_key)
        result[base_key]["Replicas"] = [
            {"RegionName": region, "ReplicaStatus": "ACTIVE"} for region in self.replica_regions if region != self.region_name
        ]
        result[base_key]["MultiRegionConsistency"] = self.multi_region_consistency
        if self.witness_regions:
            result[base_key]["GlobalTableWitnesses"] = [
                {"RegionName": region, "WitnessStatus": "ACTIVE"} for region in self.witness_regions
            ]
        return result


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
    def _mark_replicas(name: str, props: dict[str, Any], regions: list[str], account_id: str) -> None:
        """Tell every replica which global table it belongs to, for DescribeTable."""
        for region in regions:
            table = _backend(account_id, region).get_table(name)
            table.__class__ = GlobalTableReplica
            assert isinstance(table, GlobalTableReplica)
            table.replica_regions = list(regions)
            table.multi_region_consistency = _consistency(props)
            table.witness_regions = _witnesses(props)

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
        _validate_consistency(props, list(replicas))
        created: list[str] = []
        try:
            for region, replica in replicas.items():
                cls._create_replica(resource_name, props, replica, account_id, region)
                created.append(region)
        except Exception:
            for region in created:  # no half-made global table
                cls._delete_replica(resource_name, account_id, region, force=True)
            raise
        cls._mark_replicas(resource_name, props, list(replicas), account_id)
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
        # The consistency mode is fixed when the global table is created: a change replaces it, like a new key schema.
        consistency_changed = _consistency(props) != getattr(table, "multi_region_consistency", "EVENTUAL")
        if new_resource_name != original_resource.name or props["KeySchema"] != table.schema or consistency_changed:
            # TableName, KeySchema and MultiRegionConsistency changes replace the table, which a fixed name prevents.
            if new_resource_name == original_resource.name:
                raise ValidationError(
                    message="CloudFormation cannot update a stack when a custom-named resource requires replacing. "
                    f"Rename {new_resource_name} and update the stack again."
                )
            new = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
            original_resource.delete(account_id, region_name)
            return new
        replicas = cls._replicas(props, region_name)
        _validate_consistency(props, list(replicas))
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
        cls._mark_replicas(name, props, list(replicas), account_id)
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


class TableWithRecoveryAndTtl(Table, CloudFormationModel):
    """AWS::DynamoDB::Table as moto creates it, plus the two settings its model drops: moto's
    create_from_cloudformation_json ignores PointInTimeRecoverySpecification and TimeToLiveSpecification."""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-table.html
        return "AWS::DynamoDB::Table"

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> Table:
        table = Table.create_from_cloudformation_json(resource_name, cloudformation_json, account_id, region_name, **kwargs)
        props = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        pitr = props.get("PointInTimeRecoverySpecification") or {}
        if _bool(pitr.get("PointInTimeRecoveryEnabled", False)):
            spec: dict[str, Any] = {"PointInTimeRecoveryEnabled": True}
            if "RecoveryPeriodInDays" in pitr:
                spec["RecoveryPeriodInDays"] = int(pitr["RecoveryPeriodInDays"])
            backend.update_continuous_backups(table.name, spec)
        ttl = props.get("TimeToLiveSpecification") or {}
        if "AttributeName" in ttl:
            backend.update_time_to_live(
                table.name, {"AttributeName": ttl["AttributeName"], "Enabled": _bool(ttl.get("Enabled", False))}
            )
        return table
