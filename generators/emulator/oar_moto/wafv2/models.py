"""AWS::WAFv2::WebACL, created through moto's WAFv2 backend (create_web_acl, update_web_acl,
delete_web_acl). A web ACL of scope CLOUDFRONT lives in the backend moto keeps for the global
scope, as its API handlers do."""

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.wafv2.models import GLOBAL_REGION, FakeWebACL, WAFV2Backend, wafv2_backends

# Members whose values are numbers in the API; CloudFormation may give them as strings.
NUMBERS = {"Priority", "Limit", "EvaluationWindowSec", "Size", "ImmunityTime", "Version"}


def _backend(account_id: str, region_name: str, scope: str) -> WAFV2Backend:
    return wafv2_backends[account_id][GLOBAL_REGION if scope == "CLOUDFRONT" else region_name]


def _api(value: Any, key: str = "") -> Any:
    """A CloudFormation property value as the API takes it: WAFv2's CloudFormation members have
    the API's names, but booleans and numbers may arrive as strings."""
    if isinstance(value, dict):
        return {k: _api(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_api(v, key) for v in value]
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    if isinstance(value, str) and key in NUMBERS and value.lstrip("-").isdigit():
        return int(value)
    return value


class WebACL(CloudFormationModel):
    def __init__(self, web_acl: FakeWebACL, scope: str, account_id: str, region_name: str):
        self.name = web_acl.name
        self.id = web_acl.id
        self.arn = web_acl.arn
        self.scope = scope
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-wafv2-webacl.html
        return "AWS::WAFv2::WebACL"

    @property
    def physical_resource_id(self) -> str:
        # Ref returns name|id|scope.
        return f"{self.name}|{self.id}|{self.scope}"

    @property
    def web_acl(self) -> FakeWebACL:
        return _backend(self.account_id, self.region_name, self.scope).get_web_acl(self.arn, None, None)

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Arn", "Capacity", "Id", "LabelNamespace"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Arn":
            return self.arn
        if attribute_name == "Id":
            return self.id
        if attribute_name == "Capacity":
            return self.web_acl.capacity
        if attribute_name == "LabelNamespace":
            return self.web_acl.label_namespace
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _optional(props: dict[str, Any]) -> dict[str, Any]:
        return {
            "custom_response_bodies": _api(props.get("CustomResponseBodies")),
            "captcha_config": _api(props.get("CaptchaConfig")),
            "challenge_config": _api(props.get("ChallengeConfig")),
            "token_domains": props.get("TokenDomains"),
            "association_config": _api(props.get("AssociationConfig")),
        }

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "WebACL":
        props = cloudformation_json["Properties"]
        scope = props["Scope"]
        web_acl = _backend(account_id, region_name, scope).create_web_acl(
            name=props.get("Name", resource_name),
            visibility_config=_api(props["VisibilityConfig"]),
            default_action=_api(props["DefaultAction"]),
            scope=scope,
            description=props.get("Description", ""),
            tags=props.get("Tags", []),
            rules=_api(props.get("Rules", [])),
            **cls._optional(props),
        )
        return cls(web_acl, scope, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "WebACL",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "WebACL":
        props = cloudformation_json["Properties"]
        name = props.get("Name", original_resource.name)
        if name != original_resource.name or props["Scope"] != original_resource.scope:
            # A new name or scope replaces the web ACL.
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        backend = _backend(account_id, region_name, original_resource.scope)
        backend.update_web_acl(
            name=name,
            _id=original_resource.id,
            default_action=_api(props["DefaultAction"]),
            rules=_api(props.get("Rules", [])),
            description=props.get("Description", ""),
            visibility_config=_api(props["VisibilityConfig"]),
            lock_token=original_resource.web_acl.lock_token,
            **cls._optional(props),
        )
        tags = props.get("Tags", [])
        old = backend.tagging_service.list_tags_for_resource(original_resource.arn)["Tags"]
        backend.untag_resource(original_resource.arn, [t["Key"] for t in old])
        backend.tag_resource(original_resource.arn, tags)
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        name, _id, scope = resource_name.split("|")
        backend = _backend(account_id, region_name, scope)
        for web_acl in list(backend.wacls.values()):
            if web_acl.name == name and web_acl.id == _id:
                backend.delete_web_acl(name, scope, _id, web_acl.lock_token)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name, self.scope)
        if self.arn in backend.wacls:
            backend.delete_web_acl(self.name, self.scope, self.id, backend.wacls[self.arn].lock_token)
