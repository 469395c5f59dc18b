from typing import Any

from support import StackTestCase

ROLE = {
    "Type": "AWS::IAM::Role",
    "Properties": {
        "AssumeRolePolicyDocument": {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Principal": {"Service": "codepipeline.amazonaws.com"}, "Action": "sts:AssumeRole"}],
        }
    },
}
KEY = "arn:aws:kms:us-east-1:123456789012:key/pipeline"


def source_stage() -> dict[str, Any]:
    return {
        "Name": "Source",
        "Actions": [
            {
                "Name": "S3",
                "ActionTypeId": {"Category": "Source", "Owner": "AWS", "Provider": "S3", "Version": "1"},
                "Configuration": {"S3Bucket": "source-bucket", "S3ObjectKey": "source.zip", "PollForSourceChanges": False},
                "OutputArtifacts": [{"Name": "Source"}],
                "Namespace": "SourceVariables",
                "RunOrder": "1",
            }
        ],
    }


def build_stage(name: str = "Check") -> dict[str, Any]:
    return {
        "Name": name,
        "Actions": [
            {
                "Name": "Build",
                "ActionTypeId": {"Category": "Build", "Owner": "AWS", "Provider": "CodeBuild", "Version": "1"},
                "Configuration": {"ProjectName": "check", "EnvironmentVariables": '[{"name":"OAR_ENV","value":"staging"}]'},
                "InputArtifacts": [{"Name": "Source"}],
                "RunOrder": 1,
            }
        ],
    }


def pipeline(**changes: Any) -> dict[str, Any]:
    props = {
        "Name": "catalogue",
        "RoleArn": {"Fn::GetAtt": ["Role", "Arn"]},
        "PipelineType": "V2",
        "ExecutionMode": "SUPERSEDED",
        "RestartExecutionOnUpdate": False,
        "ArtifactStore": {"Type": "S3", "Location": "artifacts-bucket", "EncryptionKey": {"Id": KEY, "Type": "KMS"}},
        "Stages": [source_stage(), build_stage()],
        "Tags": [{"Key": "team", "Value": "platform"}],
        **changes,
    }
    return {"Type": "AWS::CodePipeline::Pipeline", "Properties": props}


OUTPUTS = {
    "Name": {"Value": {"Ref": "Pipeline"}},
    "Version": {"Value": {"Fn::GetAtt": ["Pipeline", "Version"]}},
    "Arn": {"Value": {"Fn::GetAtt": ["Pipeline", "Arn"]}},
    "Role": {"Value": {"Fn::GetAtt": ["Role", "Arn"]}},
}


class PipelineTest(StackTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.codepipeline = self.client("codepipeline")

    def test_the_pipeline_has_the_templates_stages_actions_and_artifact_store(self) -> None:
        out = self.deploy({"Role": ROLE, "Pipeline": pipeline()}, OUTPUTS)
        self.assertEqual(out["Name"], "catalogue")
        got = self.codepipeline.get_pipeline(name="catalogue")
        spec = got["pipeline"]
        self.assertEqual(out["Arn"], got["metadata"]["pipelineArn"])
        self.assertEqual(out["Version"], "1")
        self.assertEqual(spec["roleArn"], out["Role"])
        self.assertEqual((spec["pipelineType"], spec["executionMode"]), ("V2", "SUPERSEDED"))
        self.assertEqual(spec["artifactStore"], {"type": "S3", "location": "artifacts-bucket", "encryptionKey": {"id": KEY, "type": "KMS"}})
        self.assertEqual([s["name"] for s in spec["stages"]], ["Source", "Check"])
        [source] = spec["stages"][0]["actions"]
        self.assertEqual(source["actionTypeId"], {"category": "Source", "owner": "AWS", "provider": "S3", "version": "1"})
        self.assertEqual(source["configuration"], {"S3Bucket": "source-bucket", "S3ObjectKey": "source.zip", "PollForSourceChanges": "false"})
        self.assertEqual((source["outputArtifacts"], source["namespace"], source["runOrder"]), ([{"name": "Source"}], "SourceVariables", 1))
        [build] = spec["stages"][1]["actions"]
        self.assertEqual(build["inputArtifacts"], [{"name": "Source"}])
        self.assertEqual(build["configuration"]["ProjectName"], "check")
        tags = self.codepipeline.list_tags_for_resource(resourceArn=out["Arn"])["tags"]
        self.assertEqual(tags, [{"key": "team", "value": "platform"}])

    def test_updating_the_pipeline_changes_it_in_place_and_raises_its_version(self) -> None:
        self.deploy({"Role": ROLE, "Pipeline": pipeline()}, OUTPUTS)
        stages = [source_stage(), build_stage(), build_stage("Deploy")]
        out = self.update({"Role": ROLE, "Pipeline": pipeline(Stages=stages, Tags=[{"Key": "team", "Value": "delivery"}])}, OUTPUTS)
        spec = self.codepipeline.get_pipeline(name="catalogue")["pipeline"]
        self.assertEqual([s["name"] for s in spec["stages"]], ["Source", "Check", "Deploy"])
        self.assertEqual(out["Version"], "2")
        tags = self.codepipeline.list_tags_for_resource(resourceArn=out["Arn"])["tags"]
        self.assertEqual(tags, [{"key": "team", "value": "delivery"}])

    def test_renaming_the_pipeline_replaces_it(self) -> None:
        self.deploy({"Role": ROLE, "Pipeline": pipeline()}, OUTPUTS)
        self.update({"Role": ROLE, "Pipeline": pipeline(Name="renamed")}, OUTPUTS)
        self.assertEqual([p["name"] for p in self.codepipeline.list_pipelines()["pipelines"]], ["renamed"])

    def test_deleting_the_stack_deletes_the_pipeline(self) -> None:
        self.deploy({"Role": ROLE, "Pipeline": pipeline()}, OUTPUTS)
        self.destroy()
        self.assertEqual(self.codepipeline.list_pipelines()["pipelines"], [])


if __name__ == "__main__":
    import unittest

    unittest.main()
