"""Fixes to moto's AWS::KMS::Key and AWS::KMS::Alias models (moto.kms.models).

moto 5.2.1's Key model stores the template's KeyPolicy as an object where the backend keeps JSON
text, so DescribeKey, GetKeyPolicy and every call that checks the policy answer HTTP 500 for such
a key; it passes the template's Tags ({Key, Value}) to a tagger that expects {TagKey, TagValue};
ignores KeySpec, KeyUsage, MultiRegion and Origin; leaves the key state Enabled when Enabled is
false; cannot update; and deletes the key at once, where CloudFormation schedules its deletion
after PendingWindowInDays. Its Alias model cannot rename an alias.

RotationPeriodInDays and BypassPolicyLockoutSafetyCheck are ignored: moto's backend keeps no
rotation period and does not check policy lockout.
"""

import json
from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException, ValidationError
from moto.core.common_models import CloudFormationModel
from moto.kms.models import Alias as MotoAlias
from moto.kms.models import Key as MotoKey
from moto.kms.models import KmsBackend, kms_backends
from moto.utilities.utils import get_partition

DEFAULT_PENDING_WINDOW_IN_DAYS = 30


def _bool(value: Any, default: bool) -> bool:
    return default if value is None else str(value).lower() == "true"


def _policy(props: dict[str, Any]) -> str | None:
    """The template's KeyPolicy (an object, or JSON text) as the JSON text the backend keeps."""
    policy = props.get("KeyPolicy")
    if policy is None:
        return None  # the backend gives the key AWS's default key policy
    return policy if isinstance(policy, str) else json.dumps(policy)


def _tags(props: dict[str, Any]) -> list[dict[str, str]]:
    return [{"TagKey": t["Key"], "TagValue": t["Value"]} for t in props.get("Tags") or []]


def _pending_window(props: dict[str, Any]) -> int:
    days = int(props.get("PendingWindowInDays", DEFAULT_PENDING_WINDOW_IN_DAYS))
    if not 7 <= days <= 30:
        raise ValidationError(message=f"PendingWindowInDays must be between 7 and 30, not {days}")
    return days


class Key(MotoKey, CloudFormationModel):
    """See the module's docstring for what moto's model gets wrong."""

    # Properties whose change makes CloudFormation replace the key.
    REPLACING = ("KeySpec", "KeyUsage", "MultiRegion", "Origin")

    properties: dict[str, Any]

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Arn", "KeyId"]

    def get_cfn_attribute(self, attribute_name: str) -> str:
        if attribute_name == "Arn":
            return self.arn
        if attribute_name == "KeyId":
            return self.id
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Key":
        backend: KmsBackend = kms_backends[account_id][region_name]
        props = cloudformation_json["Properties"]
        _pending_window(props)
        key = backend.create_key(
            policy=_policy(props),
            key_usage=props.get("KeyUsage", "ENCRYPT_DECRYPT"),
            key_spec=props.get("KeySpec", "SYMMETRIC_DEFAULT"),
            description=props.get("Description", ""),
            tags=_tags(props),
            multi_region=_bool(props.get("MultiRegion"), False),
            origin=props.get("Origin", "AWS_KMS"),
        )
        key.__class__ = cls  # the backend made moto's Key; it holds the same state
        if _bool(props.get("EnableKeyRotation"), False):
            backend.enable_key_rotation(key.id)
        if not _bool(props.get("Enabled"), True):
            backend.disable_key(key.id)
        key.properties = props  # type: ignore[attr-defined]
        return key  # type: ignore[return-value]

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Key",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Key":
        old, new = original_resource.properties, cloudformation_json["Properties"]
        if any(old.get(p) != new.get(p) for p in cls.REPLACING):
            key = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
            original_resource.delete(account_id, region_name)
            return key
        _pending_window(new)
        backend: KmsBackend = kms_backends[account_id][region_name]
        key_id = original_resource.id
        if _policy(old) != _policy(new):
            backend.put_key_policy(key_id, _policy(new) or original_resource.generate_default_policy())
        if old.get("Description", "") != new.get("Description", ""):
            backend.update_key_description(key_id, new.get("Description", ""))
        if _bool(new.get("EnableKeyRotation"), False):
            backend.enable_key_rotation(key_id)
        else:
            backend.disable_key_rotation(key_id)
        if _bool(new.get("Enabled"), True):
            backend.enable_key(key_id)
        else:
            backend.disable_key(key_id)
        gone = {t["TagKey"] for t in _tags(old)} - {t["TagKey"] for t in _tags(new)}
        if gone:
            backend.untag_resource(key_id, sorted(gone))
        if _tags(new):
            backend.tag_resource(key_id, _tags(new))
        original_resource.properties = new
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        backend: KmsBackend = kms_backends[account_id][region_name]
        key = backend.keys.get(resource_name)
        if key is not None and key.key_state != "PendingDeletion":
            props = cloudformation_json.get("Properties") or {}
            backend.schedule_key_deletion(key.id, int(props.get("PendingWindowInDays", DEFAULT_PENDING_WINDOW_IN_DAYS)))

    def delete(self, account_id: str, region_name: str) -> None:
        # CloudFormation disables the key and schedules its deletion; KMS lists it until then.
        self.delete_from_cloudformation_json(self.id, {"Properties": self.properties}, account_id, region_name)


class Alias(MotoAlias, CloudFormationModel):
    """moto's model updates an alias whose AliasName changed by that new name, which no key has:
    a new AliasName replaces the alias (as in CloudFormation); a new TargetKeyId updates it. It
    also gave a second key an alias name another key has, which KMS refuses."""

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: MotoAlias,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> MotoAlias:
        backend: KmsBackend = kms_backends[account_id][region_name]
        props = cloudformation_json["Properties"]
        if props["AliasName"] != original_resource.alias_name:
            alias = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
            original_resource.delete(account_id, region_name)
            return alias
        return backend.update_alias(target_key_id=backend.any_id_to_key_id(props["TargetKeyId"]), alias_name=props["AliasName"])

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> MotoAlias:
        backend: KmsBackend = kms_backends[account_id][region_name]
        props = cloudformation_json["Properties"]
        name = props["AliasName"]
        if backend.alias_exists(name):
            partition = get_partition(region_name)
            # KMS's AlreadyExistsException, as the stack's failure
            raise ValidationError(message=f"An alias with the name arn:{partition}:kms:{region_name}:{account_id}:{name} already exists")
        # TargetKeyId may be the key's ARN as well as its id.
        return backend.create_alias(target_key_id=backend.any_id_to_key_id(props["TargetKeyId"]), alias_name=props["AliasName"])

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        kms_backends[account_id][region_name].delete_alias(resource_name)
