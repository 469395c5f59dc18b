"""Fix to moto's AWS::EC2::EIP model (moto.ec2.models.elastic_ip_addresses)."""

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.ec2.exceptions import InvalidAddressError
from moto.ec2.models import ec2_backends
from moto.ec2.models.elastic_ip_addresses import ElasticAddress as MotoElasticAddress


class ElasticAddress(MotoElasticAddress, CloudFormationModel):
    """moto's model ignores Tags, defaults Domain to EC2-Classic's "standard" (EC2 allocates
    "vpc" addresses since EC2-Classic retired), and never releases the address."""

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["AllocationId", "PublicIp"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "AllocationId":
            return self.allocation_id
        if attribute_name == "PublicIp":
            return self.public_ip
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> MotoElasticAddress:
        props = cloudformation_json.get("Properties") or {}
        backend = ec2_backends[account_id][region_name]
        eip = backend.allocate_address(
            domain=props.get("Domain", "vpc"),
            address=props.get("Address"),
            tags={t["Key"]: t["Value"] for t in props.get("Tags", [])},
        )
        if props.get("InstanceId"):
            backend.associate_address(backend.get_instance_by_id(props["InstanceId"]), address=eip.public_ip)
        # The backend builds moto's class; this subclass only adds CloudFormation methods.
        eip.__class__ = cls
        return eip

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        try:
            ec2_backends[account_id][region_name].release_address(address=resource_name)
        except InvalidAddressError:
            pass  # already released
