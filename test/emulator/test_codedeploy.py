from typing import Any

from moto.codedeploy.models import codedeploy_backends
from support import REGION, StackTestCase

ACCOUNT = "123456789012"
ROLE = "arn:aws:iam::123456789012:role/codedeploy"
APPLICATION = {
    "Type": "AWS::CodeDeploy::Application",
    "Properties": {"ComputePlatform": "Lambda", "Tags": [{"Key": "team", "Value": "items"}]},
}


def group(**changes: Any) -> dict[str, Any]:
    props = {
        "ApplicationName": {"Ref": "Application"},
        "ServiceRoleArn": ROLE,
        "DeploymentConfigName": "CodeDeployDefault.LambdaCanary10Percent10Minutes",
        "DeploymentStyle": {"DeploymentType": "BLUE_GREEN", "DeploymentOption": "WITH_TRAFFIC_CONTROL"},
        "AutoRollbackConfiguration": {"Enabled": "true", "Events": ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"]},
        "AlarmConfiguration": {"Enabled": True, "Alarms": [{"Name": "errors"}]},
        **changes,
    }
    return {"Type": "AWS::CodeDeploy::DeploymentGroup", "Properties": props}


OUTPUTS = {"Application": {"Value": {"Ref": "Application"}}, "Group": {"Value": {"Ref": "Group"}}}


class CodeDeployTest(StackTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.codedeploy = self.client("codedeploy")

    def arn(self, name: str) -> str:
        return f"arn:aws:codedeploy:{REGION}:{ACCOUNT}:application:{name}"

    def test_the_application_is_a_lambda_application_with_the_templates_tags(self) -> None:
        out = self.deploy({"Application": APPLICATION}, {"Application": OUTPUTS["Application"]})
        app = self.codedeploy.get_application(applicationName=out["Application"])["application"]
        self.assertEqual(app["computePlatform"], "Lambda")
        self.assertTrue(out["Application"].startswith("s-Application-"))
        tags = self.codedeploy.list_tags_for_resource(ResourceArn=self.arn(out["Application"]))["Tags"]
        self.assertEqual(tags, [{"Key": "team", "Value": "items"}])

    def test_the_application_takes_its_name_from_the_template(self) -> None:
        named = {"Type": "AWS::CodeDeploy::Application", "Properties": {"ApplicationName": "items", "ComputePlatform": "Lambda"}}
        out = self.deploy({"Application": named}, {"Application": OUTPUTS["Application"]})
        self.assertEqual(out["Application"], "items")
        self.assertEqual(self.codedeploy.list_applications()["applications"], ["items"])

    def test_the_group_shifts_traffic_with_the_templates_config_and_rolls_back(self) -> None:
        out = self.deploy({"Application": APPLICATION, "Group": group()}, OUTPUTS)
        info = self.codedeploy.get_deployment_group(applicationName=out["Application"], deploymentGroupName=out["Group"])["deploymentGroupInfo"]
        self.assertEqual(info["deploymentConfigName"], "CodeDeployDefault.LambdaCanary10Percent10Minutes")
        self.assertEqual(info["computePlatform"], "Lambda")
        self.assertEqual(info["serviceRoleArn"], ROLE)
        self.assertEqual(info["deploymentStyle"], {"deploymentType": "BLUE_GREEN", "deploymentOption": "WITH_TRAFFIC_CONTROL"})
        self.assertEqual(info["autoRollbackConfiguration"], {"enabled": True, "events": ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"]})
        # moto's GetDeploymentGroup answers alarmConfiguration {} (a TODO there): read its backend.
        stored = codedeploy_backends[ACCOUNT][REGION].deployment_groups[out["Application"]][out["Group"]]
        self.assertEqual(stored.alarm_configuration, {"alarms": [{"name": "errors"}], "enabled": True, "ignorePollAlarmFailure": False})

    def test_updating_the_group_changes_its_config_under_the_same_name(self) -> None:
        out = self.deploy({"Application": APPLICATION, "Group": group()}, OUTPUTS)
        after = self.update({"Application": APPLICATION, "Group": group(DeploymentConfigName="CodeDeployDefault.LambdaAllAtOnce")}, OUTPUTS)
        self.assertEqual(after["Group"], out["Group"])
        info = self.codedeploy.get_deployment_group(applicationName=out["Application"], deploymentGroupName=out["Group"])["deploymentGroupInfo"]
        self.assertEqual(info["deploymentConfigName"], "CodeDeployDefault.LambdaAllAtOnce")

    def test_updating_the_applications_tags_keeps_the_application(self) -> None:
        out = self.deploy({"Application": APPLICATION, "Group": group()}, OUTPUTS)
        retagged = {"Type": "AWS::CodeDeploy::Application", "Properties": {"ComputePlatform": "Lambda", "Tags": [{"Key": "team", "Value": "api"}]}}
        self.update({"Application": retagged, "Group": group()}, OUTPUTS)
        tags = self.codedeploy.list_tags_for_resource(ResourceArn=self.arn(out["Application"]))["Tags"]
        self.assertEqual(tags, [{"Key": "team", "Value": "api"}])
        self.assertEqual(self.codedeploy.list_deployment_groups(applicationName=out["Application"])["deploymentGroups"], [out["Group"]])

    def test_removing_the_group_deletes_it(self) -> None:
        out = self.deploy({"Application": APPLICATION, "Group": group()}, OUTPUTS)
        self.update({"Application": APPLICATION})
        self.assertEqual(self.codedeploy.list_deployment_groups(applicationName=out["Application"])["deploymentGroups"], [])

    def test_deleting_the_stack_deletes_application_and_group(self) -> None:
        out = self.deploy({"Application": APPLICATION, "Group": group()}, OUTPUTS)
        self.destroy()
        self.assertEqual(self.codedeploy.list_applications()["applications"], [])
        with self.assertRaises(self.codedeploy.exceptions.ApplicationDoesNotExistException):
            self.codedeploy.get_deployment_group(applicationName=out["Application"], deploymentGroupName=out["Group"])
        self.assertEqual(self.codedeploy.list_tags_for_resource(ResourceArn=self.arn(out["Application"]))["Tags"], [])


if __name__ == "__main__":
    import unittest

    unittest.main()
