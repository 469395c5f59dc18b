"""Fixes to moto's AWS::EC2::VPC and AWS::EC2::VPCEndpoint models (moto.ec2.models.vpcs)."""

from typing import Any

from moto.core.common_models import CloudFormationModel
from moto.ec2.exceptions import DependencyViolationError
from moto.ec2.models import ec2_backends
from moto.ec2.models.vpcs import VPC as MotoVPC
from moto.ec2.models.vpcs import VPCEndPoint as MotoVPCEndPoint


class VPC(MotoVPC, CloudFormationModel):
    """moto's model ignores EnableDnsSupport/EnableDnsHostnames, and deleting it leaves the
    VPC's default network ACL behind."""

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> MotoVPC:
        vpc = super().create_from_cloudformation_json(resource_name, cloudformation_json, account_id, region_name, **kwargs)
        props = cloudformation_json["Properties"]
        backend = ec2_backends[account_id][region_name]
        for prop, attr in (("EnableDnsSupport", "enable_dns_support"), ("EnableDnsHostnames", "enable_dns_hostnames")):
            if prop in props:
                backend.modify_vpc_attribute(vpc.id, attr, str(props[prop]).lower() == "true")
        return vpc

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        backend = ec2_backends[account_id][region_name]
        if resource_name not in backend.vpcs:
            return
        acls = backend.describe_network_acls(filters={"vpc-id": [resource_name]})
        if any(not acl.default for acl in acls):
            raise DependencyViolationError(f"The vpc '{resource_name}' has dependencies and cannot be deleted.")
        backend.delete_vpc(resource_name)  # refuses while subnets, route tables or gateways remain
        # EC2 deletes the default network ACL with the VPC. Its subnets are gone by now, so
        # the associations it still holds are stale ones moto kept when they were deleted.
        for acl in acls:
            acl._associations.clear()  # noqa: SLF001
            backend.delete_network_acl(acl.id)


class VPCEndPoint(MotoVPCEndPoint, CloudFormationModel):
    """moto's model never deletes the endpoint (nor its interfaces, nor its routes)."""

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        backend = ec2_backends[account_id][region_name]
        endpoint = backend.vpc_end_points.get(resource_name)
        if endpoint is None or endpoint.state == "deleted":
            return
        # A route table deleted before the endpoint took the endpoint's route with it.
        endpoint.route_table_ids = [rt for rt in endpoint.route_table_ids or [] if rt in backend.route_tables]
        backend.delete_vpc_endpoints([resource_name])
