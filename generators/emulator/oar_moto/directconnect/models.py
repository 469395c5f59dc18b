"""Direct Connect for moto 5.2.1: gateways and gateway associations, and CloudFormation models.

moto's DirectConnect backend keeps connections, LAGs and MACsec keys, but has no Direct Connect
gateways and no associations of a gateway with a transit gateway or a virtual private gateway. This
module adds, as moto would in ``moto/directconnect/models.py``: CreateDirectConnectGateway,
DescribeDirectConnectGateways, UpdateDirectConnectGateway, DeleteDirectConnectGateway,
CreateDirectConnectGatewayAssociation, DescribeDirectConnectGatewayAssociations,
UpdateDirectConnectGatewayAssociation and DeleteDirectConnectGatewayAssociation, with AWS's
validation: a private ASN, an associated gateway that exists in EC2, allowed prefixes required for a
transit gateway, different ASNs on the two sides, and no deletion of a gateway that still has
associations. ``responses.py`` beside it serves them. Virtual interfaces are not modelled: they need a
physical connection that a partner or an AWS location provisions.

A Direct Connect gateway is a global resource; like moto's other Direct Connect objects it is kept
here in the backend of the Region it was created through.

CloudFormation models: AWS::DirectConnect::DirectConnectGateway and
AWS::DirectConnect::DirectConnectGatewayAssociation.
"""

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import BaseModel, CloudFormationModel
from moto.directconnect.exceptions import DXConnectionError
from moto.directconnect.models import DirectConnectBackend, directconnect_backends
from moto.ec2.models import ec2_backends
from moto.moto_api._internal import mock_random


class DirectConnectClientException(DXConnectionError):
    def __init__(self, message: str):
        super().__init__("DirectConnectClientException", message)


def _private_asn(asn: int) -> bool:
    return 64512 <= asn <= 65534 or 4200000000 <= asn <= 4294967294


class DirectConnectGateway(BaseModel):
    def __init__(self, account_id: str, name: str, amazon_side_asn: int):
        self.gateway_id = str(mock_random.uuid4())
        self.name = name
        self.amazon_side_asn = amazon_side_asn
        self.owner_account = account_id
        self.arn = f"arn:aws:directconnect::{account_id}:dx-gateway/{self.gateway_id}"
        self.state = "available"

    def to_dict(self) -> dict[str, Any]:
        return {
            "directConnectGatewayId": self.gateway_id,
            "directConnectGatewayName": self.name,
            "amazonSideAsn": self.amazon_side_asn,
            "ownerAccount": self.owner_account,
            "directConnectGatewayState": self.state,
        }


class DirectConnectGatewayAssociation(BaseModel):
    def __init__(
        self,
        gateway: DirectConnectGateway,
        associated_gateway: dict[str, str],
        allowed_prefixes: list[str],
        region_name: str,
    ):
        self.association_id = str(mock_random.uuid4())
        self.gateway_id = gateway.gateway_id
        self.gateway_owner = gateway.owner_account
        self.associated_gateway = associated_gateway
        self.allowed_prefixes = allowed_prefixes
        self.region_name = region_name
        self.state = "associated"

    def to_dict(self) -> dict[str, Any]:
        return {
            "directConnectGatewayId": self.gateway_id,
            "directConnectGatewayOwnerAccount": self.gateway_owner,
            "associationState": self.state,
            "associatedGateway": self.associated_gateway,
            "associationId": self.association_id,
            "allowedPrefixesToDirectConnectGateway": [{"cidr": c} for c in self.allowed_prefixes],
            "virtualGatewayRegion": self.region_name,
            "virtualGatewayOwnerAccount": self.associated_gateway["ownerAccount"],
        }


class DirectConnectBackendAdditions:
    """Methods added to moto's DirectConnectBackend, as they would be written in moto/directconnect/models.py."""

    account_id: str
    region_name: str
    direct_connect_gateways: dict[str, DirectConnectGateway]
    direct_connect_gateway_associations: dict[str, DirectConnectGatewayAssociation]
    tagger: Any

    def create_direct_connect_gateway(
        self, direct_connect_gateway_name: str, amazon_side_asn: int | None, tags: list[dict[str, str]] | None
    ) -> DirectConnectGateway:
        asn = 64512 if amazon_side_asn is None else int(amazon_side_asn)
        if not _private_asn(asn):
            raise DirectConnectClientException(f"The ASN {asn} is not in a private range (64512-65534, 4200000000-4294967294)")
        gateway = DirectConnectGateway(self.account_id, direct_connect_gateway_name, asn)
        self.direct_connect_gateways[gateway.gateway_id] = gateway
        if tags:
            self.tagger.tag_resource(gateway.arn, tags)
        return gateway

    def _gateway(self, direct_connect_gateway_id: str) -> DirectConnectGateway:
        gateway = self.direct_connect_gateways.get(direct_connect_gateway_id.split("/")[-1])
        if gateway is None:
            raise DirectConnectClientException(f"Direct Connect gateway {direct_connect_gateway_id} does not exist")
        return gateway

    def describe_direct_connect_gateways(self, direct_connect_gateway_id: str | None) -> list[DirectConnectGateway]:
        if direct_connect_gateway_id:
            return [self._gateway(direct_connect_gateway_id)]
        return list(self.direct_connect_gateways.values())

    def update_direct_connect_gateway(self, direct_connect_gateway_id: str, new_name: str) -> DirectConnectGateway:
        gateway = self._gateway(direct_connect_gateway_id)
        gateway.name = new_name
        return gateway

    def delete_direct_connect_gateway(self, direct_connect_gateway_id: str) -> DirectConnectGateway:
        gateway = self._gateway(direct_connect_gateway_id)
        if any(a.gateway_id == gateway.gateway_id for a in self.direct_connect_gateway_associations.values()):
            raise DirectConnectClientException(
                f"Direct Connect gateway {gateway.gateway_id} has associations; delete them first"
            )
        del self.direct_connect_gateways[gateway.gateway_id]
        self.tagger.delete_all_tags_for_resource(gateway.arn)
        gateway.state = "deleted"
        return gateway

    def _associated_gateway(self, gateway_id: str) -> tuple[dict[str, str], int]:
        ec2 = ec2_backends[self.account_id][self.region_name]
        if gateway_id.startswith("tgw-"):
            tgw = ec2.transit_gateways.get(gateway_id)
            if tgw is None:
                raise DirectConnectClientException(f"Transit gateway {gateway_id} does not exist")
            kind, asn = "transitGateway", int(tgw.options.get("AmazonSideAsn") or 64512)
        elif gateway_id.startswith("vgw-"):
            vgw = ec2.vpn_gateways.get(gateway_id)
            if vgw is None:
                raise DirectConnectClientException(f"Virtual private gateway {gateway_id} does not exist")
            kind, asn = "virtualPrivateGateway", int(vgw.amazon_side_asn or 64512)
        else:
            raise DirectConnectClientException(f"{gateway_id} is not a transit gateway or virtual private gateway id")
        return {"id": gateway_id, "type": kind, "ownerAccount": self.account_id, "region": self.region_name}, asn

    def create_direct_connect_gateway_association(
        self, direct_connect_gateway_id: str, gateway_id: str, add_allowed_prefixes: list[str] | None
    ) -> DirectConnectGatewayAssociation:
        gateway = self._gateway(direct_connect_gateway_id)
        associated, asn = self._associated_gateway(gateway_id)
        if associated["type"] == "transitGateway":
            if not add_allowed_prefixes:
                raise DirectConnectClientException("Allowed prefixes are required for a transit gateway association")
            if asn == gateway.amazon_side_asn:
                raise DirectConnectClientException(
                    f"The Direct Connect gateway and transit gateway {gateway_id} must have different ASNs ({asn})"
                )
        if any(
            a.gateway_id == gateway.gateway_id and a.associated_gateway["id"] == gateway_id
            for a in self.direct_connect_gateway_associations.values()
        ):
            raise DirectConnectClientException(f"{gateway_id} is already associated with {gateway.gateway_id}")
        association = DirectConnectGatewayAssociation(
            gateway, associated, list(add_allowed_prefixes or []), self.region_name
        )
        self.direct_connect_gateway_associations[association.association_id] = association
        return association

    def describe_direct_connect_gateway_associations(
        self,
        association_id: str | None,
        direct_connect_gateway_id: str | None,
        associated_gateway_id: str | None,
    ) -> list[DirectConnectGatewayAssociation]:
        found = list(self.direct_connect_gateway_associations.values())
        if association_id:
            found = [a for a in found if a.association_id == association_id]
        if direct_connect_gateway_id:
            found = [a for a in found if a.gateway_id == direct_connect_gateway_id.split("/")[-1]]
        if associated_gateway_id:
            found = [a for a in found if a.associated_gateway["id"] == associated_gateway_id]
        return found

    def _association(self, association_id: str) -> DirectConnectGatewayAssociation:
        association = self.direct_connect_gateway_associations.get(association_id)
        if association is None:
            raise DirectConnectClientException(f"Association {association_id} does not exist")
        return association

    def update_direct_connect_gateway_association(
        self, association_id: str, add_allowed_prefixes: list[str] | None, remove_allowed_prefixes: list[str] | None
    ) -> DirectConnectGatewayAssociation:
        association = self._association(association_id)
        prefixes = [p for p in association.allowed_prefixes if p not in (remove_allowed_prefixes or [])]
        prefixes += [p for p in add_allowed_prefixes or [] if p not in prefixes]
        if association.associated_gateway["type"] == "transitGateway" and not prefixes:
            raise DirectConnectClientException("A transit gateway association needs at least one allowed prefix")
        association.allowed_prefixes = prefixes
        return association

    def delete_direct_connect_gateway_association(self, association_id: str) -> DirectConnectGatewayAssociation:
        association = self._association(association_id)
        del self.direct_connect_gateway_associations[association_id]
        association.state = "disassociated"
        return association


def _add_to_backend() -> None:
    """Adds the calls above, and the collections they keep, to moto's DirectConnectBackend."""
    if getattr(DirectConnectBackend, "_oar_additions", False):
        return
    moto_init = DirectConnectBackend.__init__

    def __init__(self: DirectConnectBackend, region_name: str, account_id: str) -> None:
        moto_init(self, region_name, account_id)
        self.direct_connect_gateways: dict[str, DirectConnectGateway] = {}
        self.direct_connect_gateway_associations: dict[str, DirectConnectGatewayAssociation] = {}

    DirectConnectBackend.__init__ = __init__  # type: ignore[method-assign]
    for name, member in vars(DirectConnectBackendAdditions).items():
        if callable(member) and not (name.startswith("__") and name.endswith("__")):
            setattr(DirectConnectBackend, name, member)
    DirectConnectBackend._oar_additions = True  # type: ignore[attr-defined]


_add_to_backend()


def _backend(account_id: str, region_name: str) -> DirectConnectBackend:
    return directconnect_backends[account_id][region_name]


def _tags(props: dict[str, Any]) -> list[dict[str, str]]:
    return [{"key": t["Key"], "value": t["Value"]} for t in props.get("Tags") or []]


class CfnDirectConnectGateway(CloudFormationModel):
    def __init__(self, gateway_id: str, properties: dict[str, Any], account_id: str, region_name: str):
        self.gateway_id = gateway_id
        self.properties = properties
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "DirectConnectGatewayName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-directconnect-directconnectgateway.html
        return "AWS::DirectConnect::DirectConnectGateway"

    @property
    def _gateway(self) -> DirectConnectGateway:
        return _backend(self.account_id, self.region_name)._gateway(self.gateway_id)  # type: ignore[attr-defined]

    @property
    def physical_resource_id(self) -> str:
        # The primary identifier, and so what Ref returns, is the ARN.
        return self._gateway.arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["DirectConnectGatewayArn", "DirectConnectGatewayId"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "DirectConnectGatewayArn":
            return self._gateway.arn
        if attribute_name == "DirectConnectGatewayId":
            return self.gateway_id
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "CfnDirectConnectGateway":
        props = cloudformation_json["Properties"]
        asn = props.get("AmazonSideAsn")
        gateway = _backend(account_id, region_name).create_direct_connect_gateway(  # type: ignore[attr-defined]
            direct_connect_gateway_name=props.get("DirectConnectGatewayName") or resource_name,
            amazon_side_asn=int(asn) if asn not in (None, "") else None,
            tags=_tags(props),
        )
        return cls(gateway.gateway_id, dict(props), account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "CfnDirectConnectGateway",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "CfnDirectConnectGateway":
        old, new = original_resource.properties, cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        if str(old.get("AmazonSideAsn")) != str(new.get("AmazonSideAsn")):
            # The ASN cannot change: CloudFormation replaces the gateway.
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        gateway = original_resource._gateway
        if old.get("DirectConnectGatewayName") != new.get("DirectConnectGatewayName"):
            backend.update_direct_connect_gateway(gateway.gateway_id, new.get("DirectConnectGatewayName") or new_resource_name)  # type: ignore[attr-defined]
        if _tags(old) != _tags(new):
            backend.tagger.delete_all_tags_for_resource(gateway.arn)
            if _tags(new):
                backend.tagger.tag_resource(gateway.arn, _tags(new))
        original_resource.properties = dict(new)
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        cls(resource_name.split("/")[-1], {}, account_id, region_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        if self.gateway_id in backend.direct_connect_gateways:  # type: ignore[attr-defined]
            backend.delete_direct_connect_gateway(self.gateway_id)  # type: ignore[attr-defined]


class CfnDirectConnectGatewayAssociation(CloudFormationModel):
    def __init__(self, association_id: str, properties: dict[str, Any]):
        self.association_id = association_id
        self.properties = properties

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-directconnect-directconnectgatewayassociation.html
        return "AWS::DirectConnect::DirectConnectGatewayAssociation"

    @property
    def physical_resource_id(self) -> str:
        return self.association_id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["AssociationId"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "AssociationId":
            return self.association_id
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "CfnDirectConnectGatewayAssociation":
        props = cloudformation_json["Properties"]
        association = _backend(account_id, region_name).create_direct_connect_gateway_association(  # type: ignore[attr-defined]
            direct_connect_gateway_id=props["DirectConnectGatewayId"],
            gateway_id=props["AssociatedGatewayId"],
            add_allowed_prefixes=props.get("AllowedPrefixesToDirectConnectGateway"),
        )
        return cls(association.association_id, dict(props))

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "CfnDirectConnectGatewayAssociation",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "CfnDirectConnectGatewayAssociation":
        old, new = original_resource.properties, cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        if any(old.get(p) != new.get(p) for p in ("DirectConnectGatewayId", "AssociatedGatewayId")):
            replacement = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
            original_resource.delete(account_id, region_name)
            return replacement
        before = old.get("AllowedPrefixesToDirectConnectGateway") or []
        after = new.get("AllowedPrefixesToDirectConnectGateway") or []
        backend.update_direct_connect_gateway_association(  # type: ignore[attr-defined]
            original_resource.association_id,
            add_allowed_prefixes=[p for p in after if p not in before],
            remove_allowed_prefixes=[p for p in before if p not in after],
        )
        original_resource.properties = dict(new)
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        cls(resource_name, {}).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        if self.association_id in backend.direct_connect_gateway_associations:  # type: ignore[attr-defined]
            backend.delete_direct_connect_gateway_association(self.association_id)  # type: ignore[attr-defined]


# The API handlers of the calls added above.
from . import responses  # noqa: E402, F401
