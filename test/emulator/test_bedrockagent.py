from moto.bedrockagent.models import bedrockagent_backends
from moto.core import DEFAULT_ACCOUNT_ID as ACCOUNT
from support import StackTestCase

ROLE = "arn:aws:iam::123456789012:role/kb"
INDEX = "arn:aws:s3vectors:us-east-1:123456789012:bucket/docs/index/chunks"
EMBED = "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0"


def knowledge_base(description: str = "policies") -> dict:
    return {
        "Type": "AWS::Bedrock::KnowledgeBase",
        "Properties": {
            "Name": "docs-kb",
            "Description": description,
            "RoleArn": ROLE,
            "KnowledgeBaseConfiguration": {
                "Type": "VECTOR",
                "VectorKnowledgeBaseConfiguration": {
                    "EmbeddingModelArn": EMBED,
                    "EmbeddingModelConfiguration": {
                        "BedrockEmbeddingModelConfiguration": {"Dimensions": "1024", "EmbeddingDataType": "FLOAT32"}
                    },
                },
            },
            "StorageConfiguration": {"Type": "S3_VECTORS", "S3VectorsConfiguration": {"IndexArn": INDEX}},
            "Tags": {"team": "docs"},
        },
    }


def data_source(prefix: str = "documents/", max_tokens: int = 300) -> dict:
    return {
        "Type": "AWS::Bedrock::DataSource",
        "Properties": {
            "KnowledgeBaseId": {"Fn::GetAtt": ["Kb", "KnowledgeBaseId"]},
            "Name": "documents",
            "DataDeletionPolicy": "DELETE",
            "DataSourceConfiguration": {
                "Type": "S3",
                "S3Configuration": {"BucketArn": "arn:aws:s3:::docs", "InclusionPrefixes": [prefix]},
            },
            "VectorIngestionConfiguration": {
                "ChunkingConfiguration": {
                    "ChunkingStrategy": "FIXED_SIZE",
                    "FixedSizeChunkingConfiguration": {"MaxTokens": str(max_tokens), "OverlapPercentage": "20"},
                }
            },
        },
    }


OUTPUTS = {
    "KbRef": {"Value": {"Ref": "Kb"}},
    "KbId": {"Value": {"Fn::GetAtt": ["Kb", "KnowledgeBaseId"]}},
    "KbArn": {"Value": {"Fn::GetAtt": ["Kb", "KnowledgeBaseArn"]}},
    "KbStatus": {"Value": {"Fn::GetAtt": ["Kb", "Status"]}},
    "DsRef": {"Value": {"Ref": "Ds"}},
    "DsId": {"Value": {"Fn::GetAtt": ["Ds", "DataSourceId"]}},
    "DsStatus": {"Value": {"Fn::GetAtt": ["Ds", "DataSourceStatus"]}},
}


class KnowledgeBaseAndDataSourceTest(StackTestCase):
    def test_creates_an_s3_vectors_knowledge_base_and_its_s3_data_source(self) -> None:
        out = self.deploy({"Kb": knowledge_base(), "Ds": data_source()}, OUTPUTS)
        agent = self.client("bedrock-agent")
        kb = agent.get_knowledge_base(knowledgeBaseId=out["KbRef"])["knowledgeBase"]
        self.assertEqual(out["KbId"], out["KbRef"])
        self.assertRegex(out["KbRef"], r"^[0-9A-Z]{10}$")
        self.assertEqual(kb["knowledgeBaseArn"], out["KbArn"])
        self.assertRegex(out["KbArn"], r"^arn:aws:bedrock:us-east-1:\d{12}:knowledge-base/[0-9A-Z]{10}$")
        self.assertEqual(out["KbStatus"], "ACTIVE")
        # The wire form is an ISO 8601 date-time, which the AWS SDK for JavaScript needs (moto sends epoch seconds).
        backend = bedrockagent_backends[ACCOUNT]["us-east-1"]
        self.assertRegex(backend.get_knowledge_base(out["KbId"]).to_dict()["createdAt"], r"^\d{4}-\d{2}-\d{2}T")
        self.assertRegex(backend.get_data_source(out["KbId"], out["DsId"]).to_dict()["createdAt"], r"^\d{4}-\d{2}-\d{2}T")
        self.assertEqual(kb["roleArn"], ROLE)
        self.assertEqual(kb["storageConfiguration"], {"type": "S3_VECTORS", "s3VectorsConfiguration": {"indexArn": INDEX}})
        vector = kb["knowledgeBaseConfiguration"]["vectorKnowledgeBaseConfiguration"]
        self.assertEqual(vector["embeddingModelArn"], EMBED)
        self.assertEqual(vector["embeddingModelConfiguration"]["bedrockEmbeddingModelConfiguration"]["dimensions"], 1024)
        self.assertEqual(agent.list_tags_for_resource(resourceArn=out["KbArn"])["tags"], {"team": "docs"})

        self.assertEqual(out["DsRef"], f"{out['KbId']}|{out['DsId']}")
        self.assertEqual(out["DsStatus"], "AVAILABLE")
        ds = agent.get_data_source(knowledgeBaseId=out["KbId"], dataSourceId=out["DsId"])["dataSource"]
        self.assertEqual(ds["dataDeletionPolicy"], "DELETE")
        self.assertEqual(ds["dataSourceConfiguration"]["s3Configuration"]["inclusionPrefixes"], ["documents/"])
        fixed = ds["vectorIngestionConfiguration"]["chunkingConfiguration"]["fixedSizeChunkingConfiguration"]
        self.assertEqual(fixed, {"maxTokens": 300, "overlapPercentage": 20})
        [summary] = agent.list_data_sources(knowledgeBaseId=out["KbId"])["dataSourceSummaries"]
        self.assertEqual(summary["dataSourceId"], out["DsId"])

    def test_the_api_refuses_an_unknown_vector_store_and_a_data_source_of_a_missing_knowledge_base(self) -> None:
        agent = self.client("bedrock-agent")
        with self.assertRaises(agent.exceptions.ValidationException):
            agent.create_knowledge_base(
                name="x",
                roleArn=ROLE,
                knowledgeBaseConfiguration={"type": "VECTOR", "vectorKnowledgeBaseConfiguration": {"embeddingModelArn": EMBED}},
                storageConfiguration={"type": "NOT_A_STORE"},
            )
        with self.assertRaises(agent.exceptions.ResourceNotFoundException):
            agent.create_data_source(
                knowledgeBaseId="ABCDEFGHIJ",
                name="d",
                dataSourceConfiguration={"type": "S3", "s3Configuration": {"bucketArn": "arn:aws:s3:::docs"}},
            )

    def test_a_new_prefix_updates_the_data_source_and_new_chunking_replaces_it(self) -> None:
        out = self.deploy({"Kb": knowledge_base(), "Ds": data_source()}, OUTPUTS)
        agent = self.client("bedrock-agent")
        out2 = self.update({"Kb": knowledge_base(), "Ds": data_source(prefix="handbook/")}, OUTPUTS)
        self.assertEqual(out2["DsId"], out["DsId"])
        ds = agent.get_data_source(knowledgeBaseId=out["KbId"], dataSourceId=out["DsId"])["dataSource"]
        self.assertEqual(ds["dataSourceConfiguration"]["s3Configuration"]["inclusionPrefixes"], ["handbook/"])
        out3 = self.update({"Kb": knowledge_base(), "Ds": data_source(prefix="handbook/", max_tokens=500)}, OUTPUTS)
        self.assertNotEqual(out3["DsId"], out["DsId"])
        [summary] = agent.list_data_sources(knowledgeBaseId=out["KbId"])["dataSourceSummaries"]
        self.assertEqual(summary["dataSourceId"], out3["DsId"])

    def test_a_new_description_replaces_the_knowledge_base_and_deleting_the_stack_removes_both(self) -> None:
        out = self.deploy({"Kb": knowledge_base(), "Ds": data_source()}, OUTPUTS)
        out2 = self.update({"Kb": knowledge_base("handbook"), "Ds": data_source()}, OUTPUTS)
        agent = self.client("bedrock-agent")
        self.assertNotEqual(out2["KbId"], out["KbId"])
        self.assertEqual(agent.get_knowledge_base(knowledgeBaseId=out2["KbId"])["knowledgeBase"]["description"], "handbook")
        self.destroy()
        self.assertEqual(agent.list_knowledge_bases()["knowledgeBaseSummaries"], [])
