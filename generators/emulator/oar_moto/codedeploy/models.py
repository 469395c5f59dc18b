"""AWS::CodeDeploy::Application and AWS::CodeDeploy::DeploymentGroup, created through moto's
CodeDeploy backend (create_application, create_deployment_group).

moto 5.2.1's backend has no DeleteApplication, DeleteDeploymentGroup or
UpdateDeploymentGroup: deleting removes from the backend what those calls would remove,
and an update makes the group again under its name.
"""

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.codedeploy.models import CodeDeployBackend, codedeploy_backends
from moto.core.common_models import CloudFormationModel
from moto.utilities.utils import get_partition


def _backend(account_id: str, region_name: str) -> CodeDeployBackend:
    return codedeploy_backends[account_id][region_name]


def _bool(value: Any) -> bool:
    """A CloudFormation boolean, which may arrive as a string."""
    return value if isinstance(value, bool) else str(value).lower() == "true"


def _camel(value: Any) -> Any:
    """A structure in the template's shape (PascalCase keys) in the API's (camelCase)."""
    if isinstance(value, dict):
        return {k[:1].lower() + k[1:]: _camel(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_camel(v) for v in value]
    return value


def _tag_set(tag_set: dict[str, Any] | None, groups: str, group: str) -> dict[str, Any] | None:
    """Ec2TagSet / OnPremisesTagSet: a list of groups, each a list of tag filters (whose keys
    Key, Value and Type are the same in the API)."""
    if tag_set is None:
        return None
    key = groups[:1].lower() + groups[1:]
    return {key: [g.get(group, []) for g in tag_set.get(groups, [])]}


def _application_arn(account_id: str, region_name: str, name: str) -> str:
    return f"arn:{get_partition(region_name)}:codedeploy:{region_name}:{account_id}:application:{name}"


class Application(CloudFormationModel):
    def __init__(self, name: str):
        self.name = name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "ApplicationName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-codedeploy-application.html
        return "AWS::CodeDeploy::Application"

    @property
    def physical_resource_id(self) -> str:
        return self.name

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
    ) -> "Application":
        props = cloudformation_json["Properties"]
        _backend(account_id, region_name).create_application(
            resource_name, props.get("ComputePlatform", "Server"), props.get("Tags", [])
        )
        return cls(resource_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Application",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Application":
        props = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        app = backend.get_application(original_resource.name)
        name = props.get("ApplicationName", original_resource.name)
        if (name, props.get("ComputePlatform", "Server")) != (app.application_name, app.compute_platform):
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(name, cloudformation_json, account_id, region_name)
        arn = _application_arn(account_id, region_name, name)
        old = [t["Key"] for t in backend.list_tags_for_resource(arn).get("Tags", [])]
        backend.untag_resource(arn, old)
        backend.tag_resource(arn, props.get("Tags", []))
        return original_resource

    def delete(self, account_id: str, region_name: str) -> None:
        # What DeleteApplication does, which moto lacks: the application goes, with its
        # deployment groups and its tags.
        backend = _backend(account_id, region_name)
        backend.applications.pop(self.name, None)
        backend.deployment_groups.pop(self.name, None)
        backend.tagger.delete_all_tags_for_resource(_application_arn(account_id, region_name, self.name))


class DeploymentGroup(CloudFormationModel):
    def __init__(self, application_name: str, name: str):
        self.application_name = application_name
        self.name = name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "DeploymentGroupName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-codedeploy-deploymentgroup.html
        return "AWS::CodeDeploy::DeploymentGroup"

    @property
    def physical_resource_id(self) -> str:
        return self.name

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
    ) -> "DeploymentGroup":
        props = cloudformation_json["Properties"]
        alarms = props.get("AlarmConfiguration")
        rollback = props.get("AutoRollbackConfiguration")
        # Deployment (a first deployment of a revision) is not started.
        _backend(account_id, region_name).create_deployment_group(
            application_name=props["ApplicationName"],
            deployment_group_name=resource_name,
            deployment_config_name=props.get("DeploymentConfigName"),
            ec2_tag_filters=props.get("Ec2TagFilters"),
            on_premises_instance_tag_filters=props.get("OnPremisesInstanceTagFilters"),
            auto_scaling_groups=props.get("AutoScalingGroups"),
            service_role_arn=props["ServiceRoleArn"],
            trigger_configurations=_camel(props.get("TriggerConfigurations")),
            alarm_configuration={  # type: ignore[arg-type]
                "alarms": [{"name": a["Name"]} for a in alarms.get("Alarms", [])],
                "enabled": _bool(alarms.get("Enabled", False)),
                "ignorePollAlarmFailure": _bool(alarms.get("IgnorePollAlarmFailure", False)),
            }
            if alarms
            else None,
            auto_rollback_configuration={"enabled": _bool(rollback.get("Enabled", False)), "events": rollback.get("Events", [])}
            if rollback
            else None,
            outdated_instances_strategy=props.get("OutdatedInstancesStrategy"),
            deployment_style=_camel(props.get("DeploymentStyle")),
            blue_green_deployment_configuration=_camel(props.get("BlueGreenDeploymentConfiguration")),
            load_balancer_info=_camel(props.get("LoadBalancerInfo")),
            ec2_tag_set=_tag_set(props.get("Ec2TagSet"), "Ec2TagSetList", "Ec2TagGroup"),
            ecs_services=_camel(props.get("ECSServices")),
            on_premises_tag_set=_tag_set(props.get("OnPremisesTagSet"), "OnPremisesTagSetList", "OnPremisesTagGroup"),
            tags=props.get("Tags"),
            termination_hook_enabled=_bool(props["TerminationHookEnabled"]) if "TerminationHookEnabled" in props else None,
        )
        return cls(props["ApplicationName"], resource_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "DeploymentGroup",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "DeploymentGroup":
        name = cloudformation_json["Properties"].get("DeploymentGroupName", original_resource.name)
        original_resource.delete(account_id, region_name)
        return cls.create_from_cloudformation_json(name, cloudformation_json, account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        # What DeleteDeploymentGroup does, which moto lacks.
        backend = _backend(account_id, region_name)
        backend.deployment_groups.get(self.application_name, {}).pop(self.name, None)
        arn = f"arn:{get_partition(region_name)}:codedeploy:{region_name}:{account_id}:deploymentgroup:{self.application_name}/{self.name}"
        backend.tagger.delete_all_tags_for_resource(arn)
