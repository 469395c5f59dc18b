import json

from support import StackTestCase


class ChangeSetTest(StackTestCase):
    def test_deleting_a_change_set_that_does_not_exist_succeeds_as_in_aws(self) -> None:
        self.deploy({"Topic": {"Type": "AWS::SNS::Topic"}})
        self.cfn.delete_change_set(StackName="s", ChangeSetName="cdk-diff-change-set-none")

    def test_deleting_a_change_set_that_exists_deletes_it(self) -> None:
        self.deploy({"Topic": {"Type": "AWS::SNS::Topic"}})
        body = json.dumps({"Resources": {"Topic": {"Type": "AWS::SNS::Topic"}, "Queue": {"Type": "AWS::SQS::Queue"}}})
        self.cfn.create_change_set(StackName="s", ChangeSetName="c", TemplateBody=body, ChangeSetType="UPDATE")
        self.assertEqual(len(self.cfn.list_change_sets(StackName="s")["Summaries"]), 1)
        self.cfn.delete_change_set(StackName="s", ChangeSetName="c")
        self.assertEqual(self.cfn.list_change_sets(StackName="s")["Summaries"], [])

    def test_describing_a_change_set_that_does_not_exist_is_change_set_not_found(self) -> None:
        self.deploy({"Topic": {"Type": "AWS::SNS::Topic"}})
        with self.assertRaises(self.cfn.exceptions.ChangeSetNotFoundException):
            self.cfn.describe_change_set(StackName="s", ChangeSetName="gone")

    def test_a_stack_a_change_set_creates_has_the_outputs_of_its_template(self) -> None:
        body = json.dumps(
            {
                "Description": "made by a change set",
                "Resources": {"Topic": {"Type": "AWS::SNS::Topic"}},
                "Outputs": {"TopicArn": {"Value": {"Ref": "Topic"}}},
            }
        )
        self.cfn.create_change_set(StackName="cs", ChangeSetName="c", TemplateBody=body, ChangeSetType="CREATE")
        self.cfn.execute_change_set(StackName="cs", ChangeSetName="c")
        [stack] = self.cfn.describe_stacks(StackName="cs")["Stacks"]
        [topic] = self.client("sns").list_topics()["Topics"]
        self.assertEqual(stack["Outputs"][0]["OutputValue"], topic["TopicArn"])
        self.assertEqual(stack["Description"], "made by a change set")

    def test_a_change_set_creates_resources_after_those_they_depend_on(self) -> None:
        # Listed before the method it DependsOn: API Gateway refuses a deployment of an API without methods.
        body = json.dumps(
            {
                "Resources": {
                    "Deployment": {
                        "Type": "AWS::ApiGateway::Deployment",
                        "DependsOn": ["Method"],
                        "Properties": {"RestApiId": {"Ref": "Api"}},
                    },
                    "Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "api"}},
                    "Method": {
                        "Type": "AWS::ApiGateway::Method",
                        "Properties": {
                            "RestApiId": {"Ref": "Api"},
                            "ResourceId": {"Fn::GetAtt": ["Api", "RootResourceId"]},
                            "HttpMethod": "GET",
                            "AuthorizationType": "NONE",
                            "Integration": {"Type": "MOCK"},
                        },
                    },
                }
            }
        )
        self.cfn.create_change_set(StackName="cs", ChangeSetName="c", TemplateBody=body, ChangeSetType="CREATE")
        self.cfn.execute_change_set(StackName="cs", ChangeSetName="c")
        api = self.physical_id("Api", name="cs")
        deployments = self.client("apigateway").get_deployments(restApiId=api)["items"]
        self.assertEqual([d["id"] for d in deployments], [self.physical_id("Deployment", name="cs")])

    def test_reading_a_deleted_stack_does_not_create_its_resources_again(self) -> None:
        body = {"Resources": {"Queue": {"Type": "AWS::SQS::Queue"}}, "Outputs": {"Url": {"Value": {"Ref": "Queue"}}}}
        stack_id = self.cfn.create_stack(StackName="s", TemplateBody=json.dumps(body))["StackId"]
        self.destroy()
        [stack] = self.cfn.describe_stacks(StackName=stack_id)["Stacks"]
        self.assertEqual(stack["StackStatus"], "DELETE_COMPLETE")
        self.assertEqual(self.client("sqs").list_queues().get("QueueUrls", []), [])

    def test_a_stack_a_change_set_creates_lists_its_exports_and_deletes_them_with_it(self) -> None:
        body = json.dumps(
            {
                "Resources": {"Queue": {"Type": "AWS::SQS::Queue"}},
                "Outputs": {"Url": {"Value": {"Ref": "Queue"}, "Export": {"Name": "queue-url"}}},
            }
        )
        self.cfn.create_change_set(StackName="ex", ChangeSetName="c", TemplateBody=body, ChangeSetType="CREATE")
        self.cfn.execute_change_set(StackName="ex", ChangeSetName="c")
        self.assertEqual([e["Name"] for e in self.cfn.list_exports()["Exports"]], ["queue-url"])
        stack_id = self.cfn.describe_stacks(StackName="ex")["Stacks"][0]["StackId"]
        self.cfn.delete_stack(StackName="ex")
        self.assertEqual(self.cfn.list_exports()["Exports"], [])
        self.cfn.describe_stacks(StackName=stack_id)
        self.assertEqual(self.client("sqs").list_queues().get("QueueUrls", []), [])


if __name__ == "__main__":
    import unittest

    unittest.main()
