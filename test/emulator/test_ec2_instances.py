from typing import Any

from support import StackTestCase, amazon_image_id


class InstanceInterfacesTest(StackTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.ec2 = self.client("ec2")
        self.image = amazon_image_id()

    def interfaces(self) -> list[str]:
        return [n["NetworkInterfaceId"] for n in self.ec2.describe_network_interfaces()["NetworkInterfaces"]]

    def test_terminating_an_instance_deletes_the_interface_it_was_launched_with(self) -> None:
        [instance] = self.ec2.run_instances(ImageId=self.image, MinCount=1, MaxCount=1)["Instances"]
        [nic] = instance["NetworkInterfaces"]
        self.assertTrue(nic["Attachment"]["DeleteOnTermination"])
        self.ec2.terminate_instances(InstanceIds=[instance["InstanceId"]])
        self.assertNotIn(nic["NetworkInterfaceId"], self.interfaces())

    def test_an_existing_interface_attached_at_launch_is_kept(self) -> None:
        subnet = self.ec2.describe_subnets()["Subnets"][0]["SubnetId"]
        eni = self.ec2.create_network_interface(SubnetId=subnet)["NetworkInterface"]["NetworkInterfaceId"]
        [instance] = self.ec2.run_instances(
            ImageId=self.image,
            MinCount=1,
            MaxCount=1,
            NetworkInterfaces=[{"DeviceIndex": 0, "NetworkInterfaceId": eni}],
        )["Instances"]
        self.ec2.terminate_instances(InstanceIds=[instance["InstanceId"]])
        self.assertIn(eni, self.interfaces())

    def test_deleting_a_stack_leaves_no_interface_of_its_instance(self) -> None:
        self.deploy({"Instance": {"Type": "AWS::EC2::Instance", "Properties": {"ImageId": self.image}}})
        self.assertEqual(len(self.interfaces()), 1)
        self.destroy()
        self.assertEqual(self.interfaces(), [])


def template(mappings: list[dict[str, Any]], image: str) -> dict[str, Any]:
    return {
        "Type": "AWS::EC2::LaunchTemplate",
        "Properties": {"LaunchTemplateData": {"ImageId": image, "InstanceType": "m6id.large", "BlockDeviceMappings": mappings}},
    }


class BlockDeviceMappingTest(StackTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.ec2 = self.client("ec2")
        self.image = self.ec2.describe_images(ImageIds=[amazon_image_id()])["Images"][0]
        self.root = self.image["RootDeviceName"]
        self.root_size = self.image["BlockDeviceMappings"][0]["Ebs"]["VolumeSize"]

    def launch(self, mappings: list[dict[str, Any]]) -> str:
        """An instance launched (as an Auto Scaling group or Batch does) from a stack's template."""
        self.deploy({"Template": template(mappings, self.image["ImageId"])})
        template_id = self.physical_id("Template")
        [instance] = self.ec2.run_instances(LaunchTemplate={"LaunchTemplateId": template_id}, MinCount=1, MaxCount=1)["Instances"]
        return str(instance["InstanceId"])

    def volumes(self, instance_id: str) -> dict[str, dict[str, Any]]:
        [reservation] = self.ec2.describe_instances(InstanceIds=[instance_id])["Reservations"]
        mappings = reservation["Instances"][0]["BlockDeviceMappings"]
        ids = {m["Ebs"]["VolumeId"]: m["DeviceName"] for m in mappings}
        found = self.ec2.describe_volumes(VolumeIds=list(ids))["Volumes"] if ids else []
        return {ids[v["VolumeId"]]: v for v in found}

    def test_an_ebs_mapping_without_size_takes_the_images_root_size(self) -> None:
        mappings = [{"DeviceName": self.root, "Ebs": {"DeleteOnTermination": True, "Encrypted": True, "VolumeType": "gp3"}}]
        volumes = self.volumes(self.launch(mappings))
        self.assertEqual(list(volumes), [self.root])
        root = volumes[self.root]
        self.assertEqual((root["Size"], root["VolumeType"], root["Encrypted"]), (self.root_size, "gp3", True))

    def test_an_instance_store_mapping_makes_no_volume(self) -> None:
        mappings = [
            {"DeviceName": self.root, "Ebs": {"VolumeSize": 20, "VolumeType": "gp3", "DeleteOnTermination": True}},
            {"DeviceName": "/dev/sdb", "VirtualName": "ephemeral0"},
            {"DeviceName": "/dev/sdc", "NoDevice": ""},
        ]
        volumes = self.volumes(self.launch(mappings))
        self.assertEqual(list(volumes), [self.root])
        self.assertEqual(volumes[self.root]["Size"], 20)

    def test_an_instance_without_mappings_gets_its_images_root_volume(self) -> None:
        self.deploy({"Instance": {"Type": "AWS::EC2::Instance", "Properties": {"ImageId": self.image["ImageId"]}}})
        volumes = self.volumes(self.physical_id("Instance"))
        self.assertEqual([(d, v["Size"]) for d, v in volumes.items()], [(self.root, self.root_size)])

    def test_terminating_deletes_the_launched_volumes(self) -> None:
        mappings = [{"DeviceName": self.root, "Ebs": {"DeleteOnTermination": True}}, {"DeviceName": "/dev/sdf", "Ebs": {"VolumeSize": 5, "DeleteOnTermination": True}}]
        instance = self.launch(mappings)
        self.assertEqual(len(self.ec2.describe_volumes()["Volumes"]), 2)
        self.ec2.terminate_instances(InstanceIds=[instance])
        self.assertEqual(self.ec2.describe_volumes()["Volumes"], [])

    def test_a_failed_launch_leaves_no_instance_interface_or_volume(self) -> None:
        mappings = [{"DeviceName": self.root, "Ebs": {"VolumeSize": 10}}, {"DeviceName": "/dev/sdf", "Ebs": {"VolumeType": "gp3"}}]
        self.deploy({"Template": template(mappings, self.image["ImageId"])})
        template_id = self.physical_id("Template")
        with self.assertRaises(Exception):
            self.ec2.run_instances(LaunchTemplate={"LaunchTemplateId": template_id}, MinCount=1, MaxCount=1)
        self.assertEqual(self.ec2.describe_instances()["Reservations"], [])
        self.assertEqual(self.ec2.describe_network_interfaces()["NetworkInterfaces"], [])
        self.assertEqual(self.ec2.describe_volumes()["Volumes"], [])


if __name__ == "__main__":
    import unittest

    unittest.main()
