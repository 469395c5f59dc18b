"""AWS::KinesisFirehose::DeliveryStream, created through moto's Firehose backend
(create_delivery_stream), updated through update_destination, start/stop encryption and tags."""

import copy
from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.core.utils import ensure_boolean
from moto.firehose.exceptions import ResourceNotFoundException
from moto.firehose.models import FirehoseBackend, firehose_backends

# CloudFormation's destination properties, by the name moto's backend gives each kind.
_DESTINATIONS = {
    "S3": "S3DestinationConfiguration",
    "ExtendedS3": "ExtendedS3DestinationConfiguration",
    "Redshift": "RedshiftDestinationConfiguration",
    "Elasticsearch": "ElasticsearchDestinationConfiguration",
    "Splunk": "SplunkDestinationConfiguration",
    "HttpEndpoint": "HttpEndpointDestinationConfiguration",
    "Snowflake": "SnowflakeDestinationConfiguration",
}
# Destinations CloudFormation has and moto's backend does not.
_UNSUPPORTED = (
    "AmazonopensearchserviceDestinationConfiguration",
    "AmazonOpenSearchServerlessDestinationConfiguration",
    "IcebergDestinationConfiguration",
    "MSKSourceConfiguration",
    "DatabaseSourceConfiguration",
)
_INTEGERS = {"IntervalInSeconds", "SizeInMBs", "DurationInSeconds", "RetryDurationInSeconds", "BufferingIntervalInSeconds"}
_BOOLEANS = {"Enabled"}


def _typed(value: Any) -> Any:
    """The template's JSON with the numbers and booleans the API expects typed as such."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key in _INTEGERS and isinstance(item, str):
                out[key] = int(item)
            elif key in _BOOLEANS and isinstance(item, str):
                out[key] = ensure_boolean(item)
            else:
                out[key] = _typed(item)
        return out
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return value


def _backend(account_id: str, region_name: str) -> FirehoseBackend:
    return firehose_backends[account_id][region_name]


def _destination(props: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    unsupported = [p for p in _UNSUPPORTED if p in props]
    if unsupported:
        raise NotImplementedError(f"moto's Firehose backend has no {unsupported[0]}")
    found = [(kind, _typed(copy.deepcopy(props[name]))) for kind, name in _DESTINATIONS.items() if name in props]
    if len(found) != 1:
        raise ValueError("A delivery stream needs exactly one destination configuration")
    return found[0]


class DeliveryStream(CloudFormationModel):
    def __init__(self, name: str, account_id: str, region_name: str):
        self.name = name
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "DeliveryStreamName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-kinesisfirehose-deliverystream.html
        return "AWS::KinesisFirehose::DeliveryStream"

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @property
    def arn(self) -> str:
        return _backend(self.account_id, self.region_name).delivery_streams[self.name].delivery_stream_arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Arn"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Arn":
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
    ) -> "DeliveryStream":
        props = cloudformation_json["Properties"]
        kind, config = _destination(props)
        destinations = {name: (config if k == kind else None) for k, name in _DESTINATIONS.items()}
        _backend(account_id, region_name).create_delivery_stream(
            region=region_name,
            delivery_stream_name=resource_name,
            delivery_stream_type=props.get("DeliveryStreamType", "DirectPut"),
            kinesis_stream_source_configuration=props.get("KinesisStreamSourceConfiguration"),  # type: ignore[arg-type]
            delivery_stream_encryption_configuration_input=props.get("DeliveryStreamEncryptionConfigurationInput"),  # type: ignore[arg-type]
            s3_destination_configuration=destinations["S3DestinationConfiguration"],  # type: ignore[arg-type]
            extended_s3_destination_configuration=destinations["ExtendedS3DestinationConfiguration"],  # type: ignore[arg-type]
            redshift_destination_configuration=destinations["RedshiftDestinationConfiguration"],  # type: ignore[arg-type]
            elasticsearch_destination_configuration=destinations["ElasticsearchDestinationConfiguration"],  # type: ignore[arg-type]
            splunk_destination_configuration=destinations["SplunkDestinationConfiguration"],  # type: ignore[arg-type]
            http_endpoint_destination_configuration=destinations["HttpEndpointDestinationConfiguration"],  # type: ignore[arg-type]
            snowflake_destination_configuration=destinations["SnowflakeDestinationConfiguration"],  # type: ignore[arg-type]
            tags=props.get("Tags") or [],
        )
        return cls(resource_name, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "DeliveryStream",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "DeliveryStream":
        props = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        stream = backend.delivery_streams[original_resource.name]
        name = str(props.get("DeliveryStreamName") or original_resource.name)
        kind, config = _destination(props)
        current = stream.destinations[0]
        if (
            name != original_resource.name
            or props.get("DeliveryStreamType", "DirectPut") != stream.delivery_stream_type
            or props.get("KinesisStreamSourceConfiguration") != stream.source
            or kind not in current
        ):
            # These need a replacement (moto cannot switch a stream between destination kinds either).
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(name, cloudformation_json, account_id, region_name)

        if current[kind] != config:
            updates: dict[str, Any] = {
                "s3_destination_update": None,
                "extended_s3_destination_update": None,
                "redshift_destination_update": None,
                "elasticsearch_destination_update": None,
                "splunk_destination_update": None,
                "http_endpoint_destination_update": None,
                "snowflake_destination_configuration": None,
            }
            key = {
                "S3": "s3_destination_update",
                "ExtendedS3": "extended_s3_destination_update",
                "Redshift": "redshift_destination_update",
                "Elasticsearch": "elasticsearch_destination_update",
                "Splunk": "splunk_destination_update",
                "HttpEndpoint": "http_endpoint_destination_update",
                "Snowflake": "snowflake_destination_configuration",
            }[kind]
            updates[key] = config
            backend.update_destination(
                delivery_stream_name=name,
                current_delivery_stream_version_id=stream.version_id,
                destination_id=current["destination_id"],
                s3_backup_mode=config.get("S3BackupMode"),  # type: ignore[arg-type]
                **updates,
            )

        encryption = props.get("DeliveryStreamEncryptionConfigurationInput")
        current_encryption = stream.delivery_stream_encryption_configuration or {}
        enabled = bool(current_encryption) and current_encryption.get("Status", "ENABLED") == "ENABLED"
        if encryption and (not enabled or encryption != {k: v for k, v in current_encryption.items() if k != "Status"}):
            backend.start_delivery_stream_encryption(name, dict(encryption))
        elif not encryption and enabled:
            backend.stop_delivery_stream_encryption(name)

        arn = stream.delivery_stream_arn
        old_tags = {t["Key"]: t["Value"] for t in backend.tagger.list_tags_for_resource(arn)["Tags"]}
        new_tags = {t["Key"]: t["Value"] for t in props.get("Tags") or []}
        gone = [k for k in old_tags if k not in new_tags]
        if gone:
            backend.untag_delivery_stream(name, gone)
        if new_tags and new_tags != old_tags:
            backend.tag_delivery_stream(name, [{"Key": k, "Value": v} for k, v in new_tags.items()])
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        try:
            _backend(account_id, region_name).delete_delivery_stream(resource_name)
        except ResourceNotFoundException:
            pass

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.name, {}, account_id, region_name)
