"""API handlers for the CloudFront calls ``models.py`` adds to moto's backend, added to
moto's CloudFrontResponse as moto would write them in ``moto/cloudfront/responses.py``."""

from moto.cloudfront.responses import CloudFrontResponse
from moto.core.responses import ActionResult, EmptyResult


class CloudFrontResponseAdditions:
    backend: "object"

    def _get_param(self, param_name: str, if_none: object = None) -> object:  # provided by BaseResponse
        raise NotImplementedError

    def create_function(self) -> ActionResult:
        function = self.backend.create_function(  # type: ignore[attr-defined]
            name=self._get_param("Name"),
            config=self._get_param("FunctionConfig", {}),
            code=self._get_param("FunctionCode", b""),
            tags=self._get_param("Tags.Items", []),
        )
        return ActionResult({"FunctionSummary": function.summary(), "Location": function.location, "ETag": function.etag})

    def describe_function(self) -> ActionResult:
        stage = self._get_param("Stage")
        function = self.backend.describe_function(self._get_param("Name"), stage)  # type: ignore[attr-defined]
        return ActionResult({"FunctionSummary": function.summary(stage), "ETag": function.stage(stage).etag})

    def get_function(self) -> ActionResult:
        version = self.backend.get_function(self._get_param("Name"), self._get_param("Stage"))  # type: ignore[attr-defined]
        return ActionResult({"FunctionCode": version.code, "ETag": version.etag, "ContentType": "application/octet-stream"})

    def update_function(self) -> ActionResult:
        function = self.backend.update_function(  # type: ignore[attr-defined]
            name=self._get_param("Name"),
            if_match=self._get_param("IfMatch"),
            config=self._get_param("FunctionConfig", {}),
            code=self._get_param("FunctionCode", b""),
        )
        return ActionResult({"FunctionSummary": function.summary(), "ETag": function.etag})

    def publish_function(self) -> ActionResult:
        function = self.backend.publish_function(self._get_param("Name"), if_match=self._get_param("IfMatch"))  # type: ignore[attr-defined]
        return ActionResult({"FunctionSummary": function.summary("LIVE")})

    def delete_function(self) -> EmptyResult:
        self.backend.delete_function(self._get_param("Name"), if_match=self._get_param("IfMatch"))  # type: ignore[attr-defined]
        return EmptyResult()

    def list_functions(self) -> ActionResult:
        summaries = self.backend.list_functions(self._get_param("Stage"))  # type: ignore[attr-defined]
        result = {"FunctionList": {"MaxItems": 100, "Quantity": len(summaries), "Items": summaries}}
        return ActionResult(result)

    def create_response_headers_policy(self) -> ActionResult:
        policy = self.backend.create_response_headers_policy(self._get_param("ResponseHeadersPolicyConfig", {}))  # type: ignore[attr-defined]
        return ActionResult({"ResponseHeadersPolicy": policy, "Location": policy.location, "ETag": policy.etag})

    def get_response_headers_policy(self) -> ActionResult:
        policy = self.backend.get_response_headers_policy(self._get_param("Id"))  # type: ignore[attr-defined]
        return ActionResult({"ResponseHeadersPolicy": policy, "ETag": policy.etag})

    def get_response_headers_policy_config(self) -> ActionResult:
        policy = self.backend.get_response_headers_policy(self._get_param("Id"))  # type: ignore[attr-defined]
        return ActionResult({"ResponseHeadersPolicyConfig": policy.response_headers_policy_config, "ETag": policy.etag})

    def update_response_headers_policy(self) -> ActionResult:
        policy = self.backend.update_response_headers_policy(  # type: ignore[attr-defined]
            policy_id=self._get_param("Id"),
            if_match=self._get_param("IfMatch"),
            config=self._get_param("ResponseHeadersPolicyConfig", {}),
        )
        return ActionResult({"ResponseHeadersPolicy": policy, "ETag": policy.etag})

    def delete_response_headers_policy(self) -> EmptyResult:
        self.backend.delete_response_headers_policy(self._get_param("Id"), if_match=self._get_param("IfMatch"))  # type: ignore[attr-defined]
        return EmptyResult()

    def list_response_headers_policies(self) -> ActionResult:
        policies = self.backend.list_response_headers_policies(self._get_param("Type"))  # type: ignore[attr-defined]
        items = [{"Type": "custom", "ResponseHeadersPolicy": p} for p in policies]
        return ActionResult({"ResponseHeadersPolicyList": {"MaxItems": 100, "Quantity": len(items), "Items": items}})


    def create_vpc_origin(self) -> ActionResult:
        origin = self.backend.create_vpc_origin(  # type: ignore[attr-defined]
            self._get_param("VpcOriginEndpointConfig", {}), tags=self._get_param("Tags.Items", [])
        )
        return ActionResult({"VpcOrigin": origin, "Location": origin.location, "ETag": origin.etag})

    def get_vpc_origin(self) -> ActionResult:
        origin = self.backend.get_vpc_origin(self._get_param("Id"))  # type: ignore[attr-defined]
        return ActionResult({"VpcOrigin": origin, "ETag": origin.etag})

    def update_vpc_origin(self) -> ActionResult:
        origin = self.backend.update_vpc_origin(  # type: ignore[attr-defined]
            self._get_param("Id"), if_match=self._get_param("IfMatch"), config=self._get_param("VpcOriginEndpointConfig", {})
        )
        return ActionResult({"VpcOrigin": origin, "ETag": origin.etag})

    def delete_vpc_origin(self) -> ActionResult:
        origin = self.backend.delete_vpc_origin(self._get_param("Id"), if_match=self._get_param("IfMatch"))  # type: ignore[attr-defined]
        return ActionResult({"VpcOrigin": origin, "ETag": origin.etag})

    def list_vpc_origins(self) -> ActionResult:
        origins = self.backend.list_vpc_origins()  # type: ignore[attr-defined]
        items = [o.summary() for o in origins]
        return ActionResult({"VpcOriginList": {"Marker": "", "MaxItems": 100, "IsTruncated": False, "Quantity": len(items), "Items": items}})

for _name, _member in vars(CloudFrontResponseAdditions).items():
    if callable(_member) and not _name.startswith("_"):
        setattr(CloudFrontResponse, _name, _member)
