from support import StackTestCase

VPC = {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}}


def subnet(cidr: str, zone: str) -> dict:
    return {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": cidr, "AvailabilityZone": zone}}


SECRET = {
    "Type": "AWS::SecretsManager::Secret",
    "Properties": {
        "GenerateSecretString": {
            "SecretStringTemplate": '{"username":"Admin"}',
            "GenerateStringKey": "password",
            "ExcludeCharacters": "\"'\\/@ ",
            "PasswordLength": 32,
        }
    },
}
DIRECTORY = {
    "Type": "AWS::DirectoryService::MicrosoftAD",
    "Properties": {
        "Name": "corp.example.com",
        "ShortName": "CORP",
        "Edition": "Standard",
        "Password": {"Fn::Join": ["", ["{{resolve:secretsmanager:", {"Ref": "Secret"}, ":SecretString:password::}}"]]},
        "VpcSettings": {"VpcId": {"Ref": "Vpc"}, "SubnetIds": [{"Ref": "SubnetA"}, {"Ref": "SubnetB"}]},
    },
}
OUTPUTS = {
    "Id": {"Value": {"Ref": "Directory"}},
    "Alias": {"Value": {"Fn::GetAtt": ["Directory", "Alias"]}},
    "Dns": {"Value": {"Fn::Join": [",", {"Fn::GetAtt": ["Directory", "DnsIpAddresses"]}]}},
}


class MicrosoftADTest(StackTestCase):
    def resources(self, directory: dict | None = None) -> dict:
        return {
            "Vpc": VPC,
            "SubnetA": subnet("10.0.1.0/24", "us-east-1a"),
            "SubnetB": subnet("10.0.2.0/24", "us-east-1b"),
            "Secret": SECRET,
            "Directory": directory or DIRECTORY,
        }

    def test_creates_the_directory_with_the_templates_properties(self) -> None:
        out = self.deploy(self.resources(), OUTPUTS)
        [d] = self.client("ds").describe_directories(DirectoryIds=[out["Id"]])["DirectoryDescriptions"]
        self.assertEqual(d["Type"], "MicrosoftAD")
        self.assertEqual(d["Name"], "corp.example.com")
        self.assertEqual(d["ShortName"], "CORP")
        self.assertEqual(d["Edition"], "Standard")
        self.assertEqual(d["VpcSettings"]["VpcId"], self.physical_id("Vpc"))
        self.assertEqual(sorted(d["VpcSettings"]["SubnetIds"]), sorted([self.physical_id("SubnetA"), self.physical_id("SubnetB")]))

    def test_ref_and_getatt_return_the_real_values(self) -> None:
        out = self.deploy(self.resources(), OUTPUTS)
        self.assertRegex(out["Id"], r"^d-[0-9a-f]{10}$")
        [d] = self.client("ds").describe_directories(DirectoryIds=[out["Id"]])["DirectoryDescriptions"]
        self.assertEqual(out["Alias"], d["Alias"])
        self.assertEqual(out["Dns"].split(","), d["DnsIpAddrs"])
        self.assertEqual(len(d["DnsIpAddrs"]), 2)

    def test_the_password_is_the_secrets_value_not_the_reference(self) -> None:
        from moto.ds.models import ds_backends
        from moto.core import DEFAULT_ACCOUNT_ID

        out = self.deploy(self.resources(), OUTPUTS)
        secret = self.client("secretsmanager").get_secret_value(SecretId=self.physical_id("Secret"))
        import json

        password = json.loads(secret["SecretString"])["password"]
        self.assertEqual(ds_backends[DEFAULT_ACCOUNT_ID]["us-east-1"].directories[out["Id"]].password, password)

    def test_an_update_replaces_the_directory(self) -> None:
        out = self.deploy(self.resources(), OUTPUTS)
        changed = {**DIRECTORY, "Properties": {**DIRECTORY["Properties"], "Edition": "Enterprise"}}
        new = self.update(self.resources(changed), OUTPUTS)
        ds = self.client("ds")
        self.assertEqual([d["DirectoryId"] for d in ds.describe_directories()["DirectoryDescriptions"]], [new["Id"]])
        self.assertNotEqual(new["Id"], out["Id"])
        self.assertEqual(ds.describe_directories()["DirectoryDescriptions"][0]["Edition"], "Enterprise")

    def test_deleting_the_stack_deletes_the_directory_and_its_network_interfaces(self) -> None:
        self.deploy(self.resources(), OUTPUTS)
        self.destroy()
        self.assertEqual(self.client("ds").describe_directories()["DirectoryDescriptions"], [])
        self.assertEqual(self.client("ec2").describe_network_interfaces()["NetworkInterfaces"], [])


if __name__ == "__main__":
    import unittest

    unittest.main()
