"""API handlers for the ACM PCA calls ``models.py`` adds to moto's backend, added to moto's ACMPCAResponse as moto
would write them in ``moto/acmpca/responses.py`` (JSON protocol: moto dispatches on the operation name)."""

import json
from typing import Any

from moto.acmpca.responses import ACMPCAResponse


class ACMPCAResponseAdditions:
    body: Any
    acmpca_backend: Any

    def create_permission(self) -> str:
        params = json.loads(self.body)
        self.acmpca_backend.create_permission(
            certificate_authority_arn=params.get("CertificateAuthorityArn"),
            principal=params.get("Principal"),
            source_account=params.get("SourceAccount"),
            actions=params.get("Actions") or [],
        )
        return "{}"

    def list_permissions(self) -> str:
        params = json.loads(self.body)
        permissions, next_token = self.acmpca_backend.list_permissions(
            certificate_authority_arn=params.get("CertificateAuthorityArn"),
            max_results=params.get("MaxResults"),
            next_token=params.get("NextToken"),
        )
        result: dict[str, Any] = {"Permissions": [p.to_json() for p in permissions]}
        if next_token:
            result["NextToken"] = next_token
        return json.dumps(result)

    def delete_permission(self) -> str:
        params = json.loads(self.body)
        self.acmpca_backend.delete_permission(
            certificate_authority_arn=params.get("CertificateAuthorityArn"),
            principal=params.get("Principal"),
            source_account=params.get("SourceAccount"),
        )
        return "{}"


for _name, _member in vars(ACMPCAResponseAdditions).items():
    if callable(_member) and not (_name.startswith("__") and _name.endswith("__")):
        setattr(ACMPCAResponse, _name, _member)
