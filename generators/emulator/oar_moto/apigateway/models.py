"""API Gateway (REST) types, created through moto's API Gateway backend.

Adds AWS::ApiGateway::Stage, Account, GatewayResponse, Model and RequestValidator, and
replaces moto's models of RestApi, Resource, Method and Deployment, which never delete,
and of which Method and Deployment have no physical id for ``Ref``.
"""

import json
from collections.abc import Callable
from typing import Any, TypeVar

from moto.apigateway.exceptions import NotFoundException
from moto.apigateway.models import APIGatewayBackend, apigateway_backends
from moto.apigateway.utils import create_id
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel

T = TypeVar("T")


def _backend(account_id: str, region_name: str) -> APIGatewayBackend:
    return apigateway_backends[account_id][region_name]


def _bool(value: Any) -> bool:
    """A CloudFormation boolean, which may arrive as a string."""
    return value if isinstance(value, bool) else str(value).lower() == "true"


def _tags(tags: list[dict[str, str]] | None) -> dict[str, str]:
    return {t["Key"]: t["Value"] for t in tags or []}


def _unless_gone(delete: Callable[[], T]) -> T | None:
    """Runs a delete, treating a thing (or its API) that is already gone as deleted: moto's
    stack delete visits resources in no particular order, so the API may go first."""
    try:
        return delete()
    except (NotFoundException, KeyError):
        return None


def _json_text(value: Any) -> str | None:
    """A JSON property (a policy, a schema) as the API takes it: a string."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value)


class RestAPI(CloudFormationModel):
    """Replaces moto's model, which never deletes the API, answers no GetAtt RestApiId, passes
    EndpointConfiguration in the template's shape rather than the API's, and ignores most
    properties."""

    def __init__(self, api_id: str, account_id: str, region_name: str):
        self.id = api_id
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-restapi.html
        return "AWS::ApiGateway::RestApi"

    @property
    def physical_resource_id(self) -> str:
        return self.id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["RootResourceId", "RestApiId"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "RestApiId":
            return self.id
        if attribute_name == "RootResourceId":
            return _backend(self.account_id, self.region_name).get_rest_api(self.id).root_resource_id
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "RestAPI":
        props = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        endpoint = props.get("EndpointConfiguration")
        api = backend.create_rest_api(
            # moto's own model, listed first, names the name property "RestApi", so the name
            # CloudFormation generates arrives even when Name is set.
            name=props.get("Name", resource_name),
            description=props.get("Description", ""),
            api_key_source=props.get("ApiKeySourceType"),
            endpoint_configuration={  # type: ignore[arg-type]
                "types": endpoint.get("Types", ["EDGE"]),
                **({"vpcEndpointIds": endpoint["VpcEndpointIds"]} if "VpcEndpointIds" in endpoint else {}),
            }
            if endpoint
            else None,
            tags=_tags(props.get("Tags")) or None,  # type: ignore[arg-type]
            policy=_json_text(props.get("Policy")),
            minimum_compression_size=int(props["MinimumCompressionSize"]) if "MinimumCompressionSize" in props else None,
            disable_execute_api_endpoint=_bool(props["DisableExecuteApiEndpoint"]) if "DisableExecuteApiEndpoint" in props else None,
        )
        # Body and BodyS3Location (an OpenAPI definition) are not read here.
        for media_type in props.get("BinaryMediaTypes", []):
            backend.update_rest_api(api.id, [{"op": "add", "path": "/binaryMediaTypes", "value": media_type}])
        return cls(api.id, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "RestAPI",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "RestAPI":
        props = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        api = backend.get_rest_api(original_resource.id)
        ops = [
            {"op": "replace", "path": "/name", "value": props.get("Name", api.name)},
            {"op": "replace", "path": "/description", "value": props.get("Description", "")},
        ]
        if "Policy" in props:
            ops.append({"op": "replace", "path": "/policy", "value": _json_text(props["Policy"])})
        if "ApiKeySourceType" in props:
            ops.append({"op": "replace", "path": "/apiKeySource", "value": props["ApiKeySourceType"]})
        # moto's UpdateRestApi cannot change the endpoint types or remove binary media types.
        backend.update_rest_api(original_resource.id, ops)
        return original_resource

    def delete(self, account_id: str, region_name: str) -> None:
        _unless_gone(lambda: _backend(account_id, region_name).delete_rest_api(self.id))


class Resource(CloudFormationModel):
    """Replaces moto's model, which never deletes the resource."""

    def __init__(self, rest_api_id: str, resource_id: str):
        self.rest_api_id = rest_api_id
        self.id = resource_id

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-resource.html
        return "AWS::ApiGateway::Resource"

    @property
    def physical_resource_id(self) -> str:
        return self.id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["ResourceId"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "ResourceId":
            return self.id
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Resource":
        props = cloudformation_json["Properties"]
        resource = _backend(account_id, region_name).create_resource(
            function_id=props["RestApiId"], parent_resource_id=props["ParentId"], path_part=props["PathPart"]
        )
        return cls(props["RestApiId"], resource.id)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Resource",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Resource":
        props = cloudformation_json["Properties"]
        resource = _backend(account_id, region_name).get_resource(original_resource.rest_api_id, original_resource.id)
        if props["RestApiId"] != original_resource.rest_api_id:
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        # ParentId and PathPart are updatable (UpdateResource: /parentId, /pathPart); moto has no
        # UpdateResource, so this sets what it would.
        resource.parent_id = props["ParentId"]
        resource.path_part = props["PathPart"]
        return original_resource

    def delete(self, account_id: str, region_name: str) -> None:
        _unless_gone(lambda: _backend(account_id, region_name).delete_resource(self.rest_api_id, self.id))


class Method(CloudFormationModel):
    """Replaces moto's model, which never deletes the method, has no physical id, and
    ignores the request validator, models and parameters, and the responses."""

    def __init__(self, rest_api_id: str, resource_id: str, http_method: str):
        self.rest_api_id = rest_api_id
        self.resource_id = resource_id
        self.http_method = http_method
        self.id = create_id()

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-method.html
        return "AWS::ApiGateway::Method"

    @property
    def physical_resource_id(self) -> str:
        return self.id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        raise UnformattedGetAttTemplateException()

    @classmethod
    def _put(cls, props: dict[str, Any], account_id: str, region_name: str) -> "Method":
        backend = _backend(account_id, region_name)
        api, resource, verb = props["RestApiId"], props["ResourceId"], props["HttpMethod"]
        backend.put_method(
            function_id=api,
            resource_id=resource,
            method_type=verb,
            authorization_type=props.get("AuthorizationType", "NONE"),
            api_key_required=_bool(props.get("ApiKeyRequired", False)),
            request_parameters={k: _bool(v) for k, v in props["RequestParameters"].items()}
            if "RequestParameters" in props
            else None,
            request_models=props.get("RequestModels"),
            operation_name=props.get("OperationName"),
            authorizer_id=props.get("AuthorizerId"),
            authorization_scopes=props.get("AuthorizationScopes"),
            request_validator_id=props.get("RequestValidatorId"),
        )
        for response in props.get("MethodResponses", []):
            backend.put_method_response(
                api,
                resource,
                verb,
                str(response["StatusCode"]),
                response_models=response.get("ResponseModels"),
                response_parameters={k: _bool(v) for k, v in response.get("ResponseParameters", {}).items()} or None,
            )
        integration = props.get("Integration")
        if integration:
            backend.put_integration(
                api,
                resource,
                verb,
                integration_type=integration["Type"],
                uri=integration.get("Uri"),  # type: ignore[arg-type]
                integration_method=integration.get("IntegrationHttpMethod"),  # type: ignore[arg-type]
                credentials=integration.get("Credentials"),
                request_templates=integration.get("RequestTemplates"),
                passthrough_behavior=integration.get("PassthroughBehavior"),
                tls_config={"insecureSkipVerification": _bool(integration["TlsConfig"].get("InsecureSkipVerification"))}
                if "TlsConfig" in integration
                else None,
                cache_namespace=integration.get("CacheNamespace"),
                timeout_in_millis=integration.get("TimeoutInMillis"),
                request_parameters=integration.get("RequestParameters"),
                content_handling=integration.get("ContentHandling"),
                connection_type=integration.get("ConnectionType"),
            )
            for response in integration.get("IntegrationResponses", []):
                backend.put_integration_response(
                    api,
                    resource,
                    verb,
                    str(response["StatusCode"]),
                    selection_pattern=response.get("SelectionPattern"),  # type: ignore[arg-type]
                    response_templates=response.get("ResponseTemplates"),  # type: ignore[arg-type]
                    response_parameters=response.get("ResponseParameters"),  # type: ignore[arg-type]
                    content_handling=response.get("ContentHandling"),
                )
        return cls(api, resource, verb)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Method":
        return cls._put(cloudformation_json["Properties"], account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Method",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Method":
        # PutMethod replaces a method in full, with its integration and responses.
        original_resource.delete(account_id, region_name)
        return cls._put(cloudformation_json["Properties"], account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        _unless_gone(
            lambda: _backend(account_id, region_name).delete_method(self.rest_api_id, self.resource_id, self.http_method)
        )


_METHOD_SETTINGS = {
    "CacheDataEncrypted": "caching/dataEncrypted",
    "CacheTtlInSeconds": "caching/ttlInSeconds",
    "CachingEnabled": "caching/enabled",
    "DataTraceEnabled": "logging/dataTrace",
    "LoggingLevel": "logging/loglevel",
    "MetricsEnabled": "metrics/enabled",
    "ThrottlingBurstLimit": "throttling/burstLimit",
    "ThrottlingRateLimit": "throttling/rateLimit",
}


def _patch_value(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _stage_settings(props: dict[str, Any]) -> list[dict[str, str]]:
    """The UpdateStage operations that set what CreateStage cannot: each method setting, at
    ``/{resource path, its slashes as ~1}/{HTTP method}/{setting}``, and the access log."""
    ops = []
    for setting in props.get("MethodSettings", []):
        prefix = "/" + setting.get("ResourcePath", "/*").removeprefix("/") + "/" + setting.get("HttpMethod", "*")
        for name, path in _METHOD_SETTINGS.items():
            if name in setting:
                ops.append({"op": "replace", "path": f"{prefix}/{path}", "value": _patch_value(setting[name])})
    log = props.get("AccessLogSetting")
    if log:
        for name, path in (("DestinationArn", "destinationArn"), ("Format", "format")):
            if name in log:
                ops.append({"op": "replace", "path": f"/accessLogSettings/{path}", "value": log[name]})
    return ops


def _create_stage(backend: APIGatewayBackend, api_id: str, name: str, deployment_id: str, props: dict[str, Any]) -> None:
    backend.create_stage(
        api_id,
        name,
        deployment_id,
        variables=props.get("Variables"),
        description=props.get("Description", ""),
        cacheClusterEnabled=_bool(props["CacheClusterEnabled"]) if "CacheClusterEnabled" in props else None,
        cacheClusterSize=props.get("CacheClusterSize"),
        tags=_tags(props.get("Tags")) or None,
        tracing_enabled=_bool(props["TracingEnabled"]) if "TracingEnabled" in props else None,
    )
    # CanarySetting, ClientCertificateId and DocumentationVersion are not stored: moto's
    # stage has no such fields.
    ops = _stage_settings(props)
    if ops:
        backend.update_stage(api_id, name, ops)


class Deployment(CloudFormationModel):
    """Replaces moto's model, which has no physical id (so ``Ref`` to a deployment, as a
    Stage's DeploymentId, gave an object), never deletes, and ignores StageDescription."""

    def __init__(self, rest_api_id: str, deployment_id: str, stage_name: str | None):
        self.rest_api_id = rest_api_id
        self.id = deployment_id
        self.stage_name = stage_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-deployment.html
        return "AWS::ApiGateway::Deployment"

    @property
    def physical_resource_id(self) -> str:
        return self.id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["DeploymentId"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "DeploymentId":
            return self.id
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Deployment":
        props = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        api_id, stage_name = props["RestApiId"], props.get("StageName")
        # With a StageName, CreateDeployment also creates that stage, with StageDescription's settings.
        stage = props.get("StageDescription", {})
        deployment = backend.create_deployment(
            api_id, name=stage_name, description=props.get("Description", ""), stage_variables=stage.get("Variables")
        )
        if stage_name and stage:
            ops = _stage_settings(stage)
            if "Description" in stage:
                ops.append({"op": "replace", "path": "/description", "value": stage["Description"]})
            if "TracingEnabled" in stage:
                ops.append({"op": "replace", "path": "/tracingEnabled", "value": _patch_value(_bool(stage["TracingEnabled"]))})
            if ops:
                backend.update_stage(api_id, stage_name, ops)
        return cls(api_id, deployment.id, stage_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Deployment",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Deployment":
        # moto has no UpdateDeployment: a new deployment replaces the old one.
        original_resource.delete(account_id, region_name)
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        if self.stage_name:
            _unless_gone(lambda: backend.delete_stage(self.rest_api_id, self.stage_name))  # type: ignore[arg-type]
        _unless_gone(lambda: backend.delete_deployment(self.rest_api_id, self.id))


class Stage(CloudFormationModel):
    def __init__(self, rest_api_id: str, name: str):
        self.rest_api_id = rest_api_id
        self.name = name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "StageName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-stage.html
        return "AWS::ApiGateway::Stage"

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
    ) -> "Stage":
        props = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        _create_stage(backend, props["RestApiId"], resource_name, props.get("DeploymentId", ""), props)
        return cls(props["RestApiId"], resource_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Stage",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Stage":
        # moto's UpdateStage cannot remove a method setting, so the stage is made again, under
        # the same name unless StageName changed, with the template's settings.
        name = cloudformation_json["Properties"].get("StageName", original_resource.name)
        original_resource.delete(account_id, region_name)
        return cls.create_from_cloudformation_json(name, cloudformation_json, account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        _unless_gone(lambda: _backend(account_id, region_name).delete_stage(self.rest_api_id, self.name))


class Account(CloudFormationModel):
    """The Region's API Gateway settings: UpdateAccount sets the CloudWatch Logs role."""

    def __init__(self) -> None:
        self.id = create_id()

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-account.html
        return "AWS::ApiGateway::Account"

    @property
    def physical_resource_id(self) -> str:
        return self.id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Id"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Id":
            return self.id
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _put(props: dict[str, Any], account_id: str, region_name: str) -> None:
        if "CloudWatchRoleArn" in props:
            _backend(account_id, region_name).update_account(
                [{"op": "replace", "path": "/cloudwatchRoleArn", "value": props["CloudWatchRoleArn"]}]
            )

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Account":
        cls._put(cloudformation_json["Properties"], account_id, region_name)
        return cls()

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Account",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Account":
        cls._put(cloudformation_json["Properties"], account_id, region_name)
        return original_resource

    def delete(self, account_id: str, region_name: str) -> None:
        # As in CloudFormation: the settings outlive the resource (there is no API to reset them).
        pass


class GatewayResponse(CloudFormationModel):
    def __init__(self, rest_api_id: str, response_type: str):
        self.rest_api_id = rest_api_id
        self.response_type = response_type
        self.id = create_id()

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-gatewayresponse.html
        return "AWS::ApiGateway::GatewayResponse"

    @property
    def physical_resource_id(self) -> str:
        return self.id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Id"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Id":
            return self.id
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _put(props: dict[str, Any], account_id: str, region_name: str) -> None:
        _backend(account_id, region_name).put_gateway_response(
            rest_api_id=props["RestApiId"],
            response_type=props["ResponseType"],
            status_code=props.get("StatusCode"),  # type: ignore[arg-type]
            response_parameters=props.get("ResponseParameters"),
            response_templates=props.get("ResponseTemplates"),
        )

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "GatewayResponse":
        props = cloudformation_json["Properties"]
        cls._put(props, account_id, region_name)
        return cls(props["RestApiId"], props["ResponseType"])

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "GatewayResponse",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "GatewayResponse":
        props = cloudformation_json["Properties"]
        if (props["RestApiId"], props["ResponseType"]) != (original_resource.rest_api_id, original_resource.response_type):
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        cls._put(props, account_id, region_name)
        return original_resource

    def delete(self, account_id: str, region_name: str) -> None:
        _unless_gone(
            lambda: _backend(account_id, region_name).delete_gateway_response(self.rest_api_id, self.response_type)
        )


class Model(CloudFormationModel):
    def __init__(self, rest_api_id: str, name: str):
        self.rest_api_id = rest_api_id
        self.name = name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-model.html
        return "AWS::ApiGateway::Model"

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
    ) -> "Model":
        props = cloudformation_json["Properties"]
        _backend(account_id, region_name).create_model(
            rest_api_id=props["RestApiId"],
            name=resource_name,
            content_type=props.get("ContentType"),  # type: ignore[arg-type]
            description=props.get("Description"),  # type: ignore[arg-type]
            schema=_json_text(props.get("Schema")),  # type: ignore[arg-type]
        )
        return cls(props["RestApiId"], resource_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Model",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Model":
        # moto has no UpdateModel: the model is made again, with its new description and schema.
        name = cloudformation_json["Properties"].get("Name", original_resource.name)
        original_resource.delete(account_id, region_name)
        return cls.create_from_cloudformation_json(name, cloudformation_json, account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        _unless_gone(lambda: _backend(account_id, region_name).delete_model(self.rest_api_id, self.name))


class RequestValidator(CloudFormationModel):
    def __init__(self, rest_api_id: str, validator_id: str):
        self.rest_api_id = rest_api_id
        self.id = validator_id

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-requestvalidator.html
        return "AWS::ApiGateway::RequestValidator"

    @property
    def physical_resource_id(self) -> str:
        return self.id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["RequestValidatorId"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "RequestValidatorId":
            return self.id
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "RequestValidator":
        props = cloudformation_json["Properties"]
        validator = _backend(account_id, region_name).create_request_validator(
            restapi_id=props["RestApiId"],
            name=resource_name,
            body=_bool(props.get("ValidateRequestBody", False)),
            params=_bool(props.get("ValidateRequestParameters", False)),
        )
        return cls(props["RestApiId"], validator.id)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "RequestValidator",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "RequestValidator":
        props = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        current = backend.get_request_validator(original_resource.rest_api_id, original_resource.id)
        if props["RestApiId"] != original_resource.rest_api_id or props.get("Name", current.name) != current.name:
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        backend.update_request_validator(
            original_resource.rest_api_id,
            original_resource.id,
            [
                {"op": "replace", "path": "/validateRequestBody", "value": _patch_value(_bool(props.get("ValidateRequestBody", False)))},
                {
                    "op": "replace",
                    "path": "/validateRequestParameters",
                    "value": _patch_value(_bool(props.get("ValidateRequestParameters", False))),
                },
            ],
        )
        return original_resource

    def delete(self, account_id: str, region_name: str) -> None:
        _unless_gone(
            lambda: _backend(account_id, region_name).delete_request_validator(self.rest_api_id, self.id)
        )
