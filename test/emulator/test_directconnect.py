from typing import Any

from support import StackTestCase

TGW = {"Type": "AWS::EC2::TransitGateway", "Properties": {"AmazonSideAsn": 64512}}
GATEWAY: dict[str, Any] = {
    "Type": "AWS::DirectConnect::DirectConnectGateway",
    "Properties": {
        "DirectConnectGatewayName": "hybrid",
        "AmazonSideAsn": "64513",
        "Tags": [{"Key": "team", "Value": "network"}],
    },
}


def association(*prefixes: str) -> dict[str, Any]:
    return {
        "Type": "AWS::DirectConnect::DirectConnectGatewayAssociation",
        "Properties": {
            "DirectConnectGatewayId": {"Fn::GetAtt": ["Gateway", "DirectConnectGatewayId"]},
            "AssociatedGatewayId": {"Ref": "Tgw"},
            "AllowedPrefixesToDirectConnectGateway": list(prefixes),
        },
    }


OUTPUTS = {
    "GatewayRef": {"Value": {"Ref": "Gateway"}},
    "GatewayArn": {"Value": {"Fn::GetAtt": ["Gateway", "DirectConnectGatewayArn"]}},
    "GatewayId": {"Value": {"Fn::GetAtt": ["Gateway", "DirectConnectGatewayId"]}},
    "AssociationRef": {"Value": {"Ref": "Association"}},
    "AssociationId": {"Value": {"Fn::GetAtt": ["Association", "AssociationId"]}},
    "Tgw": {"Value": {"Ref": "Tgw"}},
}


class DirectConnectGatewayTest(StackTestCase):
    def test_creates_the_gateway_and_associates_the_transit_gateway_with_allowed_prefixes(self) -> None:
        out = self.deploy({"Tgw": TGW, "Gateway": GATEWAY, "Association": association("10.50.0.0/16")}, OUTPUTS)
        dx = self.client("directconnect")
        [gateway] = dx.describe_direct_connect_gateways(directConnectGatewayId=out["GatewayId"])["directConnectGateways"]
        self.assertEqual(gateway["directConnectGatewayName"], "hybrid")
        self.assertEqual(gateway["amazonSideAsn"], 64513)
        self.assertEqual(gateway["directConnectGatewayState"], "available")
        self.assertEqual(out["GatewayRef"], out["GatewayArn"])
        self.assertTrue(out["GatewayArn"].endswith(f":dx-gateway/{out['GatewayId']}"))
        self.assertEqual(out["GatewayId"], gateway["directConnectGatewayId"])
        [assoc] = dx.describe_direct_connect_gateway_associations(directConnectGatewayId=out["GatewayId"])[
            "directConnectGatewayAssociations"
        ]
        self.assertEqual(out["AssociationRef"], assoc["associationId"])
        self.assertEqual(out["AssociationId"], assoc["associationId"])
        self.assertEqual(assoc["associatedGateway"]["id"], out["Tgw"])
        self.assertEqual(assoc["associatedGateway"]["type"], "transitGateway")
        self.assertEqual(assoc["allowedPrefixesToDirectConnectGateway"], [{"cidr": "10.50.0.0/16"}])
        self.assertEqual(assoc["associationState"], "associated")

    def test_an_update_changes_the_allowed_prefixes_and_the_name_in_place(self) -> None:
        out = self.deploy({"Tgw": TGW, "Gateway": GATEWAY, "Association": association("10.50.0.0/16")}, OUTPUTS)
        renamed = {**GATEWAY, "Properties": {**GATEWAY["Properties"], "DirectConnectGatewayName": "hybrid-2"}}
        after = self.update(
            {"Tgw": TGW, "Gateway": renamed, "Association": association("10.50.0.0/16", "10.60.0.0/16")}, OUTPUTS
        )
        self.assertEqual(after["GatewayId"], out["GatewayId"])
        self.assertEqual(after["AssociationId"], out["AssociationId"])
        dx = self.client("directconnect")
        [assoc] = dx.describe_direct_connect_gateway_associations(associationId=out["AssociationId"])[
            "directConnectGatewayAssociations"
        ]
        self.assertEqual(
            sorted(p["cidr"] for p in assoc["allowedPrefixesToDirectConnectGateway"]), ["10.50.0.0/16", "10.60.0.0/16"]
        )
        [gateway] = dx.describe_direct_connect_gateways(directConnectGatewayId=out["GatewayId"])["directConnectGateways"]
        self.assertEqual(gateway["directConnectGatewayName"], "hybrid-2")

    def test_a_transit_gateway_association_needs_allowed_prefixes_and_distinct_asns(self) -> None:
        with self.assertRaises(Exception) as no_prefixes:
            self.deploy({"Tgw": TGW, "Gateway": GATEWAY, "Association": association()}, name="a")
        self.assertIn("Allowed prefixes are required", str(no_prefixes.exception))
        same_asn = {**GATEWAY, "Properties": {**GATEWAY["Properties"], "AmazonSideAsn": "64512"}}
        with self.assertRaises(Exception) as clash:
            self.deploy({"Tgw": TGW, "Gateway": same_asn, "Association": association("10.0.0.0/8")}, name="b")
        self.assertIn("different ASNs", str(clash.exception))

    def test_a_gateway_with_associations_cannot_be_deleted_through_the_api(self) -> None:
        out = self.deploy({"Tgw": TGW, "Gateway": GATEWAY, "Association": association("10.50.0.0/16")}, OUTPUTS)
        with self.assertRaises(Exception) as refused:
            self.client("directconnect").delete_direct_connect_gateway(directConnectGatewayId=out["GatewayId"])
        self.assertIn("has associations", str(refused.exception))

    def test_deleting_the_stack_removes_the_association_and_the_gateway(self) -> None:
        self.deploy({"Tgw": TGW, "Gateway": GATEWAY, "Association": association("10.50.0.0/16")}, OUTPUTS)
        self.destroy()
        dx = self.client("directconnect")
        self.assertEqual(dx.describe_direct_connect_gateways()["directConnectGateways"], [])
        self.assertEqual(dx.describe_direct_connect_gateway_associations()["directConnectGatewayAssociations"], [])
