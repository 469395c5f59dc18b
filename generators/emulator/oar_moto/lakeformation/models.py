"""AWS::LakeFormation::DataLakeSettings, PrincipalPermissions and Resource, created through
moto's Lake Formation backend (put_data_lake_settings, grant_permissions, register_resource)."""

import copy
import json
from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.core.utils import ensure_boolean
from moto.lakeformation.exceptions import EntityNotFound
from moto.lakeformation.models import LakeFormationBackend, lakeformation_backends
from moto.utilities.utils import get_partition

# CloudFormation's property names for the fields of the API's DataLakeSettings.
_SETTINGS = {
    "Admins": "DataLakeAdmins",
    "AllowExternalDataFiltering": "AllowExternalDataFiltering",
    "AllowFullTableExternalDataAccess": "AllowFullTableExternalDataAccess",
    "AuthorizedSessionTagValueList": "AuthorizedSessionTagValueList",
    "CreateDatabaseDefaultPermissions": "CreateDatabaseDefaultPermissions",
    "CreateTableDefaultPermissions": "CreateTableDefaultPermissions",
    "ExternalDataFilteringAllowList": "ExternalDataFilteringAllowList",
    "Parameters": "Parameters",
    "TrustedResourceOwners": "TrustedResourceOwners",
}
_BOOLEANS = ("AllowExternalDataFiltering", "AllowFullTableExternalDataAccess")


def _backend(account_id: str, region_name: str) -> LakeFormationBackend:
    return lakeformation_backends[account_id][region_name]


class DataLakeSettings(CloudFormationModel):
    """With MutationType APPEND the template's list entries (administrators, trusted owners…)
    are added to the account's; with REPLACE (the default) each field the template names
    replaces the account's. Deleting the resource takes out the list entries it put in and
    leaves the rest of the account's settings as they are."""

    def __init__(self, settings_id: str, added: dict[str, list[Any]], account_id: str, region_name: str):
        self.id = settings_id
        self.added = added
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lakeformation-datalakesettings.html
        return "AWS::LakeFormation::DataLakeSettings"

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

    @staticmethod
    def _put(props: dict[str, Any], account_id: str, region_name: str) -> dict[str, list[Any]]:
        """Applies the template's settings; returns the list entries it put in, by API field."""
        backend = _backend(account_id, region_name)
        settings = copy.deepcopy(backend.get_data_lake_settings(account_id))
        append = str(props.get("MutationType", "REPLACE")).upper() == "APPEND"
        added: dict[str, list[Any]] = {}
        for cfn_name, field in _SETTINGS.items():
            if cfn_name not in props:
                continue
            value = props[cfn_name]
            if cfn_name in _BOOLEANS:
                settings[field] = ensure_boolean(value)
            elif isinstance(value, list):
                current = settings.get(field) or []
                new = [v for v in value if v not in current] if append else list(value)
                settings[field] = current + new if append else new
                added[field] = new
            else:
                settings[field] = value
        backend.put_data_lake_settings(account_id, settings)
        return added

    @staticmethod
    def _take_out(added: dict[str, list[Any]], account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        settings = copy.deepcopy(backend.get_data_lake_settings(account_id))
        for field, entries in added.items():
            settings[field] = [v for v in settings.get(field) or [] if v not in entries]
        backend.put_data_lake_settings(account_id, settings)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "DataLakeSettings":
        added = cls._put(cloudformation_json.get("Properties") or {}, account_id, region_name)
        return cls(resource_name, added, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "DataLakeSettings",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "DataLakeSettings":
        cls._take_out(original_resource.added, account_id, region_name)
        original_resource.added = cls._put(cloudformation_json.get("Properties") or {}, account_id, region_name)
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        # Without the resource, what it added is unknown: take out the template's list entries.
        props = cloudformation_json.get("Properties") or {}
        added = {_SETTINGS[k]: v for k, v in props.items() if k in _SETTINGS and isinstance(v, list)}
        cls._take_out(added, account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        self._take_out(self.added, account_id, region_name)


class PrincipalPermissions(CloudFormationModel):
    def __init__(
        self,
        catalog_id: str,
        principal: dict[str, str],
        resource: dict[str, Any],
        permissions: list[str],
        permissions_with_grant_option: list[str],
        account_id: str,
        region_name: str,
    ):
        self.catalog_id = catalog_id
        self.principal = principal
        self.resource = resource
        self.permissions = permissions
        self.permissions_with_grant_option = permissions_with_grant_option
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lakeformation-principalpermissions.html
        return "AWS::LakeFormation::PrincipalPermissions"

    @property
    def principal_identifier(self) -> str:
        return self.principal.get("DataLakePrincipalIdentifier", "")

    @property
    def resource_identifier(self) -> str:
        # AWS does not document the form of this identifier; this is the resource, as JSON.
        return json.dumps(self.resource, sort_keys=True, separators=(",", ":"))

    @property
    def physical_resource_id(self) -> str:
        # The type's primary identifier is the pair: Ref joins them with "|".
        return f"{self.principal_identifier}|{self.resource_identifier}"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["PrincipalIdentifier", "ResourceIdentifier"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "PrincipalIdentifier":
            return self.principal_identifier
        if attribute_name == "ResourceIdentifier":
            return self.resource_identifier
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "PrincipalPermissions":
        props = cloudformation_json["Properties"]
        grant = cls(
            str(props.get("Catalog") or account_id),
            props["Principal"],
            props["Resource"],
            list(props["Permissions"]),
            list(props.get("PermissionsWithGrantOption") or []),
            account_id,
            region_name,
        )
        _backend(account_id, region_name).grant_permissions(
            catalog_id=grant.catalog_id,
            principal=grant.principal,
            resource=grant.resource,
            permissions=grant.permissions,
            permissions_with_grant_options=grant.permissions_with_grant_option,
        )
        return grant

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "PrincipalPermissions",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "PrincipalPermissions":
        # Every property requires a replacement.
        original_resource.delete(account_id, region_name)
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        props = cloudformation_json.get("Properties") or {}
        if "Principal" in props and "Resource" in props:
            _backend(account_id, region_name).revoke_permissions(
                catalog_id=str(props.get("Catalog") or account_id),
                principal=props["Principal"],
                resource=props["Resource"],
                permissions_to_revoke=list(props.get("Permissions") or []),
                permissions_with_grant_options_to_revoke=list(props.get("PermissionsWithGrantOption") or []),
            )

    def delete(self, account_id: str, region_name: str) -> None:
        _backend(account_id, region_name).revoke_permissions(
            catalog_id=self.catalog_id,
            principal=self.principal,
            resource=self.resource,
            permissions_to_revoke=self.permissions,
            permissions_with_grant_options_to_revoke=self.permissions_with_grant_option,
        )


class LakeFormationResource(CloudFormationModel):
    def __init__(self, resource_arn: str, account_id: str, region_name: str):
        self.resource_arn = resource_arn
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lakeformation-resource.html
        return "AWS::LakeFormation::Resource"

    @property
    def physical_resource_id(self) -> str:
        return self.resource_arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Id"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Id":
            return self.resource_arn
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "LakeFormationResource":
        props = cloudformation_json["Properties"]
        role_arn = props.get("RoleArn")
        if not role_arn and ensure_boolean(props.get("UseServiceLinkedRole", False)):
            # The role RegisterResource records when told to use the service-linked role.
            role_arn = (
                f"arn:{get_partition(region_name)}:iam::{account_id}:role/aws-service-role/"
                "lakeformation.amazonaws.com/AWSServiceRoleForLakeFormationDataAccess"
            )
        # HybridAccessEnabled and WithFederation: moto's RegisterResource does not keep them.
        _backend(account_id, region_name).register_resource(props["ResourceArn"], role_arn)
        return cls(props["ResourceArn"], account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "LakeFormationResource",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "LakeFormationResource":
        # moto has no UpdateResource: register it again.
        original_resource.delete(account_id, region_name)
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        try:
            _backend(account_id, region_name).deregister_resource(resource_name)
        except EntityNotFound:
            pass

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.resource_arn, {}, account_id, region_name)
