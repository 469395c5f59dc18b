from support import StackTestCase

API = {
    "Type": "AWS::ApiGatewayV2::Api",
    "Properties": {
        "Name": "items",
        "ProtocolType": "HTTP",
        "Description": "Items API",
        "CorsConfiguration": {
            "AllowOrigins": ["https://app.example.com"],
            "AllowMethods": ["GET", "POST"],
            "AllowHeaders": ["authorization"],
            "MaxAge": "600",
        },
    },
}
AUTHORIZER = {
    "Type": "AWS::ApiGatewayV2::Authorizer",
    "Properties": {
        "ApiId": {"Ref": "Api"},
        "AuthorizerType": "JWT",
        "Name": "cognito",
        "IdentitySource": ["$request.header.Authorization"],
        "JwtConfiguration": {
            "Audience": ["client123"],
            "Issuer": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc",
        },
    },
}
INTEGRATION = {
    "Type": "AWS::ApiGatewayV2::Integration",
    "Properties": {
        "ApiId": {"Ref": "Api"},
        "IntegrationType": "AWS_PROXY",
        "IntegrationUri": "arn:aws:lambda:us-east-1:123456789012:function:items:live",
        "PayloadFormatVersion": "2.0",
    },
}
ROUTE = {
    "Type": "AWS::ApiGatewayV2::Route",
    "Properties": {
        "ApiId": {"Ref": "Api"},
        "RouteKey": "GET /items",
        "AuthorizationType": "JWT",
        "AuthorizerId": {"Ref": "Authorizer"},
        "AuthorizationScopes": ["items/read"],
        "Target": {"Fn::Join": ["", ["integrations/", {"Ref": "Integration"}]]},
    },
}
STAGE = {
    "Type": "AWS::ApiGatewayV2::Stage",
    "Properties": {
        "ApiId": {"Ref": "Api"},
        "StageName": "$default",
        "AutoDeploy": "true",
        "DefaultRouteSettings": {"ThrottlingRateLimit": "100", "ThrottlingBurstLimit": "200"},
        "RouteSettings": {"GET /health": {"ThrottlingRateLimit": 10, "ThrottlingBurstLimit": 20}},
        "AccessLogSettings": {"DestinationArn": "arn:aws:logs:us-east-1:123456789012:log-group:access", "Format": "{}"},
    },
}
RESOURCES = {"Api": API, "Authorizer": AUTHORIZER, "Integration": INTEGRATION, "Route": ROUTE, "Stage": STAGE}
OUTPUTS = {
    "ApiId": {"Value": {"Ref": "Api"}},
    "ApiIdAttr": {"Value": {"Fn::GetAtt": ["Api", "ApiId"]}},
    "Endpoint": {"Value": {"Fn::GetAtt": ["Api", "ApiEndpoint"]}},
    "AuthorizerId": {"Value": {"Ref": "Authorizer"}},
    "AuthorizerIdAttr": {"Value": {"Fn::GetAtt": ["Authorizer", "AuthorizerId"]}},
    "IntegrationId": {"Value": {"Ref": "Integration"}},
    "IntegrationIdAttr": {"Value": {"Fn::GetAtt": ["Integration", "IntegrationId"]}},
    "RouteId": {"Value": {"Ref": "Route"}},
    "RouteIdAttr": {"Value": {"Fn::GetAtt": ["Route", "RouteId"]}},
    "Stage": {"Value": {"Ref": "Stage"}},
}


class HttpApiTest(StackTestCase):
    def test_creates_the_api_with_its_cors_configuration(self) -> None:
        out = self.deploy(RESOURCES, OUTPUTS)
        api = self.client("apigatewayv2").get_api(ApiId=out["ApiId"])
        self.assertEqual(api["Name"], "items")
        self.assertEqual(api["ProtocolType"], "HTTP")
        self.assertEqual(api["CorsConfiguration"]["AllowOrigins"], ["https://app.example.com"])
        self.assertEqual(api["CorsConfiguration"]["MaxAge"], 600)
        self.assertEqual(api["ApiEndpoint"], f"https://{out['ApiId']}.execute-api.us-east-1.amazonaws.com")

    def test_ref_and_attributes_are_the_real_values(self) -> None:
        out = self.deploy(RESOURCES, OUTPUTS)
        v2 = self.client("apigatewayv2")
        self.assertEqual(out["ApiIdAttr"], out["ApiId"])
        self.assertEqual(out["Endpoint"], v2.get_api(ApiId=out["ApiId"])["ApiEndpoint"])
        self.assertEqual(out["AuthorizerIdAttr"], out["AuthorizerId"])
        self.assertEqual(out["IntegrationIdAttr"], out["IntegrationId"])
        self.assertEqual(out["RouteIdAttr"], out["RouteId"])
        self.assertEqual(out["Stage"], "$default")
        self.assertEqual(v2.get_authorizer(ApiId=out["ApiId"], AuthorizerId=out["AuthorizerId"])["Name"], "cognito")
        self.assertEqual([r["RouteId"] for r in v2.get_routes(ApiId=out["ApiId"])["Items"]], [out["RouteId"]])

    def test_creates_the_jwt_authorizer_route_integration_and_stage(self) -> None:
        out = self.deploy(RESOURCES, OUTPUTS)
        v2 = self.client("apigatewayv2")
        authorizer = v2.get_authorizer(ApiId=out["ApiId"], AuthorizerId=out["AuthorizerId"])
        self.assertEqual(authorizer["AuthorizerType"], "JWT")
        self.assertEqual(authorizer["IdentitySource"], ["$request.header.Authorization"])
        self.assertEqual(
            authorizer["JwtConfiguration"],
            {"Audience": ["client123"], "Issuer": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc"},
        )
        route = v2.get_route(ApiId=out["ApiId"], RouteId=out["RouteId"])
        self.assertEqual(route["RouteKey"], "GET /items")
        self.assertEqual(route["AuthorizationType"], "JWT")
        self.assertEqual(route["AuthorizerId"], out["AuthorizerId"])
        self.assertEqual(route["AuthorizationScopes"], ["items/read"])
        self.assertEqual(route["Target"], f"integrations/{out['IntegrationId']}")
        integration = v2.get_integration(ApiId=out["ApiId"], IntegrationId=out["IntegrationId"])
        self.assertEqual(integration["IntegrationType"], "AWS_PROXY")
        self.assertEqual(integration["PayloadFormatVersion"], "2.0")
        stage = v2.get_stage(ApiId=out["ApiId"], StageName="$default")
        self.assertIs(stage["AutoDeploy"], True)
        self.assertEqual(stage["DefaultRouteSettings"]["ThrottlingRateLimit"], 100.0)
        self.assertEqual(stage["DefaultRouteSettings"]["ThrottlingBurstLimit"], 200)
        self.assertEqual(stage["RouteSettings"]["GET /health"]["ThrottlingRateLimit"], 10.0)
        self.assertEqual(stage["AccessLogSettings"]["DestinationArn"], "arn:aws:logs:us-east-1:123456789012:log-group:access")

    def test_updates_in_place(self) -> None:
        out = self.deploy(RESOURCES, OUTPUTS)
        route = {**ROUTE, "Properties": {**ROUTE["Properties"], "AuthorizationScopes": ["items/write"]}}
        stage = {**STAGE, "Properties": {**STAGE["Properties"], "DefaultRouteSettings": {"ThrottlingRateLimit": 500, "ThrottlingBurstLimit": 1000}}}
        authorizer = {**AUTHORIZER, "Properties": {**AUTHORIZER["Properties"], "JwtConfiguration": {"Audience": ["client456"], "Issuer": "https://issuer"}}}
        api = {**API, "Properties": {**API["Properties"], "Description": "Changed"}}
        after = self.update({**RESOURCES, "Api": api, "Route": route, "Stage": stage, "Authorizer": authorizer}, OUTPUTS)
        self.assertEqual(after["ApiId"], out["ApiId"])
        self.assertEqual(after["RouteId"], out["RouteId"])
        v2 = self.client("apigatewayv2")
        self.assertEqual(v2.get_api(ApiId=out["ApiId"])["Description"], "Changed")
        self.assertEqual(v2.get_route(ApiId=out["ApiId"], RouteId=out["RouteId"])["AuthorizationScopes"], ["items/write"])
        self.assertEqual(v2.get_stage(ApiId=out["ApiId"], StageName="$default")["DefaultRouteSettings"]["ThrottlingRateLimit"], 500.0)
        jwt = v2.get_authorizer(ApiId=out["ApiId"], AuthorizerId=out["AuthorizerId"])["JwtConfiguration"]
        self.assertEqual(jwt["Audience"], ["client456"])

    def test_removing_a_route_deletes_it(self) -> None:
        out = self.deploy(RESOURCES, OUTPUTS)
        outputs = {k: v for k, v in OUTPUTS.items() if not k.startswith("Route")}
        self.update({k: v for k, v in RESOURCES.items() if k != "Route"}, outputs)
        self.assertEqual(self.client("apigatewayv2").get_routes(ApiId=out["ApiId"])["Items"], [])

    def test_deleting_the_stack_deletes_the_api(self) -> None:
        self.deploy(RESOURCES, OUTPUTS)
        self.destroy()
        self.assertEqual(self.client("apigatewayv2").get_apis()["Items"], [])


if __name__ == "__main__":
    import unittest

    unittest.main()
