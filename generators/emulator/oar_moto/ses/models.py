"""AWS::SES::ConfigurationSet, ConfigurationSetEventDestination, EmailIdentity and Template, created through
moto's SES v2 backend where it has the call (create_configuration_set, create_email_identity) and its SES v1
backend, which v2 shares its store with, for the rest (event destinations, MAIL FROM, feedback forwarding,
templates). These CloudFormation types call the SES v2 API in AWS."""

import time
from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.ses.models import SESBackend, ses_backends
from moto.sesv2.models import SESV2Backend, sesv2_backends


def _v1(account_id: str, region_name: str) -> SESBackend:
    return ses_backends[account_id][region_name]


def _v2(account_id: str, region_name: str) -> SESV2Backend:
    return sesv2_backends[account_id][region_name]


def _bool(value: Any, default: bool) -> bool:
    """A CloudFormation boolean, which may arrive as "true"/"false"."""
    if value is None:
        return default
    return str(value).lower() == "true"


class ConfigurationSet(CloudFormationModel):
    def __init__(self, name: str, account_id: str, region_name: str):
        self.name = name
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ses-configurationset.html
        return "AWS::SES::ConfigurationSet"

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        raise UnformattedGetAttTemplateException()

    @classmethod
    def _create(cls, name: str, props: dict[str, Any], account_id: str, region_name: str) -> "ConfigurationSet":
        reputation = props.get("ReputationOptions") or {}
        sending = props.get("SendingOptions") or {}
        delivery = dict(props.get("DeliveryOptions") or {})
        if "MaxDeliverySeconds" in delivery:
            delivery["MaxDeliverySeconds"] = int(delivery["MaxDeliverySeconds"])
        _v2(account_id, region_name).create_configuration_set(
            configuration_set_name=name,
            tracking_options=props.get("TrackingOptions") or {},
            delivery_options=delivery,
            reputation_options=(
                {"ReputationMetricsEnabled": _bool(reputation.get("ReputationMetricsEnabled"), False)}
                if reputation
                else {}
            ),
            # SES sends through a configuration set unless SendingEnabled is false.
            sending_options=_bool(sending.get("SendingEnabled"), True),  # type: ignore[arg-type]
            tags=props.get("Tags") or [],
            suppression_options=props.get("SuppressionOptions") or {},
            vdm_options=props.get("VdmOptions") or {},
        )
        return cls(name, account_id, region_name)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "ConfigurationSet":
        props = cloudformation_json.get("Properties", {})
        return cls._create(props.get("Name", resource_name), props, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "ConfigurationSet",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "ConfigurationSet":
        # moto has none of the PutConfigurationSet*Options calls; the set is recreated under its name, which
        # keeps its event destinations (stored apart from the set).
        props = cloudformation_json.get("Properties", {})
        name = props.get("Name", original_resource.name)
        original_resource.delete(account_id, region_name)
        return cls._create(name, props, account_id, region_name)

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
        if self.name in _v1(account_id, region_name).config_sets:
            _v2(account_id, region_name).delete_configuration_set(self.name)


def _v1_event_type(event_type: str) -> str:
    """A v2 event type (RENDERING_FAILURE) as the v1 API names it (renderingFailure)."""
    first, *rest = event_type.lower().split("_")
    return first + "".join(word.capitalize() for word in rest)


def _v1_event_destination(dest: dict[str, Any]) -> dict[str, Any]:
    """The template's EventDestination in the shape moto's (v1) store keeps."""
    out: dict[str, Any] = {
        "Name": dest["Name"],
        "Enabled": _bool(dest.get("Enabled"), False),
        "MatchingEventTypes": [_v1_event_type(e) for e in dest.get("MatchingEventTypes") or []],
    }
    if dest.get("SnsDestination"):
        out["SNSDestination"] = {"TopicARN": dest["SnsDestination"]["TopicARN"]}
    if dest.get("CloudWatchDestination"):
        out["CloudWatchDestination"] = dest["CloudWatchDestination"]
    if dest.get("KinesisFirehoseDestination"):
        out["KinesisFirehoseDestination"] = dest["KinesisFirehoseDestination"]
    if dest.get("EventBridgeDestination"):
        out["EventBridgeDestination"] = dest["EventBridgeDestination"]
    return out


class ConfigurationSetEventDestination(CloudFormationModel):
    def __init__(self, configuration_set_name: str, destination: dict[str, Any], account_id: str, region_name: str):
        self.configuration_set_name = configuration_set_name
        self.destination = destination
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ses-configurationseteventdestination.html
        return "AWS::SES::ConfigurationSetEventDestination"

    @property
    def physical_resource_id(self) -> str:
        # Ref returns the Id, which is the event destination's name.
        return str(self.destination["Name"])

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Id"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Id":
            return self.physical_resource_id
        raise UnformattedGetAttTemplateException()

    @classmethod
    def _create(
        cls, props: dict[str, Any], account_id: str, region_name: str
    ) -> "ConfigurationSetEventDestination":
        destination = _v1_event_destination(props["EventDestination"])
        _v1(account_id, region_name).create_configuration_set_event_destination(
            configuration_set_name=props["ConfigurationSetName"], event_destination=destination
        )
        return cls(props["ConfigurationSetName"], destination, account_id, region_name)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "ConfigurationSetEventDestination":
        return cls._create(cloudformation_json["Properties"], account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "ConfigurationSetEventDestination",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "ConfigurationSetEventDestination":
        # moto has no UpdateConfigurationSetEventDestination; replace it.
        original_resource.delete(account_id, region_name)
        return cls._create(cloudformation_json["Properties"], account_id, region_name)

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        props = cloudformation_json["Properties"]
        cls(props["ConfigurationSetName"], {"Name": resource_name}, account_id, region_name).delete(
            account_id, region_name
        )

    def delete(self, account_id: str, region_name: str) -> None:
        # moto has no DeleteConfigurationSetEventDestination: undo what its create call stored. Its store keeps
        # one destination per set, so only this destination is removed from it.
        backend = _v1(account_id, region_name)
        name = self.destination["Name"]
        stored = backend.config_set_event_destination.get(self.configuration_set_name)
        if stored is not None and stored.get("Name") == name:
            backend.config_set_event_destination.pop(self.configuration_set_name)
        backend.event_destinations.pop(name, None)


def _mx_behavior(value: str | None) -> str | None:
    """CloudFormation's (v2) BehaviorOnMxFailure value as moto's v1 call takes it."""
    return {"USE_DEFAULT_VALUE": "UseDefaultValue", "REJECT_MESSAGE": "RejectMessage"}.get(value or "", value)


class EmailIdentity(CloudFormationModel):
    def __init__(self, identity: str, account_id: str, region_name: str):
        self.identity = identity
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ses-emailidentity.html
        return "AWS::SES::EmailIdentity"

    @property
    def physical_resource_id(self) -> str:
        return self.identity

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in [f"DkimDNSToken{kind}{i}" for kind in ("Name", "Value") for i in (1, 2, 3)]

    def _tokens(self) -> list[str]:
        attrs = _v1(self.account_id, self.region_name).get_identity_dkim_attributes([self.identity])
        return list(attrs[self.identity].get("DkimTokens", []))

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if not self.has_cfn_attr(attribute_name):
            raise UnformattedGetAttTemplateException()
        tokens = self._tokens()
        index = int(attribute_name[-1]) - 1
        if index >= len(tokens):
            raise UnformattedGetAttTemplateException()
        if "Name" in attribute_name:
            return f"{tokens[index]}._domainkey.{self.identity}"
        return f"{tokens[index]}.dkim.amazonses.com"

    def _apply(self, props: dict[str, Any]) -> None:
        """The attributes CloudFormation sets after creating the identity."""
        v1 = _v1(self.account_id, self.region_name)
        identity = v1.email_identities[self.identity]
        signing = (props.get("DkimAttributes") or {}).get("SigningEnabled")
        if identity.identity_type == "DOMAIN":
            identity.dkim_attributes["SigningEnabled"] = _bool(signing, True)
            # GetEmailIdentity returns the Easy DKIM tokens, as GetIdentityDkimAttributes does.
            identity.dkim_attributes["Tokens"] = self._tokens()
            # The v2 API's timestamps are epoch seconds; moto stores an ISO string, which SDKs other than
            # boto3 refuse to read.
            if isinstance(identity.dkim_attributes.get("LastKeyGenerationTimestamp"), str):
                identity.dkim_attributes["LastKeyGenerationTimestamp"] = time.time()
        mail_from = props.get("MailFromAttributes") or {}
        if mail_from.get("MailFromDomain"):
            v1.set_identity_mail_from_domain(
                self.identity, mail_from["MailFromDomain"], _mx_behavior(mail_from.get("BehaviorOnMxFailure"))
            )
        elif self.identity in v1.identity_mail_from_domains:
            v1.set_identity_mail_from_domain(self.identity, None)
        forwarding = (props.get("FeedbackAttributes") or {}).get("EmailForwardingEnabled")
        v1.set_identity_feedback_forwarding_enabled(self.identity, _bool(forwarding, True))
        identity.feedback_forwarding_status = _bool(forwarding, True)
        identity.configuration_set_name = (props.get("ConfigurationSetAttributes") or {}).get("ConfigurationSetName")

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "EmailIdentity":
        props = cloudformation_json["Properties"]
        name = props["EmailIdentity"]
        signing = dict(props.get("DkimSigningAttributes") or {})
        if "@" not in name:
            # A domain gets Easy DKIM unless the template brings its own key (BYODKIM).
            signing.setdefault("SigningAttributesOrigin", "EXTERNAL" if "DomainSigningPrivateKey" in signing else "AWS_SES")
            signing.setdefault("NextSigningKeyLength", "RSA_2048_BIT")
        _v2(account_id, region_name).create_email_identity(
            email_identity=name,
            tags=props.get("Tags"),
            dkim_signing_attributes=signing or None,
            configuration_set_name=(props.get("ConfigurationSetAttributes") or {}).get("ConfigurationSetName"),
        )
        identity = cls(name, account_id, region_name)
        identity._apply(props)
        return identity

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "EmailIdentity",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "EmailIdentity":
        props = cloudformation_json["Properties"]
        if props["EmailIdentity"] != original_resource.identity:
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        original_resource._apply(props)
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
        v1 = _v1(account_id, region_name)
        if self.identity in v1.email_identities:
            _v2(account_id, region_name).delete_email_identity(self.identity)
        v1.identity_mail_from_domains.pop(self.identity, None)
        v1.dkim_tokens.pop(self.identity, None)


class Template(CloudFormationModel):
    def __init__(self, name: str, account_id: str, region_name: str):
        self.name = name
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ses-template.html
        return "AWS::SES::Template"

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Id"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Id":
            return self.name
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _info(name: str, template: dict[str, Any]) -> dict[str, str]:
        return {
            "template_name": name,
            "subject_part": template.get("SubjectPart", ""),
            "html_part": template.get("HtmlPart", ""),
            "text_part": template.get("TextPart", ""),
        }

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Template":
        template = cloudformation_json["Properties"]["Template"]
        name = template.get("TemplateName", resource_name)
        _v1(account_id, region_name).add_template(cls._info(name, template))
        return cls(name, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Template",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Template":
        template = cloudformation_json["Properties"]["Template"]
        name = template.get("TemplateName", original_resource.name)
        if name != original_resource.name:
            original_resource.delete(account_id, region_name)
            _v1(account_id, region_name).add_template(cls._info(name, template))
        else:
            _v1(account_id, region_name).update_template(cls._info(name, template))
        return cls(name, account_id, region_name)

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
        backend = _v1(account_id, region_name)
        if self.name in backend.templates:
            backend.delete_template(self.name)
