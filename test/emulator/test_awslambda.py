import json
from typing import Any

from support import StackTestCase

ROLE = {
    "Type": "AWS::IAM::Role",
    "Properties": {
        "AssumeRolePolicyDocument": {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
        }
    },
}
FUNCTION = {
    "Type": "AWS::Lambda::Function",
    "Properties": {
        "Code": {"ZipFile": "def handler(event, context):\n    return 1\n"},
        "Handler": "index.handler",
        "Runtime": "python3.12",
        "Role": {"Fn::GetAtt": ["Role", "Arn"]},
    },
}
VERSION = {"Type": "AWS::Lambda::Version", "Properties": {"FunctionName": {"Ref": "Function"}, "Description": "first"}}
SOURCE_ARN = "arn:aws:execute-api:us-east-1:123456789012:abc123/*/*/*"


def alias(**changes: Any) -> dict[str, Any]:
    props = {
        "Name": "live",
        "FunctionName": {"Ref": "Function"},
        "FunctionVersion": {"Fn::GetAtt": ["Version", "Version"]},
        "Description": "what callers invoke",
        **changes,
    }
    return {"Type": "AWS::Lambda::Alias", "Properties": props}


PERMISSION = {
    "Type": "AWS::Lambda::Permission",
    "Properties": {
        "FunctionName": {"Ref": "Alias"},
        "Action": "lambda:InvokeFunction",
        "Principal": "apigateway.amazonaws.com",
        "SourceArn": SOURCE_ARN,
    },
}
OUTPUTS = {
    "Function": {"Value": {"Ref": "Function"}},
    "Version": {"Value": {"Ref": "Version"}},
    "VersionNumber": {"Value": {"Fn::GetAtt": ["Version", "Version"]}},
    "VersionArn": {"Value": {"Fn::GetAtt": ["Version", "FunctionArn"]}},
    "Alias": {"Value": {"Ref": "Alias"}},
    "AliasArn": {"Value": {"Fn::GetAtt": ["Alias", "AliasArn"]}},
}


def stack(**resources: Any) -> dict[str, Any]:
    return {"Role": ROLE, "Function": FUNCTION, "Version": VERSION, "Alias": alias(), **resources}


class AliasTest(StackTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.awslambda = self.client("lambda")

    def test_the_alias_points_at_the_published_version_and_ref_is_its_arn(self) -> None:
        out = self.deploy(stack(), OUTPUTS)
        got = self.awslambda.get_alias(FunctionName=out["Function"], Name="live")
        self.assertEqual(got["FunctionVersion"], "1")
        self.assertEqual(got["Description"], "what callers invoke")
        self.assertEqual(out["Alias"], got["AliasArn"])
        self.assertEqual(out["AliasArn"], got["AliasArn"])
        self.assertTrue(out["Alias"].endswith(f":function:{out['Function']}:live"))

    def test_the_alias_routes_the_templates_weights(self) -> None:
        routing = {"AdditionalVersionWeights": [{"FunctionVersion": {"Fn::GetAtt": ["Version", "Version"]}, "FunctionWeight": "0.1"}]}
        out = self.deploy(stack(Alias=alias(FunctionVersion="$LATEST", RoutingConfig=routing)), OUTPUTS)
        got = self.awslambda.get_alias(FunctionName=out["Function"], Name="live")
        self.assertEqual(got["FunctionVersion"], "$LATEST")
        self.assertEqual(got["RoutingConfig"], {"AdditionalVersionWeights": {"1": 0.1}})

    def test_updating_the_alias_moves_it_in_place(self) -> None:
        out = self.deploy(stack(), OUTPUTS)
        after = self.update(stack(Alias=alias(FunctionVersion="$LATEST", Description="moved")), OUTPUTS)
        got = self.awslambda.get_alias(FunctionName=out["Function"], Name="live")
        self.assertEqual((got["FunctionVersion"], got["Description"]), ("$LATEST", "moved"))
        self.assertEqual(after["Alias"], out["Alias"])

    def test_removing_the_alias_deletes_it(self) -> None:
        out = self.deploy(stack(), OUTPUTS)
        self.update({"Role": ROLE, "Function": FUNCTION, "Version": VERSION})
        self.assertEqual(self.awslambda.list_aliases(FunctionName=out["Function"])["Aliases"], [])

    def test_deleting_the_stack_deletes_function_version_alias_and_permission(self) -> None:
        self.deploy(stack(Permission=PERMISSION), OUTPUTS)
        self.destroy()
        [summary] = self.cfn.list_stacks()["StackSummaries"]
        self.assertEqual(summary["StackStatus"], "DELETE_COMPLETE")
        self.assertEqual(self.awslambda.list_functions()["Functions"], [])


class VersionTest(StackTestCase):
    def test_ref_is_the_versions_arn_and_getatt_version_its_number(self) -> None:
        out = self.deploy(stack(), OUTPUTS)
        versions = self.client("lambda").list_versions_by_function(FunctionName=out["Function"])["Versions"]
        [published] = [v for v in versions if v["Version"] != "$LATEST"]
        self.assertEqual(out["VersionNumber"], "1")
        self.assertEqual(out["Version"], published["FunctionArn"])
        self.assertEqual(out["VersionArn"], published["FunctionArn"])
        self.assertTrue(out["Version"].endswith(f"{out['Function']}:1"))
        self.assertEqual(published["Description"], "first")

    def test_removing_the_version_deletes_it(self) -> None:
        out = self.deploy({"Role": ROLE, "Function": FUNCTION, "Version": VERSION}, {"Function": OUTPUTS["Function"]})
        self.update({"Role": ROLE, "Function": FUNCTION})
        versions = self.client("lambda").list_versions_by_function(FunctionName=out["Function"])["Versions"]
        self.assertEqual([v["Version"] for v in versions], ["$LATEST"])


class PermissionTest(StackTestCase):
    def policy(self, function: str) -> dict[str, Any]:
        return dict(json.loads(self.client("lambda").get_policy(FunctionName=function, Qualifier="live")["Policy"]))

    def test_lets_the_principal_invoke_the_alias_from_the_source_and_ref_is_the_statement_id(self) -> None:
        out = self.deploy(stack(Permission=PERMISSION), {**OUTPUTS, "Permission": {"Value": {"Ref": "Permission"}}})
        [statement] = self.policy(out["Function"])["Statement"]
        self.assertEqual(statement["Sid"], out["Permission"])
        self.assertEqual(statement["Action"], "lambda:InvokeFunction")
        self.assertEqual(statement["Principal"], {"Service": "apigateway.amazonaws.com"})
        self.assertEqual(statement["Condition"], {"ArnLike": {"AWS:SourceArn": SOURCE_ARN}})
        self.assertEqual(statement["Resource"], out["Alias"])
        self.assertNotIn("FunctionName", statement)

    def test_removing_the_permission_removes_its_statement(self) -> None:
        out = self.deploy(stack(Permission=PERMISSION), OUTPUTS)
        self.update(stack())
        awslambda = self.client("lambda")
        with self.assertRaises(awslambda.exceptions.ResourceNotFoundException):
            self.policy(out["Function"])


if __name__ == "__main__":
    import unittest

    unittest.main()


def function_url(auth_type: str = "AWS_IAM") -> dict[str, Any]:
    return {
        "Type": "AWS::Lambda::Url",
        "Properties": {"TargetFunctionArn": {"Fn::GetAtt": ["Function", "Arn"]}, "AuthType": auth_type},
    }


URL_OUTPUTS = {
    "Ref": {"Value": {"Ref": "Url"}},
    "FunctionArn": {"Value": {"Fn::GetAtt": ["Url", "FunctionArn"]}},
    "FunctionUrl": {"Value": {"Fn::GetAtt": ["Url", "FunctionUrl"]}},
    "Function": {"Value": {"Fn::GetAtt": ["Function", "Arn"]}},
}


class FunctionUrlTest(StackTestCase):
    def test_creates_the_url_with_the_templates_auth_type_and_ref_is_the_functions_arn(self) -> None:
        out = self.deploy({"Role": ROLE, "Function": FUNCTION, "Url": function_url()}, URL_OUTPUTS)
        self.assertEqual(out["Ref"], out["Function"])
        self.assertEqual(out["FunctionArn"], out["Function"])
        config = self.client("lambda").get_function_url_config(FunctionName=out["Function"])
        self.assertEqual(config["AuthType"], "AWS_IAM")
        self.assertEqual(config["FunctionUrl"], out["FunctionUrl"])
        self.assertRegex(out["FunctionUrl"], r"^https://[a-z0-9]+\.lambda-url\.us-east-1\.on\.aws")

    def test_an_update_changes_the_auth_type_in_place_and_deleting_the_stack_removes_the_url(self) -> None:
        out = self.deploy({"Role": ROLE, "Function": FUNCTION, "Url": function_url()}, URL_OUTPUTS)
        out2 = self.update({"Role": ROLE, "Function": FUNCTION, "Url": function_url("NONE")}, URL_OUTPUTS)
        self.assertEqual(out2["FunctionUrl"], out["FunctionUrl"])
        awslambda = self.client("lambda")
        self.assertEqual(awslambda.get_function_url_config(FunctionName=out["Function"])["AuthType"], "NONE")
        self.update({"Role": ROLE, "Function": FUNCTION}, {"Function": URL_OUTPUTS["Function"]})
        with self.assertRaises(awslambda.exceptions.ResourceNotFoundException):
            awslambda.get_function_url_config(FunctionName=out["Function"])
