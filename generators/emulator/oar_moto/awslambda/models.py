"""Lambda types, created through moto's Lambda backend.

Adds AWS::Lambda::Alias, and replaces moto's models of AWS::Lambda::Version (no physical id,
no GetAtt Version, never deletes) and AWS::Lambda::Permission (no physical id, never
deletes, ignores a qualifier in FunctionName, and copies FunctionName into the statement).
"""

import json
import re
from typing import Any

from moto.awslambda.exceptions import UnknownFunctionException, UnknownPolicyException
from moto.awslambda.models import LambdaBackend, lambda_backends
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel


def _backend(account_id: str, region_name: str) -> LambdaBackend:
    return lambda_backends[account_id][region_name]


def _name_and_qualifier(function: str) -> tuple[str, str | None]:
    """A FunctionName property (a name, a partial or full ARN, any of them with a version or
    alias after a colon) as the function's name and the qualifier, if any."""
    tail = function.split(":function:")[-1] if ":function:" in function else function
    name, _, qualifier = tail.partition(":")
    return name, qualifier or None


def _routing_config(routing: dict[str, Any] | None) -> dict[str, Any] | None:
    """RoutingConfig as the API takes it: AdditionalVersionWeights maps version to weight."""
    if not routing:
        return None
    weights = routing.get("AdditionalVersionWeights", [])
    return {"AdditionalVersionWeights": {str(w["FunctionVersion"]): float(w["FunctionWeight"]) for w in weights}}


class LambdaAlias(CloudFormationModel):
    def __init__(self, arn: str, name: str, function_name: str):
        self.arn = arn
        self.name = name
        self.function_name = function_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-alias.html
        return "AWS::Lambda::Alias"

    @property
    def physical_resource_id(self) -> str:
        return self.arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["AliasArn"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "AliasArn":
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
    ) -> "LambdaAlias":
        props = cloudformation_json["Properties"]
        name, _ = _name_and_qualifier(props["FunctionName"])
        # ProvisionedConcurrencyConfig is not set: moto has no provisioned concurrency.
        alias = _backend(account_id, region_name).create_alias(
            name=resource_name,
            function_name=name,
            function_version=str(props["FunctionVersion"]),
            description=props.get("Description", ""),
            routing_config=_routing_config(props.get("RoutingConfig")),  # type: ignore[arg-type]
        )
        return cls(alias.arn, resource_name, name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "LambdaAlias",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "LambdaAlias":
        props = cloudformation_json["Properties"]
        name, _ = _name_and_qualifier(props["FunctionName"])
        if (new_resource_name, name) != (original_resource.name, original_resource.function_name):
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        # An UpdatePolicy CodeDeployLambdaAliasUpdate would have CodeDeploy shift the traffic;
        # here the alias moves at once, as with no update policy.
        _backend(account_id, region_name).update_alias(
            name=original_resource.name,
            function_name=name,
            function_version=str(props["FunctionVersion"]),
            description=props.get("Description", ""),
            routing_config=_routing_config(props.get("RoutingConfig")) or {},  # type: ignore[arg-type]
        )
        return original_resource

    def delete(self, account_id: str, region_name: str) -> None:
        try:
            _backend(account_id, region_name).delete_alias(self.name, self.function_name)
        except UnknownFunctionException:
            pass  # deleting the function deleted its aliases


class LambdaVersion(CloudFormationModel):
    """Replaces moto's model: Ref gives the version's ARN, GetAtt its number, and deleting
    the stack deletes the version (unless its DeletionPolicy is Retain)."""

    def __init__(self, function_name: str, version: str, arn: str):
        self.function_name = function_name
        self.version = version
        self.arn = arn

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-version.html
        return "AWS::Lambda::Version"

    @property
    def physical_resource_id(self) -> str:
        return self.arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Version", "FunctionArn"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Version":
            return self.version
        if attribute_name == "FunctionArn":
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
    ) -> "LambdaVersion":
        props = cloudformation_json["Properties"]
        name, _ = _name_and_qualifier(props["FunctionName"])
        # CodeSha256, ProvisionedConcurrencyConfig, RuntimePolicy and FunctionScalingConfig are
        # not checked or set: moto's PublishVersion takes none of them.
        fn = _backend(account_id, region_name).publish_version(name, props.get("Description", ""))
        if fn is None:
            raise UnknownFunctionException(props["FunctionName"])
        return cls(fn.function_name, str(fn.version), fn.function_arn)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "LambdaVersion",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "LambdaVersion":
        # A version cannot change: every property change publishes a new one. The old one is
        # kept, as CloudFormation does under UpdateReplacePolicy Retain (which CDK sets).
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        try:
            _backend(account_id, region_name).delete_function(self.function_name, self.version)
        except UnknownFunctionException:
            pass  # deleting the function deleted its versions


class Permission(CloudFormationModel):
    """Replaces moto's model (see the module's docstring). The statement id is the name
    CloudFormation generates, which is also what Ref and GetAtt Id give."""

    def __init__(self, function_name: str, qualifier: str | None, statement_id: str):
        self.function_name = function_name
        self.qualifier = qualifier
        self.id = statement_id

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-permission.html
        return "AWS::Lambda::Permission"

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

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Permission":
        props = cloudformation_json["Properties"]
        name, qualifier = _name_and_qualifier(props["FunctionName"])
        statement_id = re.sub(r"[^a-zA-Z0-9_-]", "", resource_name)[:100]
        # FunctionUrlAuthType and InvokedViaFunctionUrl are not set: moto's policy has no such conditions.
        keys = ["Action", "Principal", "SourceArn", "SourceAccount", "PrincipalOrgID", "EventSourceToken"]
        statement = {"StatementId": statement_id, **{k: props[k] for k in keys if k in props}}
        _backend(account_id, region_name).add_permission(name, qualifier, json.dumps(statement))  # type: ignore[arg-type]
        return cls(name, qualifier, statement_id)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Permission",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Permission":
        # Every property of a permission requires replacement.
        original_resource.delete(account_id, region_name)
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        target = f"{self.function_name}:{self.qualifier}" if self.qualifier else self.function_name
        try:
            _backend(account_id, region_name).remove_permission(target, self.id)
        except (UnknownFunctionException, UnknownPolicyException):
            pass  # deleting the function (or its alias) deleted its policy


class FunctionUrl(CloudFormationModel):
    """AWS::Lambda::Url, through moto's create_function_url_config (moto ignores the Qualifier)."""

    def __init__(self, function_arn: str, url: str):
        self.function_arn = function_arn
        self.url = url

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-url.html
        return "AWS::Lambda::Url"

    @property
    def physical_resource_id(self) -> str:
        # Ref returns the function's ARN.
        return self.function_arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["FunctionArn", "FunctionUrl"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "FunctionArn":
            return self.function_arn
        if attribute_name == "FunctionUrl":
            return self.url
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _config(props: dict[str, Any]) -> dict[str, Any]:
        return {k: props[k] for k in ("AuthType", "Cors", "InvokeMode") if props.get(k) is not None}

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "FunctionUrl":
        props = cloudformation_json["Properties"]
        name, _ = _name_and_qualifier(props["TargetFunctionArn"])
        config = _backend(account_id, region_name).create_function_url_config(name, cls._config(props))
        return cls(config.function.function_arn, config.url)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "FunctionUrl",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "FunctionUrl":
        props = cloudformation_json["Properties"]
        name, _ = _name_and_qualifier(props["TargetFunctionArn"])
        backend = _backend(account_id, region_name)
        if backend.get_function(name).function_arn != original_resource.function_arn:
            # TargetFunctionArn requires replacement.
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        config = backend.update_function_url_config(name, cls._config(props))
        return cls(config.function.function_arn, config.url)

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        try:
            _backend(account_id, region_name).delete_function_url_config(resource_name)
        except UnknownFunctionException:
            return

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.function_arn, {}, account_id, region_name)
