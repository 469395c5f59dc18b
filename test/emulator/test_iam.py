import json

from support import StackTestCase

ASSUME = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}
ROLE = {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": ASSUME}}


def document(action: str) -> dict:
    return {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": action, "Resource": "*"}]}


POLICY = {
    "Type": "AWS::IAM::ManagedPolicy",
    "Properties": {"Description": "publishers", "PolicyDocument": document("sns:Publish"), "Roles": [{"Ref": "Role"}]},
}


class ManagedPolicyTest(StackTestCase):
    def default_document(self, arn: str) -> dict:
        iam = self.client("iam")
        version = iam.get_policy(PolicyArn=arn)["Policy"]["DefaultVersionId"]
        doc = iam.get_policy_version(PolicyArn=arn, VersionId=version)["PolicyVersion"]["Document"]
        return doc if isinstance(doc, dict) else json.loads(doc)

    def attached_to(self, role: str) -> list[str]:
        return [p["PolicyArn"] for p in self.client("iam").list_attached_role_policies(RoleName=role)["AttachedPolicies"]]

    def test_creates_the_policy_attached_to_the_role(self) -> None:
        out = self.deploy({"Role": ROLE, "Policy": POLICY}, {"Arn": {"Value": {"Ref": "Policy"}}})
        self.assertEqual(self.default_document(out["Arn"])["Statement"][0]["Action"], "sns:Publish")
        self.assertEqual(self.attached_to(self.physical_id("Role")), [out["Arn"]])

    def test_updates_the_document_and_attachments_in_place(self) -> None:
        other = {**ROLE}
        out = self.deploy({"Role": ROLE, "Other": other, "Policy": POLICY}, {"Arn": {"Value": {"Ref": "Policy"}}})
        changed = {**POLICY, "Properties": {**POLICY["Properties"], "PolicyDocument": document("sqs:SendMessage"), "Roles": [{"Ref": "Other"}]}}
        self.update({"Role": ROLE, "Other": other, "Policy": changed}, {"Arn": {"Value": {"Ref": "Policy"}}})
        self.assertEqual(self.physical_id("Policy"), out["Arn"])
        self.assertEqual(self.default_document(out["Arn"])["Statement"][0]["Action"], "sqs:SendMessage")
        self.assertEqual(self.attached_to(self.physical_id("Role")), [])
        self.assertEqual(self.attached_to(self.physical_id("Other")), [out["Arn"]])

    def test_a_new_description_replaces_the_policy(self) -> None:
        out = self.deploy({"Role": ROLE, "Policy": POLICY}, {"Arn": {"Value": {"Ref": "Policy"}}})
        changed = {**POLICY, "Properties": {**POLICY["Properties"], "Description": "others"}}
        self.update({"Role": ROLE, "Policy": changed})
        new = self.physical_id("Policy")
        self.assertNotEqual(new, out["Arn"])
        local = [p["Arn"] for p in self.client("iam").list_policies(Scope="Local")["Policies"]]
        self.assertEqual(local, [new])
        self.assertEqual(self.attached_to(self.physical_id("Role")), [new])

    def test_deleting_the_stack_deletes_the_policy_and_the_role(self) -> None:
        self.deploy({"Role": ROLE, "Policy": POLICY})
        self.destroy()
        iam = self.client("iam")
        self.assertEqual(iam.list_policies(Scope="Local")["Policies"], [])
        self.assertEqual(iam.list_roles()["Roles"], [])
        [stack] = self.cfn.list_stacks()["StackSummaries"]
        self.assertEqual(stack["StackStatus"], "DELETE_COMPLETE")


INLINE = {
    "Type": "AWS::IAM::Role",
    "Properties": {
        "AssumeRolePolicyDocument": ASSUME,
        "Description": "worker",
        "Policies": [{"PolicyName": "Agent", "PolicyDocument": document("ssm:UpdateInstanceInformation")}],
    },
}


class RoleTest(StackTestCase):
    def inline(self, role: str, name: str) -> dict:
        doc = self.client("iam").get_role_policy(RoleName=role, PolicyName=name)["PolicyDocument"]
        return doc if isinstance(doc, dict) else json.loads(doc)

    def test_inline_policies_are_stored_as_json(self) -> None:
        self.deploy({"Role": INLINE})
        role = self.physical_id("Role")
        self.assertEqual(self.inline(role, "Agent")["Statement"][0]["Action"], "ssm:UpdateInstanceInformation")
        self.assertEqual(self.client("iam").get_role(RoleName=role)["Role"]["Description"], "worker")

    def test_updates_trust_description_and_inline_policies_in_place(self) -> None:
        self.deploy({"Role": INLINE})
        role = self.physical_id("Role")
        trust = {**ASSUME, "Statement": [{**ASSUME["Statement"][0], "Principal": {"Service": "ec2.amazonaws.com"}}]}
        props = {"AssumeRolePolicyDocument": trust, "Description": "instance", "MaxSessionDuration": 7200,
                 "Policies": [{"PolicyName": "Logs", "PolicyDocument": document("logs:PutLogEvents")}]}
        self.update({"Role": {"Type": "AWS::IAM::Role", "Properties": props}})
        self.assertEqual(self.physical_id("Role"), role)
        iam = self.client("iam")
        got = iam.get_role(RoleName=role)["Role"]
        self.assertEqual((got["Description"], got["MaxSessionDuration"]), ("instance", 7200))
        self.assertEqual(got["AssumeRolePolicyDocument"]["Statement"][0]["Principal"], {"Service": "ec2.amazonaws.com"})
        self.assertEqual(iam.list_role_policies(RoleName=role)["PolicyNames"], ["Logs"])
        self.assertEqual(self.inline(role, "Logs")["Statement"][0]["Action"], "logs:PutLogEvents")

    def test_deleting_the_stack_deletes_the_role(self) -> None:
        self.deploy({"Role": INLINE})
        self.destroy()
        self.assertEqual(self.client("iam").list_roles()["Roles"], [])


if __name__ == "__main__":
    import unittest

    unittest.main()
