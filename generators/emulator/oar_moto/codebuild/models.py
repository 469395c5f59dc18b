"""AWS::CodeBuild::Project, created through moto's CodeBuild backend (create_project)."""

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.codebuild.models import CodeBuildBackend, codebuild_backends
from moto.core.common_models import CloudFormationModel

# Keys whose API name is not the template's with a lower-case first letter.
_API_NAMES = {"BuildSpec": "buildspec"}
# Booleans and integers, which may arrive as strings.
_BOOLEANS = {
    "EncryptionDisabled",
    "FetchSubmodules",
    "InsecureSsl",
    "OverrideArtifactName",
    "PrivilegedMode",
    "ReportBuildStatus",
}
_INTEGERS = {"GitCloneDepth"}


def _backend(account_id: str, region_name: str) -> CodeBuildBackend:
    return codebuild_backends[account_id][region_name]


def _api(value: Any) -> Any:
    """A structure in the template's shape (PascalCase keys) in the API's (camelCase)."""
    if isinstance(value, list):
        return [_api(v) for v in value]
    if not isinstance(value, dict):
        return value
    shaped = {}
    for key, item in value.items():
        if key in _BOOLEANS:
            item = item if isinstance(item, bool) else str(item).lower() == "true"
        elif key in _INTEGERS:
            item = int(item)
        shaped[_API_NAMES.get(key, key[:1].lower() + key[1:])] = _api(item)
    return shaped


class Project(CloudFormationModel):
    def __init__(self, name: str, arn: str):
        self.name = name
        self.arn = arn

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-codebuild-project.html
        return "AWS::CodeBuild::Project"

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Arn"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Arn":
            return self.arn
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Project":
        props = cloudformation_json["Properties"]
        # Not stored, as moto's CreateProject takes none of them: EncryptionKey (moto answers
        # with the default, alias/aws/s3), SecondarySources, SecondaryArtifacts,
        # SecondarySourceVersions, Triggers, BadgeEnabled, ConcurrentBuildLimit, Visibility,
        # ResourceAccessRole, FileSystemLocations, BuildBatchConfig and AutoRetryLimit.
        metadata = _backend(account_id, region_name).create_project(
            project_name=resource_name,
            description=props.get("Description"),
            project_source=_api(props["Source"]),
            artifacts=_api(props["Artifacts"]),
            environment=_api(props["Environment"]),
            service_role=props["ServiceRole"],
            tags=_api(props.get("Tags")),
            cache=_api(props.get("Cache")),
            timeout=int(props.get("TimeoutInMinutes", 60)),
            queued_timeout=int(props.get("QueuedTimeoutInMinutes", 480)),
            source_version=props.get("SourceVersion"),
            logs_config=_api(props.get("LogsConfig")),
            vpc_config=_api(props.get("VpcConfig")),
        )
        return cls(resource_name, metadata["arn"])

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Project",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Project":
        # moto has no UpdateProject: the project is made again, under its name unless Name changed.
        name = cloudformation_json["Properties"].get("Name", original_resource.name)
        original_resource.delete(account_id, region_name)
        return cls.create_from_cloudformation_json(name, cloudformation_json, account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        _backend(account_id, region_name).delete_project(self.name)
