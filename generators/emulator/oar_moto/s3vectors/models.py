"""AWS::S3Vectors::VectorBucket and AWS::S3Vectors::Index, created through moto's S3 Vectors backend."""

from datetime import datetime, timezone
from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.s3vectors.exceptions import IndexNotFound, VectorBucketNotFound
from moto.s3vectors.models import S3VectorsBackend, s3vectors_backends
from moto.utilities.arns import parse_arn
from moto.utilities.utils import get_partition


def _backend(account_id: str, region_name: str) -> S3VectorsBackend:
    # moto keeps one S3 Vectors backend per partition, as its responses.py looks it up.
    return s3vectors_backends[account_id][get_partition(region_name)]


def _generated_name(resource_name: str) -> str:
    """A name CloudFormation would generate: lowercase, at most 63 characters, no trailing hyphen."""
    return resource_name.lower()[-63:].strip("-")


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class VectorBucket(CloudFormationModel):
    def __init__(self, arn: str, name: str, account_id: str, region_name: str):
        self.arn = arn
        self.name = name
        self.account_id = account_id
        self.region_name = region_name
        self.creation_time = _now()

    @staticmethod
    def cloudformation_name_type() -> str:
        return "VectorBucketName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3vectors-vectorbucket.html
        return "AWS::S3Vectors::VectorBucket"

    @property
    def physical_resource_id(self) -> str:
        # Ref returns the vector bucket's ARN.
        return self.arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["VectorBucketArn", "CreationTime"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "VectorBucketArn":
            return self.arn
        if attribute_name == "CreationTime":
            return self.creation_time
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "VectorBucket":
        props = cloudformation_json.get("Properties", {})
        name = props.get("VectorBucketName") or _generated_name(resource_name)
        encryption = props.get("EncryptionConfiguration") or {}
        backend = _backend(account_id, region_name)
        backend.create_vector_bucket(
            region=region_name,
            vector_bucket_name=name,
            encryption_configuration={
                k: v
                for k, v in {"sseType": encryption.get("SseType"), "kmsKeyArn": encryption.get("KmsKeyArn")}.items()
                if v
            },
        )
        # moto's S3 Vectors backend keeps no tags, so Tags are not stored.
        bucket = backend.get_vector_bucket(vector_bucket_name=name)
        return cls(bucket.vector_bucket_arn, name, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "VectorBucket",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "VectorBucket":
        # VectorBucketName and EncryptionConfiguration both require replacement.
        props = cloudformation_json.get("Properties", {})
        bucket = _backend(account_id, region_name).get_vector_bucket(vector_bucket_arn=original_resource.arn)
        wanted = props.get("EncryptionConfiguration") or {}
        same_encryption = bucket.encryption_configuration.get("sseType") == wanted.get(
            "SseType", "AES256"
        ) and bucket.encryption_configuration.get("kmsKeyArn") == wanted.get("KmsKeyArn")
        if props.get("VectorBucketName", original_resource.name) == original_resource.name and same_encryption:
            return original_resource
        original_resource.delete(account_id, region_name)
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        backend = _backend(account_id, region_name)
        try:
            bucket = backend.get_vector_bucket(vector_bucket_arn=resource_name)
        except VectorBucketNotFound:
            return
        backend.delete_vector_bucket(vector_bucket_name=bucket.vector_bucket_name)

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.arn, {}, account_id, region_name)


class Index(CloudFormationModel):
    def __init__(self, arn: str, account_id: str, region_name: str):
        self.arn = arn
        self.account_id = account_id
        self.region_name = region_name
        self.creation_time = _now()

    @staticmethod
    def cloudformation_name_type() -> str:
        return "IndexName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3vectors-index.html
        return "AWS::S3Vectors::Index"

    @property
    def physical_resource_id(self) -> str:
        # Ref returns the index's ARN.
        return self.arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["IndexArn", "CreationTime"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "IndexArn":
            return self.arn
        if attribute_name == "CreationTime":
            return self.creation_time
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Index":
        props = cloudformation_json.get("Properties", {})
        name = props.get("IndexName") or _generated_name(resource_name)
        backend = _backend(account_id, region_name)
        bucket = backend.get_vector_bucket(
            vector_bucket_name=props.get("VectorBucketName"), vector_bucket_arn=props.get("VectorBucketArn")
        )
        backend.create_index(
            vector_bucket_name=bucket.vector_bucket_name,
            vector_bucket_arn=bucket.vector_bucket_arn,
            index_name=name,
            data_type=props.get("DataType", "float32"),
            dimension=int(props["Dimension"]),
            distance_metric=props["DistanceMetric"],
        )
        index = backend.get_index(bucket.vector_bucket_name, name, index_arn="")
        return cls(index.index_arn, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Index",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Index":
        # Every property of an index but Tags requires replacement.
        props = cloudformation_json.get("Properties", {})
        index = _backend(account_id, region_name).get_index("", "", index_arn=original_resource.arn)
        unchanged = (
            props.get("IndexName", index.index_name) == index.index_name
            and int(props["Dimension"]) == index.dimension
            and props["DistanceMetric"] == index.distance_metric
            and props.get("DataType", "float32") == index.data_type
        )
        if unchanged:
            return original_resource
        original_resource.delete(account_id, region_name)
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        bucket_name, _, index_name = parse_arn(resource_name).resource_id.split("/")
        try:
            _backend(account_id, region_name).delete_index(bucket_name, index_name, index_arn="")
        except IndexNotFound:
            return

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.arn, {}, account_id, region_name)
