"""AWS::ApiGatewayV2::Api, Stage, Route, Integration and Authorizer, created through moto's API Gateway v2
backend (create_api, create_stage, create_route, create_integration, create_authorizer)."""

from typing import Any

from moto.apigatewayv2.models import apigatewayv2_backends
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel


def _bool(value: Any) -> bool | None:
    """A CloudFormation boolean, which may arrive as "true" or "false"."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.lower() == "true"
    return bool(value)


def _camel(props: dict[str, Any] | None) -> dict[str, Any] | None:
    """A flat structure's PascalCase keys in the API's camelCase (CorsConfiguration, JwtConfiguration…)."""
    if props is None:
        return None
    return {k[:1].lower() + k[1:]: v for k, v in props.items()}


def _route_settings(props: dict[str, Any] | None) -> dict[str, Any] | None:
    """RouteSettings as the API takes them: numbers typed, booleans typed, camelCase keys."""
    if props is None:
        return None
    out: dict[str, Any] = {}
    for key, value in props.items():
        name = key[:1].lower() + key[1:]
        if key == "ThrottlingBurstLimit":
            out[name] = int(value)
        elif key == "ThrottlingRateLimit":
            out[name] = float(value)
        elif key in ("DataTraceEnabled", "DetailedMetricsEnabled"):
            out[name] = _bool(value)
        else:
            out[name] = value
    return out


def _cors(props: dict[str, Any] | None) -> dict[str, Any] | None:
    cors = _camel(props)
    if cors is None:
        return None
    if "maxAge" in cors:
        cors["maxAge"] = int(cors["maxAge"])
    if "allowCredentials" in cors:
        cors["allowCredentials"] = _bool(cors["allowCredentials"])
    return cors


class Api(CloudFormationModel):
    def __init__(self, api_id: str, account_id: str, region_name: str):
        self.api_id = api_id
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-api.html
        return "AWS::ApiGatewayV2::Api"

    @property
    def physical_resource_id(self) -> str:
        return self.api_id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["ApiEndpoint", "ApiId"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        api = apigatewayv2_backends[self.account_id][self.region_name].get_api(self.api_id)
        if attribute_name == "ApiEndpoint":
            return api.api_endpoint
        if attribute_name == "ApiId":
            return api.api_id
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Api":
        props = cloudformation_json.get("Properties", {})
        api = apigatewayv2_backends[account_id][region_name].create_api(
            api_key_selection_expression=props.get("ApiKeySelectionExpression"),  # type: ignore[arg-type]
            cors_configuration=_cors(props.get("CorsConfiguration")),  # type: ignore[arg-type]
            description=props.get("Description"),  # type: ignore[arg-type]
            disable_schema_validation=_bool(props.get("DisableSchemaValidation")),  # type: ignore[arg-type]
            disable_execute_api_endpoint=_bool(props.get("DisableExecuteApiEndpoint")),  # type: ignore[arg-type]
            name=props.get("Name", resource_name),
            protocol_type=props["ProtocolType"],
            route_selection_expression=props.get("RouteSelectionExpression"),  # type: ignore[arg-type]
            tags=props.get("Tags") or {},
            version=props.get("Version"),  # type: ignore[arg-type]
        )
        return cls(api.api_id, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Api",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Api":
        props = cloudformation_json.get("Properties", {})
        backend = apigatewayv2_backends[account_id][region_name]
        api = backend.get_api(original_resource.api_id)
        if props["ProtocolType"] != api.protocol_type:
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        backend.update_api(
            api_id=api.api_id,
            api_key_selection_expression=props.get("ApiKeySelectionExpression"),  # type: ignore[arg-type]
            cors_configuration=_cors(props.get("CorsConfiguration")),  # type: ignore[arg-type]
            description=props.get("Description"),  # type: ignore[arg-type]
            disable_schema_validation=_bool(props.get("DisableSchemaValidation")),  # type: ignore[arg-type]
            disable_execute_api_endpoint=_bool(props.get("DisableExecuteApiEndpoint")),  # type: ignore[arg-type]
            name=props.get("Name", api.name),
            route_selection_expression=props.get("RouteSelectionExpression"),  # type: ignore[arg-type]
            version=props.get("Version"),  # type: ignore[arg-type]
        )
        if "CorsConfiguration" not in props:
            backend.delete_cors_configuration(api.api_id)
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        cls(resource_name, account_id, region_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        apigatewayv2_backends[account_id][region_name].delete_api(self.api_id)


class _ApiChild:
    """A resource that lives in one API and is deleted through it: stage, route, integration, authorizer. A
    mixin, so that each model stays a direct subclass of CloudFormationModel, which moto's type map lists."""

    def __init__(self, api_id: str, child_id: str, account_id: str, region_name: str):
        self.api_id = api_id
        self.child_id = child_id
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @property
    def physical_resource_id(self) -> str:
        return self.child_id

    def _delete_from(self, backend: Any) -> None:
        raise NotImplementedError

    @classmethod
    def delete_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        api_id = cloudformation_json["Properties"]["ApiId"]
        cls(api_id, resource_name, account_id, region_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = apigatewayv2_backends[account_id][region_name]
        # Deleting the API deletes what it holds; CloudFormation may delete it first.
        if self.api_id in backend.apis:
            self._delete_from(backend)


class Stage(_ApiChild, CloudFormationModel):
    @staticmethod
    def cloudformation_name_type() -> str:
        return "StageName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-stage.html
        return "AWS::ApiGatewayV2::Stage"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _config(name: str, props: dict[str, Any]) -> dict[str, Any]:
        """CreateStage's request body, from the template's properties."""
        config: dict[str, Any] = {"stageName": name}
        if "AccessLogSettings" in props:
            config["accessLogSettings"] = _camel(props["AccessLogSettings"])
        if "AutoDeploy" in props:
            config["autoDeploy"] = _bool(props["AutoDeploy"])
        if "DefaultRouteSettings" in props:
            config["defaultRouteSettings"] = _route_settings(props["DefaultRouteSettings"])
        if "RouteSettings" in props:
            config["routeSettings"] = {k: _route_settings(v) for k, v in props["RouteSettings"].items()}
        for key in ("ClientCertificateId", "DeploymentId", "Description", "StageVariables", "Tags"):
            if key in props:
                config[key[:1].lower() + key[1:]] = props[key]
        return config

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
        name = props.get("StageName", resource_name)
        apigatewayv2_backends[account_id][region_name].create_stage(props["ApiId"], cls._config(name, props))
        return cls(props["ApiId"], name, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Stage",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Stage":
        # moto has no UpdateStage; the stage is created again under its name with the new settings.
        original_resource.delete(account_id, region_name)
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    def _delete_from(self, backend: Any) -> None:
        backend.delete_stage(self.api_id, self.child_id)


class Route(_ApiChild, CloudFormationModel):
    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-route.html
        return "AWS::ApiGatewayV2::Route"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["RouteId"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "RouteId":
            return self.child_id
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _args(props: dict[str, Any]) -> dict[str, Any]:
        return {
            "api_key_required": _bool(props.get("ApiKeyRequired")) or False,
            "authorization_scopes": props.get("AuthorizationScopes"),
            "authorization_type": props.get("AuthorizationType"),
            "authorizer_id": props.get("AuthorizerId"),
            "model_selection_expression": props.get("ModelSelectionExpression"),
            "operation_name": props.get("OperationName"),
            "request_models": props.get("RequestModels"),
            "request_parameters": props.get("RequestParameters"),
            "route_key": props["RouteKey"],
            "route_response_selection_expression": props.get("RouteResponseSelectionExpression"),
            "target": props.get("Target"),
        }

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Route":
        props = cloudformation_json["Properties"]
        route = apigatewayv2_backends[account_id][region_name].create_route(api_id=props["ApiId"], **cls._args(props))
        return cls(props["ApiId"], route.route_id, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Route",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Route":
        props = cloudformation_json["Properties"]
        if props["ApiId"] != original_resource.api_id:
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        backend = apigatewayv2_backends[account_id][region_name]
        backend.update_route(api_id=original_resource.api_id, route_id=original_resource.child_id, **cls._args(props))
        route = backend.get_route(original_resource.api_id, original_resource.child_id)
        # UpdateRoute leaves unset fields alone; CloudFormation's update removes what the template no longer sets.
        if "AuthorizationScopes" not in props:
            route.authorization_scopes = None  # type: ignore[assignment]
        if "AuthorizerId" not in props:
            route.authorizer_id = None  # type: ignore[assignment]
        return original_resource

    def _delete_from(self, backend: Any) -> None:
        backend.delete_route(self.api_id, self.child_id)


class Integration(_ApiChild, CloudFormationModel):
    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-integration.html
        return "AWS::ApiGatewayV2::Integration"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["IntegrationId"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "IntegrationId":
            return self.child_id
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _args(props: dict[str, Any]) -> dict[str, Any]:
        timeout = props.get("TimeoutInMillis")
        return {
            "connection_id": props.get("ConnectionId"),
            "connection_type": props.get("ConnectionType"),
            "content_handling_strategy": props.get("ContentHandlingStrategy"),
            "credentials_arn": props.get("CredentialsArn"),
            "description": props.get("Description"),
            "integration_method": props.get("IntegrationMethod"),
            "integration_subtype": props.get("IntegrationSubtype"),
            "integration_type": props["IntegrationType"],
            "integration_uri": props.get("IntegrationUri"),
            "passthrough_behavior": props.get("PassthroughBehavior"),
            "payload_format_version": props.get("PayloadFormatVersion"),
            "request_parameters": props.get("RequestParameters"),
            "request_templates": props.get("RequestTemplates"),
            "response_parameters": props.get("ResponseParameters"),
            "template_selection_expression": props.get("TemplateSelectionExpression"),
            "timeout_in_millis": int(timeout) if timeout is not None else None,
            "tls_config": _camel(props.get("TlsConfig")),
        }

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Integration":
        props = cloudformation_json["Properties"]
        integration = apigatewayv2_backends[account_id][region_name].create_integration(
            api_id=props["ApiId"], **cls._args(props)
        )
        return cls(props["ApiId"], integration.id, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Integration",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Integration":
        props = cloudformation_json["Properties"]
        if props["ApiId"] != original_resource.api_id:
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        apigatewayv2_backends[account_id][region_name].update_integration(
            api_id=original_resource.api_id, integration_id=original_resource.child_id, **cls._args(props)
        )
        return original_resource

    def _delete_from(self, backend: Any) -> None:
        backend.delete_integration(self.api_id, self.child_id)


class Authorizer(_ApiChild, CloudFormationModel):
    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-authorizer.html
        return "AWS::ApiGatewayV2::Authorizer"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["AuthorizerId"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "AuthorizerId":
            return self.child_id
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _args(props: dict[str, Any]) -> dict[str, Any]:
        ttl = props.get("AuthorizerResultTtlInSeconds")
        return {
            "auth_creds_arn": props.get("AuthorizerCredentialsArn"),
            "auth_payload_format_version": props.get("AuthorizerPayloadFormatVersion"),
            "auth_result_ttl": int(ttl) if ttl is not None else None,
            "authorizer_type": props["AuthorizerType"],
            "authorizer_uri": props.get("AuthorizerUri"),
            "enable_simple_response": _bool(props.get("EnableSimpleResponses")),
            "identity_source": props.get("IdentitySource"),
            "identity_validation_expr": props.get("IdentityValidationExpression"),
            "jwt_config": _camel(props.get("JwtConfiguration")),
            "name": props["Name"],
        }

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Authorizer":
        props = cloudformation_json["Properties"]
        authorizer = apigatewayv2_backends[account_id][region_name].create_authorizer(
            api_id=props["ApiId"], **cls._args(props)
        )
        return cls(props["ApiId"], authorizer.id, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Authorizer",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Authorizer":
        props = cloudformation_json["Properties"]
        if props["ApiId"] != original_resource.api_id:
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        apigatewayv2_backends[account_id][region_name].update_authorizer(
            api_id=original_resource.api_id, authorizer_id=original_resource.child_id, **cls._args(props)
        )
        return original_resource

    def _delete_from(self, backend: Any) -> None:
        backend.delete_authorizer(self.api_id, self.child_id)
