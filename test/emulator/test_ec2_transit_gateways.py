from typing import Any

from support import StackTestCase

TGW = {
    "Type": "AWS::EC2::TransitGateway",
    "Properties": {
        "AmazonSideAsn": 64512,
        "DefaultRouteTableAssociation": "disable",
        "DefaultRouteTablePropagation": "disable",
        "Description": "hub",
        "DnsSupport": "enable",
        "Tags": [{"Key": "Name", "Value": "hub"}],
    },
}


def vpc(cidr: str) -> dict[str, Any]:
    return {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": cidr}}


def subnet(vpc_id: str, cidr: str) -> dict[str, Any]:
    return {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": vpc_id}, "CidrBlock": cidr}}


def attachment(vpc_id: str, subnet_id: str, name: str) -> dict[str, Any]:
    return {
        "Type": "AWS::EC2::TransitGatewayAttachment",
        "Properties": {
            "TransitGatewayId": {"Ref": "Tgw"},
            "VpcId": {"Ref": vpc_id},
            "SubnetIds": [{"Ref": subnet_id}],
            "Options": {"DnsSupport": "enable", "ApplianceModeSupport": "disable"},
            "Tags": [{"Key": "Name", "Value": name}],
        },
    }


def table(name: str) -> dict[str, Any]:
    return {
        "Type": "AWS::EC2::TransitGatewayRouteTable",
        "Properties": {"TransitGatewayId": {"Ref": "Tgw"}, "Tags": [{"Key": "Name", "Value": name}]},
    }


def link(kind: str, attachment_id: str, table_id: str) -> dict[str, Any]:
    return {
        "Type": f"AWS::EC2::TransitGatewayRouteTable{kind}",
        "Properties": {"TransitGatewayAttachmentId": {"Ref": attachment_id}, "TransitGatewayRouteTableId": {"Ref": table_id}},
    }


def route(table_id: str, cidr: str, attachment_id: str | None = None) -> dict[str, Any]:
    props: dict[str, Any] = {"TransitGatewayRouteTableId": {"Ref": table_id}, "DestinationCidrBlock": cidr}
    if attachment_id:
        props["TransitGatewayAttachmentId"] = {"Ref": attachment_id}
    else:
        props["Blackhole"] = True
    return {"Type": "AWS::EC2::TransitGatewayRoute", "Properties": props}


RESOURCES = {
    "Tgw": TGW,
    "EgressVpc": vpc("10.0.0.0/16"),
    "EgressSubnet": subnet("EgressVpc", "10.0.1.0/24"),
    "SpokeVpc": vpc("10.1.0.0/16"),
    "SpokeSubnet": subnet("SpokeVpc", "10.1.1.0/24"),
    "EgressAttachment": attachment("EgressVpc", "EgressSubnet", "egress"),
    "SpokeAttachment": attachment("SpokeVpc", "SpokeSubnet", "spoke"),
    "EgressTable": table("egress"),
    "SpokesTable": table("spokes"),
    "EgressAssociation": link("Association", "EgressAttachment", "EgressTable"),
    "SpokeAssociation": link("Association", "SpokeAttachment", "SpokesTable"),
    "SpokePropagation": link("Propagation", "SpokeAttachment", "EgressTable"),
    "DefaultRoute": route("SpokesTable", "0.0.0.0/0", "EgressAttachment"),
    "Blackhole": route("SpokesTable", "10.0.0.0/8"),
}
OUTPUTS = {
    "Tgw": {"Value": {"Ref": "Tgw"}},
    "TgwId": {"Value": {"Fn::GetAtt": ["Tgw", "Id"]}},
    "TgwArn": {"Value": {"Fn::GetAtt": ["Tgw", "TransitGatewayArn"]}},
    "Egress": {"Value": {"Ref": "EgressAttachment"}},
    "EgressId": {"Value": {"Fn::GetAtt": ["EgressAttachment", "Id"]}},
    "Spoke": {"Value": {"Ref": "SpokeAttachment"}},
    "EgressTable": {"Value": {"Ref": "EgressTable"}},
    "EgressTableId": {"Value": {"Fn::GetAtt": ["EgressTable", "TransitGatewayRouteTableId"]}},
    "SpokesTable": {"Value": {"Ref": "SpokesTable"}},
    "Association": {"Value": {"Ref": "SpokeAssociation"}},
    "Propagation": {"Value": {"Ref": "SpokePropagation"}},
    "Route": {"Value": {"Ref": "DefaultRoute"}},
}


def with_props(resource: dict[str, Any], **props: Any) -> dict[str, Any]:
    return {**resource, "Properties": {**resource["Properties"], **props}}


class TransitGatewayTest(StackTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.ec2 = self.client("ec2")

    def tables(self, tgw: str) -> dict[str, dict[str, Any]]:
        found = self.ec2.describe_transit_gateway_route_tables(Filters=[{"Name": "transit-gateway-id", "Values": [tgw]}])
        return {t["TransitGatewayRouteTableId"]: t for t in found["TransitGatewayRouteTables"] if t["State"] != "deleted"}

    def test_creates_the_transit_gateway_without_a_default_route_table_when_both_defaults_are_off(self) -> None:
        out = self.deploy(RESOURCES, OUTPUTS)
        [tgw] = self.ec2.describe_transit_gateways(TransitGatewayIds=[out["Tgw"]])["TransitGateways"]
        self.assertEqual(out["TgwId"], out["Tgw"])
        self.assertEqual(out["TgwArn"], tgw["TransitGatewayArn"])
        self.assertEqual(tgw["Description"], "hub")
        self.assertEqual(tgw["Options"]["AmazonSideAsn"], 64512)
        self.assertEqual(tgw["Options"]["DefaultRouteTableAssociation"], "disable")
        self.assertEqual(tgw["Options"]["DefaultRouteTablePropagation"], "disable")
        self.assertNotIn("AssociationDefaultRouteTableId", tgw["Options"])
        self.assertIn({"Key": "Name", "Value": "hub"}, tgw["Tags"])
        self.assertEqual(set(self.tables(out["Tgw"])), {out["EgressTable"], out["SpokesTable"]})

    def test_creates_the_route_tables_with_their_tags(self) -> None:
        out = self.deploy(RESOURCES, OUTPUTS)
        self.assertEqual(out["EgressTableId"], out["EgressTable"])
        self.assertTrue(out["EgressTable"].startswith("tgw-rtb-"))
        tags = self.tables(out["Tgw"])[out["SpokesTable"]]["Tags"]
        self.assertIn({"Key": "Name", "Value": "spokes"}, tags)

    def test_attaches_each_vpc_with_its_subnets_and_options(self) -> None:
        out = self.deploy(RESOURCES, OUTPUTS)
        self.assertEqual(out["EgressId"], out["Egress"])
        [spoke] = self.ec2.describe_transit_gateway_vpc_attachments(TransitGatewayAttachmentIds=[out["Spoke"]])["TransitGatewayVpcAttachments"]
        self.assertEqual(spoke["TransitGatewayId"], out["Tgw"])
        self.assertEqual(spoke["VpcId"], self.physical_id("SpokeVpc"))
        self.assertEqual(spoke["SubnetIds"], [self.physical_id("SpokeSubnet")])
        self.assertEqual(spoke["Options"]["ApplianceModeSupport"], "disable")
        self.assertIn({"Key": "Name", "Value": "spoke"}, spoke["Tags"])

    def test_associates_each_attachment_with_its_table_only(self) -> None:
        out = self.deploy(RESOURCES, OUTPUTS)
        spokes = self.ec2.get_transit_gateway_route_table_associations(TransitGatewayRouteTableId=out["SpokesTable"])["Associations"]
        self.assertEqual([a["TransitGatewayAttachmentId"] for a in spokes], [out["Spoke"]])
        egress = self.ec2.get_transit_gateway_route_table_associations(TransitGatewayRouteTableId=out["EgressTable"])["Associations"]
        self.assertEqual([a["TransitGatewayAttachmentId"] for a in egress], [out["Egress"]])
        [attachment] = self.ec2.describe_transit_gateway_attachments(TransitGatewayAttachmentIds=[out["Spoke"]])["TransitGatewayAttachments"]
        self.assertEqual(attachment["Association"]["TransitGatewayRouteTableId"], out["SpokesTable"])
        self.assertEqual(out["Association"], f"{out['SpokesTable']}|{out['Spoke']}")

    def test_propagates_the_spoke_into_the_egress_table_and_nothing_into_the_spokes_table(self) -> None:
        out = self.deploy(RESOURCES, OUTPUTS)
        egress = self.ec2.get_transit_gateway_route_table_propagations(TransitGatewayRouteTableId=out["EgressTable"])
        self.assertEqual([p["TransitGatewayAttachmentId"] for p in egress["TransitGatewayRouteTablePropagations"]], [out["Spoke"]])
        spokes = self.ec2.get_transit_gateway_route_table_propagations(TransitGatewayRouteTableId=out["SpokesTable"])
        self.assertEqual(spokes["TransitGatewayRouteTablePropagations"], [])
        self.assertEqual(out["Propagation"], f"{out['EgressTable']}|{out['Spoke']}")

    def test_creates_static_and_blackhole_routes(self) -> None:
        out = self.deploy(RESOURCES, OUTPUTS)
        routes = self.ec2.search_transit_gateway_routes(TransitGatewayRouteTableId=out["SpokesTable"], Filters=[{"Name": "type", "Values": ["static"]}])["Routes"]
        by_cidr = {r["DestinationCidrBlock"]: r for r in routes}
        self.assertEqual(by_cidr["0.0.0.0/0"]["State"], "active")
        self.assertEqual(by_cidr["0.0.0.0/0"]["TransitGatewayAttachments"][0]["TransitGatewayAttachmentId"], out["Egress"])
        self.assertEqual(by_cidr["10.0.0.0/8"]["State"], "blackhole")
        self.assertEqual(out["Route"], f"{out['SpokesTable']}|0.0.0.0/0")

    def test_an_attachment_goes_to_the_default_tables_when_the_defaults_are_on(self) -> None:
        tgw = with_props(TGW, DefaultRouteTableAssociation="enable", DefaultRouteTablePropagation="enable")
        out = self.deploy(
            {"Tgw": tgw, "SpokeVpc": RESOURCES["SpokeVpc"], "SpokeSubnet": RESOURCES["SpokeSubnet"], "SpokeAttachment": RESOURCES["SpokeAttachment"]},
            {"Tgw": OUTPUTS["Tgw"], "Spoke": OUTPUTS["Spoke"]},
        )
        [gateway] = self.ec2.describe_transit_gateways(TransitGatewayIds=[out["Tgw"]])["TransitGateways"]
        default = gateway["Options"]["AssociationDefaultRouteTableId"]
        self.assertEqual(gateway["Options"]["PropagationDefaultRouteTableId"], default)
        associations = self.ec2.get_transit_gateway_route_table_associations(TransitGatewayRouteTableId=default)["Associations"]
        self.assertEqual([a["TransitGatewayAttachmentId"] for a in associations], [out["Spoke"]])
        propagations = self.ec2.get_transit_gateway_route_table_propagations(TransitGatewayRouteTableId=default)
        self.assertEqual([p["TransitGatewayAttachmentId"] for p in propagations["TransitGatewayRouteTablePropagations"]], [out["Spoke"]])

    def test_an_attachment_has_no_association_when_the_defaults_are_off(self) -> None:
        out = self.deploy(
            {"Tgw": TGW, "SpokeVpc": RESOURCES["SpokeVpc"], "SpokeSubnet": RESOURCES["SpokeSubnet"], "SpokeAttachment": RESOURCES["SpokeAttachment"]},
            {"Tgw": OUTPUTS["Tgw"], "Spoke": OUTPUTS["Spoke"]},
        )
        [attachment] = self.ec2.describe_transit_gateway_attachments(TransitGatewayAttachmentIds=[out["Spoke"]])["TransitGatewayAttachments"]
        self.assertNotIn("Association", attachment)
        self.assertEqual(self.tables(out["Tgw"]), {})

    def test_updates_the_attachments_subnets_and_the_tables_tags(self) -> None:
        resources = {**RESOURCES, "SpokeSubnet2": subnet("SpokeVpc", "10.1.2.0/24")}
        out = self.deploy(resources, OUTPUTS)
        moved = with_props(RESOURCES["SpokeAttachment"], SubnetIds=[{"Ref": "SpokeSubnet2"}])
        self.update({**resources, "SpokeAttachment": moved, "SpokesTable": table("spokes-2")}, OUTPUTS)
        [spoke] = self.ec2.describe_transit_gateway_vpc_attachments(TransitGatewayAttachmentIds=[out["Spoke"]])["TransitGatewayVpcAttachments"]
        self.assertEqual(spoke["SubnetIds"], [self.physical_id("SpokeSubnet2")])
        self.assertIn({"Key": "Name", "Value": "spokes-2"}, self.tables(out["Tgw"])[out["SpokesTable"]]["Tags"])

    def test_removing_a_propagation_and_a_route_removes_them(self) -> None:
        out = self.deploy(RESOURCES, OUTPUTS)
        outputs = {k: v for k, v in OUTPUTS.items() if k != "Propagation"}
        self.update({k: v for k, v in RESOURCES.items() if k not in ("SpokePropagation", "Blackhole")}, outputs)
        egress = self.ec2.get_transit_gateway_route_table_propagations(TransitGatewayRouteTableId=out["EgressTable"])
        self.assertEqual(egress["TransitGatewayRouteTablePropagations"], [])
        routes = self.ec2.search_transit_gateway_routes(TransitGatewayRouteTableId=out["SpokesTable"], Filters=[{"Name": "type", "Values": ["static"]}])["Routes"]
        self.assertEqual([r["DestinationCidrBlock"] for r in routes], ["0.0.0.0/0"])

    def test_deleting_the_stack_deletes_the_gateway_its_tables_and_attachments(self) -> None:
        out = self.deploy(RESOURCES, OUTPUTS)
        self.destroy()
        self.assertEqual(self.ec2.describe_transit_gateways()["TransitGateways"], [])
        self.assertEqual(self.tables(out["Tgw"]), {})
        attachments = self.ec2.describe_transit_gateway_attachments()["TransitGatewayAttachments"]
        self.assertEqual([a for a in attachments if a["State"] != "deleted"], [])


if __name__ == "__main__":
    import unittest

    unittest.main()
