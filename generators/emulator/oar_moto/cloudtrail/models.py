"""AWS::CloudTrail::Trail, created through moto's CloudTrail backend (create_trail, then put_event_selectors,
put_insight_selectors and start_logging, as the API's handlers do)."""

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.cloudtrail.models import CloudTrailBackend, Trail as MotoTrail, cloudtrail_backends
from moto.core.common_models import CloudFormationModel


def _bool(value: Any, default: bool) -> bool:
    if value is None:
        return default
    return str(value).lower() == "true"


def _backend(account_id: str, region_name: str) -> CloudTrailBackend:
    return cloudtrail_backends[account_id][region_name]


class Trail(CloudFormationModel):
    """Ref returns the trail name."""

    def __init__(self, account_id: str, region_name: str, name: str):
        self.account_id = account_id
        self.region_name = region_name
        self.name = name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "TrailName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudtrail-trail.html
        return "AWS::CloudTrail::Trail"

    @property
    def physical_resource_id(self) -> str:
        return self.name

    def _trail(self) -> MotoTrail:
        return _backend(self.account_id, self.region_name).get_trail(self.name)

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Arn", "SnsTopicArn"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Arn":
            return self._trail().arn
        if attribute_name == "SnsTopicArn":
            return self._trail().topic_arn or ""
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _selectors(backend: CloudTrailBackend, name: str, props: dict[str, Any]) -> None:
        trail = backend.get_trail(name)
        trail.event_selectors = []
        trail.advanced_event_selectors = []
        if props.get("EventSelectors") or props.get("AdvancedEventSelectors"):
            backend.put_event_selectors(name, props.get("EventSelectors", []), props.get("AdvancedEventSelectors", []))
        trail.insight_selectors = []
        if props.get("InsightSelectors"):
            backend.put_insight_selectors(name, props["InsightSelectors"])

    @staticmethod
    def _logging(backend: CloudTrailBackend, name: str, props: dict[str, Any]) -> None:
        if _bool(props.get("IsLogging"), False):
            backend.start_logging(name)
        else:
            backend.stop_logging(name)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Trail":
        props = cloudformation_json["Properties"]
        name = props.get("TrailName", resource_name)
        backend = _backend(account_id, region_name)
        backend.create_trail(
            name=name,
            bucket_name=props["S3BucketName"],
            s3_key_prefix=props.get("S3KeyPrefix"),  # type: ignore[arg-type]
            sns_topic_name=props.get("SnsTopicName"),  # type: ignore[arg-type]
            is_global=_bool(props.get("IncludeGlobalServiceEvents"), True),
            is_multi_region=_bool(props.get("IsMultiRegionTrail"), False),
            log_validation=_bool(props.get("EnableLogFileValidation"), False),
            is_org_trail=_bool(props.get("IsOrganizationTrail"), False),
            cw_log_group_arn=props.get("CloudWatchLogsLogGroupArn"),  # type: ignore[arg-type]
            cw_role_arn=props.get("CloudWatchLogsRoleArn"),  # type: ignore[arg-type]
            kms_key_id=props.get("KMSKeyId"),  # type: ignore[arg-type]
            tags_list=[{"Key": t["Key"], "Value": str(t["Value"])} for t in props.get("Tags", [])],
        )
        cls._selectors(backend, name, props)
        cls._logging(backend, name, props)
        return cls(account_id, region_name, name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Trail",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Trail":
        props = cloudformation_json["Properties"]
        name = props.get("TrailName", original_resource.name)
        if name != original_resource.name:  # TrailName: replacement
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(name, cloudformation_json, account_id, region_name)
        backend = _backend(account_id, region_name)
        backend.update_trail(
            name=name,
            s3_bucket_name=props["S3BucketName"],
            s3_key_prefix=props.get("S3KeyPrefix"),  # type: ignore[arg-type]
            sns_topic_name=props.get("SnsTopicName"),  # type: ignore[arg-type]
            include_global_service_events=_bool(props.get("IncludeGlobalServiceEvents"), True),
            is_multi_region_trail=_bool(props.get("IsMultiRegionTrail"), False),
            enable_log_file_validation=_bool(props.get("EnableLogFileValidation"), False),
            is_organization_trail=_bool(props.get("IsOrganizationTrail"), False),
            cw_log_group_arn=props.get("CloudWatchLogsLogGroupArn"),  # type: ignore[arg-type]
            cw_role_arn=props.get("CloudWatchLogsRoleArn"),  # type: ignore[arg-type]
            kms_key_id=props.get("KMSKeyId"),  # type: ignore[arg-type]
        )
        cls._selectors(backend, name, props)
        cls._logging(backend, name, props)
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        _backend(account_id, region_name).delete_trail(resource_name)

    def delete(self, account_id: str, region_name: str) -> None:
        _backend(account_id, region_name).delete_trail(self.name)
