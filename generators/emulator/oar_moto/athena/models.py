"""AWS::Athena::WorkGroup, created through moto's Athena backend (create_work_group).

moto's Athena backend has no UpdateWorkGroup, so a change replaces the workgroup under the
same name.
"""

import copy
from typing import Any

from moto.athena.models import AthenaBackend, athena_backends
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.core.utils import ensure_boolean

_BOOLEANS = (
    "EnforceWorkGroupConfiguration",
    "PublishCloudWatchMetricsEnabled",
    "RequesterPaysEnabled",
    "EnableMinimumEncryptionConfiguration",
)


def _backend(account_id: str, region_name: str) -> AthenaBackend:
    return athena_backends[account_id][region_name]


def _configuration(props: dict[str, Any]) -> dict[str, Any]:
    """WorkGroupConfiguration as the API takes it, with numbers and booleans typed."""
    configuration = copy.deepcopy(props.get("WorkGroupConfiguration") or {})
    if "BytesScannedCutoffPerQuery" in configuration:
        configuration["BytesScannedCutoffPerQuery"] = int(configuration["BytesScannedCutoffPerQuery"])
    for key in _BOOLEANS:
        if key in configuration:
            configuration[key] = ensure_boolean(configuration[key])
    return configuration


class AthenaWorkGroup(CloudFormationModel):
    def __init__(self, name: str, account_id: str, region_name: str):
        self.name = name
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-athena-workgroup.html
        return "AWS::Athena::WorkGroup"

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["WorkGroupConfiguration.EngineVersion.EffectiveEngineVersion"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        # CreationTime: moto keeps none (GetWorkGroup answers with the time of the call).
        if attribute_name == "WorkGroupConfiguration.EngineVersion.EffectiveEngineVersion":
            engine = _backend(self.account_id, self.region_name).work_groups[self.name].configuration.get("EngineVersion", {})
            if engine.get("EffectiveEngineVersion"):
                return engine["EffectiveEngineVersion"]
            if engine.get("SelectedEngineVersion", "AUTO") != "AUTO":
                return engine["SelectedEngineVersion"]
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "AthenaWorkGroup":
        props = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        work_group = backend.create_work_group(
            name=resource_name,
            configuration=_configuration(props),
            description=props.get("Description", ""),
            tags=props.get("Tags") or [],
        )
        if work_group is None:
            raise ValueError(f"WorkGroup {resource_name} already exists")
        if "State" in props:
            # CreateWorkGroup takes no state; moto's WorkGroup holds the one GetWorkGroup answers with.
            work_group.state = props["State"]
        return cls(resource_name, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "AthenaWorkGroup",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "AthenaWorkGroup":
        # moto has no UpdateWorkGroup: replace it, keeping a generated name.
        name = str(cloudformation_json["Properties"].get("Name") or original_resource.name)
        original_resource.delete(account_id, region_name)
        return cls.create_from_cloudformation_json(name, cloudformation_json, account_id, region_name)

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        backend = _backend(account_id, region_name)
        work_group = backend.work_groups.get(resource_name)
        if work_group is None:
            return
        # RecursiveDeleteOption: moto keeps no queries inside a workgroup to delete with it.
        backend.delete_work_group(resource_name)
        if work_group.tags:
            backend.untag_resource(work_group.arn, [t["Key"] for t in work_group.tags])

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.name, {}, account_id, region_name)
