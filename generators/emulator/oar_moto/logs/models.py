"""AWS::Logs::Destination and AWS::Logs::LogStream, created through moto's CloudWatch Logs
backend (put_destination, put_destination_policy, create_log_stream), and moto's
AWS::Logs::LogGroup with its KMS key and updates."""

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.logs.exceptions import ResourceNotFoundException
from moto.logs.models import LogGroup as MotoLogGroup
from moto.logs.models import LogsBackend, logs_backends


def _backend(account_id: str, region_name: str) -> LogsBackend:
    return logs_backends[account_id][region_name]


def _tags(props: dict[str, Any]) -> dict[str, str]:
    return {t["Key"]: t["Value"] for t in props.get("Tags") or []}


def _retag(backend: LogsBackend, arn: str, tags: dict[str, str]) -> None:
    old = backend.list_tags_for_resource(arn)
    gone = [k for k in old if k not in tags]
    if gone:
        backend.untag_resource(arn, gone)
    if tags:
        backend.tag_resource(arn, tags)


class LogGroup(MotoLogGroup, CloudFormationModel):
    # moto's model drops KmsKeyId (it reads the API's kmsKeyId) and has no update. The backend
    # still makes moto's LogGroup objects, which delete themselves.

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> MotoLogGroup:
        props = cloudformation_json.get("Properties") or {}
        options: dict[str, Any] = {}
        if props.get("KmsKeyId"):
            options["kmsKeyId"] = props["KmsKeyId"]
        if props.get("RetentionInDays") is not None:
            options["RetentionInDays"] = int(props["RetentionInDays"])
        # DataProtectionPolicy, FieldIndexPolicies, LogGroupClass: moto's CreateLogGroup does not take them.
        return _backend(account_id, region_name).create_log_group(resource_name, _tags(props), **options)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: MotoLogGroup,
        new_resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
    ) -> MotoLogGroup:
        props = cloudformation_json.get("Properties") or {}
        name = str(props.get("LogGroupName") or original_resource.name)
        if name != original_resource.name:
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(name, cloudformation_json, account_id, region_name)
        backend = _backend(account_id, region_name)
        if props.get("RetentionInDays") is not None:
            backend.put_retention_policy(name, int(props["RetentionInDays"]))  # type: ignore[arg-type]
        else:
            backend.delete_retention_policy(name)
        # moto has no AssociateKmsKey/DisassociateKmsKey: the log group holds the key it was made with.
        _retag(backend, original_resource.arn, _tags(props))
        return original_resource


class LogStream(CloudFormationModel):
    def __init__(self, log_group_name: str, name: str, account_id: str, region_name: str):
        self.log_group_name = log_group_name
        self.name = name
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "LogStreamName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-logs-logstream.html
        return "AWS::Logs::LogStream"

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "LogStream":
        group = cloudformation_json["Properties"]["LogGroupName"]
        _backend(account_id, region_name).create_log_stream(group, resource_name)
        return cls(group, resource_name, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "LogStream",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "LogStream":
        # Both properties require a replacement; keep a generated name.
        props = cloudformation_json["Properties"]
        name = str(props.get("LogStreamName") or original_resource.name)
        if name == original_resource.name and props["LogGroupName"] == original_resource.log_group_name:
            return original_resource
        original_resource.delete(account_id, region_name)
        return cls.create_from_cloudformation_json(name, cloudformation_json, account_id, region_name)

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        group = (cloudformation_json.get("Properties") or {}).get("LogGroupName")
        if group:
            cls(group, resource_name, account_id, region_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        try:
            _backend(account_id, region_name).delete_log_stream(self.log_group_name, self.name)
        except ResourceNotFoundException:
            pass  # deleting the log group deleted its streams


class Destination(CloudFormationModel):
    def __init__(self, name: str, account_id: str, region_name: str):
        self.name = name
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "DestinationName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-logs-destination.html
        return "AWS::Logs::Destination"

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @property
    def arn(self) -> str:
        return _backend(self.account_id, self.region_name).get_destination(self.name).arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Arn"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Arn":
            return self.arn
        raise UnformattedGetAttTemplateException()

    @classmethod
    def _put(cls, name: str, props: dict[str, Any], account_id: str, region_name: str) -> "Destination":
        backend = _backend(account_id, region_name)
        destination = backend.put_destination(name, props["RoleArn"], props["TargetArn"], _tags(props))
        _retag(backend, destination.arn, _tags(props))
        if props.get("DestinationPolicy"):
            backend.put_destination_policy(name, props["DestinationPolicy"])
        return cls(name, account_id, region_name)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Destination":
        return cls._put(resource_name, cloudformation_json["Properties"], account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Destination",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Destination":
        props = cloudformation_json["Properties"]
        name = str(props.get("DestinationName") or original_resource.name)
        if name != original_resource.name:
            original_resource.delete(account_id, region_name)
        # PutDestination updates the role and target of an existing destination in place.
        return cls._put(name, props, account_id, region_name)

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
        backend = _backend(account_id, region_name)
        try:
            arn = backend.get_destination(self.name).arn
            backend.delete_destination(self.name)
        except ResourceNotFoundException:
            return
        _retag(backend, arn, {})
