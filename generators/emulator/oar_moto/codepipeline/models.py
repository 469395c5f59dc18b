"""AWS::CodePipeline::Pipeline, created through moto's CodePipeline backend (create_pipeline,
update_pipeline, delete_pipeline)."""

import json
from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.codepipeline.models import CodePipelineBackend, codepipeline_backends
from moto.core.common_models import CloudFormationModel
from moto.utilities.utils import get_partition


def _backend(account_id: str, region_name: str) -> CodePipelineBackend:
    return codepipeline_backends[account_id][region_name]


def _camel(value: Any) -> Any:
    """A structure in the template's shape (PascalCase keys) in the API's (camelCase), except
    an action's Configuration, whose keys are the action provider's and whose values the
    API holds as strings."""
    if isinstance(value, list):
        return [_camel(v) for v in value]
    if not isinstance(value, dict):
        return value
    shaped = {}
    for key, item in value.items():
        if key == "Configuration":
            shaped["configuration"] = {k: _text(v) for k, v in item.items()}
        elif key in ("RunOrder", "TimeoutInMinutes"):
            shaped[key[:1].lower() + key[1:]] = int(item)
        else:
            shaped[key[:1].lower() + key[1:]] = _camel(item)
    return shaped


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return str(value)


def _declaration(name: str, props: dict[str, Any]) -> dict[str, Any]:
    """The pipeline declaration CreatePipeline and UpdatePipeline take."""
    # RestartExecutionOnUpdate and DisableInboundStageTransitions are not applied: moto has no
    # pipeline executions or stage transitions.
    pipeline: dict[str, Any] = {"name": name, "roleArn": props["RoleArn"], "stages": _camel(props["Stages"])}
    if "ArtifactStore" in props:
        pipeline["artifactStore"] = _camel(props["ArtifactStore"])
    if "ArtifactStores" in props:
        pipeline["artifactStores"] = {s["Region"]: _camel(s["ArtifactStore"]) for s in props["ArtifactStores"]}
    for key in ("ExecutionMode", "PipelineType", "Variables", "Triggers"):
        if key in props:
            pipeline[key[:1].lower() + key[1:]] = _camel(props[key])
    return pipeline


def _tags(tags: list[dict[str, str]] | None) -> list[dict[str, str]]:
    return [{"key": t["Key"], "value": t["Value"]} for t in tags or []]


class Pipeline(CloudFormationModel):
    def __init__(self, name: str, account_id: str, region_name: str):
        self.name = name
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-codepipeline-pipeline.html
        return "AWS::CodePipeline::Pipeline"

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @property
    def arn(self) -> str:
        return f"arn:{get_partition(self.region_name)}:codepipeline:{self.region_name}:{self.account_id}:{self.name}"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Version", "Arn"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Version":
            pipeline, _ = _backend(self.account_id, self.region_name).get_pipeline(self.name)
            return str(pipeline["version"])
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
    ) -> "Pipeline":
        props = cloudformation_json["Properties"]
        _backend(account_id, region_name).create_pipeline(_declaration(resource_name, props), _tags(props.get("Tags")))
        return cls(resource_name, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Pipeline",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Pipeline":
        props = cloudformation_json["Properties"]
        name = props.get("Name", original_resource.name)
        if name != original_resource.name:
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(name, cloudformation_json, account_id, region_name)
        backend = _backend(account_id, region_name)
        backend.update_pipeline(_declaration(name, props))
        old = [t["key"] for t in backend.list_tags_for_resource(original_resource.arn)]
        backend.untag_resource(original_resource.arn, old)
        if props.get("Tags"):
            backend.tag_resource(original_resource.arn, _tags(props["Tags"]))
        return original_resource

    def delete(self, account_id: str, region_name: str) -> None:
        _backend(account_id, region_name).delete_pipeline(self.name)
