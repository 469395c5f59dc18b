from support import StackTestCase

ROLE = {
    "Type": "AWS::IAM::Role",
    "Properties": {
        "AssumeRolePolicyDocument": {
            "Version": "2012-10-17",
            "Statement": [
                {"Effect": "Allow", "Principal": {"Service": "transfer.amazonaws.com"}, "Action": "sts:AssumeRole"}
            ],
        }
    },
}
SERVER = {
    "Type": "AWS::Transfer::Server",
    "Properties": {
        "Domain": "S3",
        "EndpointType": "VPC",
        "EndpointDetails": {"VpcId": "vpc-12345678", "SubnetIds": ["subnet-1", "subnet-2"], "SecurityGroupIds": ["sg-1"]},
        "IdentityProviderType": "SERVICE_MANAGED",
        "Protocols": ["SFTP"],
        "SecurityPolicyName": "TransferSecurityPolicy-2024-01",
        "LoggingRole": {"Fn::GetAtt": ["Role", "Arn"]},
        "StructuredLogDestinations": ["arn:aws:logs:us-east-1:123456789012:log-group:/aws/transfer/x"],
        "S3StorageOptions": {"DirectoryListingOptimization": "ENABLED"},
        "Tags": [{"Key": "team", "Value": "b2b"}],
    },
}
USER = {
    "Type": "AWS::Transfer::User",
    "Properties": {
        "ServerId": {"Fn::GetAtt": ["Server", "ServerId"]},
        "UserName": "acme",
        "Role": {"Fn::GetAtt": ["Role", "Arn"]},
        "HomeDirectoryType": "LOGICAL",
        "HomeDirectoryMappings": [{"Entry": "/inbox", "Target": "/bucket/incoming/acme", "Type": "DIRECTORY"}],
        "SshPublicKeys": ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK acme", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIL acme2"],
    },
}
OUTPUTS = {
    "ServerRef": {"Value": {"Ref": "Server"}},
    "ServerArn": {"Value": {"Fn::GetAtt": ["Server", "Arn"]}},
    "ServerId": {"Value": {"Fn::GetAtt": ["Server", "ServerId"]}},
    "State": {"Value": {"Fn::GetAtt": ["Server", "State"]}},
    "UserRef": {"Value": {"Ref": "User"}},
    "UserArn": {"Value": {"Fn::GetAtt": ["User", "Arn"]}},
    "UserServerId": {"Value": {"Fn::GetAtt": ["User", "ServerId"]}},
    "UserName": {"Value": {"Fn::GetAtt": ["User", "UserName"]}},
}


class TransferTest(StackTestCase):
    def resources(self, user: dict | None = None) -> dict:
        return {"Role": ROLE, "Server": SERVER, "User": user or USER}

    def test_creates_the_server_with_the_templates_properties(self) -> None:
        out = self.deploy(self.resources(), OUTPUTS)
        server = self.client("transfer").describe_server(ServerId=out["ServerId"])["Server"]
        self.assertEqual(server["Arn"], out["ServerArn"])
        self.assertEqual(server["EndpointType"], "VPC")
        self.assertEqual(server["EndpointDetails"]["SubnetIds"], ["subnet-1", "subnet-2"])
        self.assertEqual(server["IdentityProviderType"], "SERVICE_MANAGED")
        self.assertEqual(server["Protocols"], ["SFTP"])
        self.assertEqual(server["SecurityPolicyName"], "TransferSecurityPolicy-2024-01")
        self.assertEqual(server["LoggingRole"], self.client("iam").list_roles()["Roles"][0]["Arn"])
        self.assertEqual(server["StructuredLogDestinations"], SERVER["Properties"]["StructuredLogDestinations"])
        self.assertEqual(server["Tags"], [{"Key": "team", "Value": "b2b"}])

    def test_ref_and_getatt_return_the_real_values(self) -> None:
        out = self.deploy(self.resources(), OUTPUTS)
        self.assertRegex(out["ServerId"], r"^s-[0-9a-f]{17}$")
        self.assertEqual(out["ServerRef"], f"arn:aws:transfer:us-east-1:123456789012:server/{out['ServerId']}")
        self.assertEqual(out["ServerArn"], out["ServerRef"])
        self.assertEqual(out["State"], "ONLINE")
        self.assertEqual(out["UserRef"], f"arn:aws:transfer:us-east-1:123456789012:user/{out['ServerId']}/acme")
        self.assertEqual(out["UserArn"], out["UserRef"])
        self.assertEqual(out["UserServerId"], out["ServerId"])
        self.assertEqual(out["UserName"], "acme")

    def test_creates_the_user_with_a_logical_home_and_every_key(self) -> None:
        out = self.deploy(self.resources(), OUTPUTS)
        user = self.client("transfer").describe_user(ServerId=out["ServerId"], UserName="acme")["User"]
        self.assertEqual(user["HomeDirectoryType"], "LOGICAL")
        self.assertEqual(
            user["HomeDirectoryMappings"], [{"Entry": "/inbox", "Target": "/bucket/incoming/acme", "Type": "DIRECTORY"}]
        )
        self.assertEqual(sorted(k["SshPublicKeyBody"] for k in user["SshPublicKeys"]), sorted(USER["Properties"]["SshPublicKeys"]))

    def test_an_update_changes_the_user(self) -> None:
        out = self.deploy(self.resources(), OUTPUTS)
        mappings = [{"Entry": "/inbox", "Target": "/bucket/incoming/acme-2", "Type": "DIRECTORY"}]
        changed = {**USER, "Properties": {**USER["Properties"], "HomeDirectoryMappings": mappings}}
        self.update(self.resources(changed), OUTPUTS)
        user = self.client("transfer").describe_user(ServerId=out["ServerId"], UserName="acme")["User"]
        self.assertEqual(user["HomeDirectoryMappings"][0]["Target"], "/bucket/incoming/acme-2")
        self.assertEqual(self.client("transfer").describe_server(ServerId=out["ServerId"])["Server"]["UserCount"], 1)

    def test_deleting_the_stack_deletes_the_server_and_user(self) -> None:
        self.deploy(self.resources(), OUTPUTS)
        self.destroy()
        self.assertEqual(self.client("transfer").list_servers()["Servers"], [])


if __name__ == "__main__":
    import unittest

    unittest.main()
