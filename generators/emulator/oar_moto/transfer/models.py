"""AWS::Transfer::Server and AWS::Transfer::User, created through moto's Transfer backend
(create_server, create_user), which has no CloudFormation models of its own."""

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.transfer.models import transfer_backends


def _tags(props: dict[str, Any]) -> list[dict[str, str]]:
    return [{"Key": t["Key"], "Value": str(t["Value"])} for t in props.get("Tags") or []]


class Server(CloudFormationModel):
    """A file transfer server. moto has no UpdateServer, so a changed server is replaced."""

    def __init__(self, server_id: str, account_id: str, region_name: str):
        self.server_id = server_id
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-transfer-server.html
        return "AWS::Transfer::Server"

    def _server(self) -> Any:
        return transfer_backends[self.account_id][self.region_name].servers[self.server_id]

    @property
    def physical_resource_id(self) -> str:
        # Ref returns the server's ARN.
        return self._server().arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Arn", "ServerId", "As2ServiceManagedEgressIpAddresses", "State"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        server = self._server()
        if attribute_name == "Arn":
            return server.arn
        if attribute_name == "ServerId":
            return server.server_id
        if attribute_name == "As2ServiceManagedEgressIpAddresses":
            return server.as2_service_managed_egress_ip_addresses
        if attribute_name == "State":
            return server.state.value if hasattr(server.state, "value") else server.state
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "Server":
        props = cloudformation_json.get("Properties") or {}
        backend = transfer_backends[account_id][region_name]
        server_id = backend.create_server(
            certificate=props.get("Certificate"),
            domain=props.get("Domain", "S3"),  # type: ignore[arg-type]
            endpoint_details=props.get("EndpointDetails"),
            endpoint_type=props.get("EndpointType", "PUBLIC"),  # type: ignore[arg-type]
            host_key="",
            identity_provider_details=props.get("IdentityProviderDetails"),
            identity_provider_type=props.get("IdentityProviderType", "SERVICE_MANAGED"),  # type: ignore[arg-type]
            logging_role=props.get("LoggingRole"),
            post_authentication_login_banner=props.get("PostAuthenticationLoginBanner"),
            pre_authentication_login_banner=props.get("PreAuthenticationLoginBanner"),
            protocols=props.get("Protocols") or ["SFTP"],  # type: ignore[arg-type]
            protocol_details=props.get("ProtocolDetails"),
            security_policy_name=props.get("SecurityPolicyName", "TransferSecurityPolicy-2018-11"),
            tags=_tags(props),
            workflow_details=props.get("WorkflowDetails"),
            structured_log_destinations=props.get("StructuredLogDestinations"),
            s3_storage_options=props.get("S3StorageOptions"),
        )
        return cls(server_id, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Server",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Server":
        original_resource.delete(account_id, region_name)
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        backend = transfer_backends[account_id][region_name]
        server_id = resource_name.split("/")[-1]
        if server_id in backend.servers:
            backend.delete_server(server_id)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = transfer_backends[account_id][region_name]
        if self.server_id in backend.servers:
            backend.delete_server(self.server_id)


class User(CloudFormationModel):
    """A service-managed user of a server. moto has no UpdateUser, so a changed user is replaced
    (deleted and created again under its name, as the user name cannot change in place)."""

    def __init__(self, server_id: str, user_name: str, account_id: str, region_name: str):
        self.server_id = server_id
        self.user_name = user_name
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return "UserName"

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-transfer-user.html
        return "AWS::Transfer::User"

    @property
    def arn(self) -> str:
        _, user = transfer_backends[self.account_id][self.region_name].describe_user(self.server_id, self.user_name)
        return user.arn

    @property
    def physical_resource_id(self) -> str:
        # Ref returns the user's ARN.
        return self.arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Arn", "ServerId", "UserName"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Arn":
            return self.arn
        if attribute_name == "ServerId":
            return self.server_id
        if attribute_name == "UserName":
            return self.user_name
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "User":
        props = cloudformation_json["Properties"]
        backend = transfer_backends[account_id][region_name]
        server_id = props["ServerId"]
        user_name = props.get("UserName", resource_name)
        keys = props.get("SshPublicKeys") or []
        backend.create_user(
            home_directory=props.get("HomeDirectory"),
            home_directory_type=props.get("HomeDirectoryType", "PATH"),  # type: ignore[arg-type]
            home_directory_mappings=props.get("HomeDirectoryMappings"),
            policy=props.get("Policy"),
            posix_profile=props.get("PosixProfile"),
            role=props["Role"],
            server_id=server_id,
            ssh_public_key_body=keys[0] if keys else None,
            tags=_tags(props),
            user_name=user_name,
        )
        for body in keys[1:]:
            backend.import_ssh_public_key(server_id=server_id, ssh_public_key_body=body, user_name=user_name)
        return cls(server_id, user_name, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "User",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "User":
        original_resource.delete(account_id, region_name)
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        # resource_name is the physical id, the ARN arn:aws:transfer:region:account:user/s-…/name.
        server_id, user_name = resource_name.split(":user/")[-1].split("/", 1)
        cls(server_id, user_name, account_id, region_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = transfer_backends[account_id][region_name]
        server = backend.servers.get(self.server_id)
        if server is not None and any(u.user_name == self.user_name for u in server._users):
            backend.delete_user(self.server_id, self.user_name)
