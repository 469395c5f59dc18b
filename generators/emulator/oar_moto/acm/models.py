"""AWS::CertificateManager::Certificate, created through moto's ACM backend (request_certificate,
add_tags_to_certificate, delete_certificate). A certificate with CertificateAuthorityArn is a private
certificate that the CA issues at once; a public one waits for DNS or email validation."""

from typing import Any

from moto.acm.models import AWSCertificateManagerBackend, acm_backends
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel


def _backend(account_id: str, region_name: str) -> AWSCertificateManagerBackend:
    return acm_backends[account_id][region_name]


class Certificate(CloudFormationModel):
    def __init__(self, arn: str, account_id: str, region_name: str):
        self.arn = arn
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-certificatemanager-certificate.html
        return "AWS::CertificateManager::Certificate"

    @property
    def physical_resource_id(self) -> str:
        return self.arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False

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
    ) -> "Certificate":
        props = cloudformation_json["Properties"]
        options: dict[str, Any] = {}
        if "CertificateTransparencyLoggingPreference" in props:
            options["CertificateTransparencyLoggingPreference"] = props["CertificateTransparencyLoggingPreference"]
        arn = _backend(account_id, region_name).request_certificate(
            domain_name=props["DomainName"],
            idempotency_token=None,  # type: ignore[arg-type]
            subject_alt_names=props.get("SubjectAlternativeNames") or [],
            tags=props.get("Tags") or [],
            cert_authority_arn=props.get("CertificateAuthorityArn"),
            cert_options=options or None,
        )
        return cls(arn, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Certificate",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Certificate":
        # Tags change in place; every other property replaces the certificate.
        props = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        bundle = backend.get_certificate(original_resource.arn)
        names = [props["DomainName"], *(props.get("SubjectAlternativeNames") or [])]
        if bundle.cert_authority_arn == props.get("CertificateAuthorityArn") and sorted(
            set(names)
        ) == sorted(set(bundle.describe()["Certificate"]["SubjectAlternativeNames"])):
            old = [{"Key": k, "Value": v} if v is not None else {"Key": k} for k, v in bundle.tags.items()]
            if old:
                backend.remove_tags_from_certificate(original_resource.arn, old)
            if props.get("Tags"):
                backend.add_tags_to_certificate(original_resource.arn, props["Tags"])
            return original_resource
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
        cls(resource_name, account_id, region_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        if self.arn in backend._certificates:
            backend.delete_certificate(self.arn)
