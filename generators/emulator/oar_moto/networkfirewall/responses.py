"""API handlers for the Network Firewall calls ``models.py`` adds to moto's backend, added to
moto's NetworkFirewallResponse as moto would write them in ``moto/networkfirewall/responses.py``.
Network Firewall is a JSON protocol: moto already routes every call to NetworkFirewallResponse,
which finds the handler from the target's operation name."""

import json
from typing import Any

from moto.networkfirewall.models import NetworkFirewallModel
from moto.networkfirewall.responses import NetworkFirewallResponse


def _firewall(firewall: NetworkFirewallModel) -> dict[str, Any]:
    return {**firewall.to_dict(), "FirewallId": getattr(firewall, "firewall_id", "")}


class NetworkFirewallResponseAdditions:
    networkfirewall_backend: Any

    def _get_param(self, param_name: str, if_none: Any = None) -> Any:  # provided by BaseResponse
        raise NotImplementedError

    # --- firewalls (create and describe answer with the FirewallId and endpoints the backend now keeps)

    def create_firewall(self) -> str:
        firewall = self.networkfirewall_backend.create_firewall(
            firewall_name=self._get_param("FirewallName"),
            firewall_policy_arn=self._get_param("FirewallPolicyArn"),
            vpc_id=self._get_param("VpcId"),
            subnet_mappings=self._get_param("SubnetMappings"),
            delete_protection=bool(self._get_param("DeleteProtection", False)),
            subnet_change_protection=bool(self._get_param("SubnetChangeProtection", False)),
            firewall_policy_change_protection=bool(self._get_param("FirewallPolicyChangeProtection", False)),
            description=self._get_param("Description"),
            tags=self._get_param("Tags"),
            encryption_configuration=self._get_param("EncryptionConfiguration"),
            enabled_analysis_types=self._get_param("EnabledAnalysisTypes"),
        )
        return json.dumps({"Firewall": _firewall(firewall), "FirewallStatus": firewall.firewall_status})

    def describe_firewall(self) -> str:
        firewall = self.networkfirewall_backend.describe_firewall(
            firewall_name=self._get_param("FirewallName"), firewall_arn=self._get_param("FirewallArn")
        )
        return json.dumps(
            {"UpdateToken": firewall.update_token, "Firewall": _firewall(firewall), "FirewallStatus": firewall.firewall_status}
        )

    def delete_firewall(self) -> str:
        firewall = self.networkfirewall_backend.delete_firewall(
            firewall_name=self._get_param("FirewallName"), firewall_arn=self._get_param("FirewallArn")
        )
        return json.dumps({"Firewall": _firewall(firewall), "FirewallStatus": firewall.firewall_status})

    def _protection(self, method: str, param: str, out: str) -> str:
        firewall = getattr(self.networkfirewall_backend, method)(
            self._get_param("UpdateToken"),
            self._get_param("FirewallArn"),
            self._get_param("FirewallName"),
            bool(self._get_param(param)),
        )
        return json.dumps(
            {
                "FirewallArn": firewall.arn,
                "FirewallName": firewall.firewall_name,
                out: bool(self._get_param(param)),
                "UpdateToken": firewall.update_token,
            }
        )

    def update_firewall_delete_protection(self) -> str:
        return self._protection("update_firewall_delete_protection", "DeleteProtection", "DeleteProtection")

    def update_firewall_policy_change_protection(self) -> str:
        return self._protection(
            "update_firewall_policy_change_protection", "FirewallPolicyChangeProtection", "FirewallPolicyChangeProtection"
        )

    def update_subnet_change_protection(self) -> str:
        return self._protection("update_subnet_change_protection", "SubnetChangeProtection", "SubnetChangeProtection")

    def update_firewall_description(self) -> str:
        firewall = self.networkfirewall_backend.update_firewall_description(
            self._get_param("UpdateToken"),
            self._get_param("FirewallArn"),
            self._get_param("FirewallName"),
            self._get_param("Description"),
        )
        return json.dumps(
            {
                "FirewallArn": firewall.arn,
                "FirewallName": firewall.firewall_name,
                "Description": firewall.description,
                "UpdateToken": firewall.update_token,
            }
        )

    def associate_firewall_policy(self) -> str:
        firewall = self.networkfirewall_backend.associate_firewall_policy(
            self._get_param("UpdateToken"),
            self._get_param("FirewallArn"),
            self._get_param("FirewallName"),
            self._get_param("FirewallPolicyArn"),
        )
        return json.dumps(
            {
                "FirewallArn": firewall.arn,
                "FirewallName": firewall.firewall_name,
                "FirewallPolicyArn": firewall.firewall_policy_arn,
                "UpdateToken": firewall.update_token,
            }
        )

    # --- tags

    def list_tags_for_resource(self) -> str:
        tags = self.networkfirewall_backend.tagger.list_tags_for_resource(self._get_param("ResourceArn"))["Tags"]
        return json.dumps({"Tags": tags})

    def tag_resource(self) -> str:
        self.networkfirewall_backend.tagger.tag_resource(self._get_param("ResourceArn"), self._get_param("Tags"))
        return "{}"

    def untag_resource(self) -> str:
        self.networkfirewall_backend.tagger.untag_resource_using_names(
            self._get_param("ResourceArn"), self._get_param("TagKeys")
        )
        return "{}"

    # --- firewall policies

    def _policy_response(self, policy: Any, with_body: bool) -> str:
        out: dict[str, Any] = {
            "UpdateToken": policy.update_token,
            "FirewallPolicyResponse": policy.response(self.networkfirewall_backend._consumed(policy)),
        }
        if with_body:
            out["FirewallPolicy"] = policy.firewall_policy
        return json.dumps(out)

    def create_firewall_policy(self) -> str:
        policy = self.networkfirewall_backend.create_firewall_policy(
            firewall_policy_name=self._get_param("FirewallPolicyName"),
            firewall_policy=self._get_param("FirewallPolicy"),
            description=self._get_param("Description"),
            tags=self._get_param("Tags"),
            encryption_configuration=self._get_param("EncryptionConfiguration"),
        )
        return self._policy_response(policy, with_body=False)

    def describe_firewall_policy(self) -> str:
        policy = self.networkfirewall_backend.describe_firewall_policy(
            self._get_param("FirewallPolicyArn"), self._get_param("FirewallPolicyName")
        )
        return self._policy_response(policy, with_body=True)

    def update_firewall_policy(self) -> str:
        policy = self.networkfirewall_backend.update_firewall_policy(
            update_token=self._get_param("UpdateToken"),
            firewall_policy_arn=self._get_param("FirewallPolicyArn"),
            firewall_policy_name=self._get_param("FirewallPolicyName"),
            firewall_policy=self._get_param("FirewallPolicy"),
            description=self._get_param("Description"),
            encryption_configuration=self._get_param("EncryptionConfiguration"),
        )
        return self._policy_response(policy, with_body=False)

    def delete_firewall_policy(self) -> str:
        policy = self.networkfirewall_backend.delete_firewall_policy(
            self._get_param("FirewallPolicyArn"), self._get_param("FirewallPolicyName")
        )
        return json.dumps({"FirewallPolicyResponse": policy.response(0)})

    def list_firewall_policies(self) -> str:
        policies, next_token = self.networkfirewall_backend.list_firewall_policies(
            next_token=self._get_param("NextToken"), max_results=self._get_param("MaxResults")
        )
        out: dict[str, Any] = {"FirewallPolicies": [{"Name": p.name, "Arn": p.arn} for p in policies]}
        if next_token:
            out["NextToken"] = next_token
        return json.dumps(out)

    # --- rule groups

    def _group_response(self, group: Any, with_body: bool) -> str:
        out: dict[str, Any] = {"UpdateToken": group.update_token, "RuleGroupResponse": group.response()}
        if with_body:
            out["RuleGroup"] = group.rule_group
        return json.dumps(out)

    def create_rule_group(self) -> str:
        group = self.networkfirewall_backend.create_rule_group(
            rule_group_name=self._get_param("RuleGroupName"),
            rule_group=self._get_param("RuleGroup"),
            rules=self._get_param("Rules"),
            rule_group_type=self._get_param("Type"),
            capacity=self._get_param("Capacity"),
            description=self._get_param("Description"),
            tags=self._get_param("Tags"),
            encryption_configuration=self._get_param("EncryptionConfiguration"),
        )
        return self._group_response(group, with_body=False)

    def describe_rule_group(self) -> str:
        group = self.networkfirewall_backend.describe_rule_group(
            self._get_param("RuleGroupArn"), self._get_param("RuleGroupName"), self._get_param("Type")
        )
        return self._group_response(group, with_body=True)

    def update_rule_group(self) -> str:
        group = self.networkfirewall_backend.update_rule_group(
            update_token=self._get_param("UpdateToken"),
            rule_group_arn=self._get_param("RuleGroupArn"),
            rule_group_name=self._get_param("RuleGroupName"),
            rule_group_type=self._get_param("Type"),
            rule_group=self._get_param("RuleGroup"),
            rules=self._get_param("Rules"),
            description=self._get_param("Description"),
        )
        return self._group_response(group, with_body=False)

    def delete_rule_group(self) -> str:
        group = self.networkfirewall_backend.delete_rule_group(
            self._get_param("RuleGroupArn"), self._get_param("RuleGroupName"), self._get_param("Type")
        )
        return json.dumps({"RuleGroupResponse": group.response()})

    def list_rule_groups(self) -> str:
        groups, next_token = self.networkfirewall_backend.list_rule_groups(
            rule_group_type=self._get_param("Type"),
            next_token=self._get_param("NextToken"),
            max_results=self._get_param("MaxResults"),
        )
        out: dict[str, Any] = {"RuleGroups": [{"Name": g.name, "Arn": g.arn} for g in groups]}
        if next_token:
            out["NextToken"] = next_token
        return json.dumps(out)


for _name, _member in vars(NetworkFirewallResponseAdditions).items():
    if callable(_member) and _name != "_get_param" and not (_name.startswith("__") and _name.endswith("__")):
        setattr(NetworkFirewallResponse, _name, _member)
