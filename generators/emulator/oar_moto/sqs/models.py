"""AWS::SQS::QueuePolicy, through moto's SQS backend (set_queue_attributes with Policy)."""

import json
from typing import Any
from urllib.parse import urlparse

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.sqs.exceptions import QueueDoesNotExist
from moto.sqs.models import SQSBackend, sqs_backends


def _queue(url: str, account_id: str, region_name: str) -> tuple[SQSBackend, str]:
    """The backend and queue name a queue URL (https://sqs.REGION.amazonaws.com/ACCOUNT/NAME) names."""
    parts = urlparse(url).path.strip("/").split("/")
    account = parts[0] if len(parts) == 2 and parts[0].isdigit() else account_id
    host = urlparse(url).hostname or ""
    labels = host.split(".")
    region = labels[1] if len(labels) > 2 and labels[0] == "sqs" else region_name
    return sqs_backends[account][region], parts[-1]


class QueuePolicy(CloudFormationModel):
    def __init__(self, policy_id: str, queues: list[str], account_id: str, region_name: str):
        self.id = policy_id
        self.queues = queues
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queuepolicy.html
        return "AWS::SQS::QueuePolicy"

    @property
    def physical_resource_id(self) -> str:
        return self.id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Id"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Id":
            return self.id
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _set(queue_urls: list[str], policy: str, account_id: str, region_name: str) -> None:
        for url in queue_urls:
            backend, name = _queue(url, account_id, region_name)
            backend.set_queue_attributes(name, {"Policy": policy})

    @staticmethod
    def _remove(queue_urls: list[str], account_id: str, region_name: str) -> None:
        for url in queue_urls:
            backend, name = _queue(url, account_id, region_name)
            try:
                backend.set_queue_attributes(name, {"Policy": ""})
            except QueueDoesNotExist:
                pass  # the queue went first

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "QueuePolicy":
        props = cloudformation_json["Properties"]
        queues = list(props["Queues"])
        document = props["PolicyDocument"]
        cls._set(queues, document if isinstance(document, str) else json.dumps(document), account_id, region_name)
        return cls(resource_name, queues, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "QueuePolicy",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "QueuePolicy":
        props = cloudformation_json["Properties"]
        queues = list(props["Queues"])
        document = props["PolicyDocument"]
        cls._remove([q for q in original_resource.queues if q not in queues], account_id, region_name)
        cls._set(queues, document if isinstance(document, str) else json.dumps(document), account_id, region_name)
        original_resource.queues = queues
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        cls._remove(list(cloudformation_json.get("Properties", {}).get("Queues", [])), account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        self._remove(self.queues, account_id, region_name)
