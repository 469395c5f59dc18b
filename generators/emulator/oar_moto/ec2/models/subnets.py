"""Fix to moto's AWS::EC2::SubnetRouteTableAssociation model (moto.ec2.models.subnets)."""

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.ec2.exceptions import InvalidAssociationIdError
from moto.ec2.models import ec2_backends
from moto.ec2.models.subnets import SubnetRouteTableAssociation as MotoSubnetRouteTableAssociation


class SubnetRouteTableAssociation(MotoSubnetRouteTableAssociation, CloudFormationModel):
    """moto's model only records the pair: DescribeRouteTables never shows the association,
    Ref returns the route table's id, and it is never deleted. This one associates through
    AssociateRouteTable's backend call, and Ref returns the association's id, as in EC2."""

    def __init__(self, association_id: str, route_table_id: str, subnet_id: str):
        super().__init__(route_table_id, subnet_id)
        self.id = association_id

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
    ) -> "SubnetRouteTableAssociation":
        props = cloudformation_json["Properties"]
        backend = ec2_backends[account_id][region_name]
        association_id = backend.associate_route_table(route_table_id=props["RouteTableId"], subnet_id=props["SubnetId"])
        return cls(association_id, props["RouteTableId"], props["SubnetId"])

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "SubnetRouteTableAssociation",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "SubnetRouteTableAssociation":
        # Both properties require replacement.
        original_resource.delete(account_id, region_name)
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        try:
            ec2_backends[account_id][region_name].disassociate_route_table(self.id)
        except InvalidAssociationIdError:
            pass  # already gone
