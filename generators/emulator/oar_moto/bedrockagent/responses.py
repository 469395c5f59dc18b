"""API handlers for the data source calls ``models.py`` adds to moto's backend, added to moto's
AgentsforBedrockResponse as moto would write them in ``moto/bedrockagent/responses.py``. moto's ``/.*`` route for
bedrock-agent already reaches AgentsforBedrockResponse, which finds the operation from the method and path."""

import json
from typing import Any

from moto.bedrockagent.responses import AgentsforBedrockResponse


class AgentsforBedrockResponseAdditions:
    body: Any
    path: str
    bedrockagent_backend: Any

    def _ids(self) -> tuple[str, str]:
        # /knowledgebases/{knowledgeBaseId}/datasources/ or /knowledgebases/{knowledgeBaseId}/datasources/{dataSourceId}
        kb_part, _, ds_part = self.path.split("/knowledgebases/", 1)[1].partition("/datasources")
        return kb_part.strip("/"), ds_part.strip("/")

    def create_data_source(self) -> str:
        params = json.loads(self.body)
        knowledge_base_id, _ = self._ids()
        source = self.bedrockagent_backend.create_data_source(
            knowledge_base_id=knowledge_base_id,
            name=params.get("name"),
            data_source_configuration=params.get("dataSourceConfiguration"),
            description=params.get("description"),
            data_deletion_policy=params.get("dataDeletionPolicy"),
            server_side_encryption_configuration=params.get("serverSideEncryptionConfiguration"),
            vector_ingestion_configuration=params.get("vectorIngestionConfiguration"),
            client_token=params.get("clientToken"),
        )
        return json.dumps({"dataSource": source.to_dict()})

    def get_data_source(self) -> str:
        knowledge_base_id, data_source_id = self._ids()
        source = self.bedrockagent_backend.get_data_source(knowledge_base_id, data_source_id)
        return json.dumps({"dataSource": source.to_dict()})

    def update_data_source(self) -> str:
        params = json.loads(self.body)
        knowledge_base_id, data_source_id = self._ids()
        source = self.bedrockagent_backend.update_data_source(
            knowledge_base_id=knowledge_base_id,
            data_source_id=data_source_id,
            name=params.get("name"),
            data_source_configuration=params.get("dataSourceConfiguration"),
            description=params.get("description"),
            data_deletion_policy=params.get("dataDeletionPolicy"),
            server_side_encryption_configuration=params.get("serverSideEncryptionConfiguration"),
            vector_ingestion_configuration=params.get("vectorIngestionConfiguration"),
        )
        return json.dumps({"dataSource": source.to_dict()})

    def list_data_sources(self) -> str:
        knowledge_base_id, _ = self._ids()
        sources = self.bedrockagent_backend.list_data_sources(knowledge_base_id)
        return json.dumps({"dataSourceSummaries": [s.dict_summary() for s in sources]})

    def delete_data_source(self) -> str:
        knowledge_base_id, data_source_id = self._ids()
        source = self.bedrockagent_backend.delete_data_source(knowledge_base_id, data_source_id)
        return json.dumps(
            {"knowledgeBaseId": source.knowledge_base_id, "dataSourceId": source.data_source_id, "status": "DELETING"}
        )


for _name, _member in vars(AgentsforBedrockResponseAdditions).items():
    if callable(_member) and not (_name.startswith("__") and _name.endswith("__")):
        setattr(AgentsforBedrockResponse, _name, _member)
