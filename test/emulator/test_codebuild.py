from typing import Any

from support import StackTestCase

ROLE = {
    "Type": "AWS::IAM::Role",
    "Properties": {
        "AssumeRolePolicyDocument": {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Principal": {"Service": "codebuild.amazonaws.com"}, "Action": "sts:AssumeRole"}],
        }
    },
}
BUILDSPEC = '{"version": "0.2", "phases": {"build": {"commands": ["npx oar check"]}}}'


def project(**changes: Any) -> dict[str, Any]:
    props = {
        "Name": "check",
        "Description": "checks the entry",
        "ServiceRole": {"Fn::GetAtt": ["Role", "Arn"]},
        "Artifacts": {"Type": "CODEPIPELINE"},
        "Source": {"Type": "CODEPIPELINE", "BuildSpec": BUILDSPEC},
        "Environment": {
            "Type": "LINUX_CONTAINER",
            "ComputeType": "BUILD_GENERAL1_SMALL",
            "Image": "public.ecr.aws/docker/library/node:24-bookworm",
            "ImagePullCredentialsType": "SERVICE_ROLE",
            "PrivilegedMode": "false",
            "EnvironmentVariables": [{"Name": "OAR_ENTRY", "Type": "PLAINTEXT", "Value": "private-admin-ssm"}],
        },
        "Cache": {"Type": "S3", "Location": "cache-bucket/check"},
        "LogsConfig": {"CloudWatchLogs": {"Status": "ENABLED", "GroupName": "/oar/check"}},
        "TimeoutInMinutes": "30",
        "QueuedTimeoutInMinutes": 60,
        "Tags": [{"Key": "team", "Value": "platform"}],
        **changes,
    }
    return {"Type": "AWS::CodeBuild::Project", "Properties": props}


OUTPUTS = {
    "Name": {"Value": {"Ref": "Project"}},
    "Arn": {"Value": {"Fn::GetAtt": ["Project", "Arn"]}},
    "Role": {"Value": {"Fn::GetAtt": ["Role", "Arn"]}},
}


class ProjectTest(StackTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.codebuild = self.client("codebuild")

    def get(self, name: str) -> dict[str, Any]:
        [found] = self.codebuild.batch_get_projects(names=[name])["projects"]
        return dict(found)

    def test_the_project_builds_with_the_templates_source_environment_cache_and_logs(self) -> None:
        out = self.deploy({"Role": ROLE, "Project": project()}, OUTPUTS)
        self.assertEqual(out["Name"], "check")
        got = self.get("check")
        self.assertEqual(out["Arn"], got["arn"])
        self.assertEqual(got["description"], "checks the entry")
        self.assertEqual(got["serviceRole"], out["Role"])
        self.assertEqual(got["source"], {"type": "CODEPIPELINE", "buildspec": BUILDSPEC})
        self.assertEqual(got["artifacts"], {"type": "CODEPIPELINE"})
        env = got["environment"]
        self.assertEqual((env["type"], env["computeType"], env["image"]), ("LINUX_CONTAINER", "BUILD_GENERAL1_SMALL", "public.ecr.aws/docker/library/node:24-bookworm"))
        self.assertIs(env["privilegedMode"], False)
        self.assertEqual(env["environmentVariables"], [{"name": "OAR_ENTRY", "type": "PLAINTEXT", "value": "private-admin-ssm"}])
        self.assertEqual(got["cache"], {"type": "S3", "location": "cache-bucket/check"})
        self.assertEqual(got["logsConfig"], {"cloudWatchLogs": {"status": "ENABLED", "groupName": "/oar/check"}})
        self.assertEqual((got["timeoutInMinutes"], got["queuedTimeoutInMinutes"]), (30, 60))
        self.assertEqual(got["tags"], [{"key": "team", "value": "platform"}])

    def test_a_project_without_a_name_gets_one(self) -> None:
        props = project()["Properties"]
        del props["Name"]
        out = self.deploy({"Role": ROLE, "Project": {"Type": "AWS::CodeBuild::Project", "Properties": props}}, OUTPUTS)
        self.assertTrue(out["Name"].startswith("s-Project-"))
        self.assertEqual(self.codebuild.list_projects()["projects"], [out["Name"]])

    def test_updating_the_project_changes_it_under_the_same_name(self) -> None:
        self.deploy({"Role": ROLE, "Project": project()}, OUTPUTS)
        self.update({"Role": ROLE, "Project": project(Description="checks more", TimeoutInMinutes=90)}, OUTPUTS)
        got = self.get("check")
        self.assertEqual((got["description"], got["timeoutInMinutes"]), ("checks more", 90))
        self.assertEqual(self.codebuild.list_projects()["projects"], ["check"])

    def test_renaming_the_project_replaces_it(self) -> None:
        self.deploy({"Role": ROLE, "Project": project()}, OUTPUTS)
        out = self.update({"Role": ROLE, "Project": project(Name="verify")}, OUTPUTS)
        self.assertEqual(out["Name"], "verify")
        self.assertEqual(self.codebuild.list_projects()["projects"], ["verify"])

    def test_deleting_the_stack_deletes_the_project(self) -> None:
        self.deploy({"Role": ROLE, "Project": project()}, OUTPUTS)
        self.destroy()
        self.assertEqual(self.codebuild.list_projects()["projects"], [])


if __name__ == "__main__":
    import unittest

    unittest.main()
