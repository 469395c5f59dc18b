"""AWS::DMS::ReplicationSubnetGroup, ReplicationInstance, Endpoint and ReplicationTask, created through
moto's DMS backend (create_replication_subnet_group, create_replication_instance, create_endpoint,
create_replication_task), which has no CloudFormation models of its own. moto has no Modify calls for
them, so a changed resource is replaced."""

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.dms.models import dms_backends
from moto.moto_api._internal import mock_random


def _bool(value: Any, default: bool) -> bool:
    return default if value is None else str(value).lower() == "true"


def _tags(props: dict[str, Any]) -> list[dict[str, str]]:
    return [{"Key": t["Key"], "Value": str(t["Value"])} for t in props.get("Tags") or []]


def _identifier(props: dict[str, Any], key: str, resource_name: str) -> str:
    """The template's identifier, or a generated one as CloudFormation makes them (lowercase, unique)."""
    if props.get(key):
        return str(props[key]).lower()
    return f"{resource_name.lower()[:40].strip('-')}-{mock_random.get_random_hex(8)}"


class _Replaced:
    """Shared update and delete (a mixin; each model is a direct CloudFormationModel subclass, which moto's
    type map needs): moto cannot modify these resources, so an update replaces them."""

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: Any,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> Any:
        original_resource.delete(account_id, region_name)
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)  # type: ignore[attr-defined]

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        cls(resource_name, account_id, region_name).delete(account_id, region_name)  # type: ignore[call-arg]


class ReplicationSubnetGroup(_Replaced, CloudFormationModel):
    def __init__(self, identifier: str, account_id: str, region_name: str):
        self.identifier = identifier
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "ReplicationSubnetGroupIdentifier"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-dms-replicationsubnetgroup.html
        return "AWS::DMS::ReplicationSubnetGroup"

    @property
    def physical_resource_id(self) -> str:
        # Ref returns the subnet group's identifier.
        return self.identifier

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Id"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Id":
            return self.identifier
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "ReplicationSubnetGroup":
        props = cloudformation_json["Properties"]
        identifier = _identifier(props, "ReplicationSubnetGroupIdentifier", resource_name)
        dms_backends[account_id][region_name].create_replication_subnet_group(
            replication_subnet_group_identifier=identifier,
            replication_subnet_group_description=props["ReplicationSubnetGroupDescription"],
            subnet_ids=list(props["SubnetIds"]),
            tags=_tags(props),
        )
        return cls(identifier, account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = dms_backends[account_id][region_name]
        if self.identifier in backend.replication_subnet_groups:
            backend.delete_replication_subnet_group(self.identifier)


class ReplicationInstance(_Replaced, CloudFormationModel):
    def __init__(self, arn: str, account_id: str, region_name: str):
        self.arn = arn
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "ReplicationInstanceIdentifier"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-dms-replicationinstance.html
        return "AWS::DMS::ReplicationInstance"

    @property
    def physical_resource_id(self) -> str:
        # Ref returns the replication instance's ARN.
        return self.arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Id", "ReplicationInstancePrivateIpAddresses", "ReplicationInstancePublicIpAddresses"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        instance = dms_backends[self.account_id][self.region_name].replication_instances[self.arn]
        if attribute_name == "Id":
            return instance.id
        if attribute_name == "ReplicationInstancePrivateIpAddresses":
            return ",".join(instance.to_dict().get("ReplicationInstancePrivateIpAddresses") or [])
        if attribute_name == "ReplicationInstancePublicIpAddresses":
            return ",".join(instance.to_dict().get("ReplicationInstancePublicIpAddresses") or [])
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "ReplicationInstance":
        props = cloudformation_json["Properties"]
        instance = dms_backends[account_id][region_name].create_replication_instance(
            replication_instance_identifier=_identifier(props, "ReplicationInstanceIdentifier", resource_name),
            replication_instance_class=props["ReplicationInstanceClass"],
            allocated_storage=int(props["AllocatedStorage"]) if "AllocatedStorage" in props else None,
            vpc_security_group_ids=list(props.get("VpcSecurityGroupIds") or []),
            availability_zone=props.get("AvailabilityZone"),
            replication_subnet_group_identifier=props.get("ReplicationSubnetGroupIdentifier"),
            preferred_maintenance_window=props.get("PreferredMaintenanceWindow"),
            multi_az=_bool(props.get("MultiAZ"), False),
            engine_version=props.get("EngineVersion"),
            auto_minor_version_upgrade=_bool(props.get("AutoMinorVersionUpgrade"), True),
            tags=_tags(props),
            kms_key_id=props.get("KmsKeyId"),
            # CloudFormation's default, like the API's, is a public instance.
            publicly_accessible=_bool(props.get("PubliclyAccessible"), True),
            dns_name_servers=None,
            resource_identifier=props.get("ResourceIdentifier"),
            network_type=props.get("NetworkType"),
        )
        return cls(instance.arn, account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = dms_backends[account_id][region_name]
        if self.arn in backend.replication_instances:
            backend.delete_replication_instance(self.arn)


_ENDPOINT_SETTINGS = {
    "DynamoDbSettings": "dynamo_db_settings",
    "S3Settings": "s3_settings",
    "MongoDbSettings": "mongo_db_settings",
    "KinesisSettings": "kinesis_settings",
    "KafkaSettings": "kafka_settings",
    "ElasticsearchSettings": "elasticsearch_settings",
    "NeptuneSettings": "neptune_settings",
    "RedshiftSettings": "redshift_settings",
    "PostgreSqlSettings": "postgre_sql_settings",
    "MySqlSettings": "my_sql_settings",
    "OracleSettings": "oracle_settings",
    "SybaseSettings": "sybase_settings",
    "MicrosoftSqlServerSettings": "microsoft_sql_server_settings",
    "IbmDb2Settings": "ibm_db2_settings",
    "DocDbSettings": "doc_db_settings",
    "RedisSettings": "redis_settings",
    "GcpMySQLSettings": "gcp_my_sql_settings",
}


class Endpoint(_Replaced, CloudFormationModel):
    def __init__(self, arn: str, account_id: str, region_name: str):
        self.arn = arn
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "EndpointIdentifier"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-dms-endpoint.html
        return "AWS::DMS::Endpoint"

    def _endpoint(self) -> Any:
        backend = dms_backends[self.account_id][self.region_name]
        return next(e for e in backend.endpoints.values() if e.endpoint_arn == self.arn)

    @property
    def physical_resource_id(self) -> str:
        # Ref returns the endpoint's ARN.
        return self.arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["EndpointArn", "ExternalId"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        endpoint = self._endpoint()
        if attribute_name == "EndpointArn":
            return endpoint.endpoint_arn
        if attribute_name == "ExternalId":
            return endpoint.external_id or endpoint.id
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Endpoint":
        props = cloudformation_json["Properties"]
        settings = {arg: props.get(prop) for prop, arg in _ENDPOINT_SETTINGS.items()}
        endpoint = dms_backends[account_id][region_name].create_endpoint(
            endpoint_identifier=_identifier(props, "EndpointIdentifier", resource_name),
            endpoint_type=props["EndpointType"],
            engine_name=props["EngineName"],
            username=props.get("Username"),  # type: ignore[arg-type]
            password=props.get("Password"),  # type: ignore[arg-type]
            server_name=props.get("ServerName"),  # type: ignore[arg-type]
            port=int(props["Port"]) if "Port" in props else None,  # type: ignore[arg-type]
            database_name=props.get("DatabaseName"),  # type: ignore[arg-type]
            extra_connection_attributes=props.get("ExtraConnectionAttributes"),  # type: ignore[arg-type]
            kms_key_id=props.get("KmsKeyId"),  # type: ignore[arg-type]
            tags=_tags(props),
            certificate_arn=props.get("CertificateArn"),  # type: ignore[arg-type]
            ssl_mode=props.get("SslMode", "none"),
            service_access_role_arn=None,  # type: ignore[arg-type]
            external_table_definition=None,  # type: ignore[arg-type]
            dms_transfer_settings=None,
            resource_identifier=props.get("ResourceIdentifier"),
            timestream_settings=None,
            **settings,
        )
        return cls(endpoint.endpoint_arn, account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = dms_backends[account_id][region_name]
        if any(e.endpoint_arn == self.arn for e in backend.endpoints.values()):
            backend.delete_endpoint(self.arn)


class ReplicationTask(_Replaced, CloudFormationModel):
    def __init__(self, arn: str, account_id: str, region_name: str):
        self.arn = arn
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "ReplicationTaskIdentifier"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-dms-replicationtask.html
        return "AWS::DMS::ReplicationTask"

    @property
    def physical_resource_id(self) -> str:
        # Ref returns the replication task's ARN.
        return self.arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["ReplicationTaskArn"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "ReplicationTaskArn":
            return self.arn
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "ReplicationTask":
        props = cloudformation_json["Properties"]
        task = dms_backends[account_id][region_name].create_replication_task(
            replication_task_identifier=_identifier(props, "ReplicationTaskIdentifier", resource_name),
            source_endpoint_arn=props["SourceEndpointArn"],
            target_endpoint_arn=props["TargetEndpointArn"],
            replication_instance_arn=props["ReplicationInstanceArn"],
            migration_type=props["MigrationType"],
            table_mappings=props["TableMappings"],
            replication_task_settings=props.get("ReplicationTaskSettings", ""),
            tags=_tags(props),
        )
        # Not applied: CdcStartPosition, CdcStartTime, CdcStopPosition, TaskData, ResourceIdentifier.
        return cls(task.arn, account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = dms_backends[account_id][region_name]
        if self.arn in backend.replication_tasks:
            backend.delete_replication_task(self.arn)


# moto 5.2.1 writes DMS timestamps as ISO strings, but the DMS API (JSON protocol) sends epoch seconds;
# strict clients such as the AWS SDK for JavaScript v3 refuse the strings. Serialise them as the API does.
def _epoch_dates(to_dict: Any) -> Any:
    from datetime import datetime

    def epoch(value: Any) -> Any:
        if isinstance(value, str):
            try:
                return datetime.fromisoformat(value).timestamp()
            except ValueError:
                return value
        return value

    def wrapped(self: Any) -> dict[str, Any]:
        data = to_dict(self)
        for key, value in list(data.items()):
            if key.endswith(("Date", "Time")):
                data[key] = epoch(value)
            elif key == "ReplicationTaskStats" and isinstance(value, dict):
                data[key] = {k: epoch(v) if k.endswith("Date") else v for k, v in value.items()}
        return data

    return wrapped


def _patch_timestamps() -> None:
    from moto.dms import models as moto_dms

    for cls in (moto_dms.FakeReplicationTask, moto_dms.FakeReplicationInstance):
        if not getattr(cls.to_dict, "_oar_epoch", False):
            cls.to_dict = _epoch_dates(cls.to_dict)  # type: ignore[method-assign]
            cls.to_dict._oar_epoch = True  # type: ignore[attr-defined]


_patch_timestamps()
