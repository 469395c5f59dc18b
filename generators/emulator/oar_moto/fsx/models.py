"""AWS::FSx::FileSystem, created through moto's FSx backend (create_file_system), which has no
CloudFormation model of its own."""

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.fsx.models import fsx_backends

_INTEGERS = {
    "AutomaticBackupRetentionDays",
    "ThroughputCapacity",
    "StorageCapacity",
    "Iops",
}


def _typed(value: Any) -> Any:
    """CloudFormation JSON (numbers may be strings, booleans "true"/"false") as the API's JSON."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            if k in _INTEGERS and isinstance(v, str) and v.isdigit():
                out[k] = int(v)
            elif isinstance(v, str) and v.lower() in ("true", "false"):
                out[k] = v.lower() == "true"
            else:
                out[k] = _typed(v)
        return out
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return value


class FileSystem(CloudFormationModel):
    """An FSx file system of any type. moto has no UpdateFileSystem, so a changed file system is replaced."""

    def __init__(self, file_system_id: str, account_id: str, region_name: str):
        self.file_system_id = file_system_id
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-fsx-filesystem.html
        return "AWS::FSx::FileSystem"

    @property
    def physical_resource_id(self) -> str:
        # Ref returns the file system id, such as fs-01234567890123456.
        return self.file_system_id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["DNSName", "LustreMountName", "ResourceARN", "RootVolumeId"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        fs = fsx_backends[self.account_id][self.region_name].file_systems[self.file_system_id]
        if attribute_name == "DNSName":
            return fs.dns_name
        if attribute_name == "ResourceARN":
            return fs.resource_arn
        if attribute_name == "LustreMountName":
            return (fs.lustre_configuration or {}).get("MountName", "")
        if attribute_name == "RootVolumeId":
            return (fs.open_zfs_configuration or {}).get("RootVolumeId", "")
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "FileSystem":
        props = cloudformation_json["Properties"]
        fs = fsx_backends[account_id][region_name].create_file_system(
            client_request_token=resource_name,
            file_system_type=props["FileSystemType"],
            storage_capacity=int(props["StorageCapacity"]) if "StorageCapacity" in props else 0,
            storage_type=props.get("StorageType", "SSD"),
            subnet_ids=list(props["SubnetIds"]),
            security_group_ids=list(props.get("SecurityGroupIds") or []),
            tags=[{"Key": t["Key"], "Value": str(t["Value"])} for t in props.get("Tags") or []],
            kms_key_id=props.get("KmsKeyId"),
            windows_configuration=_typed(props.get("WindowsConfiguration")),
            lustre_configuration=_typed(props.get("LustreConfiguration")),
            ontap_configuration=_typed(props.get("OntapConfiguration")),
            file_system_type_version=props.get("FileSystemTypeVersion"),
            open_zfs_configuration=_typed(props.get("OpenZFSConfiguration")),
        )
        return cls(fs.file_system_id, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "FileSystem",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "FileSystem":
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
        backend = fsx_backends[account_id][region_name]
        if self.file_system_id in backend.file_systems:
            backend.delete_file_system(self.file_system_id, "", None, None, None)
