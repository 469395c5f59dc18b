"""Change sets belong to their stack: the CDK toolkit names every stack's change sets alike
(cdk-deploy-change-set), so on an emulator that holds several stacks a call naming a change set
and a stack must reach that stack's change set and no other."""

import json
from typing import Any

from support import StackTestCase

NAME = "cdk-deploy-change-set"


def template(*resources: str) -> str:
    return json.dumps({"Resources": {r: {"Type": "AWS::SQS::Queue"} for r in resources}})


class ChangeSetScopeTest(StackTestCase):
    def setUp(self) -> None:
        super().setUp()
        # Two stacks, each with a change set of the same name that would add a different queue.
        for stack in ("a", "b"):
            self.cfn.create_stack(StackName=stack, TemplateBody=template("Q"))
        for stack, only in (("a", "OnlyA"), ("b", "OnlyB")):
            self.cfn.create_change_set(
                StackName=stack, ChangeSetName=NAME, TemplateBody=template("Q", only), ChangeSetType="UPDATE"
            )

    def describe(self, stack: str, name: str = NAME) -> dict[str, Any]:
        return dict(self.cfn.describe_change_set(StackName=stack, ChangeSetName=name))

    def added(self, stack: str) -> list[str]:
        changes = [c["ResourceChange"] for c in self.describe(stack)["Changes"]]
        return [c["LogicalResourceId"] for c in changes if c["Action"] == "Add"]

    def logical_ids(self, stack: str) -> list[str]:
        resources = self.cfn.describe_stack_resources(StackName=stack)["StackResources"]
        return sorted(r["LogicalResourceId"] for r in resources)

    def test_describing_by_name_answers_that_stacks_change_set(self) -> None:
        self.assertEqual((self.describe("a")["StackName"], self.added("a")), ("a", ["OnlyA"]))
        self.assertEqual((self.describe("b")["StackName"], self.added("b")), ("b", ["OnlyB"]))

    def test_a_stack_id_names_the_stack_as_its_name_does(self) -> None:
        stack_id = self.cfn.describe_stacks(StackName="a")["Stacks"][0]["StackId"]
        self.assertEqual(self.describe(stack_id)["StackName"], "a")

    def test_an_arn_identifies_one_change_set_exactly(self) -> None:
        arn = self.describe("a")["ChangeSetId"]
        self.assertEqual(self.describe("a", arn)["ChangeSetId"], arn)
        self.assertEqual(self.cfn.describe_change_set(ChangeSetName=arn)["StackName"], "a")

    def test_executing_by_name_executes_that_stacks_change_set_and_leaves_the_others(self) -> None:
        self.cfn.execute_change_set(StackName="a", ChangeSetName=NAME)
        self.assertEqual(self.logical_ids("a"), ["OnlyA", "Q"])
        self.assertEqual(self.logical_ids("b"), ["Q"])
        self.assertEqual(self.describe("a")["ExecutionStatus"], "EXECUTE_COMPLETE")
        self.assertEqual(self.describe("b")["ExecutionStatus"], "AVAILABLE")

    def test_deleting_by_name_deletes_that_stacks_change_set_only(self) -> None:
        self.cfn.delete_change_set(StackName="b", ChangeSetName=NAME)
        with self.assertRaises(self.cfn.exceptions.ChangeSetNotFoundException):
            self.describe("b")
        self.assertEqual(self.added("a"), ["OnlyA"])

    def test_listing_a_stacks_change_sets_lists_only_its_own(self) -> None:
        [summary] = self.cfn.list_change_sets(StackName="b")["Summaries"]
        self.assertEqual((summary["StackName"], summary["ChangeSetName"]), ("b", NAME))

    def test_creating_a_name_the_stack_already_has_is_refused_as_in_aws(self) -> None:
        with self.assertRaises(self.cfn.exceptions.AlreadyExistsException):
            body = template("Q", "Again")
            self.cfn.create_change_set(StackName="a", ChangeSetName=NAME, TemplateBody=body, ChangeSetType="UPDATE")
        self.assertEqual(self.added("a"), ["OnlyA"])

    def test_a_create_change_set_for_a_stack_that_exists_is_refused_as_in_aws(self) -> None:
        # moto made a second live stack of the same name, and a name then named two stacks.
        with self.assertRaises(self.cfn.exceptions.ClientError) as creating:
            body = template("Q")
            self.cfn.create_change_set(StackName="a", ChangeSetName="new", TemplateBody=body, ChangeSetType="CREATE")
        self.assertIn("already exists", creating.exception.response["Error"]["Message"])
        self.assertEqual([s["StackName"] for s in self.cfn.describe_stacks()["Stacks"]], ["a", "b"])

    def test_a_change_set_of_a_stack_that_does_not_exist_is_not_found(self) -> None:
        with self.assertRaises(self.cfn.exceptions.ChangeSetNotFoundException):
            self.describe("nowhere")
        with self.assertRaises(self.cfn.exceptions.ChangeSetNotFoundException):
            self.cfn.execute_change_set(StackName="nowhere", ChangeSetName=NAME)
        with self.assertRaises(self.cfn.exceptions.ClientError) as deleting:
            self.cfn.delete_change_set(StackName="nowhere", ChangeSetName=NAME)
        self.assertEqual(deleting.exception.response["Error"]["Code"], "ValidationError")


class ToolkitSequenceTest(StackTestCase):
    """The CDK toolkit's calls for a change-set deploy, for one stack after another on the same emulator."""

    def toolkit_deploy(self, stack: str, *resources: str) -> bool:
        """Deploys as the toolkit does; True when it changed the stack, False for an empty change set."""
        exists = any(s["StackName"] == stack for s in self.cfn.describe_stacks()["Stacks"])
        if exists:
            # Clears a stale change set, then waits until a describe answers ChangeSetNotFound: on unscoped
            # change sets the delete removed another stack's and this wait never ended.
            self.cfn.delete_change_set(StackName=stack, ChangeSetName=NAME)
            with self.assertRaises(self.cfn.exceptions.ChangeSetNotFoundException):
                self.cfn.describe_change_set(StackName=stack, ChangeSetName=NAME)
        created = self.cfn.create_change_set(
            StackName=stack,
            ChangeSetName=NAME,
            TemplateBody=template(*resources),
            ChangeSetType="UPDATE" if exists else "CREATE",
        )
        ids = {"StackName": created["StackId"], "ChangeSetName": created["Id"]}
        described = self.cfn.describe_change_set(**ids)
        self.assertEqual(described["StackName"], stack)
        if described["Status"] == "FAILED" and "didn't contain changes" in described["StatusReason"]:
            self.cfn.delete_change_set(**ids)
            return False
        self.cfn.execute_change_set(**ids)
        return True

    def resources_of(self, stack: str) -> list[str]:
        resources = self.cfn.describe_stack_resources(StackName=stack)["StackResources"]
        return sorted(r["LogicalResourceId"] for r in resources)

    def test_two_stacks_deploy_and_redeploy_each_on_its_own_change_sets(self) -> None:
        self.assertTrue(self.toolkit_deploy("a", "Q"))
        self.assertTrue(self.toolkit_deploy("b", "Q"))
        self.assertFalse(self.toolkit_deploy("a", "Q"))
        self.assertTrue(self.toolkit_deploy("b", "Q", "R"))
        self.assertEqual((self.resources_of("a"), self.resources_of("b")), (["Q"], ["Q", "R"]))

    def test_a_stack_deployed_after_another_was_destroyed_redeploys_as_a_no_op(self) -> None:
        self.assertTrue(self.toolkit_deploy("a", "Q"))
        self.cfn.delete_stack(StackName="a")
        self.assertTrue(self.toolkit_deploy("b", "Q"))
        self.assertFalse(self.toolkit_deploy("b", "Q"))
        self.assertEqual(self.cfn.list_change_sets(StackName="b")["Summaries"], [])

    def test_deleting_a_change_set_the_stack_lacks_succeeds_and_leaves_another_stacks(self) -> None:
        self.toolkit_deploy("a", "Q")
        self.cfn.create_stack(StackName="b", TemplateBody=template("Q"))
        self.cfn.delete_change_set(StackName="b", ChangeSetName=NAME)
        with self.assertRaises(self.cfn.exceptions.ChangeSetNotFoundException):
            self.cfn.describe_change_set(StackName="b", ChangeSetName=NAME)
        self.assertEqual(self.cfn.describe_change_set(StackName="a", ChangeSetName=NAME)["StackName"], "a")


if __name__ == "__main__":
    import unittest

    unittest.main()
