import json

from support import StackTestCase

VPC = {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}}


def subnet(cidr: str, zone: str) -> dict:
    return {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": cidr, "AvailabilityZone": zone}}


SUBNET_GROUP = {
    "Type": "AWS::DMS::ReplicationSubnetGroup",
    "Properties": {"ReplicationSubnetGroupDescription": "wave 1", "SubnetIds": [{"Ref": "SubnetA"}, {"Ref": "SubnetB"}]},
}
INSTANCE = {
    "Type": "AWS::DMS::ReplicationInstance",
    "Properties": {
        "ReplicationInstanceClass": "dms.r6i.large",
        "AllocatedStorage": "100",
        "MultiAZ": "true",
        "PubliclyAccessible": "false",
        "EngineVersion": "3.5.4",
        "KmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/abc",
        "ReplicationSubnetGroupIdentifier": {"Ref": "SubnetGroup"},
    },
}


def endpoint(kind: str, engine: str) -> dict:
    return {
        "Type": "AWS::DMS::Endpoint",
        "Properties": {
            "EndpointType": kind,
            "EngineName": engine,
            "ServerName": f"{kind}.example.com",
            "Port": "5432",
            "DatabaseName": "app",
            "Username": "dms",
            "Password": "secret-password",
            "SslMode": "require",
        },
    }


TASK = {
    "Type": "AWS::DMS::ReplicationTask",
    "Properties": {
        "MigrationType": "full-load-and-cdc",
        "ReplicationInstanceArn": {"Ref": "Instance"},
        "SourceEndpointArn": {"Ref": "Source"},
        "TargetEndpointArn": {"Ref": "Target"},
        "TableMappings": json.dumps({"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "all", "object-locator": {"schema-name": "%", "table-name": "%"}, "rule-action": "include"}]}),
        "ReplicationTaskSettings": json.dumps({"ValidationSettings": {"EnableValidation": True}}),
    },
}
OUTPUTS = {
    "SubnetGroup": {"Value": {"Ref": "SubnetGroup"}},
    "Instance": {"Value": {"Ref": "Instance"}},
    "InstanceId": {"Value": {"Fn::GetAtt": ["Instance", "Id"]}},
    "Source": {"Value": {"Ref": "Source"}},
    "SourceArn": {"Value": {"Fn::GetAtt": ["Source", "EndpointArn"]}},
    "Task": {"Value": {"Ref": "Task"}},
    "TaskArn": {"Value": {"Fn::GetAtt": ["Task", "ReplicationTaskArn"]}},
}


class DmsTest(StackTestCase):
    def resources(self, task: dict | None = None) -> dict:
        return {
            "Vpc": VPC,
            "SubnetA": subnet("10.0.1.0/24", "us-east-1a"),
            "SubnetB": subnet("10.0.2.0/24", "us-east-1b"),
            "SubnetGroup": SUBNET_GROUP,
            "Instance": INSTANCE,
            "Source": endpoint("source", "postgres"),
            "Target": endpoint("target", "aurora-postgresql"),
            "Task": task or TASK,
        }

    def test_creates_each_resource_with_the_templates_properties(self) -> None:
        out = self.deploy(self.resources(), OUTPUTS)
        dms = self.client("dms")
        [group] = dms.describe_replication_subnet_groups()["ReplicationSubnetGroups"]
        self.assertEqual(group["ReplicationSubnetGroupIdentifier"], out["SubnetGroup"])
        [instance] = dms.describe_replication_instances()["ReplicationInstances"]
        self.assertEqual(instance["ReplicationInstanceClass"], "dms.r6i.large")
        self.assertEqual(instance["AllocatedStorage"], 100)
        self.assertIs(instance["MultiAZ"], True)
        self.assertIs(instance["PubliclyAccessible"], False)
        self.assertEqual(instance["KmsKeyId"], "arn:aws:kms:us-east-1:123456789012:key/abc")
        endpoints = {e["EndpointType"].lower(): e for e in dms.describe_endpoints()["Endpoints"]}
        self.assertEqual(endpoints["source"]["EngineName"], "postgres")
        self.assertEqual(endpoints["target"]["EngineName"], "aurora-postgresql")
        self.assertEqual(endpoints["source"]["SslMode"], "require")
        [task] = dms.describe_replication_tasks()["ReplicationTasks"]
        self.assertEqual(task["MigrationType"], "full-load-and-cdc")
        self.assertEqual(task["ReplicationInstanceArn"], out["Instance"])
        self.assertEqual(task["SourceEndpointArn"], out["Source"])
        self.assertTrue(json.loads(task["ReplicationTaskSettings"])["ValidationSettings"]["EnableValidation"])

    def test_ref_and_getatt_return_the_real_values(self) -> None:
        out = self.deploy(self.resources(), OUTPUTS)
        dms = self.client("dms")
        [instance] = dms.describe_replication_instances()["ReplicationInstances"]
        self.assertEqual(out["Instance"], instance["ReplicationInstanceArn"])
        self.assertEqual(out["InstanceId"], instance["ReplicationInstanceIdentifier"])
        source = next(e for e in dms.describe_endpoints()["Endpoints"] if e["EndpointArn"] == out["Source"])
        self.assertEqual(out["SourceArn"], source["EndpointArn"])
        [task] = dms.describe_replication_tasks()["ReplicationTasks"]
        self.assertEqual(out["Task"], task["ReplicationTaskArn"])
        self.assertEqual(out["TaskArn"], task["ReplicationTaskArn"])

    def test_timestamps_are_epoch_seconds_as_the_api_sends_them(self) -> None:
        from moto.dms.models import dms_backends
        from moto.core import DEFAULT_ACCOUNT_ID

        self.deploy(self.resources(), OUTPUTS)
        backend = dms_backends[DEFAULT_ACCOUNT_ID]["us-east-1"]
        [task] = backend.replication_tasks.values()
        [instance] = backend.replication_instances.values()
        self.assertIsInstance(task.to_dict()["ReplicationTaskCreationDate"], float)
        self.assertIsInstance(instance.to_dict()["InstanceCreateTime"], float)

    def test_an_update_replaces_the_task(self) -> None:
        self.deploy(self.resources(), OUTPUTS)
        changed = {**TASK, "Properties": {**TASK["Properties"], "MigrationType": "full-load"}}
        self.update(self.resources(changed), OUTPUTS)
        [task] = self.client("dms").describe_replication_tasks()["ReplicationTasks"]
        self.assertEqual(task["MigrationType"], "full-load")

    def test_deleting_the_stack_deletes_everything(self) -> None:
        self.deploy(self.resources(), OUTPUTS)
        self.destroy()
        dms = self.client("dms")
        self.assertEqual(dms.describe_replication_tasks()["ReplicationTasks"], [])
        self.assertEqual(dms.describe_endpoints()["Endpoints"], [])
        self.assertEqual(dms.describe_replication_instances()["ReplicationInstances"], [])
        self.assertEqual(dms.describe_replication_subnet_groups()["ReplicationSubnetGroups"], [])


if __name__ == "__main__":
    import unittest

    unittest.main()
