"""VPC Lattice for moto 5.2.1: the calls its backend lacks, and CloudFormation models.

moto's VPCLattice backend creates and reads service networks, services, their associations, listeners,
target groups, auth policies and access log subscriptions, but it deletes almost nothing and has no
targets. This module adds, as moto would in ``moto/vpclattice/models.py``: DeleteServiceNetwork,
DeleteService, DeleteServiceNetworkVpcAssociation, DeleteServiceNetworkServiceAssociation,
DeleteTargetGroup, DeleteListener, RegisterTargets, DeregisterTargets and ListTargets, with AWS's
validation (a service network or service with associations, or a target group a listener forwards to,
cannot be deleted: ConflictException). ``responses.py`` beside it serves them.

CloudFormation models, created through the backend: AWS::VpcLattice::ServiceNetwork, Service,
ServiceNetworkVpcAssociation, ServiceNetworkServiceAssociation, TargetGroup, Listener, AuthPolicy
and AccessLogSubscription. Ref returns the ARN (the ResourceIdentifier for AuthPolicy), as the
resource types' primary identifiers say.
"""

import json
from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.core.exceptions import JsonRESTError
from moto.vpclattice.models import VPCLatticeBackend, vpclattice_backends


class ConflictException(JsonRESTError):
    def __init__(self, message: str):
        super().__init__("ConflictException", message)


def _id(identifier: str) -> str:
    """An id from an id or an ARN (…:servicenetwork/sn-…, …:service/svc-…, …:targetgroup/tg-…)."""
    return identifier.rsplit("/", 1)[-1] if identifier.startswith("arn:") else identifier


class VPCLatticeBackendAdditions:
    """Methods added to moto's VPCLatticeBackend, as they would be written in moto/vpclattice/models.py."""

    services: dict[str, Any]
    service_networks: dict[str, Any]
    service_network_vpc_associations: dict[str, Any]
    service_network_service_associations: dict[str, Any]
    target_groups: dict[str, Any]
    listeners: dict[str, Any]
    rules: dict[str, Any]
    access_log_subscriptions: dict[str, Any]
    auth_policies: dict[str, Any]
    targets: dict[str, list[dict[str, Any]]]
    tagger: Any
    get_service: Any
    get_service_network: Any
    get_target_group: Any

    def _forgets(self, arn: str, resource_id: str) -> None:
        self.tagger.delete_all_tags_for_resource(arn)
        self.auth_policies.pop(resource_id, None)
        self.auth_policies.pop(arn, None)
        for key, sub in list(self.access_log_subscriptions.items()):
            if getattr(sub, "resourceId", None) == resource_id or getattr(sub, "resourceArn", None) == arn:
                del self.access_log_subscriptions[key]

    def delete_service_network(self, service_network_identifier: str) -> None:
        sn = self.get_service_network(_id(service_network_identifier))
        linked = [a for a in self.service_network_vpc_associations.values() if a.service_network_id == sn.id]
        linked += [a for a in self.service_network_service_associations.values() if a.service_network_id == sn.id]
        if linked:
            raise ConflictException(f"Service network {sn.id} has associations; delete them first")
        del self.service_networks[sn.id]
        self._forgets(sn.arn, sn.id)

    def delete_service(self, service_identifier: str) -> Any:
        service = self.get_service(_id(service_identifier))
        if any(a.service_id == service.id for a in self.service_network_service_associations.values()):
            raise ConflictException(f"Service {service.id} is associated with a service network; delete that first")
        for listener_id in [k for k, v in self.listeners.items() if v.service_identifier == service.id]:
            del self.listeners[listener_id]
        del self.services[service.id]
        self._forgets(service.arn, service.id)
        service.status = "DELETE_IN_PROGRESS"
        return service

    def delete_service_network_vpc_association(self, service_network_vpc_association_identifier: str) -> Any:
        key = _id(service_network_vpc_association_identifier)
        association = self.service_network_vpc_associations.pop(key, None)
        if association is None:
            raise ConflictException(f"Association {key} does not exist")
        self.tagger.delete_all_tags_for_resource(association.arn)
        association.status = "DELETE_IN_PROGRESS"
        return association

    def delete_service_network_service_association(self, service_network_service_association_identifier: str) -> Any:
        key = _id(service_network_service_association_identifier)
        association = self.service_network_service_associations.pop(key, None)
        if association is None:
            raise ConflictException(f"Association {key} does not exist")
        self.tagger.delete_all_tags_for_resource(association.arn)
        association.status = "DELETE_IN_PROGRESS"
        return association

    def _forwards_to(self, target_group_id: str) -> list[str]:
        users = []
        for listener in self.listeners.values():
            groups = (listener.default_action.get("forward") or {}).get("targetGroups") or []
            if any(_id(g.get("targetGroupIdentifier", "")) == target_group_id for g in groups):
                users.append(listener.id)
        return users

    def delete_target_group(self, target_group_identifier: str) -> Any:
        group = self.get_target_group(_id(target_group_identifier))
        users = self._forwards_to(group.id)
        if users:
            raise ConflictException(f"Target group {group.id} is in use by {', '.join(users)}")
        del self.target_groups[group.id]
        self.targets.pop(group.id, None)
        self.tagger.delete_all_tags_for_resource(group.arn)
        group.status = "DELETE_IN_PROGRESS"
        return group

    def delete_listener(self, service_identifier: str, listener_identifier: str) -> None:
        service = self.get_service(_id(service_identifier))
        key = _id(listener_identifier)
        listener = self.listeners.get(key)
        if listener is None or listener.service_identifier != service.id:
            raise ConflictException(f"Listener {key} does not exist on {service.id}")
        for rule_id in [k for k, r in self.rules.items() if _id(r.listener_identifier) == key]:
            del self.rules[rule_id]
        del self.listeners[key]
        self.tagger.delete_all_tags_for_resource(listener.arn)

    def register_targets(self, target_group_identifier: str, targets: list[dict[str, Any]]) -> list[dict[str, Any]]:
        group = self.get_target_group(_id(target_group_identifier))
        current = self.targets.setdefault(group.id, [])
        for target in targets:
            entry = {"id": target["id"], **({"port": int(target["port"])} if target.get("port") else {})}
            if entry not in current:
                current.append(entry)
        return [dict(t) for t in targets]

    def deregister_targets(self, target_group_identifier: str, targets: list[dict[str, Any]]) -> list[dict[str, Any]]:
        group = self.get_target_group(_id(target_group_identifier))
        ids = {t["id"] for t in targets}
        self.targets[group.id] = [t for t in self.targets.get(group.id, []) if t["id"] not in ids]
        return [dict(t) for t in targets]

    def list_targets(self, target_group_identifier: str) -> list[dict[str, Any]]:
        group = self.get_target_group(_id(target_group_identifier))
        return [{**t, "status": "HEALTHY" if group.type == "LAMBDA" else "UNAVAILABLE"} for t in self.targets.get(group.id, [])]


def _add_to_backend() -> None:
    if getattr(VPCLatticeBackend, "_oar_additions", False):
        return
    moto_init = VPCLatticeBackend.__init__

    def __init__(self: VPCLatticeBackend, region_name: str, account_id: str) -> None:
        moto_init(self, region_name, account_id)
        self.targets: dict[str, list[dict[str, Any]]] = {}

    VPCLatticeBackend.__init__ = __init__  # type: ignore[method-assign]
    for name, member in vars(VPCLatticeBackendAdditions).items():
        if callable(member) and not (name.startswith("__") and name.endswith("__")):
            setattr(VPCLatticeBackend, name, member)
    VPCLatticeBackend._oar_additions = True  # type: ignore[attr-defined]


_add_to_backend()


def _backend(account_id: str, region_name: str) -> Any:
    return vpclattice_backends[account_id][region_name]


def _tags(props: dict[str, Any]) -> dict[str, str]:
    return {t["Key"]: t["Value"] for t in props.get("Tags") or []}


def _lower_keys(value: Any) -> Any:
    """CloudFormation's PascalCase property shapes to the API's camelCase ones."""
    if isinstance(value, dict):
        return {k[:1].lower() + k[1:]: _lower_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_lower_keys(v) for v in value]
    return value


class _LatticeModel:
    """Common shape of the models below, a mixin: each model is still a direct subclass of
    CloudFormationModel, which is how moto finds it. A model keeps its id and properties."""

    ATTRS: tuple[str, ...] = ()
    REPLACE_ON: tuple[str, ...] = ()

    def __init__(self, resource_id: str, arn: str, properties: dict[str, Any], account_id: str, region_name: str):
        self.resource_id = resource_id
        self.arn = arn
        self.properties = properties
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @property
    def physical_resource_id(self) -> str:
        return self.arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in cls.ATTRS

    def attribute(self, name: str) -> Any:
        raise UnformattedGetAttTemplateException()

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name not in self.ATTRS:
            raise UnformattedGetAttTemplateException()
        if attribute_name == "Arn":
            return self.arn
        if attribute_name == "Id":
            return self.resource_id
        return self.attribute(attribute_name)

    @classmethod
    def create(cls, name: str, props: dict[str, Any], account_id: str, region_name: str) -> "_LatticeModel":
        raise NotImplementedError

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "_LatticeModel":
        return cls.create(resource_name, cloudformation_json.get("Properties") or {}, account_id, region_name)

    def apply_update(self, new: dict[str, Any]) -> None:
        """Changes that need no replacement; the default re-tags."""
        backend = _backend(self.account_id, self.region_name)
        if _tags(self.properties) != _tags(new):
            backend.tagger.delete_all_tags_for_resource(self.arn)
            backend.tag_resource(self.arn, _tags(new))

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "_LatticeModel",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "_LatticeModel":
        new = cloudformation_json.get("Properties") or {}
        if any(original_resource.properties.get(p) != new.get(p) for p in cls.REPLACE_ON):
            replacement = cls.create(new_resource_name, new, account_id, region_name)
            original_resource.delete(account_id, region_name)
            return replacement
        original_resource.apply_update(new)
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
        cls(_id(resource_name), resource_name, cloudformation_json.get("Properties") or {}, account_id, region_name).delete(
            account_id, region_name
        )

    def delete(self, account_id: str, region_name: str) -> None:
        raise NotImplementedError


class ServiceNetwork(_LatticeModel, CloudFormationModel):
    ATTRS = ("Arn", "Id", "CreatedAt", "LastUpdatedAt")
    REPLACE_ON = ("Name",)

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-vpclattice-servicenetwork.html
        return "AWS::VpcLattice::ServiceNetwork"

    def attribute(self, name: str) -> Any:
        sn = _backend(self.account_id, self.region_name).get_service_network(self.resource_id)
        return getattr(sn, "created_at", "") if name == "CreatedAt" else getattr(sn, "last_updated_at", "")

    @classmethod
    def create(cls, name: str, props: dict[str, Any], account_id: str, region_name: str) -> "_LatticeModel":
        sn = _backend(account_id, region_name).create_service_network(
            auth_type=props.get("AuthType") or "NONE",
            client_token="",
            name=props.get("Name") or name.lower()[:63],
            sharing_config=_lower_keys(props.get("SharingConfig")),
            tags=_tags(props),
        )
        return cls(sn.id, sn.arn, props, account_id, region_name)

    def apply_update(self, new: dict[str, Any]) -> None:
        super().apply_update(new)
        # UpdateServiceNetwork changes only the auth type; moto has no such call, so the model's field is set.
        _backend(self.account_id, self.region_name).get_service_network(self.resource_id).auth_type = new.get("AuthType") or "NONE"

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        if self.resource_id in backend.service_networks:
            backend.delete_service_network(self.resource_id)


class Service(_LatticeModel, CloudFormationModel):
    ATTRS = ("Arn", "Id", "CreatedAt", "LastUpdatedAt", "Status", "DnsEntry.DomainName", "DnsEntry.HostedZoneId")
    REPLACE_ON = ("Name", "CustomDomainName")

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-vpclattice-service.html
        return "AWS::VpcLattice::Service"

    def attribute(self, name: str) -> Any:
        service = _backend(self.account_id, self.region_name).get_service(self.resource_id)
        return {
            "Status": service.status,
            "DnsEntry.DomainName": service.dns_entry.domain_name,
            "DnsEntry.HostedZoneId": service.dns_entry.hosted_zone_id,
        }.get(name, "")

    @classmethod
    def create(cls, name: str, props: dict[str, Any], account_id: str, region_name: str) -> "_LatticeModel":
        service = _backend(account_id, region_name).create_service(
            auth_type=props.get("AuthType") or "NONE",
            certificate_arn=props.get("CertificateArn"),
            client_token="",
            custom_domain_name=props.get("CustomDomainName"),
            name=props.get("Name") or name.lower()[:40],
            tags=_tags(props),
        )
        return cls(service.id, service.arn, props, account_id, region_name)

    def apply_update(self, new: dict[str, Any]) -> None:
        super().apply_update(new)
        service = _backend(self.account_id, self.region_name).get_service(self.resource_id)
        # UpdateService changes the auth type and certificate; moto has no such call, so the fields are set.
        service.auth_type = new.get("AuthType") or "NONE"
        service.certificate_arn = new.get("CertificateArn") or ""

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        if self.resource_id in backend.services:
            backend.delete_service(self.resource_id)


class ServiceNetworkVpcAssociation(_LatticeModel, CloudFormationModel):
    ATTRS = ("Arn", "Id", "CreatedAt", "ServiceNetworkArn", "ServiceNetworkId", "ServiceNetworkName", "Status", "VpcId")
    REPLACE_ON = ("ServiceNetworkIdentifier", "VpcIdentifier", "SecurityGroupIds")

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-vpclattice-servicenetworkvpcassociation.html
        return "AWS::VpcLattice::ServiceNetworkVpcAssociation"

    def attribute(self, name: str) -> Any:
        a = _backend(self.account_id, self.region_name).service_network_vpc_associations[self.resource_id]
        return {
            "CreatedAt": a.created_at,
            "ServiceNetworkArn": a.service_network_arn,
            "ServiceNetworkId": a.service_network_id,
            "ServiceNetworkName": a.service_network_name,
            "Status": a.status,
            "VpcId": a.vpc_id,
        }[name]

    @classmethod
    def create(cls, name: str, props: dict[str, Any], account_id: str, region_name: str) -> "_LatticeModel":
        a = _backend(account_id, region_name).create_service_network_vpc_association(
            client_token="",
            security_group_ids=props.get("SecurityGroupIds"),
            service_network_identifier=_id(props["ServiceNetworkIdentifier"]),
            tags=_tags(props),
            vpc_identifier=props["VpcIdentifier"],
        )
        return cls(a.id, a.arn, props, account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        if self.resource_id in backend.service_network_vpc_associations:
            backend.delete_service_network_vpc_association(self.resource_id)


class ServiceNetworkServiceAssociation(_LatticeModel, CloudFormationModel):
    ATTRS = (
        "Arn", "Id", "CreatedAt", "DnsEntry.DomainName", "DnsEntry.HostedZoneId", "ServiceNetworkArn",
        "ServiceNetworkId", "ServiceNetworkName", "ServiceArn", "ServiceId", "ServiceName", "Status",
    )  # fmt: skip
    REPLACE_ON = ("ServiceNetworkIdentifier", "ServiceIdentifier")

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-vpclattice-servicenetworkserviceassociation.html
        return "AWS::VpcLattice::ServiceNetworkServiceAssociation"

    def attribute(self, name: str) -> Any:
        backend = _backend(self.account_id, self.region_name)
        a = backend.service_network_service_associations[self.resource_id]
        sn = backend.get_service_network(a.service_network_id)
        service = backend.get_service(a.service_id)
        return {
            "CreatedAt": a.created_at,
            "DnsEntry.DomainName": a.dns_entry.domain_name,
            "DnsEntry.HostedZoneId": a.dns_entry.hosted_zone_id,
            "ServiceNetworkArn": sn.arn,
            "ServiceNetworkId": sn.id,
            "ServiceNetworkName": sn.name,
            "ServiceArn": service.arn,
            "ServiceId": service.id,
            "ServiceName": service.name,
            "Status": a.status,
        }[name]

    @classmethod
    def create(cls, name: str, props: dict[str, Any], account_id: str, region_name: str) -> "_LatticeModel":
        a = _backend(account_id, region_name).create_service_network_service_association(
            service_network_identifier=_id(props["ServiceNetworkIdentifier"]),
            service_identifier=_id(props["ServiceIdentifier"]),
            client_token="",
            tags=_tags(props),
        )
        return cls(a.id, a.arn, props, account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        if self.resource_id in backend.service_network_service_associations:
            backend.delete_service_network_service_association(self.resource_id)


class TargetGroup(_LatticeModel, CloudFormationModel):
    ATTRS = ("Arn", "Id", "CreatedAt", "LastUpdatedAt", "Status")
    REPLACE_ON = ("Name", "Type", "Config")

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-vpclattice-targetgroup.html
        return "AWS::VpcLattice::TargetGroup"

    def attribute(self, name: str) -> Any:
        group = _backend(self.account_id, self.region_name).get_target_group(self.resource_id)
        return {"Status": group.status, "CreatedAt": group.createdAt, "LastUpdatedAt": group.last_updated_at}[name]

    @staticmethod
    def _targets(props: dict[str, Any]) -> list[dict[str, Any]]:
        return [{"id": t["Id"], **({"port": int(t["Port"])} if t.get("Port") else {})} for t in props.get("Targets") or []]

    @classmethod
    def create(cls, name: str, props: dict[str, Any], account_id: str, region_name: str) -> "_LatticeModel":
        backend = _backend(account_id, region_name)
        group = backend.create_target_group(
            name=props.get("Name") or name.lower()[:100],
            target_type=props["Type"],
            config=_lower_keys(props.get("Config")),
            client_token="",
            tags=_tags(props),
        )
        group.status = "ACTIVE"
        if props.get("Targets"):
            backend.register_targets(group.id, cls._targets(props))
        return cls(group.id, group.arn, props, account_id, region_name)

    def apply_update(self, new: dict[str, Any]) -> None:
        super().apply_update(new)
        backend = _backend(self.account_id, self.region_name)
        old_targets, new_targets = self._targets(self.properties), self._targets(new)
        gone = [t for t in old_targets if t not in new_targets]
        if gone:
            backend.deregister_targets(self.resource_id, gone)
        if new_targets:
            backend.register_targets(self.resource_id, new_targets)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        if self.resource_id in backend.target_groups:
            backend.delete_target_group(self.resource_id)


class Listener(_LatticeModel, CloudFormationModel):
    ATTRS = ("Arn", "Id", "ServiceArn", "ServiceId")
    REPLACE_ON = ("ServiceIdentifier", "Name", "Port", "Protocol")

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-vpclattice-listener.html
        return "AWS::VpcLattice::Listener"

    def attribute(self, name: str) -> Any:
        listener = _backend(self.account_id, self.region_name).listeners[self.resource_id]
        return listener.service_arn if name == "ServiceArn" else listener.service_identifier

    @staticmethod
    def _action(props: dict[str, Any]) -> dict[str, Any]:
        action = _lower_keys(props["DefaultAction"])
        for group in (action.get("forward") or {}).get("targetGroups") or []:
            group["targetGroupIdentifier"] = _id(group["targetGroupIdentifier"])
            if "weight" in group:
                group["weight"] = int(group["weight"])
        if "fixedResponse" in action:
            action["fixedResponse"]["statusCode"] = int(action["fixedResponse"]["statusCode"])
        return action

    @classmethod
    def create(cls, name: str, props: dict[str, Any], account_id: str, region_name: str) -> "_LatticeModel":
        listener = _backend(account_id, region_name).create_listener(
            service_identifier=_id(props["ServiceIdentifier"]),
            name=props.get("Name") or name.lower()[:63],
            protocol=props["Protocol"],
            port=int(props["Port"]) if props.get("Port") else None,
            default_action=cls._action(props),
            client_token="",
            tags=_tags(props),
        )
        return cls(listener.id, listener.arn, props, account_id, region_name)

    def apply_update(self, new: dict[str, Any]) -> None:
        super().apply_update(new)
        # UpdateListener changes the default action; moto has no such call, so the field is set.
        _backend(self.account_id, self.region_name).listeners[self.resource_id].default_action = self._action(new)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        listener = backend.listeners.get(self.resource_id)
        if listener is not None:
            backend.delete_listener(listener.service_identifier, self.resource_id)


class AuthPolicy(_LatticeModel, CloudFormationModel):
    ATTRS = ("State",)
    REPLACE_ON = ("ResourceIdentifier",)

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-vpclattice-authpolicy.html
        return "AWS::VpcLattice::AuthPolicy"

    def attribute(self, name: str) -> Any:
        return _backend(self.account_id, self.region_name).get_auth_policy(self.resource_id).state

    @staticmethod
    def _policy(props: dict[str, Any]) -> str:
        policy = props["Policy"]
        return policy if isinstance(policy, str) else json.dumps(policy)

    @classmethod
    def create(cls, name: str, props: dict[str, Any], account_id: str, region_name: str) -> "_LatticeModel":
        identifier = props["ResourceIdentifier"]
        _backend(account_id, region_name).put_auth_policy(identifier, cls._policy(props))
        # Ref returns the ResourceIdentifier, as given.
        return cls(identifier, identifier, props, account_id, region_name)

    def apply_update(self, new: dict[str, Any]) -> None:
        _backend(self.account_id, self.region_name).put_auth_policy(self.resource_id, self._policy(new))

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        try:
            backend.delete_auth_policy(self.resource_id)
        except JsonRESTError:
            pass  # the service or service network went first, and its policy with it


class AccessLogSubscription(_LatticeModel, CloudFormationModel):
    ATTRS = ("Arn", "Id", "ResourceArn", "ResourceId")
    REPLACE_ON = ("ResourceIdentifier",)

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-vpclattice-accesslogsubscription.html
        return "AWS::VpcLattice::AccessLogSubscription"

    def attribute(self, name: str) -> Any:
        sub = _backend(self.account_id, self.region_name).get_access_log_subscription(self.resource_id)
        return sub.resourceArn if name == "ResourceArn" else sub.resourceId

    @classmethod
    def create(cls, name: str, props: dict[str, Any], account_id: str, region_name: str) -> "_LatticeModel":
        sub = _backend(account_id, region_name).create_access_log_subscription(
            resourceIdentifier=_id(props["ResourceIdentifier"]),
            destinationArn=props["DestinationArn"],
            client_token=None,
            serviceNetworkLogType=props.get("ServiceNetworkLogType"),
            tags=_tags(props),
        )
        return cls(sub.id, sub.arn, props, account_id, region_name)

    def apply_update(self, new: dict[str, Any]) -> None:
        super().apply_update(new)
        if self.properties.get("DestinationArn") != new.get("DestinationArn"):
            _backend(self.account_id, self.region_name).update_access_log_subscription(
                accessLogSubscriptionIdentifier=self.resource_id, destinationArn=new["DestinationArn"]
            )

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        if self.resource_id in backend.access_log_subscriptions:
            backend.delete_access_log_subscription(accessLogSubscriptionIdentifier=self.resource_id)


# The API handlers of the calls added above.
from . import responses  # noqa: E402, F401
