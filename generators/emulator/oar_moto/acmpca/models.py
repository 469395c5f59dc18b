"""AWS::ACMPCA::CertificateAuthority, Certificate and CertificateAuthorityActivation, created through moto's
ACM PCA backend (create_certificate_authority, issue_certificate, import_certificate_authority_certificate,
update_certificate_authority, delete_certificate_authority)."""

import base64
from typing import Any

from moto.acmpca.models import ACMPCABackend, acmpca_backends
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel


def _backend(account_id: str, region_name: str) -> ACMPCABackend:
    return acmpca_backends[account_id][region_name]


def _bool(value: Any) -> bool:
    return str(value).lower() == "true"


def _revocation(config: dict[str, Any] | None) -> dict[str, Any]:
    """The template's RevocationConfiguration as the API takes it: booleans and numbers typed."""
    config = config or {}
    out: dict[str, Any] = {}
    crl = dict(config.get("CrlConfiguration") or {})
    if crl:
        crl["Enabled"] = _bool(crl.get("Enabled", False))
        if "ExpirationInDays" in crl:
            crl["ExpirationInDays"] = int(crl["ExpirationInDays"])
        ext = crl.get("CrlDistributionPointExtensionConfiguration")
        if ext:
            crl["CrlDistributionPointExtensionConfiguration"] = {"OmitExtension": _bool(ext.get("OmitExtension"))}
        out["CrlConfiguration"] = crl
    ocsp = dict(config.get("OcspConfiguration") or {})
    if ocsp:
        ocsp["Enabled"] = _bool(ocsp.get("Enabled", False))
        out["OcspConfiguration"] = ocsp
    return out


class CertificateAuthority(CloudFormationModel):
    def __init__(self, arn: str, account_id: str, region_name: str):
        self.arn = arn
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-acmpca-certificateauthority.html
        return "AWS::ACMPCA::CertificateAuthority"

    @property
    def physical_resource_id(self) -> str:
        return self.arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Arn", "CertificateSigningRequest"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Arn":
            return self.arn
        if attribute_name == "CertificateSigningRequest":
            return _backend(self.account_id, self.region_name).get_certificate_authority_csr(self.arn).decode()
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "CertificateAuthority":
        props = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        arn = backend.create_certificate_authority(
            certificate_authority_configuration={
                "KeyAlgorithm": props["KeyAlgorithm"],
                "SigningAlgorithm": props["SigningAlgorithm"],
                "Subject": props["Subject"],
                **({"CsrExtensions": props["CsrExtensions"]} if "CsrExtensions" in props else {}),
            },
            revocation_configuration=_revocation(props.get("RevocationConfiguration")),
            certificate_authority_type=props["Type"],
            security_standard=props.get("KeyStorageSecurityStandard"),
            tags=props.get("Tags") or [],
        )
        # moto's create call takes no UsageMode and stores SHORT_LIVED_CERTIFICATE; the API's default is
        # GENERAL_PURPOSE.
        backend.certificate_authorities[arn].usage_mode = props.get("UsageMode", "GENERAL_PURPOSE")
        return cls(arn, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "CertificateAuthority",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "CertificateAuthority":
        # Only RevocationConfiguration and Tags change in place; the rest is create-only.
        props = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        backend.update_certificate_authority(
            original_resource.arn, revocation_configuration=_revocation(props.get("RevocationConfiguration")), status=None  # type: ignore[arg-type]
        )
        old = backend.list_tags(original_resource.arn).get("Tags", [])
        if old:
            backend.untag_certificate_authority(original_resource.arn, old)
        if props.get("Tags"):
            backend.tag_certificate_authority(original_resource.arn, props["Tags"])
        return original_resource

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
        if self.arn in backend.certificate_authorities:
            # CloudFormation disables an active CA, then deletes it; it stays DELETED for the restore period.
            if backend.certificate_authorities[self.arn].status == "ACTIVE":
                backend.update_certificate_authority(self.arn, revocation_configuration=None, status="DISABLED")  # type: ignore[arg-type]
            backend.delete_certificate_authority(self.arn)


class Certificate(CloudFormationModel):
    def __init__(self, arn: str, authority_arn: str, account_id: str, region_name: str):
        self.arn = arn
        self.authority_arn = authority_arn
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-acmpca-certificate.html
        return "AWS::ACMPCA::Certificate"

    @property
    def physical_resource_id(self) -> str:
        return self.arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["Arn", "Certificate"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Arn":
            return self.arn
        if attribute_name == "Certificate":
            cert, _ = _backend(self.account_id, self.region_name).get_certificate(self.authority_arn, self.arn)
            return cert.decode()
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
        authority_arn = props["CertificateAuthorityArn"]
        # The API takes the CSR as a blob, which moto's handler receives base64-encoded.
        csr = base64.b64encode(props["CertificateSigningRequest"].encode())
        arn = _backend(account_id, region_name).issue_certificate(authority_arn, csr, props.get("TemplateArn"))
        return cls(arn, authority_arn, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "Certificate",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "Certificate":
        # Every property is create-only: a change issues a new certificate.
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        # An issued certificate cannot be deleted, only revoked; CloudFormation leaves it with its CA.
        return None

    def delete(self, account_id: str, region_name: str) -> None:
        return None


class CertificateAuthorityActivation(CloudFormationModel):
    def __init__(self, authority_arn: str, account_id: str, region_name: str):
        self.authority_arn = authority_arn
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-acmpca-certificateauthorityactivation.html
        return "AWS::ACMPCA::CertificateAuthorityActivation"

    @property
    def physical_resource_id(self) -> str:
        return self.authority_arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ["CompleteCertificateChain"]

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "CompleteCertificateChain":
            cert, chain = _backend(self.account_id, self.region_name).get_certificate_authority_certificate(
                self.authority_arn
            )
            if not chain:
                return cert.decode()
            text = base64.b64decode(chain).decode() if isinstance(chain, str) else chain.decode()
            return cert.decode().strip() + "\n" + text.strip()
        raise UnformattedGetAttTemplateException()

    @classmethod
    def _activate(
        cls, props: dict[str, Any], account_id: str, region_name: str
    ) -> "CertificateAuthorityActivation":
        backend = _backend(account_id, region_name)
        arn = props["CertificateAuthorityArn"]
        chain = props.get("CertificateChain")
        # As moto's handler passes them: the certificate decoded, the chain as the API's base64 blob.
        backend.import_certificate_authority_certificate(
            arn, props["Certificate"].encode(), base64.b64encode(chain.encode()).decode() if chain else None  # type: ignore[arg-type]
        )
        if props.get("Status", "ACTIVE") != "ACTIVE":
            backend.update_certificate_authority(arn, revocation_configuration=None, status=props["Status"])  # type: ignore[arg-type]
        return cls(arn, account_id, region_name)

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> "CertificateAuthorityActivation":
        return cls._activate(cloudformation_json["Properties"], account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "CertificateAuthorityActivation",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "CertificateAuthorityActivation":
        return cls._activate(cloudformation_json["Properties"], account_id, region_name)

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
        # Deleting the activation disables the CA.
        backend = _backend(account_id, region_name)
        ca = backend.certificate_authorities.get(self.authority_arn)
        if ca is not None and ca.status == "ACTIVE":
            backend.update_certificate_authority(self.authority_arn, revocation_configuration=None, status="DISABLED")  # type: ignore[arg-type]
