"""moto's AWS::ECS models (Cluster, TaskDefinition, Service) with what they lack for
CloudFormation.

moto's own models never delete (a destroyed stack left its cluster, service and task definition
ACTIVE), and pass moto's backend only a few properties: a cluster only its name, a task
definition only its family, containers, volumes and memory (not its CPU, network mode,
compatibilities or roles), a service only its cluster, name, count and task definition (not its
network configuration, load balancers, deployment configuration, launch type or tags).

The backend makes moto's objects; each is re-classed in place as the subclass here, which adds
only CloudFormation behaviour, so that the backend keeps serving the same object.
"""

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.core.utils import camelcase_to_underscores
from moto.ecs.exceptions import ClusterNotFoundException, ServiceNotFoundException
from moto.ecs.models import (
    Cluster as MotoCluster,
    EC2ContainerServiceBackend,
    Service as MotoService,
    TaskDefinition as MotoTaskDefinition,
    ecs_backends,
)

# Maps whose keys are the user's (log driver options, Docker labels), not property names.
_FREE_FORM = {"Options", "DockerLabels", "DriverOpts", "Labels"}
# Properties that are numbers or booleans in the API; CloudFormation may pass strings.
_INTEGERS = {
    "containerPort", "hostPort", "cpu", "memory", "memoryReservation", "startTimeout", "stopTimeout",
    "softLimit", "hardLimit", "interval", "timeout", "retries", "startPeriod", "size", "sharedMemorySize",
    "maxSwap", "swappiness", "maximumPercent", "minimumHealthyPercent", "weight", "base",
    "healthCheckGracePeriodSeconds", "sizeInGiB", "throughput", "iops",
}  # fmt: skip
_BOOLEANS = {
    "essential", "readOnly", "privileged", "readonlyRootFilesystem", "disableNetworking", "interactive",
    "pseudoTerminal", "initProcessEnabled", "enable", "rollback", "autoprovision", "encrypted",
    "enableECSManagedTags", "enableExecuteCommand",
}  # fmt: skip


def _backend(account_id: str, region_name: str) -> EC2ContainerServiceBackend:
    return ecs_backends[account_id][region_name]


def _api(value: Any, key: str = "") -> Any:
    """A CloudFormation property value in the API's shape: camelCase keys (except in the user's
    own maps), numbers and booleans as the API types them."""
    if isinstance(value, dict):
        if key in _FREE_FORM:
            return dict(value)
        out = {}
        for k, v in value.items():
            name = k[0].lower() + k[1:]
            out[name] = _api(v, k)
        return out
    if isinstance(value, list):
        return [_api(v, key) for v in value]
    name = key[:1].lower() + key[1:]
    if name in _INTEGERS and isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)
    if name in _BOOLEANS and isinstance(value, str):
        return value.lower() == "true"
    return value


def _tags(tags: list[dict[str, str]] | None) -> list[dict[str, str]]:
    return [{"key": t["Key"], "value": t["Value"]} for t in tags or []]


def _put_tags(backend: EC2ContainerServiceBackend, arn: str, current: list[dict[str, str]] | None, tags: list[dict[str, str]] | None) -> None:
    """Makes the resource's tags exactly the template's (TagResource, UntagResource)."""
    wanted = _tags(tags)
    gone = [t["key"] for t in current or [] if t["key"] not in {w["key"] for w in wanted}]
    if gone:
        backend.untag_resource(arn, gone)
    if wanted:
        backend.tag_resource(arn, wanted)


class Cluster(MotoCluster, CloudFormationModel):
    """moto's model, which ignores every property but ClusterName and never deletes.
    ServiceConnectDefaults is stored, as moto's backend stores it."""

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Cluster":
        props = cloudformation_json["Properties"]
        cluster = _backend(account_id, region_name).create_cluster(
            cluster_name=resource_name,
            tags=_tags(props.get("Tags")) or None,
            cluster_settings=_api(props.get("ClusterSettings")),
            configuration=_api(props.get("Configuration")),
            capacity_providers=props.get("CapacityProviders"),
            default_capacity_provider_strategy=_api(props.get("DefaultCapacityProviderStrategy")),
            service_connect_defaults=_api(props.get("ServiceConnectDefaults")),
        )
        cluster.__class__ = cls
        assert isinstance(cluster, cls)
        return cluster

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Cluster",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Cluster":
        props = cloudformation_json["Properties"]
        old = original_resource
        if "ClusterName" in props and props["ClusterName"] != old.name:  # a new name replaces it
            new = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
            old.delete(account_id, region_name)
            return new
        backend = _backend(account_id, region_name)
        backend.update_cluster(
            old.name,
            cluster_settings=_api(props.get("ClusterSettings")) or [{"name": "containerInsights", "value": "disabled"}],
            configuration=_api(props.get("Configuration")),
            service_connect_defaults=_api(props.get("ServiceConnectDefaults")),
        )
        backend.put_cluster_capacity_providers(
            old.name, props.get("CapacityProviders", []), _api(props.get("DefaultCapacityProviderStrategy", []))
        )
        _put_tags(backend, old.arn, old.tags, props.get("Tags"))
        return old

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Arn"]

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        # DeleteCluster: the cluster stays listed as INACTIVE, as in ECS.
        try:
            _backend(account_id, region_name).delete_cluster(resource_name)
        except ClusterNotFoundException:
            pass

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.name, {}, account_id, region_name)


class TaskDefinition(MotoTaskDefinition, CloudFormationModel):
    """moto's model, which registers only the family, containers, volumes and memory, picks a
    random family when the template gives none, and never deregisters. A task definition
    revision cannot change: an update registers a new revision and deregisters the old one.
    Not stored by moto's backend, so ignored: EnableFaultInjection."""

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "TaskDefinition":
        props = cloudformation_json["Properties"]
        definition = _backend(account_id, region_name).register_task_definition(
            # Without a Family, CloudFormation names it after the stack and logical id. (moto reads
            # a type's name property from its first model, moto's own, which has none.)
            family=props.get("Family", resource_name),
            container_definitions=_api(props.get("ContainerDefinitions", [])),
            volumes=_api(props.get("Volumes")),
            network_mode=props.get("NetworkMode"),
            tags=_tags(props.get("Tags")) or None,
            placement_constraints=_api(props.get("PlacementConstraints")),
            requires_compatibilities=props.get("RequiresCompatibilities"),
            cpu=None if props.get("Cpu") is None else str(props["Cpu"]),
            memory=None if props.get("Memory") is None else str(props["Memory"]),
            task_role_arn=props.get("TaskRoleArn"),
            execution_role_arn=props.get("ExecutionRoleArn"),
            proxy_configuration=_api(props.get("ProxyConfiguration")),
            inference_accelerators=_api(props.get("InferenceAccelerators")),
            runtime_platform=_api(props.get("RuntimePlatform")),
            ipc_mode=props.get("IpcMode"),
            pid_mode=props.get("PidMode"),
            ephemeral_storage=_api(props.get("EphemeralStorage")),
        )
        definition.__class__ = cls
        assert isinstance(definition, cls)
        return definition

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "TaskDefinition",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "TaskDefinition":
        family = cloudformation_json["Properties"].get("Family", original_resource.family)
        new = cls.create_from_cloudformation_json(family, cloudformation_json, account_id, region_name)
        original_resource.delete(account_id, region_name)
        return new

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["TaskDefinitionArn"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "TaskDefinitionArn":
            return self.arn
        raise UnformattedGetAttTemplateException()

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        # DeregisterTaskDefinition: the revision stays listed as INACTIVE, as in ECS.
        _backend(account_id, region_name).deregister_task_definition(resource_name)

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.arn, {}, account_id, region_name)


class Service(MotoService, CloudFormationModel):
    """moto's model, which passes moto's backend only the cluster, name, count and task
    definition, and never deletes. What CreateService in moto's backend does not take
    (deployment configuration, execute command, health check grace period, managed tags,
    zone rebalancing, placement, capacity provider strategy) is applied right after through
    moto's UpdateService, as an UpdateService call would. CloudFormation returns once the service
    is stable, so the service reports its desired count running.
    Not stored by moto's backend, so ignored: ServiceConnectConfiguration, VolumeConfigurations,
    VpcLatticeConfigurations, ForceNewDeployment."""

    # Properties that UpdateService sets, by their API name; moto's backend keeps each as an
    # attribute named as the API handler names it (camelcase_to_underscores).
    _SET_AFTER_CREATE = {
        "DeploymentConfiguration": "deploymentConfiguration",
        "EnableExecuteCommand": "enableExecuteCommand",
        "HealthCheckGracePeriodSeconds": "healthCheckGracePeriodSeconds",
        "EnableECSManagedTags": "enableECSManagedTags",
        "AvailabilityZoneRebalancing": "availabilityZoneRebalancing",
        "CapacityProviderStrategy": "capacityProviderStrategy",
        "PlacementConstraints": "placementConstraints",
        "PlacementStrategies": "placementStrategy",
    }
    # Properties that CreateService takes and UpdateService changes.
    _SET_AT_CREATE = {
        "PlatformVersion": "platformVersion",
        "PropagateTags": "propagateTags",
        "LoadBalancers": "loadBalancers",
        "ServiceRegistries": "serviceRegistries",
    }

    @staticmethod
    def _cluster(props: dict[str, Any]) -> str:
        return str(props.get("Cluster", "default")).split("/")[-1]

    @staticmethod
    def _update_args(props: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
        return {camelcase_to_underscores(api): _api(props[prop], prop) for prop, api in names.items() if prop in props}

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Service":
        props = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        scheduling = props.get("SchedulingStrategy", "REPLICA")
        # "For new services, if a desired count is not specified, a default value of 1 is used."
        desired = int(props.get("DesiredCount", 1 if scheduling == "REPLICA" else 0))
        service = backend.create_service(
            cls._cluster(props),
            resource_name,
            desired,
            task_definition_str=props.get("TaskDefinition"),
            load_balancers=_api(props.get("LoadBalancers")),
            scheduling_strategy=scheduling,
            tags=_tags(props.get("Tags")) or None,
            deployment_controller=_api(props.get("DeploymentController")),
            launch_type=props.get("LaunchType"),
            service_registries=_api(props.get("ServiceRegistries")),
            platform_version=props.get("PlatformVersion"),
            propagate_tags=props.get("PropagateTags", "NONE"),
            network_configuration=cls._network(props),
            role_arn=props.get("Role"),
        )
        service.__class__ = cls
        assert isinstance(service, cls)
        backend.update_service(
            {
                "cluster": service.cluster_name,
                "service": service.name,
                "desired_count": desired,
                **cls._update_args(props, cls._SET_AFTER_CREATE),
            }
        )
        return service

    @staticmethod
    def _network(props: dict[str, Any]) -> dict[str, Any] | None:
        network = _api(props.get("NetworkConfiguration"))
        if network and "awsvpcConfiguration" in network:
            network["awsvpcConfiguration"].setdefault("securityGroups", [])
        return network

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Service",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Service":
        props = cloudformation_json["Properties"]
        old = original_resource
        # These cannot change in place: CloudFormation replaces the service.
        if (
            cls._cluster(props) != old.cluster_name
            or ("ServiceName" in props and props["ServiceName"] != old.name)
            or props.get("SchedulingStrategy", "REPLICA") != old.scheduling_strategy
            or _api(props.get("DeploymentController", {"Type": "ECS"})) != old.deployment_controller
            or props.get("Role") != old.role_arn
        ):
            new = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
            old.delete(account_id, region_name)
            return new
        backend = _backend(account_id, region_name)
        args = cls._update_args(props, {**cls._SET_AFTER_CREATE, **cls._SET_AT_CREATE})
        if "NetworkConfiguration" in props:
            args["network_configuration"] = cls._network(props)
        backend.update_service(
            {
                "cluster": old.cluster_name,
                "service": old.name,
                "task_definition": props.get("TaskDefinition"),
                "desired_count": _desired(props, old),
                "launch_type": props.get("LaunchType"),
                **args,
            }
        )
        _put_tags(backend, old.arn, old.tags, props.get("Tags"))
        return old

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Name", "ServiceArn"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Name":
            return self.name
        if attribute_name == "ServiceArn":
            return self.arn
        raise UnformattedGetAttTemplateException()

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        props = cloudformation_json.get("Properties", {})
        try:
            _backend(account_id, region_name).delete_service(cls._cluster(props), resource_name, force=True)
        except (ClusterNotFoundException, ServiceNotFoundException):
            pass

    def delete(self, account_id: str, region_name: str) -> None:
        # DeleteService with force: the service stays listed as INACTIVE, as in ECS.
        try:
            _backend(account_id, region_name).delete_service(self.cluster_name, self.name, force=True)
        except (ClusterNotFoundException, ServiceNotFoundException):
            pass


def _desired(props: dict[str, Any], service: MotoService) -> int | None:
    # Without DesiredCount, an update keeps the service's count (Application Auto Scaling may
    # have changed it), as CloudFormation does.
    return int(props["DesiredCount"]) if "DesiredCount" in props else service.desired_count
