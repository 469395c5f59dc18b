"""Fix to moto's AWS::Kinesis::Stream model (moto.kinesis.models.Stream).

moto 5.2.1's model ignores StreamModeDetails (every stream is PROVISIONED), StreamEncryption (every
stream is unencrypted) and DesiredShardLevelMetrics, and its update treats BucketName and
ObjectLockEnabled (S3 properties) as the ones that replace a stream, so a new Name updates in place.
This model creates and updates through the backend calls the API uses: CreateStream,
StartStreamEncryption/StopStreamEncryption, UpdateStreamMode, UpdateShardCount,
Increase/DecreaseStreamRetentionPeriod, Enable/DisableEnhancedMonitoring and the tag calls.
MaxRecordSizeInKiB is ignored: moto's backend keeps no maximum record size.
"""

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.kinesis.models import KinesisBackend, kinesis_backends
from moto.kinesis.models import Stream as MotoStream

DEFAULT_RETENTION_HOURS = 24


def _mode(props: dict[str, Any]) -> dict[str, str]:
    return {"StreamMode": (props.get("StreamModeDetails") or {}).get("StreamMode", "PROVISIONED")}


def _shards(props: dict[str, Any]) -> int:
    # A provisioned stream without ShardCount gets one shard; an on-demand stream takes none.
    return int(props.get("ShardCount", 1))


def _tags(props: dict[str, Any]) -> dict[str, str]:
    return {t["Key"]: t["Value"] for t in props.get("Tags") or []}


def _metrics(props: dict[str, Any]) -> list[str]:
    return list(props.get("DesiredShardLevelMetrics") or [])


class Stream(MotoStream, CloudFormationModel):
    """See the module's docstring for what moto's model gets wrong."""

    properties: dict[str, Any]

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Arn"]

    def get_cfn_attribute(self, attribute_name: str) -> str:
        if attribute_name == "Arn":
            return self.arn
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _encrypt(backend: KinesisBackend, name: str, old: dict[str, Any], new: dict[str, Any]) -> None:
        before, after = old.get("StreamEncryption"), new.get("StreamEncryption")
        if before == after:
            return
        if after:
            backend.start_stream_encryption(None, name, after["EncryptionType"], after["KeyId"])  # type: ignore[arg-type]
        else:
            backend.stop_stream_encryption(None, name)  # type: ignore[arg-type]

    @staticmethod
    def _retain(backend: KinesisBackend, stream: MotoStream, hours: int) -> None:
        if hours > stream.retention_period_hours:
            backend.increase_stream_retention_period(None, stream.stream_name, hours)
        elif hours < stream.retention_period_hours:
            backend.decrease_stream_retention_period(None, stream.stream_name, hours)

    @staticmethod
    def _monitor(backend: KinesisBackend, name: str, old: list[str], new: list[str]) -> None:
        gone = [m for m in old if m not in new]
        if gone:
            backend.disable_enhanced_monitoring(None, name, gone)
        if new:
            backend.enable_enhanced_monitoring(None, name, new)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Stream":
        props = cloudformation_json.get("Properties") or {}
        backend: KinesisBackend = kinesis_backends[account_id][region_name]
        stream = backend.create_stream(
            resource_name,
            _shards(props),
            stream_mode=_mode(props),
            retention_period_hours=int(props.get("RetentionPeriodHours", DEFAULT_RETENTION_HOURS)),
        )
        stream.__class__ = cls  # the backend made moto's Stream; it holds the same state
        cls._encrypt(backend, resource_name, {}, props)
        cls._monitor(backend, resource_name, [], _metrics(props))
        if _tags(props):
            backend.add_tags_to_stream(None, resource_name, _tags(props))
        stream.properties = props  # type: ignore[attr-defined]
        return stream  # type: ignore[return-value]

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Stream",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Stream":
        old, new = original_resource.properties, cloudformation_json.get("Properties") or {}
        if new.get("Name", original_resource.stream_name) != original_resource.stream_name:
            stream = cls.create_from_cloudformation_json(new["Name"], cloudformation_json, account_id, region_name)
            original_resource.delete(account_id, region_name)
            return stream
        backend: KinesisBackend = kinesis_backends[account_id][region_name]
        name = original_resource.stream_name
        if _mode(old) != _mode(new):
            backend.update_stream_mode(original_resource.arn, _mode(new))
        if _mode(new)["StreamMode"] == "PROVISIONED" and _shards(new) != original_resource.shard_count:
            backend.update_shard_count(original_resource.arn, name, _shards(new))
        cls._retain(backend, original_resource, int(new.get("RetentionPeriodHours", DEFAULT_RETENTION_HOURS)))
        cls._encrypt(backend, name, old, new)
        cls._monitor(backend, name, _metrics(old), _metrics(new))
        gone = sorted(set(_tags(old)) - set(_tags(new)))
        if gone:
            backend.remove_tags_from_stream(None, name, gone)
        if _tags(new):
            backend.add_tags_to_stream(None, name, _tags(new))
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
        backend: KinesisBackend = kinesis_backends[account_id][region_name]
        if resource_name in backend.streams:
            backend.delete_stream(stream_arn=None, stream_name=resource_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend: KinesisBackend = kinesis_backends[account_id][region_name]
        if self.stream_name in backend.streams:
            backend.delete_stream(stream_arn=None, stream_name=self.stream_name)
