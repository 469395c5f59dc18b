"""moto's AWS::ElasticLoadBalancingV2 models (LoadBalancer, TargetGroup, Listener, ListenerRule)
with what they lack for CloudFormation.

moto's own models ignore most properties (a load balancer's attributes, type and tags, a target
group's attributes, tags and targets, a listener's forward configuration, attributes and ALPN
policy), answer only some Fn::GetAtt attributes (TargetGroup none, so a stack that reads
TargetGroupFullName failed; LoadBalancerFullName and CanonicalHostedZoneID raised
NotImplementedError), cannot update a load balancer or target group, and never delete a target
group, listener or rule.

The backend makes moto's objects; each is re-classed in place as the subclass here, which adds
only CloudFormation behaviour, so that the backend keeps serving the same object.
"""

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.elbv2.exceptions import ListenerNotFoundError, TargetGroupNotFoundError
from moto.elbv2.models import (
    ELBv2Backend,
    FakeListener,
    FakeListenerRule,
    FakeLoadBalancer,
    FakeTargetGroup,
    elbv2_backends,
)

# Action properties that are numbers or booleans in the API; CloudFormation may pass strings.
_ACTION_INTEGERS = {"Order", "Weight", "DurationSeconds", "SessionTimeout"}
_ACTION_BOOLEANS = {"Enabled", "UseExistingClientSecret"}


def _backend(account_id: str, region_name: str) -> ELBv2Backend:
    return elbv2_backends[account_id][region_name]


def _bool(value: Any) -> bool:
    return str(value).lower() == "true"


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _typed_actions(value: Any, key: str = "") -> Any:
    """Listener or rule actions with the API's number and boolean types."""
    if isinstance(value, dict):
        return {k: _typed_actions(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed_actions(v, key) for v in value]
    if key in _ACTION_INTEGERS:
        return int(value)
    if key in _ACTION_BOOLEANS:
        return _bool(value)
    return value


def _key_values(pairs: list[dict[str, Any]] | None) -> dict[str, str]:
    """A CloudFormation list of {Key, Value} (attributes) as the API's attribute map, of strings."""
    return {p["Key"]: str(p["Value"]).lower() if isinstance(p["Value"], bool) else str(p["Value"]) for p in pairs or []}


def _sync_load_balancer_arns(backend: ELBv2Backend) -> None:
    """Sets each target group's LoadBalancerArns to the load balancers whose listeners or rules
    forward to it, as AWS reports them: moto appends a load balancer at every listener or rule
    that forwards to the group (so it repeats) and never removes one."""
    using: dict[str, list[str]] = {arn: [] for arn in backend.target_groups}
    for balancer in backend.load_balancers.values():
        for listener in balancer.listeners.values():
            for rule in listener.rules.values():
                for action in rule.actions:
                    for arn in backend._get_target_group_arns_from(action_data=action.data):  # noqa: SLF001
                        if arn in using and balancer.arn not in using[arn]:
                            using[arn].append(balancer.arn)
    for arn, group in backend.target_groups.items():
        group.load_balancer_arns = using[arn]


def _put_tags(backend: ELBv2Backend, arn: str, tags: list[dict[str, str]] | None) -> None:
    """Makes the resource's tags exactly the template's."""
    wanted = {t["Key"]: t["Value"] for t in tags or []}
    current = backend.tagging_service.get_tag_dict_for_resource(arn)
    gone = [k for k in current if k not in wanted]
    if gone:
        backend.remove_tags([arn], gone)
    if wanted:
        backend.add_tags([arn], [{"Key": k, "Value": v} for k, v in wanted.items()])


class LoadBalancer(FakeLoadBalancer, CloudFormationModel):
    """moto's model ignores Type, IpAddressType, SubnetMappings, Tags and LoadBalancerAttributes,
    answers neither LoadBalancerFullName nor CanonicalHostedZoneID, and cannot update.
    Not stored by moto's backend, so ignored: EnablePrefixForIpv6SourceNat,
    EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic, Ipv4IpamPoolId, MinimumLoadBalancerCapacity."""

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "LoadBalancer":
        props = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        balancer = backend.create_load_balancer(
            name=resource_name,
            security_groups=props.get("SecurityGroups", []),
            subnet_ids=props.get("Subnets", []),
            subnet_mappings=props.get("SubnetMappings", []),
            scheme=props.get("Scheme", "internet-facing"),
            loadbalancer_type=props.get("Type", "application"),
            ip_address_type=props.get("IpAddressType", "ipv4"),
            tags=props.get("Tags"),
        )
        balancer.__class__ = cls
        assert isinstance(balancer, cls)
        attributes = _key_values(props.get("LoadBalancerAttributes"))
        if attributes:
            backend.modify_load_balancer_attributes(balancer.arn, attributes)
        return balancer

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "LoadBalancer",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "LoadBalancer":
        props = cloudformation_json["Properties"]
        old = original_resource
        # A new name, scheme or type replaces the load balancer.
        if (
            props.get("Name", old.name) != old.name
            or props.get("Scheme", "internet-facing") != old.scheme
            or props.get("Type", "application") != old.type
        ):
            new = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
            old.delete(account_id, region_name)
            return new
        backend = _backend(account_id, region_name)
        if "SecurityGroups" in props:
            backend.set_security_groups(old.arn, props["SecurityGroups"])
        subnets, mappings = props.get("Subnets", []), props.get("SubnetMappings", [])
        if sorted(subnets or [m["SubnetId"] for m in mappings]) != sorted(s.id for s in old.subnets):
            backend.set_subnets(old.arn, subnets, mappings)
        backend.set_ip_address_type(old.arn, props.get("IpAddressType", "ipv4"))
        attributes = _key_values(props.get("LoadBalancerAttributes"))
        if attributes:
            backend.modify_load_balancer_attributes(old.arn, attributes)
        _put_tags(backend, old.arn, props.get("Tags"))
        return old

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in [
            "CanonicalHostedZoneID",
            "DNSName",
            "LoadBalancerArn",
            "LoadBalancerFullName",
            "LoadBalancerName",
            "SecurityGroups",
        ]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticloadbalancingv2-loadbalancer.html#aws-resource-elasticloadbalancingv2-loadbalancer-return-values
        if attribute_name == "CanonicalHostedZoneID":
            return self.canonical_hosted_zone_id  # as DescribeLoadBalancers answers
        if attribute_name == "DNSName":
            return self.dns_name
        if attribute_name == "LoadBalancerArn":
            return self.arn
        if attribute_name == "LoadBalancerFullName":  # app/my-load-balancer/50dc6c495c0c9188
            return self.arn.split(":loadbalancer/", 1)[1]
        if attribute_name == "LoadBalancerName":
            return self.name
        if attribute_name == "SecurityGroups":
            return list(self.security_groups)
        raise UnformattedGetAttTemplateException()

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        backend = _backend(account_id, region_name)
        backend.delete_load_balancer(resource_name)
        _sync_load_balancer_arns(backend)

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.arn, {}, account_id, region_name)


class TargetGroup(FakeTargetGroup, CloudFormationModel):
    """moto's model ignores HealthCheckEnabled, ProtocolVersion, IpAddressType, Tags,
    TargetGroupAttributes and Targets, answers no Fn::GetAtt, cannot update and never deletes."""

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "TargetGroup":
        props = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        group = backend.create_target_group(
            resource_name,
            vpc_id=props.get("VpcId"),
            protocol=props.get("Protocol"),
            protocol_version=props.get("ProtocolVersion"),
            port=_int(props.get("Port")),
            healthcheck_protocol=props.get("HealthCheckProtocol"),
            healthcheck_port=props.get("HealthCheckPort"),
            healthcheck_path=props.get("HealthCheckPath"),
            healthcheck_interval_seconds=_int(props.get("HealthCheckIntervalSeconds")),
            healthcheck_timeout_seconds=_int(props.get("HealthCheckTimeoutSeconds")),
            healthcheck_enabled=str(props["HealthCheckEnabled"]).lower() if "HealthCheckEnabled" in props else None,
            healthy_threshold_count=_int(props.get("HealthyThresholdCount")),
            unhealthy_threshold_count=_int(props.get("UnhealthyThresholdCount")),
            matcher=props.get("Matcher"),
            ip_address_type=props.get("IpAddressType"),
            target_type=props.get("TargetType", "instance"),
            tags=props.get("Tags"),
        )
        group.__class__ = cls
        assert isinstance(group, cls)
        group._put_attributes_and_targets(backend, props)
        return group

    def _put_attributes_and_targets(self, backend: ELBv2Backend, props: dict[str, Any]) -> None:
        attributes = _key_values(props.get("TargetGroupAttributes"))
        if attributes:
            backend.modify_target_group_attributes(self.arn, attributes)
        targets = [
            {k: int(v) if k == "Port" else v for k, v in t.items()} for t in props.get("Targets", [])
        ]
        wanted = {t["Id"] for t in targets}
        gone = [{"Id": i} for i in self.targets if i not in wanted]
        if gone:
            backend.deregister_targets(self.arn, gone)
        if targets:
            backend.register_targets(self.arn, targets)

    def _replaced_by(self, props: dict[str, Any]) -> bool:
        """True when the template changes a property whose update replaces the target group."""
        return (
            ("Name" in props and props["Name"] != self.name)
            or _int(props.get("Port")) != _int(self.port)
            or props.get("Protocol") != self.protocol
            or props.get("VpcId") != self.vpc_id
            or props.get("TargetType", "instance") != self.target_type
            or ("ProtocolVersion" in props and props["ProtocolVersion"] != self.protocol_version)
            or ("IpAddressType" in props and props["IpAddressType"] != self.ip_address_type)
        )

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "TargetGroup",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "TargetGroup":
        props = cloudformation_json["Properties"]
        old = original_resource
        if old._replaced_by(props):
            new = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
            old.delete(account_id, region_name)
            return new
        backend = _backend(account_id, region_name)
        backend.modify_target_group(
            old.arn,
            health_check_proto=props.get("HealthCheckProtocol"),
            health_check_port=props.get("HealthCheckPort"),
            health_check_path=props.get("HealthCheckPath"),
            health_check_interval=_int(props.get("HealthCheckIntervalSeconds")),
            health_check_timeout=_int(props.get("HealthCheckTimeoutSeconds")),
            healthy_threshold_count=_int(props.get("HealthyThresholdCount")),  # type: ignore[arg-type]
            unhealthy_threshold_count=_int(props.get("UnhealthyThresholdCount")),  # type: ignore[arg-type]
            http_codes=(props.get("Matcher") or {}).get("HttpCode"),
            health_check_enabled=_bool(props["HealthCheckEnabled"]) if "HealthCheckEnabled" in props else None,
        )
        old._put_attributes_and_targets(backend, props)
        _put_tags(backend, old.arn, props.get("Tags"))
        return old

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["LoadBalancerArns", "TargetGroupArn", "TargetGroupFullName", "TargetGroupName"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticloadbalancingv2-targetgroup.html#aws-resource-elasticloadbalancingv2-targetgroup-return-values
        if attribute_name == "LoadBalancerArns":
            return list(dict.fromkeys(self.load_balancer_arns))
        if attribute_name == "TargetGroupArn":
            return self.arn
        if attribute_name == "TargetGroupFullName":  # targetgroup/my-target-group/cbf133c568e0d028
            return self.arn.split(":")[-1]
        if attribute_name == "TargetGroupName":
            return self.name
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _delete(backend: ELBv2Backend, arn: str) -> None:
        # DeleteTargetGroup fails while a listener or rule forwards to the group (ResourceInUse);
        # the stack's delete then tries again after the listener is gone, as CloudFormation's
        # dependency order would.
        try:
            backend.delete_target_group(arn)
        except TargetGroupNotFoundError:
            pass

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        cls._delete(_backend(account_id, region_name), resource_name)

    def delete(self, account_id: str, region_name: str) -> None:
        self._delete(_backend(account_id, region_name), self.arn)


class Listener(FakeListener, CloudFormationModel):
    """moto's model keeps only the TargetGroupArn of a forward action (dropping ForwardConfig),
    ignores AlpnPolicy and ListenerAttributes, never deletes, and has no Fn::GetAtt.
    Not stored by moto's backend, so ignored: MutualAuthentication; an AlpnPolicy change
    (ModifyListener in moto takes none)."""

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Listener":
        props = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        certificates = props.get("Certificates") or []
        listener = backend.create_listener(
            load_balancer_arn=props["LoadBalancerArn"],
            protocol=props.get("Protocol"),  # type: ignore[arg-type]
            port=_int(props.get("Port")),  # type: ignore[arg-type]
            ssl_policy=props.get("SslPolicy"),  # type: ignore[arg-type]
            certificate=certificates[0]["CertificateArn"] if certificates else None,
            actions=_typed_actions(props["DefaultActions"]),
            alpn_policy=props.get("AlpnPolicy"),
        )
        listener.__class__ = cls
        assert isinstance(listener, cls)
        _sync_load_balancer_arns(backend)
        if props.get("ListenerAttributes"):
            backend.modify_listener_attributes(listener.arn, props["ListenerAttributes"])
        return listener

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Listener",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Listener":
        props = cloudformation_json["Properties"]
        old = original_resource
        if props["LoadBalancerArn"] != old.load_balancer_arn:  # another load balancer replaces it
            new = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
            old.delete(account_id, region_name)
            return new
        backend = _backend(account_id, region_name)
        listener = backend.modify_listener(
            old.arn,
            port=_int(props.get("Port")),  # type: ignore[arg-type]
            protocol=props.get("Protocol"),
            ssl_policy=props.get("SslPolicy"),
            certificates=props.get("Certificates") or [],
            actions=_typed_actions(props["DefaultActions"]),
        )
        if props.get("ListenerAttributes"):
            backend.modify_listener_attributes(old.arn, props["ListenerAttributes"])
        _sync_load_balancer_arns(backend)
        return listener  # type: ignore[return-value]

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["ListenerArn"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "ListenerArn":
            return self.arn
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _delete(backend: ELBv2Backend, arn: str) -> None:
        # Deleting a load balancer deletes its listeners, so it may be gone already.
        try:
            backend.delete_listener(arn)
        except ListenerNotFoundError:
            pass
        _sync_load_balancer_arns(backend)

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        cls._delete(_backend(account_id, region_name), resource_name)

    def delete(self, account_id: str, region_name: str) -> None:
        self._delete(_backend(account_id, region_name), self.arn)


class ListenerRule(FakeListenerRule, CloudFormationModel):
    """moto's model passes Priority as CloudFormation gives it (maybe a string), cannot change
    a rule's priority, never deletes, and has no Fn::GetAtt."""

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "ListenerRule":
        props = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        rule = backend.create_rule(
            listener_arn=props["ListenerArn"],
            conditions=props.get("Conditions", []),
            priority=int(props["Priority"]),
            actions=_typed_actions(props["Actions"]),
        )
        rule.__class__ = cls
        assert isinstance(rule, cls)
        _sync_load_balancer_arns(backend)
        return rule

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "ListenerRule",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "ListenerRule":
        props = cloudformation_json["Properties"]
        old = original_resource
        if props["ListenerArn"] != old.listener_arn:  # another listener replaces the rule
            new = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
            old.delete(account_id, region_name)
            return new
        backend = _backend(account_id, region_name)
        if int(props["Priority"]) != int(old.priority):
            backend.set_rule_priorities([{"RuleArn": old.arn, "Priority": int(props["Priority"])}])
        backend.modify_rule(old.arn, props.get("Conditions", []), _typed_actions(props["Actions"]))
        _sync_load_balancer_arns(backend)
        return old

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["IsDefault", "RuleArn"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "IsDefault":
            return self.is_default
        if attribute_name == "RuleArn":
            return self.arn
        raise UnformattedGetAttTemplateException()

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        # DeleteRule; a rule of a listener or load balancer already deleted is gone with it.
        backend = _backend(account_id, region_name)
        backend.delete_rule(resource_name)
        _sync_load_balancer_arns(backend)

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.arn, {}, account_id, region_name)

