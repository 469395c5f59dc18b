"""Fixes to moto's AWS::EC2::RouteTable and AWS::EC2::Route models
(moto.ec2.models.route_tables): neither deleted, and both ignored properties."""

from typing import Any

from moto.core.common_models import CloudFormationModel
from moto.ec2.exceptions import InvalidRouteError, InvalidRouteTableIdError
from moto.ec2.models import ec2_backends
from moto.ec2.models.route_tables import Route as MotoRoute
from moto.ec2.models.route_tables import RouteTable as MotoRouteTable


class RouteTable(MotoRouteTable, CloudFormationModel):
    """moto's model ignores Tags and never deletes the route table."""

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> MotoRouteTable:
        props = cloudformation_json["Properties"]
        backend = ec2_backends[account_id][region_name]
        return backend.create_route_table(vpc_id=props["VpcId"], tags=props.get("Tags", []))

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        try:
            # Refused (DependencyViolation) while a subnet is associated, as in EC2.
            ec2_backends[account_id][region_name].delete_route_table(resource_name)
        except InvalidRouteTableIdError:
            pass  # already gone


class Route(MotoRoute, CloudFormationModel):
    """moto's model ignores the IPv6, prefix list, carrier gateway and endpoint targets, and
    never deletes the route."""

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> MotoRoute:
        props = cloudformation_json["Properties"]
        backend = ec2_backends[account_id][region_name]
        return backend.create_route(
            route_table_id=props["RouteTableId"],
            destination_cidr_block=props.get("DestinationCidrBlock"),
            destination_ipv6_cidr_block=props.get("DestinationIpv6CidrBlock"),
            destination_prefix_list_id=props.get("DestinationPrefixListId"),
            gateway_id=props.get("GatewayId"),
            instance_id=props.get("InstanceId"),
            nat_gateway_id=props.get("NatGatewayId"),
            egress_only_igw_id=props.get("EgressOnlyInternetGatewayId"),
            transit_gateway_id=props.get("TransitGatewayId"),
            interface_id=props.get("NetworkInterfaceId"),
            vpc_peering_connection_id=props.get("VpcPeeringConnectionId"),
            carrier_gateway_id=props.get("CarrierGatewayId"),
            vpc_endpoint_id=props.get("VpcEndpointId"),
        )

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        # resource_name is the route's id, "<route table id>~<destination>"; the template's
        # properties reach a delete unresolved.
        route_table_id, destination = resource_name.split("~", 1)
        try:
            ec2_backends[account_id][region_name].delete_route(route_table_id, destination)
        except (InvalidRouteTableIdError, InvalidRouteError):
            pass  # gone with its route table
