"""moto's own VPC models, as fixed here: each creates with the template's properties and is
deleted with the stack (route tables, routes, associations, gateways, addresses, NAT gateways,
flow logs and endpoints)."""

from typing import Any

from support import StackTestCase

RESOURCES: dict[str, Any] = {
    "Vpc": {
        "Type": "AWS::EC2::VPC",
        "Properties": {"CidrBlock": "10.0.0.0/16", "EnableDnsHostnames": True, "EnableDnsSupport": "true"},
    },
    "Public": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.0.0.0/24"}},
    "Private": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.0.1.0/24"}},
    "PublicTable": {
        "Type": "AWS::EC2::RouteTable",
        "Properties": {"VpcId": {"Ref": "Vpc"}, "Tags": [{"Key": "Name", "Value": "public"}]},
    },
    "PrivateTable": {"Type": "AWS::EC2::RouteTable", "Properties": {"VpcId": {"Ref": "Vpc"}}},
    "PublicAssociation": {
        "Type": "AWS::EC2::SubnetRouteTableAssociation",
        "Properties": {"RouteTableId": {"Ref": "PublicTable"}, "SubnetId": {"Ref": "Public"}},
    },
    "PrivateAssociation": {
        "Type": "AWS::EC2::SubnetRouteTableAssociation",
        "Properties": {"RouteTableId": {"Ref": "PrivateTable"}, "SubnetId": {"Ref": "Private"}},
    },
    "Igw": {"Type": "AWS::EC2::InternetGateway", "Properties": {"Tags": [{"Key": "Name", "Value": "igw"}]}},
    "IgwAttachment": {"Type": "AWS::EC2::VPCGatewayAttachment", "Properties": {"VpcId": {"Ref": "Vpc"}, "InternetGatewayId": {"Ref": "Igw"}}},
    "DefaultRoute": {
        "Type": "AWS::EC2::Route",
        "Properties": {"RouteTableId": {"Ref": "PublicTable"}, "DestinationCidrBlock": "0.0.0.0/0", "GatewayId": {"Ref": "Igw"}},
        "DependsOn": ["IgwAttachment"],
    },
    "Eip": {"Type": "AWS::EC2::EIP", "Properties": {"Domain": "vpc", "Tags": [{"Key": "Name", "Value": "nat"}]}},
    "Nat": {
        "Type": "AWS::EC2::NatGateway",
        "Properties": {"SubnetId": {"Ref": "Public"}, "AllocationId": {"Fn::GetAtt": ["Eip", "AllocationId"]}, "Tags": [{"Key": "Name", "Value": "nat"}]},
    },
    "NatRoute": {
        "Type": "AWS::EC2::Route",
        "Properties": {"RouteTableId": {"Ref": "PrivateTable"}, "DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": {"Ref": "Nat"}},
    },
    "Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {}},
    "FlowLog": {
        "Type": "AWS::EC2::FlowLog",
        "Properties": {"ResourceId": {"Ref": "Vpc"}, "ResourceType": "VPC", "TrafficType": "ALL", "LogGroupName": {"Ref": "Logs"}, "DeliverLogsPermissionArn": "arn:aws:iam::123456789012:role/flow"},
    },
    "S3Endpoint": {
        "Type": "AWS::EC2::VPCEndpoint",
        "Properties": {"VpcId": {"Ref": "Vpc"}, "ServiceName": "com.amazonaws.us-east-1.s3", "VpcEndpointType": "Gateway", "RouteTableIds": [{"Ref": "PrivateTable"}]},
    },
    "SqsEndpoint": {
        "Type": "AWS::EC2::VPCEndpoint",
        "Properties": {"VpcId": {"Ref": "Vpc"}, "ServiceName": "com.amazonaws.us-east-1.sqs", "VpcEndpointType": "Interface", "SubnetIds": [{"Ref": "Private"}], "PrivateDnsEnabled": True},
    },
}
OUTPUTS = {
    "Vpc": {"Value": {"Ref": "Vpc"}},
    "Association": {"Value": {"Ref": "PublicAssociation"}},
    "AssociationId": {"Value": {"Fn::GetAtt": ["PublicAssociation", "Id"]}},
    "Eip": {"Value": {"Ref": "Eip"}},
    "EipIp": {"Value": {"Fn::GetAtt": ["Eip", "PublicIp"]}},
    "Nat": {"Value": {"Ref": "Nat"}},
    "Igw": {"Value": {"Ref": "Igw"}},
}


class VpcModelsTest(StackTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.ec2 = self.client("ec2")

    def table(self, logical: str) -> dict[str, Any]:
        [found] = self.ec2.describe_route_tables(RouteTableIds=[self.physical_id(logical)])["RouteTables"]
        return found  # type: ignore[no-any-return]

    def test_a_flow_log_to_a_folder_of_a_bucket_keeps_the_whole_destination(self) -> None:
        resources = {
            "Vpc": RESOURCES["Vpc"],
            "Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "flow-logs"}},
            "FlowLog": {
                "Type": "AWS::EC2::FlowLog",
                "Properties": {
                    "ResourceId": {"Ref": "Vpc"},
                    "ResourceType": "VPC",
                    "TrafficType": "REJECT",
                    "LogDestinationType": "s3",
                    "LogDestination": "arn:aws:s3:::flow-logs/vpc-flow-logs/",
                },
            },
        }
        self.deploy(resources)
        [log] = self.ec2.describe_flow_logs()["FlowLogs"]
        self.assertEqual(log["LogDestination"], "arn:aws:s3:::flow-logs/vpc-flow-logs/")

    def test_the_vpc_gets_its_dns_attributes(self) -> None:
        out = self.deploy(RESOURCES, OUTPUTS)
        hostnames = self.ec2.describe_vpc_attribute(VpcId=out["Vpc"], Attribute="enableDnsHostnames")
        self.assertTrue(hostnames["EnableDnsHostnames"]["Value"])

    def test_route_tables_show_their_tags_associations_and_routes(self) -> None:
        out = self.deploy(RESOURCES, OUTPUTS)
        public = self.table("PublicTable")
        self.assertIn({"Key": "Name", "Value": "public"}, public["Tags"])
        [association] = [a for a in public["Associations"] if not a["Main"]]
        self.assertEqual(association["SubnetId"], self.physical_id("Public"))
        self.assertEqual(association["RouteTableAssociationId"], out["Association"])
        self.assertEqual(out["AssociationId"], out["Association"])
        routes = {r["DestinationCidrBlock"]: r for r in public["Routes"] if "DestinationCidrBlock" in r}
        self.assertEqual(routes["0.0.0.0/0"]["GatewayId"], out["Igw"])
        private = {r.get("DestinationCidrBlock"): r for r in self.table("PrivateTable")["Routes"]}
        self.assertEqual(private["0.0.0.0/0"]["NatGatewayId"], out["Nat"])

    def test_the_gateways_and_address_get_their_tags_and_attachment(self) -> None:
        out = self.deploy(RESOURCES, OUTPUTS)
        [igw] = self.ec2.describe_internet_gateways(InternetGatewayIds=[out["Igw"]])["InternetGateways"]
        self.assertEqual(igw["Attachments"], [{"State": "available", "VpcId": out["Vpc"]}])
        self.assertIn({"Key": "Name", "Value": "igw"}, igw["Tags"])
        [eip] = self.ec2.describe_addresses(PublicIps=[out["Eip"]])["Addresses"]
        self.assertEqual(out["EipIp"], out["Eip"])
        self.assertEqual(eip["Domain"], "vpc")
        self.assertIn({"Key": "Name", "Value": "nat"}, eip["Tags"])
        [nat] = self.ec2.describe_nat_gateways(NatGatewayIds=[out["Nat"]])["NatGateways"]
        self.assertEqual(nat["NatGatewayAddresses"][0]["PublicIp"], out["Eip"])
        self.assertIn({"Key": "Name", "Value": "nat"}, nat["Tags"])

    def test_the_gateway_endpoint_routes_through_the_private_table(self) -> None:
        self.deploy(RESOURCES, OUTPUTS)
        [s3] = self.ec2.describe_vpc_endpoints(VpcEndpointIds=[self.physical_id("S3Endpoint")])["VpcEndpoints"]
        self.assertEqual(s3["RouteTableIds"], [self.physical_id("PrivateTable")])
        self.assertTrue(any(r.get("GatewayId") == s3["VpcEndpointId"] for r in self.table("PrivateTable")["Routes"]))

    def test_removing_a_route_and_an_association_removes_them(self) -> None:
        self.deploy(RESOURCES, OUTPUTS)
        outputs = {k: v for k, v in OUTPUTS.items() if not k.startswith("Association")}
        self.update({k: v for k, v in RESOURCES.items() if k not in ("DefaultRoute", "PublicAssociation")}, outputs)
        public = self.table("PublicTable")
        self.assertEqual([a for a in public["Associations"] if not a["Main"]], [])
        self.assertNotIn("0.0.0.0/0", [r.get("DestinationCidrBlock") for r in public["Routes"]])

    def test_deleting_the_stack_leaves_nothing_but_deleted_records(self) -> None:
        ec2 = self.ec2
        out = self.deploy(RESOURCES, OUTPUTS)
        self.destroy()
        self.assertEqual(ec2.describe_vpcs(VpcIds=[], Filters=[{"Name": "vpc-id", "Values": [out["Vpc"]]}])["Vpcs"], [])
        self.assertEqual(ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [out["Vpc"]]}])["RouteTables"], [])
        self.assertEqual(ec2.describe_network_acls(Filters=[{"Name": "vpc-id", "Values": [out["Vpc"]]}])["NetworkAcls"], [])
        self.assertEqual(ec2.describe_internet_gateways(Filters=[{"Name": "internet-gateway-id", "Values": [out["Igw"]]}])["InternetGateways"], [])
        self.assertEqual(ec2.describe_addresses(Filters=[{"Name": "public-ip", "Values": [out["Eip"]]}])["Addresses"], [])
        self.assertEqual(ec2.describe_flow_logs()["FlowLogs"], [])
        self.assertEqual(ec2.describe_network_interfaces(Filters=[{"Name": "vpc-id", "Values": [out["Vpc"]]}])["NetworkInterfaces"], [])
        [nat] = ec2.describe_nat_gateways(NatGatewayIds=[out["Nat"]])["NatGateways"]
        self.assertEqual(nat["State"], "deleted")
        endpoints = ec2.describe_vpc_endpoints(Filters=[{"Name": "vpc-id", "Values": [out["Vpc"]]}])["VpcEndpoints"]
        self.assertEqual({e["State"].lower() for e in endpoints}, {"deleted"})


if __name__ == "__main__":
    import unittest

    unittest.main()
