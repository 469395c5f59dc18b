"""Agents for Amazon Bedrock for moto 5.2.1: the calls its backend lacks, a fix, and CloudFormation models.

moto's backend has knowledge bases but no data sources: CreateDataSource, GetDataSource, UpdateDataSource,
ListDataSources and DeleteDataSource are missing. This module adds them to the backend, as moto would in
``moto/bedrockagent/models.py``, with AWS's validation (a data source belongs to a live knowledge base, and a
knowledge base's data source names are unique); ``responses.py`` beside it serves them through the API (moto's
``/.*`` route for bedrock-agent already reaches AgentsforBedrockResponse, which finds the operation from the
method and path).

Fix: moto's KnowledgeBase accepts only four vector stores (OPENSEARCH_SERVERLESS, PINECONE,
REDIS_ENTERPRISE_CLOUD, RDS); AWS also takes MONGO_DB_ATLAS, NEPTUNE_ANALYTICS, OPENSEARCH_MANAGED_CLUSTER and
S3_VECTORS, and KENDRA and SQL knowledge bases without a vector store. Knowledge base ids are 10 uppercase
letters and digits, and createdAt and updatedAt are ISO 8601 date-times (moto answers epoch seconds, which the
AWS SDK for JavaScript refuses), as in AWS.

CloudFormation models: AWS::Bedrock::KnowledgeBase and AWS::Bedrock::DataSource, created through the backend.
"""

import re
from typing import Any

from moto.bedrockagent import models as moto_models
from moto.bedrockagent.exceptions import ConflictException, ResourceNotFoundException, ValidationException
from moto.bedrockagent.models import AgentsforBedrockBackend, bedrockagent_backends
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import BaseModel, CloudFormationModel
from moto.core.utils import iso_8601_datetime_with_milliseconds, utcnow
from moto.moto_api._internal import mock_random
from moto.utilities.utils import get_partition

KNOWLEDGE_BASE_TYPES = ["VECTOR", "KENDRA", "SQL"]
STORAGE_TYPES = [
    "OPENSEARCH_SERVERLESS",
    "PINECONE",
    "REDIS_ENTERPRISE_CLOUD",
    "RDS",
    "MONGO_DB_ATLAS",
    "NEPTUNE_ANALYTICS",
    "OPENSEARCH_MANAGED_CLUSTER",
    "S3_VECTORS",
]
DATA_SOURCE_TYPES = ["S3", "WEB", "CONFLUENCE", "SALESFORCE", "SHAREPOINT", "CUSTOM", "REDSHIFT_METADATA"]


def _now() -> str:
    return iso_8601_datetime_with_milliseconds(utcnow())


def _resource_id() -> str:
    """A Bedrock resource id: 10 uppercase letters and digits."""
    return "".join(mock_random.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") for _ in range(10))


class KnowledgeBase(moto_models.KnowledgeBase):
    # moto's __init__ refuses vector stores AWS accepts; this one validates against AWS's lists.
    def __init__(  # pylint: disable=super-init-not-called
        self,
        name: str,
        role_arn: str,
        region_name: str,
        account_id: str,
        knowledge_base_configuration: dict[str, Any],
        storage_configuration: dict[str, Any] | None,
        client_token: str | None,
        description: str | None,
    ):
        if knowledge_base_configuration.get("type") not in KNOWLEDGE_BASE_TYPES:
            raise ValidationException(
                f"Value '{knowledge_base_configuration.get('type')}' at 'knowledgeBaseConfiguration.type' failed to "
                f"satisfy constraint: Member must satisfy enum value set: [{', '.join(KNOWLEDGE_BASE_TYPES)}]"
            )
        if knowledge_base_configuration["type"] == "VECTOR" and (storage_configuration or {}).get(
            "type"
        ) not in STORAGE_TYPES:
            raise ValidationException(
                f"Value '{(storage_configuration or {}).get('type')}' at 'storageConfiguration.type' failed to "
                f"satisfy constraint: Member must satisfy enum value set: [{', '.join(STORAGE_TYPES)}]"
            )
        self.client_token = client_token
        self.name = name
        self.description = description
        self.role_arn = role_arn
        self.knowledge_base_configuration = knowledge_base_configuration
        self.storage_configuration = storage_configuration
        self.region_name = region_name
        self.account_id = account_id
        self.knowledge_base_id = _resource_id()
        self.knowledge_base_arn = (
            f"arn:{get_partition(region_name)}:bedrock:{region_name}:{account_id}:knowledge-base/{self.knowledge_base_id}"
        )
        self.created_at = _now()
        self.updated_at = self.created_at
        self.status = "ACTIVE"
        self.failure_reasons: list[str] = []


class DataSource(BaseModel):
    def __init__(
        self,
        knowledge_base_id: str,
        name: str,
        data_source_configuration: dict[str, Any],
        description: str | None,
        data_deletion_policy: str | None,
        server_side_encryption_configuration: dict[str, Any] | None,
        vector_ingestion_configuration: dict[str, Any] | None,
        client_token: str | None,
    ):
        self.knowledge_base_id = knowledge_base_id
        self.data_source_id = _resource_id()
        self.name = name
        self.description = description
        self.data_source_configuration = data_source_configuration
        self.data_deletion_policy = data_deletion_policy or "DELETE"
        self.server_side_encryption_configuration = server_side_encryption_configuration
        self.vector_ingestion_configuration = vector_ingestion_configuration
        self.client_token = client_token
        self.status = "AVAILABLE"
        self.failure_reasons: list[str] = []
        self.created_at = _now()
        self.updated_at = self.created_at

    def to_dict(self) -> dict[str, Any]:
        dct = {
            "knowledgeBaseId": self.knowledge_base_id,
            "dataSourceId": self.data_source_id,
            "name": self.name,
            "status": self.status,
            "description": self.description,
            "dataSourceConfiguration": self.data_source_configuration,
            "serverSideEncryptionConfiguration": self.server_side_encryption_configuration,
            "vectorIngestionConfiguration": self.vector_ingestion_configuration,
            "dataDeletionPolicy": self.data_deletion_policy,
            "createdAt": self.created_at,
            "updatedAt": self.updated_at,
            "failureReasons": self.failure_reasons,
        }
        return {k: v for k, v in dct.items() if v}

    def dict_summary(self) -> dict[str, Any]:
        dct = {
            "knowledgeBaseId": self.knowledge_base_id,
            "dataSourceId": self.data_source_id,
            "name": self.name,
            "status": self.status,
            "description": self.description,
            "updatedAt": self.updated_at,
        }
        return {k: v for k, v in dct.items() if v}


def _validate_data_source_configuration(configuration: dict[str, Any] | None) -> None:
    if not configuration or configuration.get("type") not in DATA_SOURCE_TYPES:
        raise ValidationException(
            f"Value '{(configuration or {}).get('type')}' at 'dataSourceConfiguration.type' failed to satisfy "
            f"constraint: Member must satisfy enum value set: [{', '.join(DATA_SOURCE_TYPES)}]"
        )


class AgentsforBedrockBackendAdditions:
    knowledge_bases: dict[str, Any]
    data_sources: dict[str, dict[str, DataSource]]

    def get_knowledge_base(self, knowledge_base_id: str) -> Any:  # moto's
        raise NotImplementedError

    def create_data_source(
        self,
        knowledge_base_id: str,
        name: str,
        data_source_configuration: dict[str, Any],
        description: str | None = None,
        data_deletion_policy: str | None = None,
        server_side_encryption_configuration: dict[str, Any] | None = None,
        vector_ingestion_configuration: dict[str, Any] | None = None,
        client_token: str | None = None,
    ) -> DataSource:
        self.get_knowledge_base(knowledge_base_id)
        _validate_data_source_configuration(data_source_configuration)
        if not re.fullmatch(r"[0-9a-zA-Z][_\-0-9a-zA-Z]{0,99}", name or ""):
            raise ValidationException(f"Value '{name}' at 'name' failed to satisfy constraint")
        sources = self.data_sources.setdefault(knowledge_base_id, {})
        if any(s.name == name for s in sources.values()):
            raise ConflictException(f"A data source named {name} already exists in knowledge base {knowledge_base_id}")
        source = DataSource(
            knowledge_base_id,
            name,
            data_source_configuration,
            description,
            data_deletion_policy,
            server_side_encryption_configuration,
            vector_ingestion_configuration,
            client_token,
        )
        sources[source.data_source_id] = source
        return source

    def get_data_source(self, knowledge_base_id: str, data_source_id: str) -> DataSource:
        self.get_knowledge_base(knowledge_base_id)
        source = self.data_sources.get(knowledge_base_id, {}).get(data_source_id)
        if source is None:
            raise ResourceNotFoundException(f"Data source {data_source_id} not found")
        return source

    def update_data_source(
        self,
        knowledge_base_id: str,
        data_source_id: str,
        name: str,
        data_source_configuration: dict[str, Any],
        description: str | None = None,
        data_deletion_policy: str | None = None,
        server_side_encryption_configuration: dict[str, Any] | None = None,
        vector_ingestion_configuration: dict[str, Any] | None = None,
    ) -> DataSource:
        source = self.get_data_source(knowledge_base_id, data_source_id)
        _validate_data_source_configuration(data_source_configuration)
        if source.vector_ingestion_configuration and vector_ingestion_configuration != source.vector_ingestion_configuration:
            # AWS: the chunking configuration of a data source cannot be changed.
            if (vector_ingestion_configuration or {}).get("chunkingConfiguration") != (
                source.vector_ingestion_configuration.get("chunkingConfiguration")
            ):
                raise ValidationException("The chunking configuration of a data source cannot be updated")
        source.name = name
        source.data_source_configuration = data_source_configuration
        source.description = description
        source.data_deletion_policy = data_deletion_policy or source.data_deletion_policy
        source.server_side_encryption_configuration = server_side_encryption_configuration
        source.vector_ingestion_configuration = vector_ingestion_configuration or source.vector_ingestion_configuration
        source.updated_at = _now()
        return source

    def list_data_sources(self, knowledge_base_id: str) -> list[DataSource]:
        self.get_knowledge_base(knowledge_base_id)
        return list(self.data_sources.get(knowledge_base_id, {}).values())

    def delete_data_source(self, knowledge_base_id: str, data_source_id: str) -> DataSource:
        source = self.get_data_source(knowledge_base_id, data_source_id)
        source.status = "DELETING"
        del self.data_sources[knowledge_base_id][data_source_id]
        return source


def _add_to_backend() -> None:
    """Adds the calls above, and the collection they keep, to moto's backend; makes it build the fixed model."""
    if getattr(AgentsforBedrockBackend, "_oar_additions", False):
        return
    moto_init = AgentsforBedrockBackend.__init__

    def __init__(self: AgentsforBedrockBackend, region_name: str, account_id: str) -> None:
        moto_init(self, region_name, account_id)
        self.data_sources: dict[str, dict[str, DataSource]] = {}

    AgentsforBedrockBackend.__init__ = __init__  # type: ignore[method-assign]
    for name, member in vars(AgentsforBedrockBackendAdditions).items():
        if callable(member) and not (name.startswith("__") and name.endswith("__")) and name != "get_knowledge_base":
            setattr(AgentsforBedrockBackend, name, member)
    # create_knowledge_base builds the module's KnowledgeBase; point it at the fixed one.
    moto_models.KnowledgeBase = KnowledgeBase  # type: ignore[misc]
    AgentsforBedrockBackend._oar_additions = True  # type: ignore[attr-defined]


_add_to_backend()


def _backend(account_id: str, region_name: str) -> AgentsforBedrockBackend:
    return bedrockagent_backends[account_id][region_name]


def camel(value: Any) -> Any:
    """CloudFormation's PascalCase property names as the API's camelCase ones, recursively."""
    if isinstance(value, dict):
        return {k[:1].lower() + k[1:]: camel(v) for k, v in value.items()}
    if isinstance(value, list):
        return [camel(v) for v in value]
    return _number(value)


def _number(value: Any) -> Any:
    # CloudFormation passes numbers as strings.
    if isinstance(value, str) and re.fullmatch(r"-?\d+", value):
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"-?\d+\.\d+", value):
        return float(value)
    return value


class CfnKnowledgeBase(CloudFormationModel):
    def __init__(self, knowledge_base: KnowledgeBase, account_id: str, region_name: str):
        self.knowledge_base = knowledge_base
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-bedrock-knowledgebase.html
        return "AWS::Bedrock::KnowledgeBase"

    @property
    def physical_resource_id(self) -> str:
        # Ref returns the knowledge base id.
        return self.knowledge_base.knowledge_base_id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["KnowledgeBaseId", "KnowledgeBaseArn", "CreatedAt", "UpdatedAt", "Status", "FailureReasons"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        kb = self.knowledge_base
        values = {
            "KnowledgeBaseId": kb.knowledge_base_id,
            "KnowledgeBaseArn": kb.knowledge_base_arn,
            "CreatedAt": str(kb.created_at),
            "UpdatedAt": str(kb.updated_at),
            "Status": kb.status,
            "FailureReasons": kb.failure_reasons,
        }
        if attribute_name in values:
            return values[attribute_name]
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "CfnKnowledgeBase":
        props = cloudformation_json["Properties"]
        kb = _backend(account_id, region_name).create_knowledge_base(
            name=props.get("Name", resource_name),
            role_arn=props["RoleArn"],
            knowledge_base_configuration=camel(props["KnowledgeBaseConfiguration"]),
            storage_configuration=camel(props.get("StorageConfiguration")),
            client_token=None,
            description=props.get("Description"),
            tags=props.get("Tags"),
        )
        return cls(kb, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "CfnKnowledgeBase",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "CfnKnowledgeBase":
        # moto has no UpdateKnowledgeBase: an unchanged knowledge base is kept, a changed one replaced.
        props = cloudformation_json["Properties"]
        kb = original_resource.knowledge_base
        unchanged = (
            props.get("Name", kb.name) == kb.name
            and props.get("Description") == kb.description
            and props["RoleArn"] == kb.role_arn
            and camel(props["KnowledgeBaseConfiguration"]) == kb.knowledge_base_configuration
            and camel(props.get("StorageConfiguration")) == kb.storage_configuration
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
        backend = _backend(account_id, region_name)
        if resource_name in backend.knowledge_bases:
            backend.data_sources.pop(resource_name, None)  # type: ignore[attr-defined]
            backend.delete_knowledge_base(resource_name)

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.physical_resource_id, {}, account_id, region_name)


DATA_SOURCE_FIELDS = {
    "DataSourceConfiguration": "data_source_configuration",
    "Description": "description",
    "DataDeletionPolicy": "data_deletion_policy",
    "ServerSideEncryptionConfiguration": "server_side_encryption_configuration",
    "VectorIngestionConfiguration": "vector_ingestion_configuration",
}


def _data_source_args(props: dict[str, Any]) -> dict[str, Any]:
    return {arg: camel(props.get(prop)) for prop, arg in DATA_SOURCE_FIELDS.items()}


class CfnDataSource(CloudFormationModel):
    def __init__(self, source: DataSource, account_id: str, region_name: str):
        self.source = source
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-bedrock-datasource.html
        return "AWS::Bedrock::DataSource"

    @property
    def physical_resource_id(self) -> str:
        # Ref returns the knowledge base id and the data source id, separated by a pipe.
        return f"{self.source.knowledge_base_id}|{self.source.data_source_id}"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["DataSourceId", "DataSourceStatus", "CreatedAt", "UpdatedAt", "FailureReasons"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        s = self.source
        values = {
            "DataSourceId": s.data_source_id,
            "DataSourceStatus": s.status,
            "CreatedAt": str(s.created_at),
            "UpdatedAt": str(s.updated_at),
            "FailureReasons": s.failure_reasons,
        }
        if attribute_name in values:
            return values[attribute_name]
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "CfnDataSource":
        props = cloudformation_json["Properties"]
        source = _backend(account_id, region_name).create_data_source(  # type: ignore[attr-defined]
            knowledge_base_id=props["KnowledgeBaseId"],
            name=props.get("Name", resource_name),
            **_data_source_args(props),
        )
        return cls(source, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "CfnDataSource",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "CfnDataSource":
        props = cloudformation_json["Properties"]
        source = original_resource.source
        args = _data_source_args(props)
        # KnowledgeBaseId and VectorIngestionConfiguration require replacement; the rest updates in place.
        if (
            props["KnowledgeBaseId"] != source.knowledge_base_id
            or args["vector_ingestion_configuration"] != source.vector_ingestion_configuration
        ):
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        _backend(account_id, region_name).update_data_source(  # type: ignore[attr-defined]
            knowledge_base_id=source.knowledge_base_id,
            data_source_id=source.data_source_id,
            name=props.get("Name", source.name),
            **args,
        )
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        knowledge_base_id, _, data_source_id = resource_name.partition("|")
        try:
            _backend(account_id, region_name).delete_data_source(knowledge_base_id, data_source_id)  # type: ignore[attr-defined]
        except ResourceNotFoundException:
            return

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.physical_resource_id, {}, account_id, region_name)

from . import responses  # noqa: E402, F401
