"""AWS::S3::BucketPolicy, through moto's S3 backend (put_bucket_policy / delete_bucket_policy),
and the fix to moto's bucket policy check that a bucket policy with a condition needs."""

import json
from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.iam.access_control import IAMPolicy, PermissionResult
from moto.s3.exceptions import MissingBucket
from moto.s3.models import FakeBucket, s3_backends
from moto.utilities.utils import get_partition


def _holds_without_context(condition: dict[str, Any]) -> bool:
    """Whether a statement's Condition holds for a request whose context has no keys, as IAM
    evaluates it: a key absent from the request matches only ...IfExists operators and Null
    (with "true")."""
    for operator, keys in condition.items():
        for expected in keys.values():
            if operator.endswith("IfExists"):
                continue
            values = expected if isinstance(expected, list) else [expected]
            if operator == "Null" and any(str(v).lower() == "true" for v in values):
                continue
            return False
    return True


def get_permission(self: FakeBucket, action: str, resource: str) -> PermissionResult:
    """moto 5.2 checks object requests against the bucket policy with no request context, yet
    takes every Condition as met (and a statement whose condition fails as a denial). So the
    usual "deny unless aws:SecureTransport" policy (CDK's enforceSSL, the CDK bootstrap's assets
    bucket) denies every PutObject. Here a statement applies only if its condition holds for a
    request with no context keys, as IAM would evaluate it."""
    if self.policy is None:
        return PermissionResult.NEUTRAL
    document = json.loads(self.policy.decode())
    statements = document.get("Statement", [])
    if isinstance(statements, dict):
        statements = [statements]
    applicable = [
        {k: v for k, v in s.items() if k != "Condition"} for s in statements if _holds_without_context(s.get("Condition", {}))
    ]
    if not applicable:
        return PermissionResult.NEUTRAL
    return IAMPolicy(json.dumps({**document, "Statement": applicable})).is_action_permitted(action, resource)


# FakeBucket objects are made by moto's backend, so the fix replaces the method on moto's class.
FakeBucket.get_permission = get_permission  # type: ignore[method-assign]


def _policy_bytes(document: Any) -> bytes:
    """PolicyDocument is JSON in the template; the API stores the policy as its text."""
    text = document if isinstance(document, str) else json.dumps(document)
    return text.encode("utf-8")


class BucketPolicy(CloudFormationModel):
    def __init__(self, bucket_name: str, account_id: str, region_name: str):
        self.bucket_name = bucket_name
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3-bucketpolicy.html
        return "AWS::S3::BucketPolicy"

    @property
    def physical_resource_id(self) -> str:
        # The resource's primary identifier is its Bucket: Ref returns the bucket name.
        return self.bucket_name

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        raise UnformattedGetAttTemplateException()

    @classmethod
    def _put(cls, props: dict[str, Any], account_id: str, region_name: str) -> "BucketPolicy":
        backend = s3_backends[account_id][get_partition(region_name)]
        backend.put_bucket_policy(props["Bucket"], _policy_bytes(props["PolicyDocument"]))
        return cls(props["Bucket"], account_id, region_name)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "BucketPolicy":
        return cls._put(cloudformation_json["Properties"], account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "BucketPolicy",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "BucketPolicy":
        props = cloudformation_json["Properties"]
        if props["Bucket"] != original_resource.bucket_name:  # Bucket: update requires replacement
            original_resource.delete(account_id, region_name)
        return cls._put(props, account_id, region_name)

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        cls(resource_name, account_id, region_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        try:
            s3_backends[account_id][get_partition(region_name)].delete_bucket_policy(self.bucket_name)
        except MissingBucket:
            pass  # the bucket went first: its policy went with it
