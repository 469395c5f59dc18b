"""AWS::AutoScaling::ScalingPolicy, created through moto's Auto Scaling backend (put_scaling_policy),
and moto's AWS::AutoScaling::AutoScalingGroup model with what it lacks for CloudFormation."""

import copy
from typing import Any

from moto.autoscaling.models import (
    AutoScalingBackend,
    FakeAutoScalingGroup,
    FakeScalingPolicy,
    autoscaling_backends,
)
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel

# Properties that are numbers in the API; CloudFormation may pass them as strings.
_INTEGERS = {"ScalingAdjustment", "MinAdjustmentMagnitude", "Cooldown", "EstimatedInstanceWarmup", "Period"}
_FLOATS = {"TargetValue", "MetricIntervalLowerBound", "MetricIntervalUpperBound"}
_BOOLEANS = {"DisableScaleIn", "ReturnData", "PropagateAtLaunch"}

# What EnableMetricsCollection enables when it names no metrics ("all metrics"):
# https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_EnableMetricsCollection.html
ALL_GROUP_METRICS = [
    "GroupMinSize",
    "GroupMaxSize",
    "GroupDesiredCapacity",
    "GroupInServiceInstances",
    "GroupPendingInstances",
    "GroupStandbyInstances",
    "GroupTerminatingInstances",
    "GroupTotalInstances",
    "GroupInServiceCapacity",
    "GroupPendingCapacity",
    "GroupStandbyCapacity",
    "GroupTerminatingCapacity",
    "GroupTotalCapacity",
    "WarmPoolDesiredCapacity",
    "WarmPoolWarmedCapacity",
    "WarmPoolPendingCapacity",
    "WarmPoolTerminatingCapacity",
    "WarmPoolTotalCapacity",
    "GroupAndWarmPoolDesiredCapacity",
    "GroupAndWarmPoolTotalCapacity",
]


def _typed(value: Any, key: str = "") -> Any:
    """A CloudFormation property value with the API's number and boolean types."""
    if isinstance(value, dict):
        return {k: _typed(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v, key) for v in value]
    if value is None:
        return None
    if key in _INTEGERS:
        return int(value)
    if key in _FLOATS:
        return float(value)
    if key in _BOOLEANS:
        return str(value).lower() == "true"
    return value


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _mixed_instances_policy(policy: dict[str, Any] | None) -> dict[str, Any] | None:
    """MixedInstancesPolicy with the API's types: WeightedCapacity is a string (moto calls
    str.isdigit on it), the distribution's counts and percentages are numbers."""
    if not policy:
        return None
    policy = copy.deepcopy(policy)
    for override in policy.get("LaunchTemplate", {}).get("Overrides", []):
        if "WeightedCapacity" in override:
            override["WeightedCapacity"] = str(override["WeightedCapacity"])
    distribution = policy.get("InstancesDistribution", {})
    for key in ("OnDemandBaseCapacity", "OnDemandPercentageAboveBaseCapacity", "SpotInstancePools"):
        if key in distribution:
            distribution[key] = int(distribution[key])
    return policy


def _backend(account_id: str, region_name: str) -> AutoScalingBackend:
    return autoscaling_backends[account_id][region_name]


class ScalingPolicy(CloudFormationModel):
    def __init__(self, policy: FakeScalingPolicy):
        self.policy = policy

    @staticmethod
    def cloudformation_name_type() -> str:
        # The type has no name property: CloudFormation names the policy after the stack and logical id.
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-autoscaling-scalingpolicy.html
        return "AWS::AutoScaling::ScalingPolicy"

    @property
    def physical_resource_id(self) -> str:
        return self.policy.arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Arn", "PolicyName"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Arn":
            return self.policy.arn
        if attribute_name == "PolicyName":
            return self.policy.name
        raise UnformattedGetAttTemplateException()

    @classmethod
    def _put(cls, name: str, props: dict[str, Any], account_id: str, region_name: str) -> "ScalingPolicy":
        props = _typed(props)
        policy = _backend(account_id, region_name).put_scaling_policy(
            name=name,
            policy_type=props.get("PolicyType", "SimpleScaling"),
            metric_aggregation_type=props.get("MetricAggregationType"),
            adjustment_type=props.get("AdjustmentType"),
            as_name=props["AutoScalingGroupName"],
            min_adjustment_magnitude=props.get("MinAdjustmentMagnitude"),
            scaling_adjustment=props.get("ScalingAdjustment"),
            cooldown=props.get("Cooldown"),
            target_tracking_config=props.get("TargetTrackingConfiguration", {}),
            step_adjustments=props.get("StepAdjustments", []),
            estimated_instance_warmup=props.get("EstimatedInstanceWarmup"),
            predictive_scaling_configuration=props.get("PredictiveScalingConfiguration", {}),
        )
        return cls(policy)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "ScalingPolicy":
        return cls._put(resource_name, cloudformation_json["Properties"], account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "ScalingPolicy",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "ScalingPolicy":
        # PutScalingPolicy on the same name updates the policy in place, in its group.
        props = cloudformation_json["Properties"]
        if props["AutoScalingGroupName"] != original_resource.policy.auto_scaling_group_name:
            original_resource.delete(account_id, region_name)
        return cls._put(original_resource.policy.name, props, account_id, region_name)

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        backend = _backend(account_id, region_name)
        for policy in list(backend.policies.values()):
            if policy.arn == resource_name:
                backend.delete_policy(policy.name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        # Already gone when its group was deleted first, as in AWS.
        if backend.policies.get(self.policy.name) is self.policy:
            backend.delete_policy(self.policy.name)


class AutoScalingGroup(FakeAutoScalingGroup, CloudFormationModel):
    """moto's model, which ignores LifecycleHookSpecificationList, MetricsCollection and
    CapacityRebalance, replaces the group on every update, and leaves the group's lifecycle hooks,
    scaling policies and scheduled actions in the backend when it deletes the group.

    The backend makes a FakeAutoScalingGroup; it is re-classed in place as this subclass, which adds
    only CloudFormation behaviour, so that the backend keeps serving the same object.
    Not stored by moto's backend, so ignored: MaxInstanceLifetime, DefaultInstanceWarmup,
    InstanceMaintenancePolicy, AvailabilityZoneDistribution, AvailabilityZoneImpairmentPolicy,
    NotificationConfigurations, and the lifecycle hooks' NotificationTargetARN, RoleARN and
    NotificationMetadata. moto has no instance refresh, so an AutoScalingInstanceRefresh update
    policy updates the group without replacing its instances.
    """

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "AutoScalingGroup":
        props = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        group = backend.create_auto_scaling_group(
            name=resource_name,
            availability_zones=props.get("AvailabilityZones", []),
            desired_capacity=props.get("DesiredCapacity"),
            max_size=props.get("MaxSize"),
            min_size=props.get("MinSize"),
            launch_config_name=props.get("LaunchConfigurationName"),  # type: ignore[arg-type]
            launch_template=props.get("LaunchTemplate", {}),
            vpc_zone_identifier=",".join(props.get("VPCZoneIdentifier", [])) or None,
            default_cooldown=_int(props.get("Cooldown")),
            health_check_period=props.get("HealthCheckGracePeriod"),
            health_check_type=props.get("HealthCheckType"),
            load_balancers=list(props.get("LoadBalancerNames", [])),
            target_group_arns=list(props.get("TargetGroupARNs", [])),
            placement_group=props.get("PlacementGroup"),
            termination_policies=props.get("TerminationPolicies", []),
            tags=_typed(props.get("Tags", [])),
            capacity_rebalance=str(props.get("CapacityRebalance", False)).lower() == "true",
            new_instances_protected_from_scale_in=str(props.get("NewInstancesProtectedFromScaleIn", False)).lower()
            == "true",
            mixed_instances_policy=_mixed_instances_policy(props.get("MixedInstancesPolicy")),
        )
        group.__class__ = cls
        assert isinstance(group, cls)
        group._put_hooks(props.get("LifecycleHookSpecificationList", []))
        group._put_metrics_collection(props.get("MetricsCollection", []))
        return group

    def _put_hooks(self, hooks: list[dict[str, Any]]) -> None:
        backend = self.autoscaling_backend
        wanted = {h["LifecycleHookName"] for h in hooks}
        for hook in backend.describe_lifecycle_hooks(self.name):
            if hook.name not in wanted:
                backend.delete_lifecycle_hook(self.name, hook.name)
        for hook in hooks:
            backend.create_lifecycle_hook(
                name=hook["LifecycleHookName"],
                as_name=self.name,
                transition=hook["LifecycleTransition"],
                timeout=_int(hook.get("HeartbeatTimeout")),
                result=hook.get("DefaultResult"),  # type: ignore[arg-type]
            )

    def _put_metrics_collection(self, collections: list[dict[str, Any]]) -> None:
        metrics: list[str] = []
        for collection in collections:
            metrics.extend(collection.get("Metrics") or ALL_GROUP_METRICS)
        self.autoscaling_backend.enable_metrics_collection(self.name, metrics)

    def _put_tags(self, tags: list[dict[str, Any]]) -> None:
        backend = self.autoscaling_backend
        keys = {t["Key"] for t in tags}
        gone = [t for t in self.tags if t["Key"] not in keys]
        if gone:
            backend.delete_tags([{"ResourceId": self.name, "Key": t["Key"]} for t in gone])
        for tag in _typed(tags):
            backend.create_or_update_tags([{**tag, "ResourceId": self.name, "ResourceType": "auto-scaling-group"}])

    def _put_target_groups(self, arns: list[str]) -> None:
        backend = self.autoscaling_backend
        gone = [arn for arn in self.target_group_arns if arn not in arns]
        if gone:
            backend.detach_load_balancer_target_groups(self.name, gone)
        backend.attach_load_balancer_target_groups(self.name, list(arns))

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: Any,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "AutoScalingGroup":
        props = cloudformation_json["Properties"]
        if new_resource_name != original_resource.name:  # a new name replaces the group
            new = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
            original_resource.delete(account_id, region_name)
            return new
        backend = _backend(account_id, region_name)
        group = backend.update_auto_scaling_group(
            name=original_resource.name,
            availability_zones=props.get("AvailabilityZones", []),
            desired_capacity=_int(props.get("DesiredCapacity")),
            max_size=_int(props.get("MaxSize")),
            min_size=_int(props.get("MinSize")),
            launch_config_name=props.get("LaunchConfigurationName"),  # type: ignore[arg-type]
            launch_template=props.get("LaunchTemplate", {}),
            vpc_zone_identifier=",".join(props.get("VPCZoneIdentifier", [])) or None,  # type: ignore[arg-type]
            health_check_period=_int(props.get("HealthCheckGracePeriod")),  # type: ignore[arg-type]
            health_check_type=props.get("HealthCheckType"),  # type: ignore[arg-type]
            new_instances_protected_from_scale_in=str(props.get("NewInstancesProtectedFromScaleIn", False)).lower()
            == "true",
            mixed_instances_policy=_mixed_instances_policy(props.get("MixedInstancesPolicy")),
        )
        group.__class__ = cls
        assert isinstance(group, cls)
        if "Cooldown" in props:
            group.default_cooldown = int(props["Cooldown"])
        group.capacity_rebalance = str(props.get("CapacityRebalance", False)).lower() == "true"
        group._put_tags(props.get("Tags", []))
        group._put_target_groups(props.get("TargetGroupARNs", []))
        group._put_hooks(props.get("LifecycleHookSpecificationList", []))
        group._put_metrics_collection(props.get("MetricsCollection", []))
        return group

    @staticmethod
    def _delete_group(backend: AutoScalingBackend, name: str) -> None:
        """DeleteAutoScalingGroup, which in AWS also deletes the group's lifecycle hooks, scaling
        policies, scheduled actions and warm pool (moto's backend call terminates the instances and
        removes only the group)."""
        if name not in backend.autoscaling_groups:
            return
        group = backend.autoscaling_groups[name]
        # moto's stack delete does not follow dependencies, so a target group may be gone already
        # (AWS would have refused to delete it while the group used it); moto's delete would then fail.
        group.target_group_arns = [arn for arn in group.target_group_arns if arn in backend.elbv2_backend.target_groups]
        for hook in backend.describe_lifecycle_hooks(name):
            backend.delete_lifecycle_hook(name, hook.name)
        for policy in backend.describe_policies(autoscaling_group_name=name):
            backend.delete_policy(policy.name)
        for action in backend.describe_scheduled_actions(autoscaling_group_name=name):
            backend.delete_scheduled_action(name, action.scheduled_action_name)
        backend.delete_auto_scaling_group(name)

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        cls._delete_group(_backend(account_id, region_name), resource_name)

    def delete(self, account_id: str, region_name: str) -> None:
        self._delete_group(_backend(account_id, region_name), self.name)
