"""AWS::SecretsManager::Secret, SecretTargetAttachment, RotationSchedule and ResourcePolicy, created
through moto's Secrets Manager backend (create_secret with get_random_password, put_secret_value,
rotate_secret, put_resource_policy)."""

import json
import re
import time
import uuid
from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException, ValidationError
from moto.core.common_models import CloudFormationModel
from moto.rds.models import rds_backends
from moto.secretsmanager.models import FakeSecret, SecretsManagerBackend, secretsmanager_backends


def _bool(value: Any, default: bool) -> bool:
    return default if value is None else str(value).lower() == "true"


def _backend(account_id: str, region_name: str) -> SecretsManagerBackend:
    return secretsmanager_backends[account_id][region_name]


def _secret(account_id: str, region_name: str, secret_id: str) -> FakeSecret | None:
    """The secret, or None once it is gone (a stack delete does not order deletions)."""
    secret = _backend(account_id, region_name).secrets.get(secret_id)
    return secret if isinstance(secret, FakeSecret) else None


def generate_secret_string(backend: SecretsManagerBackend, spec: dict[str, Any]) -> str:
    """The value GenerateSecretString describes: a random password, alone or under GenerateStringKey
    in the SecretStringTemplate JSON."""
    password = json.loads(
        backend.get_random_password(
            password_length=int(spec.get("PasswordLength", 32)),
            exclude_characters=spec.get("ExcludeCharacters", ""),
            exclude_numbers=_bool(spec.get("ExcludeNumbers"), False),
            exclude_punctuation=_bool(spec.get("ExcludePunctuation"), False),
            exclude_uppercase=_bool(spec.get("ExcludeUppercase"), False),
            exclude_lowercase=_bool(spec.get("ExcludeLowercase"), False),
            include_space=_bool(spec.get("IncludeSpace"), False),
            require_each_included_type=_bool(spec.get("RequireEachIncludedType"), True),
        )
    )["RandomPassword"]
    template, key = spec.get("SecretStringTemplate"), spec.get("GenerateStringKey")
    if template is None and key is None:
        return password
    if template is None or key is None:
        raise ValidationError(message="GenerateSecretString needs both SecretStringTemplate and GenerateStringKey, or neither")
    value = json.loads(template)
    value[key] = password
    return json.dumps(value)


class Secret(CloudFormationModel):
    def __init__(self, arn: str, properties: dict[str, Any], account_id: str, region_name: str):
        self.arn = arn
        self.properties = properties
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-secretsmanager-secret.html
        return "AWS::SecretsManager::Secret"

    @property
    def physical_resource_id(self) -> str:
        return self.arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Id"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Id":
            return self.arn
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _value(backend: SecretsManagerBackend, props: dict[str, Any]) -> str | None:
        if "SecretString" in props and "GenerateSecretString" in props:
            raise ValidationError(message="A secret takes SecretString or GenerateSecretString, not both")
        if "GenerateSecretString" in props:
            return generate_secret_string(backend, props["GenerateSecretString"])
        return props.get("SecretString")

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Secret":
        props = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        name = props.get("Name", resource_name)
        # Type (the secret's owning service) has no place in moto's CreateSecret.
        created = backend.create_secret(
            name=name,
            secret_string=cls._value(backend, props),
            secret_binary=None,
            description=props.get("Description"),
            tags=props.get("Tags"),
            kms_key_id=props.get("KmsKeyId"),
            client_request_token=None,
            replica_regions=props.get("ReplicaRegions") or [],
            force_overwrite=False,
        )
        return cls(json.loads(created)["ARN"], props, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Secret",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Secret":
        old, new = original_resource.properties, cloudformation_json["Properties"]
        if old.get("Name") != new.get("Name"):
            replacement = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
            original_resource.delete(account_id, region_name)
            return replacement
        backend = _backend(account_id, region_name)
        arn = original_resource.arn
        value_changed = any(old.get(p) != new.get(p) for p in ("SecretString", "GenerateSecretString"))
        if value_changed or any(old.get(p) != new.get(p) for p in ("Description", "KmsKeyId")):
            backend.update_secret(
                secret_id=arn,
                secret_string=cls._value(backend, new) if value_changed else None,
                # SDKs fill the idempotency token in; moto's update_secret refuses a call without one.
                client_request_token=str(uuid.uuid4()),
                kms_key_id=new.get("KmsKeyId"),
                description=new.get("Description"),
            )
        if old.get("Tags") != new.get("Tags"):
            gone = {t["Key"] for t in old.get("Tags") or []} - {t["Key"] for t in new.get("Tags") or []}
            if gone:
                backend.untag_resource(arn, sorted(gone))
            if new.get("Tags"):
                backend.tag_resource(arn, new["Tags"])
        if old.get("ReplicaRegions") != new.get("ReplicaRegions"):
            before = {r["Region"] for r in old.get("ReplicaRegions") or []}
            after = [r for r in new.get("ReplicaRegions") or [] if r["Region"] not in before]
            gone_regions = before - {r["Region"] for r in new.get("ReplicaRegions") or []}
            if gone_regions:
                backend.remove_regions_from_replication(arn, sorted(gone_regions))
            if after:
                backend.replicate_secret_to_regions(arn, after, force_overwrite=False)
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
        cls(resource_name, cloudformation_json.get("Properties", {}), account_id, region_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        secret = _secret(account_id, region_name, self.arn)
        if secret is None:
            return
        backend = _backend(account_id, region_name)
        if secret.replicas:
            backend.remove_regions_from_replication(self.arn, [r.region for r in secret.replicas])
        # CloudFormation deletes a secret without a recovery window.
        backend.delete_secret(self.arn, recovery_window_in_days=None, force_delete_without_recovery=True)


# The engine a database secret names, for the engines the rotation functions tell apart.
_SECRET_ENGINES = {"aurora": "mysql", "aurora-mysql": "mysql", "aurora-postgresql": "postgres"}


class SecretTargetAttachment(CloudFormationModel):
    """Adds the connection details of a database to its secret, as CloudFormation does: engine, host,
    port and the cluster or instance identifier."""

    def __init__(self, secret_arn: str, properties: dict[str, Any], account_id: str, region_name: str):
        self.secret_arn = secret_arn
        self.properties = properties
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-secretsmanager-secrettargetattachment.html
        return "AWS::SecretsManager::SecretTargetAttachment"

    @property
    def physical_resource_id(self) -> str:
        return self.secret_arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Id"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Id":
            return self.secret_arn
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _connection(props: dict[str, Any], account_id: str, region_name: str) -> dict[str, Any]:
        target_type, target_id = props["TargetType"], str(props["TargetId"])
        rds = rds_backends[account_id][region_name]
        if target_type == "AWS::RDS::DBCluster":
            cluster = rds.describe_db_clusters(target_id.lower())[0]
            return {
                "engine": _SECRET_ENGINES.get(cluster.engine, cluster.engine),
                "host": cluster.endpoint,
                "port": cluster.port,
                "dbClusterIdentifier": cluster.db_cluster_identifier,
            }
        if target_type == "AWS::RDS::DBInstance":
            database = rds.describe_db_instances(target_id.lower())[0]
            return {
                "engine": _SECRET_ENGINES.get(database.engine, database.engine),
                "host": database.address,
                "port": database.port,
                "dbInstanceIdentifier": database.db_instance_identifier,
            }
        raise ValidationError(message=f"SecretTargetAttachment: TargetType {target_type} is not supported")

    @classmethod
    def _attach(cls, props: dict[str, Any], account_id: str, region_name: str) -> "SecretTargetAttachment":
        backend = _backend(account_id, region_name)
        secret_id = props["SecretId"]
        current = backend.get_secret_value(secret_id, version_id=None, version_stage="AWSCURRENT")  # type: ignore[arg-type]
        value = json.loads(current.get("SecretString") or "{}")
        value.update(cls._connection(props, account_id, region_name))
        backend.put_secret_value(
            secret_id=secret_id,
            secret_string=json.dumps(value),
            secret_binary=None,  # type: ignore[arg-type]
            client_request_token=None,  # type: ignore[arg-type]
            version_stages=["AWSCURRENT"],
        )
        return cls(backend.describe_secret(secret_id).arn, props, account_id, region_name)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "SecretTargetAttachment":
        return cls._attach(cloudformation_json["Properties"], account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "SecretTargetAttachment",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "SecretTargetAttachment":
        return cls._attach(cloudformation_json["Properties"], account_id, region_name)

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        pass

    def delete(self, account_id: str, region_name: str) -> None:
        # Deleting the attachment leaves the secret's value as it is, connection details included.
        pass


def _rotation_rules(rules: dict[str, Any]) -> dict[str, Any]:
    """RotationRules as moto's rotate_secret reads them: it knows AutomaticallyAfterDays only, which a
    rate() schedule in days converts to. A cron() schedule and Duration are not kept."""
    out: dict[str, Any] = {}
    if "AutomaticallyAfterDays" in rules:
        out["AutomaticallyAfterDays"] = int(rules["AutomaticallyAfterDays"])
    match = re.fullmatch(r"rate\((\d+) days?\)", str(rules.get("ScheduleExpression", "")).strip())
    if match:
        out["AutomaticallyAfterDays"] = int(match.group(1))
    return out


class RotationSchedule(CloudFormationModel):
    """With RotationLambdaARN, RotateSecret through moto's backend, which invokes the function.

    A HostedRotationLambda is a function the AWS::SecretsManager transform adds to the template as a
    nested Serverless Application Repository stack; moto runs no transforms and has no Serverless
    Application Repository, so there is no function. The schedule is then recorded on the secret as
    RotateSecret records it (rotation enabled, rules, next rotation date), with no function ARN, and no
    rotation runs: moto's rotate_secret without a function would make an empty version AWSCURRENT."""

    def __init__(self, secret_arn: str, properties: dict[str, Any], account_id: str, region_name: str):
        self.secret_arn = secret_arn
        self.properties = properties
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-secretsmanager-rotationschedule.html
        return "AWS::SecretsManager::RotationSchedule"

    @property
    def physical_resource_id(self) -> str:
        return self.secret_arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Id"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Id":
            return self.secret_arn
        raise UnformattedGetAttTemplateException()

    @classmethod
    def _schedule(cls, props: dict[str, Any], account_id: str, region_name: str) -> "RotationSchedule":
        backend = _backend(account_id, region_name)
        secret_id = props["SecretId"]
        rules = _rotation_rules(props.get("RotationRules") or {})
        if props.get("RotationLambdaARN"):
            backend.rotate_secret(
                secret_id=secret_id,
                rotation_lambda_arn=props["RotationLambdaARN"],
                rotation_rules=rules,
                rotate_immediately=_bool(props.get("RotateImmediatelyOnUpdate"), True),
            )
        elif props.get("HostedRotationLambda"):
            secret = backend.describe_secret(secret_id)
            assert isinstance(secret, FakeSecret)
            days = rules.get("AutomaticallyAfterDays", 0)
            if days and not 1 <= days <= 1000:
                raise ValidationError(message="RotationRules.AutomaticallyAfterDays must be within 1-1000.")
            secret.rotation_requested = True
            secret.rotation_lambda_arn = ""
            secret.auto_rotate_after_days = days
            secret.rotation_enabled = True
            secret.next_rotation_date = int(time.time()) + days * 86400 if days else None
        else:
            raise ValidationError(message="A RotationSchedule needs RotationLambdaARN or HostedRotationLambda")
        return cls(backend.describe_secret(secret_id).arn, props, account_id, region_name)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "RotationSchedule":
        return cls._schedule(cloudformation_json["Properties"], account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "RotationSchedule",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "RotationSchedule":
        props = cloudformation_json["Properties"]
        if _backend(account_id, region_name).describe_secret(props["SecretId"]).arn != original_resource.secret_arn:
            original_resource.delete(account_id, region_name)
        return cls._schedule(props, account_id, region_name)

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        cls(resource_name, cloudformation_json.get("Properties", {}), account_id, region_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        secret = _secret(account_id, region_name, self.secret_arn)
        if secret is None or secret.is_deleted():
            return
        if secret.rotation_lambda_arn:
            _backend(account_id, region_name).cancel_rotate_secret(self.secret_arn)
        else:
            # What CancelRotateSecret records; moto's refuses a secret without a function ARN.
            secret.rotation_enabled = False


class ResourcePolicy(CloudFormationModel):
    def __init__(self, secret_arn: str, account_id: str, region_name: str):
        self.secret_arn = secret_arn
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-secretsmanager-resourcepolicy.html
        return "AWS::SecretsManager::ResourcePolicy"

    @property
    def physical_resource_id(self) -> str:
        return self.secret_arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Id"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Id":
            return self.secret_arn
        raise UnformattedGetAttTemplateException()

    @classmethod
    def _put(cls, props: dict[str, Any], account_id: str, region_name: str) -> "ResourcePolicy":
        policy = props["ResourcePolicy"]
        # BlockPublicPolicy: moto's put_resource_policy does not check policies for public access.
        arn, _ = _backend(account_id, region_name).put_resource_policy(
            props["SecretId"], policy if isinstance(policy, str) else json.dumps(policy)
        )
        return cls(arn, account_id, region_name)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "ResourcePolicy":
        return cls._put(cloudformation_json["Properties"], account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "ResourcePolicy",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "ResourcePolicy":
        props = cloudformation_json["Properties"]
        if _backend(account_id, region_name).describe_secret(props["SecretId"]).arn != original_resource.secret_arn:
            original_resource.delete(account_id, region_name)
        return cls._put(props, account_id, region_name)

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
        if _secret(account_id, region_name, self.secret_arn) is not None:
            _backend(account_id, region_name).delete_resource_policy(self.secret_arn)
