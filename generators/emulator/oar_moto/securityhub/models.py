"""AWS::SecurityHub::Hub, created through moto's Security Hub backend (enable_security_hub, disable_security_hub,
as its EnableSecurityHub and DisableSecurityHub handlers call them)."""

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.securityhub.models import SecurityHubBackend, securityhub_backends


def _backend(account_id: str, region_name: str) -> SecurityHubBackend:
    return securityhub_backends[account_id][region_name]


class Hub(CloudFormationModel):
    """Ref returns the hub ARN (arn:…:securityhub:<region>:<account>:hub/default)."""

    def __init__(self, account_id: str, region_name: str, arn: str):
        self.account_id = account_id
        self.region_name = region_name
        self.arn = arn

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-securityhub-hub.html
        return "AWS::SecurityHub::Hub"

    @property
    def physical_resource_id(self) -> str:
        return self.arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["ARN", "SubscribedAt"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        hub = _backend(self.account_id, self.region_name).describe_hub()
        if attribute_name == "ARN":
            return hub["HubArn"]
        if attribute_name == "SubscribedAt":
            return hub["SubscribedAt"]
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region_name: str, **kwargs: Any
    ) -> "Hub":
        props = cloudformation_json.get("Properties", {})
        backend = _backend(account_id, region_name)
        backend.enable_security_hub(
            enable_default_standards=str(props.get("EnableDefaultStandards", True)).lower() == "true",
            tags=props.get("Tags") or {},
        )
        return cls(account_id, region_name, backend.describe_hub()["HubArn"])

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Hub",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Hub":
        # EnableDefaultStandards applies only when the hub is enabled; the tags change in place.
        _backend(account_id, region_name).tags = cloudformation_json.get("Properties", {}).get("Tags") or {}
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region_name: str
    ) -> None:
        cls(account_id, region_name, resource_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        if backend.enabled:
            backend.disable_security_hub()
