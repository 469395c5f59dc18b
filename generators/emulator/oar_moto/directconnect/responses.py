"""API handlers for the Direct Connect gateway calls ``models.py`` adds to moto's backend, added to
moto's DirectConnectResponse as moto would write them in ``moto/directconnect/responses.py``. Direct
Connect is a JSON protocol: moto already routes every call to DirectConnectResponse by its target."""

import json
from typing import Any

from moto.directconnect.responses import DirectConnectResponse


class DirectConnectResponseAdditions:
    body: Any
    directconnect_backend: Any

    def create_direct_connect_gateway(self) -> str:
        params = json.loads(self.body)
        gateway = self.directconnect_backend.create_direct_connect_gateway(
            direct_connect_gateway_name=params.get("directConnectGatewayName"),
            amazon_side_asn=params.get("amazonSideAsn"),
            tags=params.get("tags"),
        )
        return json.dumps({"directConnectGateway": gateway.to_dict()})

    def describe_direct_connect_gateways(self) -> str:
        params = json.loads(self.body)
        gateways = self.directconnect_backend.describe_direct_connect_gateways(params.get("directConnectGatewayId"))
        return json.dumps({"directConnectGateways": [g.to_dict() for g in gateways]})

    def update_direct_connect_gateway(self) -> str:
        params = json.loads(self.body)
        gateway = self.directconnect_backend.update_direct_connect_gateway(
            params.get("directConnectGatewayId"), params.get("newDirectConnectGatewayName")
        )
        return json.dumps({"directConnectGateway": gateway.to_dict()})

    def delete_direct_connect_gateway(self) -> str:
        params = json.loads(self.body)
        gateway = self.directconnect_backend.delete_direct_connect_gateway(params.get("directConnectGatewayId"))
        return json.dumps({"directConnectGateway": gateway.to_dict()})

    def create_direct_connect_gateway_association(self) -> str:
        params = json.loads(self.body)
        association = self.directconnect_backend.create_direct_connect_gateway_association(
            direct_connect_gateway_id=params.get("directConnectGatewayId"),
            gateway_id=params.get("gatewayId") or params.get("virtualGatewayId"),
            add_allowed_prefixes=[p["cidr"] for p in params.get("addAllowedPrefixesToDirectConnectGateway") or []],
        )
        return json.dumps({"directConnectGatewayAssociation": association.to_dict()})

    def describe_direct_connect_gateway_associations(self) -> str:
        params = json.loads(self.body)
        associations = self.directconnect_backend.describe_direct_connect_gateway_associations(
            association_id=params.get("associationId"),
            direct_connect_gateway_id=params.get("directConnectGatewayId"),
            associated_gateway_id=params.get("associatedGatewayId") or params.get("virtualGatewayId"),
        )
        return json.dumps({"directConnectGatewayAssociations": [a.to_dict() for a in associations]})

    def update_direct_connect_gateway_association(self) -> str:
        params = json.loads(self.body)
        association = self.directconnect_backend.update_direct_connect_gateway_association(
            params.get("associationId"),
            add_allowed_prefixes=[p["cidr"] for p in params.get("addAllowedPrefixesToDirectConnectGateway") or []],
            remove_allowed_prefixes=[p["cidr"] for p in params.get("removeAllowedPrefixesToDirectConnectGateway") or []],
        )
        return json.dumps({"directConnectGatewayAssociation": association.to_dict()})

    def delete_direct_connect_gateway_association(self) -> str:
        params = json.loads(self.body)
        association_id = params.get("associationId")
        if not association_id:
            found = self.directconnect_backend.describe_direct_connect_gateway_associations(
                None, params.get("directConnectGatewayId"), params.get("virtualGatewayId")
            )
            association_id = found[0].association_id if found else ""
        association = self.directconnect_backend.delete_direct_connect_gateway_association(association_id)
        return json.dumps({"directConnectGatewayAssociation": association.to_dict()})


for _name, _member in vars(DirectConnectResponseAdditions).items():
    if callable(_member) and not (_name.startswith("__") and _name.endswith("__")):
        setattr(DirectConnectResponse, _name, _member)
