"""AWS::S3Tables::TableBucket, AWS::S3Tables::Namespace and AWS::S3Tables::Table, created through moto's
S3 Tables backend (CreateTableBucket, CreateNamespace, CreateTable).

moto 5.2.1's backend keeps a table bucket's name, a namespace's name and a table's name, namespace and
format. It has no calls for a table bucket's encryption, maintenance (unreferenced file removal), metrics,
replication or storage class, nor for a table's maintenance (Compaction, SnapshotManagement), schema
(IcebergMetadata) or storage class, nor for tags; those properties are ignored here, because there is no
backend call to keep them with. Names are fixed at creation, as they are in CloudFormation (a new name
replaces the resource); a table's schema or maintenance change updates nothing the backend keeps.
"""

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.s3tables.exceptions import NotFoundException, TableDoesNotExist
from moto.s3tables.models import S3TablesBackend, s3tables_backends


def _backend(account_id: str, region_name: str) -> S3TablesBackend:
    return s3tables_backends[account_id][region_name]


class TableBucket(CloudFormationModel):
    def __init__(self, arn: str, name: str, properties: dict[str, Any]):
        self.arn = arn
        self.name = name
        self.properties = properties

    @staticmethod
    def cloudformation_name_type() -> str:
        return "TableBucketName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3tables-tablebucket.html
        return "AWS::S3Tables::TableBucket"

    @property
    def physical_resource_id(self) -> str:
        return self.arn  # Ref returns the table bucket ARN

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["TableBucketARN"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "TableBucketARN":
            return self.arn
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "TableBucket":
        props = cloudformation_json.get("Properties") or {}
        # Table bucket names are lowercase letters, digits and hyphens; a generated name may not be.
        name = props.get("TableBucketName") or resource_name.lower().replace("_", "-")[:63]
        bucket = _backend(account_id, region_name).create_table_bucket(name)
        return cls(bucket.arn, name, props)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "TableBucket",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "TableBucket":
        props = cloudformation_json.get("Properties") or {}
        if props.get("TableBucketName", original_resource.name) != original_resource.name:
            new = cls.create_from_cloudformation_json(props["TableBucketName"], cloudformation_json, account_id, region_name)
            original_resource.delete(account_id, region_name)
            return new
        original_resource.properties = props  # nothing else of a table bucket is kept by the backend
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        try:
            _backend(account_id, region_name).delete_table_bucket(resource_name)
        except NotFoundException:
            pass

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.arn, {}, account_id, region_name)


class Namespace(CloudFormationModel):
    def __init__(self, table_bucket_arn: str, namespace: str):
        self.table_bucket_arn = table_bucket_arn
        self.namespace = namespace

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Namespace"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3tables-namespace.html
        return "AWS::S3Tables::Namespace"

    @property
    def physical_resource_id(self) -> str:
        # The primary identifier is TableBucketARN and Namespace; CloudFormation joins them with "|".
        return f"{self.table_bucket_arn}|{self.namespace}"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False  # the type has no Fn::GetAtt attributes

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Namespace":
        props = cloudformation_json["Properties"]
        name = props.get("Namespace") or resource_name.lower()
        _backend(account_id, region_name).create_namespace(props["TableBucketARN"], name)
        return cls(props["TableBucketARN"], name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Namespace",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Namespace":
        props = cloudformation_json["Properties"]
        if (props["TableBucketARN"], props.get("Namespace")) == (original_resource.table_bucket_arn, original_resource.namespace):
            return original_resource
        new = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        original_resource.delete(account_id, region_name)
        return new

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        arn, _, namespace = resource_name.partition("|")
        cls(arn, namespace).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        try:
            _backend(account_id, region_name).delete_namespace(self.table_bucket_arn, self.namespace)
        except NotFoundException:
            pass


class Table(CloudFormationModel):
    # Properties whose change makes CloudFormation replace the table.
    REPLACING = ("TableBucketARN", "Namespace", "TableName", "OpenTableFormat")

    def __init__(self, table_bucket_arn: str, namespace: str, name: str, account_id: str, region_name: str, properties: dict[str, Any]):
        self.table_bucket_arn = table_bucket_arn
        self.namespace = namespace
        self.name = name
        self.account_id = account_id
        self.region_name = region_name
        self.properties = properties

    @staticmethod
    def cloudformation_name_type() -> str:
        return "TableName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3tables-table.html
        return "AWS::S3Tables::Table"

    def _table(self) -> Any:
        return _backend(self.account_id, self.region_name).get_table(self.table_bucket_arn, self.namespace, self.name)

    @property
    def physical_resource_id(self) -> str:
        return f"{self.table_bucket_arn}/table/{self.name}"  # Ref returns the table ARN

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["TableARN", "VersionToken", "WarehouseLocation"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        table = self._table()
        if attribute_name == "TableARN":
            return table.arn
        if attribute_name == "VersionToken":
            return table.version_token
        if attribute_name == "WarehouseLocation":
            return table.warehouse_location
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Table":
        props = cloudformation_json["Properties"]
        name = props.get("TableName") or resource_name.lower()
        _backend(account_id, region_name).create_table(
            props["TableBucketARN"], props["Namespace"], name, props.get("OpenTableFormat", "ICEBERG")
        )
        return cls(props["TableBucketARN"], props["Namespace"], name, account_id, region_name, props)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Table",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Table":
        props = cloudformation_json["Properties"]
        old = {**original_resource.properties, "TableName": original_resource.name}
        new = {**props, "TableName": props.get("TableName") or original_resource.name}
        if any(old.get(p) != new.get(p) for p in cls.REPLACING):
            table = cls.create_from_cloudformation_json(new["TableName"], cloudformation_json, account_id, region_name)
            original_resource.delete(account_id, region_name)
            return table
        original_resource.properties = props  # maintenance and schema are not kept by the backend
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        # resource_name is the table ARN: arn:aws:s3tables:<region>:<account>:bucket/<bucket>/table/<name>
        props = cloudformation_json.get("Properties") or {}
        name = resource_name.rsplit("/table/", 1)[-1]
        if props.get("TableBucketARN") and props.get("Namespace"):
            cls(props["TableBucketARN"], props["Namespace"], name, account_id, region_name, props).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        try:
            _backend(account_id, region_name).delete_table(self.table_bucket_arn, self.namespace, self.name)
        except TableDoesNotExist:
            pass
