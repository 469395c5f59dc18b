"""Backup calls moto 5.2.1 lacks, for logically air-gapped vaults and restore testing, added to its backend as
moto would write them in ``moto/backup/models.py`` (with handlers for ``responses.py`` and routes for ``urls.py``),
and the CloudFormation models that create through them: AWS::Backup::LogicallyAirGappedBackupVault,
AWS::Backup::RestoreTestingPlan and AWS::Backup::RestoreTestingSelection.

A logically air-gapped vault is kept in moto's vault store, so DescribeBackupVault and ListBackupVaults see it, with
VaultType LOGICALLY_AIR_GAPPED_BACKUP_VAULT and a compliance lock (Locked, MinRetentionDays, MaxRetentionDays) set
at creation, as AWS does. Restore testing plans and selections are kept in their own collections; AWS's validation
is kept: a selection belongs to an existing plan, and a plan with selections cannot be deleted.
"""

import json
import re
from typing import Any
from urllib.parse import unquote

from moto.backup import urls as moto_urls
from moto.backup.exceptions import (
    AlreadyExistsException,
    InvalidParameterValueException,
    InvalidRequestException,
    ResourceNotFoundException,
)
from moto.backup.models import BackupBackend, Vault, backup_backends
from moto.backup.responses import BackupResponse
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import BaseModel, CloudFormationModel
from moto.core.utils import unix_time
from moto.utilities.utils import get_partition

LAG_VAULT_TYPE = "LOGICALLY_AIR_GAPPED_BACKUP_VAULT"
LAG_VAULT_NAME = re.compile(r"^[a-z0-9-]{2,50}$")
PLAN_NAME = re.compile(r"^[a-zA-Z0-9_]{1,50}$")


class RestoreTestingPlan(BaseModel):
    def __init__(self, plan: dict[str, Any], creator_request_id: str | None, backend: BackupBackend):
        self.name: str = plan["RestoreTestingPlanName"]
        self.arn = (
            f"arn:{get_partition(backend.region_name)}:backup:{backend.region_name}:{backend.account_id}"
            f":restore-testing-plan:{self.name}-{backend.account_id[:8]}"
        )
        self.creation_time = unix_time()
        self.update_time: float | None = None
        self.creator_request_id = creator_request_id
        self.update(plan)

    def update(self, plan: dict[str, Any]) -> None:
        self.recovery_point_selection: dict[str, Any] = plan["RecoveryPointSelection"]
        self.schedule_expression: str = plan["ScheduleExpression"]
        self.schedule_expression_timezone: str = plan.get("ScheduleExpressionTimezone") or "Etc/UTC"
        self.start_window_hours: int = int(plan.get("StartWindowHours") or 24)

    def to_get_dict(self) -> dict[str, Any]:
        return {
            "CreationTime": self.creation_time,
            "CreatorRequestId": self.creator_request_id,
            "RecoveryPointSelection": self.recovery_point_selection,
            "RestoreTestingPlanArn": self.arn,
            "RestoreTestingPlanName": self.name,
            "ScheduleExpression": self.schedule_expression,
            "ScheduleExpressionTimezone": self.schedule_expression_timezone,
            "StartWindowHours": self.start_window_hours,
            **({"LastUpdateTime": self.update_time} if self.update_time else {}),
        }

    def to_list_dict(self) -> dict[str, Any]:
        return {
            k: v
            for k, v in self.to_get_dict().items()
            if k in ("CreationTime", "RestoreTestingPlanArn", "RestoreTestingPlanName", "ScheduleExpression", "ScheduleExpressionTimezone", "StartWindowHours", "LastUpdateTime")
        }


class RestoreTestingSelection(BaseModel):
    def __init__(self, plan: RestoreTestingPlan, selection: dict[str, Any], creator_request_id: str | None):
        self.plan_name = plan.name
        self.plan_arn = plan.arn
        self.name: str = selection["RestoreTestingSelectionName"]
        self.creation_time = unix_time()
        self.update_time: float | None = None
        self.creator_request_id = creator_request_id
        self.protected_resource_type: str = selection["ProtectedResourceType"]
        self.update(selection)

    def update(self, selection: dict[str, Any]) -> None:
        self.iam_role_arn: str = selection["IamRoleArn"]
        self.protected_resource_arns: list[str] = selection.get("ProtectedResourceArns") or []
        self.protected_resource_conditions: dict[str, Any] | None = selection.get("ProtectedResourceConditions")
        self.restore_metadata_overrides: dict[str, str] = selection.get("RestoreMetadataOverrides") or {}
        self.validation_window_hours: int = int(selection.get("ValidationWindowHours") or 0)

    def to_get_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "CreationTime": self.creation_time,
            "CreatorRequestId": self.creator_request_id,
            "IamRoleArn": self.iam_role_arn,
            "ProtectedResourceArns": self.protected_resource_arns,
            "ProtectedResourceType": self.protected_resource_type,
            "RestoreMetadataOverrides": self.restore_metadata_overrides,
            "RestoreTestingPlanName": self.plan_name,
            "RestoreTestingSelectionName": self.name,
            "ValidationWindowHours": self.validation_window_hours,
        }
        if self.protected_resource_conditions:
            result["ProtectedResourceConditions"] = self.protected_resource_conditions
        return {k: v for k, v in result.items() if v is not None}


class RestoreTestingBackendAdditions:
    """Methods added to moto's BackupBackend, as they would be written in moto/backup/models.py."""

    region_name: str
    account_id: str
    vaults: dict[str, Vault]
    restore_testing_plans: dict[str, RestoreTestingPlan]
    restore_testing_selections: dict[tuple[str, str], RestoreTestingSelection]
    tag_resource: Any

    def create_logically_air_gapped_backup_vault(
        self,
        backup_vault_name: str,
        backup_vault_tags: dict[str, str] | None,
        creator_request_id: str | None,
        min_retention_days: int,
        max_retention_days: int,
        encryption_key_arn: str | None,
    ) -> Vault:
        if not LAG_VAULT_NAME.match(backup_vault_name):
            raise InvalidParameterValueException(msg="Logically air-gapped vault names consist of lowercase letters, numbers and hyphens")
        if backup_vault_name in self.vaults:
            raise AlreadyExistsException(msg="Backup vault with the same name already exists")
        if min_retention_days < 7:
            raise InvalidParameterValueException(msg="MinRetentionDays must be at least 7 days")
        if max_retention_days > 36500 or min_retention_days > max_retention_days:
            raise InvalidParameterValueException(msg="MaxRetentionDays must be between MinRetentionDays and 36500 days")
        vault = Vault(
            backup_vault_name=backup_vault_name,
            encryption_key_arn=encryption_key_arn,  # type: ignore[arg-type]
            creator_request_id=creator_request_id,  # type: ignore[arg-type]
            backend=self,  # type: ignore[arg-type]
        )
        # Always locked in compliance mode, from the start.
        vault.vault_type = LAG_VAULT_TYPE  # type: ignore[attr-defined]
        vault.vault_state = "AVAILABLE"  # type: ignore[attr-defined]
        vault.locked = True
        vault.min_retention_days = min_retention_days
        vault.max_retention_days = max_retention_days
        vault.lock_date = vault.creation_date
        if backup_vault_tags:
            self.tag_resource(vault.backup_vault_arn, backup_vault_tags)
        self.vaults[backup_vault_name] = vault
        return vault

    def create_restore_testing_plan(
        self, restore_testing_plan: dict[str, Any], tags: dict[str, str] | None, creator_request_id: str | None
    ) -> RestoreTestingPlan:
        name = restore_testing_plan.get("RestoreTestingPlanName", "")
        if not PLAN_NAME.match(name):
            raise InvalidParameterValueException(msg="RestoreTestingPlanName may hold only letters, numbers and underscores")
        if name in self.restore_testing_plans:
            raise AlreadyExistsException(msg=f"Restore testing plan {name} already exists")
        selection = restore_testing_plan.get("RecoveryPointSelection") or {}
        if not selection.get("Algorithm") or not selection.get("IncludeVaults") or not selection.get("RecoveryPointTypes"):
            raise InvalidParameterValueException(msg="RecoveryPointSelection needs Algorithm, IncludeVaults and RecoveryPointTypes")
        plan = RestoreTestingPlan(restore_testing_plan, creator_request_id, self)  # type: ignore[arg-type]
        if tags:
            self.tag_resource(plan.arn, tags)
        self.restore_testing_plans[name] = plan
        return plan

    def get_restore_testing_plan(self, restore_testing_plan_name: str) -> RestoreTestingPlan:
        plan = self.restore_testing_plans.get(restore_testing_plan_name)
        if plan is None:
            raise ResourceNotFoundException(msg=f"Restore testing plan {restore_testing_plan_name} not found")
        return plan

    def update_restore_testing_plan(self, restore_testing_plan_name: str, restore_testing_plan: dict[str, Any]) -> RestoreTestingPlan:
        plan = self.get_restore_testing_plan(restore_testing_plan_name)
        merged = {**plan.to_get_dict(), **{k: v for k, v in restore_testing_plan.items() if v is not None}}
        plan.update(merged)
        plan.update_time = unix_time()
        return plan

    def delete_restore_testing_plan(self, restore_testing_plan_name: str) -> None:
        self.get_restore_testing_plan(restore_testing_plan_name)
        if any(plan == restore_testing_plan_name for plan, _ in self.restore_testing_selections):
            raise InvalidRequestException(msg="Delete the restore testing selections of the plan first")
        del self.restore_testing_plans[restore_testing_plan_name]

    def list_restore_testing_plans(self) -> list[RestoreTestingPlan]:
        return list(self.restore_testing_plans.values())

    def create_restore_testing_selection(
        self, restore_testing_plan_name: str, restore_testing_selection: dict[str, Any], creator_request_id: str | None
    ) -> RestoreTestingSelection:
        plan = self.get_restore_testing_plan(restore_testing_plan_name)
        name = restore_testing_selection.get("RestoreTestingSelectionName", "")
        if not PLAN_NAME.match(name):
            raise InvalidParameterValueException(msg="RestoreTestingSelectionName may hold only letters, numbers and underscores")
        if (plan.name, name) in self.restore_testing_selections:
            raise AlreadyExistsException(msg=f"Restore testing selection {name} already exists")
        arns = restore_testing_selection.get("ProtectedResourceArns") or []
        conditions = restore_testing_selection.get("ProtectedResourceConditions")
        if not arns and not conditions:
            raise InvalidParameterValueException(msg="Give ProtectedResourceArns or ProtectedResourceConditions")
        if conditions and arns and arns != ["*"]:
            raise InvalidParameterValueException(msg="ProtectedResourceConditions go with ProtectedResourceArns * only")
        selection = RestoreTestingSelection(plan, restore_testing_selection, creator_request_id)
        self.restore_testing_selections[(plan.name, name)] = selection
        return selection

    def get_restore_testing_selection(self, restore_testing_plan_name: str, restore_testing_selection_name: str) -> RestoreTestingSelection:
        selection = self.restore_testing_selections.get((restore_testing_plan_name, restore_testing_selection_name))
        if selection is None:
            raise ResourceNotFoundException(msg=f"Restore testing selection {restore_testing_selection_name} not found")
        return selection

    def update_restore_testing_selection(
        self, restore_testing_plan_name: str, restore_testing_selection_name: str, restore_testing_selection: dict[str, Any]
    ) -> RestoreTestingSelection:
        selection = self.get_restore_testing_selection(restore_testing_plan_name, restore_testing_selection_name)
        merged = {**selection.to_get_dict(), **{k: v for k, v in restore_testing_selection.items() if v is not None}}
        selection.update(merged)
        selection.update_time = unix_time()
        return selection

    def delete_restore_testing_selection(self, restore_testing_plan_name: str, restore_testing_selection_name: str) -> None:
        self.get_restore_testing_selection(restore_testing_plan_name, restore_testing_selection_name)
        del self.restore_testing_selections[(restore_testing_plan_name, restore_testing_selection_name)]

    def list_restore_testing_selections(self, restore_testing_plan_name: str) -> list[RestoreTestingSelection]:
        self.get_restore_testing_plan(restore_testing_plan_name)
        return [s for (plan, _), s in self.restore_testing_selections.items() if plan == restore_testing_plan_name]


def _add_to_backend() -> None:
    if getattr(BackupBackend, "_oar_restore_testing", False):
        return
    before = BackupBackend.__init__

    def __init__(self: BackupBackend, region_name: str, account_id: str) -> None:
        before(self, region_name, account_id)
        self.restore_testing_plans: dict[str, RestoreTestingPlan] = {}
        self.restore_testing_selections: dict[tuple[str, str], RestoreTestingSelection] = {}

    BackupBackend.__init__ = __init__  # type: ignore[method-assign]
    for name, member in vars(RestoreTestingBackendAdditions).items():
        if callable(member) and not (name.startswith("__") and name.endswith("__")):
            setattr(BackupBackend, name, member)
    BackupBackend._oar_restore_testing = True  # type: ignore[attr-defined]


_add_to_backend()


class RestoreTestingResponseAdditions:
    """API handlers, as moto would write them in moto/backup/responses.py."""

    body: Any
    path: str
    backup_backend: Any

    def _parts(self) -> list[str]:
        return [unquote(p) for p in self.path.split("/restore-testing/plans", 1)[1].strip("/").split("/") if p]

    def create_logically_air_gapped_backup_vault(self) -> str:
        params = json.loads(self.body or "{}")
        vault = self.backup_backend.create_logically_air_gapped_backup_vault(
            backup_vault_name=unquote(self.path.rstrip("/").split("/")[-1]),
            backup_vault_tags=params.get("BackupVaultTags"),
            creator_request_id=params.get("CreatorRequestId"),
            min_retention_days=int(params["MinRetentionDays"]),
            max_retention_days=int(params["MaxRetentionDays"]),
            encryption_key_arn=params.get("EncryptionKeyArn"),
        )
        return json.dumps(
            {
                "BackupVaultName": vault.backup_vault_name,
                "BackupVaultArn": vault.backup_vault_arn,
                "CreationDate": vault.creation_date,
                "VaultState": vault.vault_state,
            }
        )

    def create_restore_testing_plan(self) -> str:
        params = json.loads(self.body or "{}")
        plan = self.backup_backend.create_restore_testing_plan(
            restore_testing_plan=params.get("RestoreTestingPlan") or {},
            tags=params.get("Tags"),
            creator_request_id=params.get("CreatorRequestId"),
        )
        return json.dumps({"CreationTime": plan.creation_time, "RestoreTestingPlanArn": plan.arn, "RestoreTestingPlanName": plan.name})

    def get_restore_testing_plan(self) -> str:
        plan = self.backup_backend.get_restore_testing_plan(self._parts()[0])
        return json.dumps({"RestoreTestingPlan": plan.to_get_dict()})

    def update_restore_testing_plan(self) -> str:
        params = json.loads(self.body or "{}")
        plan = self.backup_backend.update_restore_testing_plan(self._parts()[0], params.get("RestoreTestingPlan") or {})
        return json.dumps(
            {"CreationTime": plan.creation_time, "RestoreTestingPlanArn": plan.arn, "RestoreTestingPlanName": plan.name, "UpdateTime": plan.update_time}
        )

    def delete_restore_testing_plan(self) -> str:
        self.backup_backend.delete_restore_testing_plan(self._parts()[0])
        return "{}"

    def list_restore_testing_plans(self) -> str:
        return json.dumps({"RestoreTestingPlans": [p.to_list_dict() for p in self.backup_backend.list_restore_testing_plans()]})

    def create_restore_testing_selection(self) -> str:
        params = json.loads(self.body or "{}")
        plan_name = self._parts()[0]
        selection = self.backup_backend.create_restore_testing_selection(
            plan_name, params.get("RestoreTestingSelection") or {}, params.get("CreatorRequestId")
        )
        return json.dumps(
            {
                "CreationTime": selection.creation_time,
                "RestoreTestingPlanArn": selection.plan_arn,
                "RestoreTestingPlanName": selection.plan_name,
                "RestoreTestingSelectionName": selection.name,
            }
        )

    def get_restore_testing_selection(self) -> str:
        plan_name, _, name = self._parts()[:3]
        selection = self.backup_backend.get_restore_testing_selection(plan_name, name)
        return json.dumps({"RestoreTestingSelection": selection.to_get_dict()})

    def update_restore_testing_selection(self) -> str:
        params = json.loads(self.body or "{}")
        plan_name, _, name = self._parts()[:3]
        selection = self.backup_backend.update_restore_testing_selection(plan_name, name, params.get("RestoreTestingSelection") or {})
        return json.dumps(
            {
                "CreationTime": selection.creation_time,
                "RestoreTestingPlanArn": selection.plan_arn,
                "RestoreTestingPlanName": selection.plan_name,
                "RestoreTestingSelectionName": selection.name,
                "UpdateTime": selection.update_time,
            }
        )

    def delete_restore_testing_selection(self) -> str:
        plan_name, _, name = self._parts()[:3]
        self.backup_backend.delete_restore_testing_selection(plan_name, name)
        return "{}"

    def list_restore_testing_selections(self) -> str:
        selections = self.backup_backend.list_restore_testing_selections(self._parts()[0])
        return json.dumps(
            {
                "RestoreTestingSelections": [
                    {
                        k: v
                        for k, v in s.to_get_dict().items()
                        if k in ("CreationTime", "IamRoleArn", "ProtectedResourceType", "RestoreTestingPlanName", "RestoreTestingSelectionName", "ValidationWindowHours")
                    }
                    for s in selections
                ]
            }
        )


for _name, _member in vars(RestoreTestingResponseAdditions).items():
    if callable(_member) and not (_name.startswith("__") and _name.endswith("__")):
        setattr(BackupResponse, _name, _member)

# moto/backup/urls.py
for _path in (
    "{0}/logically-air-gapped-backup-vaults/(?P<name>[^/]+)$",
    "{0}/restore-testing/plans/?$",
    "{0}/restore-testing/plans/(?P<name>[^/]+)/?$",
    "{0}/restore-testing/plans/(?P<name>[^/]+)/selections/?$",
    "{0}/restore-testing/plans/(?P<name>[^/]+)/selections/(?P<selection>[^/]+)/?$",
):
    moto_urls.url_paths.setdefault(_path, BackupResponse.dispatch)


def _backend(account_id: str, region_name: str) -> BackupBackend:
    return backup_backends[account_id][region_name]


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


class LogicallyAirGappedBackupVault(CloudFormationModel):
    """Ref returns the vault name."""

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
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-backup-logicallyairgappedbackupvault.html
        return "AWS::Backup::LogicallyAirGappedBackupVault"

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["BackupVaultArn", "EncryptionKeyArn", "VaultState", "VaultType"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        vault = _backend(self.account_id, self.region_name).describe_backup_vault(self.name)
        values = {
            "BackupVaultArn": vault.backup_vault_arn,
            "EncryptionKeyArn": vault.encryption_key_arn or "",
            "VaultState": getattr(vault, "vault_state", "AVAILABLE"),
            "VaultType": getattr(vault, "vault_type", LAG_VAULT_TYPE),
        }
        if attribute_name in values:
            return values[attribute_name]
        raise UnformattedGetAttTemplateException()

    @classmethod
    def _create(cls, props: dict[str, Any], account_id: str, region_name: str) -> "LogicallyAirGappedBackupVault":
        # AccessPolicy and Notifications: moto has no PutBackupVaultAccessPolicy or PutBackupVaultNotifications.
        vault = _backend(account_id, region_name).create_logically_air_gapped_backup_vault(  # type: ignore[attr-defined]
            backup_vault_name=props["BackupVaultName"],
            backup_vault_tags=props.get("BackupVaultTags"),
            creator_request_id=None,
            min_retention_days=int(props["MinRetentionDays"]),
            max_retention_days=int(props["MaxRetentionDays"]),
            encryption_key_arn=props.get("EncryptionKeyArn"),
        )
        return cls(vault.backup_vault_name, props, account_id, region_name)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region_name: str, **kwargs: Any
    ) -> "LogicallyAirGappedBackupVault":
        props = dict(cloudformation_json["Properties"])
        props.setdefault("BackupVaultName", resource_name.lower())
        return cls._create(props, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "LogicallyAirGappedBackupVault",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "LogicallyAirGappedBackupVault":
        old, new = original_resource.properties, dict(cloudformation_json["Properties"])
        new.setdefault("BackupVaultName", original_resource.name)
        # Every property but the tags, the access policy and the notifications requires replacement.
        if any(old.get(p) != new.get(p) for p in ("BackupVaultName", "MinRetentionDays", "MaxRetentionDays", "EncryptionKeyArn")):
            replacement = cls._create(new, account_id, region_name)
            original_resource.delete(account_id, region_name)
            return replacement
        backend = _backend(account_id, region_name)
        arn = backend.describe_backup_vault(original_resource.name).backup_vault_arn
        old_tags, new_tags = old.get("BackupVaultTags") or {}, new.get("BackupVaultTags") or {}
        if old_tags != new_tags:
            backend.untag_resource(arn, [k for k in old_tags if k not in new_tags])
            if new_tags:
                backend.tag_resource(arn, new_tags)
        original_resource.properties = new
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region_name: str
    ) -> None:
        _backend(account_id, region_name).delete_backup_vault(resource_name)

    def delete(self, account_id: str, region_name: str) -> None:
        _backend(account_id, region_name).delete_backup_vault(self.name)


class RestoreTestingPlanModel(CloudFormationModel):
    """Ref returns the plan name."""

    def __init__(self, name: str, account_id: str, region_name: str):
        self.name = name
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "RestoreTestingPlanName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-backup-restoretestingplan.html
        return "AWS::Backup::RestoreTestingPlan"

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["RestoreTestingPlanArn"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "RestoreTestingPlanArn":
            return _backend(self.account_id, self.region_name).get_restore_testing_plan(self.name).arn  # type: ignore[attr-defined]
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _document(props: dict[str, Any]) -> dict[str, Any]:
        selection = dict(props["RecoveryPointSelection"])
        if "SelectionWindowDays" in selection:
            selection["SelectionWindowDays"] = int(selection["SelectionWindowDays"])
        return {
            "RestoreTestingPlanName": props["RestoreTestingPlanName"],
            "RecoveryPointSelection": selection,
            "ScheduleExpression": props["ScheduleExpression"],
            "ScheduleExpressionTimezone": props.get("ScheduleExpressionTimezone"),
            "StartWindowHours": _int(props.get("StartWindowHours")),
        }

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region_name: str, **kwargs: Any
    ) -> "RestoreTestingPlanModel":
        props = dict(cloudformation_json["Properties"])
        props.setdefault("RestoreTestingPlanName", re.sub(r"[^A-Za-z0-9_]", "_", resource_name)[:50])
        tags = {t["Key"]: t["Value"] for t in props.get("Tags", [])}
        plan = _backend(account_id, region_name).create_restore_testing_plan(cls._document(props), tags, None)  # type: ignore[attr-defined]
        return cls(plan.name, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "RestoreTestingPlanModel",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "RestoreTestingPlanModel":
        props = dict(cloudformation_json["Properties"])
        props.setdefault("RestoreTestingPlanName", original_resource.name)
        if props["RestoreTestingPlanName"] != original_resource.name:  # the name: replacement
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        _backend(account_id, region_name).update_restore_testing_plan(original_resource.name, cls._document(props))  # type: ignore[attr-defined]
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region_name: str
    ) -> None:
        cls(resource_name, account_id, region_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        if self.name in backend.restore_testing_plans:  # type: ignore[attr-defined]
            backend.delete_restore_testing_plan(self.name)  # type: ignore[attr-defined]


class RestoreTestingSelectionModel(CloudFormationModel):
    """The type's primary identifier is the plan name and the selection name; Ref returns them joined by a bar."""

    def __init__(self, plan_name: str, name: str, account_id: str, region_name: str):
        self.plan_name = plan_name
        self.name = name
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "RestoreTestingSelectionName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-backup-restoretestingselection.html
        return "AWS::Backup::RestoreTestingSelection"

    @property
    def physical_resource_id(self) -> str:
        return f"{self.plan_name}|{self.name}"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _document(props: dict[str, Any]) -> dict[str, Any]:
        return {
            "RestoreTestingSelectionName": props["RestoreTestingSelectionName"],
            "ProtectedResourceType": props["ProtectedResourceType"],
            "IamRoleArn": props["IamRoleArn"],
            "ProtectedResourceArns": props.get("ProtectedResourceArns"),
            "ProtectedResourceConditions": props.get("ProtectedResourceConditions"),
            "RestoreMetadataOverrides": props.get("RestoreMetadataOverrides"),
            "ValidationWindowHours": _int(props.get("ValidationWindowHours")),
        }

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region_name: str, **kwargs: Any
    ) -> "RestoreTestingSelectionModel":
        props = dict(cloudformation_json["Properties"])
        props.setdefault("RestoreTestingSelectionName", re.sub(r"[^A-Za-z0-9_]", "_", resource_name)[:50])
        selection = _backend(account_id, region_name).create_restore_testing_selection(  # type: ignore[attr-defined]
            props["RestoreTestingPlanName"], cls._document(props), None
        )
        return cls(selection.plan_name, selection.name, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "RestoreTestingSelectionModel",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "RestoreTestingSelectionModel":
        props = dict(cloudformation_json["Properties"])
        props.setdefault("RestoreTestingSelectionName", original_resource.name)
        backend = _backend(account_id, region_name)
        current = backend.get_restore_testing_selection(original_resource.plan_name, original_resource.name)  # type: ignore[attr-defined]
        if (
            props["RestoreTestingPlanName"] != original_resource.plan_name
            or props["RestoreTestingSelectionName"] != original_resource.name
            or props["ProtectedResourceType"] != current.protected_resource_type
        ):  # create-only properties: replacement
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        backend.update_restore_testing_selection(original_resource.plan_name, original_resource.name, cls._document(props))  # type: ignore[attr-defined]
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: dict[str, Any], account_id: str, region_name: str
    ) -> None:
        plan_name, _, name = resource_name.partition("|")
        cls(plan_name, name, account_id, region_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        if (self.plan_name, self.name) in backend.restore_testing_selections:  # type: ignore[attr-defined]
            backend.delete_restore_testing_selection(self.plan_name, self.name)  # type: ignore[attr-defined]
