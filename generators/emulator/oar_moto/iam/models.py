"""moto's AWS::IAM::ManagedPolicy, fixed: it is deleted with its stack (detached first from every
role, group and user that holds it) and updated (a new default version, attachments changed); and
moto's AWS::IAM::Role, fixed: its inline Policies are stored as JSON, and it is updated in place."""

import json
from typing import Any

from moto.core.common_models import CloudFormationModel
from moto.iam.exceptions import NotFoundException
from moto.iam.models import IAMBackend, iam_backends
from moto.iam.models import ManagedPolicy as MotoManagedPolicy
from moto.iam.models import Role as MotoRole
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


def _json(document: Any) -> str:
    return document if isinstance(document, str) else json.dumps(document)


class Role(MotoRole, CloudFormationModel):
    """moto's model stores each inline policy of Policies as a Python object, so GetRolePolicy returns
    its repr, not JSON; its update sets MaxSessionDuration from RoleDescription and ignores the trust
    policy and inline policies. ManagedPolicyArns is still not applied: the AWS managed policies most
    templates attach exist in moto only when its iam.load_aws_managed_policies setting is on."""

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> MotoRole:
        props = cloudformation_json["Properties"]
        policies = [{**p, "PolicyDocument": _json(p["PolicyDocument"])} for p in props.get("Policies", [])]
        fixed = {**cloudformation_json, "Properties": {**props, "Policies": policies}}
        return super().create_from_cloudformation_json(resource_name, fixed, account_id, region_name, **kwargs)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: MotoRole,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> MotoRole:
        props = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        name = original_resource.name
        if props.get("RoleName", name) != name or props.get("Path", "/") != original_resource.path:
            # RoleName and Path: update requires replacement
            new = cls.create_from_cloudformation_json(props.get("RoleName", new_resource_name), cloudformation_json, account_id, region_name)
            cls.delete_from_cloudformation_json(name, cloudformation_json, account_id, region_name)
            return new
        backend.update_assume_role_policy(name, _json(props["AssumeRolePolicyDocument"]))
        backend.update_role(name, props.get("Description", ""), str(props.get("MaxSessionDuration", 3600)))
        wanted = {p["PolicyName"]: _json(p["PolicyDocument"]) for p in props.get("Policies", [])}
        for policy_name in backend.list_role_policies(name):
            if policy_name not in wanted:
                backend.delete_role_policy(name, policy_name)
        for policy_name, document in wanted.items():
            backend.put_role_policy(name, policy_name, document)
        return original_resource
