import json

from support import StackTestCase

ORG = {"Type": "AWS::Organizations::Organization", "Properties": {"FeatureSet": "ALL"}}
ROOT = {"Fn::GetAtt": ["Org", "RootId"]}
DENY_LEAVE = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}],
}


def ou(name: str, parent: object = ROOT) -> dict:
    return {
        "Type": "AWS::Organizations::OrganizationalUnit",
        "Properties": {"Name": name, "ParentId": parent, "Tags": [{"Key": "tier", "Value": name.lower()}]},
    }


def scp(targets: list, content: dict = DENY_LEAVE, name: str = "deny-leave") -> dict:
    return {
        "Type": "AWS::Organizations::Policy",
        "Properties": {
            "Name": name,
            "Type": "SERVICE_CONTROL_POLICY",
            "Description": "no leaving",
            "Content": content,
            "TargetIds": targets,
        },
    }


OUTPUTS = {
    "OrgId": {"Value": {"Ref": "Org"}},
    "OrgArn": {"Value": {"Fn::GetAtt": ["Org", "Arn"]}},
    "RootId": {"Value": ROOT},
    "MgmtId": {"Value": {"Fn::GetAtt": ["Org", "ManagementAccountId"]}},
    "MgmtArn": {"Value": {"Fn::GetAtt": ["Org", "ManagementAccountArn"]}},
    "OuId": {"Value": {"Ref": "Security"}},
    "OuArn": {"Value": {"Fn::GetAtt": ["Security", "Arn"]}},
    "PolicyId": {"Value": {"Ref": "Scp"}},
    "PolicyArn": {"Value": {"Fn::GetAtt": ["Scp", "Arn"]}},
    "PolicyManaged": {"Value": {"Fn::GetAtt": ["Scp", "AwsManaged"]}},
}


class OrganizationTest(StackTestCase):
    def test_creates_the_organization_ous_and_an_attached_policy(self) -> None:
        out = self.deploy(
            {"Org": ORG, "Security": ou("Security"), "Scp": scp([ROOT, {"Ref": "Security"}])}, OUTPUTS
        )
        org = self.client("organizations")
        described = org.describe_organization()["Organization"]
        self.assertEqual(described["Id"], out["OrgId"])
        self.assertEqual(described["Arn"], out["OrgArn"])
        self.assertEqual(described["FeatureSet"], "ALL")
        self.assertEqual(described["MasterAccountId"], out["MgmtId"])
        self.assertEqual(described["MasterAccountArn"], out["MgmtArn"])
        [root] = org.list_roots()["Roots"]
        self.assertEqual(root["Id"], out["RootId"])
        # No IAM role appears in an account outside the organization (moto's CreateOrganization made one).
        from moto.iam.models import iam_backends

        self.assertEqual([a for a in iam_backends.keys() if a not in (out["MgmtId"],)], [])

        unit = org.describe_organizational_unit(OrganizationalUnitId=out["OuId"])["OrganizationalUnit"]
        self.assertEqual(unit["Name"], "Security")
        self.assertEqual(unit["Arn"], out["OuArn"])
        self.assertEqual(org.list_parents(ChildId=out["OuId"])["Parents"][0]["Id"], out["RootId"])
        self.assertEqual(org.list_tags_for_resource(ResourceId=out["OuId"])["Tags"], [{"Key": "tier", "Value": "security"}])

        policy = org.describe_policy(PolicyId=out["PolicyId"])["Policy"]
        self.assertEqual(policy["PolicySummary"]["Arn"], out["PolicyArn"])
        self.assertEqual(policy["PolicySummary"]["Type"], "SERVICE_CONTROL_POLICY")
        self.assertEqual(json.loads(policy["Content"]), DENY_LEAVE)
        self.assertEqual(out["PolicyManaged"], "false")
        targets = {t["TargetId"] for t in org.list_targets_for_policy(PolicyId=out["PolicyId"])["Targets"]}
        self.assertEqual(targets, {out["RootId"], out["OuId"]})

    def test_an_update_renames_the_ou_rewrites_and_retargets_the_policy(self) -> None:
        out = self.deploy({"Org": ORG, "Security": ou("Security"), "Scp": scp([ROOT])}, OUTPUTS)
        changed = dict(DENY_LEAVE, Statement=[dict(DENY_LEAVE["Statement"][0], Action="account:CloseAccount")])
        new = self.update(
            {"Org": ORG, "Security": ou("SecurityTooling"), "Scp": scp([{"Ref": "Security"}], changed)}, OUTPUTS
        )
        org = self.client("organizations")
        self.assertEqual(new["OuId"], out["OuId"])
        self.assertEqual(new["PolicyId"], out["PolicyId"])
        self.assertEqual(org.describe_organizational_unit(OrganizationalUnitId=out["OuId"])["OrganizationalUnit"]["Name"], "SecurityTooling")
        self.assertEqual(json.loads(org.describe_policy(PolicyId=out["PolicyId"])["Policy"]["Content"]), changed)
        targets = {t["TargetId"] for t in org.list_targets_for_policy(PolicyId=out["PolicyId"])["Targets"]}
        self.assertEqual(targets, {out["OuId"]})

    def test_a_resource_control_policy_gets_an_rcp_arn(self) -> None:
        rcp = scp([ROOT], name="tls-only")
        rcp["Properties"]["Type"] = "RESOURCE_CONTROL_POLICY"
        out = self.deploy({"Org": ORG, "Rcp": rcp}, {"Arn": {"Value": {"Fn::GetAtt": ["Rcp", "Arn"]}}, "Id": {"Value": {"Ref": "Rcp"}}})
        policy = self.client("organizations").describe_policy(PolicyId=out["Id"])["Policy"]["PolicySummary"]
        self.assertEqual(policy["Type"], "RESOURCE_CONTROL_POLICY")
        self.assertIn("/resource_control_policy/", out["Arn"])

    def test_creates_an_account_in_its_ou(self) -> None:
        account = {
            "Type": "AWS::Organizations::Account",
            "Properties": {"AccountName": "log-archive", "Email": "log-archive@example.org", "ParentIds": [{"Ref": "Security"}]},
        }
        out = self.deploy(
            {"Org": ORG, "Security": ou("Security"), "Workloads": ou("Workloads"), "LogArchive": account},
            {
                "Id": {"Value": {"Ref": "LogArchive"}},
                "AccountId": {"Value": {"Fn::GetAtt": ["LogArchive", "AccountId"]}},
                "Arn": {"Value": {"Fn::GetAtt": ["LogArchive", "Arn"]}},
                "Status": {"Value": {"Fn::GetAtt": ["LogArchive", "Status"]}},
                "Joined": {"Value": {"Fn::GetAtt": ["LogArchive", "JoinedMethod"]}},
                "Security": {"Value": {"Ref": "Security"}},
                "Workloads": {"Value": {"Ref": "Workloads"}},
            },
        )
        org = self.client("organizations")
        described = org.describe_account(AccountId=out["Id"])["Account"]
        self.assertEqual(out["AccountId"], out["Id"])
        self.assertEqual(described["Arn"], out["Arn"])
        self.assertEqual(described["Name"], "log-archive")
        self.assertEqual(described["Email"], "log-archive@example.org")
        self.assertEqual((out["Status"], out["Joined"]), ("ACTIVE", "CREATED"))
        self.assertEqual(org.list_parents(ChildId=out["Id"])["Parents"][0]["Id"], out["Security"])
        account["Properties"]["ParentIds"] = [{"Ref": "Workloads"}]
        self.update({"Org": ORG, "Security": ou("Security"), "Workloads": ou("Workloads"), "LogArchive": account})
        self.assertEqual(org.list_parents(ChildId=out["Id"])["Parents"][0]["Id"], out["Workloads"])

    def test_deleting_the_stack_removes_policies_ous_and_the_organization(self) -> None:
        out = self.deploy({"Org": ORG, "Security": ou("Security"), "Scp": scp([{"Ref": "Security"}])}, OUTPUTS)
        self.destroy()
        org = self.client("organizations")
        with self.assertRaises(org.exceptions.AWSOrganizationsNotInUseException):
            org.describe_organization()
        self.assertTrue(out["PolicyId"].startswith("p-"))
