from support import StackTestCase


class InstanceInterfacesTest(StackTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.ec2 = self.client("ec2")
        self.image = self.ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]

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


if __name__ == "__main__":
    import unittest

    unittest.main()
