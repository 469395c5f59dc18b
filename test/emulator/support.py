"""Shared by the model tests: each test runs in-process under moto's mock_aws, with
oar_moto's models loaded first, and creates real stacks through CloudFormation."""

import gzip
import json
import os
import sys
import unittest
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "generators" / "emulator"))


def _default_amis_only() -> None:
    """Each EC2 backend otherwise loads thousands of "latest" AMIs per Region, with a volume and snapshot each
    (0.1 s per Region per test); moto's 44 default images, read from MOTO_AMIS_PATH, serve every test."""
    import importlib.util
    import tempfile

    spec = importlib.util.find_spec("moto")
    assert spec is not None and spec.origin is not None
    target = Path(tempfile.gettempdir()) / "oar-moto-default-amis.json"
    if not target.exists():
        source = Path(spec.origin).parent / "ec2" / "resources" / "amis.json.gz"
        partial = target.with_suffix(f".{os.getpid()}")
        partial.write_bytes(gzip.decompress(source.read_bytes()))
        os.replace(partial, target)
    os.environ.setdefault("MOTO_AMIS_PATH", str(target))


_default_amis_only()

from oar_moto import load_models  # noqa: E402

load_models()

import boto3  # noqa: E402
from moto import mock_aws  # noqa: E402

REGION = "us-east-1"

# One session for every test: boto3.client() builds a new default session each time moto resets it, and each new
# session parses the service's JSON model again (a third of the suite's time).
_SESSION = boto3.session.Session()


def amazon_image_id() -> str:
    """One of moto's default Amazon images. Listing them all (Owners=["amazon"]) serializes thousands: seconds a call."""
    from moto.ec2.models.amis import AMIS

    return str(AMIS[0]["ami_id"])


class StackTestCase(unittest.TestCase):
    """A test case with a mocked account; ``deploy`` creates a stack and returns its outputs."""

    def setUp(self) -> None:
        self.mock = mock_aws()
        self.mock.start()
        self.cfn = self.client("cloudformation")

    def tearDown(self) -> None:
        self.mock.stop()

    def client(self, service: str, region: str = REGION) -> Any:
        return _SESSION.client(service, region_name=region)  # type: ignore[call-overload]

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
