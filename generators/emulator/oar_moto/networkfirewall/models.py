"""Network Firewall for moto 5.2.1: the calls its backend lacks, and CloudFormation models.

moto's NetworkFirewall backend creates, describes and lists firewalls and keeps their logging
configuration, but it has no firewall policies or rule groups, cannot delete a firewall or change
its protections, and gives a firewall no endpoints. This module adds, as moto would in
``moto/networkfirewall/models.py``:

- CreateFirewallPolicy, DescribeFirewallPolicy, UpdateFirewallPolicy, DeleteFirewallPolicy and
  ListFirewallPolicies; CreateRuleGroup, DescribeRuleGroup, UpdateRuleGroup, DeleteRuleGroup and
  ListRuleGroups; DeleteFirewall, AssociateFirewallPolicy, UpdateFirewallDeleteProtection,
  UpdateFirewallPolicyChangeProtection, UpdateSubnetChangeProtection and UpdateFirewallDescription;
- AWS's validation: a policy or rule group in use cannot be deleted, a firewall with delete
  protection cannot be deleted, update tokens must be current, names are unique per type;
- a firewall endpoint (a Gateway Load Balancer VPC endpoint in EC2, as Network Firewall makes) in
  every subnet of the firewall, reported in ``FirewallStatus.SyncStates`` and deleted with it.

``responses.py`` beside it serves the calls (moto routes every Network Firewall call to
NetworkFirewallResponse by its target).

CloudFormation models: AWS::NetworkFirewall::Firewall, AWS::NetworkFirewall::FirewallPolicy,
AWS::NetworkFirewall::RuleGroup and AWS::NetworkFirewall::LoggingConfiguration.
"""

import copy
from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import BaseModel, CloudFormationModel
from moto.core.exceptions import JsonRESTError
from moto.ec2.models import ec2_backends
from moto.moto_api._internal import mock_random
from moto.networkfirewall.exceptions import ResourceNotFound
from moto.networkfirewall.models import NetworkFirewallBackend, NetworkFirewallModel, networkfirewall_backends
from moto.utilities.paginator import paginate

PAGINATION_MODEL = {
    "list_firewall_policies": {
        "input_token": "next_token",
        "limit_key": "max_results",
        "limit_default": 100,
        "unique_attribute": "arn",
    },
    "list_rule_groups": {
        "input_token": "next_token",
        "limit_key": "max_results",
        "limit_default": 100,
        "unique_attribute": "arn",
    },
}

# The numbers CloudFormation may pass as strings, wherever they appear in a policy or rule group.
_INTEGER_KEYS = {"Priority", "Capacity", "FromPort", "ToPort", "Protocols", "Value", "ReferenceSets"}


class InvalidRequestException(JsonRESTError):
    def __init__(self, message: str):
        super().__init__("InvalidRequestException", message)


class InvalidOperationException(JsonRESTError):
    def __init__(self, message: str):
        super().__init__("InvalidOperationException", message)


class InvalidTokenException(JsonRESTError):
    def __init__(self) -> None:
        super().__init__("InvalidTokenException", "Update token is out of date: describe the resource again")


def _integers(value: Any, key: str = "") -> Any:
    """CloudFormation JSON to API JSON: numbers that arrive as strings become integers."""
    if isinstance(value, dict):
        return {k: _integers(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_integers(v, key) for v in value]
    if key in _INTEGER_KEYS and isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)
    return value


def _bool(value: Any, default: bool) -> bool:
    if value is None:
        return default
    return str(value).lower() == "true"


def _token() -> str:
    return str(mock_random.uuid4())


class FirewallPolicy(BaseModel):
    def __init__(
        self,
        account_id: str,
        region_name: str,
        name: str,
        firewall_policy: dict[str, Any],
        description: str | None,
        tags: list[dict[str, str]] | None,
        encryption_configuration: dict[str, Any] | None,
    ):
        self.name = name
        self.firewall_policy = firewall_policy
        self.description = description
        self.tags = tags or []
        self.encryption_configuration = encryption_configuration or {"Type": "AWS_OWNED_KMS_KEY"}
        self.policy_id = str(mock_random.uuid4())
        self.arn = f"arn:aws:network-firewall:{region_name}:{account_id}:firewall-policy/{name}"
        self.update_token = _token()
        self.status = "ACTIVE"

    def response(self, consumed: int) -> dict[str, Any]:
        return {
            "FirewallPolicyName": self.name,
            "FirewallPolicyArn": self.arn,
            "FirewallPolicyId": self.policy_id,
            "Description": self.description or "",
            "FirewallPolicyStatus": self.status,
            "Tags": self.tags,
            "ConsumedStatelessRuleCapacity": 0,
            "ConsumedStatefulRuleCapacity": consumed,
            "NumberOfAssociations": 0,
            "EncryptionConfiguration": self.encryption_configuration,
        }

    def rule_group_arns(self) -> list[str]:
        refs = (self.firewall_policy.get("StatefulRuleGroupReferences") or []) + (
            self.firewall_policy.get("StatelessRuleGroupReferences") or []
        )
        return [r["ResourceArn"] for r in refs]


class RuleGroup(BaseModel):
    def __init__(
        self,
        account_id: str,
        region_name: str,
        name: str,
        rule_group: dict[str, Any],
        rule_group_type: str,
        capacity: int,
        description: str | None,
        tags: list[dict[str, str]] | None,
        encryption_configuration: dict[str, Any] | None,
    ):
        self.name = name
        self.rule_group = rule_group
        self.type = rule_group_type
        self.capacity = capacity
        self.description = description
        self.tags = tags or []
        self.encryption_configuration = encryption_configuration or {"Type": "AWS_OWNED_KMS_KEY"}
        self.rule_group_id = str(mock_random.uuid4())
        kind = "stateful-rulegroup" if rule_group_type == "STATEFUL" else "stateless-rulegroup"
        self.arn = f"arn:aws:network-firewall:{region_name}:{account_id}:{kind}/{name}"
        self.update_token = _token()
        self.status = "ACTIVE"

    def response(self) -> dict[str, Any]:
        return {
            "RuleGroupArn": self.arn,
            "RuleGroupName": self.name,
            "RuleGroupId": self.rule_group_id,
            "Description": self.description or "",
            "Type": self.type,
            "Capacity": self.capacity,
            "RuleGroupStatus": self.status,
            "Tags": self.tags,
            "ConsumedCapacity": 0,
            "NumberOfAssociations": 0,
            "EncryptionConfiguration": self.encryption_configuration,
        }


class NetworkFirewallBackendAdditions:
    """Methods added to moto's NetworkFirewallBackend, as they would be written in moto/networkfirewall/models.py."""

    account_id: str
    region_name: str
    firewalls: dict[str, NetworkFirewallModel]
    firewall_policies: dict[str, FirewallPolicy]
    rule_groups: dict[str, RuleGroup]
    tagger: Any
    _get_firewall: Any

    # --- firewalls

    def create_firewall(self, **kwargs: Any) -> NetworkFirewallModel:
        name = kwargs["firewall_name"]
        if any(f.firewall_name == name for f in self.firewalls.values()):
            raise InvalidRequestException(f"A firewall with the name {name} already exists")
        self.describe_firewall_policy(kwargs["firewall_policy_arn"], None)
        subnet_mappings = kwargs.get("subnet_mappings") or []
        if not subnet_mappings:
            raise InvalidRequestException("SubnetMappings must name at least one subnet")
        ec2 = ec2_backends[self.account_id][self.region_name]
        zones: dict[str, str] = {}
        for mapping in subnet_mappings:
            subnet = ec2.get_subnet(mapping["SubnetId"])
            if subnet.vpc_id != kwargs["vpc_id"]:
                raise InvalidRequestException(f"Subnet {subnet.id} is not in VPC {kwargs['vpc_id']}")
            if subnet.availability_zone in zones:
                raise InvalidRequestException(f"Only one subnet per Availability Zone: {subnet.availability_zone}")
            zones[subnet.availability_zone] = subnet.id
        firewall = _moto_create_firewall(self, **kwargs)  # type: ignore[arg-type]
        firewall.firewall_id = str(mock_random.uuid4())  # type: ignore[attr-defined]
        firewall.update_token = _token()
        firewall.firewall_status = {"Status": "READY", "ConfigurationSyncStateSummary": "IN_SYNC", "SyncStates": {}}
        for zone, subnet_id in zones.items():
            self._add_endpoint(firewall, zone, subnet_id)
        return firewall

    def _add_endpoint(self, firewall: NetworkFirewallModel, zone: str, subnet_id: str) -> None:
        # Network Firewall makes a Gateway Load Balancer endpoint in each subnet; routes target it.
        ec2 = ec2_backends[self.account_id][self.region_name]
        endpoint = ec2.create_vpc_endpoint(
            vpc_id=firewall.vpc_id,
            service_name=f"com.amazonaws.vpce.{self.region_name}.vpce-svc-{mock_random.get_random_hex(17)}",
            endpoint_type="GatewayLoadBalancer",
            policy_document=None,
            route_table_ids=[],
            subnet_ids=[subnet_id],
        )
        firewall.firewall_status["SyncStates"][zone] = {
            "Attachment": {"SubnetId": subnet_id, "EndpointId": endpoint.id, "Status": "READY"},
            "Config": {},
        }

    def _remove_endpoints(self, firewall: NetworkFirewallModel) -> None:
        ec2 = ec2_backends[self.account_id][self.region_name]
        ids = [s["Attachment"]["EndpointId"] for s in firewall.firewall_status.get("SyncStates", {}).values()]
        ec2.delete_vpc_endpoints(ids)
        firewall.firewall_status["SyncStates"] = {}

    def _current(self, firewall: NetworkFirewallModel, update_token: str | None) -> None:
        if update_token and update_token != firewall.update_token:
            raise InvalidTokenException()
        firewall.update_token = _token()

    def delete_firewall(self, firewall_name: str | None, firewall_arn: str | None) -> NetworkFirewallModel:
        firewall = self._get_firewall(firewall_arn, firewall_name)
        if firewall.delete_protection:
            raise InvalidOperationException(
                "Firewall deletion is protected: turn off DeleteProtection with UpdateFirewallDeleteProtection first"
            )
        self._remove_endpoints(firewall)
        del self.firewalls[firewall.arn]
        self.tagger.delete_all_tags_for_resource(firewall.arn)
        firewall.firewall_status = {"Status": "DELETING", "ConfigurationSyncStateSummary": "IN_SYNC"}
        return firewall

    def associate_firewall_policy(
        self, update_token: str | None, firewall_arn: str | None, firewall_name: str | None, firewall_policy_arn: str
    ) -> NetworkFirewallModel:
        firewall = self._get_firewall(firewall_arn, firewall_name)
        if firewall.firewall_policy_change_protection:
            raise InvalidOperationException("Firewall policy change protection is on for this firewall")
        self.describe_firewall_policy(firewall_policy_arn, None)
        self._current(firewall, update_token)
        firewall.firewall_policy_arn = firewall_policy_arn
        return firewall

    def update_firewall_delete_protection(
        self, update_token: str | None, firewall_arn: str | None, firewall_name: str | None, delete_protection: bool
    ) -> NetworkFirewallModel:
        firewall = self._get_firewall(firewall_arn, firewall_name)
        self._current(firewall, update_token)
        firewall.delete_protection = delete_protection
        return firewall

    def update_firewall_policy_change_protection(
        self, update_token: str | None, firewall_arn: str | None, firewall_name: str | None, protection: bool
    ) -> NetworkFirewallModel:
        firewall = self._get_firewall(firewall_arn, firewall_name)
        self._current(firewall, update_token)
        firewall.firewall_policy_change_protection = protection
        return firewall

    def update_subnet_change_protection(
        self, update_token: str | None, firewall_arn: str | None, firewall_name: str | None, protection: bool
    ) -> NetworkFirewallModel:
        firewall = self._get_firewall(firewall_arn, firewall_name)
        self._current(firewall, update_token)
        firewall.subnet_change_protection = protection
        return firewall

    def update_firewall_description(
        self, update_token: str | None, firewall_arn: str | None, firewall_name: str | None, description: str | None
    ) -> NetworkFirewallModel:
        firewall = self._get_firewall(firewall_arn, firewall_name)
        self._current(firewall, update_token)
        firewall.description = description or ""
        return firewall

    # --- firewall policies

    def _consumed(self, policy: FirewallPolicy) -> int:
        return sum(self.rule_groups[a].capacity for a in policy.rule_group_arns() if a in self.rule_groups)

    def _check_references(self, firewall_policy: dict[str, Any]) -> None:
        for ref in firewall_policy.get("StatefulRuleGroupReferences") or []:
            group = self.rule_groups.get(ref["ResourceArn"])
            if group is None or group.type != "STATEFUL":
                raise InvalidRequestException(f"Stateful rule group {ref['ResourceArn']} does not exist")
        strict = (firewall_policy.get("StatefulEngineOptions") or {}).get("RuleOrder") == "STRICT_ORDER"
        for ref in firewall_policy.get("StatefulRuleGroupReferences") or []:
            group_order = (self.rule_groups[ref["ResourceArn"]].rule_group.get("StatefulRuleOptions") or {}).get(
                "RuleOrder", "DEFAULT_ACTION_ORDER"
            )
            if strict != (group_order == "STRICT_ORDER"):
                raise InvalidRequestException(
                    "The rule order of a stateful rule group must match the rule order of the firewall policy"
                )
            if strict != ("Priority" in ref):
                raise InvalidRequestException("Priority is required for each stateful rule group in strict order, and only then")
        if firewall_policy.get("StatefulDefaultActions") and not strict:
            raise InvalidRequestException("StatefulDefaultActions can be set only with STRICT_ORDER rule order")
        for ref in firewall_policy.get("StatelessRuleGroupReferences") or []:
            group = self.rule_groups.get(ref["ResourceArn"])
            if group is None or group.type != "STATELESS":
                raise InvalidRequestException(f"Stateless rule group {ref['ResourceArn']} does not exist")

    def create_firewall_policy(
        self,
        firewall_policy_name: str,
        firewall_policy: dict[str, Any],
        description: str | None,
        tags: list[dict[str, str]] | None,
        encryption_configuration: dict[str, Any] | None,
    ) -> FirewallPolicy:
        if any(p.name == firewall_policy_name for p in self.firewall_policies.values()):
            raise InvalidRequestException(f"A firewall policy with the name {firewall_policy_name} already exists")
        for required in ("StatelessDefaultActions", "StatelessFragmentDefaultActions"):
            if not firewall_policy.get(required):
                raise InvalidRequestException(f"FirewallPolicy.{required} is required")
        self._check_references(firewall_policy)
        policy = FirewallPolicy(
            self.account_id,
            self.region_name,
            firewall_policy_name,
            firewall_policy,
            description,
            tags,
            encryption_configuration,
        )
        self.firewall_policies[policy.arn] = policy
        if tags:
            self.tagger.tag_resource(policy.arn, tags)
        return policy

    def describe_firewall_policy(self, firewall_policy_arn: str | None, firewall_policy_name: str | None) -> FirewallPolicy:
        if firewall_policy_arn and firewall_policy_arn in self.firewall_policies:
            return self.firewall_policies[firewall_policy_arn]
        for policy in self.firewall_policies.values():
            if firewall_policy_name and policy.name == firewall_policy_name:
                return policy
        raise ResourceNotFound(str(firewall_policy_arn or firewall_policy_name))

    def update_firewall_policy(
        self,
        update_token: str,
        firewall_policy_arn: str | None,
        firewall_policy_name: str | None,
        firewall_policy: dict[str, Any],
        description: str | None,
        encryption_configuration: dict[str, Any] | None,
    ) -> FirewallPolicy:
        policy = self.describe_firewall_policy(firewall_policy_arn, firewall_policy_name)
        if update_token != policy.update_token:
            raise InvalidTokenException()
        self._check_references(firewall_policy)
        old_order = (policy.firewall_policy.get("StatefulEngineOptions") or {}).get("RuleOrder")
        new_order = (firewall_policy.get("StatefulEngineOptions") or {}).get("RuleOrder")
        if old_order != new_order:
            raise InvalidRequestException("The rule order of a firewall policy cannot be changed after it is created")
        policy.firewall_policy = firewall_policy
        if description is not None:
            policy.description = description
        if encryption_configuration:
            policy.encryption_configuration = encryption_configuration
        policy.update_token = _token()
        return policy

    def delete_firewall_policy(self, firewall_policy_arn: str | None, firewall_policy_name: str | None) -> FirewallPolicy:
        policy = self.describe_firewall_policy(firewall_policy_arn, firewall_policy_name)
        if any(f.firewall_policy_arn == policy.arn for f in self.firewalls.values()):
            raise InvalidOperationException("Unable to delete the object because it is still in use")
        del self.firewall_policies[policy.arn]
        self.tagger.delete_all_tags_for_resource(policy.arn)
        policy.status = "DELETING"
        return policy

    @paginate(pagination_model=PAGINATION_MODEL)
    def list_firewall_policies(self) -> list[FirewallPolicy]:
        return list(self.firewall_policies.values())

    # --- rule groups

    def create_rule_group(
        self,
        rule_group_name: str,
        rule_group: dict[str, Any] | None,
        rules: str | None,
        rule_group_type: str,
        capacity: int,
        description: str | None,
        tags: list[dict[str, str]] | None,
        encryption_configuration: dict[str, Any] | None,
    ) -> RuleGroup:
        if rule_group_type not in ("STATEFUL", "STATELESS"):
            raise InvalidRequestException(f"Type must be STATEFUL or STATELESS, not {rule_group_type}")
        if any(g.name == rule_group_name and g.type == rule_group_type for g in self.rule_groups.values()):
            raise InvalidRequestException(f"A rule group with the name {rule_group_name} already exists")
        if not 1 <= int(capacity) <= 30000:
            raise InvalidRequestException("Capacity must be between 1 and 30,000")
        if rule_group is None and rules is None:
            raise InvalidRequestException("Either RuleGroup or Rules is required")
        body = rule_group if rule_group is not None else {"RulesSource": {"RulesString": rules}}
        group = RuleGroup(
            self.account_id,
            self.region_name,
            rule_group_name,
            body,
            rule_group_type,
            int(capacity),
            description,
            tags,
            encryption_configuration,
        )
        self.rule_groups[group.arn] = group
        if tags:
            self.tagger.tag_resource(group.arn, tags)
        return group

    def describe_rule_group(
        self, rule_group_arn: str | None, rule_group_name: str | None, rule_group_type: str | None
    ) -> RuleGroup:
        if rule_group_arn and rule_group_arn in self.rule_groups:
            return self.rule_groups[rule_group_arn]
        for group in self.rule_groups.values():
            if rule_group_name and group.name == rule_group_name and group.type == (rule_group_type or "STATELESS"):
                return group
        raise ResourceNotFound(str(rule_group_arn or rule_group_name))

    def update_rule_group(
        self,
        update_token: str,
        rule_group_arn: str | None,
        rule_group_name: str | None,
        rule_group_type: str | None,
        rule_group: dict[str, Any] | None,
        rules: str | None,
        description: str | None,
    ) -> RuleGroup:
        group = self.describe_rule_group(rule_group_arn, rule_group_name, rule_group_type)
        if update_token != group.update_token:
            raise InvalidTokenException()
        new = rule_group if rule_group is not None else {**group.rule_group, "RulesSource": {"RulesString": rules}}
        old_order = (group.rule_group.get("StatefulRuleOptions") or {}).get("RuleOrder")
        if (new.get("StatefulRuleOptions") or {}).get("RuleOrder") != old_order:
            raise InvalidRequestException("The rule order of a rule group cannot be changed after it is created")
        group.rule_group = new
        if description is not None:
            group.description = description
        group.update_token = _token()
        return group

    def delete_rule_group(
        self, rule_group_arn: str | None, rule_group_name: str | None, rule_group_type: str | None
    ) -> RuleGroup:
        group = self.describe_rule_group(rule_group_arn, rule_group_name, rule_group_type)
        if any(group.arn in p.rule_group_arns() for p in self.firewall_policies.values()):
            raise InvalidOperationException("Unable to delete the object because it is still in use")
        del self.rule_groups[group.arn]
        self.tagger.delete_all_tags_for_resource(group.arn)
        group.status = "DELETING"
        return group

    @paginate(pagination_model=PAGINATION_MODEL)
    def list_rule_groups(self, rule_group_type: str | None = None) -> list[RuleGroup]:
        return [g for g in self.rule_groups.values() if rule_group_type in (None, g.type)]


_moto_create_firewall = NetworkFirewallBackend.create_firewall


def _add_to_backend() -> None:
    """Adds the calls above, and the collections they keep, to moto's NetworkFirewallBackend."""
    if getattr(NetworkFirewallBackend, "_oar_additions", False):
        return
    moto_init = NetworkFirewallBackend.__init__

    def __init__(self: NetworkFirewallBackend, region_name: str, account_id: str) -> None:
        moto_init(self, region_name, account_id)
        self.firewall_policies: dict[str, FirewallPolicy] = {}
        self.rule_groups: dict[str, RuleGroup] = {}

    NetworkFirewallBackend.__init__ = __init__  # type: ignore[method-assign]
    for name, member in vars(NetworkFirewallBackendAdditions).items():
        if callable(member) and not (name.startswith("__") and name.endswith("__")):
            setattr(NetworkFirewallBackend, name, member)
    NetworkFirewallBackend._oar_additions = True  # type: ignore[attr-defined]


_add_to_backend()


def _backend(account_id: str, region_name: str) -> NetworkFirewallBackend:
    return networkfirewall_backends[account_id][region_name]


def _tags(props: dict[str, Any]) -> list[dict[str, str]]:
    return [{"Key": t["Key"], "Value": t["Value"]} for t in props.get("Tags") or []]


def _retag(backend: NetworkFirewallBackend, arn: str, old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, str]]:
    tags = _tags(new)
    if _tags(old) != tags:
        backend.tagger.delete_all_tags_for_resource(arn)
        if tags:
            backend.tagger.tag_resource(arn, tags)
    return tags


class Firewall(CloudFormationModel):
    def __init__(self, arn: str, properties: dict[str, Any], account_id: str, region_name: str):
        self.arn = arn
        self.properties = properties
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "FirewallName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-networkfirewall-firewall.html
        return "AWS::NetworkFirewall::Firewall"

    @property
    def physical_resource_id(self) -> str:
        return self.arn

    def _firewall(self) -> NetworkFirewallModel:
        return _backend(self.account_id, self.region_name)._get_firewall(self.arn, None)

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["FirewallArn", "FirewallId", "EndpointIds", "TransitGatewayAttachmentId"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "FirewallArn":
            return self.arn
        if attribute_name == "FirewallId":
            return self._firewall().firewall_id  # type: ignore[attr-defined]
        if attribute_name == "EndpointIds":
            # "us-east-1a:vpce-…", one per subnet, in no particular order (as CloudFormation documents).
            states = self._firewall().firewall_status.get("SyncStates", {})
            return [f"{zone}:{s['Attachment']['EndpointId']}" for zone, s in states.items()]
        if attribute_name == "TransitGatewayAttachmentId":
            # Only a firewall attached to a transit gateway has one; this backend makes VPC firewalls only.
            raise UnformattedGetAttTemplateException()
        raise UnformattedGetAttTemplateException()

    @classmethod
    def _create(cls, name: str, props: dict[str, Any], account_id: str, region_name: str) -> "Firewall":
        firewall = _backend(account_id, region_name).create_firewall(
            firewall_name=name,
            firewall_policy_arn=props["FirewallPolicyArn"],
            vpc_id=props["VpcId"],
            subnet_mappings=[
                {k: v for k, v in m.items() if k in ("SubnetId", "IPAddressType")} for m in props["SubnetMappings"]
            ],
            delete_protection=_bool(props.get("DeleteProtection"), False),
            subnet_change_protection=_bool(props.get("SubnetChangeProtection"), False),
            firewall_policy_change_protection=_bool(props.get("FirewallPolicyChangeProtection"), False),
            description=props.get("Description") or "",
            tags=_tags(props),
            encryption_configuration=None,
            enabled_analysis_types=props.get("EnabledAnalysisTypes") or [],
        )
        return cls(firewall.arn, copy.deepcopy(props), account_id, region_name)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Firewall":
        props = cloudformation_json["Properties"]
        return cls._create(props.get("FirewallName") or resource_name, props, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Firewall",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Firewall":
        old, new = original_resource.properties, cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        firewall = original_resource._firewall()
        # FirewallName and VpcId require replacement; so does a change of subnets here, which moto
        # cannot associate or disassociate.
        if any(old.get(p) != new.get(p) for p in ("FirewallName", "VpcId", "SubnetMappings")):
            original_resource.properties = {**old, "DeleteProtection": "false"}
            backend.update_firewall_delete_protection(None, firewall.arn, None, False)
            replacement = cls._create(new.get("FirewallName") or new_resource_name, new, account_id, region_name)
            original_resource.delete(account_id, region_name)
            return replacement
        # Protections are lifted before other changes and set after them, as CloudFormation's handler does.
        if not _bool(new.get("FirewallPolicyChangeProtection"), False):
            backend.update_firewall_policy_change_protection(None, firewall.arn, None, False)
        if old.get("FirewallPolicyArn") != new.get("FirewallPolicyArn"):
            backend.associate_firewall_policy(None, firewall.arn, None, new["FirewallPolicyArn"])
        if old.get("Description") != new.get("Description"):
            backend.update_firewall_description(None, firewall.arn, None, new.get("Description"))
        backend.update_firewall_delete_protection(None, firewall.arn, None, _bool(new.get("DeleteProtection"), False))
        backend.update_subnet_change_protection(None, firewall.arn, None, _bool(new.get("SubnetChangeProtection"), False))
        backend.update_firewall_policy_change_protection(
            None, firewall.arn, None, _bool(new.get("FirewallPolicyChangeProtection"), False)
        )
        firewall.tags = _retag(backend, firewall.arn, old, new)
        original_resource.properties = copy.deepcopy(new)
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        cls(resource_name, {}, account_id, region_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        if self.arn in backend.firewalls:
            backend.delete_firewall(None, self.arn)


class NetworkFirewallPolicy(CloudFormationModel):
    def __init__(self, arn: str, properties: dict[str, Any], account_id: str, region_name: str):
        self.arn = arn
        self.properties = properties
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "FirewallPolicyName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-networkfirewall-firewallpolicy.html
        return "AWS::NetworkFirewall::FirewallPolicy"

    @property
    def physical_resource_id(self) -> str:
        return self.arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["FirewallPolicyArn", "FirewallPolicyId"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "FirewallPolicyArn":
            return self.arn
        if attribute_name == "FirewallPolicyId":
            return _backend(self.account_id, self.region_name).describe_firewall_policy(self.arn, None).policy_id
        raise UnformattedGetAttTemplateException()

    @classmethod
    def _create(cls, name: str, props: dict[str, Any], account_id: str, region_name: str) -> "NetworkFirewallPolicy":
        policy = _backend(account_id, region_name).create_firewall_policy(
            firewall_policy_name=name,
            firewall_policy=_integers(props["FirewallPolicy"]),
            description=props.get("Description"),
            tags=_tags(props),
            encryption_configuration=None,
        )
        return cls(policy.arn, copy.deepcopy(props), account_id, region_name)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "NetworkFirewallPolicy":
        props = cloudformation_json["Properties"]
        return cls._create(props.get("FirewallPolicyName") or resource_name, props, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "NetworkFirewallPolicy",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "NetworkFirewallPolicy":
        old, new = original_resource.properties, cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        if old.get("FirewallPolicyName") != new.get("FirewallPolicyName"):
            replacement = cls._create(new.get("FirewallPolicyName") or new_resource_name, new, account_id, region_name)
            # CloudFormation deletes the old policy in its cleanup phase, once firewalls point at the new one.
            return replacement
        policy = backend.describe_firewall_policy(original_resource.arn, None)
        backend.update_firewall_policy(
            update_token=policy.update_token,
            firewall_policy_arn=policy.arn,
            firewall_policy_name=None,
            firewall_policy=_integers(new["FirewallPolicy"]),
            description=new.get("Description") or "",
            encryption_configuration=None,
        )
        policy.tags = _retag(backend, policy.arn, old, new)
        original_resource.properties = copy.deepcopy(new)
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        cls(resource_name, {}, account_id, region_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        if self.arn in backend.firewall_policies:
            backend.delete_firewall_policy(self.arn, None)


class NetworkFirewallRuleGroup(CloudFormationModel):
    def __init__(self, arn: str, properties: dict[str, Any], account_id: str, region_name: str):
        self.arn = arn
        self.properties = properties
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "RuleGroupName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-networkfirewall-rulegroup.html
        return "AWS::NetworkFirewall::RuleGroup"

    @property
    def physical_resource_id(self) -> str:
        return self.arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["RuleGroupArn", "RuleGroupId"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "RuleGroupArn":
            return self.arn
        if attribute_name == "RuleGroupId":
            return _backend(self.account_id, self.region_name).describe_rule_group(self.arn, None, None).rule_group_id
        raise UnformattedGetAttTemplateException()

    @classmethod
    def _create(cls, name: str, props: dict[str, Any], account_id: str, region_name: str) -> "NetworkFirewallRuleGroup":
        group = _backend(account_id, region_name).create_rule_group(
            rule_group_name=name,
            rule_group=_integers(props["RuleGroup"]) if "RuleGroup" in props else None,
            rules=None,
            rule_group_type=props["Type"],
            capacity=int(props["Capacity"]),
            description=props.get("Description"),
            tags=_tags(props),
            encryption_configuration=None,
        )
        return cls(group.arn, copy.deepcopy(props), account_id, region_name)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "NetworkFirewallRuleGroup":
        props = cloudformation_json["Properties"]
        return cls._create(props.get("RuleGroupName") or resource_name, props, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "NetworkFirewallRuleGroup",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "NetworkFirewallRuleGroup":
        old, new = original_resource.properties, cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        if any(old.get(p) != new.get(p) for p in ("RuleGroupName", "Type", "Capacity")):
            # Capacity and Type cannot change: CloudFormation replaces the rule group.
            return cls._create(new.get("RuleGroupName") or new_resource_name, new, account_id, region_name)
        group = backend.describe_rule_group(original_resource.arn, None, None)
        backend.update_rule_group(
            update_token=group.update_token,
            rule_group_arn=group.arn,
            rule_group_name=None,
            rule_group_type=None,
            rule_group=_integers(new["RuleGroup"]) if "RuleGroup" in new else None,
            rules=None,
            description=new.get("Description") or "",
        )
        group.tags = _retag(backend, group.arn, old, new)
        original_resource.properties = copy.deepcopy(new)
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        cls(resource_name, {}, account_id, region_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        if self.arn in backend.rule_groups:
            backend.delete_rule_group(self.arn, None, None)


class LoggingConfiguration(CloudFormationModel):
    def __init__(self, firewall_arn: str, properties: dict[str, Any], account_id: str, region_name: str):
        self.firewall_arn = firewall_arn
        self.properties = properties
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-networkfirewall-loggingconfiguration.html
        return "AWS::NetworkFirewall::LoggingConfiguration"

    @property
    def physical_resource_id(self) -> str:
        return self.firewall_arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _put(props: dict[str, Any], account_id: str, region_name: str) -> str:
        configs = props["LoggingConfiguration"]["LogDestinationConfigs"]
        kinds = [c["LogType"] for c in configs]
        if len(set(kinds)) != len(kinds):
            raise InvalidRequestException("Each LogType can have one log destination only")
        firewall = _backend(account_id, region_name).update_logging_configuration(
            firewall_arn=props.get("FirewallArn"),
            firewall_name=props.get("FirewallName"),
            logging_configuration={"LogDestinationConfigs": copy.deepcopy(configs)},
        )
        return firewall.arn

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "LoggingConfiguration":
        props = cloudformation_json["Properties"]
        arn = cls._put(props, account_id, region_name)
        return cls(arn, copy.deepcopy(props), account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "LoggingConfiguration",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "LoggingConfiguration":
        new = cloudformation_json["Properties"]
        if new.get("FirewallArn") != original_resource.properties.get("FirewallArn"):
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        cls._put(new, account_id, region_name)
        original_resource.properties = copy.deepcopy(new)
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        cls(resource_name, {}, account_id, region_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        if self.firewall_arn in backend.firewalls:
            backend.update_logging_configuration(
                firewall_arn=self.firewall_arn, firewall_name=None, logging_configuration={"LogDestinationConfigs": []}
            )


# The API handlers of the calls added above.
from . import responses  # noqa: E402, F401
