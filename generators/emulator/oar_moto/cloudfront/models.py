"""CloudFront for moto 5.2.1: the calls its backend lacks, and CloudFormation models.

moto's CloudFront backend has distributions, origin access controls, invalidations, public
keys and key groups, but no CloudFront Functions (CreateFunction, DescribeFunction,
GetFunction, UpdateFunction, PublishFunction, DeleteFunction, ListFunctions) and no
response headers policies (CreateResponseHeadersPolicy, GetResponseHeadersPolicy,
GetResponseHeadersPolicyConfig, UpdateResponseHeadersPolicy, DeleteResponseHeadersPolicy,
ListResponseHeadersPolicies), and no VPC origins (CreateVpcOrigin, GetVpcOrigin,
UpdateVpcOrigin, DeleteVpcOrigin, ListVpcOrigins). This module adds them to the backend, as moto would in
``moto/cloudfront/models.py``; ``responses.py`` and ``urls.py`` beside it serve them through
the API. TestFunction (running the code) is not emulated.

It also makes the backend keep three parts of a distribution's configuration that moto 5.2.1
drops: an origin's ``OriginAccessControlId`` and ``S3OriginConfig``, and a cache behaviour's
``FunctionAssociations`` and ``LambdaFunctionAssociations``; and gives a distribution the ARN
CloudFront gives it (moto leaves out the empty region field).

CloudFormation models: AWS::CloudFront::Distribution, AWS::CloudFront::Function,
AWS::CloudFront::OriginAccessControl, AWS::CloudFront::ResponseHeadersPolicy and
AWS::CloudFront::VpcOrigin; a distribution also keeps an origin's VpcOriginConfig.
"""

from typing import Any

from botocore.model import Shape, StructureShape
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.cloudfront import models as moto_cloudfront
from moto.cloudfront.exceptions import CloudFrontException, InvalidIfMatchVersion
from moto.cloudfront.models import CloudFrontBackend, cloudfront_backends, random_id
from moto.core.common_models import CloudFormationModel
from moto.core.utils import get_service_model, utcnow
from moto.moto_api._internal import mock_random as random
from moto.utilities.utils import get_partition

FUNCTION_STAGES = ("DEVELOPMENT", "LIVE")


class NoSuchFunctionExists(CloudFrontException):
    def __init__(self, name: str) -> None:
        super().__init__("NoSuchFunctionExists", f"The function {name} does not exist.")


class FunctionAlreadyExists(CloudFrontException):
    def __init__(self, name: str) -> None:
        super().__init__("FunctionAlreadyExists", f"A function with the name {name} already exists.")


class FunctionInUse(CloudFrontException):
    def __init__(self, name: str) -> None:
        super().__init__("FunctionInUse", f"The function {name} is associated with one or more distributions.")


class NoSuchResponseHeadersPolicy(CloudFrontException):
    def __init__(self) -> None:
        super().__init__("NoSuchResponseHeadersPolicy", "The response headers policy does not exist.")


class ResponseHeadersPolicyAlreadyExists(CloudFrontException):
    def __init__(self, name: str) -> None:
        super().__init__("ResponseHeadersPolicyAlreadyExists", f"A response headers policy with the name {name} already exists.")


class ResponseHeadersPolicyInUse(CloudFrontException):
    def __init__(self) -> None:
        super().__init__("ResponseHeadersPolicyInUse", "The response headers policy is attached to one or more cache behaviors.")


class PreconditionFailed(CloudFrontException):
    def __init__(self) -> None:
        super().__init__("PreconditionFailed", "The If-Match version does not match the current version of the resource.")


def _check_if_match(if_match: str | None, etag: str) -> None:
    if not if_match:
        raise InvalidIfMatchVersion
    if if_match != etag:
        raise PreconditionFailed


def _cache_behaviours(backend: CloudFrontBackend) -> list[Any]:
    """Every cache behaviour of every distribution: the default ones and the ordered ones."""
    found = []
    for dist in backend.distributions.values():
        config = dist.distribution_config
        found.append(config.DefaultCacheBehavior)
        found.extend(config.CacheBehaviors.get("Items") or [])
    return found


class FunctionStageVersion:
    """What one stage (DEVELOPMENT or LIVE) of a function holds: its code and configuration."""

    def __init__(self, config: dict[str, Any], code: bytes, stage: str) -> None:
        self.config = config
        self.code = code
        self.stage = stage
        self.last_modified_time = utcnow()
        self.etag = random_id()


class Function(CloudFormationModel):
    """A CloudFront Function, with its DEVELOPMENT stage and, once published, its LIVE stage."""

    def __init__(self, account_id: str, partition: str, name: str, config: dict[str, Any], code: bytes) -> None:
        self.name = name
        self.arn = f"arn:{partition}:cloudfront::{account_id}:function/{name}"
        self.created_time = utcnow()
        self.status = "UNPUBLISHED"
        self.stages: dict[str, FunctionStageVersion] = {"DEVELOPMENT": FunctionStageVersion(config, code, "DEVELOPMENT")}

    @property
    def location(self) -> str:
        return f"https://cloudfront.amazonaws.com/2020-05-31/function/{self.arn}"

    @property
    def etag(self) -> str:
        return self.stages["DEVELOPMENT"].etag

    def stage(self, stage: str | None) -> FunctionStageVersion:
        version = self.stages.get(stage or "DEVELOPMENT")
        if version is None:
            raise NoSuchFunctionExists(self.name)
        return version

    def summary(self, stage: str | None = None) -> dict[str, Any]:
        """The FunctionSummary of one stage, as DescribeFunction and ListFunctions answer."""
        version = self.stage(stage)
        return {
            "Name": self.name,
            "Status": self.status,
            "FunctionConfig": version.config,
            "FunctionMetadata": {
                "FunctionARN": self.arn,
                "Stage": version.stage,
                "CreatedTime": self.created_time,
                "LastModifiedTime": version.last_modified_time,
            },
        }

    # CloudFormation: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudfront-function.html

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::CloudFront::Function"

    @property
    def physical_resource_id(self) -> str:
        return self.arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["FunctionARN", "FunctionMetadata.FunctionARN", "Stage"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name in ["FunctionARN", "FunctionMetadata.FunctionARN"]:
            return self.arn
        if attribute_name == "Stage":
            return "LIVE" if "LIVE" in self.stages else "DEVELOPMENT"
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _config_and_code(props: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
        config = to_api_shape(props.get("FunctionConfig") or {}, _input_shape("CreateFunction", "FunctionConfig"))
        return config, str(props.get("FunctionCode", "")).encode("utf-8")

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Function":
        props = cloudformation_json["Properties"]
        backend = cloudfront_backends[account_id][get_partition(region_name)]
        config, code = cls._config_and_code(props)
        function = backend.create_function(resource_name, config, code, tags=[])
        if _true(props.get("AutoPublish")):
            backend.publish_function(function.name, if_match=function.etag)
        return function

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Function",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Function":
        props = cloudformation_json["Properties"]
        if new_resource_name != original_resource.name:  # a new name requires replacement
            function = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
            original_resource.delete(account_id, region_name)
            return function
        backend = cloudfront_backends[account_id][get_partition(region_name)]
        config, code = cls._config_and_code(props)
        function = backend.update_function(original_resource.name, if_match=original_resource.etag, config=config, code=code)
        if _true(props.get("AutoPublish")):
            backend.publish_function(function.name, if_match=function.etag)
        return function

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        backend = cloudfront_backends[account_id][get_partition(region_name)]
        name = resource_name.rsplit("/", 1)[-1]  # the physical id is the ARN
        if name in backend.functions:
            backend.delete_function(name, if_match=backend.functions[name].etag)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = cloudfront_backends[account_id][get_partition(region_name)]
        if self.name in backend.functions:
            backend.delete_function(self.name, if_match=self.etag)


class ResponseHeadersPolicy(CloudFormationModel):
    def __init__(self, config: dict[str, Any]) -> None:
        self.id = str(random.uuid4())
        self.response_headers_policy_config = config
        self.last_modified_time = utcnow()
        self.etag = random_id()

    @property
    def name(self) -> str:
        return str(self.response_headers_policy_config.get("Name", ""))

    @property
    def location(self) -> str:
        return f"https://cloudfront.amazonaws.com/2020-05-31/response-headers-policy/{self.id}"

    # CloudFormation: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudfront-responseheaderspolicy.html

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""  # the name is ResponseHeadersPolicyConfig.Name, which is required

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::CloudFront::ResponseHeadersPolicy"

    @property
    def physical_resource_id(self) -> str:
        return self.id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Id", "LastModifiedTime"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Id":
            return self.id
        if attribute_name == "LastModifiedTime":
            return self.last_modified_time.isoformat()
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _config(props: dict[str, Any]) -> dict[str, Any]:
        shape = _input_shape("CreateResponseHeadersPolicy", "ResponseHeadersPolicyConfig")
        return to_api_shape(props["ResponseHeadersPolicyConfig"], shape)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "ResponseHeadersPolicy":
        backend = cloudfront_backends[account_id][get_partition(region_name)]
        return backend.create_response_headers_policy(cls._config(cloudformation_json["Properties"]))

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "ResponseHeadersPolicy",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "ResponseHeadersPolicy":
        backend = cloudfront_backends[account_id][get_partition(region_name)]
        config = cls._config(cloudformation_json["Properties"])
        return backend.update_response_headers_policy(original_resource.id, if_match=original_resource.etag, config=config)

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        backend = cloudfront_backends[account_id][get_partition(region_name)]
        policy = backend.response_headers_policies.get(resource_name)
        if policy is not None:
            backend.delete_response_headers_policy(policy.id, if_match=policy.etag)

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.id, {}, account_id, region_name)


class NoSuchVpcOrigin(CloudFrontException):
    def __init__(self) -> None:
        super().__init__("EntityNotFound", "The VPC origin does not exist.")


class VpcOrigin(CloudFormationModel):
    """A VPC origin: CloudFront's way into an internal load balancer or an instance in private subnets."""

    def __init__(self, account_id: str, partition: str, config: dict[str, Any]) -> None:
        self.id = "vo_" + random.get_random_string(length=22)
        self.arn = f"arn:{partition}:cloudfront::{account_id}:vpcorigin/{self.id}"
        self.vpc_origin_endpoint_config = config
        self.status = "Deployed"
        self.created_time = utcnow()
        self.last_modified_time = self.created_time
        self.etag = random_id()

    @property
    def location(self) -> str:
        return f"https://cloudfront.amazonaws.com/2020-05-31/vpc-origin/{self.id}"

    def summary(self) -> dict[str, Any]:
        return {
            "Id": self.id,
            "Name": self.vpc_origin_endpoint_config.get("Name", ""),
            "Status": self.status,
            "CreatedTime": self.created_time,
            "LastModifiedTime": self.last_modified_time,
            "Arn": self.arn,
            "OriginEndpointArn": self.vpc_origin_endpoint_config.get("Arn", ""),
        }

    # CloudFormation: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudfront-vpcorigin.html

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""  # the name is VpcOriginEndpointConfig.Name, which is required

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::CloudFront::VpcOrigin"

    @property
    def physical_resource_id(self) -> str:
        return self.id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Arn", "CreatedTime", "Id", "LastModifiedTime", "Status"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Arn":
            return self.arn
        if attribute_name == "Id":
            return self.id
        if attribute_name == "Status":
            return self.status
        if attribute_name == "CreatedTime":
            return self.created_time.isoformat()
        if attribute_name == "LastModifiedTime":
            return self.last_modified_time.isoformat()
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def _config(props: dict[str, Any]) -> dict[str, Any]:
        """VpcOriginEndpointConfig in the API's shape, with CloudFormation's defaults."""
        config = {"HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": "match-viewer", **props["VpcOriginEndpointConfig"]}
        return to_api_shape(config, _input_shape("CreateVpcOrigin", "VpcOriginEndpointConfig"))  # type: ignore[no-any-return]

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "VpcOrigin":
        props = cloudformation_json["Properties"]
        backend = cloudfront_backends[account_id][get_partition(region_name)]
        return backend.create_vpc_origin(cls._config(props), tags=props.get("Tags") or [])  # type: ignore[attr-defined,no-any-return]

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "VpcOrigin",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "VpcOrigin":
        props = cloudformation_json["Properties"]
        backend = cloudfront_backends[account_id][get_partition(region_name)]
        backend.update_vpc_origin(original_resource.id, original_resource.etag, cls._config(props))  # type: ignore[attr-defined]
        backend.tagger.delete_all_tags_for_resource(original_resource.arn)
        backend.tagger.tag_resource(original_resource.arn, props.get("Tags") or [])
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        backend = cloudfront_backends[account_id][get_partition(region_name)]
        if resource_name in backend.vpc_origins:  # type: ignore[attr-defined]
            backend.delete_vpc_origin(resource_name, backend.vpc_origins[resource_name].etag)  # type: ignore[attr-defined]

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.id, {}, account_id, region_name)


class CloudFrontBackendAdditions:
    """The backend calls for functions and response headers policies; their methods are
    added to moto's CloudFrontBackend (see ``_add_to_backend``)."""

    functions: dict[str, Function]
    response_headers_policies: dict[str, ResponseHeadersPolicy]
    vpc_origins: dict[str, VpcOrigin]
    account_id: str
    partition: str
    distributions: dict[str, Any]

    def create_function(self, name: str, config: dict[str, Any], code: bytes, tags: list[dict[str, str]]) -> Function:
        if name in self.functions:
            raise FunctionAlreadyExists(name)
        function = Function(self.account_id, self.partition, name, config, code)
        self.functions[name] = function
        if tags:
            self.tagger.tag_resource(function.arn, tags)  # type: ignore[attr-defined]
        return function

    def describe_function(self, name: str, stage: str | None = None) -> Function:
        if name not in self.functions:
            raise NoSuchFunctionExists(name)
        function = self.functions[name]
        function.stage(stage)  # raises when the function has no such stage
        return function

    def get_function(self, name: str, stage: str | None = None) -> FunctionStageVersion:
        return self.describe_function(name, stage).stage(stage)

    def update_function(self, name: str, if_match: str | None, config: dict[str, Any], code: bytes) -> Function:
        function = self.describe_function(name)
        _check_if_match(if_match, function.etag)
        function.stages["DEVELOPMENT"] = FunctionStageVersion(config, code, "DEVELOPMENT")
        function.status = "UNPUBLISHED"
        return function

    def publish_function(self, name: str, if_match: str | None) -> Function:
        function = self.describe_function(name)
        _check_if_match(if_match, function.etag)
        development = function.stages["DEVELOPMENT"]
        function.stages["LIVE"] = FunctionStageVersion(development.config, development.code, "LIVE")
        function.status = "UNASSOCIATED"
        return function

    def delete_function(self, name: str, if_match: str | None) -> None:
        function = self.describe_function(name)
        _check_if_match(if_match, function.etag)
        for behaviour in _cache_behaviours(self):  # type: ignore[arg-type]
            if any(a.get("FunctionARN") == function.arn for a in behaviour.function_associations.get("Items") or []):
                raise FunctionInUse(name)
        del self.functions[name]
        self.tagger.delete_all_tags_for_resource(function.arn)  # type: ignore[attr-defined]

    def list_functions(self, stage: str | None = None) -> list[dict[str, Any]]:
        """Pagination is not yet implemented"""
        stages = [stage] if stage else list(FUNCTION_STAGES)
        return [f.summary(s) for f in self.functions.values() for s in stages if s in f.stages]

    def create_response_headers_policy(self, config: dict[str, Any]) -> ResponseHeadersPolicy:
        name = config.get("Name", "")
        if any(p.name == name for p in self.response_headers_policies.values()):
            raise ResponseHeadersPolicyAlreadyExists(name)
        policy = ResponseHeadersPolicy(config)
        self.response_headers_policies[policy.id] = policy
        return policy

    def get_response_headers_policy(self, policy_id: str) -> ResponseHeadersPolicy:
        if policy_id not in self.response_headers_policies:
            raise NoSuchResponseHeadersPolicy
        return self.response_headers_policies[policy_id]

    def update_response_headers_policy(self, policy_id: str, if_match: str | None, config: dict[str, Any]) -> ResponseHeadersPolicy:
        policy = self.get_response_headers_policy(policy_id)
        _check_if_match(if_match, policy.etag)
        name = config.get("Name", "")
        if any(p.name == name and p.id != policy_id for p in self.response_headers_policies.values()):
            raise ResponseHeadersPolicyAlreadyExists(name)
        policy.response_headers_policy_config = config
        policy.last_modified_time = utcnow()
        policy.etag = random_id()
        return policy

    def delete_response_headers_policy(self, policy_id: str, if_match: str | None) -> None:
        policy = self.get_response_headers_policy(policy_id)
        _check_if_match(if_match, policy.etag)
        if any(b.response_headers_policy_id == policy_id for b in _cache_behaviours(self)):  # type: ignore[arg-type]
            raise ResponseHeadersPolicyInUse
        del self.response_headers_policies[policy_id]

    def list_response_headers_policies(self, policy_type: str | None = None) -> list[ResponseHeadersPolicy]:
        """Only custom policies: AWS's managed policies are not emulated. Pagination is not yet implemented"""
        if policy_type == "managed":
            return []
        return list(self.response_headers_policies.values())


    def create_vpc_origin(self, config: dict[str, Any], tags: list[dict[str, str]]) -> VpcOrigin:
        origin = VpcOrigin(self.account_id, self.partition, config)
        self.vpc_origins[origin.id] = origin
        if tags:
            self.tagger.tag_resource(origin.arn, tags)  # type: ignore[attr-defined]
        return origin

    def get_vpc_origin(self, origin_id: str) -> VpcOrigin:
        if origin_id not in self.vpc_origins:
            raise NoSuchVpcOrigin
        return self.vpc_origins[origin_id]

    def update_vpc_origin(self, origin_id: str, if_match: str | None, config: dict[str, Any]) -> VpcOrigin:
        origin = self.get_vpc_origin(origin_id)
        _check_if_match(if_match, origin.etag)
        origin.vpc_origin_endpoint_config = config
        origin.last_modified_time = utcnow()
        origin.etag = random_id()
        return origin

    def delete_vpc_origin(self, origin_id: str, if_match: str | None) -> VpcOrigin:
        origin = self.get_vpc_origin(origin_id)
        _check_if_match(if_match, origin.etag)
        for dist in self.distributions.values():
            for o in dist.distribution_config.Origins["Items"]:
                if (getattr(o, "vpc_origin_config", None) or {}).get("VpcOriginId") == origin_id:
                    raise CloudFrontException("CannotDeleteEntityWhileInUse", "The VPC origin is used by a distribution.")
        del self.vpc_origins[origin_id]
        self.tagger.delete_all_tags_for_resource(origin.arn)  # type: ignore[attr-defined]
        origin.status = "Deleted"
        return origin

    def list_vpc_origins(self) -> list[VpcOrigin]:
        """Pagination is not yet implemented"""
        return list(self.vpc_origins.values())



def _add_to_backend() -> None:
    """Adds the calls above, and the collections they keep, to moto's CloudFrontBackend."""
    if getattr(CloudFrontBackend, "_oar_additions", False):
        return
    moto_init = CloudFrontBackend.__init__

    def __init__(self: CloudFrontBackend, region_name: str, account_id: str) -> None:
        moto_init(self, region_name, account_id)
        self.functions: dict[str, Function] = {}
        self.response_headers_policies: dict[str, ResponseHeadersPolicy] = {}
        self.vpc_origins: dict[str, VpcOrigin] = {}

    CloudFrontBackend.__init__ = __init__  # type: ignore[method-assign]
    for name, member in vars(CloudFrontBackendAdditions).items():
        if callable(member) and not name.startswith("_"):
            setattr(CloudFrontBackend, name, member)
    CloudFrontBackend._oar_additions = True  # type: ignore[attr-defined]


def _keep_dropped_distribution_fields() -> None:
    """moto 5.2.1 drops an origin's OriginAccessControlId and S3OriginConfig, and a cache
    behaviour's FunctionAssociations and LambdaFunctionAssociations (it answers Quantity 0);
    keep them as given, so that GetDistributionConfig returns them."""
    origin_init = moto_cloudfront.Origin.__init__
    behaviour_init = moto_cloudfront.DefaultCacheBehaviour.__init__
    if getattr(origin_init, "_oar", False):
        return

    def origin(self: Any, origin: dict[str, Any]) -> None:
        origin_init(self, origin)
        self.origin_access_control_id = origin.get("OriginAccessControlId") or ""
        if "S3OriginConfig" in origin:
            self.s3_origin_config = origin["S3OriginConfig"]
        if "VpcOriginConfig" in origin:
            self.vpc_origin_config = origin["VpcOriginConfig"]

    def behaviour(self: Any, config: dict[str, Any]) -> None:
        behaviour_init(self, config)
        self.function_associations = config.get("FunctionAssociations") or {"Quantity": 0}
        self.lambda_function_associations = config.get("LambdaFunctionAssociations") or {"Quantity": 0}

    origin._oar = True  # type: ignore[attr-defined]
    moto_cloudfront.Origin.__init__ = origin  # type: ignore[method-assign]
    moto_cloudfront.DefaultCacheBehaviour.__init__ = behaviour  # type: ignore[method-assign]


def _fix_distribution_arn() -> None:
    """moto 5.2.1 gives a distribution the ARN arn:aws:cloudfront:ACCOUNT:distribution/ID, without
    the empty region field of CloudFront's ARNs: arn:aws:cloudfront::ACCOUNT:distribution/ID. (Its
    other resources have no ARN in moto; a function's, above, has the field.)"""
    distribution_init = moto_cloudfront.Distribution.__init__
    if getattr(distribution_init, "_oar", False):
        return

    def distribution(self: Any, account_id: str, region_name: str, config: dict[str, Any]) -> None:
        distribution_init(self, account_id, region_name, config)
        self.arn = f"arn:{get_partition(region_name)}:cloudfront::{account_id}:distribution/{self.distribution_id}"

    distribution._oar = True  # type: ignore[attr-defined]
    moto_cloudfront.Distribution.__init__ = distribution  # type: ignore[method-assign]


_add_to_backend()
_keep_dropped_distribution_fields()
_fix_distribution_arn()


# CloudFormation properties, in the API's shapes ------------------------------------------

# CloudFormation names that differ from the API's, by API structure.
_RENAMES: dict[str, dict[str, str]] = {
    "DistributionConfig": {"IPV6Enabled": "IsIPV6Enabled"},
    "ViewerCertificate": {
        "AcmCertificateArn": "ACMCertificateArn",
        "IamCertificateId": "IAMCertificateId",
        "SslSupportMethod": "SSLSupportMethod",
    },
    "GeoRestriction": {"Locations": "Items"},
    "CustomOriginConfig": {"OriginSSLProtocols": "OriginSslProtocols"},
    "Origin": {"OriginCustomHeaders": "CustomHeaders"},
    "VpcOriginEndpointConfig": {"OriginSSLProtocols": "OriginSslProtocols"},
}


def _input_shape(operation: str, member: str) -> StructureShape:

    shape = get_service_model("cloudfront").operation_model(operation).input_shape.members[member]
    assert isinstance(shape, StructureShape)
    return shape


def _true(value: Any) -> bool:
    return str(value).lower() == "true"


def to_api_shape(value: Any, shape: Shape) -> Any:
    """A CloudFormation property value in the shape of the API's ``shape``: CloudFormation
    writes a list where the API has ``{Quantity, Items}`` (and ``Enabled`` for trusted
    signers), leaves ``Quantity`` out, names a few members differently, and may give numbers
    and booleans as strings. Members the API does not have (legacy ones) are left out."""
    if shape.type_name == "structure":
        assert isinstance(shape, StructureShape)
        members = shape.members
        if isinstance(value, list) and "Items" in members:
            value = {"Items": value}
        if not isinstance(value, dict):
            return value
        renames = _RENAMES.get(shape.name, {})
        out: dict[str, Any] = {}
        for key, item in value.items():
            key = renames.get(key, key)
            if key in members:
                out[key] = to_api_shape(item, members[key])
        if "Quantity" in members and "Quantity" not in out:
            out["Quantity"] = len(out.get("Items") or [])
        if "Enabled" in members and "Enabled" not in out and "Quantity" in members:
            out["Enabled"] = out["Quantity"] > 0
        return out
    if shape.type_name == "list":
        return [to_api_shape(v, shape.member) for v in value]  # type: ignore[attr-defined]
    if shape.type_name in ("integer", "long"):
        return int(value)
    if shape.type_name in ("double", "float"):
        return float(value)
    if shape.type_name == "boolean":
        return value if isinstance(value, bool) else _true(value)
    return value


def _cache_behaviour(cfn: dict[str, Any]) -> dict[str, Any]:
    """CloudFormation has CachedMethods beside AllowedMethods; the API nests it inside."""
    behaviour = dict(cfn)
    allowed = behaviour.pop("AllowedMethods", ["GET", "HEAD"])
    cached = behaviour.pop("CachedMethods", ["GET", "HEAD"])
    behaviour["AllowedMethods"] = {"Items": allowed, "CachedMethods": {"Items": cached}}
    return behaviour


def distribution_config(cfn: dict[str, Any], caller_reference: str) -> dict[str, Any]:
    """A DistributionConfig for CreateDistribution, from CloudFormation's. Ignores the legacy
    CNAMEs, CustomOrigin and S3Origin members."""
    config = dict(cfn)
    config["CallerReference"] = caller_reference
    config.setdefault("Comment", "")
    if "DefaultCacheBehavior" in config:
        config["DefaultCacheBehavior"] = _cache_behaviour(config["DefaultCacheBehavior"])
    if "CacheBehaviors" in config:
        config["CacheBehaviors"] = [_cache_behaviour(b) for b in config["CacheBehaviors"]]
    if "Logging" in config:  # in CloudFormation, declaring Logging enables it
        config["Logging"] = {"Enabled": True, "IncludeCookies": False, "Prefix": "", **config["Logging"]}
    return to_api_shape(config, _input_shape("CreateDistribution", "DistributionConfig"))  # type: ignore[no-any-return]


class CloudFormationDistribution(CloudFormationModel):
    """AWS::CloudFront::Distribution, created through moto's create_distribution."""

    def __init__(self, distribution_id: str, account_id: str, region_name: str) -> None:
        self.id = distribution_id
        self.account_id = account_id
        self.region_name = region_name

    @property
    def distribution(self) -> Any:
        return cloudfront_backends[self.account_id][get_partition(self.region_name)].distributions[self.id]

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudfront-distribution.html
        return "AWS::CloudFront::Distribution"

    @property
    def physical_resource_id(self) -> str:
        return self.id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["DomainName", "Id"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "DomainName":
            return self.distribution.domain_name
        if attribute_name == "Id":
            return self.id
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "CloudFormationDistribution":
        props = cloudformation_json["Properties"]
        backend = cloudfront_backends[account_id][get_partition(region_name)]
        config = distribution_config(props["DistributionConfig"], caller_reference=str(random.uuid4()))
        dist, _, _ = backend.create_distribution(config, tags=props.get("Tags") or [])
        return cls(dist.distribution_id, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "CloudFormationDistribution",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "CloudFormationDistribution":
        props = cloudformation_json["Properties"]
        backend = cloudfront_backends[account_id][get_partition(region_name)]
        dist = original_resource.distribution
        config = distribution_config(props["DistributionConfig"], caller_reference=dist.distribution_config.caller_reference)
        backend.update_distribution(dist_config=config, _id=dist.distribution_id, if_match=dist.etag)
        old_tags = backend.list_tags_for_resource(dist.arn)["Tags"]
        backend.untag_resource(dist.arn, [t["Key"] for t in old_tags])
        backend.tag_resource(dist.arn, props.get("Tags") or [])
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        backend = cloudfront_backends[account_id][get_partition(region_name)]
        dist = backend.distributions.get(resource_name)
        if dist is not None:
            # CloudFront deletes only a disabled distribution; moto's backend does not ask for it.
            backend.delete_distribution(dist.distribution_id, if_match=dist.etag)
            backend.tagger.delete_all_tags_for_resource(dist.arn)

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.id, {}, account_id, region_name)


class CloudFormationOriginAccessControl(CloudFormationModel):
    """AWS::CloudFront::OriginAccessControl, created through moto's create_origin_access_control."""

    def __init__(self, control_id: str) -> None:
        self.id = control_id

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""  # the name is OriginAccessControlConfig.Name, which is required

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudfront-originaccesscontrol.html
        return "AWS::CloudFront::OriginAccessControl"

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

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "CloudFormationOriginAccessControl":
        backend = cloudfront_backends[account_id][get_partition(region_name)]
        control = backend.create_origin_access_control(dict(cloudformation_json["Properties"]["OriginAccessControlConfig"]))
        return cls(control.id)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "CloudFormationOriginAccessControl",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "CloudFormationOriginAccessControl":
        backend = cloudfront_backends[account_id][get_partition(region_name)]
        config = dict(cloudformation_json["Properties"]["OriginAccessControlConfig"])
        config.setdefault("Description", None)  # a description left out is removed
        backend.update_origin_access_control(original_resource.id, config)
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        backend = cloudfront_backends[account_id][get_partition(region_name)]
        if resource_name in backend.origin_access_controls:
            backend.delete_origin_access_control(resource_name)

    def delete(self, account_id: str, region_name: str) -> None:
        self.delete_from_cloudformation_json(self.id, {}, account_id, region_name)


# The API handlers and routes of the calls added above.
from . import responses, urls  # noqa: E402, F401
