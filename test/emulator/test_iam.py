import json
import os
import unittest
from typing import Any
from unittest import mock
from urllib.parse import unquote

from support import StackTestCase

from oar_moto.inventory import inventory

TRUST = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}
LAMBDA_TRUST = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}
SSM_CORE = {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::aws:policy/AmazonSSMManagedInstanceCore"]]}
SSM_CORE_ARN = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
LOGS_ARN = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"


def doc(*actions: str, resource: Any = "*") -> dict[str, Any]:
    return {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": list(actions), "Resource": resource}]}


def role(**props: Any) -> dict[str, Any]:
    return {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": TRUST, **props}}


def managed_policy(**props: Any) -> dict[str, Any]:
    return {
        "Type": "AWS::IAM::ManagedPolicy",
        "Properties": {"Description": "read the queue", "Path": "/", "PolicyDocument": doc("sqs:ReceiveMessage"), **props},
    }


class IamTestCase(StackTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.iam = self.client("iam")

    def iam_rows(self) -> list[dict[str, str]]:
        """What moto's IAM backends hold, less AWS managed policies: AWS's, in every account."""
        return [r for r in inventory() if r["service"] == "iam" and r["type"] != "AWSManagedPolicy"]

    def assert_nothing_left(self) -> None:
        """The stack deleted, nothing in IAM's listings, and nothing in moto's IAM backend that the inventory lists."""
        for stack in self.cfn.list_stacks()["StackSummaries"]:
            self.assertEqual(stack["StackStatus"], "DELETE_COMPLETE", stack.get("StackStatusReason"))
        self.assertEqual(self.iam.list_roles()["Roles"], [])
        self.assertEqual(self.iam.list_policies(Scope="Local")["Policies"], [])
        self.assertEqual(self.iam.list_instance_profiles()["InstanceProfiles"], [])
        self.assertEqual(self.iam.list_users()["Users"], [])
        self.assertEqual(self.iam_rows(), [])

    def attached(self, role_name: str) -> list[str]:
        return sorted(p["PolicyArn"] for p in self.iam.list_attached_role_policies(RoleName=role_name)["AttachedPolicies"])

    def default_document(self, arn: str) -> dict[str, Any]:
        version = self.iam.get_policy(PolicyArn=arn)["Policy"]["DefaultVersionId"]
        document = self.iam.get_policy_version(PolicyArn=arn, VersionId=version)["PolicyVersion"]["Document"]
        return document if isinstance(document, dict) else json.loads(unquote(document))


class ManagedPolicyTest(IamTestCase):
    def stack(self, policy: dict[str, Any]) -> dict[str, Any]:
        return {"Role": role(), "User": {"Type": "AWS::IAM::User", "Properties": {}}, "Policy": policy}

    def test_creates_the_policy_attached_to_its_roles_users_and_groups(self) -> None:
        self.iam.create_group(GroupName="readers")
        policy = managed_policy(Roles=[{"Ref": "Role"}], Users=[{"Ref": "User"}], Groups=["readers"])
        out = self.deploy(
            self.stack(policy),
            {
                "Ref": {"Value": {"Ref": "Policy"}},
                "Arn": {"Value": {"Fn::GetAtt": ["Policy", "PolicyArn"]}},
                "Id": {"Value": {"Fn::GetAtt": ["Policy", "PolicyId"]}},
                "Version": {"Value": {"Fn::GetAtt": ["Policy", "DefaultVersionId"]}},
                "Count": {"Value": {"Fn::GetAtt": ["Policy", "AttachmentCount"]}},
                "Attachable": {"Value": {"Fn::GetAtt": ["Policy", "IsAttachable"]}},
            },
        )
        got = self.iam.get_policy(PolicyArn=out["Ref"])["Policy"]
        self.assertEqual(out["Arn"], out["Ref"])
        self.assertEqual(got["PolicyId"], out["Id"])
        self.assertEqual(got["Description"], "read the queue")
        self.assertTrue(got["PolicyName"].startswith("s-Policy-"), got["PolicyName"])
        self.assertEqual(out["Version"], "v1")
        self.assertEqual(out["Count"], "3")
        self.assertEqual(out["Attachable"], "true")
        self.assertEqual(self.default_document(out["Ref"])["Statement"][0]["Action"], ["sqs:ReceiveMessage"])
        entities = self.iam.list_entities_for_policy(PolicyArn=out["Ref"])
        self.assertEqual([r["RoleName"] for r in entities["PolicyRoles"]], [self.physical_id("Role")])
        self.assertEqual([u["UserName"] for u in entities["PolicyUsers"]], [self.physical_id("User")])
        self.assertEqual([g["GroupName"] for g in entities["PolicyGroups"]], ["readers"])

    def test_a_named_policy_takes_its_name(self) -> None:
        out = self.deploy({"Policy": managed_policy(ManagedPolicyName="queue-reader", Path="/app/")}, {"Ref": {"Value": {"Ref": "Policy"}}})
        self.assertEqual(out["Ref"], "arn:aws:iam::123456789012:policy/app/queue-reader")
        self.assertEqual(self.iam.get_policy(PolicyArn=out["Ref"])["Policy"]["Path"], "/app/")

    def test_a_new_document_is_a_new_default_version_and_the_oldest_goes_after_five(self) -> None:
        out = self.deploy({"Policy": managed_policy()}, {"Ref": {"Value": {"Ref": "Policy"}}})
        actions = ["sqs:SendMessage", "sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:GetQueueAttributes", "sqs:PurgeQueue"]
        for action in actions:
            updated = self.update({"Policy": managed_policy(PolicyDocument=doc(action))}, {"Ref": {"Value": {"Ref": "Policy"}}})
            self.assertEqual(updated["Ref"], out["Ref"])  # the same policy
        self.assertEqual(self.default_document(out["Ref"])["Statement"][0]["Action"], ["sqs:PurgeQueue"])
        versions = self.iam.list_policy_versions(PolicyArn=out["Ref"])["Versions"]
        self.assertEqual(sorted(v["VersionId"] for v in versions), ["v2", "v3", "v4", "v5", "v6"])
        self.assertEqual([v["VersionId"] for v in versions if v["IsDefaultVersion"]], ["v6"])

    def test_an_unchanged_document_makes_no_version(self) -> None:
        out = self.deploy({"Role": role(), "Policy": managed_policy()}, {"Ref": {"Value": {"Ref": "Policy"}}})
        self.update({"Role": role(), "Policy": managed_policy(Roles=[{"Ref": "Role"}])})
        self.assertEqual(len(self.iam.list_policy_versions(PolicyArn=out["Ref"])["Versions"]), 1)

    def test_attachments_follow_an_update(self) -> None:
        resources = {"A": role(), "B": role(), "User": {"Type": "AWS::IAM::User", "Properties": {}}}
        out = self.deploy({**resources, "Policy": managed_policy(Roles=[{"Ref": "A"}], Users=[{"Ref": "User"}])}, {"Ref": {"Value": {"Ref": "Policy"}}})
        self.update({**resources, "Policy": managed_policy(Roles=[{"Ref": "B"}])})
        self.assertEqual(self.attached(self.physical_id("A")), [])
        self.assertEqual(self.attached(self.physical_id("B")), [out["Ref"]])
        self.assertEqual(self.iam.list_attached_user_policies(UserName=self.physical_id("User"))["AttachedPolicies"], [])
        self.assertEqual(self.iam.get_policy(PolicyArn=out["Ref"])["Policy"]["AttachmentCount"], 1)

    def test_a_new_name_or_description_replaces_the_policy(self) -> None:
        out = self.deploy({"Role": role(), "Policy": managed_policy(ManagedPolicyName="one", Roles=[{"Ref": "Role"}])}, {"Ref": {"Value": {"Ref": "Policy"}}})
        renamed = self.update({"Role": role(), "Policy": managed_policy(ManagedPolicyName="two", Roles=[{"Ref": "Role"}])}, {"Ref": {"Value": {"Ref": "Policy"}}})
        self.assertTrue(renamed["Ref"].endswith(":policy/two"))
        self.assertEqual([p["Arn"] for p in self.iam.list_policies(Scope="Local")["Policies"]], [renamed["Ref"]])
        self.assertEqual(self.attached(self.physical_id("Role")), [renamed["Ref"]])
        described = self.update(
            {"Role": role(), "Policy": managed_policy(Description="read and delete", Roles=[{"Ref": "Role"}])}, {"Ref": {"Value": {"Ref": "Policy"}}}
        )
        self.assertNotIn(described["Ref"], (out["Ref"], renamed["Ref"]))
        [policy] = self.iam.list_policies(Scope="Local")["Policies"]
        self.assertEqual(self.iam.get_policy(PolicyArn=policy["Arn"])["Policy"]["Description"], "read and delete")

    def test_deleting_the_stack_detaches_and_deletes_the_policy_and_its_versions(self) -> None:
        self.iam.create_group(GroupName="readers")
        policy = managed_policy(Roles=[{"Ref": "Role"}], Users=[{"Ref": "User"}], Groups=["readers"])
        out = self.deploy(self.stack(policy), {"Ref": {"Value": {"Ref": "Policy"}}})
        self.update(self.stack({**policy, "Properties": {**policy["Properties"], "PolicyDocument": doc("sqs:SendMessage")}}))
        self.destroy()
        self.assertEqual(self.iam.list_attached_group_policies(GroupName="readers")["AttachedPolicies"], [])
        with self.assertRaises(self.iam.exceptions.NoSuchEntityException):
            self.iam.get_policy(PolicyArn=out["Ref"])
        self.iam.delete_group(GroupName="readers")
        self.assert_nothing_left()


class RoleTest(IamTestCase):
    def full_role(self, **changes: Any) -> dict[str, Any]:
        props = {
            "Description": "the web servers",
            "MaxSessionDuration": "7200",
            "PermissionsBoundary": {"Ref": "Boundary"},
            "Policies": [{"PolicyName": "read-queue", "PolicyDocument": doc("sqs:ReceiveMessage")}],
            "ManagedPolicyArns": [SSM_CORE, {"Ref": "Extra"}],
            "Tags": [{"Key": "team", "Value": "web"}, {"Key": "tier", "Value": "1"}],
            **changes,
        }
        return {
            "Boundary": managed_policy(ManagedPolicyName="boundary", PolicyDocument=doc("sqs:*")),
            "Extra": managed_policy(ManagedPolicyName="extra", Description="extra"),
            "Role": role(**{k: v for k, v in props.items() if v is not None}),
        }

    def test_creates_the_role_with_its_policies_boundary_and_tags(self) -> None:
        out = self.deploy(
            self.full_role(),
            {"Ref": {"Value": {"Ref": "Role"}}, "Arn": {"Value": {"Fn::GetAtt": ["Role", "Arn"]}}, "Id": {"Value": {"Fn::GetAtt": ["Role", "RoleId"]}}},
        )
        got = self.iam.get_role(RoleName=out["Ref"])["Role"]
        self.assertTrue(out["Ref"].startswith("s-Role-"), out["Ref"])
        self.assertEqual(got["Arn"], out["Arn"])
        self.assertEqual(got["RoleId"], out["Id"])
        self.assertEqual(got["Description"], "the web servers")
        self.assertEqual(got["MaxSessionDuration"], 7200)
        self.assertEqual(got["AssumeRolePolicyDocument"]["Statement"][0]["Principal"], {"Service": "ec2.amazonaws.com"})
        self.assertEqual(got["PermissionsBoundary"]["PermissionsBoundaryArn"], self.physical_id("Boundary"))
        self.assertEqual(sorted((t["Key"], t["Value"]) for t in got["Tags"]), [("team", "web"), ("tier", "1")])
        self.assertEqual(self.iam.list_role_policies(RoleName=out["Ref"])["PolicyNames"], ["read-queue"])
        inline = self.iam.get_role_policy(RoleName=out["Ref"], PolicyName="read-queue")["PolicyDocument"]
        self.assertEqual(inline["Statement"][0]["Action"], ["sqs:ReceiveMessage"])
        self.assertEqual(self.attached(out["Ref"]), sorted([SSM_CORE_ARN, self.physical_id("Extra")]))

    def test_an_unknown_managed_policy_fails_the_role(self) -> None:
        template = {"Resources": {"Role": role(ManagedPolicyArns=["arn:aws:iam::aws:policy/NoSuchPolicy"])}}
        with self.assertRaises(Exception):
            self.cfn.create_stack(StackName="s", TemplateBody=json.dumps(template))
            stack = self.cfn.describe_stacks(StackName="s")["Stacks"][0]
            self.assertEqual(stack["StackStatus"], "CREATE_COMPLETE")
        self.assertEqual(self.iam.list_roles()["Roles"], [])

    def test_updates_the_role_in_place(self) -> None:
        out = self.deploy(self.full_role(), {"Ref": {"Value": {"Ref": "Role"}}, "Id": {"Value": {"Fn::GetAtt": ["Role", "RoleId"]}}})
        changed = self.full_role(
            AssumeRolePolicyDocument=LAMBDA_TRUST,
            Description="the workers",
            MaxSessionDuration=3600,
            PermissionsBoundary=None,
            Policies=[{"PolicyName": "send", "PolicyDocument": doc("sqs:SendMessage")}],
            ManagedPolicyArns=[{"Ref": "Extra"}, LOGS_ARN],
            Tags=[{"Key": "team", "Value": "workers"}],
        )
        updated = self.update(changed, {"Ref": {"Value": {"Ref": "Role"}}, "Id": {"Value": {"Fn::GetAtt": ["Role", "RoleId"]}}})
        self.assertEqual(updated, out)  # the same role
        got = self.iam.get_role(RoleName=out["Ref"])["Role"]
        self.assertEqual(got["AssumeRolePolicyDocument"]["Statement"][0]["Principal"], {"Service": "lambda.amazonaws.com"})
        self.assertEqual(got["Description"], "the workers")
        self.assertEqual(got["MaxSessionDuration"], 3600)
        self.assertNotIn("PermissionsBoundary", got)
        self.assertEqual([(t["Key"], t["Value"]) for t in got["Tags"]], [("team", "workers")])
        self.assertEqual(self.iam.list_role_policies(RoleName=out["Ref"])["PolicyNames"], ["send"])
        self.assertEqual(self.attached(out["Ref"]), sorted([LOGS_ARN, self.physical_id("Extra")]))

    def restart_moto(self, load_aws_managed_policies: bool) -> Any:
        """A context in which moto's IAM holds AWS managed policies (the emulator's setting) or not (moto's default)."""
        test = self

        class Restarted:
            def __enter__(self) -> None:
                test.mock.stop()
                self.env = mock.patch.dict(os.environ, {"MOTO_IAM_LOAD_MANAGED_POLICIES": str(load_aws_managed_policies).lower()})
                self.env.start()
                test.mock.start()
                test.iam = test.client("iam")

            def __exit__(self, *_: Any) -> None:
                test.mock.stop()
                self.env.stop()
                test.mock.start()

        return Restarted()

    def test_without_aws_managed_policies_loaded_attaches_moto_s_copy_held_by_the_role_only(self) -> None:
        # moto holds AWS managed policies only when configured to (the emulator is); without them, the
        # policies a template attaches are no resources of the account, so no leftovers either.
        with self.restart_moto(load_aws_managed_policies=False):
            self.deploy({"A": role(ManagedPolicyArns=[SSM_CORE, LOGS_ARN]), "B": role(ManagedPolicyArns=[SSM_CORE])})
            a, b = self.physical_id("A"), self.physical_id("B")
            self.assertEqual(self.attached(a), sorted([SSM_CORE_ARN, LOGS_ARN]))
            self.assertEqual(self.attached(b), [SSM_CORE_ARN])
            rows = [r for r in inventory() if r["service"] == "iam"]
            self.assertEqual([r["type"] for r in rows if r["type"] != "Role"], [])
            self.update({"A": role(ManagedPolicyArns=[LOGS_ARN]), "B": role(ManagedPolicyArns=[SSM_CORE])})
            self.assertEqual(self.attached(a), [LOGS_ARN])
            self.assertEqual(self.attached(b), [SSM_CORE_ARN])
            self.destroy()
            self.assertEqual([r for r in inventory() if r["service"] == "iam"], [])

    def test_keeps_what_other_resources_put_on_the_role(self) -> None:
        resources = {
            "Role": role(Policies=[{"PolicyName": "own", "PolicyDocument": doc("sqs:ReceiveMessage")}]),
            "Inline": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "other", "PolicyDocument": doc("s3:GetObject"), "Roles": [{"Ref": "Role"}]}},
            "Managed": managed_policy(Roles=[{"Ref": "Role"}]),
        }
        self.deploy(resources)
        resources["Role"] = role(Description="changed", Policies=[{"PolicyName": "own", "PolicyDocument": doc("sqs:ReceiveMessage")}])
        self.update(resources)
        name = self.physical_id("Role")
        self.assertEqual(sorted(self.iam.list_role_policies(RoleName=name)["PolicyNames"]), ["other", "own"])
        self.assertEqual(self.attached(name), [self.physical_id("Managed")])

    def test_a_new_name_replaces_the_role(self) -> None:
        self.deploy({"Role": role(RoleName="web")})
        out = self.update({"Role": role(RoleName="workers")}, {"Ref": {"Value": {"Ref": "Role"}}})
        self.assertEqual(out["Ref"], "workers")
        self.assertEqual([r["RoleName"] for r in self.iam.list_roles()["Roles"]], ["workers"])

    def test_deleting_the_stack_takes_everything_off_the_role_and_deletes_it(self) -> None:
        resources = {
            **self.full_role(),
            "Profile": {"Type": "AWS::IAM::InstanceProfile", "Properties": {"Roles": [{"Ref": "Role"}]}},
            "Inline": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "other", "PolicyDocument": doc("s3:GetObject"), "Roles": [{"Ref": "Role"}]}},
        }
        self.deploy(resources)
        self.assertTrue(self.iam_rows())
        self.destroy()
        self.assert_nothing_left()

    def test_attaches_the_aws_managed_policies_moto_holds(self) -> None:
        with self.restart_moto(load_aws_managed_policies=True):
            out = self.deploy({"Role": role(ManagedPolicyArns=[SSM_CORE])}, {"Ref": {"Value": {"Ref": "Role"}}})
            self.assertEqual(self.attached(out["Ref"]), [SSM_CORE_ARN])
            self.assertEqual(self.iam.get_policy(PolicyArn=SSM_CORE_ARN)["Policy"]["AttachmentCount"], 1)
            self.destroy()
            self.assertEqual(self.iam.get_policy(PolicyArn=SSM_CORE_ARN)["Policy"]["AttachmentCount"], 0)
            self.assert_nothing_left()


class PolicyTest(IamTestCase):
    def stack(self, **props: Any) -> dict[str, Any]:
        return {
            "A": role(),
            "B": role(),
            "User": {"Type": "AWS::IAM::User", "Properties": {}},
            "Policy": {
                "Type": "AWS::IAM::Policy",
                "Properties": {"PolicyName": "read-queue", "PolicyDocument": doc("sqs:ReceiveMessage"), "Roles": [{"Ref": "A"}], **props},
            },
        }

    def test_puts_the_policy_on_each_role_user_and_group(self) -> None:
        self.iam.create_group(GroupName="readers")
        out = self.deploy(
            self.stack(Users=[{"Ref": "User"}], Groups=["readers"]),
            {"Ref": {"Value": {"Ref": "Policy"}}, "Id": {"Value": {"Fn::GetAtt": ["Policy", "Id"]}}},
        )
        self.assertEqual(out["Id"], out["Ref"])
        got = self.iam.get_role_policy(RoleName=self.physical_id("A"), PolicyName="read-queue")["PolicyDocument"]
        self.assertEqual(got["Statement"][0]["Action"], ["sqs:ReceiveMessage"])
        self.assertEqual(self.iam.list_user_policies(UserName=self.physical_id("User"))["PolicyNames"], ["read-queue"])
        self.assertEqual(self.iam.list_group_policies(GroupName="readers")["PolicyNames"], ["read-queue"])
        self.assertEqual(self.iam.list_role_policies(RoleName=self.physical_id("B"))["PolicyNames"], [])

    def test_an_invalid_document_fails_the_policy(self) -> None:
        template = {"Resources": {**self.stack(PolicyDocument={"Statement": [{"Effect": "Allow"}]})}}
        try:
            self.cfn.create_stack(StackName="s", TemplateBody=json.dumps(template))
            status = self.cfn.describe_stacks(StackName="s")["Stacks"][0]["StackStatus"]
        except Exception:  # moto raises the resource's error from CreateStack
            status = "CREATE_FAILED"
        self.assertNotEqual(status, "CREATE_COMPLETE")

    def test_update_moves_and_rewrites_the_policy(self) -> None:
        out = self.deploy(self.stack(), {"Ref": {"Value": {"Ref": "Policy"}}})
        updated = self.update(self.stack(PolicyName="send", PolicyDocument=doc("sqs:SendMessage"), Roles=[{"Ref": "B"}]), {"Ref": {"Value": {"Ref": "Policy"}}})
        self.assertEqual(updated, out)
        self.assertEqual(self.iam.list_role_policies(RoleName=self.physical_id("A"))["PolicyNames"], [])
        got = self.iam.get_role_policy(RoleName=self.physical_id("B"), PolicyName="send")["PolicyDocument"]
        self.assertEqual(got["Statement"][0]["Action"], ["sqs:SendMessage"])

    def test_removing_the_policy_takes_it_off_each_entity(self) -> None:
        self.iam.create_group(GroupName="readers")
        resources = self.stack(Users=[{"Ref": "User"}], Groups=["readers"])
        self.deploy(resources)
        del resources["Policy"]
        self.update(resources)
        self.assertEqual(self.iam.list_role_policies(RoleName=self.physical_id("A"))["PolicyNames"], [])
        self.assertEqual(self.iam.list_user_policies(UserName=self.physical_id("User"))["PolicyNames"], [])
        self.assertEqual(self.iam.list_group_policies(GroupName="readers")["PolicyNames"], [])

    def test_deleting_the_stack_leaves_nothing(self) -> None:
        self.deploy(self.stack(Users=[{"Ref": "User"}]))
        self.destroy()
        self.assert_nothing_left()


class InstanceProfileTest(IamTestCase):
    def test_creates_the_profile_with_its_role(self) -> None:
        out = self.deploy(
            {"Role": role(), "Profile": {"Type": "AWS::IAM::InstanceProfile", "Properties": {"Path": "/web/", "Roles": [{"Ref": "Role"}]}}},
            {"Ref": {"Value": {"Ref": "Profile"}}, "Arn": {"Value": {"Fn::GetAtt": ["Profile", "Arn"]}}},
        )
        got = self.iam.get_instance_profile(InstanceProfileName=out["Ref"])["InstanceProfile"]
        self.assertEqual(got["Arn"], out["Arn"])
        self.assertEqual(got["Path"], "/web/")
        self.assertEqual([r["RoleName"] for r in got["Roles"]], [self.physical_id("Role")])

    def test_update_changes_the_role_in_place(self) -> None:
        profile = {"Type": "AWS::IAM::InstanceProfile", "Properties": {"Roles": [{"Ref": "A"}]}}
        out = self.deploy({"A": role(), "B": role(), "Profile": profile}, {"Ref": {"Value": {"Ref": "Profile"}}})
        updated = self.update(
            {"A": role(), "B": role(), "Profile": {**profile, "Properties": {"Roles": [{"Ref": "B"}]}}}, {"Ref": {"Value": {"Ref": "Profile"}}}
        )
        self.assertEqual(updated, out)
        got = self.iam.get_instance_profile(InstanceProfileName=out["Ref"])["InstanceProfile"]
        self.assertEqual([r["RoleName"] for r in got["Roles"]], [self.physical_id("B")])

    def test_a_new_name_replaces_the_profile(self) -> None:
        self.deploy({"Role": role(), "Profile": {"Type": "AWS::IAM::InstanceProfile", "Properties": {"InstanceProfileName": "web", "Roles": [{"Ref": "Role"}]}}})
        self.update({"Role": role(), "Profile": {"Type": "AWS::IAM::InstanceProfile", "Properties": {"InstanceProfileName": "workers", "Roles": [{"Ref": "Role"}]}}})
        self.assertEqual([p["InstanceProfileName"] for p in self.iam.list_instance_profiles()["InstanceProfiles"]], ["workers"])

    def test_deleting_the_stack_leaves_nothing(self) -> None:
        self.deploy({"Role": role(), "Profile": {"Type": "AWS::IAM::InstanceProfile", "Properties": {"Roles": [{"Ref": "Role"}]}}})
        self.destroy()
        self.assert_nothing_left()


class UserTest(IamTestCase):
    def user(self, **changes: Any) -> dict[str, Any]:
        props = {
            "Path": "/people/",
            "Groups": ["readers"],
            "Policies": [{"PolicyName": "read-queue", "PolicyDocument": doc("sqs:ReceiveMessage")}],
            "ManagedPolicyArns": [{"Ref": "Managed"}],
            "LoginProfile": {"Password": "correct-horse-1", "PasswordResetRequired": "true"},
            "Tags": [{"Key": "team", "Value": "web"}],
            **changes,
        }
        return {
            "Managed": managed_policy(),
            "User": {"Type": "AWS::IAM::User", "Properties": {k: v for k, v in props.items() if v is not None}},
        }

    def setUp(self) -> None:
        super().setUp()
        self.iam.create_group(GroupName="readers")
        self.iam.create_group(GroupName="writers")

    def test_creates_the_user_with_its_groups_policies_login_and_tags(self) -> None:
        out = self.deploy(self.user(), {"Ref": {"Value": {"Ref": "User"}}, "Arn": {"Value": {"Fn::GetAtt": ["User", "Arn"]}}})
        got = self.iam.get_user(UserName=out["Ref"])["User"]
        self.assertEqual(got["Arn"], out["Arn"])
        self.assertEqual(got["Path"], "/people/")
        self.assertEqual(got["Tags"], [{"Key": "team", "Value": "web"}])
        self.assertEqual([g["GroupName"] for g in self.iam.list_groups_for_user(UserName=out["Ref"])["Groups"]], ["readers"])
        self.assertEqual(self.iam.list_user_policies(UserName=out["Ref"])["PolicyNames"], ["read-queue"])
        attached = self.iam.list_attached_user_policies(UserName=out["Ref"])["AttachedPolicies"]
        self.assertEqual([p["PolicyArn"] for p in attached], [self.physical_id("Managed")])
        self.assertTrue(self.iam.get_login_profile(UserName=out["Ref"])["LoginProfile"]["PasswordResetRequired"])

    def test_updates_the_user_in_place(self) -> None:
        out = self.deploy(self.user(), {"Ref": {"Value": {"Ref": "User"}}})
        changed = self.user(
            Path="/staff/",
            Groups=["writers"],
            Policies=[{"PolicyName": "send", "PolicyDocument": doc("sqs:SendMessage")}],
            ManagedPolicyArns=None,
            LoginProfile=None,
            Tags=[{"Key": "tier", "Value": "1"}],
        )
        self.assertEqual(self.update(changed, {"Ref": {"Value": {"Ref": "User"}}}), out)
        got = self.iam.get_user(UserName=out["Ref"])["User"]
        self.assertEqual(got["Path"], "/staff/")
        self.assertEqual(got["Tags"], [{"Key": "tier", "Value": "1"}])
        self.assertEqual([g["GroupName"] for g in self.iam.list_groups_for_user(UserName=out["Ref"])["Groups"]], ["writers"])
        self.assertEqual(self.iam.list_user_policies(UserName=out["Ref"])["PolicyNames"], ["send"])
        self.assertEqual(self.iam.list_attached_user_policies(UserName=out["Ref"])["AttachedPolicies"], [])
        with self.assertRaises(self.iam.exceptions.NoSuchEntityException):
            self.iam.get_login_profile(UserName=out["Ref"])

    def test_a_new_name_replaces_the_user(self) -> None:
        self.deploy(self.user(UserName="ann"))
        self.update(self.user(UserName="bob"))
        self.assertEqual([u["UserName"] for u in self.iam.list_users()["Users"]], ["bob"])

    def test_deleting_the_stack_leaves_nothing(self) -> None:
        self.deploy(self.user())
        self.destroy()
        self.assertEqual(self.iam.get_group(GroupName="readers")["Users"], [])
        self.iam.delete_group(GroupName="readers")
        self.iam.delete_group(GroupName="writers")
        self.assert_nothing_left()


class AccessKeyTest(IamTestCase):
    def stack(self, **props: Any) -> dict[str, Any]:
        return {
            "User": {"Type": "AWS::IAM::User", "Properties": {}},
            "Key": {"Type": "AWS::IAM::AccessKey", "Properties": {"UserName": {"Ref": "User"}, **props}},
        }

    OUTPUTS = {
        "Ref": {"Value": {"Ref": "Key"}},
        "Id": {"Value": {"Fn::GetAtt": ["Key", "Id"]}},
        "Secret": {"Value": {"Fn::GetAtt": ["Key", "SecretAccessKey"]}},
    }

    def keys(self) -> list[dict[str, Any]]:
        return self.iam.list_access_keys(UserName=self.physical_id("User"))["AccessKeyMetadata"]

    def test_creates_the_key_for_the_user(self) -> None:
        out = self.deploy(self.stack(), self.OUTPUTS)
        self.assertEqual(out["Id"], out["Ref"])
        self.assertEqual(len(out["Secret"]), 40)
        self.assertEqual([(k["AccessKeyId"], k["Status"]) for k in self.keys()], [(out["Ref"], "Active")])

    def test_a_new_status_updates_the_same_key(self) -> None:
        out = self.deploy(self.stack(), self.OUTPUTS)
        self.assertEqual(self.update(self.stack(Status="Inactive"), self.OUTPUTS), out)
        self.assertEqual([(k["AccessKeyId"], k["Status"]) for k in self.keys()], [(out["Ref"], "Inactive")])

    def test_a_new_serial_replaces_the_key(self) -> None:
        out = self.deploy(self.stack(Serial=1), self.OUTPUTS)
        updated = self.update(self.stack(Serial=2), self.OUTPUTS)
        self.assertNotEqual(updated["Ref"], out["Ref"])
        self.assertEqual([k["AccessKeyId"] for k in self.keys()], [updated["Ref"]])

    def test_deleting_the_stack_leaves_nothing(self) -> None:
        self.deploy(self.stack())
        self.destroy()
        self.assert_nothing_left()


if __name__ == "__main__":
    unittest.main()
