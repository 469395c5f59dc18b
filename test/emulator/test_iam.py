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


if __name__ == "__main__":
    import unittest

    unittest.main()
