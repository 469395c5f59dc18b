from support import StackTestCase

POOL = {
    "Type": "AWS::Cognito::UserPool",
    "Properties": {
        "UserPoolName": "people",
        "UsernameAttributes": ["email"],
        "AutoVerifiedAttributes": ["email"],
        "MfaConfiguration": "ON",
        "EnabledMfas": ["SOFTWARE_TOKEN_MFA"],
        "UserPoolTier": "PLUS",
        "UserPoolAddOns": {"AdvancedSecurityMode": "ENFORCED"},
        "DeletionProtection": "ACTIVE",
        "Policies": {"PasswordPolicy": {"MinimumLength": "12", "RequireSymbols": "true"}},
        "AccountRecoverySetting": {"RecoveryMechanisms": [{"Name": "verified_email", "Priority": "1"}]},
        "Schema": [{"Name": "email", "Required": "true", "Mutable": "true"}],
    },
}
SERVER = {
    "Type": "AWS::Cognito::UserPoolResourceServer",
    "Properties": {
        "UserPoolId": {"Ref": "Pool"},
        "Identifier": "items",
        "Name": "items",
        "Scopes": [{"ScopeName": "read", "ScopeDescription": "Read"}],
    },
}
CLIENT = {
    "Type": "AWS::Cognito::UserPoolClient",
    "DependsOn": ["Server"],
    "Properties": {
        "UserPoolId": {"Ref": "Pool"},
        "ClientName": "app",
        "GenerateSecret": "false",
        "AllowedOAuthFlows": ["code"],
        "AllowedOAuthFlowsUserPoolClient": "true",
        "AllowedOAuthScopes": ["openid", "items/read"],
        "CallbackURLs": ["http://localhost:5173/callback"],
        "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        "PreventUserExistenceErrors": "ENABLED",
        "EnableTokenRevocation": "true",
        "AccessTokenValidity": "60",
        "RefreshTokenValidity": "43200",
        "TokenValidityUnits": {"AccessToken": "minutes", "RefreshToken": "minutes"},
    },
}
DOMAIN = {"Type": "AWS::Cognito::UserPoolDomain", "Properties": {"UserPoolId": {"Ref": "Pool"}, "Domain": "login-people"}}
RESOURCES = {"Pool": POOL, "Server": SERVER, "Client": CLIENT, "Domain": DOMAIN}
OUTPUTS = {
    "PoolId": {"Value": {"Ref": "Pool"}},
    "PoolArn": {"Value": {"Fn::GetAtt": ["Pool", "Arn"]}},
    "ProviderName": {"Value": {"Fn::GetAtt": ["Pool", "ProviderName"]}},
    "ProviderURL": {"Value": {"Fn::GetAtt": ["Pool", "ProviderURL"]}},
    "PoolIdAttr": {"Value": {"Fn::GetAtt": ["Pool", "UserPoolId"]}},
    "ClientId": {"Value": {"Ref": "Client"}},
    "ClientIdAttr": {"Value": {"Fn::GetAtt": ["Client", "ClientId"]}},
    "ClientName": {"Value": {"Fn::GetAtt": ["Client", "Name"]}},
    "Domain": {"Value": {"Ref": "Domain"}},
    "CloudFront": {"Value": {"Fn::GetAtt": ["Domain", "CloudFrontDistribution"]}},
    "Server": {"Value": {"Ref": "Server"}},
}


class UserPoolTest(StackTestCase):
    def test_creates_the_pool_with_mfa_threat_protection_and_typed_policies(self) -> None:
        out = self.deploy(RESOURCES, OUTPUTS)
        idp = self.client("cognito-idp")
        pool = idp.describe_user_pool(UserPoolId=out["PoolId"])["UserPool"]
        self.assertEqual(pool["Name"], "people")
        self.assertEqual(pool["MfaConfiguration"], "ON")
        self.assertEqual(pool["UserPoolAddOns"], {"AdvancedSecurityMode": "ENFORCED"})
        self.assertEqual(pool["UserPoolTier"], "PLUS")
        self.assertEqual(pool["DeletionProtection"], "ACTIVE")
        self.assertEqual(pool["Policies"]["PasswordPolicy"]["MinimumLength"], 12)
        self.assertIs(pool["Policies"]["PasswordPolicy"]["RequireSymbols"], True)
        self.assertEqual(pool["AccountRecoverySetting"]["RecoveryMechanisms"], [{"Name": "verified_email", "Priority": 1}])
        self.assertEqual(pool["UsernameAttributes"], ["email"])
        mfa = idp.get_user_pool_mfa_config(UserPoolId=out["PoolId"])
        self.assertEqual(mfa["SoftwareTokenMfaConfiguration"], {"Enabled": True})
        self.assertNotIn("SmsMfaConfiguration", mfa)

    def test_ref_and_attributes_are_the_real_values(self) -> None:
        out = self.deploy(RESOURCES, OUTPUTS)
        pool = self.client("cognito-idp").describe_user_pool(UserPoolId=out["PoolId"])["UserPool"]
        self.assertRegex(out["PoolId"], r"^us-east-1_\w+$")
        self.assertEqual(out["PoolIdAttr"], out["PoolId"])
        self.assertEqual(out["PoolArn"], pool["Arn"])
        self.assertEqual(out["ProviderName"], f"cognito-idp.us-east-1.amazonaws.com/{out['PoolId']}")
        self.assertEqual(out["ProviderURL"], f"https://cognito-idp.us-east-1.amazonaws.com/{out['PoolId']}")
        self.assertEqual(out["ClientIdAttr"], out["ClientId"])
        self.assertEqual(out["ClientName"], "app")
        self.assertEqual(out["Domain"], "login-people")
        self.assertTrue(out["CloudFront"].endswith(".amazoncognito.com"))
        self.assertEqual(out["Server"], "items")

    def test_creates_a_public_client_a_resource_server_and_a_domain(self) -> None:
        out = self.deploy(RESOURCES, OUTPUTS)
        idp = self.client("cognito-idp")
        client = idp.describe_user_pool_client(UserPoolId=out["PoolId"], ClientId=out["ClientId"])["UserPoolClient"]
        self.assertNotIn("ClientSecret", client)
        self.assertEqual(client["AllowedOAuthFlows"], ["code"])
        self.assertIs(client["AllowedOAuthFlowsUserPoolClient"], True)
        self.assertEqual(client["AllowedOAuthScopes"], ["openid", "items/read"])
        self.assertEqual(client["ExplicitAuthFlows"], ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
        self.assertEqual(client["AccessTokenValidity"], 60)
        self.assertEqual(client["RefreshTokenValidity"], 43200)
        self.assertEqual(client["PreventUserExistenceErrors"], "ENABLED")
        server = idp.describe_resource_server(UserPoolId=out["PoolId"], Identifier="items")["ResourceServer"]
        self.assertEqual(server["Scopes"], [{"ScopeName": "read", "ScopeDescription": "Read"}])
        domain = idp.describe_user_pool_domain(Domain="login-people")["DomainDescription"]
        self.assertEqual(domain["UserPoolId"], out["PoolId"])

    def test_a_client_that_generates_a_secret_returns_it(self) -> None:
        secret = {**CLIENT, "Properties": {**CLIENT["Properties"], "GenerateSecret": True}}
        out = self.deploy(
            {**RESOURCES, "Client": secret},
            {"Id": {"Value": {"Ref": "Client"}}, "Secret": {"Value": {"Fn::GetAtt": ["Client", "ClientSecret"]}}},
        )
        pool_id = self.physical_id("Pool")
        client = self.client("cognito-idp").describe_user_pool_client(UserPoolId=pool_id, ClientId=out["Id"])
        self.assertEqual(client["UserPoolClient"]["ClientSecret"], out["Secret"])

    def test_updates_in_place(self) -> None:
        out = self.deploy(RESOURCES, OUTPUTS)
        pool = {**POOL, "Properties": {**POOL["Properties"], "MfaConfiguration": "OPTIONAL"}}
        pool["Properties"]["UserPoolAddOns"] = {"AdvancedSecurityMode": "AUDIT"}
        client = {**CLIENT, "Properties": {**CLIENT["Properties"], "AccessTokenValidity": 15}}
        server = {**SERVER, "Properties": {**SERVER["Properties"], "Scopes": [{"ScopeName": "write", "ScopeDescription": "Write"}]}}
        after = self.update({"Pool": pool, "Server": server, "Client": client, "Domain": DOMAIN}, OUTPUTS)
        self.assertEqual(after["PoolId"], out["PoolId"])
        self.assertEqual(after["ClientId"], out["ClientId"])
        idp = self.client("cognito-idp")
        described = idp.describe_user_pool(UserPoolId=out["PoolId"])["UserPool"]
        self.assertEqual(described["MfaConfiguration"], "OPTIONAL")
        self.assertEqual(described["UserPoolAddOns"], {"AdvancedSecurityMode": "AUDIT"})
        c = idp.describe_user_pool_client(UserPoolId=out["PoolId"], ClientId=out["ClientId"])["UserPoolClient"]
        self.assertEqual(c["AccessTokenValidity"], 15)
        s = idp.describe_resource_server(UserPoolId=out["PoolId"], Identifier="items")["ResourceServer"]
        self.assertEqual([x["ScopeName"] for x in s["Scopes"]], ["write"])

    def test_a_new_domain_replaces_the_old_one(self) -> None:
        self.deploy(RESOURCES, OUTPUTS)
        domain = {**DOMAIN, "Properties": {**DOMAIN["Properties"], "Domain": "login-people-2"}}
        after = self.update({**RESOURCES, "Domain": domain}, OUTPUTS)
        idp = self.client("cognito-idp")
        self.assertEqual(after["Domain"], "login-people-2")
        self.assertEqual(idp.describe_user_pool_domain(Domain="login-people")["DomainDescription"], {})

    def test_deleting_the_stack_deletes_everything(self) -> None:
        out = self.deploy(RESOURCES, OUTPUTS)
        self.destroy()
        idp = self.client("cognito-idp")
        self.assertEqual(idp.list_user_pools(MaxResults=10)["UserPools"], [])
        self.assertEqual(idp.describe_user_pool_domain(Domain="login-people")["DomainDescription"], {})
        self.assertTrue(out["PoolId"])

    def test_a_retained_pool_outlives_the_stack(self) -> None:
        self.deploy({"Pool": {**POOL, "DeletionPolicy": "Retain"}})
        self.destroy()
        self.assertEqual(len(self.client("cognito-idp").list_user_pools(MaxResults=10)["UserPools"]), 1)


if __name__ == "__main__":
    import unittest

    unittest.main()
