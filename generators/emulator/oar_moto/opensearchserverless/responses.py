"""API handler for DeleteSecurityPolicy, which ``models.py`` adds to moto's backend, added to moto's
OpenSearchServiceServerlessResponse as moto would write it in ``moto/opensearchserverless/responses.py``."""

import json
from typing import Any

from moto.opensearchserverless.responses import OpenSearchServiceServerlessResponse


class OpenSearchServiceServerlessResponseAdditions:
    body: Any
    opensearchserverless_backend: Any

    def delete_security_policy(self) -> str:
        params = json.loads(self.body)
        self.opensearchserverless_backend.delete_security_policy(name=params.get("name"), type=params.get("type"))
        return "{}"


for _name, _member in vars(OpenSearchServiceServerlessResponseAdditions).items():
    if callable(_member) and not (_name.startswith("__") and _name.endswith("__")):
        setattr(OpenSearchServiceServerlessResponse, _name, _member)
