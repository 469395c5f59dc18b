"""OpenSearch Serverless for moto 5.2.1: the call its backend lacks, a fix, and CloudFormation models.

moto's backend creates, gets, lists and updates security policies but cannot delete them: DeleteSecurityPolicy is
added here, as moto would add it in ``moto/opensearchserverless/models.py``, and served through the API by
``responses.py`` beside it (moto's JSON route already reaches OpenSearchServiceServerlessResponse).

Fix: moto's CreateCollection takes the key from whichever security policy names the collection last, so a network
policy (a JSON list) made after the encryption policy crashes it, and an AWS-owned key (no KmsARN) does too. Here
only encryption policies count, and an AWS-owned key is reported as "auto", as AWS does.

CloudFormation models: AWS::OpenSearchServerless::SecurityPolicy (encryption and network policies) and
AWS::OpenSearchServerless::Collection, created through the backend. Data access policies and indexes have no moto
backend and are not modelled.
"""

import json
from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.moto_api._internal import mock_random
from moto.opensearchserverless.exceptions import ResourceNotFoundException, ValidationException
from moto.opensearchserverless.models import (
    Collection,
    OpenSearchServiceServerlessBackend,
    SecurityPolicy,
    opensearchserverless_backends,
)


class OpenSearchServiceServerlessBackendAdditions:
    security_policies: dict[str, SecurityPolicy]
    collections: dict[str, Collection]
    region_name: str
    account_id: str

    def tag_resource(self, resource_arn: str, tags: list[dict[str, str]]) -> None:  # moto's
        raise NotImplementedError

    def create_collection(
        self,
        client_token: str,
        description: str,
        name: str,
        standby_replicas: str,
        tags: list[dict[str, str]],
        type: str,  # pylint: disable=redefined-builtin
    ) -> Collection:
        policy = None
        for sp in self.security_policies.values():
            if sp.type == "encryption" and f"collection/{name}" in sp.resources:
                policy = sp.policy
        if policy is None:
            raise ValidationException(
                msg=f"No matching security policy of encryption type found for collection name: {name}. "
                "Please create security policy of encryption type for this collection."
            )
        collection = Collection(
            client_token=client_token or mock_random.get_random_string(10),
            description=description,
            name=name,
            standby_replicas=standby_replicas,
            tags=tags,
            type=type,
            policy={"KmsARN": policy.get("KmsARN") or "auto"},
            region=self.region_name,
            account_id=self.account_id,
        )
        self.collections[collection.id] = collection
        self.tag_resource(collection.arn, tags)
        return collection

    def delete_security_policy(self, name: str, type: str) -> None:  # pylint: disable=redefined-builtin
        for token, sp in list(self.security_policies.items()):
            if sp.name == name and sp.type == type:
                del self.security_policies[token]
                return
        raise ResourceNotFoundException(msg=f"Policy with name {name} and type {type} is not found")


def _add_to_backend() -> None:
    if getattr(OpenSearchServiceServerlessBackend, "_oar_additions", False):
        return
    for name, member in vars(OpenSearchServiceServerlessBackendAdditions).items():
        if callable(member) and not (name.startswith("__") and name.endswith("__")) and name != "tag_resource":
            setattr(OpenSearchServiceServerlessBackend, name, member)
    OpenSearchServiceServerlessBackend._oar_additions = True  # type: ignore[attr-defined]


_add_to_backend()


def _backend(account_id: str, region_name: str) -> OpenSearchServiceServerlessBackend:
    return opensearchserverless_backends[account_id][region_name]


def _policy_text(policy: Any) -> str:
    return policy if isinstance(policy, str) else json.dumps(policy)


class CfnSecurityPolicy(CloudFormationModel):
    def __init__(self, policy: SecurityPolicy):
        self.policy = policy

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-opensearchserverless-securitypolicy.html
        return "AWS::OpenSearchServerless::SecurityPolicy"

    @property
    def physical_resource_id(self) -> str:
        # Ref returns the policy's name and type, separated by a pipe.
        return f"{self.policy.name}|{self.policy.type}"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False

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
    ) -> "CfnSecurityPolicy":
        props = cloudformation_json["Properties"]
        policy = _backend(account_id, region_name).create_security_policy(
            client_token="",
            description=props.get("Description"),  # type: ignore[arg-type]
            name=props.get("Name", resource_name[-32:].lower()),
            policy=_policy_text(props["Policy"]),
            type=props["Type"],
        )
        return cls(policy)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "CfnSecurityPolicy",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "CfnSecurityPolicy":
        props = cloudformation_json["Properties"]
        p = original_resource.policy
        if props.get("Name", p.name) != p.name or props["Type"] != p.type:
            # Name and Type require replacement.
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        policy = _backend(account_id, region_name).update_security_policy(
            client_token="",
            description=props.get("Description"),  # type: ignore[arg-type]
            name=p.name,
            policy=_policy_text(props["Policy"]),
            policy_version=p.policy_version,
            type=p.type,
        )
        return cls(policy)

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        name, _, type_ = resource_name.partition("|")
        try:
            _backend(account_id, region_name).delete_security_policy(name, type_)  # type: ignore[attr-defined]
        except ResourceNotFoundException:
            return

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.physical_resource_id, {}, account_id, region_name)


class CfnCollection(CloudFormationModel):
    def __init__(self, collection: Collection):
        self.collection = collection

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-opensearchserverless-collection.html
        return "AWS::OpenSearchServerless::Collection"

    @property
    def physical_resource_id(self) -> str:
        # Ref returns the collection id.
        return self.collection.id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Arn", "Id", "CollectionEndpoint", "DashboardEndpoint", "KmsKeyArn"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        c = self.collection
        values = {
            "Arn": c.arn,
            "Id": c.id,
            "CollectionEndpoint": c.collection_endpoint,
            "DashboardEndpoint": c.dashboard_endpoint,
            "KmsKeyArn": c.kms_key_arn or "auto",
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
    ) -> "CfnCollection":
        props = cloudformation_json["Properties"]
        collection = _backend(account_id, region_name).create_collection(
            client_token="",
            description=props.get("Description"),  # type: ignore[arg-type]
            name=props.get("Name", resource_name[-32:].lower()),
            standby_replicas=props.get("StandbyReplicas", "ENABLED"),
            tags=[{"key": t["Key"], "value": t["Value"]} for t in props.get("Tags", [])],
            type=props.get("Type", "SEARCH"),
        )
        return cls(collection)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "CfnCollection",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "CfnCollection":
        # moto has no UpdateCollection: an unchanged collection is kept, a changed one replaced.
        props = cloudformation_json["Properties"]
        c = original_resource.collection
        unchanged = (
            props.get("Name", c.name) == c.name
            and props.get("Type", "SEARCH") == c.type
            and props.get("StandbyReplicas", "ENABLED") == c.standby_replicas
            and props.get("Description") == c.description
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
        try:
            _backend(account_id, region_name).delete_collection(client_token="", id=resource_name)
        except ResourceNotFoundException:
            return

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.physical_resource_id, {}, account_id, region_name)


from . import responses  # noqa: E402, F401
