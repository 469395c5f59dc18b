"""AWS::EC2::SecurityGroup (moto's, fixed), AWS::EC2::SecurityGroupIngress (moto's, fixed) and
AWS::EC2::SecurityGroupEgress, through moto's EC2 backend (authorize_/revoke_security_group_*)."""

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.ec2.exceptions import InvalidPermissionDuplicateError, InvalidPermissionNotFoundError, InvalidSecurityGroupNotFoundError
from moto.ec2.models import ec2_backends
from moto.ec2.models.security_groups import SecurityGroup as MotoSecurityGroup
from moto.ec2.models.security_groups import SecurityGroupIngress as MotoSecurityGroupIngress
from moto.ec2.models.security_groups import SecurityGroupRule


def _ports(rule: dict[str, Any]) -> tuple[str | None, str | None]:
    """FromPort/ToPort as the API takes them: none for all protocols (-1); -1 where a protocol
    other than all is given without ports (as EC2 reports such a rule)."""
    if str(rule["IpProtocol"]).lower() in ("-1", "all"):
        return None, None
    return str(rule.get("FromPort", -1)), str(rule.get("ToPort", -1))


def _peer(rule: dict[str, Any], egress: bool) -> dict[str, Any]:
    """The rule's one peer (CIDR, security group or prefix list), as the authorize calls take it."""
    described = {"Description": rule["Description"]} if rule.get("Description") else {}
    if rule.get("CidrIp"):
        return {"ip_ranges": [{"CidrIp": rule["CidrIp"], **described}]}
    if rule.get("CidrIpv6"):
        return {"ip_ranges": [{"CidrIpv6": rule["CidrIpv6"], **described}]}
    group_id = rule.get("DestinationSecurityGroupId" if egress else "SourceSecurityGroupId")
    group_name = None if egress else rule.get("SourceSecurityGroupName")
    if group_id or group_name:
        group: dict[str, Any] = {"GroupId": group_id} if group_id else {"GroupName": group_name}
        owner = None if egress else rule.get("SourceSecurityGroupOwnerId")
        if owner:
            group["UserId"] = str(owner)
        return {"ip_ranges": [], "source_groups": [{**group, **described}]}
    prefix_list = rule.get("DestinationPrefixListId" if egress else "SourcePrefixListId")
    if prefix_list:
        return {"ip_ranges": [], "prefix_list_ids": [{"PrefixListId": prefix_list, **described}]}
    # As CloudFormation does, a rule without a peer adds nothing (see the resource's documentation).
    return {"ip_ranges": []}


def _authorize(ec2_backend: Any, group_id: str, rule: dict[str, Any], egress: bool) -> list[SecurityGroupRule]:
    from_port, to_port = _ports(rule)
    authorize = ec2_backend.authorize_security_group_egress if egress else ec2_backend.authorize_security_group_ingress
    added, _ = authorize(
        group_name_or_id=group_id,
        ip_protocol=str(rule["IpProtocol"]),
        from_port=from_port,
        to_port=to_port,
        **_peer(rule, egress),
    )
    return added


def _revoke(ec2_backend: Any, group_id: str, rule_ids: list[str], egress: bool) -> None:
    """Revokes rules by id; a rule or group already gone is not an error, as for CloudFormation."""
    revoke = ec2_backend.revoke_security_group_egress if egress else ec2_backend.revoke_security_group_ingress
    for rule_id in rule_ids:
        try:
            revoke(group_id, None, None, None, [], security_rule_ids=[rule_id])
        except (InvalidSecurityGroupNotFoundError, InvalidPermissionNotFoundError):
            pass


def _default_egress(ec2_backend: Any, group: MotoSecurityGroup) -> list[str]:
    """Gives a VPC security group back the allow-all egress it is created with; returns the rule ids."""
    vpc = ec2_backend.vpcs.get(group.vpc_id) if group.vpc_id else None
    if vpc is None:
        return []
    cidrs = [{"CidrIp": "0.0.0.0/0"}]
    if vpc.get_cidr_block_association_set(ipv6=True):
        cidrs.append({"CidrIpv6": "::/0"})
    ids = []
    for cidr in cidrs:
        try:
            added, _ = ec2_backend.authorize_security_group_egress(group.id, "-1", None, None, [cidr])
        except InvalidPermissionDuplicateError:
            continue  # another resource's rule allows it already
        ids.extend(r.id for r in added)
    return ids


class SecurityGroup(MotoSecurityGroup, CloudFormationModel):
    """moto's model ignores SecurityGroupEgress (so a VPC group keeps its default allow-all egress
    whatever the template says), Description, CidrIpv6 and prefix lists, fails on an ingress rule
    for all protocols (no FromPort), and replaces the group on every update (a new id that
    dependents never see). This one applies both rule lists, and updates rules and tags in place."""

    # Fn::GetAtt is answered by the instance moto's backend creates (moto's class): GroupId only.

    @staticmethod
    def _apply_rules(ec2_backend: Any, group: MotoSecurityGroup, properties: dict[str, Any]) -> None:
        """Authorizes the template's rules and records which rules are the template's, so an update
        can revoke them. A VPC group created with SecurityGroupEgress loses its default egress rule,
        as in EC2 through CloudFormation; without it, the default rule is the template's egress."""
        ingress: list[str] = []
        for rule in properties.get("SecurityGroupIngress", []):
            ingress.extend(r.id for r in _authorize(ec2_backend, group.id, rule, egress=False))
        if "SecurityGroupEgress" in properties:
            egress: list[str] = []
            for rule in properties["SecurityGroupEgress"]:
                egress.extend(r.id for r in _authorize(ec2_backend, group.id, rule, egress=True))
        else:
            egress = _default_egress(ec2_backend, group)
        group.cloudformation_rule_ids = {"ingress": ingress, "egress": egress}  # type: ignore[attr-defined]

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> MotoSecurityGroup:
        properties = cloudformation_json["Properties"]
        ec2_backend = ec2_backends[account_id][region_name]
        group = ec2_backend.create_security_group(
            name=resource_name,
            description=properties.get("GroupDescription"),
            vpc_id=properties.get("VpcId"),
            tags={t["Key"]: t["Value"] for t in properties.get("Tags", [])},
        )
        # The rules EC2 creates a group with are replaced by the template's egress, if it has one.
        _revoke(ec2_backend, group.id, [r.id for r in group.egress_rules], egress=True)
        cls._apply_rules(ec2_backend, group, properties)
        return group

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: MotoSecurityGroup,
        new_resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
    ) -> MotoSecurityGroup:
        properties = cloudformation_json["Properties"]
        ec2_backend = ec2_backends[account_id][region_name]
        name = properties.get("GroupName", original_resource.name)
        if (
            name != original_resource.name
            or properties.get("GroupDescription") != original_resource.description
            or properties.get("VpcId", original_resource.vpc_id) != original_resource.vpc_id
        ):  # GroupName, GroupDescription and VpcId: update requires replacement
            new = cls.create_from_cloudformation_json(
                properties.get("GroupName", new_resource_name), cloudformation_json, account_id, region_name
            )
            original_resource.delete(account_id, region_name)
            return new
        previous = getattr(original_resource, "cloudformation_rule_ids", {"ingress": [], "egress": []})
        _revoke(ec2_backend, original_resource.id, previous["ingress"], egress=False)
        _revoke(ec2_backend, original_resource.id, previous["egress"], egress=True)
        cls._apply_rules(ec2_backend, original_resource, properties)
        tags = {t["Key"]: t["Value"] for t in properties.get("Tags", [])}
        old = {t["key"]: t["value"] for t in original_resource.get_tags()}
        # aws: tags (CloudFormation's own) are not the template's to remove.
        stale = {k: v for k, v in old.items() if k not in tags and not k.startswith("aws:")}
        ec2_backend.delete_tags([original_resource.id], stale)
        if tags:
            ec2_backend.create_tags([original_resource.id], tags)
        return original_resource


class SecurityGroupEgress(CloudFormationModel):
    def __init__(self, rule_id: str, group_id: str, properties: dict[str, Any]):
        self.id = rule_id
        self.group_id = group_id
        self.properties = properties

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroupegress.html
        return "AWS::EC2::SecurityGroupEgress"

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
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "SecurityGroupEgress":
        properties = cloudformation_json["Properties"]
        ec2_backend = ec2_backends[account_id][region_name]
        [rule] = _authorize(ec2_backend, properties["GroupId"], properties, egress=True) or [None]
        # A rule without a destination adds nothing, as CloudFormation documents; it has no rule id.
        return cls(rule.id if rule else resource_name, properties["GroupId"], properties)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "SecurityGroupEgress",
        new_resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
    ) -> "SecurityGroupEgress":
        # Every property but Description requires replacement; moto's backend cannot change the
        # description of a rule to a security group in place, so a new description replaces it too.
        original_resource.delete(account_id, region_name)
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
    ) -> None:
        group_id = cloudformation_json["Properties"]["GroupId"]
        _revoke(ec2_backends[account_id][region_name], group_id, [resource_name], egress=True)

    def delete(self, account_id: str, region_name: str) -> None:
        _revoke(ec2_backends[account_id][region_name], self.group_id, [self.id], egress=True)


class SecurityGroupIngress(MotoSecurityGroupIngress, CloudFormationModel):
    """moto's model never revokes its rule (not on stack delete, nor when the resource leaves the
    template), cannot be updated, ignores CidrIpv6 and SourcePrefixListId, and has no Ref or Id."""

    @property
    def physical_resource_id(self) -> str:
        return self.rule_id  # type: ignore[no-any-return]

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Id"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Id":
            return self.rule_id
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "SecurityGroupIngress":
        properties = cloudformation_json["Properties"]
        ec2_backend = ec2_backends[account_id][region_name]
        group_id = properties.get("GroupId")
        if not group_id:
            group_id = ec2_backend.describe_security_groups(groupnames=[properties["GroupName"]])[0].id
        [rule] = _authorize(ec2_backend, group_id, properties, egress=False) or [None]
        ingress = cls(ec2_backend.get_security_group_from_id(group_id), properties)
        # A rule without a source adds nothing, as CloudFormation documents; it has no rule id.
        ingress.rule_id = rule.id if rule else resource_name  # type: ignore[attr-defined]
        return ingress

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "SecurityGroupIngress",
        new_resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
    ) -> "SecurityGroupIngress":
        # As for egress: every property but Description requires replacement.
        original_resource.delete(account_id, region_name)
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        _revoke(ec2_backends[account_id][region_name], self.security_group.id, [self.rule_id], egress=False)  # type: ignore[attr-defined]
