"""AWS::Organizations::Organization, OrganizationalUnit, Policy and Account, created through moto's
Organizations backend (the calls its responses.py makes for CreateOrganization, CreateOrganizationalUnit,
CreatePolicy with AttachPolicy, and CreateAccount with MoveAccount)."""

import json
from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.core.utils import unix_time
from moto.organizations.exceptions import (
    AccountNotFoundException,
    AWSOrganizationsNotInUseException,
    PolicyNotFoundException,
)
from moto.organizations.exceptions import OrganizationsClientError
from moto.organizations.models import OrganizationsBackend, organizations_backends
from moto.utilities.utils import get_partition


def _backend(account_id: str, region_name: str) -> OrganizationsBackend:
    return organizations_backends[account_id][get_partition(region_name)]


def _tags(props: dict[str, Any]) -> list[dict[str, str]]:
    return [{"Key": t["Key"], "Value": str(t["Value"])} for t in props.get("Tags", [])]


class Organization(CloudFormationModel):
    """Ref returns the organization id (o-…)."""

    def __init__(self, account_id: str, region_name: str, organization_id: str):
        self.account_id = account_id
        self.region_name = region_name
        self.id = organization_id

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-organizations-organization.html
        return "AWS::Organizations::Organization"

    @property
    def physical_resource_id(self) -> str:
        return self.id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Arn", "Id", "ManagementAccountArn", "ManagementAccountEmail", "ManagementAccountId", "RootId"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        backend = _backend(self.account_id, self.region_name)
        org = backend.org
        if org is None:
            raise UnformattedGetAttTemplateException()
        values = {
            "Arn": org.arn,
            "Id": org.id,
            "ManagementAccountArn": org.master_account_arn,
            "ManagementAccountEmail": org.master_account_email,
            "ManagementAccountId": org.master_account_id,
            "RootId": org.root_id,
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
    ) -> "Organization":
        from moto.iam.models import iam_backends

        props = cloudformation_json.get("Properties", {})
        accounts_before = set(iam_backends.keys())
        described = _backend(account_id, region_name).create_organization(
            region=region_name, FeatureSet=props.get("FeatureSet", "ALL")
        )
        # moto's CreateOrganization builds the management account's FakeAccount with a random id before it sets the
        # real one, and so creates OrganizationAccountAccessRole in an account that does not exist; AWS creates no
        # such role for the management account. Drop that stray IAM backend.
        for stray in set(iam_backends.keys()) - accounts_before - {account_id}:
            del iam_backends[stray]
        return cls(account_id, region_name, described["Organization"]["Id"])

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Organization",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Organization":
        # FeatureSet can only move from CONSOLIDATED_BILLING to ALL, through a handshake with every member;
        # CloudFormation does not replace an organization, so the update keeps it.
        backend = _backend(account_id, region_name)
        if backend.org is not None:
            backend.org.feature_set = cloudformation_json.get("Properties", {}).get("FeatureSet", "ALL")
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        cls(account_id, region_name, resource_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        try:
            _backend(account_id, region_name).delete_organization()
        except AWSOrganizationsNotInUseException:
            return


class OrganizationalUnit(CloudFormationModel):
    """Ref returns the OU id (ou-…)."""

    def __init__(self, account_id: str, region_name: str, ou_id: str):
        self.account_id = account_id
        self.region_name = region_name
        self.id = ou_id

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-organizations-organizationalunit.html
        return "AWS::Organizations::OrganizationalUnit"

    @property
    def physical_resource_id(self) -> str:
        return self.id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Arn", "Id"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        ou = _backend(self.account_id, self.region_name).get_organizational_unit_by_id(self.id)
        if attribute_name == "Arn":
            return ou.arn
        if attribute_name == "Id":
            return ou.id
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "OrganizationalUnit":
        props = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        parent_id = backend.validate_parent_id(props["ParentId"])
        described = backend.create_organizational_unit(Name=props["Name"], ParentId=parent_id, Tags=_tags(props))
        return cls(account_id, region_name, described["OrganizationalUnit"]["Id"])

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "OrganizationalUnit",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "OrganizationalUnit":
        props = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        ou = backend.get_organizational_unit_by_id(original_resource.id)
        if props["ParentId"] != ou.parent_id:  # ParentId: replacement
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        if props["Name"] != ou.name:
            backend.update_organizational_unit(OrganizationalUnitId=ou.id, Name=props["Name"])
        ou.tags = {t["Key"]: t["Value"] for t in _tags(props)}
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        cls(account_id, region_name, resource_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        try:
            ou = backend.get_organizational_unit_by_id(self.id)
        except OrganizationsClientError:
            return  # already gone (with its organization): CloudFormation counts a delete of a missing OU as done
        # DeleteOrganizationalUnit leaves no attachments behind (moto's would keep FullAWSAccess pointing at it).
        for policy in list(ou.attached_policies):
            backend.detach_policy(PolicyId=policy.id, TargetId=ou.id)
        backend.delete_organizational_unit(OrganizationalUnitId=self.id)


class Policy(CloudFormationModel):
    """Ref returns the policy id (p-…); TargetIds are attached after CreatePolicy, as CloudFormation does."""

    def __init__(self, account_id: str, region_name: str, policy_id: str):
        self.account_id = account_id
        self.region_name = region_name
        self.id = policy_id

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-organizations-policy.html
        return "AWS::Organizations::Policy"

    @property
    def physical_resource_id(self) -> str:
        return self.id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Arn", "AwsManaged", "Id"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        policy = _backend(self.account_id, self.region_name).get_policy_by_id(self.id)
        if attribute_name == "Arn":
            return policy.arn
        if attribute_name == "AwsManaged":
            return "true" if policy.aws_managed else "false"
        if attribute_name == "Id":
            return policy.id
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _content(props: dict[str, Any]) -> str:
        # Content is a JSON object or a string in the template; the API takes the document as a string.
        content = props["Content"]
        return content if isinstance(content, str) else json.dumps(content)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Policy":
        props = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        described = backend.create_policy(
            Name=props.get("Name", resource_name),
            Type=props["Type"],
            Content=cls._content(props),
            Description=props.get("Description", ""),
            Tags=_tags(props),
        )
        policy_id = described["Policy"]["PolicySummary"]["Id"]
        for target in props.get("TargetIds", []):
            backend.attach_policy(PolicyId=policy_id, TargetId=target)
        return cls(account_id, region_name, policy_id)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Policy",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Policy":
        props = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        policy = backend.get_policy_by_id(original_resource.id)
        if props["Type"] != policy.type:  # Type: replacement
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        backend.update_policy(
            PolicyId=policy.id,
            Name=props.get("Name", policy.name),
            Description=props.get("Description", ""),
            Content=cls._content(props),
        )
        policy.tags = {t["Key"]: t["Value"] for t in _tags(props)}
        wanted = set(props.get("TargetIds", []))
        current = {t.id for t in policy.attachments}
        for target in current - wanted:
            backend.detach_policy(PolicyId=policy.id, TargetId=target)
        for target in wanted - current:
            backend.attach_policy(PolicyId=policy.id, TargetId=target)
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        cls(account_id, region_name, resource_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        try:
            policy = backend.get_policy_by_id(self.id)
        except PolicyNotFoundException:
            return  # already gone (with its organization): CloudFormation counts a delete of a missing policy as done
        for target in list(policy.attachments):
            backend.detach_policy(PolicyId=policy.id, TargetId=target.id)
        backend.delete_policy(PolicyId=policy.id)


class Account(CloudFormationModel):
    """Ref returns the account id. Deleting the resource closes the account, as CloudFormation does when the
    DeletionPolicy is Delete (the type's default DeletionPolicy is Retain)."""

    def __init__(self, account_id: str, region_name: str, member_id: str):
        self.account_id = account_id
        self.region_name = region_name
        self.id = member_id

    @staticmethod
    def cloudformation_name_type() -> str:
        return "AccountName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-organizations-account.html
        return "AWS::Organizations::Account"

    @property
    def physical_resource_id(self) -> str:
        return self.id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["AccountId", "Arn", "JoinedMethod", "JoinedTimestamp", "Status"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        account = _backend(self.account_id, self.region_name).get_account_by_id(self.id)
        values = {
            "AccountId": account.id,
            "Arn": account.arn,
            "JoinedMethod": account.joined_method,
            "JoinedTimestamp": str(unix_time(account.create_time)),
            "Status": account.status,
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
    ) -> "Account":
        props = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        request: dict[str, Any] = {"AccountName": props["AccountName"], "Email": props["Email"], "Tags": _tags(props)}
        if "RoleName" in props:
            request["RoleName"] = props["RoleName"]
        status = backend.create_account(**request)["CreateAccountStatus"]
        member_id = status["AccountId"]
        parents = props.get("ParentIds", [])
        if parents:
            account = backend.get_account_by_id(member_id)
            backend.move_account(AccountId=member_id, SourceParentId=account.parent_id, DestinationParentId=parents[0])
        return cls(account_id, region_name, member_id)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Account",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Account":
        # Only ParentIds and Tags can change; AccountName, Email and RoleName are create-only for an account.
        props = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        account = backend.get_account_by_id(original_resource.id)
        parents = props.get("ParentIds", [])
        if parents and parents[0] != account.parent_id:
            backend.move_account(AccountId=account.id, SourceParentId=account.parent_id, DestinationParentId=parents[0])
        account.tags = {t["Key"]: t["Value"] for t in _tags(props)}
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        cls(account_id, region_name, resource_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        try:
            _backend(account_id, region_name).close_account(AccountId=self.id)
        except (AccountNotFoundException, AWSOrganizationsNotInUseException):
            return
