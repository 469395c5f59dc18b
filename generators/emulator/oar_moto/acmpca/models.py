"""ACM PCA for moto 5.2.1: the permissions API its backend lacks, and CloudFormation models.

moto's ACM PCA backend has no permissions: CreatePermission, ListPermissions and DeletePermission are missing.
This module adds them to the backend, as moto would in ``moto/acmpca/models.py``, with AWS's validation (the only
principal is acm.amazonaws.com, the actions are IssueCertificate, GetCertificate and ListPermissions, the CA must
exist and not be deleted, one permission per CA and principal); ``responses.py`` beside it serves them through the
API (moto's JSON handler dispatches on the X-Amz-Target operation name).

CloudFormation models: AWS::ACMPCA::CertificateAuthority, Certificate, CertificateAuthorityActivation and
Permission, created through the backend (create_certificate_authority, issue_certificate,
import_certificate_authority_certificate, update_certificate_authority, delete_certificate_authority,
create_permission, delete_permission)."""

import base64
from typing import Any

from moto.acmpca.models import ACMPCABackend, acmpca_backends
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import BaseModel, CloudFormationModel
from moto.core.exceptions import JsonRESTError
from moto.core.utils import unix_time
from moto.utilities.paginator import paginate

ACM_PRINCIPAL = "acm.amazonaws.com"
PERMISSION_ACTIONS = ["IssueCertificate", "GetCertificate", "ListPermissions"]

# moto/acmpca/models.py ACMPCABackend.PAGINATION_MODEL
PAGINATION_MODEL = {
    "list_permissions": {
        "input_token": "next_token",
        "limit_key": "max_results",
        "limit_default": 100,
        "unique_attribute": "principal",
    },
}


# moto/acmpca/exceptions.py
class PermissionAlreadyExistsException(JsonRESTError):
    code = 400

    def __init__(self) -> None:
        super().__init__(
            "PermissionAlreadyExistsException", "The designated permission has already been given to the user."
        )


class PermissionNotFoundException(JsonRESTError):
    code = 400

    def __init__(self, arn: str, principal: str) -> None:
        super().__init__("ResourceNotFoundException", f"Permission for principal {principal} on {arn} not found")


class CertificateAuthorityStateException(JsonRESTError):
    code = 400

    def __init__(self, arn: str) -> None:
        super().__init__("InvalidStateException", f"The certificate authority {arn} is in the DELETED state.")


class PermissionValidationException(JsonRESTError):
    code = 400

    def __init__(self, message: str) -> None:
        super().__init__("ValidationException", message)


class Permission(BaseModel):
    """What a CA lets an AWS service principal do with it (today only ACM, to issue and renew certificates)."""

    def __init__(self, certificate_authority_arn: str, principal: str, source_account: str, actions: list[str]):
        self.certificate_authority_arn = certificate_authority_arn
        self.principal = principal
        self.source_account = source_account
        self.actions = actions
        self.created_at = unix_time()

    def to_json(self) -> dict[str, Any]:
        return {
            "CertificateAuthorityArn": self.certificate_authority_arn,
            "CreatedAt": self.created_at,
            "Principal": self.principal,
            "SourceAccount": self.source_account,
            "Actions": self.actions,
        }


class ACMPCABackendAdditions:
    """Calls added to moto's ACMPCABackend."""

    account_id: str
    permissions: dict[tuple[str, str], Permission]

    def describe_certificate_authority(self, certificate_authority_arn: str) -> Any:  # moto's
        raise NotImplementedError

    def _live_certificate_authority(self, certificate_authority_arn: str) -> Any:
        ca = self.describe_certificate_authority(certificate_authority_arn)  # ResourceNotFoundException
        if ca.status == "DELETED":
            raise CertificateAuthorityStateException(certificate_authority_arn)
        return ca

    def create_permission(
        self, certificate_authority_arn: str, principal: str, source_account: str | None, actions: list[str]
    ) -> None:
        """Grants actions on a private CA to the ACM service principal."""
        if principal != ACM_PRINCIPAL:
            raise PermissionValidationException(
                f"Principal {principal} is not valid; the only valid principal is {ACM_PRINCIPAL}."
            )
        if not actions or len(actions) > len(PERMISSION_ACTIONS) or any(a not in PERMISSION_ACTIONS for a in actions):
            raise PermissionValidationException(
                f"1 validation error detected: Value {actions} at 'actions' failed to satisfy constraint: "
                f"Member must have length between 1 and 3, each member one of {PERMISSION_ACTIONS}"
            )
        self._live_certificate_authority(certificate_authority_arn)
        key = (certificate_authority_arn, principal)
        if key in self.permissions:
            raise PermissionAlreadyExistsException()
        self.permissions[key] = Permission(
            certificate_authority_arn, principal, source_account or self.account_id, list(dict.fromkeys(actions))
        )

    @paginate(pagination_model=PAGINATION_MODEL)
    def list_permissions(self, certificate_authority_arn: str) -> list[Permission]:
        """Lists the permissions a private CA has granted."""
        self._live_certificate_authority(certificate_authority_arn)
        return [p for (arn, _), p in self.permissions.items() if arn == certificate_authority_arn]

    def delete_permission(self, certificate_authority_arn: str, principal: str, source_account: str | None) -> None:
        """Revokes the permissions a private CA granted to a service principal."""
        self._live_certificate_authority(certificate_authority_arn)
        permission = self.permissions.get((certificate_authority_arn, principal))
        if permission is None or (source_account and permission.source_account != source_account):
            raise PermissionNotFoundException(certificate_authority_arn, principal)
        del self.permissions[(certificate_authority_arn, principal)]


def _add_to_backend() -> None:
    """Adds the calls above, and the collection they keep, to moto's ACMPCABackend."""
    if getattr(ACMPCABackend, "_oar_additions", False):
        return
    moto_init = ACMPCABackend.__init__

    def __init__(self: ACMPCABackend, region_name: str, account_id: str) -> None:
        moto_init(self, region_name, account_id)
        self.permissions: dict[tuple[str, str], Permission] = {}

    ACMPCABackend.__init__ = __init__  # type: ignore[method-assign]
    for name, member in vars(ACMPCABackendAdditions).items():
        if name == "describe_certificate_authority" or (name.startswith("__") and name.endswith("__")):
            continue  # moto's own
        if callable(member):
            setattr(ACMPCABackend, name, member)
    ACMPCABackend._oar_additions = True  # type: ignore[attr-defined]


_add_to_backend()


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


class CertificateAuthorityPermission(CloudFormationModel):
    def __init__(self, authority_arn: str, principal: str, account_id: str, region_name: str):
        self.authority_arn = authority_arn
        self.principal = principal
        self.account_id = account_id
        self.region_name = region_name

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-acmpca-permission.html
        return "AWS::ACMPCA::Permission"

    @property
    def physical_resource_id(self) -> str:
        # The page documents no return values; the resource's primary identifier is CertificateAuthorityArn and
        # Principal, which CloudFormation joins with "|" for a compound identifier.
        return f"{self.authority_arn}|{self.principal}"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False  # no Fn::GetAtt attributes

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
    ) -> "CertificateAuthorityPermission":
        props = cloudformation_json["Properties"]
        actions = props["Actions"]
        _backend(account_id, region_name).create_permission(  # type: ignore[attr-defined]
            certificate_authority_arn=props["CertificateAuthorityArn"],
            principal=props["Principal"],
            source_account=props.get("SourceAccount"),
            actions=[actions] if isinstance(actions, str) else list(actions),
        )
        return cls(props["CertificateAuthorityArn"], props["Principal"], account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: "CertificateAuthorityPermission",
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> "CertificateAuthorityPermission":
        # Every property is create-only. A replacement on the same CA and principal would collide with the old
        # permission, so it is removed first (the resource page says to delete, then create).
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
        arn, _, principal = resource_name.partition("|")
        if not principal:
            props = cloudformation_json.get("Properties", {})
            arn, principal = props["CertificateAuthorityArn"], props["Principal"]
        cls(arn, principal, account_id, region_name).delete(account_id, region_name)

    def delete(self, account_id: str, region_name: str) -> None:
        backend = _backend(account_id, region_name)
        # Gone already (deleted with its CA, or by hand) counts as deleted, as CloudFormation treats NotFound.
        backend.permissions.pop((self.authority_arn, self.principal), None)  # type: ignore[attr-defined]


from . import responses  # noqa: E402, F401
