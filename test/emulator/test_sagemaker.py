import json

from support import StackTestCase

ROLE = "arn:aws:iam::123456789012:role/pipeline"
DEFINITION = {"Version": "2020-12-01", "Parameters": [], "Steps": []}


def pipeline(description: str = "trains and registers") -> dict:
    return {
        "Type": "AWS::SageMaker::Pipeline",
        "Properties": {
            "PipelineName": "train-register",
            "PipelineDisplayName": "train-register",
            "PipelineDescription": description,
            "RoleArn": ROLE,
            "PipelineDefinition": {"PipelineDefinitionBody": json.dumps(DEFINITION)},
            "ParallelismConfiguration": {"MaxParallelExecutionSteps": "2"},
        },
    }


def group(name: str = "churn-models") -> dict:
    return {
        "Type": "AWS::SageMaker::ModelPackageGroup",
        "Properties": {"ModelPackageGroupName": name, "ModelPackageGroupDescription": "churn classifiers"},
    }


OUTPUTS = {
    "PipelineRef": {"Value": {"Ref": "Pipeline"}},
    "GroupRef": {"Value": {"Ref": "Group"}},
    "GroupArn": {"Value": {"Fn::GetAtt": ["Group", "ModelPackageGroupArn"]}},
    "GroupStatus": {"Value": {"Fn::GetAtt": ["Group", "ModelPackageGroupStatus"]}},
    "GroupCreated": {"Value": {"Fn::GetAtt": ["Group", "CreationTime"]}},
}


SERVING = {
    "Model": {
        "Type": "AWS::SageMaker::Model",
        "Properties": {"ModelName": "churn", "ExecutionRoleArn": ROLE, "PrimaryContainer": {"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/xgb:1"}},
    },
    "Config": {
        "Type": "AWS::SageMaker::EndpointConfig",
        "Properties": {
            "EndpointConfigName": "churn-config",
            "ProductionVariants": [{"VariantName": "AllTraffic", "ModelName": {"Fn::GetAtt": ["Model", "ModelName"]}, "InitialInstanceCount": 2, "InstanceType": "ml.m5.large", "InitialVariantWeight": 1}],
            "DataCaptureConfig": {"EnableCapture": True, "InitialSamplingPercentage": 20, "DestinationS3Uri": "s3://b/capture", "CaptureOptions": [{"CaptureMode": "Input"}]},
        },
    },
    "Endpoint": {"Type": "AWS::SageMaker::Endpoint", "Properties": {"EndpointName": "churn", "EndpointConfigName": {"Fn::GetAtt": ["Config", "EndpointConfigName"]}}},
}


class SageMakerTest(StackTestCase):
    def test_endpoint_config_and_model_take_the_names_the_template_gives(self) -> None:
        out = self.deploy(SERVING, {"Endpoint": {"Value": {"Fn::GetAtt": ["Endpoint", "EndpointName"]}}})
        sm = self.client("sagemaker")
        self.assertEqual(out["Endpoint"], "churn")
        endpoint = sm.describe_endpoint(EndpointName="churn")
        self.assertEqual(endpoint["EndpointConfigName"], "churn-config")
        config = sm.describe_endpoint_config(EndpointConfigName="churn-config")
        self.assertEqual(config["ProductionVariants"][0]["ModelName"], "churn")
        self.assertEqual(config["DataCaptureConfig"]["InitialSamplingPercentage"], 20)
        self.destroy()
        self.assertEqual(sm.list_endpoints()["Endpoints"], [])


    def test_creates_the_pipeline_and_the_model_package_group_with_the_templates_properties(self) -> None:
        out = self.deploy({"Pipeline": pipeline(), "Group": group()}, OUTPUTS)
        sm = self.client("sagemaker")
        p = sm.describe_pipeline(PipelineName=out["PipelineRef"])
        self.assertEqual(out["PipelineRef"], "train-register")
        self.assertEqual((p["RoleArn"], p["PipelineDescription"]), (ROLE, "trains and registers"))
        self.assertEqual(json.loads(p["PipelineDefinition"]), DEFINITION)
        self.assertEqual(p["ParallelismConfiguration"], {"MaxParallelExecutionSteps": 2})
        g = sm.describe_model_package_group(ModelPackageGroupName="churn-models")
        self.assertEqual(out["GroupRef"], g["ModelPackageGroupArn"])
        self.assertEqual(out["GroupArn"], "arn:aws:sagemaker:us-east-1:123456789012:model-package-group/churn-models")
        self.assertEqual((out["GroupStatus"], g["ModelPackageGroupDescription"]), ("Completed", "churn classifiers"))
        self.assertRegex(out["GroupCreated"], r"^\d{4}-\d\d-\d\dT")

    def test_updates_the_pipeline_in_place_and_replaces_a_renamed_group(self) -> None:
        out = self.deploy({"Pipeline": pipeline(), "Group": group()}, OUTPUTS)
        out2 = self.update({"Pipeline": pipeline("retrains weekly"), "Group": group("churn-models-v2")}, OUTPUTS)
        sm = self.client("sagemaker")
        self.assertEqual(out2["PipelineRef"], out["PipelineRef"])
        self.assertEqual(sm.describe_pipeline(PipelineName="train-register")["PipelineDescription"], "retrains weekly")
        self.assertTrue(out2["GroupArn"].endswith("/churn-models-v2"))
        names = [g["ModelPackageGroupName"] for g in sm.list_model_package_groups()["ModelPackageGroupSummaryList"]]
        self.assertEqual(names, ["churn-models-v2"])

    def test_deleting_the_stack_removes_both(self) -> None:
        self.deploy({"Pipeline": pipeline(), "Group": group()}, OUTPUTS)
        self.destroy()
        sm = self.client("sagemaker")
        self.assertEqual(sm.list_pipelines()["PipelineSummaries"], [])
        self.assertEqual(sm.list_model_package_groups()["ModelPackageGroupSummaryList"], [])

    def test_delete_model_package_group_through_the_api(self) -> None:
        sm = self.client("sagemaker")
        sm.create_model_package_group(ModelPackageGroupName="scratch")
        sm.delete_model_package_group(ModelPackageGroupName="scratch")
        self.assertEqual(sm.list_model_package_groups()["ModelPackageGroupSummaryList"], [])
        with self.assertRaises(sm.exceptions.ClientError):
            sm.delete_model_package_group(ModelPackageGroupName="scratch")
