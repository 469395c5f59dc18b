from typing import Any

from support import StackTestCase

ASSUME_EC2 = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
NETWORK = {
    "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
    "Subnet": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.0.0.0/24"}},
    "Sg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "batch", "VpcId": {"Ref": "Vpc"}}},
    "InstanceRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": ASSUME_EC2}},
    "Profile": {"Type": "AWS::IAM::InstanceProfile", "Properties": {"Roles": [{"Ref": "InstanceRole"}]}},
}


def environment(**props: Any) -> dict:
    return {
        "Type": "AWS::Batch::ComputeEnvironment",
        "Properties": {
            "Type": "MANAGED",
            "State": "ENABLED",
            "ComputeResources": {
                "Type": "SPOT",
                "AllocationStrategy": "SPOT_PRICE_CAPACITY_OPTIMIZED",
                "InstanceRole": {"Fn::GetAtt": ["Profile", "Arn"]},
                "InstanceTypes": ["m6i", "c6i"],
                "MinvCpus": 0,
                "MaxvCpus": 256,
                "SecurityGroupIds": [{"Fn::GetAtt": ["Sg", "GroupId"]}],
                "Subnets": [{"Ref": "Subnet"}],
                "Tags": {"Name": "spot", "oar:capacity": "spot"},
            },
            **props,
        },
    }


QUEUE = {
    "Type": "AWS::Batch::JobQueue",
    "Properties": {
        "Priority": 1,
        "State": "ENABLED",
        "ComputeEnvironmentOrder": [{"ComputeEnvironment": {"Fn::GetAtt": ["Env", "ComputeEnvironmentArn"]}, "Order": 1}],
    },
}
JOB = {
    "Type": "AWS::Batch::JobDefinition",
    "Properties": {
        "Type": "container",
        "PlatformCapabilities": ["EC2"],
        "PropagateTags": True,
        "Timeout": {"AttemptDurationSeconds": 3600},
        "RetryStrategy": {"Attempts": 3, "EvaluateOnExit": [{"Action": "RETRY", "OnStatusReason": "Host EC2*"}, {"Action": "EXIT", "OnReason": "*"}]},
        "Parameters": {"inputUri": "s3://b/in"},
        "ContainerProperties": {
            "Image": "public.ecr.aws/aws-cli/aws-cli:2",
            "Command": ["s3", "cp", "Ref::inputUri", "-"],
            "ResourceRequirements": [{"Type": "VCPU", "Value": "1"}, {"Type": "MEMORY", "Value": "2048"}],
        },
    },
}
ALL = {**NETWORK, "Env": environment(), "Queue": QUEUE, "Job": JOB}
OUTPUTS = {
    "Env": {"Value": {"Ref": "Env"}},
    "EnvArn": {"Value": {"Fn::GetAtt": ["Env", "ComputeEnvironmentArn"]}},
    "Queue": {"Value": {"Ref": "Queue"}},
    "QueueArn": {"Value": {"Fn::GetAtt": ["Queue", "JobQueueArn"]}},
    "Job": {"Value": {"Ref": "Job"}},
}


class BatchTest(StackTestCase):
    def test_creates_environment_queue_and_job_definition_with_the_templates_properties(self) -> None:
        out = self.deploy(ALL, OUTPUTS)
        batch = self.client("batch")
        [env] = batch.describe_compute_environments(computeEnvironments=[out["Env"]])["computeEnvironments"]
        self.assertEqual(out["EnvArn"], env["computeEnvironmentArn"])
        self.assertEqual((env["type"], env["state"]), ("MANAGED", "ENABLED"))
        resources = env["computeResources"]
        self.assertEqual((resources["type"], resources["maxvCpus"], resources["minvCpus"]), ("SPOT", 256, 0))
        self.assertEqual(resources["allocationStrategy"], "SPOT_PRICE_CAPACITY_OPTIMIZED")
        self.assertEqual(resources["subnets"], [self.physical_id("Subnet")])
        self.assertEqual(resources["tags"], {"Name": "spot", "oar:capacity": "spot"})
        # Without a ServiceRole, AWS Batch uses its service-linked role.
        self.assertEqual(env["serviceRole"], "arn:aws:iam::123456789012:role/aws-service-role/batch.amazonaws.com/AWSServiceRoleForBatch")
        [queue] = batch.describe_job_queues(jobQueues=[out["Queue"]])["jobQueues"]
        self.assertEqual(out["QueueArn"], queue["jobQueueArn"])
        self.assertEqual(queue["computeEnvironmentOrder"], [{"computeEnvironment": out["EnvArn"], "order": 1}])
        [job] = batch.describe_job_definitions(jobDefinitions=[out["Job"]])["jobDefinitions"]
        self.assertEqual(job["timeout"], {"attemptDurationSeconds": 3600})
        self.assertEqual(job["platformCapabilities"], ["EC2"])
        self.assertTrue(job["propagateTags"])
        self.assertEqual(job["retryStrategy"]["attempts"], 3)
        self.assertEqual(job["containerProperties"]["resourceRequirements"], [{"type": "VCPU", "value": "1"}, {"type": "MEMORY", "value": "2048"}])
        self.assertEqual(job["parameters"], {"inputUri": "s3://b/in"})

    def test_updates_state_and_priority_in_place_and_replaces_on_new_resources(self) -> None:
        out = self.deploy(ALL, OUTPUTS)
        disabled = environment(State="DISABLED")
        self.update({**ALL, "Env": disabled, "Queue": {**QUEUE, "Properties": {**QUEUE["Properties"], "Priority": 5}}}, OUTPUTS)
        batch = self.client("batch")
        [env] = batch.describe_compute_environments(computeEnvironments=[out["Env"]])["computeEnvironments"]
        self.assertEqual(env["state"], "DISABLED")
        [queue] = batch.describe_job_queues(jobQueues=[out["Queue"]])["jobQueues"]
        self.assertEqual(queue["priority"], 5)
        bigger = environment(State="DISABLED")
        bigger["Properties"]["ComputeResources"]["MaxvCpus"] = 512
        self.update({**ALL, "Env": bigger, "Queue": {**QUEUE, "Properties": {**QUEUE["Properties"], "Priority": 5}}}, OUTPUTS)
        envs = batch.describe_compute_environments()["computeEnvironments"]
        self.assertEqual([e["computeResources"]["maxvCpus"] for e in envs], [512])
        self.assertNotEqual(envs[0]["computeEnvironmentArn"], out["EnvArn"])

    def test_a_changed_job_definition_is_a_new_revision_and_the_old_one_is_deregistered(self) -> None:
        out = self.deploy(ALL, OUTPUTS)
        changed = {**JOB, "Properties": {**JOB["Properties"], "Timeout": {"AttemptDurationSeconds": 60}}}
        new = self.update({**ALL, "Job": changed}, OUTPUTS)["Job"]
        self.assertNotEqual(new, out["Job"])
        defs = {d["jobDefinitionArn"]: d for d in self.client("batch").describe_job_definitions()["jobDefinitions"]}
        self.assertEqual(defs[out["Job"]]["status"], "INACTIVE")
        self.assertEqual(defs[new]["status"], "ACTIVE")

    def test_deleting_the_stack_deletes_environment_cluster_and_queue_and_deregisters_the_job_definition(self) -> None:
        out = self.deploy(ALL, OUTPUTS)
        self.destroy()
        batch = self.client("batch")
        self.assertEqual(batch.describe_compute_environments()["computeEnvironments"], [])
        self.assertEqual(batch.describe_job_queues()["jobQueues"], [])
        self.assertEqual([d["status"] for d in batch.describe_job_definitions(jobDefinitions=[out["Job"]])["jobDefinitions"]], ["INACTIVE"])
        # The ECS cluster moto makes for the environment is deleted: ECS lists it INACTIVE for a while, as AWS does.
        ecs = self.client("ecs")
        clusters = ecs.describe_clusters(clusters=ecs.list_clusters()["clusterArns"])["clusters"]
        self.assertEqual([c["status"] for c in clusters], ["INACTIVE"])
        [stack] = self.cfn.list_stacks()["StackSummaries"]
        self.assertEqual(stack["StackStatus"], "DELETE_COMPLETE")


if __name__ == "__main__":
    import unittest

    unittest.main()
