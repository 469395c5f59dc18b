"""AWS::EC2::NetworkAcl, AWS::EC2::NetworkAclEntry and AWS::EC2::SubnetNetworkAclAssociation,
created through moto's network ACL backend (moto.ec2.models.network_acls)."""

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.ec2.exceptions import InvalidNetworkAclIdError
from moto.ec2.models import ec2_backends


def _bool(value: Any) -> bool:
    """A CloudFormation Boolean, which may arrive as "true"/"false"."""
    return str(value).lower() == "true"


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _tags(props: dict[str, Any]) -> list[dict[str, str]]:
    return [{"Key": t["Key"], "Value": t["Value"]} for t in props.get("Tags", [])]


def _replace_tags(backend: Any, resource_id: str, tags: list[dict[str, str]]) -> None:
    """Sets a resource's tags to the template's, keeping the aws: ones CloudFormation adds."""
    old = [k for k in backend.tags.get(resource_id, {}) if not k.startswith("aws:")]
    backend.delete_tags([resource_id], {k: None for k in old})
    if tags:
        backend.create_tags([resource_id], {t["Key"]: t["Value"] for t in tags})


class NetworkAcl(CloudFormationModel):
    def __init__(self, network_acl_id: str, vpc_id: str):
        self.id = network_acl_id
        self.vpc_id = vpc_id

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-networkacl.html
        return "AWS::EC2::NetworkAcl"

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

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "NetworkAcl":
        props = cloudformation_json["Properties"]
        backend = ec2_backends[account_id][region_name]
        acl = backend.create_network_acl(vpc_id=props["VpcId"], tags=_tags(props))
        return cls(acl.id, acl.vpc_id)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "NetworkAcl",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "NetworkAcl":
        props = cloudformation_json["Properties"]
        if props["VpcId"] != original_resource.vpc_id:  # VpcId: update requires replacement
            new = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
            original_resource.delete(account_id, region_name)
            return new
        backend = ec2_backends[account_id][region_name]
        acl = backend.get_network_acl(original_resource.id)
        _replace_tags(backend, acl.id, _tags(props))
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        _delete_network_acl(resource_name, account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        # Refused (DependencyViolation) while a subnet is associated, as in EC2; a stack
        # delete retries after the associations are gone.
        _delete_network_acl(self.id, account_id, region_name)


def _delete_network_acl(network_acl_id: str, account_id: str, region_name: str) -> None:
    try:
        ec2_backends[account_id][region_name].delete_network_acl(network_acl_id)
    except InvalidNetworkAclIdError:
        pass  # already gone


def _entry_args(props: dict[str, Any]) -> dict[str, Any]:
    """CreateNetworkAclEntry's arguments, typed as moto's handler passes them."""
    icmp = props.get("Icmp") or {}
    ports = props.get("PortRange") or {}
    return {
        "network_acl_id": props["NetworkAclId"],
        "rule_number": int(props["RuleNumber"]),
        "protocol": str(props["Protocol"]),
        "rule_action": props["RuleAction"],
        "egress": _bool(props.get("Egress", False)),
        "cidr_block": props.get("CidrBlock"),
        "ipv6_cidr_block": props.get("Ipv6CidrBlock"),
        "icmp_code": _int(icmp.get("Code")),
        "icmp_type": _int(icmp.get("Type")),
        "port_range_from": _int(ports.get("From")),
        "port_range_to": _int(ports.get("To")),
    }


class NetworkAclEntry(CloudFormationModel):
    def __init__(self, entry_id: str, network_acl_id: str, rule_number: int, egress: bool):
        self.id = entry_id
        self.network_acl_id = network_acl_id
        self.rule_number = rule_number
        self.egress = egress

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-networkaclentry.html
        return "AWS::EC2::NetworkAclEntry"

    @property
    def physical_resource_id(self) -> str:
        # An entry has no id in EC2; CloudFormation's is a generated name, as here.
        return self.id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Id"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Id":
            return self.id
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "NetworkAclEntry":
        args = _entry_args(cloudformation_json["Properties"])
        ec2_backends[account_id][region_name].create_network_acl_entry(**args)
        return cls(resource_name, args["network_acl_id"], args["rule_number"], args["egress"])

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "NetworkAclEntry",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "NetworkAclEntry":
        args = _entry_args(cloudformation_json["Properties"])
        same_rule = (args["network_acl_id"], args["rule_number"], args["egress"]) == (
            original_resource.network_acl_id,
            original_resource.rule_number,
            original_resource.egress,
        )
        if same_rule:  # the other properties update without interruption
            ec2_backends[account_id][region_name].replace_network_acl_entry(**args)
            return original_resource
        # NetworkAclId, RuleNumber or Egress: replacement, the new entry first
        new = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        original_resource.delete(account_id, region_name)
        return new

    def delete(self, account_id: str, region_name: str) -> None:
        backend = ec2_backends[account_id][region_name]
        try:
            acl = backend.get_network_acl(self.network_acl_id)
        except InvalidNetworkAclIdError:
            return  # deleted with its ACL
        if any(e.rule_number == self.rule_number and e.egress == self.egress for e in acl.network_acl_entries):
            backend.delete_network_acl_entry(self.network_acl_id, self.rule_number, self.egress)


class SubnetNetworkAclAssociation(CloudFormationModel):
    """Replaces the subnet's current association (EC2 gives every subnet one, with the VPC's
    default ACL) with one to the template's ACL; deleting it gives the subnet back to the
    default ACL, as EC2 does."""

    def __init__(self, association_id: str, subnet_id: str, network_acl_id: str):
        self.id = association_id
        self.subnet_id = subnet_id
        self.network_acl_id = network_acl_id

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-subnetnetworkaclassociation.html
        return "AWS::EC2::SubnetNetworkAclAssociation"

    @property
    def physical_resource_id(self) -> str:
        return self.id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["AssociationId"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "AssociationId":
            return self.id
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _current_association(backend: Any, subnet_id: str) -> str | None:
        for acl in backend.describe_network_acls():
            for association in acl.associations:
                if association.subnet_id == subnet_id:
                    return str(association.id)
        return None

    @classmethod
    def _associate(cls, subnet_id: str, network_acl_id: str, account_id: str, region_name: str) -> "SubnetNetworkAclAssociation":
        backend = ec2_backends[account_id][region_name]
        backend.get_subnet(subnet_id)  # InvalidSubnetID.NotFound, as EC2
        current = cls._current_association(backend, subnet_id)
        if current is None:  # moto gives every subnet a default association; be safe
            vpc_id = backend.get_subnet(subnet_id).vpc_id
            backend.associate_default_network_acl_with_subnet(subnet_id, vpc_id)
            current = cls._current_association(backend, subnet_id)
        association = backend.replace_network_acl_association(current, network_acl_id)
        return cls(association.id, subnet_id, network_acl_id)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "SubnetNetworkAclAssociation":
        props = cloudformation_json["Properties"]
        return cls._associate(props["SubnetId"], props["NetworkAclId"], account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "SubnetNetworkAclAssociation",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "SubnetNetworkAclAssociation":
        # Both properties require replacement.
        props = cloudformation_json["Properties"]
        if props["SubnetId"] == original_resource.subnet_id:
            return cls._associate(props["SubnetId"], props["NetworkAclId"], account_id, region_name)
        new = cls._associate(props["SubnetId"], props["NetworkAclId"], account_id, region_name)
        original_resource.delete(account_id, region_name)
        return new

    def delete(self, account_id: str, region_name: str) -> None:
        backend = ec2_backends[account_id][region_name]
        owner = next((acl for acl in backend.describe_network_acls() if self.id in acl._associations), None)  # noqa: SLF001
        if owner is None:
            return  # replaced since, or gone with its ACL
        try:
            backend.get_subnet(self.subnet_id)
        except Exception:  # the subnet is gone, and its association with it
            owner._associations.pop(self.id, None)  # noqa: SLF001
            return
        default = next(acl for acl in backend.describe_network_acls() if acl.default and acl.vpc_id == owner.vpc_id)
        backend.replace_network_acl_association(self.id, default.id)
