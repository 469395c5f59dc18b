"""AWS::DirectoryService::MicrosoftAD, created through moto's Directory Service backend
(create_microsoft_ad), which has no CloudFormation model of its own."""

import json
import re
from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.ds.models import ds_backends
from moto.secretsmanager.models import secretsmanager_backends

_SECRET_REFERENCE = re.compile(
    r"^\{\{resolve:secretsmanager:(?P<id>.+?)(?::SecretString(?::(?P<key>[^:]*))?(?::(?P<stage>[^:]*))?(?::(?P<version>[^:]*))?)?\}\}$"
)


def resolve_secret(value: str, account_id: str, region_name: str) -> str:
    """A ``{{resolve:secretsmanager:…}}`` dynamic reference as CloudFormation resolves it before it calls the
    service (the secret's SecretString, or one JSON key of it); any other value as it is."""
    match = _SECRET_REFERENCE.match(value)
    if not match:
        return value
    secret = secretsmanager_backends[account_id][region_name].get_secret_value(
        secret_id=match["id"], version_id=match["version"] or None, version_stage=match["stage"] or None
    )
    text = secret["SecretString"] if isinstance(secret, dict) else secret.secret_string  # type: ignore[union-attr]
    return str(json.loads(text)[match["key"]]) if match["key"] else text


class MicrosoftAD(CloudFormationModel):
    """An AWS Managed Microsoft AD directory. Every property but CreateAlias and EnableSso needs replacement
    in CloudFormation, and moto has no update for those two either, so a changed directory is replaced."""

    def __init__(self, directory_id: str, account_id: str, region_name: str):
        self.directory_id = directory_id
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-directoryservice-microsoftad.html
        return "AWS::DirectoryService::MicrosoftAD"

    @property
    def physical_resource_id(self) -> str:
        # Ref returns the directory id, such as d-1234567890.
        return self.directory_id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Alias", "DnsIpAddresses"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        directory = ds_backends[self.account_id][self.region_name].directories[self.directory_id]
        if attribute_name == "Alias":
            return directory.alias
        if attribute_name == "DnsIpAddresses":
            return list(directory.dns_ip_addrs)
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "MicrosoftAD":
        props = cloudformation_json["Properties"]
        backend = ds_backends[account_id][region_name]
        vpc = props["VpcSettings"]
        directory_id = backend.create_microsoft_ad(
            region=region_name,
            name=props["Name"],
            short_name=props.get("ShortName") or props["Name"].split(".")[0].upper(),
            password=resolve_secret(str(props["Password"]), account_id, region_name),
            description=props.get("Description"),  # type: ignore[arg-type]
            vpc_settings={"VpcId": vpc["VpcId"], "SubnetIds": list(vpc["SubnetIds"])},
            edition=props.get("Edition", "Enterprise"),
            tags=[],
        )
        # Not applied: CreateAlias, EnableSso and FipsEnabled.
        return cls(directory_id, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "MicrosoftAD",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "MicrosoftAD":
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
        cls(resource_name, account_id, region_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = ds_backends[account_id][region_name]
        if self.directory_id in backend.directories:
            backend.delete_directory(self.directory_id)
