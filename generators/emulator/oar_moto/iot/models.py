"""AWS::IoT::TopicRule, created through moto's IoT backend (CreateTopicRule, ReplaceTopicRule,
DeleteTopicRule). moto 5.2.1 has the backend calls but no CloudFormation model for the type.

The template's TopicRulePayload is written in CloudFormation's PascalCase; the API, and so moto's
backend, keeps camelCase (Actions[].Kinesis.StreamName is actions[].kinesis.streamName), so keys are
converted. AWS::IoT::ProvisioningTemplate is not modelled: moto has no backend call for it.

Also fixed, for AWS::IoT::ThingType and AWS::IoT::Policy (moto.iot.models.FakeThingType, FakePolicy): moto
5.2.1 gives them no physical resource id, so Ref returns the Python object's repr and the stack lists no
physical id; Ref returns the thing type name and the policy name. Its Policy model stores the template's
PolicyDocument object where the API keeps JSON text, so GetPolicy answered an object.
"""

import json

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.iot.exceptions import ResourceNotFoundException
from moto.iot.models import FakePolicy, FakeThingType, IoTBackend, iot_backends

# Keys whose value is a free-form map that keeps its own keys (user properties, headers).
VERBATIM = {"Headers", "UserProperties"}


def _camel(value: Any) -> Any:
    """CloudFormation's PascalCase keys as the API's camelCase, recursively."""
    if isinstance(value, list):
        return [_camel(v) for v in value]
    if not isinstance(value, dict):
        return value
    return {(k[:1].lower() + k[1:]): (v if k in VERBATIM else _camel(v)) for k, v in value.items()}


def _bool(value: Any) -> bool:
    return str(value).lower() == "true"


def _backend(account_id: str, region_name: str) -> IoTBackend:
    return iot_backends[account_id][region_name]


def _payload(props: dict[str, Any]) -> dict[str, Any]:
    payload = props["TopicRulePayload"]
    return {
        "sql": payload["Sql"],
        "description": payload.get("Description", ""),
        "rule_disabled": _bool(payload.get("RuleDisabled", False)),
        "actions": _camel(payload.get("Actions") or []),
        "error_action": _camel(payload.get("ErrorAction") or {}),
        "aws_iot_sql_version": payload.get("AwsIotSqlVersion"),
    }


class TopicRule(CloudFormationModel):
    def __init__(self, name: str, account_id: str, region_name: str):
        self.name = name
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "RuleName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iot-topicrule.html
        return "AWS::IoT::TopicRule"

    @property
    def physical_resource_id(self) -> str:
        return self.name  # Ref returns the rule name

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Arn"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Arn":
            return _backend(self.account_id, self.region_name).rules[self.name].arn
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _name(resource_name: str, props: dict[str, Any]) -> str:
        # Rule names are letters, digits and underscores; a generated name has hyphens.
        return str(props.get("RuleName") or resource_name.replace("-", "_"))

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "TopicRule":
        props = cloudformation_json["Properties"]
        name = cls._name(resource_name, props)
        _backend(account_id, region_name).create_topic_rule(rule_name=name, **_payload(props))
        return cls(name, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "TopicRule",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "TopicRule":
        props = cloudformation_json["Properties"]
        name = str(props.get("RuleName") or original_resource.name)
        if name != original_resource.name:
            rule = cls.create_from_cloudformation_json(name, cloudformation_json, account_id, region_name)
            original_resource.delete(account_id, region_name)
            return rule
        _backend(account_id, region_name).replace_topic_rule(rule_name=name, **_payload(props))
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
        try:
            _backend(account_id, region_name).delete_topic_rule(self.name)
        except ResourceNotFoundException:
            pass


class ThingType(FakeThingType, CloudFormationModel):
    """See the module's docstring for what moto's model gets wrong."""

    @property
    def physical_resource_id(self) -> str:
        return self.thing_type_name  # Ref returns the thing type name

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "ThingType":
        thing_type = FakeThingType.create_from_cloudformation_json(resource_name, cloudformation_json, account_id, region_name)
        thing_type.__class__ = cls  # the backend made moto's FakeThingType; it holds the same state
        return thing_type  # type: ignore[return-value]

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: Any,
        new_resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
    ) -> "ThingType":
        _backend(account_id, region_name).delete_thing_type(thing_type_name=original_resource.thing_type_name)
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)


def _document(props: dict[str, Any]) -> str:
    document = props.get("PolicyDocument", {})
    return document if isinstance(document, str) else json.dumps(document)


class Policy(FakePolicy, CloudFormationModel):
    """See the module's docstring for what moto's model gets wrong."""

    @property
    def physical_resource_id(self) -> str:
        return self.name  # Ref returns the policy name

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Policy":
        props = cloudformation_json["Properties"]
        policy = _backend(account_id, region_name).create_policy(
            policy_name=props.get("PolicyName", resource_name), policy_document=_document(props)
        )
        policy.__class__ = cls
        return policy  # type: ignore[return-value]

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: Any,
        new_resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
    ) -> "Policy":
        props = cloudformation_json["Properties"]
        name = props.get("PolicyName", original_resource.name)
        backend = _backend(account_id, region_name)
        if name != original_resource.name:
            backend.delete_policy(policy_name=original_resource.name)
            return cls.create_from_cloudformation_json(name, cloudformation_json, account_id, region_name)
        backend.create_policy_version(policy_name=name, policy_document=_document(props), set_as_default=True)
        return original_resource
