"""Fix to moto's AWS::EC2::NatGateway model (moto.ec2.models.nat_gateways)."""

from typing import Any

from moto.core.common_models import CloudFormationModel
from moto.ec2.exceptions import InvalidAddressError, InvalidNetworkInterfaceIdError
from moto.ec2.models import ec2_backends
from moto.ec2.models.nat_gateways import NatGateway as MotoNatGateway


class NatGateway(MotoNatGateway, CloudFormationModel):
    """moto's model ignores Tags and ConnectivityType, and never deletes the gateway."""

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> MotoNatGateway:
        props = cloudformation_json["Properties"]
        return ec2_backends[account_id][region_name].create_nat_gateway(
            subnet_id=props["SubnetId"],
            allocation_id=props.get("AllocationId"),
            tags={t["Key"]: t["Value"] for t in props.get("Tags", [])},
            connectivity_type=props.get("ConnectivityType", "public"),
        )

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        backend = ec2_backends[account_id][region_name]
        nat = backend.nat_gateways.get(resource_name)
        if nat is None or nat.state == "deleted":
            return
        backend.delete_nat_gateway(resource_name)  # the gateway stays listed as "deleted", as in EC2
        # EC2 also releases the gateway's network interface and, with it, its Elastic IP
        # association; moto's delete_nat_gateway does neither.
        for address in nat.address_set:
            if address.get("publicIp"):
                try:
                    backend.disassociate_address(address=address["publicIp"])
                except InvalidAddressError:
                    pass  # released already
            try:
                backend.delete_network_interface(address["networkInterfaceId"])
            except InvalidNetworkInterfaceIdError:
                pass
