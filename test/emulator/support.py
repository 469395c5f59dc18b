"""Shared by the model tests: each test runs in-process under moto's mock_aws, with
oar_moto's models loaded first, and creates real stacks through CloudFormation."""

import json
import sys
import unittest
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "generators" / "emulator"))

from oar_moto import load_models  # noqa: E402

load_models()

import boto3  # noqa: E402
from moto import mock_aws  # noqa: E402

REGION = "us-east-1"


class StackTestCase(unittest.TestCase):
    """A test case with a mocked account; ``deploy`` creates a stack and returns its outputs."""

    def setUp(self) -> None:
        self.mock = mock_aws()
        self.mock.start()
        self.cfn = boto3.client("cloudformation", region_name=REGION)

    def tearDown(self) -> None:
        self.mock.stop()

    def client(self, service: str) -> Any:
        return boto3.client(service, region_name=REGION)

    def deploy(self, resources: dict[str, Any], outputs: dict[str, Any] | None = None, name: str = "s") -> dict[str, str]:
        template = {"Resources": resources, "Outputs": outputs or {}}
        self.cfn.create_stack(StackName=name, TemplateBody=json.dumps(template), Capabilities=["CAPABILITY_IAM"])
        stack = self.cfn.describe_stacks(StackName=name)["Stacks"][0]
        self.assertEqual(stack["StackStatus"], "CREATE_COMPLETE", stack.get("StackStatusReason"))
        return {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}

    def update(self, resources: dict[str, Any], outputs: dict[str, Any] | None = None, name: str = "s") -> dict[str, str]:
        template = {"Resources": resources, "Outputs": outputs or {}}
        self.cfn.update_stack(StackName=name, TemplateBody=json.dumps(template), Capabilities=["CAPABILITY_IAM"])
        stack = self.cfn.describe_stacks(StackName=name)["Stacks"][0]
        self.assertEqual(stack["StackStatus"], "UPDATE_COMPLETE", stack.get("StackStatusReason"))
        return {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}

    def destroy(self, name: str = "s") -> None:
        self.cfn.delete_stack(StackName=name)

    def physical_id(self, logical_id: str, name: str = "s") -> str:
        res = self.cfn.describe_stack_resource(StackName=name, LogicalResourceId=logical_id)
        return str(res["StackResourceDetail"]["PhysicalResourceId"])
