"""AWS::EC2::CustomerGateway, AWS::EC2::VPNConnection and AWS::EC2::VPNGatewayRoutePropagation,
created through moto's VPN backends (moto.ec2.models.customer_gateways, vpn_connections), and
fixes to moto's AWS::EC2::VPNGateway and AWS::EC2::VPCGatewayAttachment models
(moto.ec2.models.vpn_gateway)."""

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.ec2.exceptions import (
    DependencyViolationError,
    GatewayNotAttachedError,
    InvalidInternetGatewayIdError,
    InvalidRouteTableIdError,
    InvalidVpnGatewayAttachmentError,
    InvalidVpnGatewayIdError,
)
from moto.ec2.models import ec2_backends
from moto.ec2.models.vpn_gateway import VPCGatewayAttachment as MotoVPCGatewayAttachment
from moto.ec2.models.vpn_gateway import VpnGateway as MotoVpnGateway


def _tag_dict(props: dict[str, Any]) -> dict[str, str]:
    return {t["Key"]: t["Value"] for t in props.get("Tags", [])}


def _replace_tags(backend: Any, resource_id: str, tags: dict[str, str]) -> None:
    """Sets a resource's tags to the template's, keeping the aws: ones CloudFormation adds."""
    old = [k for k in backend.tags.get(resource_id, {}) if not k.startswith("aws:")]
    backend.delete_tags([resource_id], {k: None for k in old})
    if tags:
        backend.create_tags([resource_id], tags)


def _without_tags(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if k != "Tags"}


class VpnGateway(MotoVpnGateway, CloudFormationModel):
    """moto's model ignores Tags and never deletes the gateway."""

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["VPNGatewayId"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "VPNGatewayId":
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
    ) -> MotoVpnGateway:
        props = cloudformation_json["Properties"]
        asn = props.get("AmazonSideAsn")
        gateway = ec2_backends[account_id][region_name].create_vpn_gateway(
            gateway_type=props["Type"],
            amazon_side_asn=str(asn) if asn is not None else None,
            tags=_tag_dict(props),
        )
        # The backend builds moto's class; this subclass only adds CloudFormation methods.
        gateway.__class__ = cls
        return gateway

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        backend = ec2_backends[account_id][region_name]
        try:
            gateway = backend.get_vpn_gateway(resource_name)
        except InvalidVpnGatewayIdError:
            return
        if gateway.state == "deleted":
            return
        if any(a.state == "attached" for a in gateway.attachments.values()):
            # EC2 refuses to delete an attached gateway (IncorrectState).
            raise DependencyViolationError(f"The vpn gateway '{resource_name}' is attached to a VPC.")
        backend.delete_vpn_gateway(resource_name)  # listed as "deleted" afterwards, as in EC2


class VPCGatewayAttachment(MotoVPCGatewayAttachment, CloudFormationModel):
    """moto's model never detaches the gateway (and its VPN attachment records no gateway)."""

    def __init__(self, vpc_id: str, internet_gateway_id: str | None, vpn_gateway_id: str | None):
        super().__init__(vpc_id, gateway_id=internet_gateway_id or vpn_gateway_id, state="attached")
        self.internet_gateway_id = internet_gateway_id
        self.vpn_gateway_id = vpn_gateway_id

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "VPCGatewayAttachment":
        props = cloudformation_json["Properties"]
        backend = ec2_backends[account_id][region_name]
        igw, vgw = props.get("InternetGatewayId"), props.get("VpnGatewayId")
        if vgw:
            backend.attach_vpn_gateway(vpn_gateway_id=vgw, vpc_id=props["VpcId"])
        else:
            backend.attach_internet_gateway(internet_gateway_id=igw, vpc_id=props["VpcId"])
        return cls(props["VpcId"], igw if not vgw else None, vgw)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "VPCGatewayAttachment",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "VPCGatewayAttachment":
        original_resource.delete(account_id, region_name)
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = ec2_backends[account_id][region_name]
        try:
            if self.vpn_gateway_id:
                backend.detach_vpn_gateway(self.vpn_gateway_id, self.vpc_id)
            elif self.internet_gateway_id:
                backend.detach_internet_gateway(self.internet_gateway_id, self.vpc_id)
        except (InvalidVpnGatewayIdError, InvalidVpnGatewayAttachmentError, InvalidInternetGatewayIdError, GatewayNotAttachedError):
            pass  # already detached


class CustomerGateway(CloudFormationModel):
    def __init__(self, gateway_id: str, props: dict[str, Any]):
        self.id = gateway_id
        self.props = props

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-customergateway.html
        return "AWS::EC2::CustomerGateway"

    @property
    def physical_resource_id(self) -> str:
        return self.id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["CustomerGatewayId"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "CustomerGatewayId":
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
    ) -> "CustomerGateway":
        # DeviceName, CertificateArn and BgpAsnExtended: moto's backend has nowhere to keep them.
        props = cloudformation_json["Properties"]
        gateway = ec2_backends[account_id][region_name].create_customer_gateway(
            gateway_type=props["Type"],
            ip_address=props["IpAddress"],
            bgp_asn=str(props.get("BgpAsn", 65000)),
            tags=_tag_dict(props),
        )
        return cls(gateway.id, props)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "CustomerGateway",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "CustomerGateway":
        props = cloudformation_json["Properties"]
        if _without_tags(props) == _without_tags(original_resource.props):  # Tags: no interruption
            _replace_tags(ec2_backends[account_id][region_name], original_resource.id, _tag_dict(props))
            original_resource.props = props
            return original_resource
        new = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        original_resource.delete(account_id, region_name)
        return new

    def delete(self, account_id: str, region_name: str) -> None:
        backend = ec2_backends[account_id][region_name]
        gateway = backend.customer_gateways.get(self.id)
        if gateway is None or gateway.state == "deleted":
            return
        if any(c.customer_gateway_id == self.id and c.state != "deleted" for c in backend.vpn_connections.values()):
            # EC2 refuses while a VPN connection uses the gateway (IncorrectState).
            raise DependencyViolationError(f"The customer gateway '{self.id}' is in use by a VPN connection.")
        backend.delete_customer_gateway(self.id)  # listed as "deleted" afterwards, as in EC2


# VpnTunnelOptionsSpecification (CloudFormation) -> TunnelOption (DescribeVpnConnections)
_TUNNEL_OPTION_NAMES = {
    "DPDTimeoutAction": "DpdTimeoutAction",
    "DPDTimeoutSeconds": "DpdTimeoutSeconds",
    "EnableTunnelLifecycleControl": "EnableTunnelLifecycleControl",
    "IKEVersions": "IkeVersions",
    "Phase1DHGroupNumbers": "Phase1DHGroupNumbers",
    "Phase1EncryptionAlgorithms": "Phase1EncryptionAlgorithms",
    "Phase1IntegrityAlgorithms": "Phase1IntegrityAlgorithms",
    "Phase1LifetimeSeconds": "Phase1LifetimeSeconds",
    "Phase2DHGroupNumbers": "Phase2DHGroupNumbers",
    "Phase2EncryptionAlgorithms": "Phase2EncryptionAlgorithms",
    "Phase2IntegrityAlgorithms": "Phase2IntegrityAlgorithms",
    "Phase2LifetimeSeconds": "Phase2LifetimeSeconds",
    "PreSharedKey": "PreSharedKey",
    "RekeyFuzzPercentage": "RekeyFuzzPercentage",
    "RekeyMarginTimeSeconds": "RekeyMarginTimeSeconds",
    "ReplayWindowSize": "ReplayWindowSize",
    "StartupAction": "StartupAction",
    "TunnelInsideCidr": "TunnelInsideCidr",
    "TunnelInsideIpv6Cidr": "TunnelInsideIpv6Cidr",
}
_INTEGERS = {
    "DpdTimeoutSeconds",
    "Phase1LifetimeSeconds",
    "Phase2LifetimeSeconds",
    "RekeyFuzzPercentage",
    "RekeyMarginTimeSeconds",
    "ReplayWindowSize",
}


def _tunnel_option(spec: dict[str, Any]) -> dict[str, Any]:
    option: dict[str, Any] = {}
    for cfn, api in _TUNNEL_OPTION_NAMES.items():
        if cfn not in spec:
            continue
        value = spec[cfn]
        if api in _INTEGERS:
            value = int(value)
        elif api.endswith("DHGroupNumbers"):
            value = [{"Value": int(v["Value"])} for v in value]
        elif api == "EnableTunnelLifecycleControl":
            value = str(value).lower() == "true"
        option[api] = value
    logs = (spec.get("LogOptions") or {}).get("CloudwatchLogOptions")
    if logs:
        cloudwatch = dict(logs)
        if "LogEnabled" in cloudwatch:
            cloudwatch["LogEnabled"] = str(cloudwatch["LogEnabled"]).lower() == "true"
        option["LogOptions"] = {"CloudWatchLogOptions": cloudwatch}
    return option


def _connection_options(props: dict[str, Any]) -> dict[str, Any]:
    """The connection's options as DescribeVpnConnections returns them."""
    options: dict[str, Any] = {"StaticRoutesOnly": str(props.get("StaticRoutesOnly", False)).lower() == "true"}
    for key in ("LocalIpv4NetworkCidr", "LocalIpv6NetworkCidr", "OutsideIpAddressType", "RemoteIpv4NetworkCidr", "RemoteIpv6NetworkCidr", "TransportTransitGatewayAttachmentId"):
        if key in props:
            options[key] = props[key]
    options["TunnelInsideIpVersion"] = props.get("TunnelInsideIpVersion", "ipv4")
    options["EnableAcceleration"] = str(props.get("EnableAcceleration", False)).lower() == "true"
    specs = props.get("VpnTunnelOptionsSpecifications") or []
    if specs:
        options["TunnelOptions"] = [_tunnel_option(spec) for spec in specs]
    return options


class VPNConnection(CloudFormationModel):
    def __init__(self, connection_id: str, props: dict[str, Any]):
        self.id = connection_id
        self.props = props

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-vpnconnection.html
        return "AWS::EC2::VPNConnection"

    @property
    def physical_resource_id(self) -> str:
        return self.id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["VpnConnectionId"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "VpnConnectionId":
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
    ) -> "VPNConnection":
        props = cloudformation_json["Properties"]
        backend = ec2_backends[account_id][region_name]
        connection = backend.create_vpn_connection(
            props["Type"],
            props["CustomerGatewayId"],
            vpn_gateway_id=props.get("VpnGatewayId"),
            transit_gateway_id=props.get("TransitGatewayId"),
            tags=_tag_dict(props),
        )
        # moto's create_vpn_connection takes no options, but the connection keeps the field
        # DescribeVpnConnections returns: set it to the template's (PreSharedKeyStorage has no
        # place in the API's shape).
        connection.options = _connection_options(props)
        if connection.transit_gateway_id:  # as moto's CreateVpnConnection handler does
            backend.create_transit_gateway_vpn_attachment(vpn_id=connection.id, transit_gateway_id=connection.transit_gateway_id)
        return cls(connection.id, props)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "VPNConnection",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "VPNConnection":
        props = cloudformation_json["Properties"]
        if _without_tags(props) == _without_tags(original_resource.props):  # Tags: no interruption
            _replace_tags(ec2_backends[account_id][region_name], original_resource.id, _tag_dict(props))
            original_resource.props = props
            return original_resource
        new = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        original_resource.delete(account_id, region_name)
        return new

    def delete(self, account_id: str, region_name: str) -> None:
        backend = ec2_backends[account_id][region_name]
        connection = backend.vpn_connections.get(self.id)
        if connection is None or connection.state == "deleted":
            return
        backend.delete_vpn_connection(self.id)  # listed as "deleted" afterwards, as in EC2
        if connection.transit_gateway_id:  # as moto's DeleteVpnConnection handler does
            for attachment in backend.describe_transit_gateway_attachments():
                if attachment.resource_id == self.id:
                    attachment.state = "deleted"


def enable_vgw_route_propagation(backend: Any, gateway_id: str, route_table_id: str) -> None:
    """EnableVgwRoutePropagation, which moto 5.2's EC2 backend lacks: records the gateway on
    the route table, where DescribeRouteTables returns it as PropagatingVgws."""
    gateway = backend.get_vpn_gateway(gateway_id)
    table = backend.get_route_table(route_table_id)
    attachment = gateway.attachments.get(table.vpc_id)
    if attachment is None or attachment.state != "attached":
        raise GatewayNotAttachedError(gateway_id, table.vpc_id)
    propagating = getattr(table, "propagating_vgws", [])
    if all(p["GatewayId"] != gateway_id for p in propagating):
        table.propagating_vgws = [*propagating, {"GatewayId": gateway_id}]


def disable_vgw_route_propagation(backend: Any, gateway_id: str, route_table_id: str) -> None:
    """DisableVgwRoutePropagation, which moto 5.2's EC2 backend lacks."""
    table = backend.get_route_table(route_table_id)
    table.propagating_vgws = [p for p in getattr(table, "propagating_vgws", []) if p["GatewayId"] != gateway_id]


class VPNGatewayRoutePropagation(CloudFormationModel):
    def __init__(self, propagation_id: str, gateway_id: str, route_table_ids: list[str]):
        self.id = propagation_id
        self.gateway_id = gateway_id
        self.route_table_ids = route_table_ids

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-vpngatewayroutepropagation.html
        return "AWS::EC2::VPNGatewayRoutePropagation"

    @property
    def physical_resource_id(self) -> str:
        # EC2 has no id for it; CloudFormation's is a generated name, as here.
        return self.id

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
    ) -> "VPNGatewayRoutePropagation":
        props = cloudformation_json["Properties"]
        backend = ec2_backends[account_id][region_name]
        tables = list(props["RouteTableIds"])
        for table in tables:
            enable_vgw_route_propagation(backend, props["VpnGatewayId"], table)
        return cls(resource_name, props["VpnGatewayId"], tables)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "VPNGatewayRoutePropagation",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "VPNGatewayRoutePropagation":
        # Both properties update without interruption: same id, new set of propagations.
        original_resource.delete(account_id, region_name)
        new = cls.create_from_cloudformation_json(original_resource.id, cloudformation_json, account_id, region_name)
        return new

    def delete(self, account_id: str, region_name: str) -> None:
        backend = ec2_backends[account_id][region_name]
        for table in self.route_table_ids:
            try:
                disable_vgw_route_propagation(backend, self.gateway_id, table)
            except InvalidRouteTableIdError:
                pass  # gone with its route table
