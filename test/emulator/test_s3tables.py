from support import StackTestCase

BUCKET = {
    "Type": "AWS::S3Tables::TableBucket",
    "Properties": {
        "TableBucketName": "lake",
        "UnreferencedFileRemoval": {"Status": "Enabled", "UnreferencedDays": 3, "NoncurrentDays": 10},
    },
}
NAMESPACE = {"Type": "AWS::S3Tables::Namespace", "Properties": {"TableBucketARN": {"Ref": "Bucket"}, "Namespace": "sales"}}


def table(name: str = "orders") -> dict[str, object]:
    return {
        "Type": "AWS::S3Tables::Table",
        "DependsOn": "Namespace",
        "Properties": {
            "TableBucketARN": {"Fn::GetAtt": ["Bucket", "TableBucketARN"]},
            "Namespace": "sales",
            "TableName": name,
            "OpenTableFormat": "ICEBERG",
            "IcebergMetadata": {"IcebergSchema": {"SchemaFieldList": [{"Name": "id", "Type": "long", "Required": True}]}},
            "Compaction": {"Status": "enabled", "TargetFileSizeMB": 256},
            "SnapshotManagement": {"Status": "enabled", "MinSnapshotsToKeep": 1, "MaxSnapshotAgeHours": 120},
        },
    }


OUTPUTS = {
    "BucketRef": {"Value": {"Ref": "Bucket"}},
    "BucketArn": {"Value": {"Fn::GetAtt": ["Bucket", "TableBucketARN"]}},
    "NamespaceRef": {"Value": {"Ref": "Namespace"}},
    "TableRef": {"Value": {"Ref": "Table"}},
    "TableArn": {"Value": {"Fn::GetAtt": ["Table", "TableARN"]}},
    "Warehouse": {"Value": {"Fn::GetAtt": ["Table", "WarehouseLocation"]}},
    "Token": {"Value": {"Fn::GetAtt": ["Table", "VersionToken"]}},
}


class S3TablesTest(StackTestCase):
    def test_creates_the_bucket_namespace_and_iceberg_table_with_their_refs_and_attributes(self) -> None:
        out = self.deploy({"Bucket": BUCKET, "Namespace": NAMESPACE, "Table": table()}, OUTPUTS)
        client = self.client("s3tables")
        bucket = client.get_table_bucket(tableBucketARN=out["BucketRef"])
        self.assertEqual(bucket["name"], "lake")
        self.assertEqual(out["BucketArn"], out["BucketRef"])
        self.assertEqual(out["NamespaceRef"], f"{out['BucketRef']}|sales")
        self.assertEqual(client.get_namespace(tableBucketARN=out["BucketRef"], namespace="sales")["namespace"], ["sales"])
        t = client.get_table(tableBucketARN=out["BucketRef"], namespace="sales", name="orders")
        self.assertEqual(t["tableARN"], out["TableRef"])
        self.assertEqual(out["TableArn"], out["TableRef"])
        self.assertEqual(t["format"], "ICEBERG")
        self.assertEqual(t["warehouseLocation"], out["Warehouse"])
        self.assertEqual(t["versionToken"], out["Token"])

    def test_a_new_table_name_replaces_the_table(self) -> None:
        out = self.deploy({"Bucket": BUCKET, "Namespace": NAMESPACE, "Table": table()}, OUTPUTS)
        out2 = self.update({"Bucket": BUCKET, "Namespace": NAMESPACE, "Table": table("orders_v2")}, OUTPUTS)
        self.assertNotEqual(out["TableRef"], out2["TableRef"])
        names = [t["name"] for t in self.client("s3tables").list_tables(tableBucketARN=out["BucketRef"])["tables"]]
        self.assertEqual(names, ["orders_v2"])

    def test_deleting_the_stack_deletes_table_namespace_and_bucket(self) -> None:
        self.deploy({"Bucket": BUCKET, "Namespace": NAMESPACE, "Table": table()}, OUTPUTS)
        self.destroy()
        self.assertEqual(self.client("s3tables").list_table_buckets()["tableBuckets"], [])
        # The table's storage is gone too: no general purpose bucket is left behind.
        self.assertEqual(self.client("s3").list_buckets()["Buckets"], [])


if __name__ == "__main__":
    import unittest

    unittest.main()
