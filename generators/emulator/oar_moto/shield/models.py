"""AWS::Shield::Protection, created through moto's Shield backend (create_protection,
delete_protection). As in AWS, a protection needs a Shield Advanced subscription of the
account, which moto's backend keeps but does not check."""

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.shield.exceptions import ResourceNotFoundException
from moto.shield.models import Protection as MotoProtection
from moto.shield.models import ShieldBackend, shield_backends
from moto.utilities.utils import PARTITION_NAMES, get_partition


def _backend(account_id: str, region_name: str) -> ShieldBackend:
    # Shield is a global service: moto keeps its backend under the partition's name.
    partition = get_partition(region_name)
    return shield_backends[account_id][partition if partition in PARTITION_NAMES else "aws"]


class Protection(CloudFormationModel):
    def __init__(self, protection_id: str, account_id: str, region_name: str):
        self.protection_id = protection_id
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""  # Name is required

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-shield-protection.html
        return "AWS::Shield::Protection"

    @property
    def protection(self) -> MotoProtection:
        return _backend(self.account_id, self.region_name).describe_protection(self.protection_id, "")

    @property
    def physical_resource_id(self) -> str:
        # Ref returns the protection's ARN.
        return self.protection.protection_arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["ProtectionArn", "ProtectionId"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "ProtectionArn":
            return self.protection.protection_arn
        if attribute_name == "ProtectionId":
            return self.protection_id
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Protection":
        props = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        if backend.subscription is None:
            raise ResourceNotFoundException("The subscription does not exist.")
        protection_id = backend.create_protection(
            name=props["Name"], resource_arn=props["ResourceArn"], tags=props.get("Tags", [])
        )
        return cls(protection_id, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Protection",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Protection":
        props = cloudformation_json["Properties"]
        protection = original_resource.protection
        if props["Name"] != protection.name or props["ResourceArn"] != protection.resource_arn:
            # Name and ResourceArn replace the protection.
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        backend = _backend(account_id, region_name)
        old = backend.list_tags_for_resource(protection.protection_arn)
        backend.untag_resource(protection.protection_arn, [t["Key"] for t in old])
        backend.tag_resource(protection.protection_arn, props.get("Tags", []))
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        backend = _backend(account_id, region_name)
        for protection in list(backend.protections.values()):
            if protection.protection_arn == resource_name:
                backend.delete_protection(protection.protection_id)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        if self.protection_id in backend.protections:
            backend.delete_protection(self.protection_id)
