from typing import Any

from support import StackTestCase


def with_props(resource: dict[str, Any], **props: Any) -> dict[str, Any]:
    return {**resource, "Properties": {**resource["Properties"], **props}}


def subnet(cidr: str, zone: str) -> dict[str, Any]:
    return {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": cidr, "AvailabilityZone": zone}}


def role(service: str) -> dict[str, Any]:
    return {
        "Type": "AWS::IAM::Role",
        "Properties": {
            "AssumeRolePolicyDocument": {
                "Statement": [{"Effect": "Allow", "Principal": {"Service": service}, "Action": ["sts:AssumeRole", "sts:TagSession"]}]
            }
        },
    }


BASE = {
    "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
    "SubnetA": subnet("10.0.0.0/19", "us-east-1a"),
    "SubnetB": subnet("10.0.32.0/19", "us-east-1b"),
    "ClusterRole": role("eks.amazonaws.com"),
    "NodeRole": role("ec2.amazonaws.com"),
    "Key": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": True}},
}
CLUSTER = {
    "Type": "AWS::EKS::Cluster",
    "Properties": {
        "Name": "platform",
        "Version": "1.34",
        "RoleArn": {"Fn::GetAtt": ["ClusterRole", "Arn"]},
        "ResourcesVpcConfig": {
            "SubnetIds": [{"Ref": "SubnetA"}, {"Ref": "SubnetB"}],
            "EndpointPrivateAccess": "true",
            "EndpointPublicAccess": True,
            "PublicAccessCidrs": ["203.0.113.0/24"],
        },
        "AccessConfig": {"AuthenticationMode": "API", "BootstrapClusterCreatorAdminPermissions": False},
        "BootstrapSelfManagedAddons": False,
        "ComputeConfig": {
            "Enabled": True,
            "NodePools": ["general-purpose", "system"],
            "NodeRoleArn": {"Fn::GetAtt": ["NodeRole", "Arn"]},
        },
        "KubernetesNetworkConfig": {"IpFamily": "ipv4", "ElasticLoadBalancing": {"Enabled": True}},
        "StorageConfig": {"BlockStorage": {"Enabled": True}},
        "EncryptionConfig": [{"Provider": {"KeyArn": {"Fn::GetAtt": ["Key", "Arn"]}}, "Resources": ["secrets"]}],
        "Logging": {"ClusterLogging": {"EnabledTypes": [{"Type": "api"}, {"Type": "audit"}, {"Type": "authenticator"}]}},
        "UpgradePolicy": {"SupportType": "STANDARD"},
        "ZonalShiftConfig": {"Enabled": True},
        "Tags": [{"Key": "team", "Value": "platform"}],
    },
}
ATTRS = [
    "Arn",
    "CertificateAuthorityData",
    "ClusterSecurityGroupId",
    "EncryptionConfigKeyArn",
    "Endpoint",
    "KubernetesNetworkConfig.ServiceIpv4Cidr",
    "OpenIdConnectIssuerUrl",
]
OUTPUTS = {"Name": {"Value": {"Ref": "Cluster"}}} | {
    a.replace(".", ""): {"Value": {"Fn::GetAtt": ["Cluster", a]}} for a in ATTRS
}


class ClusterTest(StackTestCase):
    def test_creates_the_cluster_with_the_templates_properties(self) -> None:
        out = self.deploy({**BASE, "Cluster": CLUSTER}, OUTPUTS)
        self.assertEqual(out["Name"], "platform")
        cluster = self.client("eks").describe_cluster(name="platform")["cluster"]
        self.assertEqual(cluster["arn"], out["Arn"])
        self.assertEqual(cluster["version"], "1.34")
        self.assertEqual(cluster["roleArn"], self.client("iam").get_role(RoleName=self.physical_id("ClusterRole"))["Role"]["Arn"])
        vpc = cluster["resourcesVpcConfig"]
        self.assertEqual(vpc["subnetIds"], [self.physical_id("SubnetA"), self.physical_id("SubnetB")])
        self.assertEqual([vpc["endpointPrivateAccess"], vpc["endpointPublicAccess"]], [True, True])
        self.assertEqual(vpc["publicAccessCidrs"], ["203.0.113.0/24"])
        self.assertEqual(vpc["vpcId"], self.physical_id("Vpc"))
        self.assertEqual(cluster["accessConfig"], {"authenticationMode": "API"})
        self.assertEqual(cluster["computeConfig"]["nodePools"], ["general-purpose", "system"])
        self.assertTrue(cluster["computeConfig"]["enabled"])
        self.assertEqual(cluster["computeConfig"]["nodeRoleArn"], self.client("iam").get_role(RoleName=self.physical_id("NodeRole"))["Role"]["Arn"])
        self.assertEqual(cluster["kubernetesNetworkConfig"]["elasticLoadBalancing"], {"enabled": True})
        self.assertEqual(cluster["storageConfig"], {"blockStorage": {"enabled": True}})
        self.assertEqual(cluster["upgradePolicy"], {"supportType": "STANDARD"})
        self.assertEqual(cluster["zonalShiftConfig"], {"enabled": True})
        self.assertEqual(cluster["encryptionConfig"][0]["resources"], ["secrets"])
        self.assertEqual(cluster["encryptionConfig"][0]["provider"]["keyArn"], out["EncryptionConfigKeyArn"])
        self.assertIn(":key/", out["EncryptionConfigKeyArn"])
        self.assertEqual(
            cluster["logging"]["clusterLogging"],
            [
                {"types": ["api", "audit", "authenticator"], "enabled": True},
                {"types": ["controllerManager", "scheduler"], "enabled": False},
            ],
        )
        self.assertEqual(cluster["tags"], {"team": "platform"})

    def test_ref_and_getatt_return_the_clusters_values(self) -> None:
        out = self.deploy({**BASE, "Cluster": CLUSTER}, OUTPUTS)
        cluster = self.client("eks").describe_cluster(name="platform")["cluster"]
        self.assertEqual(out["Endpoint"], cluster["endpoint"])
        self.assertEqual(out["CertificateAuthorityData"], cluster["certificateAuthority"]["data"])
        self.assertEqual(out["OpenIdConnectIssuerUrl"], cluster["identity"]["oidc"]["issuer"])
        self.assertEqual(out["KubernetesNetworkConfigServiceIpv4Cidr"], "172.20.0.0/16")
        # EKS creates the cluster security group in the cluster's VPC.
        self.assertEqual(out["ClusterSecurityGroupId"], cluster["resourcesVpcConfig"]["clusterSecurityGroupId"])
        [group] = self.client("ec2").describe_security_groups(GroupIds=[out["ClusterSecurityGroupId"]])["SecurityGroups"]
        self.assertEqual(group["VpcId"], self.physical_id("Vpc"))

    def test_defaults_are_eks_defaults(self) -> None:
        props = {k: v for k, v in CLUSTER["Properties"].items() if k not in ("AccessConfig", "UpgradePolicy", "Logging")}
        props["ResourcesVpcConfig"] = {"SubnetIds": [{"Ref": "SubnetA"}, {"Ref": "SubnetB"}]}
        self.deploy({**BASE, "Cluster": {**CLUSTER, "Properties": props}})
        cluster = self.client("eks").describe_cluster(name="platform")["cluster"]
        self.assertEqual(cluster["accessConfig"], {"authenticationMode": "CONFIG_MAP"})
        self.assertEqual(cluster["upgradePolicy"], {"supportType": "EXTENDED"})
        vpc = cluster["resourcesVpcConfig"]
        self.assertEqual([vpc["endpointPrivateAccess"], vpc["endpointPublicAccess"], vpc["publicAccessCidrs"]], [False, True, ["0.0.0.0/0"]])
        self.assertEqual(cluster["logging"]["clusterLogging"], [{"types": ["api", "audit", "authenticator", "controllerManager", "scheduler"], "enabled": False}])

    def test_updates_the_cluster_in_place(self) -> None:
        self.deploy({**BASE, "Cluster": CLUSTER}, OUTPUTS)
        before = self.client("eks").describe_cluster(name="platform")["cluster"]
        changed = with_props(
            CLUSTER,
            Version="1.35",
            ResourcesVpcConfig={**CLUSTER["Properties"]["ResourcesVpcConfig"], "EndpointPublicAccess": False},
            Logging={"ClusterLogging": {"EnabledTypes": [{"Type": t} for t in ["api", "audit", "authenticator", "controllerManager", "scheduler"]]}},
            ZonalShiftConfig={"Enabled": False},
        )
        self.update({**BASE, "Cluster": changed}, OUTPUTS)
        cluster = self.client("eks").describe_cluster(name="platform")["cluster"]
        self.assertEqual(cluster["arn"], before["arn"])
        self.assertEqual(cluster["version"], "1.35")
        self.assertFalse(cluster["resourcesVpcConfig"]["endpointPublicAccess"])
        self.assertEqual(cluster["resourcesVpcConfig"]["clusterSecurityGroupId"], before["resourcesVpcConfig"]["clusterSecurityGroupId"])
        self.assertEqual(cluster["logging"]["clusterLogging"], [{"types": ["api", "audit", "authenticator", "controllerManager", "scheduler"], "enabled": True}])
        self.assertEqual(cluster["zonalShiftConfig"], {"enabled": False})

    def test_a_new_name_replaces_the_cluster(self) -> None:
        self.deploy({**BASE, "Cluster": CLUSTER})
        self.update({**BASE, "Cluster": with_props(CLUSTER, Name="platform-2")})
        self.assertEqual(self.client("eks").list_clusters()["clusters"], ["platform-2"])

    def test_deleting_the_stack_deletes_the_cluster_and_its_security_group(self) -> None:
        out = self.deploy({**BASE, "Cluster": CLUSTER}, OUTPUTS)
        self.destroy()
        self.assertEqual(self.client("eks").list_clusters()["clusters"], [])
        groups = self.client("ec2").describe_security_groups()["SecurityGroups"]
        self.assertNotIn(out["ClusterSecurityGroupId"], [g["GroupId"] for g in groups])


if __name__ == "__main__":
    import unittest

    unittest.main()
