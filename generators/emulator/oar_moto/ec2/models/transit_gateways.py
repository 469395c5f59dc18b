"""AWS::EC2::TransitGatewayAttachment, TransitGatewayRouteTable, TransitGatewayRoute,
TransitGatewayRouteTableAssociation and TransitGatewayRouteTablePropagation, created through
moto's transit gateway backends (moto.ec2.models.transit_gateway*), and a fix to moto's
AWS::EC2::TransitGateway model.

Deleting an attachment removes its association and propagations, as EC2 does, so that the
resources of a stack can be deleted in any order (moto's stack delete keeps no order)."""

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.ec2.exceptions import InvalidTransitGatewayID
from moto.ec2.models import ec2_backends
from moto.ec2.models.transit_gateway import TransitGateway as MotoTransitGateway

TGW_OPTIONS = [
    "AmazonSideAsn",
    "AssociationDefaultRouteTableId",
    "AutoAcceptSharedAttachments",
    "DefaultRouteTableAssociation",
    "DefaultRouteTablePropagation",
    "DnsSupport",
    "MulticastSupport",
    "PropagationDefaultRouteTableId",
    "SecurityGroupReferencingSupport",
    "TransitGatewayCidrBlocks",
    "VpnEcmpSupport",
]


def _tag_dict(props: dict[str, Any]) -> dict[str, str]:
    return {t["Key"]: t["Value"] for t in props.get("Tags", [])}


def _replace_tags(backend: Any, resource_id: str, tags: dict[str, str]) -> None:
    """Sets a resource's tags to the template's, keeping the aws: ones CloudFormation adds."""
    old = [k for k in backend.tags.get(resource_id, {}) if not k.startswith("aws:")]
    backend.delete_tags([resource_id], {k: None for k in old})
    if tags:
        backend.create_tags([resource_id], tags)


def _transit_gateway(backend: Any, transit_gateway_id: str) -> MotoTransitGateway:
    tgw = backend.transit_gateways.get(transit_gateway_id)
    if tgw is None:
        raise InvalidTransitGatewayID(transit_gateway_id)
    return tgw


class TransitGateway(MotoTransitGateway, CloudFormationModel):
    """moto's model requires Description, passes Tags as an option, always creates a default
    route table and associates every attachment with it (even with DefaultRouteTableAssociation
    and DefaultRouteTablePropagation disabled, when EC2 creates none), and never deletes."""

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Id", "TransitGatewayArn"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Id":
            return self.id
        if attribute_name == "TransitGatewayArn":
            return self.arn
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _options(props: dict[str, Any]) -> dict[str, Any]:
        options = {k: props[k] for k in TGW_OPTIONS if k in props}
        if "AmazonSideAsn" in options:
            options["AmazonSideAsn"] = int(options["AmazonSideAsn"])
        return options

    @staticmethod
    def _apply_defaults(tgw: MotoTransitGateway, account_id: str, region_name: str) -> None:
        """Drops the default route table where the options disable it, as EC2 would."""
        backend = ec2_backends[account_id][region_name]
        default = tgw.default_route_table
        association = tgw.options.get("DefaultRouteTableAssociation") == "enable"
        propagation = tgw.options.get("DefaultRouteTablePropagation") == "enable"
        if not association and tgw.options.get("AssociationDefaultRouteTableId") == default.id:
            tgw.options.pop("AssociationDefaultRouteTableId")
        if not propagation and tgw.options.get("PropagationDefaultRouteTableId") == default.id:
            tgw.options.pop("PropagationDefaultRouteTableId")
        if not association and not propagation and default.state != "deleted":
            # moto's backend keeps a deleted table listed as "deleted", as EC2 does for a while.
            backend.delete_transit_gateway_route_table(default.id)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> MotoTransitGateway:
        props = cloudformation_json["Properties"]
        backend = ec2_backends[account_id][region_name]
        tgw = backend.create_transit_gateway(
            description=props.get("Description"), options=cls._options(props), tags=props.get("Tags", [])
        )
        cls._apply_defaults(tgw, account_id, region_name)
        # The backend builds moto's class; this subclass only adds CloudFormation methods.
        tgw.__class__ = cls
        return tgw

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: MotoTransitGateway,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> MotoTransitGateway:
        props = cloudformation_json["Properties"]
        backend = ec2_backends[account_id][region_name]
        if props.get("MulticastSupport", "disable") != original_resource.options.get("MulticastSupport", "disable"):
            # MulticastSupport requires replacement
            tgw = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
            cls.delete_from_cloudformation_json(original_resource.id, cloudformation_json, account_id, region_name)
            return tgw
        tgw = backend.modify_transit_gateway(
            original_resource.id, description=props.get("Description"), options=cls._options(props)
        )
        _replace_tags(backend, tgw.id, _tag_dict(props))
        return tgw

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        backend = ec2_backends[account_id][region_name]
        tgw = backend.transit_gateways.get(resource_name)
        if tgw is None:
            return
        if tgw.default_route_table.state != "deleted":
            backend.delete_transit_gateway_route_table(tgw.default_route_table.id)
        backend.delete_transit_gateway(resource_name)


def _unassociate(backend: Any, attachment: Any) -> None:
    """Removes an attachment's association with its route table, whichever made it."""
    if attachment.id in backend.transit_gateway_associations:
        relation = backend.transit_gateway_associations[attachment.id]
        backend.disassociate_transit_gateway_route_table(attachment.id, relation.transit_gateway_route_table_id)
    for table in backend.transit_gateways_route_tables.values():
        table.route_table_associations.pop(attachment.id, None)
    attachment.transit_gateway_route_table = None


def _propagating_tables(backend: Any, attachment_id: str) -> list[Any]:
    return [
        table
        for table in backend.transit_gateways_route_tables.values()
        if any(p.transitGatewayAttachmentId == attachment_id for p in table.route_table_propagation)
    ]


def _stop_propagation(backend: Any, attachment_id: str, route_table_id: str) -> None:
    relation = backend.transit_gateway_propagations.get(attachment_id)
    if relation is not None and relation.transit_gateway_route_table_id == route_table_id:
        backend.disable_transit_gateway_route_table_propagation(attachment_id, route_table_id)
    else:
        # moto keeps one propagation record per attachment; the route table holds the rest.
        backend.disable_route_table_propagation(attachment_id, route_table_id)


class TransitGatewayAttachment(CloudFormationModel):
    def __init__(self, attachment_id: str, transit_gateway_id: str, vpc_id: str):
        self.id = attachment_id
        self.transit_gateway_id = transit_gateway_id
        self.vpc_id = vpc_id

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-transitgatewayattachment.html
        return "AWS::EC2::TransitGatewayAttachment"

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
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "TransitGatewayAttachment":
        props = cloudformation_json["Properties"]
        backend = ec2_backends[account_id][region_name]
        tgw = _transit_gateway(backend, props["TransitGatewayId"])
        attachment = backend.create_transit_gateway_vpc_attachment(
            transit_gateway_id=tgw.id,
            vpc_id=props["VpcId"],
            subnet_ids=list(props["SubnetIds"]),
            tags=_tag_dict(props),
            options=dict(props.get("Options") or {}),
        )
        # moto associates every attachment with the default route table; EC2 does only when
        # DefaultRouteTableAssociation is enabled, and propagates to the default propagation
        # route table when DefaultRouteTablePropagation is.
        if tgw.options.get("DefaultRouteTableAssociation") != "enable":
            _unassociate(backend, attachment)
        propagation_table = tgw.options.get("PropagationDefaultRouteTableId")
        if tgw.options.get("DefaultRouteTablePropagation") == "enable" and propagation_table:
            backend.enable_transit_gateway_route_table_propagation(attachment.id, propagation_table)
        return cls(attachment.id, tgw.id, props["VpcId"])

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "TransitGatewayAttachment",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "TransitGatewayAttachment":
        props = cloudformation_json["Properties"]
        if (props["TransitGatewayId"], props["VpcId"]) != (original_resource.transit_gateway_id, original_resource.vpc_id):
            original_resource.delete(account_id, region_name)  # both require replacement
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        backend = ec2_backends[account_id][region_name]
        attachment = backend.transit_gateway_attachments[original_resource.id]
        subnets = list(props["SubnetIds"])
        backend.modify_transit_gateway_vpc_attachment(
            original_resource.id,
            add_subnet_ids=[s for s in subnets if s not in attachment.subnet_ids],
            remove_subnet_ids=[s for s in attachment.subnet_ids if s not in subnets],
            options=dict(props.get("Options") or {}),
        )
        _replace_tags(backend, original_resource.id, _tag_dict(props))
        return original_resource

    def delete(self, account_id: str, region_name: str) -> None:
        backend = ec2_backends[account_id][region_name]
        attachment = backend.transit_gateway_attachments.get(self.id)
        if attachment is None:
            return
        _unassociate(backend, attachment)
        for table in _propagating_tables(backend, self.id):
            _stop_propagation(backend, self.id, table.id)
        backend.delete_transit_gateway_vpc_attachment(self.id)


class TransitGatewayRouteTable(CloudFormationModel):
    def __init__(self, route_table_id: str, transit_gateway_id: str):
        self.id = route_table_id
        self.transit_gateway_id = transit_gateway_id

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-transitgatewayroutetable.html
        return "AWS::EC2::TransitGatewayRouteTable"

    @property
    def physical_resource_id(self) -> str:
        return self.id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["TransitGatewayRouteTableId"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "TransitGatewayRouteTableId":
            return self.id
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "TransitGatewayRouteTable":
        props = cloudformation_json["Properties"]
        backend = ec2_backends[account_id][region_name]
        tgw = _transit_gateway(backend, props["TransitGatewayId"])
        table = backend.create_transit_gateway_route_table(transit_gateway_id=tgw.id, tags=_tag_dict(props))
        return cls(table.id, tgw.id)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "TransitGatewayRouteTable",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "TransitGatewayRouteTable":
        props = cloudformation_json["Properties"]
        if props["TransitGatewayId"] != original_resource.transit_gateway_id:  # replacement
            new = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
            original_resource.delete(account_id, region_name)
            return new
        _replace_tags(ec2_backends[account_id][region_name], original_resource.id, _tag_dict(props))
        return original_resource

    def delete(self, account_id: str, region_name: str) -> None:
        backend = ec2_backends[account_id][region_name]
        table = backend.transit_gateways_route_tables.get(self.id)
        if table is not None and table.state != "deleted":
            # moto's backend keeps a deleted table listed as "deleted", as EC2 does for a while.
            backend.delete_transit_gateway_route_table(self.id)


class TransitGatewayRoute(CloudFormationModel):
    def __init__(self, route_table_id: str, destination_cidr_block: str):
        self.route_table_id = route_table_id
        self.destination_cidr_block = destination_cidr_block

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-transitgatewayroute.html
        return "AWS::EC2::TransitGatewayRoute"

    @property
    def physical_resource_id(self) -> str:
        # A route has no id in EC2; its identifier is the route table and the destination.
        return f"{self.route_table_id}|{self.destination_cidr_block}"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "TransitGatewayRoute":
        props = cloudformation_json["Properties"]
        backend = ec2_backends[account_id][region_name]
        route = backend.create_transit_gateway_route(
            transit_gateway_route_table_id=props["TransitGatewayRouteTableId"],
            destination_cidr_block=props["DestinationCidrBlock"],
            transit_gateway_attachment_id=props.get("TransitGatewayAttachmentId"),
            blackhole=str(props.get("Blackhole", False)).lower() == "true",
        )
        # moto stores the route's attachment as one dict where the API's shape is a list, so
        # SearchTransitGatewayRoutes would answer with no attachment.
        if isinstance(route.get("transitGatewayAttachments"), dict):
            route["transitGatewayAttachments"] = [route["transitGatewayAttachments"]]
        return cls(props["TransitGatewayRouteTableId"], props["DestinationCidrBlock"])

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "TransitGatewayRoute",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "TransitGatewayRoute":
        # Every property requires replacement; the same destination is overwritten in place.
        new = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        if new.physical_resource_id != original_resource.physical_resource_id:
            original_resource.delete(account_id, region_name)
        return new

    def delete(self, account_id: str, region_name: str) -> None:
        backend = ec2_backends[account_id][region_name]
        table = backend.transit_gateways_route_tables.get(self.route_table_id)
        if table is not None and self.destination_cidr_block in table.routes:
            backend.delete_transit_gateway_route(self.route_table_id, self.destination_cidr_block)


class TransitGatewayRouteTableAssociation(CloudFormationModel):
    def __init__(self, route_table_id: str, attachment_id: str):
        self.route_table_id = route_table_id
        self.attachment_id = attachment_id

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-transitgatewayroutetableassociation.html
        return "AWS::EC2::TransitGatewayRouteTableAssociation"

    @property
    def physical_resource_id(self) -> str:
        # Its identifier is the route table and the attachment.
        return f"{self.route_table_id}|{self.attachment_id}"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "TransitGatewayRouteTableAssociation":
        props = cloudformation_json["Properties"]
        backend = ec2_backends[account_id][region_name]
        attachment = backend.transit_gateway_attachments[props["TransitGatewayAttachmentId"]]
        table = backend.transit_gateways_route_tables[props["TransitGatewayRouteTableId"]]
        _unassociate(backend, attachment)  # an attachment has one association
        backend.associate_transit_gateway_route_table(attachment.id, table.id)
        # moto's association leaves the attachment's own record on the default route table,
        # which DescribeTransitGatewayAttachments shows.
        attachment.transit_gateway_route_table = table
        return cls(table.id, attachment.id)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "TransitGatewayRouteTableAssociation",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "TransitGatewayRouteTableAssociation":
        original_resource.delete(account_id, region_name)  # both properties require replacement
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = ec2_backends[account_id][region_name]
        relation = backend.transit_gateway_associations.get(self.attachment_id)
        if relation is None or relation.transit_gateway_route_table_id != self.route_table_id:
            return  # gone with its attachment
        _unassociate(backend, backend.transit_gateway_attachments[self.attachment_id])


class TransitGatewayRouteTablePropagation(CloudFormationModel):
    def __init__(self, route_table_id: str, attachment_id: str):
        self.route_table_id = route_table_id
        self.attachment_id = attachment_id

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-transitgatewayroutetablepropagation.html
        return "AWS::EC2::TransitGatewayRouteTablePropagation"

    @property
    def physical_resource_id(self) -> str:
        # Its identifier is the route table and the attachment.
        return f"{self.route_table_id}|{self.attachment_id}"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "TransitGatewayRouteTablePropagation":
        props = cloudformation_json["Properties"]
        backend = ec2_backends[account_id][region_name]
        attachment = backend.transit_gateway_attachments[props["TransitGatewayAttachmentId"]]
        table = backend.transit_gateways_route_tables[props["TransitGatewayRouteTableId"]]
        backend.enable_transit_gateway_route_table_propagation(attachment.id, table.id)
        return cls(table.id, attachment.id)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "TransitGatewayRouteTablePropagation",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "TransitGatewayRouteTablePropagation":
        original_resource.delete(account_id, region_name)  # both properties require replacement
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = ec2_backends[account_id][region_name]
        if any(t.id == self.route_table_id for t in _propagating_tables(backend, self.attachment_id)):
            _stop_propagation(backend, self.attachment_id, self.route_table_id)
