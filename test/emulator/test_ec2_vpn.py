from typing import Any

from support import StackTestCase

TUNNEL = {
    "DPDTimeoutAction": "restart",
    "DPDTimeoutSeconds": 30,
    "IKEVersions": [{"Value": "ikev2"}],
    "LogOptions": {"CloudwatchLogOptions": {"LogEnabled": "true", "LogGroupArn": "arn:aws:logs:us-east-1:123456789012:log-group:tunnels", "LogOutputFormat": "json"}},
    "Phase1DHGroupNumbers": [{"Value": 21}, {"Value": "14"}],
    "Phase1EncryptionAlgorithms": [{"Value": "AES256-GCM-16"}],
    "StartupAction": "start",
}
RESOURCES: dict[str, Any] = {
    "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.50.0.0/16"}},
    "Table1": {"Type": "AWS::EC2::RouteTable", "Properties": {"VpcId": {"Ref": "Vpc"}}},
    "Table2": {"Type": "AWS::EC2::RouteTable", "Properties": {"VpcId": {"Ref": "Vpc"}}},
    "Vgw": {
        "Type": "AWS::EC2::VPNGateway",
        "Properties": {"Type": "ipsec.1", "AmazonSideAsn": 64512, "Tags": [{"Key": "Name", "Value": "vgw"}]},
    },
    "VgwAttachment": {"Type": "AWS::EC2::VPCGatewayAttachment", "Properties": {"VpcId": {"Ref": "Vpc"}, "VpnGatewayId": {"Ref": "Vgw"}}},
    "Propagation": {
        "Type": "AWS::EC2::VPNGatewayRoutePropagation",
        "Properties": {"RouteTableIds": [{"Ref": "Table1"}, {"Ref": "Table2"}], "VpnGatewayId": {"Ref": "Vgw"}},
        "DependsOn": ["VgwAttachment"],
    },
    "Cgw": {
        "Type": "AWS::EC2::CustomerGateway",
        "Properties": {"BgpAsn": 65000, "IpAddress": "203.0.113.10", "Type": "ipsec.1", "Tags": [{"Key": "Name", "Value": "dc"}]},
    },
    "Vpn": {
        "Type": "AWS::EC2::VPNConnection",
        "Properties": {
            "CustomerGatewayId": {"Ref": "Cgw"},
            "VpnGatewayId": {"Ref": "Vgw"},
            "Type": "ipsec.1",
            "StaticRoutesOnly": "false",
            "Tags": [{"Key": "Name", "Value": "dc"}],
            "VpnTunnelOptionsSpecifications": [TUNNEL, TUNNEL],
        },
    },
}
OUTPUTS = {
    "Cgw": {"Value": {"Ref": "Cgw"}},
    "CgwId": {"Value": {"Fn::GetAtt": ["Cgw", "CustomerGatewayId"]}},
    "Vpn": {"Value": {"Ref": "Vpn"}},
    "VpnId": {"Value": {"Fn::GetAtt": ["Vpn", "VpnConnectionId"]}},
    "Vgw": {"Value": {"Ref": "Vgw"}},
    "VgwId": {"Value": {"Fn::GetAtt": ["Vgw", "VPNGatewayId"]}},
    "Propagation": {"Value": {"Ref": "Propagation"}},
}


def with_props(resource: dict[str, Any], **props: Any) -> dict[str, Any]:
    return {**resource, "Properties": {**resource["Properties"], **props}}


class VpnTest(StackTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.ec2 = self.client("ec2")

    def connection(self, vpn_id: str) -> dict[str, Any]:
        [connection] = self.ec2.describe_vpn_connections(VpnConnectionIds=[vpn_id])["VpnConnections"]
        return connection  # type: ignore[no-any-return]

    def propagating(self, table: str) -> list[str]:
        [found] = self.ec2.describe_route_tables(RouteTableIds=[self.physical_id(table)])["RouteTables"]
        return [p["GatewayId"] for p in found.get("PropagatingVgws", [])]

    def test_creates_the_customer_gateway(self) -> None:
        out = self.deploy(RESOURCES, OUTPUTS)
        [cgw] = self.ec2.describe_customer_gateways(CustomerGatewayIds=[out["Cgw"]])["CustomerGateways"]
        self.assertEqual(out["CgwId"], out["Cgw"])
        self.assertEqual(cgw["BgpAsn"], "65000")
        self.assertEqual(cgw["IpAddress"], "203.0.113.10")
        self.assertEqual(cgw["Type"], "ipsec.1")
        self.assertEqual(cgw["State"], "available")
        self.assertIn({"Key": "Name", "Value": "dc"}, cgw["Tags"])

    def test_creates_the_vpn_gateway_attached_to_the_vpc(self) -> None:
        out = self.deploy(RESOURCES, OUTPUTS)
        [vgw] = self.ec2.describe_vpn_gateways(VpnGatewayIds=[out["Vgw"]])["VpnGateways"]
        self.assertEqual(out["VgwId"], out["Vgw"])
        self.assertEqual(vgw["AmazonSideAsn"], 64512)
        self.assertEqual(vgw["VpcAttachments"], [{"VpcId": self.physical_id("Vpc"), "State": "attached"}])
        self.assertIn({"Key": "Name", "Value": "vgw"}, vgw["Tags"])

    def test_creates_the_connection_with_its_gateways_and_options(self) -> None:
        out = self.deploy(RESOURCES, OUTPUTS)
        vpn = self.connection(out["Vpn"])
        self.assertEqual(out["VpnId"], out["Vpn"])
        self.assertEqual(vpn["CustomerGatewayId"], out["Cgw"])
        self.assertEqual(vpn["VpnGatewayId"], out["Vgw"])
        self.assertEqual(vpn["Type"], "ipsec.1")
        self.assertEqual(vpn["State"], "available")
        self.assertFalse(vpn["Options"]["StaticRoutesOnly"])
        tunnels = vpn["Options"]["TunnelOptions"]
        self.assertEqual(len(tunnels), 2)
        self.assertEqual(tunnels[0]["IkeVersions"], [{"Value": "ikev2"}])
        self.assertEqual(tunnels[0]["DpdTimeoutSeconds"], 30)
        self.assertEqual(tunnels[0]["DpdTimeoutAction"], "restart")
        self.assertEqual(tunnels[0]["Phase1DHGroupNumbers"], [{"Value": 21}, {"Value": 14}])
        self.assertEqual(tunnels[0]["Phase1EncryptionAlgorithms"], [{"Value": "AES256-GCM-16"}])
        self.assertTrue(tunnels[0]["LogOptions"]["CloudWatchLogOptions"]["LogEnabled"])
        self.assertIn({"Key": "Name", "Value": "dc"}, vpn["Tags"])

    def test_connects_to_a_transit_gateway_with_an_attachment(self) -> None:
        resources = {
            "Tgw": {"Type": "AWS::EC2::TransitGateway", "Properties": {}},
            "Cgw": RESOURCES["Cgw"],
            "Vpn": {
                "Type": "AWS::EC2::VPNConnection",
                "Properties": {"CustomerGatewayId": {"Ref": "Cgw"}, "TransitGatewayId": {"Ref": "Tgw"}, "Type": "ipsec.1", "StaticRoutesOnly": True},
            },
        }
        out = self.deploy(resources, {"Vpn": OUTPUTS["Vpn"], "Tgw": {"Value": {"Ref": "Tgw"}}})
        vpn = self.connection(out["Vpn"])
        self.assertEqual(vpn["TransitGatewayId"], out["Tgw"])
        self.assertTrue(vpn["Options"]["StaticRoutesOnly"])
        [attachment] = self.ec2.describe_transit_gateway_attachments(Filters=[{"Name": "resource-id", "Values": [out["Vpn"]]}])["TransitGatewayAttachments"]
        self.assertEqual(attachment["ResourceType"], "vpn")
        self.destroy()
        [attachment] = self.ec2.describe_transit_gateway_attachments(Filters=[{"Name": "resource-id", "Values": [out["Vpn"]]}])["TransitGatewayAttachments"]
        self.assertEqual(attachment["State"], "deleted")

    def test_propagates_the_gateways_routes_to_every_route_table(self) -> None:
        out = self.deploy(RESOURCES, OUTPUTS)
        self.assertEqual(self.propagating("Table1"), [out["Vgw"]])
        self.assertEqual(self.propagating("Table2"), [out["Vgw"]])
        self.assertIn("Propagation", out["Propagation"])

    def test_updates_the_propagation_and_the_tags_in_place(self) -> None:
        out = self.deploy(RESOURCES, OUTPUTS)
        changed = {
            **RESOURCES,
            "Propagation": with_props(RESOURCES["Propagation"], RouteTableIds=[{"Ref": "Table2"}]),
            "Vpn": with_props(RESOURCES["Vpn"], Tags=[{"Key": "Name", "Value": "dc-2"}]),
        }
        self.update(changed, OUTPUTS)
        self.assertEqual(self.propagating("Table1"), [])
        self.assertEqual(self.propagating("Table2"), [out["Vgw"]])
        self.assertIn({"Key": "Name", "Value": "dc-2"}, self.connection(out["Vpn"])["Tags"])
        self.assertEqual(self.physical_id("Vpn"), out["Vpn"])

    def test_replaces_the_connection_when_its_options_change(self) -> None:
        out = self.deploy(RESOURCES, OUTPUTS)
        self.update({**RESOURCES, "Vpn": with_props(RESOURCES["Vpn"], StaticRoutesOnly=True)}, OUTPUTS)
        new = self.physical_id("Vpn")
        self.assertNotEqual(new, out["Vpn"])
        self.assertTrue(self.connection(new)["Options"]["StaticRoutesOnly"])
        self.assertEqual(self.connection(out["Vpn"])["State"], "deleted")

    def test_deleting_the_stack_deletes_the_connection_and_gateways(self) -> None:
        out = self.deploy(RESOURCES, OUTPUTS)
        table = self.physical_id("Table1")
        self.destroy()
        self.assertEqual(self.connection(out["Vpn"])["State"], "deleted")
        [cgw] = self.ec2.describe_customer_gateways(CustomerGatewayIds=[out["Cgw"]])["CustomerGateways"]
        self.assertEqual(cgw["State"], "deleted")
        [vgw] = self.ec2.describe_vpn_gateways(VpnGatewayIds=[out["Vgw"]])["VpnGateways"]
        self.assertEqual(vgw["State"], "deleted")
        self.assertEqual(self.ec2.describe_route_tables(Filters=[{"Name": "route-table-id", "Values": [table]}])["RouteTables"], [])


if __name__ == "__main__":
    import unittest

    unittest.main()
