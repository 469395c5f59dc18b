from botocore.exceptions import ClientError
from support import StackTestCase

CLUSTER = {
    "Type": "AWS::DSQL::Cluster",
    "Properties": {"DeletionProtectionEnabled": False, "Tags": [{"Key": "app", "Value": "orders"}]},
}
ATTRS = ["ResourceArn", "Identifier", "Endpoint", "VpcEndpointServiceName"]


class ClusterTest(StackTestCase):
    def test_creates_the_cluster_and_returns_its_identifier_and_attributes(self) -> None:
        outputs = {"Ref": {"Value": {"Ref": "Cluster"}}}
        outputs.update({a: {"Value": {"Fn::GetAtt": ["Cluster", a]}} for a in ATTRS})
        out = self.deploy({"Cluster": CLUSTER}, outputs)
        self.assertEqual(out["Ref"], out["Identifier"])
        got = self.client("dsql").get_cluster(identifier=out["Ref"])
        self.assertEqual(got["arn"], out["ResourceArn"])
        self.assertEqual(got["deletionProtectionEnabled"], False)
        self.assertEqual(out["Endpoint"], f"{out['Ref']}.us-east-1.on.aws")
        self.assertEqual(self.client("dsql").list_tags_for_resource(resourceArn=out["ResourceArn"])["tags"], {"app": "orders"})

    def test_updates_deletion_protection(self) -> None:
        out = self.deploy({"Cluster": CLUSTER}, {"Ref": {"Value": {"Ref": "Cluster"}}})
        self.update({"Cluster": {**CLUSTER, "Properties": {**CLUSTER["Properties"], "DeletionProtectionEnabled": True}}})
        self.assertEqual(self.client("dsql").get_cluster(identifier=out["Ref"])["deletionProtectionEnabled"], True)

    def test_deleting_the_stack_deletes_an_unprotected_cluster(self) -> None:
        out = self.deploy({"Cluster": CLUSTER}, {"Ref": {"Value": {"Ref": "Cluster"}}})
        self.destroy()
        with self.assertRaises(ClientError):
            self.client("dsql").get_cluster(identifier=out["Ref"])

    def test_a_multi_region_cluster_is_refused_not_created_alone(self) -> None:
        props = {**CLUSTER["Properties"], "MultiRegionProperties": {"WitnessRegion": "us-west-2"}}
        with self.assertRaises(Exception):
            self.deploy({"Cluster": {**CLUSTER, "Properties": props}})
        # moto has no ListClusters; its store shows that nothing was created.
        from moto.core import DEFAULT_ACCOUNT_ID
        from moto.dsql.models import dsql_backends

        self.assertEqual(dict(dsql_backends[DEFAULT_ACCOUNT_ID]["us-east-1"].clusters), {})


if __name__ == "__main__":
    import unittest

    unittest.main()
