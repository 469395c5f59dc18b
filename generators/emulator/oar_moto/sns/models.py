"""AWS::SNS::TopicPolicy and AWS::SNS::Subscription, through moto's SNS backend
(set_topic_attribute, subscribe / set_subscription_attributes / unsubscribe)."""

import json
from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.core.utils import ensure_boolean
from moto.sns.exceptions import TopicNotFound
from moto.sns.models import SNSBackend, sns_backends
from moto.utilities.arns import parse_arn


def _backend_of(arn: str, account_id: str, region_name: str) -> SNSBackend:
    """The backend that holds a topic (or a subscription to it): the one its ARN names."""
    try:
        parsed = parse_arn(arn)
        return sns_backends[parsed.account or account_id][parsed.region or region_name]
    except (ValueError, IndexError):
        return sns_backends[account_id][region_name]


def _json_text(value: Any) -> str:
    """A JSON-typed property (a policy document) as the API's attribute text."""
    return value if isinstance(value, str) else json.dumps(value)


class TopicPolicy(CloudFormationModel):
    def __init__(self, policy_id: str, topics: list[str], account_id: str, region_name: str):
        self.id = policy_id
        self.topics = topics
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sns-topicpolicy.html
        return "AWS::SNS::TopicPolicy"

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
    def _set(topic_arns: list[str], policy: str, account_id: str, region_name: str) -> None:
        for arn in topic_arns:
            _backend_of(arn, account_id, region_name).set_topic_attribute(arn, "policy", policy)

    @staticmethod
    def _restore_default(topic_arns: list[str], account_id: str, region_name: str) -> None:
        """Deleting a topic policy gives each topic back the policy SNS creates topics with."""
        for arn in topic_arns:
            backend = _backend_of(arn, account_id, region_name)
            try:
                topic = backend.get_topic(arn)
            except TopicNotFound:
                continue  # the topic went first
            default = topic._create_default_topic_policy(backend.region_name, topic.account_id, topic.name)
            backend.set_topic_attribute(arn, "policy", json.dumps(default))

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "TopicPolicy":
        props = cloudformation_json["Properties"]
        topics = list(props["Topics"])
        cls._set(topics, _json_text(props["PolicyDocument"]), account_id, region_name)
        return cls(resource_name, topics, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "TopicPolicy",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "TopicPolicy":
        props = cloudformation_json["Properties"]
        topics = list(props["Topics"])
        cls._restore_default([t for t in original_resource.topics if t not in topics], account_id, region_name)
        cls._set(topics, _json_text(props["PolicyDocument"]), account_id, region_name)
        original_resource.topics = topics
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        topics = list(cloudformation_json.get("Properties", {}).get("Topics", []))
        cls._restore_default(topics, account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        self._restore_default(self.topics, account_id, region_name)


# The subscription attributes a template sets as properties; JSON-typed ones go to the API as text.
_BOOLEAN_ATTRIBUTES = ["RawMessageDelivery"]
_JSON_ATTRIBUTES = ["FilterPolicy", "RedrivePolicy", "DeliveryPolicy", "ReplayPolicy"]
_TEXT_ATTRIBUTES = ["FilterPolicyScope", "SubscriptionRoleArn"]


def _attributes(props: dict[str, Any]) -> dict[str, Any]:
    """The subscription's attributes, as SetSubscriptionAttributes takes them (after moto's
    handler converts RawMessageDelivery to a boolean); FilterPolicyScope first, because
    moto validates a FilterPolicy against the scope already set."""
    attributes: dict[str, Any] = {}
    for name in _TEXT_ATTRIBUTES:
        if name in props:
            attributes[name] = props[name]
    for name in _BOOLEAN_ATTRIBUTES:
        if name in props:
            attributes[name] = ensure_boolean(props[name])
    for name in _JSON_ATTRIBUTES:
        if name in props:
            attributes[name] = _json_text(props[name])
    return attributes


# What an attribute goes back to when an update drops its property.
_CLEARED: dict[str, Any] = {"RawMessageDelivery": False}


class Subscription(CloudFormationModel):
    def __init__(self, arn: str, topic_arn: str, protocol: str, endpoint: str, attributes: dict[str, Any]):
        self.arn = arn
        self.topic_arn = topic_arn
        self.protocol = protocol
        self.endpoint = endpoint
        self.attributes = attributes

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sns-subscription.html
        return "AWS::SNS::Subscription"

    @property
    def physical_resource_id(self) -> str:
        return self.arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Arn"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Arn":
            return self.arn
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _set_attributes(backend: SNSBackend, arn: str, attributes: dict[str, Any]) -> None:
        # ReplayPolicy is a FIFO-topic attribute moto's backend does not store: it is not set.
        for name, value in attributes.items():
            if name != "ReplayPolicy":
                backend.set_subscription_attributes(arn, name, value)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Subscription":
        props = cloudformation_json["Properties"]
        topic_arn = props["TopicArn"]
        backend = _backend_of(topic_arn, account_id, props.get("Region") or region_name)
        subscription = backend.subscribe(topic_arn, props.get("Endpoint", ""), props["Protocol"])
        attributes = _attributes(props)
        cls._set_attributes(backend, subscription.arn, attributes)
        return cls(subscription.arn, topic_arn, props["Protocol"], props.get("Endpoint", ""), attributes)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Subscription",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Subscription":
        props = cloudformation_json["Properties"]
        if (props["TopicArn"], props["Protocol"], props.get("Endpoint", "")) != (
            original_resource.topic_arn,
            original_resource.protocol,
            original_resource.endpoint,
        ):  # TopicArn, Protocol and Endpoint: update requires replacement
            new = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
            original_resource.delete(account_id, region_name)
            return new
        backend = _backend_of(original_resource.topic_arn, account_id, region_name)
        attributes = _attributes(props)
        dropped = {n: _CLEARED.get(n, "") for n in original_resource.attributes if n not in attributes}
        if "FilterPolicyScope" in dropped and "FilterPolicy" in attributes:
            dropped["FilterPolicyScope"] = "MessageAttributes"
        cls._set_attributes(backend, original_resource.arn, {**dropped, **attributes})
        original_resource.attributes = attributes
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        _backend_of(resource_name, account_id, region_name).unsubscribe(resource_name)

    def delete(self, account_id: str, region_name: str) -> None:
        _backend_of(self.topic_arn, account_id, region_name).unsubscribe(self.arn)
