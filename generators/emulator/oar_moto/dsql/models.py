"""AWS::DSQL::Cluster, created through moto's Aurora DSQL backend (create_cluster, get_cluster, delete_cluster).

moto 5.2 has single-Region clusters only: no MultiRegionProperties (witness Region, peered clusters), no
customer managed keys and no UpdateCluster. A template that asks for any of these is refused rather than
created without it."""

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException, ValidationError
from moto.core.common_models import CloudFormationModel
from moto.dsql.models import AuroraDSQLBackend, dsql_backends


def _backend(account_id: str, region_name: str) -> AuroraDSQLBackend:
    return dsql_backends[account_id][region_name]


def _bool(value: Any, default: bool) -> bool:
    return default if value is None else str(value).lower() == "true"


def _refuse_unemulated(props: dict[str, Any]) -> None:
    if props.get("MultiRegionProperties"):
        raise ValidationError(message="moto's Aurora DSQL has no multi-Region clusters (MultiRegionProperties)")
    key = props.get("KmsEncryptionKey")
    if key not in (None, "AWS_OWNED_KMS_KEY"):
        raise ValidationError(message="moto's Aurora DSQL has no customer managed keys (KmsEncryptionKey)")
    if props.get("PolicyDocument"):
        raise ValidationError(message="moto's Aurora DSQL has no cluster policies (PolicyDocument)")


class Cluster(CloudFormationModel):
    def __init__(self, identifier: str, account_id: str, region_name: str):
        self.identifier = identifier
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dsql-cluster.html
        return "AWS::DSQL::Cluster"

    @property
    def physical_resource_id(self) -> str:
        return self.identifier

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in [
            "ResourceArn",
            "Identifier",
            "CreationTime",
            "Status",
            "VpcEndpointServiceName",
            "Endpoint",
            "VpcEndpoint",
        ]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        cluster = _backend(self.account_id, self.region_name).get_cluster(self.identifier)
        values = {
            "ResourceArn": cluster.arn,
            "Identifier": cluster.identifier,
            "CreationTime": cluster.creation_time.isoformat(),
            "Status": cluster.status,
            "VpcEndpointServiceName": cluster.endpoint_service_name,
            "Endpoint": cluster.endpoint,
            "VpcEndpoint": cluster.endpoint,
        }
        if attribute_name not in values:
            raise UnformattedGetAttTemplateException()
        return values[attribute_name]

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Cluster":
        props = cloudformation_json.get("Properties", {})
        _refuse_unemulated(props)
        tags = {t["Key"]: t["Value"] for t in props.get("Tags") or []}
        cluster = _backend(account_id, region_name).create_cluster(
            deletion_protection_enabled=_bool(props.get("DeletionProtectionEnabled"), True),
            tags=tags or None,
            client_token=None,
        )
        return cls(cluster.identifier, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Cluster",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Cluster":
        # moto has no UpdateCluster: deletion protection and tags are set on the cluster it stores.
        props = cloudformation_json.get("Properties", {})
        _refuse_unemulated(props)
        cluster = _backend(account_id, region_name).get_cluster(original_resource.identifier)
        cluster.deletion_protection_enabled = _bool(props.get("DeletionProtectionEnabled"), True)
        cluster.tags = {t["Key"]: t["Value"] for t in props.get("Tags") or []} or None
        return original_resource

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
        backend = _backend(account_id, region_name)
        cluster = backend.clusters.get(self.identifier)
        if cluster is None:
            return
        # DeleteCluster refuses a cluster with deletion protection; moto's call does not check.
        if cluster.deletion_protection_enabled:
            raise ValidationError(message=f"cluster {self.identifier} has deletion protection enabled")
        backend.delete_cluster(self.identifier)
