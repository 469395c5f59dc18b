"""AWS::S3::BucketPolicy, through moto's S3 backend (put_bucket_policy / delete_bucket_policy),
and the fix to moto's bucket policy check that a bucket policy with a condition needs."""

import json
from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.iam.access_control import IAMPolicy, PermissionResult
from moto.s3.exceptions import MissingBucket
from moto.s3.cloud_formation import cfn_to_api_encryption
from moto.s3.models import FakeBucket, S3Backend, s3_backends
from moto.utilities.tagging_service import TaggingService
from moto.utilities.utils import get_partition


def _holds_without_context(condition: dict[str, Any]) -> bool:
    """Whether a statement's Condition holds for a request whose context has no keys, as IAM
    evaluates it: a key absent from the request matches only ...IfExists operators and Null
    (with "true")."""
    for operator, keys in condition.items():
        for expected in keys.values():
            if operator.endswith("IfExists"):
                continue
            values = expected if isinstance(expected, list) else [expected]
            if operator == "Null" and any(str(v).lower() == "true" for v in values):
                continue
            return False
    return True


def get_permission(self: FakeBucket, action: str, resource: str) -> PermissionResult:
    """moto 5.2 checks object requests against the bucket policy with no request context, yet
    takes every Condition as met (and a statement whose condition fails as a denial). So the
    usual "deny unless aws:SecureTransport" policy (CDK's enforceSSL, the CDK bootstrap's assets
    bucket) denies every PutObject. Here a statement applies only if its condition holds for a
    request with no context keys, as IAM would evaluate it."""
    if self.policy is None:
        return PermissionResult.NEUTRAL
    document = json.loads(self.policy.decode())
    statements = document.get("Statement", [])
    if isinstance(statements, dict):
        statements = [statements]
    applicable = [
        {k: v for k, v in s.items() if k != "Condition"} for s in statements if _holds_without_context(s.get("Condition", {}))
    ]
    if not applicable:
        return PermissionResult.NEUTRAL
    return IAMPolicy(json.dumps({**document, "Statement": applicable})).is_action_permitted(action, resource)


# FakeBucket objects are made by moto's backend, so the fix replaces the method on moto's class.
FakeBucket.get_permission = get_permission  # type: ignore[method-assign]


def _policy_bytes(document: Any) -> bytes:
    """PolicyDocument is JSON in the template; the API stores the policy as its text."""
    text = document if isinstance(document, str) else json.dumps(document)
    return text.encode("utf-8")


class BucketPolicy(CloudFormationModel):
    def __init__(self, bucket_name: str, account_id: str, region_name: str):
        self.bucket_name = bucket_name
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3-bucketpolicy.html
        return "AWS::S3::BucketPolicy"

    @property
    def physical_resource_id(self) -> str:
        # The resource's primary identifier is its Bucket: Ref returns the bucket name.
        return self.bucket_name

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        raise UnformattedGetAttTemplateException()

    @classmethod
    def _put(cls, props: dict[str, Any], account_id: str, region_name: str) -> "BucketPolicy":
        backend = s3_backends[account_id][get_partition(region_name)]
        backend.put_bucket_policy(props["Bucket"], _policy_bytes(props["PolicyDocument"]))
        return cls(props["Bucket"], account_id, region_name)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "BucketPolicy":
        return cls._put(cloudformation_json["Properties"], account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "BucketPolicy",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "BucketPolicy":
        props = cloudformation_json["Properties"]
        if props["Bucket"] != original_resource.bucket_name:  # Bucket: update requires replacement
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
        try:
            s3_backends[account_id][get_partition(region_name)].delete_bucket_policy(self.bucket_name)
        except MissingBucket:
            pass  # the bucket went first: its policy went with it


def _text(value: Any) -> str:
    """A template value as the S3 API's XML carries it (moto's handlers pass the parsed text on)."""
    return str(value).lower() if isinstance(value, bool) else str(value)


def _lifecycle_rule(rule: dict[str, Any]) -> dict[str, Any]:
    """A LifecycleConfiguration rule of the template, as PutBucketLifecycleConfiguration takes it.
    ObjectSizeGreaterThan/LessThan are not kept: moto's lifecycle filter has no size conditions."""
    api: dict[str, Any] = {"Status": rule["Status"]}
    if "Id" in rule:
        api["ID"] = rule["Id"]
    tags = [{"Key": t["Key"], "Value": t["Value"]} for t in rule.get("TagFilters", [])]
    prefix = rule.get("Prefix")
    if tags and (prefix is not None or len(tags) > 1):
        api["Filter"] = {"And": {**({"Prefix": prefix} if prefix is not None else {}), "Tag": tags}}
    elif tags:
        api["Filter"] = {"Tag": tags[0]}
    else:
        api["Filter"] = {"Prefix": prefix or ""}
    expiration = {}
    if "ExpirationInDays" in rule:
        expiration["Days"] = _text(rule["ExpirationInDays"])
    if "ExpirationDate" in rule:
        expiration["Date"] = _text(rule["ExpirationDate"])
    if "ExpiredObjectDeleteMarker" in rule:
        expiration["ExpiredObjectDeleteMarker"] = _text(rule["ExpiredObjectDeleteMarker"])
    if expiration:
        api["Expiration"] = expiration
    transitions = list(rule.get("Transitions", [])) + ([rule["Transition"]] if "Transition" in rule else [])
    if transitions:
        api["Transition"] = [
            {
                **({"Days": _text(t["TransitionInDays"])} if "TransitionInDays" in t else {}),
                **({"Date": _text(t["TransitionDate"])} if "TransitionDate" in t else {}),
                "StorageClass": t["StorageClass"],
            }
            for t in transitions
        ]
    noncurrent = rule.get("NoncurrentVersionExpiration")
    if noncurrent is not None:
        api["NoncurrentVersionExpiration"] = {
            "NoncurrentDays": _text(noncurrent["NoncurrentDays"]),
            **({"NewerNoncurrentVersions": _text(noncurrent["NewerNoncurrentVersions"])} if "NewerNoncurrentVersions" in noncurrent else {}),
        }
    elif "NoncurrentVersionExpirationInDays" in rule:
        api["NoncurrentVersionExpiration"] = {"NoncurrentDays": _text(rule["NoncurrentVersionExpirationInDays"])}
    nv_transitions = list(rule.get("NoncurrentVersionTransitions", [])) + (
        [rule["NoncurrentVersionTransition"]] if "NoncurrentVersionTransition" in rule else []
    )
    if nv_transitions:
        api["NoncurrentVersionTransition"] = [
            {
                "NoncurrentDays": _text(t["TransitionInDays"]),
                "StorageClass": t["StorageClass"],
                **({"NewerNoncurrentVersions": _text(t["NewerNoncurrentVersions"])} if "NewerNoncurrentVersions" in t else {}),
            }
            for t in nv_transitions
        ]
    if "AbortIncompleteMultipartUpload" in rule:
        api["AbortIncompleteMultipartUpload"] = {"DaysAfterInitiation": _text(rule["AbortIncompleteMultipartUpload"]["DaysAfterInitiation"])}
    return api


def _configure(backend: S3Backend, name: str, props: dict[str, Any], previous: dict[str, Any] | None = None) -> None:
    """Applies the bucket's configuration properties through the S3 API calls that set them; on an
    update (previous given), undoes the ones the template no longer has."""
    was = previous or {}
    if "BucketEncryption" in props:
        backend.put_bucket_encryption(name, cfn_to_api_encryption(props["BucketEncryption"]))
    elif "BucketEncryption" in was:
        backend.delete_bucket_encryption(name)
    if "Tags" in props:
        backend.put_bucket_tagging(name, TaggingService().flatten_tag_list(props["Tags"]))  # type: ignore[arg-type]
    elif "Tags" in was:
        backend.delete_bucket_tagging(name)
    if "VersioningConfiguration" in props:
        backend.put_bucket_versioning(name, props["VersioningConfiguration"]["Status"])
    elif "VersioningConfiguration" in was:
        backend.put_bucket_versioning(name, "Suspended")  # a bucket once versioned can only suspend it
    if "LifecycleConfiguration" in props:
        backend.put_bucket_lifecycle_configuration(name, [_lifecycle_rule(r) for r in props["LifecycleConfiguration"]["Rules"]])
    elif "LifecycleConfiguration" in was:
        backend.delete_bucket_lifecycle(name)
    if "PublicAccessBlockConfiguration" in props:
        block = {k: _text(v) for k, v in props["PublicAccessBlockConfiguration"].items()}
        backend.put_public_access_block(name, block)
    elif "PublicAccessBlockConfiguration" in was:
        backend.delete_public_access_block(name)
    if "OwnershipControls" in props:
        backend.put_bucket_ownership_controls(name, props["OwnershipControls"]["Rules"][0]["ObjectOwnership"])
    elif "OwnershipControls" in was:
        backend.delete_bucket_ownership_controls(name)
    events = (props.get("NotificationConfiguration") or {}).get("EventBridgeConfiguration") or {}
    if str(events.get("EventBridgeEnabled", "false")).lower() == "true":
        backend.put_bucket_notification_configuration(name, {"EventBridgeConfiguration": {}})
    elif "NotificationConfiguration" in was:
        backend.put_bucket_notification_configuration(name, {})
    if "LoggingConfiguration" in props:
        logging = props["LoggingConfiguration"]
        target = logging.get("DestinationBucketName", name)
        backend.put_bucket_logging(name, {"TargetBucket": target, "TargetPrefix": logging.get("LogFilePrefix", "")})
    elif "LoggingConfiguration" in was:
        backend.put_bucket_logging(name, {})
    # Not applied: the other NotificationConfiguration targets, ObjectLockConfiguration, ReplicationConfiguration,
    # CorsConfiguration, WebsiteConfiguration, MetricsConfigurations, IntelligentTieringConfigurations.


_set_logging = FakeBucket.set_logging


def set_logging(self: FakeBucket, logging_config: dict[str, Any] | None, bucket_backend: S3Backend) -> None:
    # S3 admits the logging service through the target bucket's policy, and does not require that
    # policy when logging is turned on: CloudFormation creates it after the source bucket (the CDK
    # adds no dependency, and deploys so on AWS). moto 5.2.1 refuses unless the policy or an ACL
    # grant is already there. The target must still exist, in the same Region.
    target = bucket_backend.buckets.get((logging_config or {}).get("TargetBucket", ""))
    if target is not None and target.region_name == self.region_name:
        self.logging = logging_config
        return
    _set_logging(self, logging_config, bucket_backend)


FakeBucket.set_logging = set_logging  # type: ignore[method-assign]


class Bucket(FakeBucket, CloudFormationModel):
    """moto's model applies only BucketEncryption and Tags, so versioning, lifecycle rules, the public
    access block and ownership controls a template declares are missing; its update fails on Tags
    without BucketName. Creation and deletion stay moto's; the configuration goes through the API's
    own calls, and an update applies it in place (a new BucketName replaces the bucket)."""

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> FakeBucket:
        backend = s3_backends[account_id][get_partition(region_name)]
        bucket = backend.create_bucket(resource_name, region_name)
        _configure(backend, bucket.name, cloudformation_json.get("Properties", {}))
        bucket.cloudformation_properties = cloudformation_json.get("Properties", {})  # type: ignore[attr-defined]
        return bucket

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: FakeBucket,
        new_resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
    ) -> FakeBucket:
        props = cloudformation_json.get("Properties", {})
        if props.get("BucketName", original_resource.name) != original_resource.name:
            new = cls.create_from_cloudformation_json(props["BucketName"], cloudformation_json, account_id, region_name)
            cls.delete_from_cloudformation_json(original_resource.name, cloudformation_json, account_id, region_name)
            return new
        backend = s3_backends[account_id][get_partition(region_name)]
        _configure(backend, original_resource.name, props, getattr(original_resource, "cloudformation_properties", {}))
        original_resource.cloudformation_properties = props  # type: ignore[attr-defined]
        return original_resource
