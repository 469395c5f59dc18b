"""AWS::KinesisAnalyticsV2::Application and AWS::KinesisAnalyticsV2::ApplicationCloudWatchLoggingOption,
created through moto's Managed Service for Apache Flink backend (moto.kinesisanalyticsv2).

moto 5.2.1's backend has CreateApplication, DescribeApplication, ListApplications and the tag calls, but
no DeleteApplication, UpdateApplication, StartApplication or Add/DeleteApplicationCloudWatchLoggingOption.
So: an application is created with CreateApplication; deleting it removes it from the backend's
applications, as DeleteApplication would; a changed template replaces it (delete, then create under the
same name), since there is no UpdateApplication to call. A logging option sets the application's
CloudWatchLoggingOptionDescriptions, which CreateApplication would have set from the same option; encryption
at rest (ApplicationEncryptionConfiguration), which moto's description leaves out, is described as the API does. Numbers
and booleans arrive from the template as text and are converted as CloudFormation does. RunConfiguration
is ignored: CloudFormation applies it when the application starts, and moto cannot start one. Also fixed: moto
answers the application's timestamps as ISO text where the API sends epoch seconds.
"""

from datetime import datetime
from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.kinesisanalyticsv2.models import Application as MotoApplication
from moto.kinesisanalyticsv2.models import KinesisAnalyticsV2Backend, kinesisanalyticsv2_backends

TIMESTAMPS = ("CreateTimestamp", "LastUpdateTimestamp", "ApplicationVersionCreateTimestamp")


def _epoch_timestamps(detail: dict[str, Any]) -> dict[str, Any]:
    """moto 5.2.1 answers timestamps as ISO text; the API (awsJson1_1) sends epoch seconds, and the AWS SDKs
    for JavaScript and Java fail to read anything else. Fixed for CreateApplication and DescribeApplication."""
    for key in TIMESTAMPS:
        value = detail.get(key)
        if isinstance(value, str):
            detail[key] = datetime.fromisoformat(value).timestamp()
    return detail


_create_application = KinesisAnalyticsV2Backend.create_application
_describe_application = KinesisAnalyticsV2Backend.describe_application


def create_application(self: KinesisAnalyticsV2Backend, *args: Any, **kwargs: Any) -> dict[str, Any]:
    return _epoch_timestamps(_create_application(self, *args, **kwargs))


def describe_application(self: KinesisAnalyticsV2Backend, application_name: str) -> dict[str, Any]:
    return _epoch_timestamps(_describe_application(self, application_name))


KinesisAnalyticsV2Backend.create_application = create_application  # type: ignore[method-assign]
KinesisAnalyticsV2Backend.describe_application = describe_application  # type: ignore[method-assign]

INTEGERS = {"CheckpointInterval", "MinPauseBetweenCheckpoints", "Parallelism", "ParallelismPerKPU", "Count"}
BOOLEANS = {"CheckpointingEnabled", "AutoScalingEnabled", "SnapshotsEnabled", "RollbackEnabled", "AllowNonRestoredState"}


def _typed(value: Any, key: str = "") -> Any:
    """The template's configuration with the API's types: CloudFormation JSON may carry "60000" or "true"."""
    if isinstance(value, dict):
        return {k: _typed(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    if key in INTEGERS:
        return int(value)
    if key in BOOLEANS:
        return str(value).lower() == "true"
    return value


def _backend(account_id: str, region_name: str) -> KinesisAnalyticsV2Backend:
    return kinesisanalyticsv2_backends[account_id][region_name]


class Application(CloudFormationModel):
    def __init__(self, name: str, account_id: str, region_name: str, properties: dict[str, Any]):
        self.name = name
        self.account_id = account_id
        self.region_name = region_name
        self.properties = properties

    @staticmethod
    def cloudformation_name_type() -> str:
        return "ApplicationName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kinesisanalyticsv2-application.html
        return "AWS::KinesisAnalyticsV2::Application"

    @property
    def physical_resource_id(self) -> str:
        return self.name  # Ref returns the application name

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
    ) -> "Application":
        props = cloudformation_json["Properties"]
        config = _typed(props.get("ApplicationConfiguration"))
        backend = _backend(account_id, region_name)
        backend.create_application(
            application_name=resource_name,
            application_description=props.get("ApplicationDescription"),
            runtime_environment=props["RuntimeEnvironment"],
            service_execution_role=props["ServiceExecutionRole"],
            application_configuration=config,
            cloud_watch_logging_options=None,
            tags=props.get("Tags") or None,
            application_mode=props.get("ApplicationMode", "STREAMING"),
        )
        encryption = (config or {}).get("ApplicationEncryptionConfiguration")
        if encryption:
            # moto's description leaves out encryption at rest, which CreateApplication accepts and describes.
            app = backend.applications[resource_name]
            app.app_config_description = app.app_config_description or {}
            app.app_config_description["ApplicationEncryptionConfigurationDescription"] = encryption
        return cls(resource_name, account_id, region_name, props)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Application",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Application":
        props = cloudformation_json["Properties"]
        if props == original_resource.properties:
            return original_resource
        name = props.get("ApplicationName", original_resource.name)
        logging = None
        if name == original_resource.name:
            app = _backend(account_id, region_name).applications.get(name)
            logging = app.cloud_watch_logging_description if app else None
        # moto has no UpdateApplication: delete and create again, keeping a logging option of the same name.
        original_resource.delete(account_id, region_name)
        new = cls.create_from_cloudformation_json(name, cloudformation_json, account_id, region_name)
        if logging:
            _backend(account_id, region_name).applications[name].cloud_watch_logging_description = logging
        return new

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        cls(resource_name, account_id, region_name, {}).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        # What DeleteApplication does, which moto's backend lacks: the application and its tags are gone.
        backend = _backend(account_id, region_name)
        app = backend.applications.pop(self.name, None)
        if app is not None:
            backend.tagger.delete_all_tags_for_resource(app.application_arn)


class ApplicationCloudWatchLoggingOption(CloudFormationModel):
    def __init__(self, application_name: str, option_id: str, account_id: str, region_name: str):
        self.application_name = application_name
        self.option_id = option_id
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kinesisanalyticsv2-applicationcloudwatchloggingoption.html
        return "AWS::KinesisAnalyticsV2::ApplicationCloudWatchLoggingOption"

    @property
    def physical_resource_id(self) -> str:
        return self.option_id  # Ref returns the CloudWatchLoggingOptionId

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _application(name: str, account_id: str, region_name: str) -> MotoApplication:
        return _backend(account_id, region_name).applications[name]

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "ApplicationCloudWatchLoggingOption":
        props = cloudformation_json["Properties"]
        app = cls._application(props["ApplicationName"], account_id, region_name)
        option = props["CloudWatchLoggingOption"]
        app.cloud_watch_logging_description = app._generate_logging_options([{"LogStreamARN": option["LogStreamARN"]}])
        option_id = app.cloud_watch_logging_description[0]["CloudWatchLoggingOptionId"]  # type: ignore[index]
        return cls(props["ApplicationName"], option_id, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "ApplicationCloudWatchLoggingOption",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "ApplicationCloudWatchLoggingOption":
        props = cloudformation_json["Properties"]
        if props["ApplicationName"] != original_resource.application_name:
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        app = cls._application(props["ApplicationName"], account_id, region_name)
        app.cloud_watch_logging_description = [
            {"CloudWatchLoggingOptionId": original_resource.option_id, "LogStreamARN": props["CloudWatchLoggingOption"]["LogStreamARN"]}
        ]
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        name = (cloudformation_json.get("Properties") or {}).get("ApplicationName", "")
        cls(name, resource_name, account_id, region_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        app = _backend(account_id, region_name).applications.get(self.application_name)
        if app is not None and app.cloud_watch_logging_description:
            app.cloud_watch_logging_description = [
                o for o in app.cloud_watch_logging_description if o["CloudWatchLoggingOptionId"] != self.option_id
            ] or None
