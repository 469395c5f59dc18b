"""Security Hub for moto 5.2.1: standards subscriptions, which its backend lacks (BatchEnableStandards,
GetEnabledStandards, BatchDisableStandards), added as moto would write them in ``moto/securityhub/models.py``, with
their handlers and routes; and the CloudFormation models AWS::SecurityHub::Hub (enable_security_hub,
disable_security_hub) and AWS::SecurityHub::Standard (batch_enable_standards, batch_disable_standards).

A subscription is READY at once (AWS passes through PENDING for a few minutes). Disabling Security Hub removes the
account's subscriptions, as AWS does. DisabledStandardsControls is kept on the subscription but not applied: moto has
no controls.
"""

import json
import re
from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.securityhub import urls as moto_urls
from moto.securityhub.exceptions import InvalidInputException
from moto.securityhub.models import SecurityHubBackend, securityhub_backends
from moto.securityhub.responses import SecurityHubResponse

STANDARDS_ARN = re.compile(r"^arn:aws[a-z-]*:securityhub:(?P<region>[a-z0-9-]*)::(?:standards|ruleset)/(?P<path>.+)$")


class StandardsBackendAdditions:
    """Methods added to moto's SecurityHubBackend, as they would be written in moto/securityhub/models.py."""

    account_id: str
    region_name: str
    enabled: bool
    describe_hub: Any

    def _subscriptions(self) -> dict[str, dict[str, Any]]:
        if not hasattr(self, "standards_subscriptions"):
            self.standards_subscriptions: dict[str, dict[str, Any]] = {}
        return self.standards_subscriptions

    def batch_enable_standards(self, standards_subscription_requests: list[dict[str, Any]]) -> list[dict[str, Any]]:
        self.describe_hub()  # InvalidAccessException unless the account is subscribed
        enabled = []
        for request in standards_subscription_requests:
            match = STANDARDS_ARN.match(request.get("StandardsArn", ""))
            if not match:
                raise InvalidInputException("BatchEnableStandards", f"Invalid StandardsArn {request.get('StandardsArn')}")
            partition = request["StandardsArn"].split(":")[1]
            arn = f"arn:{partition}:securityhub:{self.region_name}:{self.account_id}:subscription/{match.group('path')}"
            subscription = {
                "StandardsSubscriptionArn": arn,
                "StandardsArn": request["StandardsArn"],
                "StandardsInput": request.get("StandardsInput") or {},
                "StandardsStatus": "READY",
                "StandardsControlsUpdatable": "READY_FOR_UPDATES",
            }
            self._subscriptions()[arn] = subscription
            enabled.append(subscription)
        return enabled

    def get_enabled_standards(self, standards_subscription_arns: list[str] | None) -> list[dict[str, Any]]:
        self.describe_hub()
        subscriptions = self._subscriptions()
        if standards_subscription_arns:
            return [subscriptions[a] for a in standards_subscription_arns if a in subscriptions]
        return list(subscriptions.values())

    def batch_disable_standards(self, standards_subscription_arns: list[str]) -> list[dict[str, Any]]:
        self.describe_hub()
        disabled = []
        for arn in standards_subscription_arns:
            subscription = self._subscriptions().pop(arn, None)
            if subscription is None:
                raise InvalidInputException("BatchDisableStandards", f"No standards subscription {arn}")
            disabled.append({**subscription, "StandardsStatus": "DELETING"})
        return disabled


def _add_to_backend() -> None:
    if getattr(SecurityHubBackend, "_oar_standards", False):
        return
    for name, member in vars(StandardsBackendAdditions).items():
        if callable(member) and not (name.startswith("__") and name.endswith("__")):
            setattr(SecurityHubBackend, name, member)
    moto_disable = SecurityHubBackend.disable_security_hub

    def disable_security_hub(self: SecurityHubBackend) -> dict[str, Any]:
        result = moto_disable(self)
        self._subscriptions().clear()  # type: ignore[attr-defined]
        return result

    SecurityHubBackend.disable_security_hub = disable_security_hub  # type: ignore[method-assign]
    SecurityHubBackend._oar_standards = True  # type: ignore[attr-defined]


_add_to_backend()


class StandardsResponseAdditions:
    """API handlers, as moto would write them in moto/securityhub/responses.py."""

    body: Any
    securityhub_backend: Any

    def batch_enable_standards(self) -> str:
        params = json.loads(self.body or "{}")
        enabled = self.securityhub_backend.batch_enable_standards(params.get("StandardsSubscriptionRequests") or [])
        return json.dumps({"StandardsSubscriptions": enabled})

    def get_enabled_standards(self) -> str:
        params = json.loads(self.body or "{}")
        return json.dumps({"StandardsSubscriptions": self.securityhub_backend.get_enabled_standards(params.get("StandardsSubscriptionArns"))})

    def batch_disable_standards(self) -> str:
        params = json.loads(self.body or "{}")
        disabled = self.securityhub_backend.batch_disable_standards(params.get("StandardsSubscriptionArns") or [])
        return json.dumps({"StandardsSubscriptions": disabled})


for _name, _member in vars(StandardsResponseAdditions).items():
    if callable(_member) and not (_name.startswith("__") and _name.endswith("__")):
        setattr(SecurityHubResponse, _name, _member)

# moto/securityhub/urls.py
for _path in ("{0}/standards/register$", "{0}/standards/get$", "{0}/standards/deregister$"):
    moto_urls.url_paths.setdefault(_path, SecurityHubResponse.dispatch)


def _backend(account_id: str, region_name: str) -> SecurityHubBackend:
    return securityhub_backends[account_id][region_name]


class Hub(CloudFormationModel):
    """Ref returns the hub ARN (arn:…:securityhub:<region>:<account>:hub/default)."""

    def __init__(self, account_id: str, region_name: str, arn: str):
        self.account_id = account_id
        self.region_name = region_name
        self.arn = arn

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-securityhub-hub.html
        return "AWS::SecurityHub::Hub"

    @property
    def physical_resource_id(self) -> str:
        return self.arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["ARN", "SubscribedAt"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        hub = _backend(self.account_id, self.region_name).describe_hub()
        if attribute_name == "ARN":
            return hub["HubArn"]
        if attribute_name == "SubscribedAt":
            return hub["SubscribedAt"]
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region_name: str, **kwargs: Any
    ) -> "Hub":
        props = cloudformation_json.get("Properties", {})
        backend = _backend(account_id, region_name)
        backend.enable_security_hub(
            enable_default_standards=str(props.get("EnableDefaultStandards", True)).lower() == "true",
            tags=props.get("Tags") or {},
        )
        return cls(account_id, region_name, backend.describe_hub()["HubArn"])

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Hub",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Hub":
        # EnableDefaultStandards applies only when the hub is enabled; the tags change in place.
        _backend(account_id, region_name).tags = cloudformation_json.get("Properties", {}).get("Tags") or {}
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region_name: str
    ) -> None:
        cls(account_id, region_name, resource_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        if backend.enabled:
            backend.disable_security_hub()


class Standard(CloudFormationModel):
    """Ref returns the standards subscription ARN."""

    def __init__(self, account_id: str, region_name: str, arn: str, disabled_controls: list[dict[str, Any]] | None = None):
        self.account_id = account_id
        self.region_name = region_name
        self.arn = arn
        self.disabled_controls = disabled_controls or []

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-securityhub-standard.html
        return "AWS::SecurityHub::Standard"

    @property
    def physical_resource_id(self) -> str:
        return self.arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["StandardsSubscriptionArn"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "StandardsSubscriptionArn":
            return self.arn
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region_name: str, **kwargs: Any
    ) -> "Standard":
        props = cloudformation_json["Properties"]
        [subscription] = _backend(account_id, region_name).batch_enable_standards(  # type: ignore[attr-defined]
            [{"StandardsArn": props["StandardsArn"]}]
        )
        return cls(account_id, region_name, subscription["StandardsSubscriptionArn"], props.get("DisabledStandardsControls"))

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Standard",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Standard":
        props = cloudformation_json["Properties"]
        current = _backend(account_id, region_name).get_enabled_standards([original_resource.arn])  # type: ignore[attr-defined]
        if not current or current[0]["StandardsArn"] != props["StandardsArn"]:  # StandardsArn: replacement
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        original_resource.disabled_controls = props.get("DisabledStandardsControls") or []
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region_name: str
    ) -> None:
        cls(account_id, region_name, resource_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        if backend.enabled and self.arn in backend._subscriptions():  # type: ignore[attr-defined]
            backend.batch_disable_standards([self.arn])  # type: ignore[attr-defined]
