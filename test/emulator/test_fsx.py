from support import StackTestCase

VPC = {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}}


def subnet(cidr: str, zone: str) -> dict:
    return {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": cidr, "AvailabilityZone": zone}}


FILE_SYSTEM = {
    "Type": "AWS::FSx::FileSystem",
    "Properties": {
        "FileSystemType": "WINDOWS",
        "StorageCapacity": "64",
        "StorageType": "SSD",
        "SubnetIds": [{"Ref": "SubnetA"}, {"Ref": "SubnetB"}],
        "KmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/abc",
        "WindowsConfiguration": {
            "ActiveDirectoryId": "d-1234567890",
            "DeploymentType": "MULTI_AZ_1",
            "PreferredSubnetId": {"Ref": "SubnetA"},
            "ThroughputCapacity": "32",
            "AutomaticBackupRetentionDays": "30",
            "CopyTagsToBackups": "true",
            "AuditLogConfiguration": {"FileAccessAuditLogLevel": "FAILURE_ONLY", "FileShareAccessAuditLogLevel": "FAILURE_ONLY"},
        },
        "Tags": [{"Key": "app", "Value": "web"}],
    },
}
OUTPUTS = {
    "Id": {"Value": {"Ref": "FileSystem"}},
    "Dns": {"Value": {"Fn::GetAtt": ["FileSystem", "DNSName"]}},
    "Arn": {"Value": {"Fn::GetAtt": ["FileSystem", "ResourceARN"]}},
}


class FileSystemTest(StackTestCase):
    def resources(self, fs: dict | None = None) -> dict:
        return {
            "Vpc": VPC,
            "SubnetA": subnet("10.0.1.0/24", "us-east-1a"),
            "SubnetB": subnet("10.0.2.0/24", "us-east-1b"),
            "FileSystem": fs or FILE_SYSTEM,
        }

    def test_creates_the_file_system_with_the_templates_properties(self) -> None:
        out = self.deploy(self.resources(), OUTPUTS)
        [fs] = self.client("fsx").describe_file_systems(FileSystemIds=[out["Id"]])["FileSystems"]
        self.assertEqual(fs["FileSystemType"], "WINDOWS")
        self.assertEqual(fs["StorageCapacity"], 64)
        self.assertEqual(fs["SubnetIds"], [self.physical_id("SubnetA"), self.physical_id("SubnetB")])
        windows = fs["WindowsConfiguration"]
        self.assertEqual(windows["DeploymentType"], "MULTI_AZ_1")
        self.assertEqual(windows["ActiveDirectoryId"], "d-1234567890")
        self.assertEqual(windows["PreferredSubnetId"], self.physical_id("SubnetA"))
        self.assertEqual(windows["ThroughputCapacity"], 32)
        self.assertEqual(windows["AutomaticBackupRetentionDays"], 30)
        self.assertIs(windows["CopyTagsToBackups"], True)
        self.assertEqual(fs["KmsKeyId"], "arn:aws:kms:us-east-1:123456789012:key/abc")
        self.assertIn({"Key": "app", "Value": "web"}, fs["Tags"])

    def test_ref_and_getatt_return_the_real_values(self) -> None:
        out = self.deploy(self.resources(), OUTPUTS)
        [fs] = self.client("fsx").describe_file_systems(FileSystemIds=[out["Id"]])["FileSystems"]
        self.assertRegex(out["Id"], r"^fs-[0-9a-f]+$")
        self.assertEqual(out["Dns"], fs["DNSName"])
        self.assertEqual(out["Arn"], fs["ResourceARN"])

    def test_an_update_changes_the_file_system(self) -> None:
        self.deploy(self.resources(), OUTPUTS)
        windows = {**FILE_SYSTEM["Properties"]["WindowsConfiguration"], "ThroughputCapacity": "64"}
        changed = {**FILE_SYSTEM, "Properties": {**FILE_SYSTEM["Properties"], "WindowsConfiguration": windows}}
        self.update(self.resources(changed), OUTPUTS)
        [fs] = self.client("fsx").describe_file_systems()["FileSystems"]
        self.assertEqual(fs["WindowsConfiguration"]["ThroughputCapacity"], 64)

    def test_deleting_the_stack_deletes_the_file_system(self) -> None:
        self.deploy(self.resources(), OUTPUTS)
        self.destroy()
        self.assertEqual(self.client("fsx").describe_file_systems()["FileSystems"], [])


if __name__ == "__main__":
    import unittest

    unittest.main()
