"""AWS::SageMaker::Pipeline and AWS::SageMaker::ModelPackageGroup, created through moto's SageMaker backend, and
moto's Endpoint, EndpointConfig and Model taking the names the template gives them.

moto's backend creates, describes and lists model package groups but cannot delete them: DeleteModelPackageGroup is
added to the backend here (and to the API in responses.py) as moto would write it. Ref returns what CloudFormation
returns: the pipeline's name and the model package group's ARN. A pipeline has no Fn::GetAtt attributes; a model
package group has ModelPackageGroupArn, CreationTime and ModelPackageGroupStatus.
"""

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.sagemaker.exceptions import ValidationError
from moto.sagemaker.models import FakeEndpoint as MotoEndpoint
from moto.sagemaker.models import FakeEndpointConfig as MotoEndpointConfig
from moto.sagemaker.models import FakePipeline, ModelPackageGroup, SageMakerModelBackend, sagemaker_backends
from moto.sagemaker.models import Model as MotoModel
from moto.sagemaker.utils import arn_formatter


class SageMakerModelBackendAdditions:
    model_package_groups: dict[str, ModelPackageGroup]
    region_name: str
    account_id: str

    def delete_model_package_group(self, model_package_group_name: str) -> None:
        if model_package_group_name not in self.model_package_groups:
            arn = arn_formatter("model-package-group", model_package_group_name, self.account_id, self.region_name)
            raise ValidationError(f"ModelPackageGroup {arn} does not exist.")
        del self.model_package_groups[model_package_group_name]


def _add_to_backend() -> None:
    if getattr(SageMakerModelBackend, "_oar_additions", False):
        return
    for name, member in vars(SageMakerModelBackendAdditions).items():
        if callable(member) and not (name.startswith("__") and name.endswith("__")):
            setattr(SageMakerModelBackend, name, member)
    SageMakerModelBackend._oar_additions = True  # type: ignore[attr-defined]


_add_to_backend()


def _backend(account_id: str, region_name: str) -> SageMakerModelBackend:
    return sagemaker_backends[account_id][region_name]


def _tags(props: dict[str, Any]) -> list[dict[str, str]]:
    return [{"Key": t["Key"], "Value": t["Value"]} for t in props.get("Tags") or []]


# --- Names moto ignores ------------------------------------------------------------------------------------------
# moto's Endpoint, EndpointConfig and Model name the resource after the logical id even when the template names it
# (their cloudformation_name_type is empty, and moto's parser asks the first model of a type for it).


def _named(prop: str, resource_name: str, cloudformation_json: dict[str, Any]) -> str:
    return (cloudformation_json.get("Properties") or {}).get(prop) or resource_name


class Endpoint(MotoEndpoint, CloudFormationModel):
    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> MotoEndpoint:
        name = _named("EndpointName", resource_name, cloudformation_json)
        return MotoEndpoint.create_from_cloudformation_json(name, cloudformation_json, account_id, region_name, **kwargs)


class EndpointConfig(MotoEndpointConfig, CloudFormationModel):
    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> MotoEndpointConfig:
        name = _named("EndpointConfigName", resource_name, cloudformation_json)
        return MotoEndpointConfig.create_from_cloudformation_json(name, cloudformation_json, account_id, region_name, **kwargs)


class Model(MotoModel, CloudFormationModel):
    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> MotoModel:
        name = _named("ModelName", resource_name, cloudformation_json)
        return MotoModel.create_from_cloudformation_json(name, cloudformation_json, account_id, region_name, **kwargs)


# --- Pipeline -----------------------------------------------------------------------------------------------------


def _definition(props: dict[str, Any]) -> dict[str, Any]:
    """CloudFormation's PipelineDefinition as CreatePipeline's two arguments."""
    d = props["PipelineDefinition"]
    s3 = d.get("PipelineDefinitionS3Location")
    return {
        "pipeline_definition": d.get("PipelineDefinitionBody"),
        "pipeline_definition_s3_location": {k: v for k, v in s3.items()} if s3 else None,
    }


def _parallelism(props: dict[str, Any]) -> dict[str, int] | None:
    p = props.get("ParallelismConfiguration")
    return {"MaxParallelExecutionSteps": int(p["MaxParallelExecutionSteps"])} if p else None


class Pipeline(CloudFormationModel):
    def __init__(self, pipeline: FakePipeline):
        self.pipeline = pipeline

    @staticmethod
    def cloudformation_name_type() -> str:
        return "PipelineName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sagemaker-pipeline.html
        return "AWS::SageMaker::Pipeline"

    @property
    def physical_resource_id(self) -> str:
        return self.pipeline.pipeline_name

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False

    def get_cfn_attribute(self, attribute_name: str) -> Any:
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
        pipeline = _backend(account_id, region_name).create_pipeline(
            pipeline_name=props.get("PipelineName", resource_name),
            pipeline_display_name=props.get("PipelineDisplayName"),
            pipeline_description=props.get("PipelineDescription"),
            role_arn=props["RoleArn"],
            tags=_tags(props),
            parallelism_configuration=_parallelism(props),  # type: ignore[arg-type]
            **_definition(props),
        )
        return cls(pipeline)

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
        name = original_resource.pipeline.pipeline_name
        if props.get("PipelineName", name) != name:
            # PipelineName requires replacement.
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        _backend(account_id, region_name).update_pipeline(
            pipeline_name=name,
            pipeline_display_name=props.get("PipelineDisplayName"),
            pipeline_description=props.get("PipelineDescription"),
            role_arn=props["RoleArn"],
            parallelism_configuration=_parallelism(props),
            **_definition(props),
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
        backend = _backend(account_id, region_name)
        if resource_name in backend.pipelines:
            backend.delete_pipeline(resource_name)

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.physical_resource_id, {}, account_id, region_name)


# --- Model package group ------------------------------------------------------------------------------------------


class CfnModelPackageGroup(CloudFormationModel):
    def __init__(self, group: ModelPackageGroup):
        self.group = group

    @staticmethod
    def cloudformation_name_type() -> str:
        return "ModelPackageGroupName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sagemaker-modelpackagegroup.html
        return "AWS::SageMaker::ModelPackageGroup"

    @property
    def physical_resource_id(self) -> str:
        return self.group.arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["ModelPackageGroupArn", "CreationTime", "ModelPackageGroupStatus"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        values = {
            "ModelPackageGroupArn": self.group.arn,
            "CreationTime": self.group.creation_time.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            "ModelPackageGroupStatus": self.group.model_package_group_status,
        }
        if attribute_name in values:
            return values[attribute_name]
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "CfnModelPackageGroup":
        props = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        name = props.get("ModelPackageGroupName", resource_name)
        backend.create_model_package_group(
            model_package_group_name=name,
            model_package_group_description=props.get("ModelPackageGroupDescription"),  # type: ignore[arg-type]
            tags=_tags(props),
        )
        # ModelPackageGroupPolicy is not applied: moto has no PutModelPackageGroupPolicy.
        return cls(backend.describe_model_package_group(name))

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "CfnModelPackageGroup",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "CfnModelPackageGroup":
        props = cloudformation_json["Properties"]
        group = original_resource.group
        if (
            props.get("ModelPackageGroupName", group.model_package_group_name) != group.model_package_group_name
            or props.get("ModelPackageGroupDescription") != group.model_package_group_description
        ):
            # The name and the description require replacement.
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        group.tags = _tags(props)
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
        name = resource_name.split("/")[-1]
        if name in backend.model_package_groups:
            backend.delete_model_package_group(name)

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.physical_resource_id, {}, account_id, region_name)


from . import responses  # noqa: E402, F401
