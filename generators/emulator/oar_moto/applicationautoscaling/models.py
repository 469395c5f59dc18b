"""AWS::ApplicationAutoScaling::ScalableTarget and ::ScalingPolicy, created through moto's
Application Auto Scaling backend (register_scalable_target, put_scheduled_action, put_scaling_policy)."""

from typing import Any

from moto.applicationautoscaling.models import (
    ApplicationAutoscalingBackend,
    FakeApplicationAutoscalingPolicy,
    FakeScalableTarget,
    applicationautoscaling_backends,
)
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel

# Properties that are numbers in the API; CloudFormation may pass them as strings.
_INTEGERS = {
    "ScaleInCooldown",
    "ScaleOutCooldown",
    "Cooldown",
    "MinAdjustmentMagnitude",
    "ScalingAdjustment",
    "MinCapacity",
    "MaxCapacity",
    "Period",
}
_FLOATS = {"TargetValue", "MetricIntervalLowerBound", "MetricIntervalUpperBound"}
_BOOLEANS = {
    "DisableScaleIn",
    "ReturnData",
    "DynamicScalingInSuspended",
    "DynamicScalingOutSuspended",
    "ScheduledScalingSuspended",
}


def _bool(value: Any) -> bool:
    return str(value).lower() == "true"


def _typed(value: Any, key: str = "") -> Any:
    """A CloudFormation property value with the API's number and boolean types."""
    if isinstance(value, dict):
        return {k: _typed(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v, key) for v in value]
    if key in _INTEGERS and value is not None:
        return int(value)
    if key in _FLOATS and value is not None:
        return float(value)
    if key in _BOOLEANS and value is not None:
        return _bool(value)
    return value


def _backend(account_id: str, region_name: str) -> ApplicationAutoscalingBackend:
    return applicationautoscaling_backends[account_id][region_name]


def _target_id(resource_id: str, dimension: str, namespace: str) -> str:
    # What CloudFormation returns for Ref, and what a ScalingPolicy's ScalingTargetId holds:
    # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-applicationautoscaling-scalabletarget.html#aws-resource-applicationautoscaling-scalabletarget-return-values
    return f"{resource_id}|{dimension}|{namespace}"


class ScalableTarget(CloudFormationModel):
    def __init__(self, target: FakeScalableTarget, account_id: str, region_name: str):
        self.target = target
        self.account_id = account_id
        self.region_name = region_name
        self.scheduled_action_names: list[str] = []

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-applicationautoscaling-scalabletarget.html
        return "AWS::ApplicationAutoScaling::ScalableTarget"

    @property
    def physical_resource_id(self) -> str:
        t = self.target
        return _target_id(t.resource_id, t.scalable_dimension, t.service_namespace)

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Id"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Id":
            return self.physical_resource_id
        raise UnformattedGetAttTemplateException()

    @classmethod
    def _register(
        cls, props: dict[str, Any], account_id: str, region_name: str, previous: "ScalableTarget | None" = None
    ) -> "ScalableTarget":
        backend = _backend(account_id, region_name)
        namespace, resource_id, dimension = props["ServiceNamespace"], props["ResourceId"], props["ScalableDimension"]
        target = backend.register_scalable_target(
            namespace,
            resource_id,
            dimension,
            min_capacity=int(props["MinCapacity"]),
            max_capacity=int(props["MaxCapacity"]),
            role_arn=props.get("RoleARN"),  # type: ignore[arg-type]
            suspended_state=_typed(props.get("SuspendedState")),
        )
        model = cls(target, account_id, region_name)
        for action in props.get("ScheduledActions", []):
            backend.put_scheduled_action(
                service_namespace=namespace,
                schedule=action["Schedule"],
                timezone=action.get("Timezone"),  # type: ignore[arg-type]
                scheduled_action_name=action["ScheduledActionName"],
                resource_id=resource_id,
                scalable_dimension=dimension,
                start_time=action.get("StartTime"),  # type: ignore[arg-type]
                end_time=action.get("EndTime"),  # type: ignore[arg-type]
                scalable_target_action=_typed(action.get("ScalableTargetAction")),
            )
            model.scheduled_action_names.append(action["ScheduledActionName"])
        if previous is not None:
            for name in set(previous.scheduled_action_names) - set(model.scheduled_action_names):
                backend.delete_scheduled_action(namespace, name, resource_id, dimension)
        return model

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "ScalableTarget":
        return cls._register(cloudformation_json["Properties"], account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "ScalableTarget",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "ScalableTarget":
        props = cloudformation_json["Properties"]
        t = original_resource.target
        same = (props["ResourceId"], props["ScalableDimension"], props["ServiceNamespace"]) == (
            t.resource_id,
            t.scalable_dimension,
            t.service_namespace,
        )
        if not same:  # these three identify the target: a change replaces it
            new = cls._register(props, account_id, region_name)
            original_resource.delete(account_id, region_name)
            return new
        return cls._register(props, account_id, region_name, previous=original_resource)

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        resource_id, dimension, namespace = resource_name.split("|")
        cls._deregister(namespace, resource_id, dimension, account_id, region_name)

    @staticmethod
    def _deregister(namespace: str, resource_id: str, dimension: str, account_id: str, region_name: str) -> None:
        """DeregisterScalableTarget, which in AWS also deletes the target's scaling policies and
        scheduled actions (moto's backend call removes only the target)."""
        backend = _backend(account_id, region_name)
        for policy in list(backend.policies.values()):
            if (policy.service_namespace, policy.resource_id, policy.scalable_dimension) == (namespace, resource_id, dimension):
                backend.delete_scaling_policy(policy.policy_name, namespace, resource_id, dimension)
        for action in backend.describe_scheduled_actions([], namespace, resource_id, dimension):  # type: ignore[arg-type]
            backend.delete_scheduled_action(namespace, action.scheduled_action_name, resource_id, dimension)
        if backend._scalable_target_exists(resource_id, dimension):  # noqa: SLF001
            backend.deregister_scalable_target(namespace, resource_id, dimension)

    def delete(self, account_id: str, region_name: str) -> None:
        t = self.target
        self._deregister(t.service_namespace, t.resource_id, t.scalable_dimension, account_id, region_name)


class ScalingPolicy(CloudFormationModel):
    def __init__(self, policy: FakeApplicationAutoscalingPolicy, account_id: str, region_name: str):
        self.policy = policy
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "PolicyName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-applicationautoscaling-scalingpolicy.html
        return "AWS::ApplicationAutoScaling::ScalingPolicy"

    @property
    def physical_resource_id(self) -> str:
        return self.policy.policy_arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Arn"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Arn":
            return self.policy.policy_arn
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _target_of(props: dict[str, Any]) -> tuple[str, str, str]:
        """(namespace, resource id, dimension): from ScalingTargetId, a ScalableTarget's Ref, or
        from ResourceId, ScalableDimension and ServiceNamespace."""
        if props.get("ScalingTargetId"):
            resource_id, dimension, namespace = str(props["ScalingTargetId"]).split("|")
            return namespace, resource_id, dimension
        return props["ServiceNamespace"], props["ResourceId"], props["ScalableDimension"]

    @classmethod
    def _put(cls, name: str, props: dict[str, Any], account_id: str, region_name: str) -> "ScalingPolicy":
        namespace, resource_id, dimension = cls._target_of(props)
        policy_type = props["PolicyType"]
        body = (
            props.get("StepScalingPolicyConfiguration")
            if policy_type == "StepScaling"
            else props.get("TargetTrackingScalingPolicyConfiguration")
        )
        policy = _backend(account_id, region_name).put_scaling_policy(
            policy_name=name,
            service_namespace=namespace,
            resource_id=resource_id,
            scalable_dimension=dimension,
            policy_body=_typed(body or {}),
            policy_type=policy_type,
        )
        return cls(policy, account_id, region_name)

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
        # moto's put_scaling_policy over an existing policy makes new target tracking alarms without
        # deleting the old ones, so the old policy (and its alarms) goes first.
        original_resource.delete(account_id, region_name)
        return cls._put(new_resource_name, cloudformation_json["Properties"], account_id, region_name)

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
            if policy.policy_arn == resource_name:
                cls(policy, account_id, region_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        p = self.policy
        backend = _backend(account_id, region_name)
        key = FakeApplicationAutoscalingPolicy.formulate_key(p.service_namespace, p.resource_id, p.scalable_dimension, p.policy_name)
        # Already gone when its scalable target was deregistered first, as in AWS.
        if backend.policies.get(key) is p:
            backend.delete_scaling_policy(p.policy_name, p.service_namespace, p.resource_id, p.scalable_dimension)
