"""Backup for moto 5.2.1: the calls its backend lacks, and CloudFormation models.

moto's Backup backend has vaults, plans and report plans, but no backup selections:
CreateBackupSelection, GetBackupSelection, ListBackupSelections and DeleteBackupSelection are
missing, and so is UpdateBackupPlan. This module adds them to the backend, as moto would in
``moto/backup/models.py``, with AWS's validation: a selection belongs to a live plan, and a plan
that still has selections cannot be deleted. ``responses.py`` beside it serves them through the
API (moto's routes for ``/backup/plans/...`` already reach its BackupResponse).

CloudFormation models: AWS::Backup::BackupVault, AWS::Backup::BackupPlan and
AWS::Backup::BackupSelection, created through the backend (create_backup_vault,
put_backup_vault_lock_configuration, create_backup_plan, update_backup_plan,
create_backup_selection).
"""

import re
from typing import Any

from moto.backup.exceptions import (
    AlreadyExistsException,
    BackupClientError,
    InvalidParameterValueException,
    InvalidRequestException,
    ResourceNotFoundException,
)
from moto.backup.models import BackupBackend, Plan, backup_backends
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException, ValidationError
from moto.core.common_models import CloudFormationModel
from moto.core.utils import unix_time
from moto.moto_api._internal import mock_random
from moto.utilities.paginator import paginate

# moto/backup/utils.py
PAGINATION_MODEL = {
    "list_backup_selections": {
        "input_token": "next_token",
        "limit_key": "max_results",
        "limit_default": 1000,
        "unique_attribute": "selection_id",
    },
}


# moto/backup/exceptions.py
class MissingParameterValueException(BackupClientError):
    def __init__(self, msg: str):
        super().__init__("MissingParameterValueException", f"{msg}")


SELECTION_NAME = re.compile(r"^[a-zA-Z0-9\-\_\.]{1,50}$")
IAM_ROLE_ARN = re.compile(r"^arn:aws[a-z-]*:iam::\d{12}:role/.+$")
CONDITION_OPERATORS = ("StringEquals", "StringNotEquals", "StringLike", "StringNotLike")


class Selection(CloudFormationModel):
    """A backup selection: the resources one backup plan backs up, and the role it does it with."""

    def __init__(self, backup_plan_id: str, backup_selection: dict[str, Any], creator_request_id: str | None):
        self.selection_id = str(mock_random.uuid4())
        self.backup_plan_id = backup_plan_id
        self.backup_selection = self.normalised(backup_selection)
        self.creator_request_id = creator_request_id
        self.creation_date = unix_time()

    @staticmethod
    def normalised(backup_selection: dict[str, Any]) -> dict[str, Any]:
        """A BackupSelection as AWS answers it: every list present, empty when not given."""
        return {
            "Resources": [],
            "NotResources": [],
            "ListOfTags": [],
            **backup_selection,
            "Conditions": {op: [] for op in CONDITION_OPERATORS} | (backup_selection.get("Conditions") or {}),
        }

    @property
    def selection_name(self) -> str:
        return str(self.backup_selection["SelectionName"])

    def to_dict(self) -> dict[str, Any]:
        return {"SelectionId": self.selection_id, "BackupPlanId": self.backup_plan_id, "CreationDate": self.creation_date}

    def to_get_dict(self) -> dict[str, Any]:
        dct = {**self.to_dict(), "BackupSelection": self.backup_selection}
        if self.creator_request_id is not None:
            dct["CreatorRequestId"] = self.creator_request_id
        return dct

    def to_list_dict(self) -> dict[str, Any]:
        dct = {
            **self.to_dict(),
            "SelectionName": self.selection_name,
            "IamRoleArn": self.backup_selection["IamRoleArn"],
        }
        if self.creator_request_id is not None:
            dct["CreatorRequestId"] = self.creator_request_id
        return dct

    # CloudFormation: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-backup-backupselection.html

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""  # the name is BackupSelection.SelectionName, which is required

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::Backup::BackupSelection"

    @property
    def physical_resource_id(self) -> str:
        return self.selection_id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["BackupPlanId", "Id", "SelectionId"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "BackupPlanId":
            return self.backup_plan_id
        if attribute_name == "SelectionId":
            return self.selection_id
        if attribute_name == "Id":  # the primary identifier, as Cloud Control lists it: <SelectionId>_<BackupPlanId>
            return f"{self.selection_id}_{self.backup_plan_id}"
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Selection":
        props = cloudformation_json["Properties"]
        return backup_backends[account_id][region_name].create_backup_selection(  # type: ignore[attr-defined, no-any-return]
            backup_plan_id=props["BackupPlanId"],
            backup_selection=props["BackupSelection"],
            creator_request_id=None,
        )

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Selection",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Selection":
        # Every property requires replacement: the new selection is made before the old one goes.
        props = cloudformation_json["Properties"]
        if (
            props["BackupPlanId"] == original_resource.backup_plan_id
            and cls.normalised(props["BackupSelection"]) == original_resource.backup_selection
        ):
            return original_resource
        selection = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        original_resource.delete(account_id, region_name)
        return selection

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        selection = backup_backends[account_id][region_name].backup_selections.get(resource_name)  # type: ignore[attr-defined]
        if selection is not None:
            selection.delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = backup_backends[account_id][region_name]
        if self.selection_id in backend.backup_selections:  # type: ignore[attr-defined]
            backend.delete_backup_selection(self.backup_plan_id, self.selection_id)  # type: ignore[attr-defined]


def _normalise_rules(rules: list[dict[str, Any]]) -> None:
    """The defaults AWS gives a plan's rules, as moto's Plan sets them."""
    for rule in rules:
        rule.setdefault("ScheduleExpression", "cron(0 5 ? * * *)")
        rule.setdefault("StartWindowMinutes", 480)
        rule.setdefault("CompletionWindowMinutes", 10080)
        rule.setdefault("ScheduleExpressionTimezone", "Etc/UTC")
        rule["RuleId"] = str(mock_random.uuid4())


class BackupBackendAdditions:
    """Methods added to moto's BackupBackend, as they would be written in moto/backup/models.py."""

    plans: dict[str, Plan]
    backup_selections: dict[str, Selection]
    tag_resource: Any

    def create_backup_plan(
        self,
        backup_plan: dict[str, Any],
        backup_plan_tags: dict[str, str],
        creator_request_id: str,
    ) -> Plan:
        # moto 5.2.1 refuses a plan whose name a deleted plan had: AWS still lists deleted plans
        # (ListBackupPlans with IncludeDeleted), but they no longer exist. So a stack could not create its
        # plan once another stack with the same plan name had been destroyed, nor replace its own.
        name = backup_plan["BackupPlanName"]
        if any(p.backup_plan["BackupPlanName"] == name for p in self.plans.values() if p.deletion_date is None):
            raise AlreadyExistsException(msg="Backup plan with the same plan document already exists")
        plan = Plan(backup_plan=backup_plan, creator_request_id=creator_request_id, backend=self)  # type: ignore[arg-type]
        if backup_plan_tags:
            self.tag_resource(plan.backup_plan_arn, backup_plan_tags)
        self.plans[plan.backup_plan_id] = plan
        return plan

    def update_backup_plan(self, backup_plan_id: str, backup_plan: dict[str, Any]) -> Plan:
        plan = self.plans.get(backup_plan_id)
        if plan is None or plan.deletion_date is not None:
            raise ResourceNotFoundException(msg="Failed reading Backup plan with provided version")
        _normalise_rules(backup_plan["Rules"])
        plan.backup_plan = backup_plan
        plan.advanced_backup_settings = backup_plan.get("AdvancedBackupSettings") or []
        plan.version_id = mock_random.get_random_string(length=48)
        return plan

    def delete_backup_plan(self, backup_plan_id: str) -> tuple[str, str, float, str]:
        if backup_plan_id not in self.plans:
            raise ResourceNotFoundException(msg="Failed reading Backup plan with provided version")
        if any(s.backup_plan_id == backup_plan_id for s in self.backup_selections.values()):
            raise InvalidRequestException(msg="Related backup plan selections must be deleted prior to backup plan deletion")
        plan = self.plans[backup_plan_id]
        plan.deletion_date = unix_time()
        return plan.backup_plan_id, plan.backup_plan_arn, plan.deletion_date, plan.version_id

    def _live_plan(self, backup_plan_id: str) -> Plan:
        plan = self.plans.get(backup_plan_id)
        if plan is None or plan.deletion_date is not None:
            raise InvalidParameterValueException(msg=f"Cannot find Backup plan with ID {backup_plan_id}")
        return plan

    def create_backup_selection(
        self,
        backup_plan_id: str,
        backup_selection: dict[str, Any],
        creator_request_id: str | None,
    ) -> Selection:
        self._live_plan(backup_plan_id)
        for required in ("SelectionName", "IamRoleArn"):
            if not backup_selection.get(required):
                raise MissingParameterValueException(msg=f"Missing required parameter in BackupSelection: {required}")
        name = backup_selection["SelectionName"]
        if not SELECTION_NAME.match(name):
            raise InvalidParameterValueException(
                msg=f"Invalid backup selection name {name}: it must contain 1 to 50 alphanumeric or '-_.' characters"
            )
        if not IAM_ROLE_ARN.match(backup_selection["IamRoleArn"]):
            raise InvalidParameterValueException(msg=f"Invalid IAM role ARN {backup_selection['IamRoleArn']}")
        if not backup_selection.get("ListOfTags") and not backup_selection.get("Resources"):
            raise InvalidParameterValueException(
                msg="Invalid backup selection. Either 'ListOfTags' or 'Resources' section must be non-empty."
            )
        for condition in backup_selection.get("ListOfTags") or []:
            if condition.get("ConditionType") != "STRINGEQUALS":
                raise InvalidParameterValueException(
                    msg=f"Invalid condition type {condition.get('ConditionType')}: ListOfTags supports only STRINGEQUALS"
                )
        unknown = set(backup_selection.get("Conditions") or {}) - set(CONDITION_OPERATORS)
        if unknown:
            raise InvalidParameterValueException(msg=f"Invalid condition operator {sorted(unknown)[0]}")
        selection = Selection(backup_plan_id, backup_selection, creator_request_id)
        self.backup_selections[selection.selection_id] = selection
        return selection

    def get_backup_selection(self, backup_plan_id: str, selection_id: str) -> Selection:
        self._live_plan(backup_plan_id)
        selection = self.backup_selections.get(selection_id)
        if selection is None or selection.backup_plan_id != backup_plan_id:
            raise ResourceNotFoundException(msg=f"Cannot find Backup selection with ID {selection_id}")
        return selection

    def delete_backup_selection(self, backup_plan_id: str, selection_id: str) -> None:
        self.get_backup_selection(backup_plan_id, selection_id)
        del self.backup_selections[selection_id]

    @paginate(pagination_model=PAGINATION_MODEL)
    def list_backup_selections(self, backup_plan_id: str) -> list[Selection]:
        self._live_plan(backup_plan_id)
        return [s for s in self.backup_selections.values() if s.backup_plan_id == backup_plan_id]


def _add_to_backend() -> None:
    """Adds the calls above, and the collection they keep, to moto's BackupBackend."""
    if getattr(BackupBackend, "_oar_additions", False):
        return
    moto_init = BackupBackend.__init__

    def __init__(self: BackupBackend, region_name: str, account_id: str) -> None:
        moto_init(self, region_name, account_id)
        self.backup_selections: dict[str, Selection] = {}

    BackupBackend.__init__ = __init__  # type: ignore[method-assign]
    for name, member in vars(BackupBackendAdditions).items():
        if callable(member) and not (name.startswith("__") and name.endswith("__")):
            setattr(BackupBackend, name, member)
    BackupBackend._oar_additions = True  # type: ignore[attr-defined]


_add_to_backend()


def _backend(account_id: str, region_name: str) -> BackupBackend:
    return backup_backends[account_id][region_name]


def _bool(value: Any) -> bool:
    return str(value).lower() == "true"


def _lifecycle(lifecycle: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in ("DeleteAfterDays", "MoveToColdStorageAfterDays"):
        if key in lifecycle:
            out[key] = int(lifecycle[key])
    if "OptInToArchiveForSupportedResources" in lifecycle:
        out["OptInToArchiveForSupportedResources"] = _bool(lifecycle["OptInToArchiveForSupportedResources"])
    return out


def _rule(rule: dict[str, Any]) -> dict[str, Any]:
    """A BackupPlanRule as CreateBackupPlan takes it (TargetBackupVault is TargetBackupVaultName there)."""
    out: dict[str, Any] = {"RuleName": rule["RuleName"], "TargetBackupVaultName": rule["TargetBackupVault"]}
    for key in ("ScheduleExpression", "ScheduleExpressionTimezone", "RecoveryPointTags", "IndexActions"):
        if key in rule:
            out[key] = rule[key]
    for key in ("StartWindowMinutes", "CompletionWindowMinutes"):
        if key in rule:
            out[key] = int(rule[key])
    if "EnableContinuousBackup" in rule:
        out["EnableContinuousBackup"] = _bool(rule["EnableContinuousBackup"])
    if "Lifecycle" in rule:
        out["Lifecycle"] = _lifecycle(rule["Lifecycle"])
    if "CopyActions" in rule:
        out["CopyActions"] = [
            {
                "DestinationBackupVaultArn": a["DestinationBackupVaultArn"],
                **({"Lifecycle": _lifecycle(a["Lifecycle"])} if "Lifecycle" in a else {}),
            }
            for a in rule["CopyActions"]
        ]
    return out


def backup_plan_document(plan: dict[str, Any]) -> dict[str, Any]:
    """The template's BackupPlan as CreateBackupPlan takes it."""
    out: dict[str, Any] = {
        "BackupPlanName": plan["BackupPlanName"],
        "Rules": [_rule(r) for r in plan.get("BackupPlanRule", [])],
    }
    if plan.get("AdvancedBackupSettings"):
        out["AdvancedBackupSettings"] = plan["AdvancedBackupSettings"]
    return out


def _retag(backend: BackupBackend, arn: str, old: dict[str, str] | None, new: dict[str, str] | None) -> None:
    gone = set(old or {}) - set(new or {})
    if gone:
        backend.untag_resource(arn, sorted(gone))
    if new:
        backend.tag_resource(arn, new)


class BackupVault(CloudFormationModel):
    def __init__(self, name: str, properties: dict[str, Any], account_id: str, region_name: str):
        self.name = name
        self.properties = properties
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "BackupVaultName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-backup-backupvault.html
        return "AWS::Backup::BackupVault"

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["BackupVaultArn", "BackupVaultName"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "BackupVaultArn":
            return _backend(self.account_id, self.region_name).describe_backup_vault(self.name).backup_vault_arn
        if attribute_name == "BackupVaultName":
            return self.name
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _lock(backend: BackupBackend, name: str, lock: dict[str, Any] | None) -> None:
        if lock:
            backend.put_backup_vault_lock_configuration(
                name,
                min_retention_days=int(lock["MinRetentionDays"]),
                max_retention_days=int(lock["MaxRetentionDays"]) if "MaxRetentionDays" in lock else None,
                changeable_for_days=int(lock["ChangeableForDays"]) if "ChangeableForDays" in lock else None,
            )

    @classmethod
    def _create(cls, props: dict[str, Any], account_id: str, region_name: str) -> "BackupVault":
        backend = _backend(account_id, region_name)
        # AccessPolicy and Notifications: moto has no PutBackupVaultAccessPolicy or PutBackupVaultNotifications.
        vault = backend.create_backup_vault(
            backup_vault_name=props["BackupVaultName"],
            backup_vault_tags=props.get("BackupVaultTags"),  # type: ignore[arg-type]
            encryption_key_arn=props.get("EncryptionKeyArn"),  # type: ignore[arg-type]
            creator_request_id=None,  # type: ignore[arg-type]
        )
        cls._lock(backend, vault.backup_vault_name, props.get("LockConfiguration"))
        return cls(vault.backup_vault_name, props, account_id, region_name)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "BackupVault":
        return cls._create(cloudformation_json["Properties"], account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "BackupVault",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "BackupVault":
        old, new = original_resource.properties, cloudformation_json["Properties"]
        if any(old.get(p) != new.get(p) for p in ("BackupVaultName", "EncryptionKeyArn")):
            if old.get("BackupVaultName") == new.get("BackupVaultName"):
                raise ValidationError(
                    message=f"CloudFormation cannot update a stack when a custom-named resource requires replacing: {original_resource.name}"
                )
            replacement = cls._create(new, account_id, region_name)
            original_resource.delete(account_id, region_name)
            return replacement
        backend = _backend(account_id, region_name)
        vault = backend.describe_backup_vault(original_resource.name)
        if old.get("BackupVaultTags") != new.get("BackupVaultTags"):
            _retag(backend, vault.backup_vault_arn, old.get("BackupVaultTags"), new.get("BackupVaultTags"))
        if old.get("LockConfiguration") != new.get("LockConfiguration"):
            if new.get("LockConfiguration"):
                cls._lock(backend, original_resource.name, new["LockConfiguration"])
            else:
                backend.delete_backup_vault_lock_configuration(original_resource.name)
        original_resource.properties = new
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        _backend(account_id, region_name).delete_backup_vault(resource_name)

    def delete(self, account_id: str, region_name: str) -> None:
        _backend(account_id, region_name).delete_backup_vault(self.name)


class BackupPlan(CloudFormationModel):
    def __init__(self, plan_id: str, properties: dict[str, Any], account_id: str, region_name: str):
        self.plan_id = plan_id
        self.properties = properties
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-backup-backupplan.html
        return "AWS::Backup::BackupPlan"

    @property
    def physical_resource_id(self) -> str:
        return self.plan_id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["BackupPlanArn", "BackupPlanId", "VersionId"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        plan = _backend(self.account_id, self.region_name).get_backup_plan(self.plan_id, version_id=None)
        if attribute_name == "BackupPlanArn":
            return plan.backup_plan_arn
        if attribute_name == "BackupPlanId":
            return plan.backup_plan_id
        if attribute_name == "VersionId":
            return plan.version_id
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "BackupPlan":
        props = cloudformation_json["Properties"]
        plan = _backend(account_id, region_name).create_backup_plan(
            backup_plan=backup_plan_document(props["BackupPlan"]),
            backup_plan_tags=props.get("BackupPlanTags"),  # type: ignore[arg-type]
            creator_request_id=None,  # type: ignore[arg-type]
        )
        return cls(plan.backup_plan_id, props, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "BackupPlan",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "BackupPlan":
        old, new = original_resource.properties, cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        if old.get("BackupPlan") != new.get("BackupPlan"):
            backend.update_backup_plan(original_resource.plan_id, backup_plan_document(new["BackupPlan"]))  # type: ignore[attr-defined]
        if old.get("BackupPlanTags") != new.get("BackupPlanTags"):
            arn = backend.get_backup_plan(original_resource.plan_id, version_id=None).backup_plan_arn
            _retag(backend, arn, old.get("BackupPlanTags"), new.get("BackupPlanTags"))
        original_resource.properties = new
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        cls(resource_name, {}, account_id, region_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        plan = backend.plans.get(self.plan_id)
        if plan is not None and plan.deletion_date is None:
            backend.delete_backup_plan(self.plan_id)


# The API handlers of the calls added above.
from . import responses  # noqa: E402, F401

# Logically air-gapped vaults and restore testing: calls, handlers, routes and CloudFormation models.
from . import restore_testing  # noqa: E402, F401
