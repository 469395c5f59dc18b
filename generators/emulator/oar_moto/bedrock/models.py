"""Amazon Bedrock for moto 5.2.1: the guardrail calls its backend lacks, and CloudFormation models.

moto's Bedrock backend has model customization jobs, custom models and the invocation logging setting, but no
guardrails: CreateGuardrail, GetGuardrail, UpdateGuardrail, ListGuardrails, DeleteGuardrail and
CreateGuardrailVersion are missing. This module adds them to the backend, as moto would in
``moto/bedrock/models.py``, with AWS's validation (filter strengths, the prompt-attack filter judged on input
only, grounding thresholds below 1, numbered versions that are never reused); ``responses.py`` beside it serves
them through the API (moto's ``/.*`` route for bedrock already reaches BedrockResponse, which finds the operation
from the method and path). Guardrail ARNs join the backend's taggable resources.

CloudFormation models: AWS::Bedrock::Guardrail and AWS::Bedrock::GuardrailVersion, created through the backend.
"""

import copy
import re
from typing import Any

from moto.bedrock.exceptions import ResourceNotFoundException, ValidationException
from moto.bedrock.models import BedrockBackend, bedrock_backends
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import BaseModel, CloudFormationModel
from moto.core.utils import iso_8601_datetime_with_milliseconds, utcnow
from moto.moto_api._internal import mock_random
from moto.utilities.utils import get_partition

STRENGTHS = ["NONE", "LOW", "MEDIUM", "HIGH"]
CONTENT_FILTERS = ["SEXUAL", "VIOLENCE", "HATE", "INSULTS", "MISCONDUCT", "PROMPT_ATTACK"]
GROUNDING_FILTERS = ["GROUNDING", "RELEVANCE"]
# A policy's configuration key in a request, its key in GetGuardrail's answer, and its lists' keys.
POLICIES = {
    "topicPolicyConfig": ("topicPolicy", {"topicsConfig": "topics", "tierConfig": "tier"}),
    "contentPolicyConfig": ("contentPolicy", {"filtersConfig": "filters", "tierConfig": "tier"}),
    "wordPolicyConfig": ("wordPolicy", {"wordsConfig": "words", "managedWordListsConfig": "managedWordLists"}),
    "sensitiveInformationPolicyConfig": (
        "sensitiveInformationPolicy",
        {"piiEntitiesConfig": "piiEntities", "regexesConfig": "regexes"},
    ),
    "contextualGroundingPolicyConfig": ("contextualGroundingPolicy", {"filtersConfig": "filters"}),
}


def _validate(name: str, policies: dict[str, Any], blocked_input: str, blocked_output: str) -> None:
    if not re.fullmatch(r"[0-9a-zA-Z-_]{1,50}", name or ""):
        raise ValidationException(f"Value '{name}' at 'name' failed to satisfy constraint: Member must match [0-9a-zA-Z-_]+")
    for field, value in (("blockedInputMessaging", blocked_input), ("blockedOutputsMessaging", blocked_output)):
        if not value or len(value) > 500:
            raise ValidationException(f"{field} must be 1 to 500 characters")
    for f in (policies.get("contentPolicyConfig") or {}).get("filtersConfig", []):
        if f.get("type") not in CONTENT_FILTERS:
            raise ValidationException(f"Invalid content filter type {f.get('type')}")
        if f.get("inputStrength") not in STRENGTHS or f.get("outputStrength") not in STRENGTHS:
            raise ValidationException(f"Invalid strength for content filter {f['type']}")
        if f["type"] == "PROMPT_ATTACK" and f["outputStrength"] != "NONE":
            raise ValidationException("PROMPT_ATTACK content filter strength for response must be NONE")
    for f in (policies.get("contextualGroundingPolicyConfig") or {}).get("filtersConfig", []):
        if f.get("type") not in GROUNDING_FILTERS:
            raise ValidationException(f"Invalid contextual grounding filter type {f.get('type')}")
        if not 0 <= float(f.get("threshold", -1)) < 1:
            raise ValidationException("Contextual grounding threshold must be at least 0 and less than 1")


def _policy(config: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    """A policy as GetGuardrail answers it, from its configuration in the request."""
    return {names.get(k, k): copy.deepcopy(v) for k, v in config.items()}


class GuardrailVersion(BaseModel):
    """One state of a guardrail: DRAFT, which updates change, or a numbered snapshot."""

    def __init__(self, guardrail: "Guardrail", version: str, description: str | None):
        self.guardrail = guardrail
        self.version = version
        self.description = description
        self.name = guardrail.name
        self.policies = copy.deepcopy(guardrail.draft_policies)
        self.blocked_input_messaging = guardrail.blocked_input_messaging
        self.blocked_outputs_messaging = guardrail.blocked_outputs_messaging
        self.kms_key_id = guardrail.kms_key_id
        self.created_at = iso_8601_datetime_with_milliseconds(utcnow())
        self.updated_at = self.created_at

    def to_dict(self) -> dict[str, Any]:
        g = self.guardrail
        dct: dict[str, Any] = {
            "name": self.name,
            "guardrailId": g.guardrail_id,
            "guardrailArn": g.arn,
            "version": self.version,
            "description": self.description,
            "status": "READY",
            "createdAt": self.created_at,
            "updatedAt": self.updated_at,
            "blockedInputMessaging": self.blocked_input_messaging,
            "blockedOutputsMessaging": self.blocked_outputs_messaging,
            "kmsKeyArn": self.kms_key_id,
        }
        for config_key, (policy_key, names) in POLICIES.items():
            if self.policies.get(config_key):
                dct[policy_key] = _policy(self.policies[config_key], names)
        return {k: v for k, v in dct.items() if v is not None}


class Guardrail(BaseModel):
    def __init__(
        self,
        account_id: str,
        region_name: str,
        name: str,
        description: str | None,
        policies: dict[str, Any],
        blocked_input_messaging: str,
        blocked_outputs_messaging: str,
        kms_key_id: str | None,
    ):
        self.guardrail_id = "".join(mock_random.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(12))
        self.arn = f"arn:{get_partition(region_name)}:bedrock:{region_name}:{account_id}:guardrail/{self.guardrail_id}"
        self.name = name
        self.description = description
        self.draft_policies = policies
        self.blocked_input_messaging = blocked_input_messaging
        self.blocked_outputs_messaging = blocked_outputs_messaging
        self.kms_key_id = kms_key_id
        self.versions: dict[str, GuardrailVersion] = {}
        self.last_version = 0
        self.versions["DRAFT"] = GuardrailVersion(self, "DRAFT", description)


class BedrockBackendAdditions:
    guardrails: dict[str, Guardrail]
    account_id: str
    region_name: str
    tagger: Any

    def tag_resource(self, resource_arn: str, tags: list[dict[str, str]]) -> None:  # moto's
        raise NotImplementedError

    def _guardrail(self, guardrail_identifier: str) -> Guardrail:
        guardrail_id = guardrail_identifier.split("/")[-1]
        if guardrail_id not in self.guardrails:
            raise ResourceNotFoundException(f"Guardrail {guardrail_identifier} not found")
        return self.guardrails[guardrail_id]

    def create_guardrail(
        self,
        name: str,
        blocked_input_messaging: str,
        blocked_outputs_messaging: str,
        policies: dict[str, Any],
        description: str | None = None,
        kms_key_id: str | None = None,
        tags: list[dict[str, str]] | None = None,
    ) -> Guardrail:
        _validate(name, policies, blocked_input_messaging, blocked_outputs_messaging)
        if any(g.name == name for g in self.guardrails.values()):
            raise ValidationException(f"A guardrail named {name} already exists")
        guardrail = Guardrail(
            self.account_id,
            self.region_name,
            name,
            description,
            policies,
            blocked_input_messaging,
            blocked_outputs_messaging,
            kms_key_id,
        )
        self.guardrails[guardrail.guardrail_id] = guardrail
        if tags:
            self.tag_resource(guardrail.arn, tags)
        return guardrail

    def get_guardrail(self, guardrail_identifier: str, guardrail_version: str | None = None) -> GuardrailVersion:
        guardrail = self._guardrail(guardrail_identifier)
        version = guardrail.versions.get(guardrail_version or "DRAFT")
        if version is None:
            raise ResourceNotFoundException(f"Guardrail {guardrail_identifier} version {guardrail_version} not found")
        return version

    def update_guardrail(
        self,
        guardrail_identifier: str,
        name: str,
        blocked_input_messaging: str,
        blocked_outputs_messaging: str,
        policies: dict[str, Any],
        description: str | None = None,
        kms_key_id: str | None = None,
    ) -> Guardrail:
        guardrail = self._guardrail(guardrail_identifier)
        _validate(name, policies, blocked_input_messaging, blocked_outputs_messaging)
        guardrail.name = name
        guardrail.description = description
        guardrail.draft_policies = policies
        guardrail.blocked_input_messaging = blocked_input_messaging
        guardrail.blocked_outputs_messaging = blocked_outputs_messaging
        guardrail.kms_key_id = kms_key_id
        created_at = guardrail.versions["DRAFT"].created_at
        draft = GuardrailVersion(guardrail, "DRAFT", description)
        draft.created_at = created_at
        guardrail.versions["DRAFT"] = draft
        return guardrail

    def create_guardrail_version(self, guardrail_identifier: str, description: str | None = None) -> GuardrailVersion:
        guardrail = self._guardrail(guardrail_identifier)
        guardrail.last_version += 1
        version = GuardrailVersion(guardrail, str(guardrail.last_version), description)
        guardrail.versions[version.version] = version
        return version

    def list_guardrails(self, guardrail_identifier: str | None = None) -> list[GuardrailVersion]:
        if guardrail_identifier:
            guardrail = self._guardrail(guardrail_identifier)
            return list(guardrail.versions.values())
        return [g.versions["DRAFT"] for g in self.guardrails.values()]

    def delete_guardrail(self, guardrail_identifier: str, guardrail_version: str | None = None) -> None:
        guardrail = self._guardrail(guardrail_identifier)
        if guardrail_version:
            if guardrail_version == "DRAFT" or guardrail_version not in guardrail.versions:
                raise ResourceNotFoundException(f"Guardrail {guardrail_identifier} version {guardrail_version} not found")
            del guardrail.versions[guardrail_version]
            return
        del self.guardrails[guardrail.guardrail_id]
        self.tagger.delete_all_tags_for_resource(guardrail.arn)


def _add_to_backend() -> None:
    """Adds the calls above, and the collection they keep, to moto's BedrockBackend."""
    if getattr(BedrockBackend, "_oar_additions", False):
        return
    moto_init = BedrockBackend.__init__
    moto_list_arns = BedrockBackend._list_arns

    def __init__(self: BedrockBackend, region_name: str, account_id: str) -> None:
        moto_init(self, region_name, account_id)
        self.guardrails: dict[str, Guardrail] = {}

    def _list_arns(self: BedrockBackend) -> list[str]:
        return moto_list_arns(self) + [g.arn for g in self.guardrails.values()]  # type: ignore[attr-defined]

    BedrockBackend.__init__ = __init__  # type: ignore[method-assign]
    BedrockBackend._list_arns = _list_arns  # type: ignore[method-assign]
    for name, member in vars(BedrockBackendAdditions).items():
        if callable(member) and not (name.startswith("__") and name.endswith("__")) and name != "tag_resource":
            setattr(BedrockBackend, name, member)
    BedrockBackend._oar_additions = True  # type: ignore[attr-defined]


_add_to_backend()


def _backend(account_id: str, region_name: str) -> BedrockBackend:
    return bedrock_backends[account_id][region_name]


def camel(value: Any) -> Any:
    """CloudFormation's PascalCase property names as the API's camelCase ones; numbers as numbers."""
    if isinstance(value, dict):
        return {k[:1].lower() + k[1:]: camel(v) for k, v in value.items()}
    if isinstance(value, list):
        return [camel(v) for v in value]
    if isinstance(value, str) and re.fullmatch(r"-?\d+(\.\d+)?", value):
        return float(value) if "." in value else int(value)
    if isinstance(value, str) and value in ("true", "false"):
        return value == "true"
    return value


def _guardrail_args(props: dict[str, Any]) -> dict[str, Any]:
    policies = {key: camel(props[key[:1].upper() + key[1:]]) for key in POLICIES if props.get(key[:1].upper() + key[1:])}
    return {
        "name": props["Name"],
        "blocked_input_messaging": props["BlockedInputMessaging"],
        "blocked_outputs_messaging": props["BlockedOutputsMessaging"],
        "policies": policies,
        "description": props.get("Description"),
        "kms_key_id": props.get("KmsKeyArn"),
    }


class CfnGuardrail(CloudFormationModel):
    def __init__(self, guardrail: Guardrail):
        self.guardrail = guardrail

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-bedrock-guardrail.html
        return "AWS::Bedrock::Guardrail"

    @property
    def physical_resource_id(self) -> str:
        # Ref returns the guardrail's ARN.
        return self.guardrail.arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["GuardrailArn", "GuardrailId", "Version", "Status", "CreatedAt", "UpdatedAt"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        draft = self.guardrail.versions["DRAFT"]
        values = {
            "GuardrailArn": self.guardrail.arn,
            "GuardrailId": self.guardrail.guardrail_id,
            "Version": "DRAFT",
            "Status": "READY",
            "CreatedAt": draft.created_at,
            "UpdatedAt": draft.updated_at,
        }
        if attribute_name in values:
            return values[attribute_name]
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "CfnGuardrail":
        props = dict(cloudformation_json["Properties"])
        props.setdefault("Name", resource_name[-50:])
        guardrail = _backend(account_id, region_name).create_guardrail(  # type: ignore[attr-defined]
            **_guardrail_args(props), tags=camel(props.get("Tags"))
        )
        return cls(guardrail)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "CfnGuardrail",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "CfnGuardrail":
        # Every property of a guardrail updates in place (UpdateGuardrail changes its DRAFT).
        props = dict(cloudformation_json["Properties"])
        props.setdefault("Name", original_resource.guardrail.name)
        _backend(account_id, region_name).update_guardrail(  # type: ignore[attr-defined]
            guardrail_identifier=original_resource.guardrail.guardrail_id, **_guardrail_args(props)
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
            _backend(account_id, region_name).delete_guardrail(resource_name)  # type: ignore[attr-defined]
        except ResourceNotFoundException:
            return

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.guardrail.arn, {}, account_id, region_name)


class CfnGuardrailVersion(CloudFormationModel):
    def __init__(self, version: GuardrailVersion):
        self.version = version

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-bedrock-guardrailversion.html
        return "AWS::Bedrock::GuardrailVersion"

    @property
    def physical_resource_id(self) -> str:
        # Ref returns the guardrail id and the version, separated by a pipe.
        return f"{self.version.guardrail.guardrail_id}|{self.version.version}"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["GuardrailArn", "GuardrailId", "Version"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        values = {
            "GuardrailArn": self.version.guardrail.arn,
            "GuardrailId": self.version.guardrail.guardrail_id,
            "Version": self.version.version,
        }
        if attribute_name in values:
            return values[attribute_name]
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "CfnGuardrailVersion":
        props = cloudformation_json["Properties"]
        version = _backend(account_id, region_name).create_guardrail_version(  # type: ignore[attr-defined]
            props["GuardrailIdentifier"], props.get("Description")
        )
        return cls(version)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "CfnGuardrailVersion",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "CfnGuardrailVersion":
        # Both properties require replacement: an unchanged version is kept, a changed one is published anew.
        props = cloudformation_json["Properties"]
        v = original_resource.version
        same_guardrail = props["GuardrailIdentifier"].split("/")[-1] == v.guardrail.guardrail_id
        if same_guardrail and props.get("Description") == v.description:
            return original_resource
        original_resource.delete(account_id, region_name)
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        guardrail_id, _, version = resource_name.partition("|")
        try:
            _backend(account_id, region_name).delete_guardrail(guardrail_id, version)  # type: ignore[attr-defined]
        except ResourceNotFoundException:
            return

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.physical_resource_id, {}, account_id, region_name)


from . import responses  # noqa: E402, F401
