"""AWS::GuardDuty::Detector, created through moto's GuardDuty backend (create_detector, update_detector,
delete_detector, as its CreateDetector, UpdateDetector and DeleteDetector handlers call them)."""

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.guardduty.exceptions import DetectorNotFoundException
from moto.guardduty.models import GuardDutyBackend, guardduty_backends


def _backend(account_id: str, region_name: str) -> GuardDutyBackend:
    return guardduty_backends[account_id][region_name]


def _bool(value: Any) -> bool:
    return str(value).lower() == "true"


def _api(value: Any) -> Any:
    """A template value (PascalCase keys) as GuardDuty's REST API sends it (camelCase keys: S3Logs -> s3Logs)."""
    if isinstance(value, dict):
        return {k[:1].lower() + k[1:]: _api(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_api(v) for v in value]
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return value


def _features(props: dict[str, Any]) -> list[dict[str, Any]]:
    return _api(props.get("Features", []))


class Detector(CloudFormationModel):
    """Ref returns the detector id."""

    def __init__(self, account_id: str, region_name: str, detector_id: str):
        self.account_id = account_id
        self.region_name = region_name
        self.id = detector_id

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-guardduty-detector.html
        return "AWS::GuardDuty::Detector"

    @property
    def physical_resource_id(self) -> str:
        return self.id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Id"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Id":
            return self.id
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region_name: str, **kwargs: Any
    ) -> "Detector":
        props = cloudformation_json["Properties"]
        detector_id = _backend(account_id, region_name).create_detector(
            enable=_bool(props["Enable"]),
            finding_publishing_frequency=props.get("FindingPublishingFrequency", "SIX_HOURS"),
            data_sources=_api(props.get("DataSources") or {}),
            tags={t["Key"]: t["Value"] for t in props.get("Tags", [])},
            features=_features(props),
        )
        return cls(account_id, region_name, detector_id)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Detector",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Detector":
        props = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        backend.update_detector(
            detector_id=original_resource.id,
            enable=_bool(props["Enable"]),
            finding_publishing_frequency=props.get("FindingPublishingFrequency", "SIX_HOURS"),
            data_sources=_api(props.get("DataSources") or {}),
            features=_features(props),
        )
        backend.get_detector(original_resource.id).tags = {t["Key"]: t["Value"] for t in props.get("Tags", [])}
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region_name: str
    ) -> None:
        cls(account_id, region_name, resource_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        try:
            _backend(account_id, region_name).get_detector(self.id)
        except DetectorNotFoundException:
            return
        _backend(account_id, region_name).delete_detector(self.id)
