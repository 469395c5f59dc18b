"""moto's AWS::IAM::ManagedPolicy, fixed: it is deleted with its stack (detached first from every
role, group and user that holds it) and updated (a new default version, attachments changed)."""

import json
from typing import Any

from moto.core.common_models import CloudFormationModel
from moto.iam.exceptions import NotFoundException
from moto.iam.models import IAMBackend, iam_backends
from moto.iam.models import ManagedPolicy as MotoManagedPolicy
from moto.utilities.utils import get_partition

# Attachments a template declares, and the backend calls that make and undo each kind.
_ATTACHMENTS = {
    "Roles": ("attach_role_policy", "detach_role_policy", "role_name"),
    "Groups": ("attach_group_policy", "detach_group_policy", "group_name"),
    "Users": ("attach_user_policy", "detach_user_policy", "user_name"),
}


def _backend(account_id: str, region_name: str) -> IAMBackend:
    return iam_backends[account_id][get_partition(region_name)]


def _detach(backend: IAMBackend, policy_arn: str, prop: str, names: list[str]) -> None:
    _, detach, arg = _ATTACHMENTS[prop]
    for name in names:
        try:
            getattr(backend, detach)(policy_arn=policy_arn, **{arg: name})
        except NotFoundException:
            pass  # the role, group or user went first, or the policy was not attached


def _attach(backend: IAMBackend, policy_arn: str, prop: str, names: list[str]) -> None:
    attach, _, arg = _ATTACHMENTS[prop]
    for name in names:
        getattr(backend, attach)(policy_arn=policy_arn, **{arg: name})


class ManagedPolicy(MotoManagedPolicy, CloudFormationModel):
    """moto's model has no delete (the policy outlives its stack) and no update (an update loses the
    resource). Creation stays moto's."""

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: MotoManagedPolicy,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> MotoManagedPolicy:
        props = cloudformation_json.get("Properties", {})
        backend = _backend(account_id, region_name)
        name = props.get("ManagedPolicyName", original_resource.name)
        if (
            name != original_resource.name
            or props.get("Path", "/") != original_resource.path
            or props.get("Description", "") != (original_resource.description or "")
        ):  # ManagedPolicyName, Path and Description: update requires replacement
            new = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
            cls.delete_from_cloudformation_json(original_resource.arn, {"Properties": {}}, account_id, region_name)
            return new
        arn = original_resource.arn
        document = json.dumps(props.get("PolicyDocument"))
        if json.loads(document) != json.loads(backend.get_policy_version(arn, original_resource.default_version_id).document):
            versions = [v for v in backend.list_policy_versions(arn) if not v.is_default]
            if len(versions) >= 4:  # IAM keeps five versions; CloudFormation drops the oldest
                backend.delete_policy_version(arn, versions[0].version_id)
            backend.create_policy_version(arn, document, set_as_default=True)
        for prop in _ATTACHMENTS:
            attached = cls._attached(backend, arn, prop)
            wanted = list(props.get(prop, []))
            _detach(backend, arn, prop, [n for n in attached if n not in wanted])
            _attach(backend, arn, prop, [n for n in wanted if n not in attached])
        return original_resource

    @staticmethod
    def _attached(backend: IAMBackend, arn: str, prop: str) -> list[str]:
        holders = {"Roles": backend.roles, "Groups": backend.groups, "Users": backend.users}[prop]
        return [h.name for h in holders.values() if arn in h.managed_policies]

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        # resource_name is the physical id, the policy's ARN.
        backend = _backend(account_id, region_name)
        if resource_name not in backend.managed_policies:
            return
        for prop in _ATTACHMENTS:
            _detach(backend, resource_name, prop, cls._attached(backend, resource_name, prop))
        backend.delete_policy(resource_name)
