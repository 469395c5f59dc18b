from support import StackTestCase

BUCKET = {
    "Type": "AWS::S3Vectors::VectorBucket",
    "Properties": {
        "VectorBucketName": "docs-vectors",
        "EncryptionConfiguration": {"SseType": "aws:kms", "KmsKeyArn": {"Fn::GetAtt": ["Key", "Arn"]}},
    },
}
KEY = {"Type": "AWS::KMS::Key", "Properties": {"KeyPolicy": {"Version": "2012-10-17", "Statement": []}}}


def index(dimension: int = 1024, metric: str = "cosine") -> dict:
    return {
        "Type": "AWS::S3Vectors::Index",
        "Properties": {
            "VectorBucketArn": {"Fn::GetAtt": ["Bucket", "VectorBucketArn"]},
            "IndexName": "chunks",
            "DataType": "float32",
            "Dimension": str(dimension),
            "DistanceMetric": metric,
        },
    }


OUTPUTS = {
    "BucketRef": {"Value": {"Ref": "Bucket"}},
    "BucketArn": {"Value": {"Fn::GetAtt": ["Bucket", "VectorBucketArn"]}},
    "BucketCreated": {"Value": {"Fn::GetAtt": ["Bucket", "CreationTime"]}},
    "IndexRef": {"Value": {"Ref": "Index"}},
    "IndexArn": {"Value": {"Fn::GetAtt": ["Index", "IndexArn"]}},
    "IndexCreated": {"Value": {"Fn::GetAtt": ["Index", "CreationTime"]}},
    "KeyArn": {"Value": {"Fn::GetAtt": ["Key", "Arn"]}},
}


class VectorBucketAndIndexTest(StackTestCase):
    def test_creates_the_bucket_and_index_with_the_templates_properties(self) -> None:
        out = self.deploy({"Key": KEY, "Bucket": BUCKET, "Index": index()}, OUTPUTS)
        s3v = self.client("s3vectors")
        bucket = s3v.get_vector_bucket(vectorBucketName="docs-vectors")["vectorBucket"]
        self.assertEqual(bucket["vectorBucketArn"], out["BucketRef"])
        self.assertEqual(out["BucketArn"], out["BucketRef"])
        self.assertRegex(out["BucketRef"], r"^arn:aws:s3vectors:us-east-1:\d{12}:bucket/docs-vectors$")
        self.assertEqual(bucket["encryptionConfiguration"], {"sseType": "aws:kms", "kmsKeyArn": out["KeyArn"]})
        self.assertRegex(out["BucketCreated"], r"^\d{4}-\d{2}-\d{2}T")
        idx = s3v.get_index(indexArn=out["IndexRef"])["index"]
        self.assertEqual(out["IndexArn"], out["IndexRef"])
        self.assertEqual(out["IndexRef"], out["BucketRef"] + "/index/chunks")
        self.assertEqual((idx["dimension"], idx["distanceMetric"], idx["dataType"]), (1024, "cosine", "float32"))
        self.assertRegex(out["IndexCreated"], r"^\d{4}-\d{2}-\d{2}T")

    def test_generates_a_lowercase_bucket_name_when_none_is_given(self) -> None:
        bucket = {"Type": "AWS::S3Vectors::VectorBucket", "Properties": {}}
        out = self.deploy({"Bucket": bucket}, {"Arn": {"Value": {"Ref": "Bucket"}}})
        name = out["Arn"].split("/")[-1]
        self.assertEqual(name, name.lower())
        self.assertLessEqual(len(name), 63)
        [listed] = self.client("s3vectors").list_vector_buckets()["vectorBuckets"]
        self.assertEqual(listed["vectorBucketArn"], out["Arn"])

    def test_a_new_dimension_replaces_the_index_and_a_no_op_keeps_it(self) -> None:
        self.deploy({"Key": KEY, "Bucket": BUCKET, "Index": index()}, OUTPUTS)
        first = self.physical_id("Index")
        self.update({"Key": KEY, "Bucket": BUCKET, "Index": index()}, OUTPUTS)
        self.assertEqual(self.physical_id("Index"), first)
        self.update({"Key": KEY, "Bucket": BUCKET, "Index": index(dimension=256)}, OUTPUTS)
        [idx] = self.client("s3vectors").list_indexes(vectorBucketName="docs-vectors")["indexes"]
        self.assertEqual(self.client("s3vectors").get_index(indexArn=idx["indexArn"])["index"]["dimension"], 256)

    def test_deleting_the_stack_removes_index_and_bucket(self) -> None:
        self.deploy({"Key": KEY, "Bucket": BUCKET, "Index": index()}, OUTPUTS)
        self.destroy()
        self.assertEqual(self.client("s3vectors").list_vector_buckets()["vectorBuckets"], [])
