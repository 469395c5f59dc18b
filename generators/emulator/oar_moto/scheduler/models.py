"""AWS::Scheduler::Schedule and AWS::Scheduler::ScheduleGroup, created through moto's EventBridge Scheduler
backend (create_schedule, update_schedule, delete_schedule, create_schedule_group, delete_schedule_group)."""

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.scheduler.models import EventBridgeSchedulerBackend, scheduler_backends


def _backend(account_id: str, region_name: str) -> EventBridgeSchedulerBackend:
    return scheduler_backends[account_id][region_name]


def _window(props: dict[str, Any]) -> dict[str, Any]:
    window = dict(props["FlexibleTimeWindow"])
    if "MaximumWindowInMinutes" in window:
        window["MaximumWindowInMinutes"] = int(window["MaximumWindowInMinutes"])
    return window


def _target(props: dict[str, Any]) -> dict[str, Any]:
    target = dict(props["Target"])
    retry = target.get("RetryPolicy")
    if retry:
        target["RetryPolicy"] = {k: int(v) for k, v in retry.items()}
    return target


class Schedule(CloudFormationModel):
    def __init__(self, group_name: str, name: str, account_id: str, region_name: str):
        self.group_name = group_name
        self.name = name
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-scheduler-schedule.html
        return "AWS::Scheduler::Schedule"

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Arn"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Arn":
            return _backend(self.account_id, self.region_name).get_schedule(self.group_name, self.name).arn
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Schedule":
        props = cloudformation_json["Properties"]
        name = props.get("Name", resource_name)
        group = props.get("GroupName") or "default"
        _backend(account_id, region_name).create_schedule(
            description=props.get("Description"),  # type: ignore[arg-type]
            end_date=props.get("EndDate"),  # type: ignore[arg-type]
            flexible_time_window=_window(props),
            group_name=group,
            kms_key_arn=props.get("KmsKeyArn"),  # type: ignore[arg-type]
            name=name,
            schedule_expression=props["ScheduleExpression"],
            schedule_expression_timezone=props.get("ScheduleExpressionTimezone"),  # type: ignore[arg-type]
            start_date=props.get("StartDate"),  # type: ignore[arg-type]
            state=props.get("State"),  # type: ignore[arg-type]
            target=_target(props),
            action_after_completion=props.get("ActionAfterCompletion"),
        )
        return cls(group, name, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Schedule",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Schedule":
        props = cloudformation_json["Properties"]
        name = props.get("Name", original_resource.name)
        group = props.get("GroupName") or "default"
        if name != original_resource.name or group != original_resource.group_name:
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        _backend(account_id, region_name).update_schedule(
            description=props.get("Description"),  # type: ignore[arg-type]
            end_date=props.get("EndDate"),  # type: ignore[arg-type]
            flexible_time_window=_window(props),
            group_name=group,
            kms_key_arn=props.get("KmsKeyArn"),  # type: ignore[arg-type]
            name=name,
            schedule_expression=props["ScheduleExpression"],
            schedule_expression_timezone=props.get("ScheduleExpressionTimezone"),  # type: ignore[arg-type]
            start_date=props.get("StartDate"),  # type: ignore[arg-type]
            state=props.get("State"),  # type: ignore[arg-type]
            target=_target(props),
        )
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        group = cloudformation_json.get("Properties", {}).get("GroupName") or "default"
        cls(group, resource_name, account_id, region_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        group = backend.schedule_groups.get(self.group_name)
        if group is not None and self.name in group.schedules:
            backend.delete_schedule(self.group_name, self.name)


class ScheduleGroup(CloudFormationModel):
    def __init__(self, name: str, account_id: str, region_name: str):
        self.name = name
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-scheduler-schedulegroup.html
        return "AWS::Scheduler::ScheduleGroup"

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Arn", "CreationDate", "LastModificationDate", "State"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        group = _backend(self.account_id, self.region_name).get_schedule_group(self.name)
        if attribute_name == "Arn":
            return group.arn
        if attribute_name == "State":
            return "ACTIVE"
        if attribute_name in ("CreationDate", "LastModificationDate"):
            return str(group.created_on if attribute_name == "CreationDate" else group.last_modified)
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "ScheduleGroup":
        props = cloudformation_json.get("Properties", {})
        name = props.get("Name", resource_name)
        _backend(account_id, region_name).create_schedule_group(name=name, tags=props.get("Tags") or [])
        return cls(name, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "ScheduleGroup",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "ScheduleGroup":
        props = cloudformation_json.get("Properties", {})
        name = props.get("Name", original_resource.name)
        backend = _backend(account_id, region_name)
        if name != original_resource.name:
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        arn = backend.get_schedule_group(name).arn
        old = [t["Key"] for t in backend.list_tags_for_resource(arn).get("Tags", [])]
        if old:
            backend.untag_resource(arn, old)
        if props.get("Tags"):
            backend.tag_resource(arn, props["Tags"])
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
        backend = _backend(account_id, region_name)
        if self.name in backend.schedule_groups:
            backend.delete_schedule_group(self.name)
