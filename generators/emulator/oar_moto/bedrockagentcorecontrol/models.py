"""Amazon Bedrock AgentCore types, created through moto's AgentCore control backend.

AWS::BedrockAgentCore::Runtime, RuntimeEndpoint, Gateway, GatewayTarget and Memory: each is created, updated and
deleted with the backend calls moto's responses.py makes (create_agent_runtime, update_agent_runtime…). Ref returns
what CloudFormation returns: the runtime id, the endpoint ARN, the gateway identifier, "gateway id|target id" and
the memory ARN.
"""

import re
import string
from typing import Any

import moto.bedrockagentcorecontrol.models as moto_models
from moto.bedrockagentcorecontrol.exceptions import ResourceNotFoundException
from moto.bedrockagentcorecontrol.models import (
    AgentRuntime,
    AgentRuntimeEndpoint,
    BedrockAgentCoreControlBackend,
    Gateway,
    GatewayTarget,
    Memory,
    bedrockagentcorecontrol_backends,
)
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.moto_api._internal import mock_random
from moto.utilities.utils import get_partition


def _backend(account_id: str, region_name: str) -> BedrockAgentCoreControlBackend:
    return bedrockagentcorecontrol_backends[account_id][region_name]


def camel(value: Any) -> Any:
    """CloudFormation's PascalCase property names as the API's camelCase ones; numbers and booleans typed."""
    if isinstance(value, dict):
        return {k[:1].lower() + k[1:]: camel(v) for k, v in value.items()}
    if isinstance(value, list):
        return [camel(v) for v in value]
    if isinstance(value, str) and re.fullmatch(r"-?\d+", value):
        return int(value)
    if isinstance(value, str) and value in ("true", "false"):
        return value == "true"
    return value


def _iso(value: Any) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%S.%fZ") if hasattr(value, "strftime") else str(value)


def _attribute(values: dict[str, Any], name: str) -> Any:
    if name in values:
        return values[name]
    raise UnformattedGetAttTemplateException()


# --- Identifiers as AWS forms them --------------------------------------------------------------------------------


class AwsAgentRuntime(AgentRuntime):
    """moto names a runtime a<hex>-<hex> with the ARN agent/<uuid>:<version>; AWS names it <name>-<10 letters or digits>
    with the ARN runtime/<id>, which does not change with the version (the runtime's log groups are named after it)."""

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        suffix = "".join(mock_random.choice(string.ascii_letters + string.digits) for _ in range(10))
        self.agent_runtime_id = f"{self.agent_runtime_name}-{suffix}"
        self.agent_runtime_arn = (
            f"arn:{get_partition(self.region_name)}:bedrock-agentcore:{self.region_name}:{self.account_id}"
            f":runtime/{self.agent_runtime_id}"
        )
        self.workload_identity_details = {
            "workloadIdentityArn": f"arn:{get_partition(self.region_name)}:bedrock-agentcore:{self.region_name}"
            f":{self.account_id}:workload-identity-directory/default/workload-identity/{self.agent_runtime_id}"
        }
        self.versions = []
        self._snapshot_version()

    def update(self, **kwargs: Any) -> None:
        arn = self.agent_runtime_arn
        # moto's update rewrites the ARN from the agent/<uuid> form; the ARN stays as it was.
        self.agent_runtime_arn = f"agent/{self.agent_runtime_id}:{self.agent_runtime_version}"
        super().update(**kwargs)
        self.agent_runtime_arn = arn
        self.versions[-1]["agentRuntimeArn"] = arn


class AwsAgentRuntimeEndpoint(AgentRuntimeEndpoint):
    """moto gives an endpoint the ARN agentEndpoint/<uuid>; AWS gives it runtime/<runtime id>/runtime-endpoint/<name>."""

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self.agent_runtime_endpoint_arn = f"{self.agent_runtime_arn}/runtime-endpoint/{self.name}"


moto_models.AgentRuntime = AwsAgentRuntime  # type: ignore[misc]
moto_models.AgentRuntimeEndpoint = AwsAgentRuntimeEndpoint  # type: ignore[misc]


# --- Runtime ------------------------------------------------------------------------------------------------------


def _runtime_args(props: dict[str, Any]) -> dict[str, Any]:
    return {
        "agent_runtime_artifact": camel(props["AgentRuntimeArtifact"]),
        "role_arn": props["RoleArn"],
        "network_configuration": camel(props.get("NetworkConfiguration") or {"NetworkMode": "PUBLIC"}),
        "description": props.get("Description"),
        "authorizer_configuration": camel(props.get("AuthorizerConfiguration")),
        "request_header_configuration": camel(props.get("RequestHeaderConfiguration")),
        # CloudFormation takes the protocol as a string; the API as {"serverProtocol": …}.
        "protocol_configuration": {"serverProtocol": props["ProtocolConfiguration"]}
        if props.get("ProtocolConfiguration")
        else None,
        "lifecycle_configuration": camel(props.get("LifecycleConfiguration")),
        "environment_variables": props.get("EnvironmentVariables"),
    }


class Runtime(CloudFormationModel):
    def __init__(self, runtime: AgentRuntime):
        self.runtime = runtime

    @staticmethod
    def cloudformation_name_type() -> str:
        return "AgentRuntimeName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-bedrockagentcore-runtime.html
        return "AWS::BedrockAgentCore::Runtime"

    @property
    def physical_resource_id(self) -> str:
        return self.runtime.agent_runtime_id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in [
            "AgentRuntimeArn",
            "AgentRuntimeId",
            "AgentRuntimeVersion",
            "CreatedAt",
            "LastUpdatedAt",
            "Status",
            "WorkloadIdentityDetails.WorkloadIdentityArn",
        ]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        r = self.runtime
        return _attribute(
            {
                "AgentRuntimeArn": r.agent_runtime_arn,
                "AgentRuntimeId": r.agent_runtime_id,
                "AgentRuntimeVersion": r.agent_runtime_version,
                "CreatedAt": _iso(r.created_at),
                "LastUpdatedAt": _iso(r.last_updated_at),
                "Status": "READY",
                "WorkloadIdentityDetails.WorkloadIdentityArn": r.workload_identity_details["workloadIdentityArn"],
            },
            attribute_name,
        )

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Runtime":
        props = cloudformation_json["Properties"]
        runtime = _backend(account_id, region_name).create_agent_runtime(
            agent_runtime_name=props.get("AgentRuntimeName", resource_name),
            tags=props.get("Tags"),
            **_runtime_args(props),
        )
        return cls(runtime)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Runtime",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Runtime":
        props = cloudformation_json["Properties"]
        runtime = original_resource.runtime
        if props.get("AgentRuntimeName", runtime.agent_runtime_name) != runtime.agent_runtime_name:
            # AgentRuntimeName requires replacement.
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        args = _runtime_args(props)
        current = {
            "agent_runtime_artifact": runtime.agent_runtime_artifact,
            "role_arn": runtime.role_arn,
            "network_configuration": runtime.network_configuration,
            "description": runtime.description or None,
            "authorizer_configuration": runtime.authorizer_configuration,
            "request_header_configuration": runtime.request_header_configuration,
            "protocol_configuration": runtime.protocol_configuration,
            "lifecycle_configuration": runtime.lifecycle_configuration or None,
            "environment_variables": runtime.environment_variables,
        }
        if args != current:
            # UpdateAgentRuntime publishes a new runtime version, as in AWS.
            _backend(account_id, region_name).update_agent_runtime(agent_runtime_id=runtime.agent_runtime_id, **args)
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
        try:
            backend.delete_agent_runtime(resource_name)
        except ResourceNotFoundException:
            return
        for key in [k for k in backend.agent_runtime_endpoints if k[0] == resource_name]:
            backend.agent_runtime_endpoints.pop(key)

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.physical_resource_id, {}, account_id, region_name)


class RuntimeEndpoint(CloudFormationModel):
    def __init__(self, endpoint: AgentRuntimeEndpoint):
        self.endpoint = endpoint

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-bedrockagentcore-runtimeendpoint.html
        return "AWS::BedrockAgentCore::RuntimeEndpoint"

    @property
    def physical_resource_id(self) -> str:
        return self.endpoint.agent_runtime_endpoint_arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in [
            "AgentRuntimeArn",
            "AgentRuntimeEndpointArn",
            "Id",
            "LiveVersion",
            "TargetVersion",
            "Status",
            "CreatedAt",
            "LastUpdatedAt",
        ]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        e = self.endpoint
        return _attribute(
            {
                "AgentRuntimeArn": e.agent_runtime_arn,
                "AgentRuntimeEndpointArn": e.agent_runtime_endpoint_arn,
                "Id": e.endpoint_id,
                "LiveVersion": e.live_version,
                "TargetVersion": e.target_version,
                "Status": "READY",
                "CreatedAt": _iso(e.created_at),
                "LastUpdatedAt": _iso(e.last_updated_at),
            },
            attribute_name,
        )

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "RuntimeEndpoint":
        props = cloudformation_json["Properties"]
        endpoint = _backend(account_id, region_name).create_agent_runtime_endpoint(
            agent_runtime_id=props["AgentRuntimeId"],
            name=props.get("Name", resource_name),
            agent_runtime_version=props.get("AgentRuntimeVersion"),
            description=props.get("Description"),
            tags=props.get("Tags"),
        )
        return cls(endpoint)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "RuntimeEndpoint",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "RuntimeEndpoint":
        props = cloudformation_json["Properties"]
        e = original_resource.endpoint
        if props["AgentRuntimeId"] != e.agent_runtime_id or props.get("Name", e.name) != e.name:
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        _backend(account_id, region_name).update_agent_runtime_endpoint(
            agent_runtime_id=e.agent_runtime_id,
            endpoint_name=e.name,
            agent_runtime_version=props.get("AgentRuntimeVersion"),
            description=props.get("Description"),
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
        for (runtime_id, name), endpoint in list(backend.agent_runtime_endpoints.items()):
            if endpoint.agent_runtime_endpoint_arn == resource_name:
                backend.delete_agent_runtime_endpoint(runtime_id, name)

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.physical_resource_id, {}, account_id, region_name)


# --- Gateway ------------------------------------------------------------------------------------------------------


def _gateway_args(props: dict[str, Any]) -> dict[str, Any]:
    return {
        "role_arn": props["RoleArn"],
        "protocol_type": props.get("ProtocolType", "MCP"),
        "authorizer_type": props["AuthorizerType"],
        "description": props.get("Description"),
        "protocol_configuration": camel(props.get("ProtocolConfiguration")),
        "authorizer_configuration": camel(props.get("AuthorizerConfiguration")),
        "kms_key_arn": props.get("KmsKeyArn"),
        "interceptor_configurations": camel(props.get("InterceptorConfigurations")),
        "policy_engine_configuration": camel(props.get("PolicyEngineConfiguration")),
        "exception_level": props.get("ExceptionLevel"),
    }


class CfnGateway(CloudFormationModel):
    def __init__(self, gateway: Gateway):
        self.gateway = gateway

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-bedrockagentcore-gateway.html
        return "AWS::BedrockAgentCore::Gateway"

    @property
    def physical_resource_id(self) -> str:
        return self.gateway.gateway_id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in [
            "GatewayArn",
            "GatewayIdentifier",
            "GatewayUrl",
            "Status",
            "CreatedAt",
            "UpdatedAt",
            "WorkloadIdentityDetails.WorkloadIdentityArn",
        ]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        g = self.gateway
        return _attribute(
            {
                "GatewayArn": g.gateway_arn,
                "GatewayIdentifier": g.gateway_id,
                "GatewayUrl": g.gateway_url,
                "Status": "READY",
                "CreatedAt": _iso(g.created_at),
                "UpdatedAt": _iso(g.updated_at),
                "WorkloadIdentityDetails.WorkloadIdentityArn": g.workload_identity_details["workloadIdentityArn"],
            },
            attribute_name,
        )

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "CfnGateway":
        props = cloudformation_json["Properties"]
        gateway = _backend(account_id, region_name).create_gateway(
            name=props.get("Name", resource_name), tags=props.get("Tags"), **_gateway_args(props)
        )
        return cls(gateway)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "CfnGateway",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "CfnGateway":
        props = cloudformation_json["Properties"]
        g = original_resource.gateway
        _backend(account_id, region_name).update_gateway(
            gateway_identifier=g.gateway_id, name=props.get("Name", g.name), **_gateway_args(props)
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
        try:
            _backend(account_id, region_name).delete_gateway(resource_name)
        except ResourceNotFoundException:
            return

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.physical_resource_id, {}, account_id, region_name)


def _target_args(props: dict[str, Any]) -> dict[str, Any]:
    return {
        "target_configuration": camel(props["TargetConfiguration"]),
        "description": props.get("Description"),
        "credential_provider_configurations": camel(props.get("CredentialProviderConfigurations")),
        "metadata_configuration": camel(props.get("MetadataConfiguration")),
    }


class CfnGatewayTarget(CloudFormationModel):
    def __init__(self, target: GatewayTarget):
        self.target = target

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-bedrockagentcore-gatewaytarget.html
        return "AWS::BedrockAgentCore::GatewayTarget"

    @property
    def physical_resource_id(self) -> str:
        return f"{self.target.gateway_id}|{self.target.target_id}"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["TargetId", "GatewayArn", "Status", "CreatedAt", "UpdatedAt"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        t = self.target
        return _attribute(
            {
                "TargetId": t.target_id,
                "GatewayArn": t.gateway_arn,
                "Status": "READY",
                "CreatedAt": _iso(t.created_at),
                "UpdatedAt": _iso(t.updated_at),
            },
            attribute_name,
        )

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "CfnGatewayTarget":
        props = cloudformation_json["Properties"]
        target = _backend(account_id, region_name).create_gateway_target(
            gateway_identifier=props["GatewayIdentifier"], name=props.get("Name", resource_name), **_target_args(props)
        )
        return cls(target)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "CfnGatewayTarget",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "CfnGatewayTarget":
        props = cloudformation_json["Properties"]
        t = original_resource.target
        if props["GatewayIdentifier"] != t.gateway_id:
            # GatewayIdentifier requires replacement.
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        _backend(account_id, region_name).update_gateway_target(
            gateway_identifier=t.gateway_id, target_id=t.target_id, name=props.get("Name", t.name), **_target_args(props)
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
        gateway_id, _, target_id = resource_name.partition("|")
        try:
            _backend(account_id, region_name).delete_gateway_target(gateway_id, target_id)
        except ResourceNotFoundException:
            return

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.physical_resource_id, {}, account_id, region_name)


# --- Memory -------------------------------------------------------------------------------------------------------


class CfnMemory(CloudFormationModel):
    def __init__(self, memory: Memory):
        self.memory = memory

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-bedrockagentcore-memory.html
        return "AWS::BedrockAgentCore::Memory"

    @property
    def physical_resource_id(self) -> str:
        return self.memory.memory_arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["MemoryArn", "MemoryId", "Status", "CreatedAt", "UpdatedAt"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        m = self.memory
        return _attribute(
            {
                "MemoryArn": m.memory_arn,
                "MemoryId": m.memory_id,
                "Status": "ACTIVE",
                "CreatedAt": _iso(m.created_at),
                "UpdatedAt": _iso(m.updated_at),
            },
            attribute_name,
        )

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "CfnMemory":
        props = cloudformation_json["Properties"]
        memory = _backend(account_id, region_name).create_memory(
            name=props.get("Name", resource_name),
            event_expiry_duration=int(props["EventExpiryDuration"]),
            description=props.get("Description"),
            encryption_key_arn=props.get("EncryptionKeyArn"),
            memory_execution_role_arn=props.get("MemoryExecutionRoleArn"),
            memory_strategies=camel(props.get("MemoryStrategies")),
            tags=props.get("Tags"),
        )
        return cls(memory)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "CfnMemory",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "CfnMemory":
        props = cloudformation_json["Properties"]
        m = original_resource.memory
        wanted = [next(iter(s.values())).get("name", "") for s in camel(props.get("MemoryStrategies") or [])]
        same_strategies = wanted == [s["name"] for s in m.strategies]
        if (
            props.get("Name", m.name) != m.name
            or props.get("EncryptionKeyArn") != m.encryption_key_arn
            or not same_strategies
        ):
            # Name and EncryptionKeyArn require replacement; strategies are replaced with the memory here.
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        _backend(account_id, region_name).update_memory(
            memory_id=m.memory_id,
            description=props.get("Description"),
            event_expiry_duration=int(props["EventExpiryDuration"]),
            memory_execution_role_arn=props.get("MemoryExecutionRoleArn"),
            memory_strategies=None,
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
        for memory in list(backend.memories.values()):
            if memory.memory_arn == resource_name:
                backend.delete_memory(memory.memory_id)

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.physical_resource_id, {}, account_id, region_name)
