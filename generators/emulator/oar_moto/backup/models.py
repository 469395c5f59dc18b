"""AWS::Backup::BackupVault and AWS::Backup::BackupPlan, created through moto's Backup backend
(create_backup_vault, put_backup_vault_lock_configuration, create_backup_plan).

AWS::Backup::BackupSelection has no model: moto 5.2.1's Backup backend has no CreateBackupSelection
(nor Get, List or Delete), so there is nothing a selection could be created in."""

from typing import Any

from moto.backup.exceptions import AlreadyExistsException
from moto.backup.models import BackupBackend, Plan, backup_backends
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException, ValidationError
from moto.core.common_models import CloudFormationModel


def create_backup_plan(
    self: BackupBackend,
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
    plan = Plan(backup_plan=backup_plan, creator_request_id=creator_request_id, backend=self)
    if backup_plan_tags:
        self.tag_resource(plan.backup_plan_arn, backup_plan_tags)
    self.plans[plan.backup_plan_id] = plan
    return plan


BackupBackend.create_backup_plan = create_backup_plan  # type: ignore[method-assign]


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
            # CloudFormation updates the plan in place (UpdateBackupPlan), which moto's backend lacks: the
            # plan is replaced instead, so its id changes.
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
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
