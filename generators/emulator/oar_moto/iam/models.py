"""moto's IAM CloudFormation models, fixed where they create but never update or delete:
AWS::IAM::ManagedPolicy, AWS::IAM::Policy, AWS::IAM::Role, AWS::IAM::InstanceProfile,
AWS::IAM::User and AWS::IAM::AccessKey, each through moto's IAM backend.

Each class subclasses moto's model. moto's backend builds instances of moto's class; the
instance it returns becomes this subclass (which adds no state of its own), so that ``Fn::GetAtt`` and
the stack's delete reach the fixed model. The template properties a resource was last created
or updated with are kept on it (``cloudformation_properties``), so that an update removes only
what the template no longer has, and leaves what other resources put on the same entity.
"""

import json
from functools import lru_cache
from typing import Any, TypeVar

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.iam.aws_managed_policies import aws_managed_policies_data
from moto.iam.exceptions import IAMException, NotFoundException, NoSuchEntity
from moto.iam.models import AccessKey as MotoAccessKey
from moto.iam.models import AWSManagedPolicy, IAMBackend, _serialize_version_datetime, iam_backends
from moto.iam.models import InlinePolicy as MotoInlinePolicy
from moto.iam.models import InstanceProfile as MotoInstanceProfile
from moto.iam.models import ManagedPolicy as MotoManagedPolicy
from moto.iam.models import Role as MotoRole
from moto.iam.models import User as MotoUser
from moto.settings import load_iam_aws_managed_policies
from moto.utilities.utils import get_partition

T = TypeVar("T")

# Errors of IAM's API that say the entity (or the policy on it) is already gone.
GONE = (NotFoundException, NoSuchEntity)


def _backend(account_id: str, region_name: str) -> IAMBackend:
    return iam_backends[account_id][get_partition(region_name)]


def _document(value: Any) -> str:
    """A JSON-typed property (a policy document) as the API's text."""
    return value if isinstance(value, str) else json.dumps(value, default=_serialize_version_datetime)


def _same_document(a: str, b: str) -> bool:
    try:
        return bool(json.loads(a) == json.loads(b))
    except ValueError:
        return a == b


def _names(properties: dict[str, Any], key: str) -> list[str]:
    return [str(n) for n in properties.get(key) or []]


def _previous(resource: Any) -> dict[str, Any]:
    return dict(getattr(resource, "cloudformation_properties", {}) or {})


def _as(cls: type[T], instance: Any, properties: dict[str, Any]) -> T:
    """The instance moto's backend made, as this module's subclass, remembering the template's properties."""
    instance.__class__ = cls
    instance.cloudformation_properties = properties
    return instance  # type: ignore[no-any-return]


def _quietly(call: Any, *args: Any) -> None:
    """Calls the backend; an entity (or a policy on it) already gone is not an error when removing."""
    try:
        call(*args)
    except GONE:
        pass


@lru_cache(maxsize=1)
def _aws_managed_policy_data() -> dict[str, Any]:
    return dict(json.loads(aws_managed_policies_data))


def _unloaded_aws_managed_policy(backend: IAMBackend, arn: str) -> MotoManagedPolicy:
    """An AWS managed policy that moto's backend does not hold: moto holds them only when configured
    to (MOTO_IAM_LOAD_MANAGED_POLICIES). The one already attached somewhere, else moto's own copy of
    it; an ARN that names no AWS managed policy is not found, as in IAM."""
    if not load_iam_aws_managed_policies() and ":iam::aws:policy/" in arn:
        for entity in [*backend.roles.values(), *backend.users.values(), *backend.groups.values()]:
            if arn in entity.managed_policies:
                return entity.managed_policies[arn]
        name = arn.rsplit("/", 1)[-1]
        data = _aws_managed_policy_data().get(name)
        if data is not None:
            policy = AWSManagedPolicy.from_data(name, backend.account_id, backend.region_name, data)
            if policy.arn == arn:
                return policy
    raise NotFoundException(f"Policy {arn} does not exist or is not attachable.")


def _attach_managed(backend: IAMBackend, entity: Any, arn: str, attach: Any) -> None:
    """Attaches a managed policy to a role or user through the backend's call. An AWS managed policy
    moto does not hold is attached as that call would (the policy's attach_to), and so is held by
    the entities it is attached to only, as moto holds none without being configured to."""
    if arn in entity.managed_policies:
        return
    if arn in backend.managed_policies:
        attach(arn, entity.name)
    else:
        _unloaded_aws_managed_policy(backend, arn).attach_to(entity)


def _detach_managed(backend: IAMBackend, entity: Any, arn: str, detach: Any) -> None:
    policy = entity.managed_policies.get(arn)
    if policy is None:
        return
    if arn in backend.managed_policies:
        _quietly(detach, arn, entity.name)
    else:
        policy.detach_from(entity)


def _tag_list(properties: dict[str, Any]) -> list[dict[str, str]]:
    return [{"Key": str(t["Key"]), "Value": str(t["Value"])} for t in properties.get("Tags") or []]


def _tag_changes(old: list[dict[str, str]], new: list[dict[str, str]]) -> tuple[list[dict[str, str]], list[str]]:
    """The tags to set and the keys to remove, to go from old to new (aws: tags are CloudFormation's own)."""
    new_keys = {t["Key"] for t in new}
    stale = [t["Key"] for t in old if t["Key"] not in new_keys and not t["Key"].startswith("aws:")]
    return new, stale


def _list_changes(old: list[str], new: list[str]) -> tuple[list[str], list[str]]:
    """What to add and what to remove, to go from old to new."""
    return [n for n in new if n not in old], [o for o in old if o not in new]


def _inline_policies(properties: dict[str, Any]) -> dict[str, str]:
    """The Policies property of a role or user: {name: document text}."""
    return {str(p["PolicyName"]): _document(p["PolicyDocument"]) for p in properties.get("Policies") or []}


class ManagedPolicy(MotoManagedPolicy, CloudFormationModel):
    """moto's model creates the policy but never updates or deletes it, so it outlived every stack.
    This one updates the document as a new default version, follows Roles/Groups/Users, replaces
    the policy when its name, path or description changes, and deletes it."""

    @staticmethod
    def cloudformation_name_type() -> str:
        return "ManagedPolicyName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-managedpolicy.html
        return "AWS::IAM::ManagedPolicy"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in [
            "AttachmentCount",
            "CreateDate",
            "DefaultVersionId",
            "IsAttachable",
            "PermissionsBoundaryUsageCount",
            "PolicyArn",
            "PolicyId",
            "UpdateDate",
        ]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "PolicyArn":
            return self.arn
        if attribute_name == "PolicyId":
            return self.id
        if attribute_name == "AttachmentCount":
            return self.attachment_count
        if attribute_name == "DefaultVersionId":
            return self.default_version_id
        if attribute_name == "IsAttachable":
            return "true" if self.is_attachable else "false"
        if attribute_name == "PermissionsBoundaryUsageCount":
            return sum(1 for r in self.backend.roles.values() if r.permissions_boundary_arn == self.arn)
        if attribute_name == "CreateDate":
            return self.create_date.isoformat()
        if attribute_name == "UpdateDate":
            return self.update_date.isoformat()
        raise UnformattedGetAttTemplateException()

    def _attach(self, entities: dict[str, list[str]]) -> None:
        for name in entities.get("Roles", []):
            if self.arn not in self.backend.get_role(name).managed_policies:
                self.backend.attach_role_policy(self.arn, name)
        for name in entities.get("Groups", []):
            self.backend.attach_group_policy(self.arn, name)
        for name in entities.get("Users", []):
            if self.arn not in self.backend.get_user(name).managed_policies:
                self.backend.attach_user_policy(self.arn, name)

    def _detach(self, entities: dict[str, list[str]]) -> None:
        for name in entities.get("Roles", []):
            _quietly(self.backend.detach_role_policy, self.arn, name)
        for name in entities.get("Groups", []):
            _quietly(self.backend.detach_group_policy, self.arn, name)
        for name in entities.get("Users", []):
            _quietly(self.backend.detach_user_policy, self.arn, name)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "ManagedPolicy":
        properties = cloudformation_json.get("Properties", {})
        created = _backend(account_id, region_name).create_policy(
            description=properties.get("Description"),  # type: ignore[arg-type]
            path=properties.get("Path", "/"),
            policy_document=_document(properties["PolicyDocument"]),
            policy_name=properties.get("ManagedPolicyName", resource_name),
            tags=[],  # the resource type has no Tags
        )
        policy = _as(cls, created, properties)
        try:
            policy._attach({k: _names(properties, k) for k in ("Roles", "Groups", "Users")})
        except IAMException:
            policy.delete(account_id, region_name)
            raise
        return policy

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "ManagedPolicy",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "ManagedPolicy":
        properties = cloudformation_json.get("Properties", {})
        policy = original_resource
        old = _previous(policy)
        if (
            properties.get("ManagedPolicyName") != old.get("ManagedPolicyName")
            or properties.get("Path", "/") != policy.path
            or properties.get("Description", "") != policy.description
        ):  # ManagedPolicyName, Path and Description: update requires replacement
            new = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
            policy.delete(account_id, region_name)
            return new
        backend = policy.backend
        document = _document(properties["PolicyDocument"])
        default = next(v for v in policy.versions if v.is_default)
        if not _same_document(document, default.document):
            if len(policy.versions) >= 5:  # IAM keeps five versions: the oldest other one goes
                oldest = min((v for v in policy.versions if not v.is_default), key=lambda v: int(v.version_id.lstrip("v")))
                backend.delete_policy_version(policy.arn, oldest.version_id)
            backend.create_policy_version(policy.arn, document, set_as_default=True)
        added: dict[str, list[str]] = {}
        removed: dict[str, list[str]] = {}
        for key in ("Roles", "Groups", "Users"):
            added[key], removed[key] = _list_changes(_names(old, key), _names(properties, key))
        policy._detach(removed)
        policy._attach(added)
        policy.cloudformation_properties = properties
        return policy

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        policy = _backend(account_id, region_name).managed_policies.get(resource_name)
        if policy is not None:
            _as(cls, policy, _previous(policy)).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        """Detaches the policy from every role, group and user, deletes its other versions, then it."""
        backend = self.backend
        if backend.managed_policies.get(self.arn) is not self:
            return
        self._detach(
            {
                "Roles": [r.name for r in backend.roles.values() if self.arn in r.managed_policies],
                "Groups": [g.name for g in backend.groups.values() if self.arn in g.managed_policies],
                "Users": [u.name for u in backend.users.values() if self.arn in u.managed_policies],
            }
        )
        for version in list(self.versions):
            if not version.is_default:
                backend.delete_policy_version(self.arn, version.version_id)
        backend.delete_policy(self.arn)


class Policy(MotoInlinePolicy, CloudFormationModel):
    """AWS::IAM::Policy: an inline policy put on roles, users and groups. moto's model fails to
    update or delete once one of those is gone (its own delete, or the other resource's), and has
    no Id attribute. This one removes what is still there, and puts the policy through the
    backend's put_*_policy (which validates the document)."""

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""  # PolicyName names the inline policy, not the resource

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-policy.html
        return "AWS::IAM::Policy"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Id"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Id":
            return self.name
        raise UnformattedGetAttTemplateException()

    def _put(self, backend: IAMBackend) -> None:
        for role_name in self.role_names or []:
            backend.put_role_policy(role_name, self.policy_name, self.policy_document)
        for user_name in self.user_names or []:
            backend.put_user_policy(user_name, self.policy_name, self.policy_document)
        for group_name in self.group_names or []:
            backend.put_group_policy(group_name, self.policy_name, self.policy_document)

    def _remove(self, backend: IAMBackend) -> None:
        for role_name in self.role_names or []:
            _quietly(backend.delete_role_policy, role_name, self.policy_name)
        for user_name in self.user_names or []:
            _quietly(backend.delete_user_policy, user_name, self.policy_name)
        for group_name in self.group_names or []:
            _quietly(backend.delete_group_policy, group_name, self.policy_name)

    def _set(self, properties: dict[str, Any]) -> None:
        self.update(
            properties["PolicyName"],
            _document(properties["PolicyDocument"]),
            _names(properties, "Groups"),
            _names(properties, "Roles"),
            _names(properties, "Users"),
        )
        self.cloudformation_properties = properties

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Policy":
        properties = cloudformation_json.get("Properties", {})
        backend = _backend(account_id, region_name)
        # Created empty (moto's create_inline_policy would put it unvalidated), then put through the API's calls.
        created = backend.create_inline_policy(resource_name, properties["PolicyName"], "", [], [], [])
        policy = _as(cls, created, properties)
        policy._set(properties)
        try:
            policy._put(backend)
        except IAMException:
            policy._remove(backend)
            del backend.inline_policies[resource_name]
            raise
        return policy

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Policy",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Policy":
        # Every property updates without interruption.
        properties = cloudformation_json.get("Properties", {})
        backend = _backend(account_id, region_name)
        policy = original_resource
        policy._remove(backend)
        policy._set(properties)
        policy._put(backend)
        return policy

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        policy = _backend(account_id, region_name).inline_policies.get(resource_name)
        if policy is not None:
            _as(cls, policy, _previous(policy)).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        self._remove(backend)
        backend.inline_policies.pop(self.name, None)


class Role(MotoRole, CloudFormationModel):
    """moto's model ignores ManagedPolicyArns, puts Policies unvalidated (and as objects, not JSON),
    updates only the description (and the session duration from the wrong property), and its delete
    leaves attached managed policies, so the role cannot be deleted. This one applies every
    property on create and update (replacing the role when its name or path changes), and deletes
    the role's inline policies, detaches its managed policies and removes it from instance
    profiles before deleting it."""

    @staticmethod
    def cloudformation_name_type() -> str:
        return "RoleName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-role.html
        return "AWS::IAM::Role"

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Role":
        properties = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        created = backend.create_role(
            role_name=properties.get("RoleName", resource_name),
            assume_role_policy_document=_document(properties["AssumeRolePolicyDocument"]),
            path=properties.get("Path", "/"),
            permissions_boundary=properties.get("PermissionsBoundary"),
            description=properties.get("Description", ""),
            tags=_tag_list(properties),
            max_session_duration=str(int(properties.get("MaxSessionDuration", 3600))),
        )
        role = _as(cls, created, properties)
        try:
            for name, document in _inline_policies(properties).items():
                backend.put_role_policy(role.name, name, document)
            for arn in _names(properties, "ManagedPolicyArns"):
                role._attach_policy(backend, arn)
        except IAMException:
            role.delete(account_id, region_name)
            raise
        return role

    def _attach_policy(self, backend: IAMBackend, arn: str) -> None:
        _attach_managed(backend, self, arn, backend.attach_role_policy)

    def _detach_policy(self, backend: IAMBackend, arn: str) -> None:
        _detach_managed(backend, self, arn, backend.detach_role_policy)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Role",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Role":
        properties = cloudformation_json["Properties"]
        role = original_resource
        old = _previous(role)
        if properties.get("RoleName") != old.get("RoleName") or properties.get("Path", "/") != role.path:
            # RoleName and Path: update requires replacement
            new = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
            role.delete(account_id, region_name)
            return new
        backend = _backend(account_id, region_name)
        trust = _document(properties["AssumeRolePolicyDocument"])
        if not _same_document(trust, role.assume_role_policy_document):
            backend.update_assume_role_policy(role.name, trust)
        duration = str(int(properties.get("MaxSessionDuration", 3600)))
        backend.update_role(role.name, properties.get("Description", ""), duration)
        boundary = properties.get("PermissionsBoundary")
        if boundary and boundary != role.permissions_boundary_arn:
            backend.put_role_permissions_boundary(role.name, boundary)
        elif not boundary and role.permissions_boundary_arn:
            backend.delete_role_permissions_boundary(role.name)
        tags, stale = _tag_changes(_tag_list(old), _tag_list(properties))
        if stale:
            backend.untag_role(role.name, stale)
        if tags:
            backend.tag_role(role.name, tags)
        policies = _inline_policies(properties)
        for name in _inline_policies(old):
            if name not in policies:
                _quietly(backend.delete_role_policy, role.name, name)
        for name, document in policies.items():
            backend.put_role_policy(role.name, name, document)
        added, removed = _list_changes(_names(old, "ManagedPolicyArns"), _names(properties, "ManagedPolicyArns"))
        for arn in removed:
            role._detach_policy(backend, arn)
        for arn in added:
            role._attach_policy(backend, arn)
        role.cloudformation_properties = properties
        return role

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        try:
            role = _backend(account_id, region_name).get_role(resource_name)
        except GONE:
            return
        _as(cls, role, _previous(role)).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        if backend.get_role_by_id(self.id) is not self:
            return
        for profile in list(backend.instance_profiles.values()):
            if self in profile.roles:
                backend.remove_role_from_instance_profile(profile.name, self.name)
        for name in list(self.policies):
            backend.delete_role_policy(self.name, name)
        # AWS::IAM::Policy resources that named this role no longer find their policy on it.
        for inline in backend.inline_policies.values():
            if inline.role_names and self.name in inline.role_names:
                inline.role_names = [n for n in inline.role_names if n != self.name]
        for arn in list(self.managed_policies):
            self._detach_policy(backend, arn)
        backend.delete_role(self.name)


class InstanceProfile(MotoInstanceProfile, CloudFormationModel):
    """moto's model cannot update (a change of Roles left the stack without the profile, which then
    outlived it). This one changes the roles in place and replaces the profile when its name or
    path changes."""

    @staticmethod
    def cloudformation_name_type() -> str:
        return "InstanceProfileName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-instanceprofile.html
        return "AWS::IAM::InstanceProfile"

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "InstanceProfile":
        properties = cloudformation_json["Properties"]
        created = _backend(account_id, region_name).create_instance_profile(
            name=properties.get("InstanceProfileName", resource_name),
            path=properties.get("Path", "/"),
            role_names=_names(properties, "Roles"),
        )
        return _as(cls, created, properties)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "InstanceProfile",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "InstanceProfile":
        properties = cloudformation_json["Properties"]
        profile = original_resource
        if (
            properties.get("InstanceProfileName") != _previous(profile).get("InstanceProfileName")
            or properties.get("Path", "/") != profile.path
        ):  # InstanceProfileName and Path: update requires replacement
            new = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
            profile.delete(account_id, region_name)
            return new
        backend = _backend(account_id, region_name)
        wanted = _names(properties, "Roles")
        for role in list(profile.roles):
            if role.name not in wanted:
                backend.remove_role_from_instance_profile(profile.name, role.name)
        for name in wanted:
            if name not in [r.name for r in profile.roles]:
                backend.add_role_to_instance_profile(profile.name, name)
        profile.cloudformation_properties = properties
        return profile

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        profile = _backend(account_id, region_name).instance_profiles.get(resource_name)
        if profile is not None:
            _as(cls, profile, _previous(profile)).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        if backend.instance_profiles.get(self.name) is not self:
            return
        for role in list(self.roles):
            _quietly(backend.remove_role_from_instance_profile, self.name, role.name)
        # A role deleted outside the stack may still be listed in the profile: the profile goes all the same.
        backend.delete_instance_profile(self.name, ignore_attached_roles=True)


class User(MotoUser, CloudFormationModel):
    """moto's model takes only Path and UserName, and its delete fails once the user has policies.
    This one applies Groups, Policies, ManagedPolicyArns, LoginProfile and Tags on create and
    update, and takes them off before deleting the user. (PermissionsBoundary is ignored: moto's
    backend cannot set a user's permissions boundary.)"""

    @staticmethod
    def cloudformation_name_type() -> str:
        return "UserName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-user.html
        return "AWS::IAM::User"

    def _attach_policy(self, backend: IAMBackend, arn: str) -> None:
        _attach_managed(backend, self, arn, backend.attach_user_policy)

    def _detach_policy(self, backend: IAMBackend, arn: str) -> None:
        _detach_managed(backend, self, arn, backend.detach_user_policy)

    def _login_profile(self, backend: IAMBackend, profile: dict[str, Any] | None) -> None:
        if profile is None:
            if self.password:
                backend.delete_login_profile(self.name)
            return
        reset = str(profile.get("PasswordResetRequired", False)).lower() == "true"
        if not self.password:
            backend.create_login_profile(self.name, str(profile["Password"]))
        backend.update_login_profile(self.name, str(profile["Password"]), reset)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "User":
        properties = cloudformation_json.get("Properties", {})
        backend = _backend(account_id, region_name)
        created = backend.create_user(
            region_name=region_name,
            user_name=properties.get("UserName", resource_name),
            path=properties.get("Path", "/"),
            tags=_tag_list(properties),
        )
        user = _as(cls, created, properties)
        try:
            for group in _names(properties, "Groups"):
                backend.add_user_to_group(group, user.name)
            for name, document in _inline_policies(properties).items():
                backend.put_user_policy(user.name, name, document)
            for arn in _names(properties, "ManagedPolicyArns"):
                user._attach_policy(backend, arn)
            user._login_profile(backend, properties.get("LoginProfile"))
        except IAMException:
            user.delete(account_id, region_name)
            raise
        return user

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "User",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "User":
        properties = cloudformation_json.get("Properties", {})
        user = original_resource
        old = _previous(user)
        if properties.get("UserName") != old.get("UserName"):  # UserName: update requires replacement
            new = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
            user.delete(account_id, region_name)
            return new
        backend = _backend(account_id, region_name)
        path = properties.get("Path", "/")
        if path != user.path:
            backend.update_user(user.name, new_path=path)
        added, removed = _list_changes(_names(old, "Groups"), _names(properties, "Groups"))
        for group in removed:
            _quietly(backend.remove_user_from_group, group, user.name)
        for group in added:
            backend.add_user_to_group(group, user.name)
        policies = _inline_policies(properties)
        for name in _inline_policies(old):
            if name not in policies:
                _quietly(backend.delete_user_policy, user.name, name)
        for name, document in policies.items():
            backend.put_user_policy(user.name, name, document)
        added, removed = _list_changes(_names(old, "ManagedPolicyArns"), _names(properties, "ManagedPolicyArns"))
        for arn in removed:
            user._detach_policy(backend, arn)
        for arn in added:
            user._attach_policy(backend, arn)
        user._login_profile(backend, properties.get("LoginProfile"))
        tags, stale = _tag_changes(_tag_list(old), _tag_list(properties))
        if stale:
            backend.untag_user(user.name, stale)
        if tags:
            backend.tag_user(user.name, tags)
        user.cloudformation_properties = properties
        return user

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        user = _backend(account_id, region_name).users.get(resource_name)
        if user is not None:
            _as(cls, user, _previous(user)).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        if backend.users.get(self.name) is not self:
            return
        for group in backend.get_groups_for_user(self.name):
            backend.remove_user_from_group(group.name, self.name)
        for name in list(self.policies):
            backend.delete_user_policy(self.name, name)
        for inline in backend.inline_policies.values():
            if inline.user_names and self.name in inline.user_names:
                inline.user_names = [n for n in inline.user_names if n != self.name]
        for arn in list(self.managed_policies):
            self._detach_policy(backend, arn)
        if self.password:
            backend.delete_login_profile(self.name)
        backend.delete_user(self.name)


class AccessKey(MotoAccessKey, CloudFormationModel):
    """moto's model replaces the key on every update (it takes the required UserName's presence for
    a change), which changes the key id and secret. This one replaces it only when UserName or
    Serial changes, and otherwise updates its Status; and it answers GetAtt Id."""

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-accesskey.html
        return "AWS::IAM::AccessKey"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Id", "SecretAccessKey"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Id":
            return self.access_key_id
        if attribute_name == "SecretAccessKey":
            return self.secret_access_key
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "AccessKey":
        properties = cloudformation_json.get("Properties", {})
        created = _backend(account_id, region_name).create_access_key(
            properties["UserName"], status=properties.get("Status", "Active")
        )
        return _as(cls, created, properties)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "AccessKey",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "AccessKey":
        properties = cloudformation_json.get("Properties", {})
        key = original_resource
        old = _previous(key)
        if properties["UserName"] != key.user_name or str(properties.get("Serial", "")) != str(old.get("Serial", "")):
            # UserName and Serial: update requires replacement
            new = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
            key.delete(account_id, region_name)
            return new
        backend = _backend(account_id, region_name)
        backend.update_access_key(key.user_name, key.access_key_id, properties.get("Status", "Active"))  # type: ignore[arg-type]
        key.cloudformation_properties = properties
        return key

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        key = _backend(account_id, region_name).access_keys.get(resource_name)
        if key is not None:
            _as(cls, key, _previous(key)).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        if self.access_key_id in backend.access_keys:
            backend.delete_access_key_by_name(self.access_key_id)
