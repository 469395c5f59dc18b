"""AWS::Glue::Database, Table, Crawler, Job, SecurityConfiguration, Trigger and Workflow, created
through moto's Glue backend (the calls its CreateX handlers make).

moto's Glue backend can update databases, tables and workflows in place; it has no UpdateCrawler,
UpdateJob or UpdateTrigger, so a change to one of those replaces it under the same name.
"""

import json
from typing import Any

from moto.core.common_models import CloudFormationModel
from moto.core.utils import ensure_boolean
from moto.glue.exceptions import (
    CrawlerNotFoundException,
    DatabaseNotFoundException,
    EntityNotFoundException,
    TableNotFoundException,
)
from moto.glue.models import GlueBackend, glue_backends
from moto.glue.utils import Action, Predicate
from moto.utilities.utils import get_partition


def _backend(account_id: str, region_name: str) -> GlueBackend:
    return glue_backends[account_id][region_name]


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _arn(kind: str, name: str, account_id: str, region_name: str) -> str:
    return f"arn:{get_partition(region_name)}:glue:{region_name}:{account_id}:{kind}/{name}"


def _keep_name(current: str, cloudformation_json: dict[str, Any]) -> str:
    """The Name in the template, or, where the template names none, the name CloudFormation
    generated at creation (moto's parser generates a new one on every update)."""
    return str(cloudformation_json["Properties"].get("Name") or current)


def _untag_all(backend: GlueBackend, arn: str) -> None:
    """moto's DeleteJob/DeleteCrawler/DeleteTrigger keep the tags; a replacement must not inherit them."""
    tags = backend.get_tags(arn)
    if tags:
        backend.untag_resource(arn, list(tags))


class GlueDatabase(CloudFormationModel):
    def __init__(self, name: str, catalog_id: str, account_id: str, region_name: str):
        self.name = name
        self.catalog_id = catalog_id
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        # The name is DatabaseInput.Name; the newer top-level DatabaseName names it too.
        return "DatabaseName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-glue-database.html
        return "AWS::Glue::Database"

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @staticmethod
    def _input(name: str, props: dict[str, Any]) -> dict[str, Any]:
        database_input = dict(props.get("DatabaseInput") or {})
        database_input["Name"] = name
        if "CatalogId" in props:
            database_input["CatalogId"] = props["CatalogId"]
        return database_input

    @staticmethod
    def _name(resource_name: str, props: dict[str, Any]) -> str:
        return str((props.get("DatabaseInput") or {}).get("Name") or props.get("DatabaseName") or resource_name)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "GlueDatabase":
        props = cloudformation_json["Properties"]
        name = cls._name(resource_name, props)
        _backend(account_id, region_name).create_database(name, cls._input(name, props))
        return cls(name, str(props.get("CatalogId", account_id)), account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "GlueDatabase",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "GlueDatabase":
        props = cloudformation_json["Properties"]
        name = cls._name(original_resource.name, props)
        if name != original_resource.name or str(props.get("CatalogId", account_id)) != original_resource.catalog_id:
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(name, cloudformation_json, account_id, region_name)
        _backend(account_id, region_name).update_database(name, cls._input(name, props))
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
            _backend(account_id, region_name).delete_database(resource_name)
        except DatabaseNotFoundException:
            pass

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.name, {}, account_id, region_name)


class GlueTable(CloudFormationModel):
    """A table, with OpenTableFormatInput for an Apache Iceberg table (moto marks it table_type ICEBERG)."""

    def __init__(self, database_name: str, name: str, account_id: str, region_name: str):
        self.database_name = database_name
        self.name = name
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""  # the name is TableInput.Name

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-glue-table.html
        return "AWS::Glue::Table"

    @property
    def physical_resource_id(self) -> str:
        return self.name  # Ref returns the table name

    @staticmethod
    def _input(resource_name: str, props: dict[str, Any]) -> dict[str, Any]:
        # A copy: moto's table keeps (and amends) the dict it is given.
        table_input = json.loads(json.dumps(props.get("TableInput") or {}))
        table_input.setdefault("Name", resource_name.lower())
        return table_input

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "GlueTable":
        props = cloudformation_json["Properties"]
        table_input = cls._input(resource_name, props)
        _backend(account_id, region_name).create_table(
            props["DatabaseName"],
            table_input["Name"],
            table_input,
            open_table_format_input=props.get("OpenTableFormatInput"),
        )
        return cls(props["DatabaseName"], table_input["Name"], account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "GlueTable",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "GlueTable":
        props = cloudformation_json["Properties"]
        table_input = cls._input(original_resource.name, props)
        if props["DatabaseName"] != original_resource.database_name or table_input["Name"] != original_resource.name:
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(table_input["Name"], cloudformation_json, account_id, region_name)
        if props.get("OpenTableFormatInput"):
            # UpdateTable keeps what CreateTable recorded about the format.
            table = _backend(account_id, region_name).get_table(original_resource.database_name, original_resource.name)
            kept = table.get_version(str(table._current_version)).get("Parameters", {}).get("table_type")
            if kept:
                table_input.setdefault("Parameters", {})["table_type"] = kept
        _backend(account_id, region_name).update_table(original_resource.database_name, original_resource.name, table_input)
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        database = (cloudformation_json.get("Properties") or {}).get("DatabaseName", "")
        cls(database, resource_name, account_id, region_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        try:
            _backend(account_id, region_name).delete_table(self.database_name, self.name)
        except (DatabaseNotFoundException, TableNotFoundException):
            pass


class GlueCrawler(CloudFormationModel):
    def __init__(self, name: str, account_id: str, region_name: str):
        self.name = name
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-glue-crawler.html
        return "AWS::Glue::Crawler"

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "GlueCrawler":
        props = cloudformation_json["Properties"]
        # LakeFormationConfiguration: moto's CreateCrawler does not take it.
        _backend(account_id, region_name).create_crawler(
            name=resource_name,
            role=props["Role"],
            database_name=props.get("DatabaseName"),  # type: ignore[arg-type]
            description=props.get("Description"),  # type: ignore[arg-type]
            targets=props.get("Targets") or {},
            schedule=(props.get("Schedule") or {}).get("ScheduleExpression"),
            classifiers=props.get("Classifiers") or [],
            table_prefix=props.get("TablePrefix"),  # type: ignore[arg-type]
            schema_change_policy=props.get("SchemaChangePolicy"),  # type: ignore[arg-type]
            recrawl_policy=props.get("RecrawlPolicy"),  # type: ignore[arg-type]
            lineage_configuration=props.get("LineageConfiguration"),  # type: ignore[arg-type]
            configuration=props.get("Configuration"),  # type: ignore[arg-type]
            crawler_security_configuration=props.get("CrawlerSecurityConfiguration"),  # type: ignore[arg-type]
            tags=props.get("Tags") or {},
        )
        return cls(resource_name, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "GlueCrawler",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "GlueCrawler":
        # moto has no UpdateCrawler: replace it.
        original_resource.delete(account_id, region_name)
        name = _keep_name(original_resource.name, cloudformation_json)
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
        try:
            backend.delete_crawler(resource_name)
        except CrawlerNotFoundException:
            return
        _untag_all(backend, _arn("crawler", resource_name, account_id, region_name))

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.name, {}, account_id, region_name)


class GlueJob(CloudFormationModel):
    def __init__(self, name: str, account_id: str, region_name: str):
        self.name = name
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-glue-job.html
        return "AWS::Glue::Job"

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "GlueJob":
        props = cloudformation_json["Properties"]
        execution_property = dict(props.get("ExecutionProperty") or {})
        if "MaxConcurrentRuns" in execution_property:
            execution_property["MaxConcurrentRuns"] = int(execution_property["MaxConcurrentRuns"])
        notification_property = dict(props.get("NotificationProperty") or {})
        if "NotifyDelayAfter" in notification_property:
            notification_property["NotifyDelayAfter"] = int(notification_property["NotifyDelayAfter"])
        # JobMode, JobRunQueuingEnabled and MaintenanceWindow: moto's CreateJob does not take them.
        _backend(account_id, region_name).create_job(
            name=resource_name,
            role=props["Role"],
            command=props["Command"],
            description=props.get("Description"),  # type: ignore[arg-type]
            log_uri=props.get("LogUri"),  # type: ignore[arg-type]
            execution_property=execution_property,
            default_arguments=props.get("DefaultArguments") or {},
            non_overridable_arguments=props.get("NonOverridableArguments"),  # type: ignore[arg-type]
            connections=props.get("Connections"),  # type: ignore[arg-type]
            max_retries=_int(props.get("MaxRetries")),  # type: ignore[arg-type]
            allocated_capacity=_int(props.get("AllocatedCapacity")),  # type: ignore[arg-type]
            timeout=_int(props.get("Timeout")),  # type: ignore[arg-type]
            max_capacity=_float(props.get("MaxCapacity")),  # type: ignore[arg-type]
            security_configuration=props.get("SecurityConfiguration"),  # type: ignore[arg-type]
            tags=props.get("Tags") or {},
            notification_property=notification_property or None,  # type: ignore[arg-type]
            glue_version=props.get("GlueVersion"),  # type: ignore[arg-type]
            number_of_workers=_int(props.get("NumberOfWorkers")),  # type: ignore[arg-type]
            worker_type=props.get("WorkerType"),  # type: ignore[arg-type]
            code_gen_configuration_nodes=None,  # type: ignore[arg-type]
            execution_class=props.get("ExecutionClass"),  # type: ignore[arg-type]
            source_control_details=None,  # type: ignore[arg-type]
        )
        return cls(resource_name, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "GlueJob",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "GlueJob":
        # moto has no UpdateJob: replace it.
        original_resource.delete(account_id, region_name)
        name = _keep_name(original_resource.name, cloudformation_json)
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
        backend.delete_job(resource_name)
        _untag_all(backend, _arn("job", resource_name, account_id, region_name))

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.name, {}, account_id, region_name)


class GlueSecurityConfiguration(CloudFormationModel):
    def __init__(self, name: str, account_id: str, region_name: str):
        self.name = name
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-glue-securityconfiguration.html
        return "AWS::Glue::SecurityConfiguration"

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "GlueSecurityConfiguration":
        configuration = dict(cloudformation_json["Properties"]["EncryptionConfiguration"])
        # CloudFormation's S3Encryptions is the API's S3Encryption.
        if "S3Encryptions" in configuration:
            configuration["S3Encryption"] = configuration.pop("S3Encryptions")
        _backend(account_id, region_name).create_security_configuration(resource_name, configuration)
        return cls(resource_name, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "GlueSecurityConfiguration",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "GlueSecurityConfiguration":
        # Every property of a security configuration requires a replacement.
        original_resource.delete(account_id, region_name)
        name = _keep_name(original_resource.name, cloudformation_json)
        return cls.create_from_cloudformation_json(name, cloudformation_json, account_id, region_name)

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        try:
            _backend(account_id, region_name).delete_security_configuration(resource_name)
        except EntityNotFoundException:
            pass

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.name, {}, account_id, region_name)


class GlueTrigger(CloudFormationModel):
    def __init__(self, name: str, account_id: str, region_name: str):
        self.name = name
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-glue-trigger.html
        return "AWS::Glue::Trigger"

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @staticmethod
    def _predicate(props: dict[str, Any]) -> Predicate | None:
        predicate = props.get("Predicate")
        if not predicate:
            return None
        predicate = dict(predicate)
        # Logical is optional with a single condition; moto's Predicate requires one.
        if not predicate.get("Logical") and len(predicate.get("Conditions") or []) <= 1:
            predicate["Logical"] = "AND"
        return Predicate(predicate)

    @staticmethod
    def _actions(props: dict[str, Any]) -> list[Action]:
        actions = []
        for action in props.get("Actions") or []:
            action = dict(action)
            if "Timeout" in action:
                action["Timeout"] = int(action["Timeout"])
            actions.append(Action(action))
        return actions

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "GlueTrigger":
        props = cloudformation_json["Properties"]
        batching = props.get("EventBatchingCondition")
        if batching:
            batching = {k: int(v) for k, v in batching.items()}
        _backend(account_id, region_name).create_trigger(
            name=resource_name,
            workflow_name=props.get("WorkflowName"),  # type: ignore[arg-type]
            trigger_type=props["Type"],
            schedule=props.get("Schedule"),  # type: ignore[arg-type]
            predicate=cls._predicate(props),
            actions=cls._actions(props),
            description=props.get("Description"),  # type: ignore[arg-type]
            start_on_creation=ensure_boolean(props.get("StartOnCreation", False)),
            tags=props.get("Tags") or {},
            event_batching_condition=batching,  # type: ignore[arg-type]
        )
        return cls(resource_name, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "GlueTrigger",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "GlueTrigger":
        # moto has no UpdateTrigger: replace it.
        original_resource.delete(account_id, region_name)
        name = _keep_name(original_resource.name, cloudformation_json)
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
        backend.delete_trigger(resource_name)
        _untag_all(backend, _arn("trigger", resource_name, account_id, region_name))

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.name, {}, account_id, region_name)


class GlueWorkflow(CloudFormationModel):
    def __init__(self, name: str, account_id: str, region_name: str):
        self.name = name
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-glue-workflow.html
        return "AWS::Glue::Workflow"

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "GlueWorkflow":
        props = cloudformation_json["Properties"]
        _backend(account_id, region_name).create_workflow(
            resource_name,
            props.get("DefaultRunProperties"),
            props.get("Description"),
            _int(props.get("MaxConcurrentRuns")),
            props.get("Tags"),
        )
        return cls(resource_name, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "GlueWorkflow",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "GlueWorkflow":
        props = cloudformation_json["Properties"]
        name = _keep_name(original_resource.name, cloudformation_json)
        if name != original_resource.name:
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(name, cloudformation_json, account_id, region_name)
        _backend(account_id, region_name).update_workflow(
            original_resource.name,
            props.get("DefaultRunProperties"),
            props.get("Description"),
            _int(props.get("MaxConcurrentRuns")),
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
        _backend(account_id, region_name).delete_workflow(resource_name)

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.name, {}, account_id, region_name)

