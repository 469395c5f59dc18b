"""AWS::Events::EventBus and AWS::Events::Archive, created through moto's EventBridge backend
(create_event_bus, create_archive, update_archive, delete_archive and delete_event_bus). They replace moto's own
models, which have no physical_resource_id (Ref answered the object itself, which a Rule's EventBusName then
failed on), and: for the bus, dropped Description, KmsKeyIdentifier, DeadLetterConfig and Tags, and replaced the
bus, deleting its rules, on any update; for the archive, generated names longer than the 48 characters
CreateArchive accepts, and read RetentionDays on update from a "Retention" property that does not exist."""

import json
from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.events.models import events_backends

ARCHIVE_NAME_MAX = 48


def _short(name: str) -> str:
    """A generated name cut to ARCHIVE_NAME_MAX characters, keeping its random suffix so that it stays unique."""
    if len(name) <= ARCHIVE_NAME_MAX:
        return name
    prefix, _, suffix = name.rpartition("-")
    head = prefix[: ARCHIVE_NAME_MAX - len(suffix) - 1].rstrip("-")
    return f"{head}-{suffix}"


def _pattern(props: dict[str, Any]) -> str | None:
    """EventPattern as the API takes it: a JSON string (CloudFormation gives an object)."""
    pattern = props.get("EventPattern")
    if pattern is None or isinstance(pattern, str):
        return pattern
    return json.dumps(pattern)


def _retention(props: dict[str, Any]) -> int:
    return int(props.get("RetentionDays", 0))


class EventBus(CloudFormationModel):
    def __init__(self, name: str, account_id: str, region_name: str):
        self.name = name
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-events-eventbus.html
        return "AWS::Events::EventBus"

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Arn", "Name", "Policy"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        bus = events_backends[self.account_id][self.region_name].event_buses[self.name]
        if attribute_name == "Arn":
            return bus.arn
        if attribute_name == "Name":
            return bus.name
        if attribute_name == "Policy":
            return bus.policy
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "EventBus":
        props = cloudformation_json["Properties"]
        name = props.get("Name", resource_name)
        events_backends[account_id][region_name].create_event_bus(
            name=name,
            event_source_name=props.get("EventSourceName"),
            description=props.get("Description"),
            kms_key_identifier=props.get("KmsKeyIdentifier"),
            dead_letter_config=props.get("DeadLetterConfig"),
            tags=props.get("Tags"),
        )
        return cls(name, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "EventBus",
        new_resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
    ) -> "EventBus":
        props = cloudformation_json["Properties"]
        if props.get("Name", original_resource.name) != original_resource.name or "EventSourceName" in props:
            # Name and EventSourceName need a replacement.
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        # moto has no UpdateEventBus; these fields change in place, as that call would, and the rules stay.
        bus = events_backends[account_id][region_name].event_buses[original_resource.name]
        bus.description = props.get("Description")
        bus.kms_key_identifier = props.get("KmsKeyIdentifier")
        bus.dead_letter_config = props.get("DeadLetterConfig")
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
    ) -> None:
        cls(resource_name, account_id, region_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = events_backends[account_id][region_name]
        bus = backend.event_buses.get(self.name)
        if bus is not None:
            # As moto's model did: the bus's own delete removes its rules with it.
            bus.delete(account_id, region_name)


class Archive(CloudFormationModel):
    def __init__(self, name: str, account_id: str, region_name: str):
        self.name = name
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "ArchiveName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-events-archive.html
        return "AWS::Events::Archive"

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Arn"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Arn":
            return events_backends[self.account_id][self.region_name].archives[self.name].arn
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Archive":
        props = cloudformation_json["Properties"]
        name = props["ArchiveName"] if "ArchiveName" in props else _short(resource_name)
        events_backends[account_id][region_name].create_archive(
            name, props["SourceArn"], props.get("Description"), _pattern(props), _retention(props)  # type: ignore[arg-type]
        )
        return cls(name, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Archive",
        new_resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
    ) -> "Archive":
        props = cloudformation_json["Properties"]
        backend = events_backends[account_id][region_name]
        source = backend.archives[original_resource.name].source_arn
        renamed = "ArchiveName" in props and props["ArchiveName"] != original_resource.name
        if renamed or props["SourceArn"] != source:
            # ArchiveName and SourceArn need a replacement.
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        backend.update_archive(original_resource.name, props.get("Description"), _pattern(props), _retention(props))  # type: ignore[arg-type]
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
    ) -> None:
        cls(resource_name, account_id, region_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = events_backends[account_id][region_name]
        if self.name in backend.archives:
            backend.delete_archive(self.name)
