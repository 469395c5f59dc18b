"""AWS::S3::BucketPolicy, through moto's S3 backend (put_bucket_policy / delete_bucket_policy)."""

import json
from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.s3.exceptions import MissingBucket
from moto.s3.models import s3_backends
from moto.utilities.utils import get_partition


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
