import copy
import json
from typing import Any

from support import StackTestCase

LOG_GROUP = "arn:aws:logs:us-east-1:123456789012:log-group:access"
SCHEMA = {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}


def template() -> dict[str, Any]:
    """A REST API in the shape CDK writes: a deployment without a stage name, and a stage."""
    api = {"Ref": "Api"}
    return {
        "Api": {
            "Type": "AWS::ApiGateway::RestApi",
            "Properties": {"Name": "items", "Description": "Items", "EndpointConfiguration": {"Types": ["REGIONAL"]}},
        },
        "Items": {
            "Type": "AWS::ApiGateway::Resource",
            "Properties": {"RestApiId": api, "ParentId": {"Fn::GetAtt": ["Api", "RootResourceId"]}, "PathPart": "items"},
        },
        "Validator": {
            "Type": "AWS::ApiGateway::RequestValidator",
            "Properties": {"RestApiId": api, "Name": "body", "ValidateRequestBody": "true", "ValidateRequestParameters": False},
        },
        "Item": {
            "Type": "AWS::ApiGateway::Model",
            "Properties": {
                "RestApiId": api,
                "Name": "Item",
                "ContentType": "application/json",
                "Description": "an item",
                "Schema": SCHEMA,
            },
        },
        "Post": {
            "Type": "AWS::ApiGateway::Method",
            "Properties": {
                "RestApiId": api,
                "ResourceId": {"Ref": "Items"},
                "HttpMethod": "POST",
                "AuthorizationType": "AWS_IAM",
                "RequestValidatorId": {"Ref": "Validator"},
                "RequestModels": {"application/json": {"Ref": "Item"}},
                "RequestParameters": {"method.request.header.Idempotency-Key": "false"},
                "Integration": {
                    "Type": "MOCK",
                    "RequestTemplates": {"application/json": '{"statusCode": 200}'},
                    "IntegrationResponses": [{"StatusCode": "201", "ResponseTemplates": {"application/json": "{}"}}],
                },
                "MethodResponses": [{"StatusCode": 201}],
            },
        },
        "Deployment": {
            "Type": "AWS::ApiGateway::Deployment",
            "DependsOn": ["Post"],
            "Properties": {"RestApiId": api, "Description": "first"},
        },
        "Stage": {
            "Type": "AWS::ApiGateway::Stage",
            "Properties": {
                "RestApiId": api,
                "StageName": "v1",
                "DeploymentId": {"Ref": "Deployment"},
                "Description": "version 1",
                "TracingEnabled": "true",
                "Variables": {"table": "items"},
                "MethodSettings": [
                    {"ResourcePath": "/*", "HttpMethod": "*", "ThrottlingRateLimit": 100, "ThrottlingBurstLimit": 200, "LoggingLevel": "ERROR", "MetricsEnabled": "false"},
                    {"ResourcePath": "/~1items", "HttpMethod": "POST", "ThrottlingRateLimit": 10, "ThrottlingBurstLimit": 20},
                ],
                "AccessLogSetting": {"DestinationArn": LOG_GROUP, "Format": '{"status":"$context.status"}'},
            },
        },
        "BadBody": {
            "Type": "AWS::ApiGateway::GatewayResponse",
            "Properties": {
                "RestApiId": api,
                "ResponseType": "BAD_REQUEST_BODY",
                "StatusCode": "400",
                "ResponseTemplates": {"application/json": '{"message": "$context.error.validationErrorString"}'},
            },
        },
    }


OUTPUTS = {
    "Api": {"Value": {"Ref": "Api"}},
    "ApiId": {"Value": {"Fn::GetAtt": ["Api", "RestApiId"]}},
    "Root": {"Value": {"Fn::GetAtt": ["Api", "RootResourceId"]}},
    "Items": {"Value": {"Ref": "Items"}},
    "ItemsId": {"Value": {"Fn::GetAtt": ["Items", "ResourceId"]}},
    "Validator": {"Value": {"Ref": "Validator"}},
    "ValidatorId": {"Value": {"Fn::GetAtt": ["Validator", "RequestValidatorId"]}},
    "Model": {"Value": {"Ref": "Item"}},
    "Deployment": {"Value": {"Ref": "Deployment"}},
    "DeploymentId": {"Value": {"Fn::GetAtt": ["Deployment", "DeploymentId"]}},
    "Stage": {"Value": {"Ref": "Stage"}},
    "BadBody": {"Value": {"Ref": "BadBody"}},
    "BadBodyId": {"Value": {"Fn::GetAtt": ["BadBody", "Id"]}},
}


class RestApiTest(StackTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.apigw = self.client("apigateway")

    def test_the_api_is_regional_and_its_ref_and_attributes_are_its_ids(self) -> None:
        out = self.deploy(template(), OUTPUTS)
        api = self.apigw.get_rest_api(restApiId=out["Api"])
        self.assertEqual(api["name"], "items")
        self.assertEqual(api["endpointConfiguration"]["types"], ["REGIONAL"])
        self.assertEqual(out["ApiId"], out["Api"])
        self.assertEqual(out["Root"], api["rootResourceId"])

    def test_the_resource_sits_under_the_root_and_its_ref_is_its_id(self) -> None:
        out = self.deploy(template(), OUTPUTS)
        [items] = [r for r in self.apigw.get_resources(restApiId=out["Api"])["items"] if r["path"] == "/items"]
        self.assertEqual(items["id"], out["Items"])
        self.assertEqual(items["id"], out["ItemsId"])
        self.assertEqual(items["parentId"], out["Root"])

    def test_the_method_has_its_validator_model_parameters_integration_and_responses(self) -> None:
        out = self.deploy(template(), OUTPUTS)
        method = self.apigw.get_method(restApiId=out["Api"], resourceId=out["Items"], httpMethod="POST")
        self.assertEqual(method["authorizationType"], "AWS_IAM")
        self.assertEqual(method["requestValidatorId"], out["Validator"])
        self.assertEqual(method["requestModels"], {"application/json": "Item"})
        self.assertEqual(method["requestParameters"], {"method.request.header.Idempotency-Key": False})
        self.assertEqual(method["methodResponses"]["201"]["statusCode"], "201")
        self.assertEqual(method["methodIntegration"]["type"], "MOCK")
        self.assertEqual(method["methodIntegration"]["integrationResponses"]["201"]["responseTemplates"], {"application/json": "{}"})

    def test_updating_the_method_puts_it_again(self) -> None:
        out = self.deploy(template(), OUTPUTS)
        changed = template()
        changed["Post"]["Properties"]["AuthorizationType"] = "NONE"
        del changed["Post"]["Properties"]["RequestParameters"]
        self.update(changed, OUTPUTS)
        method = self.apigw.get_method(restApiId=out["Api"], resourceId=out["Items"], httpMethod="POST")
        self.assertEqual(method["authorizationType"], "NONE")
        self.assertNotIn("requestParameters", method)

    def test_removing_a_resource_and_its_method_deletes_them(self) -> None:
        out = self.deploy(template(), OUTPUTS)
        smaller = {k: v for k, v in template().items() if k not in ("Items", "Post")}
        other = {"Type": "AWS::ApiGateway::Resource", "Properties": {"RestApiId": {"Ref": "Api"}, "ParentId": {"Fn::GetAtt": ["Api", "RootResourceId"]}, "PathPart": "other"}}
        get = {
            "Type": "AWS::ApiGateway::Method",
            "Properties": {"RestApiId": {"Ref": "Api"}, "ResourceId": {"Ref": "Other"}, "HttpMethod": "GET", "AuthorizationType": "NONE", "Integration": {"Type": "MOCK"}},
        }
        self.update({**smaller, "Other": other, "Get": get})
        paths = {r["path"] for r in self.apigw.get_resources(restApiId=out["Api"])["items"]}
        self.assertEqual(paths, {"/", "/other"})

    def test_deleting_the_stack_deletes_the_api_with_everything_in_it(self) -> None:
        self.deploy(template(), OUTPUTS)
        self.destroy()
        status = self.cfn.describe_stacks(StackName=self.stack_id())["Stacks"][0]["StackStatus"]
        self.assertEqual(status, "DELETE_COMPLETE")
        self.assertEqual(self.apigw.get_rest_apis()["items"], [])

    def stack_id(self) -> str:
        return str(self.cfn.list_stacks()["StackSummaries"][0]["StackId"])


class StageTest(StackTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.apigw = self.client("apigateway")

    def test_the_stage_has_the_templates_deployment_method_settings_access_log_and_tracing(self) -> None:
        out = self.deploy(template(), OUTPUTS)
        self.assertEqual(out["Stage"], "v1")
        stage = self.apigw.get_stage(restApiId=out["Api"], stageName="v1")
        self.assertEqual(stage["deploymentId"], out["Deployment"])
        self.assertEqual(stage["description"], "version 1")
        self.assertTrue(stage["tracingEnabled"])
        self.assertEqual(stage["variables"], {"table": "items"})
        every = stage["methodSettings"]["*/*"]
        self.assertEqual((every["throttlingRateLimit"], every["throttlingBurstLimit"]), (100.0, 200))
        self.assertEqual(every["loggingLevel"], "ERROR")
        self.assertFalse(every["metricsEnabled"])
        post = stage["methodSettings"]["~1items/POST"]
        self.assertEqual((post["throttlingRateLimit"], post["throttlingBurstLimit"]), (10.0, 20))
        self.assertEqual(stage["accessLogSettings"], {"destinationArn": LOG_GROUP, "format": '{"status":"$context.status"}'})

    def test_the_deployment_without_a_stage_name_makes_no_stage_of_its_own(self) -> None:
        out = self.deploy(template(), OUTPUTS)
        self.assertEqual(out["DeploymentId"], out["Deployment"])
        [deployment] = self.apigw.get_deployments(restApiId=out["Api"])["items"]
        self.assertEqual((deployment["id"], deployment["description"]), (out["Deployment"], "first"))
        self.assertEqual([s["stageName"] for s in self.apigw.get_stages(restApiId=out["Api"])["item"]], ["v1"])

    def test_a_deployment_with_a_stage_name_makes_that_stage_with_its_stage_description(self) -> None:
        resources = {k: v for k, v in template().items() if k != "Stage"}
        resources["Deployment"]["Properties"].update(
            StageName="prod", StageDescription={"Description": "production", "TracingEnabled": True, "MethodSettings": [{"ResourcePath": "/*", "HttpMethod": "*", "ThrottlingRateLimit": 5}]}
        )
        out = self.deploy(resources, {"Api": OUTPUTS["Api"], "Deployment": OUTPUTS["Deployment"]})
        stage = self.apigw.get_stage(restApiId=out["Api"], stageName="prod")
        self.assertEqual(stage["deploymentId"], out["Deployment"])
        self.assertTrue(stage["tracingEnabled"])
        self.assertEqual(stage["description"], "production")
        self.assertEqual(stage["methodSettings"]["*/*"]["throttlingRateLimit"], 5.0)
        self.destroy()
        self.assertEqual(self.apigw.get_rest_apis()["items"], [])

    def test_updating_the_stage_changes_its_settings_and_drops_removed_ones(self) -> None:
        out = self.deploy(template(), OUTPUTS)
        changed = template()
        props = changed["Stage"]["Properties"]
        props["MethodSettings"] = [{"ResourcePath": "/*", "HttpMethod": "*", "ThrottlingRateLimit": 50, "ThrottlingBurstLimit": 100}]
        props["TracingEnabled"] = False
        del props["AccessLogSetting"]
        self.update(changed, OUTPUTS)
        stage = self.apigw.get_stage(restApiId=out["Api"], stageName="v1")
        self.assertEqual(list(stage["methodSettings"]), ["*/*"])
        self.assertEqual(stage["methodSettings"]["*/*"]["throttlingRateLimit"], 50.0)
        self.assertFalse(stage["tracingEnabled"])
        self.assertNotIn("accessLogSettings", stage)

    def test_removing_stage_and_deployment_deletes_them(self) -> None:
        out = self.deploy(template(), OUTPUTS)
        self.update({k: v for k, v in template().items() if k not in ("Stage", "Deployment")})
        self.assertEqual(self.apigw.get_stages(restApiId=out["Api"])["item"], [])
        self.assertEqual(self.apigw.get_deployments(restApiId=out["Api"])["items"], [])


class ModelValidatorAndResponseTest(StackTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.apigw = self.client("apigateway")

    def test_the_model_has_the_templates_schema_and_its_ref_is_its_name(self) -> None:
        out = self.deploy(template(), OUTPUTS)
        self.assertEqual(out["Model"], "Item")
        model = self.apigw.get_model(restApiId=out["Api"], modelName="Item")
        self.assertEqual(json.loads(model["schema"]), SCHEMA)
        self.assertEqual((model["contentType"], model["description"]), ("application/json", "an item"))

    def test_updating_the_model_changes_its_schema(self) -> None:
        out = self.deploy(template(), OUTPUTS)
        changed = template()
        changed["Item"]["Properties"]["Schema"] = {"type": "object"}
        changed["Item"]["Properties"]["Description"] = "any object"
        self.update(changed, OUTPUTS)
        model = self.apigw.get_model(restApiId=out["Api"], modelName="Item")
        self.assertEqual((json.loads(model["schema"]), model["description"]), ({"type": "object"}, "any object"))

    def test_the_validator_validates_what_the_template_says_and_its_ref_is_its_id(self) -> None:
        out = self.deploy(template(), OUTPUTS)
        validator = self.apigw.get_request_validator(restApiId=out["Api"], requestValidatorId=out["Validator"])
        self.assertEqual(out["ValidatorId"], out["Validator"])
        self.assertEqual(validator["name"], "body")
        self.assertIs(validator["validateRequestBody"], True)
        self.assertIs(validator["validateRequestParameters"], False)

    def test_updating_the_validator_changes_it_in_place(self) -> None:
        out = self.deploy(template(), OUTPUTS)
        changed = template()
        changed["Validator"]["Properties"]["ValidateRequestParameters"] = "true"
        self.update(changed, OUTPUTS)
        self.assertEqual(self.physical_id("Validator"), out["Validator"])
        validator = self.apigw.get_request_validator(restApiId=out["Api"], requestValidatorId=out["Validator"])
        self.assertIs(validator["validateRequestParameters"], True)

    def test_the_gateway_response_answers_with_the_templates_status_and_body(self) -> None:
        out = self.deploy(template(), OUTPUTS)
        self.assertEqual(out["BadBodyId"], out["BadBody"])
        response = self.apigw.get_gateway_response(restApiId=out["Api"], responseType="BAD_REQUEST_BODY")
        self.assertEqual(response["statusCode"], "400")
        self.assertEqual(response["responseTemplates"], {"application/json": '{"message": "$context.error.validationErrorString"}'})

    def test_updating_the_gateway_response_puts_it_again(self) -> None:
        out = self.deploy(template(), OUTPUTS)
        changed = template()
        changed["BadBody"]["Properties"]["StatusCode"] = "422"
        self.update(changed, OUTPUTS)
        response = self.apigw.get_gateway_response(restApiId=out["Api"], responseType="BAD_REQUEST_BODY")
        self.assertEqual(response["statusCode"], "422")

    def test_removing_model_validator_and_response_deletes_them(self) -> None:
        out = self.deploy(template(), OUTPUTS)
        smaller = copy.deepcopy({k: v for k, v in template().items() if k not in ("Item", "Validator", "BadBody")})
        for key in ("RequestValidatorId", "RequestModels"):
            del smaller["Post"]["Properties"][key]
        self.update(smaller)
        self.assertEqual(self.apigw.get_models(restApiId=out["Api"])["items"], [])
        self.assertEqual(self.apigw.get_request_validators(restApiId=out["Api"])["items"], [])
        self.assertEqual(self.apigw.get_gateway_responses(restApiId=out["Api"])["items"], [])


ROLE = {
    "Type": "AWS::IAM::Role",
    "Properties": {
        "AssumeRolePolicyDocument": {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Principal": {"Service": "apigateway.amazonaws.com"}, "Action": "sts:AssumeRole"}],
        }
    },
}


class AccountTest(StackTestCase):
    def test_the_account_logs_to_cloudwatch_with_the_templates_role(self) -> None:
        account = {"Type": "AWS::ApiGateway::Account", "Properties": {"CloudWatchRoleArn": {"Fn::GetAtt": ["Role", "Arn"]}}}
        out = self.deploy(
            {"Role": ROLE, "Account": account},
            {"Ref": {"Value": {"Ref": "Account"}}, "Id": {"Value": {"Fn::GetAtt": ["Account", "Id"]}}, "Role": {"Value": {"Fn::GetAtt": ["Role", "Arn"]}}},
        )
        self.assertEqual(self.client("apigateway").get_account()["cloudwatchRoleArn"], out["Role"])
        self.assertTrue(out["Ref"])
        self.assertEqual(out["Id"], out["Ref"])

    def test_updating_the_account_sets_the_new_role(self) -> None:
        account = {"Type": "AWS::ApiGateway::Account", "Properties": {"CloudWatchRoleArn": {"Fn::GetAtt": ["Role", "Arn"]}}}
        self.deploy({"Role": ROLE, "Other": ROLE, "Account": account})
        moved = {"Type": "AWS::ApiGateway::Account", "Properties": {"CloudWatchRoleArn": {"Fn::GetAtt": ["Other", "Arn"]}}}
        out = self.update({"Role": ROLE, "Other": ROLE, "Account": moved}, {"Other": {"Value": {"Fn::GetAtt": ["Other", "Arn"]}}})
        self.assertEqual(self.client("apigateway").get_account()["cloudwatchRoleArn"], out["Other"])

    def test_deleting_the_stack_leaves_the_regions_settings_as_cloudformation_does(self) -> None:
        account = {"Type": "AWS::ApiGateway::Account", "Properties": {"CloudWatchRoleArn": "arn:aws:iam::123456789012:role/logs"}}
        self.deploy({"Account": account})
        self.destroy()
        self.assertEqual(self.client("apigateway").get_account()["cloudwatchRoleArn"], "arn:aws:iam::123456789012:role/logs")


if __name__ == "__main__":
    import unittest

    unittest.main()
