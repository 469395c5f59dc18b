"""AWS::Cognito::UserPool, UserPoolClient, UserPoolDomain and UserPoolResourceServer, created through moto's
Cognito user pools backend (create_user_pool, set_user_pool_mfa_config, create_user_pool_client,
create_user_pool_domain, create_resource_server)."""

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.cognitoidp.models import cognitoidp_backends
from moto.core.common_models import CloudFormationModel

# CloudFormation passes numbers and booleans as strings; the API takes them typed. Keys by the type they carry.
_BOOLEANS = {
    "AllowAdminCreateUserOnly",
    "RequireLowercase",
    "RequireNumbers",
    "RequireSymbols",
    "RequireUppercase",
    "CaseSensitive",
    "ChallengeRequiredOnNewDevice",
    "DeviceOnlyRememberedOnUserPrompt",
    "Mutable",
    "Required",
    "DeveloperOnlyAttribute",
    "AllowedOAuthFlowsUserPoolClient",
    "EnableTokenRevocation",
    "EnablePropagateAdditionalUserContextData",
    "GenerateSecret",
    "UserDataShared",
}
_INTEGERS = {
    "MinimumLength",
    "TemporaryPasswordValidityDays",
    "PasswordHistorySize",
    "UnusedAccountValidityDays",
    "Priority",
    "AccessTokenValidity",
    "IdTokenValidity",
    "RefreshTokenValidity",
    "AuthSessionValidity",
    "RetryGracePeriodSeconds",
}


def _typed(value: Any, key: str = "") -> Any:
    """The template's value with booleans and integers typed as the API takes them."""
    if isinstance(value, dict):
        return {k: _typed(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v, key) for v in value]
    if key in _BOOLEANS and isinstance(value, str):
        return value.lower() == "true"
    if key in _INTEGERS and isinstance(value, str):
        return int(value)
    return value


def _mfa_config(props: dict[str, Any]) -> tuple[dict[str, Any] | None, dict[str, bool] | None]:
    """EnabledMfas (a CloudFormation-only property) as SetUserPoolMfaConfig's SMS and TOTP configurations."""
    enabled = props.get("EnabledMfas") or []
    sms = {"SmsConfiguration": props.get("SmsConfiguration", {})} if "SMS_MFA" in enabled else None
    token = {"Enabled": True} if "SOFTWARE_TOKEN_MFA" in enabled else None
    return sms, token


class UserPool(CloudFormationModel):
    def __init__(self, user_pool_id: str, account_id: str, region_name: str):
        self.user_pool_id = user_pool_id
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "UserPoolName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cognito-userpool.html
        return "AWS::Cognito::UserPool"

    @property
    def physical_resource_id(self) -> str:
        return self.user_pool_id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Arn", "ProviderName", "ProviderURL", "UserPoolId"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        pool = cognitoidp_backends[self.account_id][self.region_name].describe_user_pool(self.user_pool_id)
        provider = f"cognito-idp.{self.region_name}.amazonaws.com/{pool.id}"
        if attribute_name == "Arn":
            return pool.arn
        if attribute_name == "ProviderName":
            return provider
        if attribute_name == "ProviderURL":
            return f"https://{provider}"
        if attribute_name == "UserPoolId":
            return pool.id
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _config(props: dict[str, Any]) -> dict[str, Any]:
        """CreateUserPool's request without PoolName, from the template's properties."""
        config = {k: v for k, v in props.items() if k not in ("UserPoolName", "EnabledMfas")}
        return _typed(config)

    @classmethod
    def _set_mfa(cls, pool_id: str, props: dict[str, Any], account_id: str, region_name: str) -> None:
        sms, token = _mfa_config(props)
        mfa = props.get("MfaConfiguration", "OFF")
        cognitoidp_backends[account_id][region_name].set_user_pool_mfa_config(pool_id, sms, token, mfa)  # type: ignore[arg-type]

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "UserPool":
        props = cloudformation_json.get("Properties", {})
        backend = cognitoidp_backends[account_id][region_name]
        pool = backend.create_user_pool(resource_name, cls._config(props))
        cls._set_mfa(pool.id, props, account_id, region_name)
        return cls(pool.id, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "UserPool",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "UserPool":
        props = cloudformation_json.get("Properties", {})
        backend = cognitoidp_backends[account_id][region_name]
        # Every property but the schema's attributes and sign-in attributes updates in place (UpdateUserPool).
        config = cls._config(props)
        config.pop("Schema", None)
        backend.update_user_pool(original_resource.user_pool_id, config)
        if "UserPoolName" in props:
            backend.describe_user_pool(original_resource.user_pool_id).name = props["UserPoolName"]
        cls._set_mfa(original_resource.user_pool_id, props, account_id, region_name)
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        backend = cognitoidp_backends[account_id][region_name]
        if resource_name in backend.user_pools:
            backend.delete_user_pool(resource_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = cognitoidp_backends[account_id][region_name]
        if self.user_pool_id in backend.user_pools:
            backend.delete_user_pool(self.user_pool_id)


class UserPoolClient(CloudFormationModel):
    def __init__(self, user_pool_id: str, client_id: str, account_id: str, region_name: str):
        self.user_pool_id = user_pool_id
        self.client_id = client_id
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "ClientName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cognito-userpoolclient.html
        return "AWS::Cognito::UserPoolClient"

    @property
    def physical_resource_id(self) -> str:
        return self.client_id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["ClientId", "ClientSecret", "Name"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        backend = cognitoidp_backends[self.account_id][self.region_name]
        client = backend.describe_user_pool_client(self.user_pool_id, self.client_id)
        if attribute_name == "ClientId":
            return client.id
        if attribute_name == "ClientSecret":
            # Like CloudFormation, only a client that generates a secret has one to return.
            if not client.generate_secret:
                raise UnformattedGetAttTemplateException()
            return client.secret
        if attribute_name == "Name":
            return client.extended_config.get("ClientName")
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _config(name: str, props: dict[str, Any]) -> dict[str, Any]:
        config = {k: v for k, v in props.items() if k not in ("UserPoolId", "GenerateSecret")}
        config["ClientName"] = name
        return _typed(config)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "UserPoolClient":
        props = cloudformation_json["Properties"]
        backend = cognitoidp_backends[account_id][region_name]
        generate_secret = _typed(props.get("GenerateSecret", False), "GenerateSecret")
        client = backend.create_user_pool_client(
            props["UserPoolId"], generate_secret, cls._config(resource_name, props)
        )
        return cls(props["UserPoolId"], client.id, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "UserPoolClient",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "UserPoolClient":
        props = cloudformation_json["Properties"]
        backend = cognitoidp_backends[account_id][region_name]
        old = backend.describe_user_pool_client(original_resource.user_pool_id, original_resource.client_id)
        secret = _typed(props.get("GenerateSecret", False), "GenerateSecret")
        if props["UserPoolId"] != original_resource.user_pool_id or secret != old.generate_secret:
            # UserPoolId and GenerateSecret need a replacement.
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        name = props.get("ClientName", old.extended_config.get("ClientName", new_resource_name))
        backend.update_user_pool_client(
            original_resource.user_pool_id, original_resource.client_id, cls._config(name, props)
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
        pool_id = cloudformation_json["Properties"]["UserPoolId"]
        cls(pool_id, resource_name, account_id, region_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = cognitoidp_backends[account_id][region_name]
        pool = backend.user_pools.get(self.user_pool_id)
        if pool is not None and self.client_id in pool.clients:
            backend.delete_user_pool_client(self.user_pool_id, self.client_id)


class UserPoolDomain(CloudFormationModel):
    def __init__(self, domain: str, account_id: str, region_name: str):
        self.domain = domain
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cognito-userpooldomain.html
        return "AWS::Cognito::UserPoolDomain"

    @property
    def physical_resource_id(self) -> str:
        return self.domain

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["CloudFrontDistribution", "Id"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        backend = cognitoidp_backends[self.account_id][self.region_name]
        domain = backend.describe_user_pool_domain(self.domain)
        if domain is None:
            raise UnformattedGetAttTemplateException()
        if attribute_name == "CloudFrontDistribution":
            return domain.to_json(extended=False)["CloudFrontDomain"]
        if attribute_name == "Id":
            return domain.domain
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "UserPoolDomain":
        props = cloudformation_json["Properties"]
        backend = cognitoidp_backends[account_id][region_name]
        backend.create_user_pool_domain(props["UserPoolId"], props["Domain"], props.get("CustomDomainConfig"))
        return cls(props["Domain"], account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "UserPoolDomain",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "UserPoolDomain":
        props = cloudformation_json["Properties"]
        backend = cognitoidp_backends[account_id][region_name]
        current = backend.describe_user_pool_domain(original_resource.domain)
        if current is None or props["Domain"] != current.domain or props["UserPoolId"] != current.user_pool_id:
            # Domain and UserPoolId need a replacement; CustomDomainConfig updates in place.
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        backend.update_user_pool_domain(current.domain, props.get("CustomDomainConfig") or {})
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
        backend = cognitoidp_backends[account_id][region_name]
        if backend.describe_user_pool_domain(self.domain) is not None:
            backend.delete_user_pool_domain(self.domain)


class UserPoolResourceServer(CloudFormationModel):
    def __init__(self, user_pool_id: str, identifier: str, account_id: str, region_name: str):
        self.user_pool_id = user_pool_id
        self.identifier = identifier
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cognito-userpoolresourceserver.html
        return "AWS::Cognito::UserPoolResourceServer"

    @property
    def physical_resource_id(self) -> str:
        return self.identifier

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
    ) -> "UserPoolResourceServer":
        props = cloudformation_json["Properties"]
        backend = cognitoidp_backends[account_id][region_name]
        backend.create_resource_server(
            props["UserPoolId"], props["Identifier"], props["Name"], props.get("Scopes") or []
        )
        return cls(props["UserPoolId"], props["Identifier"], account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "UserPoolResourceServer",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "UserPoolResourceServer":
        props = cloudformation_json["Properties"]
        if props["UserPoolId"] != original_resource.user_pool_id or props["Identifier"] != original_resource.identifier:
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        # moto has no UpdateResourceServer; Name and Scopes update in place, as that call would.
        server = cognitoidp_backends[account_id][region_name].describe_resource_server(
            original_resource.user_pool_id, original_resource.identifier
        )
        server.name = props["Name"]
        server.scopes = props.get("Scopes") or []
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        pool_id = cloudformation_json["Properties"]["UserPoolId"]
        cls(pool_id, resource_name, account_id, region_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        # moto has no DeleteResourceServer; remove it from its user pool, as that call would.
        pool = cognitoidp_backends[account_id][region_name].user_pools.get(self.user_pool_id)
        if pool is not None:
            pool.resource_servers.pop(self.identifier, None)
