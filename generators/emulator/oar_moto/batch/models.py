"""AWS Batch's CloudFormation types on moto's Batch backend (create_compute_environment,
create_job_queue, register_job_definition and their update and delete calls).

moto's own models need a ServiceRole (AWS Batch uses its service-linked role without one), answer
no Fn::GetAtt (ComputeEnvironmentArn, JobQueueArn), ignore a JobDefinition's Timeout, Type,
PlatformCapabilities and PropagateTags, cannot be updated, and are never deleted: the compute
environment (and the ECS cluster moto makes for it), the queue and the job definition outlive the
stack. The compute environment and the queue here are CloudFormation's records of the backend's
objects, as moto's backend objects cannot answer Fn::GetAtt.
"""

from typing import Any

from moto.batch.models import BatchBackend, batch_backends
from moto.batch.models import JobDefinition as MotoJobDefinition
from moto.batch.utils import lowercase_first_key
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.iam.exceptions import NotFoundException as IAMNotFoundException

BATCH_SERVICE = "batch.amazonaws.com"
SERVICE_LINKED_ROLE = "AWSServiceRoleForBatch"


def _backend(account_id: str, region_name: str) -> BatchBackend:
    return batch_backends[account_id][region_name]


def _service_role(backend: BatchBackend, props: dict[str, Any]) -> str:
    """The ServiceRole, or, as AWS Batch does without one, its service-linked role (created on first use)."""
    if props.get("ServiceRole"):
        return str(props["ServiceRole"])
    iam = backend.iam_backend
    try:
        return iam.get_role(SERVICE_LINKED_ROLE).arn
    except IAMNotFoundException:
        return iam.create_role(
            role_name=SERVICE_LINKED_ROLE,
            assume_role_policy_document='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"batch.amazonaws.com"},"Action":"sts:AssumeRole"}]}',
            path=f"/aws-service-role/{BATCH_SERVICE}/",
            permissions_boundary=None,  # type: ignore[arg-type]
            description="Allows Batch to create and manage AWS resources on your behalf.",
            tags=[],
            max_session_duration="3600",
            linked_service=BATCH_SERVICE,
        ).arn


def _compute_resources(props: dict[str, Any]) -> dict[str, Any] | None:
    """ComputeResources as the API names them (moto lowercases every key, the tags' own too, so
    the tags are put back as given)."""
    resources = props.get("ComputeResources")
    if resources is None:
        return None
    api = lowercase_first_key(resources)
    if "Tags" in resources:
        api["tags"] = dict(resources["Tags"])
    return api


class ComputeEnvironment(CloudFormationModel):
    def __init__(self, name: str, arn: str, props: dict[str, Any]):
        self.name = name
        self.arn = arn
        self.props = props

    @staticmethod
    def cloudformation_name_type() -> str:
        return "ComputeEnvironmentName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-batch-computeenvironment.html
        return "AWS::Batch::ComputeEnvironment"

    @property
    def physical_resource_id(self) -> str:
        return self.arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["ComputeEnvironmentArn"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "ComputeEnvironmentArn":
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
    ) -> "ComputeEnvironment":
        props = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        env = backend.create_compute_environment(
            resource_name,
            props["Type"],
            props.get("State", "ENABLED"),
            _compute_resources(props),  # type: ignore[arg-type]
            _service_role(backend, props),
            tags=dict(props.get("Tags", {})),
        )
        return cls(env.name, env.arn, props)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "ComputeEnvironment",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "ComputeEnvironment":
        props = cloudformation_json["Properties"]
        old = original_resource.props
        in_place = ("State", "ServiceRole", "UpdatePolicy", "ReplaceComputeEnvironment")
        if any(props.get(k) != old.get(k) for k in set(props) | set(old) if k not in in_place):
            # moto's UpdateComputeEnvironment does not store ComputeResources: replace the environment.
            new = cls.create_from_cloudformation_json(
                props.get("ComputeEnvironmentName", new_resource_name), cloudformation_json, account_id, region_name
            )
            original_resource.delete(account_id, region_name)
            return new
        backend = _backend(account_id, region_name)
        backend.update_compute_environment(
            original_resource.arn, props.get("State", "ENABLED"), None, _service_role(backend, props)
        )
        original_resource.props = props
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        _backend(account_id, region_name).delete_compute_environment(resource_name)

    def delete(self, account_id: str, region_name: str) -> None:
        _backend(account_id, region_name).delete_compute_environment(self.arn)


def _environment_order(props: dict[str, Any]) -> list[dict[str, Any]]:
    return [lowercase_first_key(e) for e in props["ComputeEnvironmentOrder"]]


class JobQueue(CloudFormationModel):
    """JobStateTimeLimitActions is not kept: moto's job queues have no such setting."""

    def __init__(self, name: str, arn: str, props: dict[str, Any]):
        self.name = name
        self.arn = arn
        self.props = props

    @staticmethod
    def cloudformation_name_type() -> str:
        return "JobQueueName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-batch-jobqueue.html
        return "AWS::Batch::JobQueue"

    @property
    def physical_resource_id(self) -> str:
        return self.arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["JobQueueArn"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "JobQueueArn":
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
    ) -> "JobQueue":
        props = cloudformation_json["Properties"]
        queue = _backend(account_id, region_name).create_job_queue(
            queue_name=resource_name,
            priority=str(props["Priority"]),
            schedule_policy=props.get("SchedulingPolicyArn"),
            state=props.get("State", "ENABLED"),
            compute_env_order=_environment_order(props),
            tags=dict(props.get("Tags", {})),
        )
        return cls(queue.name, queue.arn, props)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "JobQueue",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "JobQueue":
        props = cloudformation_json["Properties"]
        if props.get("JobQueueName", original_resource.name) != original_resource.name:  # requires replacement
            new = cls.create_from_cloudformation_json(props["JobQueueName"], cloudformation_json, account_id, region_name)
            original_resource.delete(account_id, region_name)
            return new
        _backend(account_id, region_name).update_job_queue(
            original_resource.arn,
            str(props["Priority"]),
            props.get("State", "ENABLED"),
            _environment_order(props),
            props.get("SchedulingPolicyArn"),
        )
        original_resource.props = props
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        _backend(account_id, region_name).delete_job_queue(resource_name)

    def delete(self, account_id: str, region_name: str) -> None:
        _backend(account_id, region_name).delete_job_queue(self.arn)


class JobDefinition(MotoJobDefinition, CloudFormationModel):
    """Registered through the backend with every property the API takes; an update registers a new
    revision (CloudFormation replaces a job definition) and deregisters the old; deleting the stack
    deregisters it, which leaves it INACTIVE, as AWS does."""

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> MotoJobDefinition:
        props = cloudformation_json["Properties"]

        def api(key: str) -> Any:
            return lowercase_first_key(props[key]) if key in props else None

        propagate = props.get("PropagateTags")
        return _backend(account_id, region_name).register_job_definition(
            def_name=resource_name,
            parameters=dict(props.get("Parameters", {})),
            _type=props.get("Type", "container"),
            tags=dict(props.get("Tags", {})),
            retry_strategy=api("RetryStrategy"),  # type: ignore[arg-type]
            container_properties=api("ContainerProperties"),
            node_properties=api("NodeProperties"),
            eks_properties=api("EksProperties"),
            timeout=api("Timeout"),  # type: ignore[arg-type]
            platform_capabilities=props.get("PlatformCapabilities"),  # type: ignore[arg-type]
            propagate_tags=None if propagate is None else str(propagate).lower() == "true",  # type: ignore[arg-type]
        )

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: MotoJobDefinition,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> MotoJobDefinition:
        name = cloudformation_json["Properties"].get("JobDefinitionName", original_resource.name)
        new = cls.create_from_cloudformation_json(name, cloudformation_json, account_id, region_name)
        _backend(account_id, region_name).deregister_job_definition(original_resource.arn)
        return new

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        _backend(account_id, region_name).deregister_job_definition(resource_name)
