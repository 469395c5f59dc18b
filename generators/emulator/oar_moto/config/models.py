"""AWS::Config::ConfigurationRecorder, AWS::Config::DeliveryChannel and AWS::Config::OrganizationConformancePack, created through moto's Config backend
(put_configuration_recorder, put_delivery_channel, start_configuration_recorder, as the API's handlers call them).

CloudFormation starts the recorder once both exist, whichever is created second, and stops it before either is
deleted; these models do the same."""

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.config.models import ConfigBackend, config_backends
from moto.core.common_models import CloudFormationModel


def _backend(account_id: str, region_name: str) -> ConfigBackend:
    return config_backends[account_id][region_name]


def _api(value: Any) -> Any:
    """A template value (PascalCase keys) as Config's JSON API sends it (camelCase keys: RoleARN -> roleARN)."""
    if isinstance(value, dict):
        return {k[:1].lower() + k[1:]: _api(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_api(v) for v in value]
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return value


def _start_if_ready(backend: ConfigBackend) -> None:
    if backend.delivery_channels:
        for name, recorder in backend.recorders.items():
            if not recorder.status.recording:
                backend.start_configuration_recorder(name)


def _stop_all(backend: ConfigBackend) -> None:
    for name, recorder in backend.recorders.items():
        if recorder.status.recording:
            backend.stop_configuration_recorder(name)


class ConfigurationRecorder(CloudFormationModel):
    """Ref returns the recorder name."""

    def __init__(self, account_id: str, region_name: str, name: str):
        self.account_id = account_id
        self.region_name = region_name
        self.name = name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-config-configurationrecorder.html
        return "AWS::Config::ConfigurationRecorder"

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Id"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Id":
            return self.name
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _put(props: dict[str, Any], name: str, account_id: str, region_name: str) -> None:
        recorder: dict[str, Any] = {"name": name, "roleARN": props["RoleARN"]}
        if props.get("RecordingGroup"):
            recorder["recordingGroup"] = _api(props["RecordingGroup"])
        if props.get("RecordingMode"):
            recorder["recordingMode"] = _api(props["RecordingMode"])
        backend = _backend(account_id, region_name)
        backend.put_configuration_recorder(recorder)
        _start_if_ready(backend)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region_name: str, **kwargs: Any
    ) -> "ConfigurationRecorder":
        props = cloudformation_json["Properties"]
        name = props.get("Name", "default")
        cls._put(props, name, account_id, region_name)
        return cls(account_id, region_name, name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "ConfigurationRecorder",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "ConfigurationRecorder":
        props = cloudformation_json["Properties"]
        name = props.get("Name", original_resource.name)
        if name != original_resource.name:  # Name: replacement
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(name, cloudformation_json, account_id, region_name)
        cls._put(props, name, account_id, region_name)
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region_name: str
    ) -> None:
        cls(account_id, region_name, resource_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        if self.name in backend.recorders:
            _stop_all(backend)
            backend.delete_configuration_recorder(self.name)


class DeliveryChannel(CloudFormationModel):
    """Ref returns the delivery channel name."""

    def __init__(self, account_id: str, region_name: str, name: str):
        self.account_id = account_id
        self.region_name = region_name
        self.name = name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-config-deliverychannel.html
        return "AWS::Config::DeliveryChannel"

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _put(props: dict[str, Any], name: str, account_id: str, region_name: str) -> None:
        channel = {"name": name, **_api({k: v for k, v in props.items() if k != "Name"})}
        backend = _backend(account_id, region_name)
        backend.put_delivery_channel(channel)
        _start_if_ready(backend)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region_name: str, **kwargs: Any
    ) -> "DeliveryChannel":
        props = cloudformation_json["Properties"]
        name = props.get("Name", "default")
        cls._put(props, name, account_id, region_name)
        return cls(account_id, region_name, name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "DeliveryChannel",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "DeliveryChannel":
        props = cloudformation_json["Properties"]
        name = props.get("Name", original_resource.name)
        if name != original_resource.name:  # Name: replacement
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(name, cloudformation_json, account_id, region_name)
        cls._put(props, name, account_id, region_name)
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region_name: str
    ) -> None:
        cls(account_id, region_name, resource_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        if self.name in backend.delivery_channels:
            _stop_all(backend)
            backend.delete_delivery_channel(self.name)


def _fix_template_body() -> None:
    """moto 5.2.1's put_organization_conformance_pack matches TemplateS3Uri against s3:// even when only TemplateBody
    is given (AWS takes either), so a pack with an inline template fails; check the URI only when there is one."""
    if getattr(ConfigBackend, "_oar_template_body", False):
        return
    moto_put = ConfigBackend.put_organization_conformance_pack

    def put_organization_conformance_pack(self: ConfigBackend, name: str, template_s3_uri: str, template_body: str, **kwargs: Any) -> dict[str, Any]:
        if template_body and not template_s3_uri:
            template_s3_uri = "s3://template-body/inline"  # passes moto's check; moto keeps neither
        result = moto_put(self, name=name, template_s3_uri=template_s3_uri, template_body=template_body, **kwargs)
        pack = self.organization_conformance_packs[name]
        pack.template_body = template_body  # type: ignore[attr-defined]
        return result

    ConfigBackend.put_organization_conformance_pack = put_organization_conformance_pack  # type: ignore[method-assign,assignment]
    ConfigBackend._oar_template_body = True  # type: ignore[attr-defined]


_fix_template_body()


class OrganizationConformancePack(CloudFormationModel):
    """Ref returns the pack name."""

    def __init__(self, account_id: str, region_name: str, name: str):
        self.account_id = account_id
        self.region_name = region_name
        self.name = name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "OrganizationConformancePackName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-config-organizationconformancepack.html
        return "AWS::Config::OrganizationConformancePack"

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _put(props: dict[str, Any], name: str, account_id: str, region_name: str) -> None:
        _backend(account_id, region_name).put_organization_conformance_pack(
            name=name,
            template_s3_uri=props.get("TemplateS3Uri", ""),
            template_body=props.get("TemplateBody", ""),
            delivery_s3_bucket=props.get("DeliveryS3Bucket", ""),
            delivery_s3_key_prefix=props.get("DeliveryS3KeyPrefix", ""),
            input_parameters=props.get("ConformancePackInputParameters", []),
            excluded_accounts=props.get("ExcludedAccounts", []),
        )

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region_name: str, **kwargs: Any
    ) -> "OrganizationConformancePack":
        props = cloudformation_json["Properties"]
        name = props.get("OrganizationConformancePackName", resource_name)
        cls._put(props, name, account_id, region_name)
        return cls(account_id, region_name, name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "OrganizationConformancePack",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "OrganizationConformancePack":
        props = cloudformation_json["Properties"]
        name = props.get("OrganizationConformancePackName", original_resource.name)
        if name != original_resource.name:  # the name: replacement
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(name, cloudformation_json, account_id, region_name)
        cls._put(props, name, account_id, region_name)
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region_name: str
    ) -> None:
        cls(account_id, region_name, resource_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        if self.name in backend.organization_conformance_packs:
            backend.delete_organization_conformance_pack(self.name)
