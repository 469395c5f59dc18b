import json

from support import StackTestCase

ENCRYPTION = {
    "Type": "AWS::OpenSearchServerless::SecurityPolicy",
    "Properties": {
        "Name": "docs-enc",
        "Type": "encryption",
        "Description": "customer key",
        "Policy": json.dumps(
            {"Rules": [{"ResourceType": "collection", "Resource": ["collection/docs"]}], "AWSOwnedKey": False, "KmsARN": "arn:aws:kms:us-east-1:123456789012:key/k"}
        ),
    },
}


def network(public: bool = False) -> dict:
    return {
        "Type": "AWS::OpenSearchServerless::SecurityPolicy",
        "Properties": {
            "Name": "docs-net",
            "Type": "network",
            "Policy": json.dumps([{"Rules": [{"ResourceType": "collection", "Resource": ["collection/docs"]}], "AllowFromPublic": public}]),
        },
    }


def collection(description: str = "vectors") -> dict:
    return {
        "Type": "AWS::OpenSearchServerless::Collection",
        "DependsOn": ["Encryption", "Network"],
        "Properties": {"Name": "docs", "Type": "VECTORSEARCH", "StandbyReplicas": "DISABLED", "Description": description},
    }


OUTPUTS = {
    "EncRef": {"Value": {"Ref": "Encryption"}},
    "Ref": {"Value": {"Ref": "Collection"}},
    "Arn": {"Value": {"Fn::GetAtt": ["Collection", "Arn"]}},
    "Endpoint": {"Value": {"Fn::GetAtt": ["Collection", "CollectionEndpoint"]}},
}


class CollectionTest(StackTestCase):
    def test_creates_policies_and_the_collection_with_the_templates_properties(self) -> None:
        out = self.deploy({"Encryption": ENCRYPTION, "Network": network(), "Collection": collection()}, OUTPUTS)
        aoss = self.client("opensearchserverless")
        self.assertEqual(out["EncRef"], "docs-enc|encryption")
        enc = aoss.get_security_policy(name="docs-enc", type="encryption")["securityPolicyDetail"]
        self.assertEqual(enc["policy"]["KmsARN"], "arn:aws:kms:us-east-1:123456789012:key/k")
        net = aoss.get_security_policy(name="docs-net", type="network")["securityPolicyDetail"]
        self.assertEqual(net["policy"][0]["AllowFromPublic"], False)
        [c] = aoss.batch_get_collection(ids=[out["Ref"]])["collectionDetails"]
        self.assertEqual((c["arn"], c["collectionEndpoint"]), (out["Arn"], out["Endpoint"]))
        self.assertEqual((c["type"], c["standbyReplicas"], c["kmsKeyArn"]), ("VECTORSEARCH", "DISABLED", "arn:aws:kms:us-east-1:123456789012:key/k"))

    def test_a_policy_change_updates_in_place_and_deleting_the_stack_removes_everything(self) -> None:
        self.deploy({"Encryption": ENCRYPTION, "Network": network(), "Collection": collection()}, OUTPUTS)
        aoss = self.client("opensearchserverless")
        self.update({"Encryption": ENCRYPTION, "Network": network(True), "Collection": collection()}, OUTPUTS)
        net = aoss.get_security_policy(name="docs-net", type="network")["securityPolicyDetail"]
        self.assertEqual(net["policy"][0]["AllowFromPublic"], True)
        self.destroy()
        self.assertEqual(aoss.list_collections()["collectionSummaries"], [])
        self.assertEqual(aoss.list_security_policies(type="network")["securityPolicySummaries"], [])
        self.assertEqual(aoss.list_security_policies(type="encryption")["securityPolicySummaries"], [])
