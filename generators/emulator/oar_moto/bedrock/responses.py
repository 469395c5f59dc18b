"""API handlers for the guardrail calls ``models.py`` adds to moto's backend, added to moto's BedrockResponse as
moto would write them in ``moto/bedrock/responses.py``. moto's ``/.*`` route for bedrock already reaches
BedrockResponse, which finds the operation from the method and path."""

import json
from typing import Any
from urllib.parse import unquote

from moto.bedrock.responses import BedrockResponse

POLICY_KEYS = [
    "topicPolicyConfig",
    "contentPolicyConfig",
    "wordPolicyConfig",
    "sensitiveInformationPolicyConfig",
    "contextualGroundingPolicyConfig",
]


class BedrockResponseAdditions:
    body: Any
    path: str
    querystring: dict[str, list[str]]
    bedrock_backend: Any

    def _guardrail_identifier(self) -> str:
        return unquote(self.path.split("/guardrails/", 1)[1].strip("/"))

    def _query(self, name: str) -> str | None:
        values = self.querystring.get(name)
        return values[0] if values else None

    def create_guardrail(self) -> str:
        params = json.loads(self.body)
        guardrail = self.bedrock_backend.create_guardrail(
            name=params.get("name"),
            blocked_input_messaging=params.get("blockedInputMessaging"),
            blocked_outputs_messaging=params.get("blockedOutputsMessaging"),
            policies={k: params[k] for k in POLICY_KEYS if params.get(k)},
            description=params.get("description"),
            kms_key_id=params.get("kmsKeyId"),
            tags=params.get("tags"),
        )
        draft = guardrail.versions["DRAFT"]
        return json.dumps(
            {
                "guardrailId": guardrail.guardrail_id,
                "guardrailArn": guardrail.arn,
                "version": "DRAFT",
                "createdAt": draft.created_at,
            }
        )

    def get_guardrail(self) -> str:
        version = self.bedrock_backend.get_guardrail(self._guardrail_identifier(), self._query("guardrailVersion"))
        return json.dumps(version.to_dict())

    def update_guardrail(self) -> str:
        params = json.loads(self.body)
        guardrail = self.bedrock_backend.update_guardrail(
            guardrail_identifier=self._guardrail_identifier(),
            name=params.get("name"),
            blocked_input_messaging=params.get("blockedInputMessaging"),
            blocked_outputs_messaging=params.get("blockedOutputsMessaging"),
            policies={k: params[k] for k in POLICY_KEYS if params.get(k)},
            description=params.get("description"),
            kms_key_id=params.get("kmsKeyId"),
        )
        return json.dumps(
            {
                "guardrailId": guardrail.guardrail_id,
                "guardrailArn": guardrail.arn,
                "version": "DRAFT",
                "updatedAt": guardrail.versions["DRAFT"].updated_at,
            }
        )

    def create_guardrail_version(self) -> str:
        params = json.loads(self.body or "{}")
        version = self.bedrock_backend.create_guardrail_version(
            self._guardrail_identifier(), params.get("description")
        )
        return json.dumps({"guardrailId": version.guardrail.guardrail_id, "version": version.version})

    def list_guardrails(self) -> str:
        versions = self.bedrock_backend.list_guardrails(self._query("guardrailIdentifier"))
        summaries = []
        for v in versions:
            d = v.to_dict()
            summaries.append(
                {
                    k: d[k]
                    for k in ("guardrailId", "guardrailArn", "name", "description", "version", "status", "createdAt", "updatedAt")
                    if k in d
                }
            )
            summaries[-1]["id"] = summaries[-1].pop("guardrailId")
            summaries[-1]["arn"] = summaries[-1].pop("guardrailArn")
        return json.dumps({"guardrails": summaries})

    def delete_guardrail(self) -> str:
        self.bedrock_backend.delete_guardrail(self._guardrail_identifier(), self._query("guardrailVersion"))
        return "{}"


for _name, _member in vars(BedrockResponseAdditions).items():
    if callable(_member) and not (_name.startswith("__") and _name.endswith("__")):
        setattr(BedrockResponse, _name, _member)
