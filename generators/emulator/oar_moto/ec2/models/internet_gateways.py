"""Fix to moto's AWS::EC2::InternetGateway model (moto.ec2.models.internet_gateways)."""

from typing import Any

from moto.core.common_models import CloudFormationModel
from moto.ec2.exceptions import InvalidInternetGatewayIdError
from moto.ec2.models import ec2_backends
from moto.ec2.models.internet_gateways import InternetGateway as MotoInternetGateway


class InternetGateway(MotoInternetGateway, CloudFormationModel):
    """moto's model ignores Tags and never deletes the gateway."""

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> MotoInternetGateway:
        props = cloudformation_json.get("Properties") or {}
        return ec2_backends[account_id][region_name].create_internet_gateway(tags=props.get("Tags", []))

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        try:
            # Refused (DependencyViolation) while attached to a VPC, as in EC2.
            ec2_backends[account_id][region_name].delete_internet_gateway(resource_name)
        except InvalidInternetGatewayIdError:
            pass  # already gone
