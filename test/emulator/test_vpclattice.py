import json
from typing import Any

from support import StackTestCase

POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "vpc-lattice-svcs:Invoke",
            "Resource": "*",
            "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-example"}},
        }
    ],
}


def stack(**overrides: Any) -> dict[str, Any]:
    resources: dict[str, Any] = {
        "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
        "Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": "lattice"}},
        "Network": {
            "Type": "AWS::VpcLattice::ServiceNetwork",
            "Properties": {"Name": "internal", "AuthType": "AWS_IAM", "Tags": [{"Key": "team", "Value": "platform"}]},
        },
        "Service": {"Type": "AWS::VpcLattice::Service", "Properties": {"Name": "orders", "AuthType": "AWS_IAM"}},
        "VpcAssociation": {
            "Type": "AWS::VpcLattice::ServiceNetworkVpcAssociation",
            "Properties": {"ServiceNetworkIdentifier": {"Ref": "Network"}, "VpcIdentifier": {"Ref": "Vpc"}},
        },
        "ServiceAssociation": {
            "Type": "AWS::VpcLattice::ServiceNetworkServiceAssociation",
            "Properties": {
                "ServiceNetworkIdentifier": {"Fn::GetAtt": ["Network", "Id"]},
                "ServiceIdentifier": {"Ref": "Service"},
            },
        },
        "Targets": {
            "Type": "AWS::VpcLattice::TargetGroup",
            "Properties": {
                "Name": "orders-fn",
                "Type": "LAMBDA",
                "Config": {"LambdaEventStructureVersion": "V2"},
                "Targets": [{"Id": "arn:aws:lambda:us-east-1:123456789012:function:orders"}],
            },
        },
        "Listener": {
            "Type": "AWS::VpcLattice::Listener",
            "Properties": {
                "ServiceIdentifier": {"Ref": "Service"},
                "Name": "https",
                "Protocol": "HTTPS",
                "Port": "443",
                "DefaultAction": {"Forward": {"TargetGroups": [{"TargetGroupIdentifier": {"Ref": "Targets"}, "Weight": "100"}]}},
            },
        },
        "NetworkPolicy": {
            "Type": "AWS::VpcLattice::AuthPolicy",
            "Properties": {"ResourceIdentifier": {"Ref": "Network"}, "Policy": POLICY},
        },
        "AccessLogs": {
            "Type": "AWS::VpcLattice::AccessLogSubscription",
            "Properties": {"ResourceIdentifier": {"Ref": "Network"}, "DestinationArn": {"Fn::GetAtt": ["Logs", "Arn"]}},
        },
    }
    resources.update(overrides)
    return resources


OUTPUTS = {
    "Network": {"Value": {"Ref": "Network"}},
    "NetworkId": {"Value": {"Fn::GetAtt": ["Network", "Id"]}},
    "Service": {"Value": {"Ref": "Service"}},
    "ServiceId": {"Value": {"Fn::GetAtt": ["Service", "Id"]}},
    "ServiceDns": {"Value": {"Fn::GetAtt": ["Service", "DnsEntry.DomainName"]}},
    "VpcAssociation": {"Value": {"Ref": "VpcAssociation"}},
    "VpcAssociationVpc": {"Value": {"Fn::GetAtt": ["VpcAssociation", "VpcId"]}},
    "ServiceAssociationService": {"Value": {"Fn::GetAtt": ["ServiceAssociation", "ServiceName"]}},
    "Targets": {"Value": {"Ref": "Targets"}},
    "TargetsId": {"Value": {"Fn::GetAtt": ["Targets", "Id"]}},
    "Listener": {"Value": {"Ref": "Listener"}},
    "ListenerServiceId": {"Value": {"Fn::GetAtt": ["Listener", "ServiceId"]}},
    "PolicyRef": {"Value": {"Ref": "NetworkPolicy"}},
    "PolicyState": {"Value": {"Fn::GetAtt": ["NetworkPolicy", "State"]}},
    "AccessLogsResource": {"Value": {"Fn::GetAtt": ["AccessLogs", "ResourceId"]}},
}


class VpcLatticeTest(StackTestCase):
    def test_creates_the_network_service_associations_listener_targets_policy_and_logs(self) -> None:
        out = self.deploy(stack(), OUTPUTS)
        lattice = self.client("vpc-lattice")
        sn = lattice.get_service_network(serviceNetworkIdentifier=out["NetworkId"])
        self.assertEqual(sn["arn"], out["Network"])
        self.assertEqual(sn["authType"], "AWS_IAM")
        self.assertEqual(lattice.list_tags_for_resource(resourceArn=out["Network"])["tags"], {"team": "platform"})
        service = lattice.get_service(serviceIdentifier=out["ServiceId"])
        self.assertEqual(service["arn"], out["Service"])
        self.assertEqual(service["authType"], "AWS_IAM")
        self.assertEqual(service["dnsEntry"]["domainName"], out["ServiceDns"])
        [vpc] = lattice.list_service_network_vpc_associations(serviceNetworkIdentifier=out["NetworkId"])["items"]
        self.assertEqual(vpc["arn"], out["VpcAssociation"])
        self.assertEqual(out["VpcAssociationVpc"], self.physical_id("Vpc"))
        [sa] = lattice.list_service_network_service_associations(serviceNetworkIdentifier=out["NetworkId"])["items"]
        self.assertEqual(sa["serviceId"], out["ServiceId"])
        self.assertEqual(out["ServiceAssociationService"], "orders")
        targets = lattice.list_targets(targetGroupIdentifier=out["TargetsId"])["items"]
        self.assertEqual([t["id"] for t in targets], ["arn:aws:lambda:us-east-1:123456789012:function:orders"])
        self.assertEqual(lattice.get_target_group(targetGroupIdentifier=out["TargetsId"])["arn"], out["Targets"])
        [listener] = lattice.list_listeners(serviceIdentifier=out["ServiceId"])["items"]
        self.assertEqual(listener["arn"], out["Listener"])
        self.assertEqual(listener["port"], 443)
        self.assertEqual(out["ListenerServiceId"], out["ServiceId"])
        full = lattice.get_listener(serviceIdentifier=out["ServiceId"], listenerIdentifier=listener["id"])
        self.assertEqual(
            full["defaultAction"]["forward"]["targetGroups"], [{"targetGroupIdentifier": out["TargetsId"], "weight": 100}]
        )
        policy = lattice.get_auth_policy(resourceIdentifier=out["NetworkId"])
        self.assertEqual(json.loads(policy["policy"]), POLICY)
        self.assertEqual(out["PolicyRef"], out["Network"])
        self.assertEqual(out["PolicyState"], "Active")
        [logs] = lattice.list_access_log_subscriptions(resourceIdentifier=out["NetworkId"])["items"]
        self.assertEqual(out["AccessLogsResource"], out["NetworkId"])
        self.assertTrue(logs["destinationArn"].endswith(":log-group:lattice:*") or "lattice" in logs["destinationArn"])

    def test_an_update_changes_the_policy_targets_and_auth_type_in_place(self) -> None:
        out = self.deploy(stack(), OUTPUTS)
        tighter = json.loads(json.dumps(POLICY))
        tighter["Statement"][0]["Condition"]["StringEquals"]["aws:PrincipalOrgID"] = "o-other"
        base = stack()
        targets = {**base["Targets"], "Properties": {**base["Targets"]["Properties"], "Targets": [{"Id": "arn:aws:lambda:us-east-1:123456789012:function:orders-v2"}]}}
        service = {**base["Service"], "Properties": {"Name": "orders", "AuthType": "NONE"}}
        after = self.update(
            stack(
                NetworkPolicy={**base["NetworkPolicy"], "Properties": {"ResourceIdentifier": {"Ref": "Network"}, "Policy": tighter}},
                Targets=targets,
                Service=service,
            ),
            OUTPUTS,
        )
        self.assertEqual(after["Network"], out["Network"])
        self.assertEqual(after["TargetsId"], out["TargetsId"])
        lattice = self.client("vpc-lattice")
        policy = json.loads(lattice.get_auth_policy(resourceIdentifier=out["NetworkId"])["policy"])
        self.assertEqual(policy["Statement"][0]["Condition"]["StringEquals"]["aws:PrincipalOrgID"], "o-other")
        targets_now = lattice.list_targets(targetGroupIdentifier=out["TargetsId"])["items"]
        self.assertEqual([t["id"] for t in targets_now], ["arn:aws:lambda:us-east-1:123456789012:function:orders-v2"])
        self.assertEqual(lattice.get_service(serviceIdentifier=out["ServiceId"])["authType"], "NONE")

    def test_a_network_with_associations_and_a_target_group_in_use_cannot_be_deleted(self) -> None:
        out = self.deploy(stack(), OUTPUTS)
        lattice = self.client("vpc-lattice")
        with self.assertRaises(Exception) as network:
            lattice.delete_service_network(serviceNetworkIdentifier=out["NetworkId"])
        self.assertIn("ConflictException", str(network.exception))
        with self.assertRaises(Exception) as group:
            lattice.delete_target_group(targetGroupIdentifier=out["TargetsId"])
        self.assertIn("ConflictException", str(group.exception))

    def test_deleting_the_stack_removes_everything(self) -> None:
        self.deploy(stack(), OUTPUTS)
        self.destroy()
        lattice = self.client("vpc-lattice")
        self.assertEqual(lattice.list_service_networks()["items"], [])
        self.assertEqual(lattice.list_services()["items"], [])
        self.assertEqual(lattice.list_target_groups()["items"], [])
        self.assertEqual(lattice.list_service_network_vpc_associations()["items"], [])
        self.assertEqual(lattice.list_service_network_service_associations()["items"], [])
