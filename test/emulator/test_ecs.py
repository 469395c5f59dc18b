from typing import Any

from support import StackTestCase


def with_props(resource: dict[str, Any], **props: Any) -> dict[str, Any]:
    return {**resource, "Properties": {**resource["Properties"], **props}}


def subnet(cidr: str, zone: str) -> dict[str, Any]:
    return {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": cidr, "AvailabilityZone": zone}}


ROLE = {
    "Type": "AWS::IAM::Role",
    "Properties": {
        "AssumeRolePolicyDocument": {
            "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]
        }
    },
}
BASE = {
    "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
    "SubnetA": subnet("10.0.0.0/24", "us-east-1a"),
    "SubnetB": subnet("10.0.1.0/24", "us-east-1b"),
    "Sg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "tasks", "VpcId": {"Ref": "Vpc"}}},
    "TaskRole": ROLE,
    "Targets": {
        "Type": "AWS::ElasticLoadBalancingV2::TargetGroup",
        "Properties": {"Port": 80, "Protocol": "HTTP", "TargetType": "ip", "VpcId": {"Ref": "Vpc"}},
    },
}
CLUSTER = {
    "Type": "AWS::ECS::Cluster",
    "Properties": {
        "ClusterSettings": [{"Name": "containerInsights", "Value": "enabled"}],
        "Tags": [{"Key": "team", "Value": "web"}],
    },
}
TASK = {
    "Type": "AWS::ECS::TaskDefinition",
    "Properties": {
        "Family": "web",
        "Cpu": "512",
        "Memory": 1024,
        "NetworkMode": "awsvpc",
        "RequiresCompatibilities": ["FARGATE"],
        "RuntimePlatform": {"CpuArchitecture": "X86_64", "OperatingSystemFamily": "LINUX"},
        "TaskRoleArn": {"Fn::GetAtt": ["TaskRole", "Arn"]},
        "ExecutionRoleArn": {"Fn::GetAtt": ["TaskRole", "Arn"]},
        "ContainerDefinitions": [
            {
                "Name": "app",
                "Image": "nginx",
                "Essential": "true",
                "PortMappings": [{"ContainerPort": "80", "Protocol": "tcp"}],
                "LinuxParameters": {"InitProcessEnabled": True},
                "LogConfiguration": {"LogDriver": "awslogs", "Options": {"awslogs-group": "g", "awslogs-stream-prefix": "app"}},
                "DockerLabels": {"Team": "web"},
            }
        ],
    },
}
SERVICE = {
    "Type": "AWS::ECS::Service",
    "Properties": {
        "Cluster": {"Ref": "Cluster"},
        "TaskDefinition": {"Ref": "Task"},
        "DesiredCount": "2",
        "LaunchType": "FARGATE",
        "PlatformVersion": "LATEST",
        "EnableExecuteCommand": "false",
        "EnableECSManagedTags": True,
        "PropagateTags": "SERVICE",
        "HealthCheckGracePeriodSeconds": "60",
        "AvailabilityZoneRebalancing": "ENABLED",
        "DeploymentController": {"Type": "ECS"},
        "DeploymentConfiguration": {
            "MaximumPercent": 200,
            "MinimumHealthyPercent": "100",
            "DeploymentCircuitBreaker": {"Enable": True, "Rollback": "true"},
            "Alarms": {"AlarmNames": ["web-5xx"], "Enable": True, "Rollback": True},
        },
        "LoadBalancers": [{"ContainerName": "app", "ContainerPort": 80, "TargetGroupArn": {"Ref": "Targets"}}],
        "NetworkConfiguration": {
            "AwsvpcConfiguration": {
                "AssignPublicIp": "DISABLED",
                "SecurityGroups": [{"Fn::GetAtt": ["Sg", "GroupId"]}],
                "Subnets": [{"Ref": "SubnetA"}, {"Ref": "SubnetB"}],
            }
        },
        "Tags": [{"Key": "team", "Value": "web"}],
    },
}
OUTPUTS = {
    "Cluster": {"Value": {"Ref": "Cluster"}},
    "ClusterArn": {"Value": {"Fn::GetAtt": ["Cluster", "Arn"]}},
    "Task": {"Value": {"Ref": "Task"}},
    "TaskArn": {"Value": {"Fn::GetAtt": ["Task", "TaskDefinitionArn"]}},
    "Service": {"Value": {"Ref": "Service"}},
    "ServiceName": {"Value": {"Fn::GetAtt": ["Service", "Name"]}},
    "ServiceArn": {"Value": {"Fn::GetAtt": ["Service", "ServiceArn"]}},
}


class EcsTestCase(StackTestCase):
    def stack(self, **changes: Any) -> dict[str, Any]:
        return {**BASE, "Cluster": CLUSTER, "Task": TASK, "Service": SERVICE, **changes}

    def test_creates_the_cluster_with_its_settings_and_tags(self) -> None:
        out = self.deploy(self.stack(), OUTPUTS)
        [cluster] = self.client("ecs").describe_clusters(clusters=[out["Cluster"]], include=["SETTINGS", "TAGS"])["clusters"]
        self.assertEqual(cluster["clusterArn"], out["ClusterArn"])
        self.assertEqual(cluster["clusterName"], out["Cluster"])
        self.assertEqual(cluster["settings"], [{"name": "containerInsights", "value": "enabled"}])
        self.assertEqual(cluster["tags"], [{"key": "team", "value": "web"}])

    def test_registers_the_task_definition_with_its_size_network_and_roles(self) -> None:
        out = self.deploy(self.stack(), OUTPUTS)
        self.assertEqual(out["Task"], out["TaskArn"])
        task = self.client("ecs").describe_task_definition(taskDefinition=out["Task"])["taskDefinition"]
        self.assertEqual(task["family"], "web")
        self.assertEqual((task["cpu"], task["memory"]), ("512", "1024"))
        self.assertEqual(task["networkMode"], "awsvpc")
        self.assertEqual(task["requiresCompatibilities"], ["FARGATE"])
        self.assertEqual(task["runtimePlatform"], {"cpuArchitecture": "X86_64", "operatingSystemFamily": "LINUX"})
        role = self.client("iam").get_role(RoleName=self.physical_id("TaskRole"))["Role"]["Arn"]
        self.assertEqual((task["taskRoleArn"], task["executionRoleArn"]), (role, role))
        [container] = task["containerDefinitions"]
        self.assertTrue(container["essential"])
        self.assertEqual(container["portMappings"], [{"containerPort": 80, "protocol": "tcp"}])
        self.assertEqual(container["logConfiguration"]["options"], {"awslogs-group": "g", "awslogs-stream-prefix": "app"})
        self.assertEqual(container["dockerLabels"], {"Team": "web"})
        self.assertTrue(container["linuxParameters"]["initProcessEnabled"])

    def test_creates_the_service_with_its_network_load_balancer_and_deployment_configuration(self) -> None:
        out = self.deploy(self.stack(), OUTPUTS)
        self.assertEqual(out["Service"], out["ServiceArn"])
        [service] = self.client("ecs").describe_services(cluster=out["Cluster"], services=[out["ServiceName"]], include=["TAGS"])["services"]
        self.assertEqual(service["serviceArn"], out["Service"])
        self.assertEqual(service["taskDefinition"], out["Task"])
        self.assertEqual((service["desiredCount"], service["launchType"], service["platformVersion"]), (2, "FARGATE", "LATEST"))
        self.assertEqual(service["loadBalancers"], [{"containerName": "app", "containerPort": 80, "targetGroupArn": self.physical_id("Targets")}])
        vpc = service["networkConfiguration"]["awsvpcConfiguration"]
        self.assertEqual(vpc["assignPublicIp"], "DISABLED")
        self.assertEqual(vpc["securityGroups"], [self.physical_id("Sg")])
        self.assertEqual(vpc["subnets"], [self.physical_id("SubnetA"), self.physical_id("SubnetB")])
        deployment = service["deploymentConfiguration"]
        self.assertEqual((deployment["maximumPercent"], deployment["minimumHealthyPercent"]), (200, 100))
        self.assertEqual(deployment["deploymentCircuitBreaker"], {"enable": True, "rollback": True})
        self.assertEqual(deployment["alarms"], {"alarmNames": ["web-5xx"], "enable": True, "rollback": True})
        self.assertFalse(service["enableExecuteCommand"])
        self.assertTrue(service["enableECSManagedTags"])
        self.assertEqual(service["propagateTags"], "SERVICE")
        self.assertEqual(service["healthCheckGracePeriodSeconds"], 60)
        self.assertEqual(service["availabilityZoneRebalancing"], "ENABLED")
        self.assertEqual(service["tags"], [{"key": "team", "value": "web"}])

    def test_updates_the_service_in_place_and_the_task_definition_by_a_new_revision(self) -> None:
        out = self.deploy(self.stack(), OUTPUTS)
        task = with_props(TASK, Memory="2048")
        service = with_props(
            SERVICE,
            DesiredCount=3,
            EnableExecuteCommand=True,
            DeploymentConfiguration={"MaximumPercent": 150, "MinimumHealthyPercent": 50},
        )
        after = self.update(self.stack(Task=task, Service=service), OUTPUTS)
        self.assertEqual(after["Service"], out["Service"])
        self.assertTrue(after["Task"].endswith("web:2"), after["Task"])
        ecs = self.client("ecs")
        [svc] = ecs.describe_services(cluster=out["Cluster"], services=[out["ServiceName"]])["services"]
        self.assertEqual((svc["desiredCount"], svc["taskDefinition"]), (3, after["Task"]))
        self.assertTrue(svc["enableExecuteCommand"])
        self.assertEqual(svc["deploymentConfiguration"]["maximumPercent"], 150)
        self.assertEqual(ecs.describe_task_definition(taskDefinition=out["Task"])["taskDefinition"]["status"], "INACTIVE")
        self.assertEqual(ecs.describe_task_definition(taskDefinition=after["Task"])["taskDefinition"]["memory"], "2048")

    def test_a_family_is_generated_when_the_template_has_none(self) -> None:
        task = {**TASK, "Properties": {k: v for k, v in TASK["Properties"].items() if k != "Family"}}
        out = self.deploy({**BASE, "Task": task}, {"Task": {"Value": {"Ref": "Task"}}})
        family = self.client("ecs").describe_task_definition(taskDefinition=out["Task"])["taskDefinition"]["family"]
        self.assertTrue(family.startswith("s-Task-"), family)

    def test_deleting_the_stack_deletes_them_all(self) -> None:
        out = self.deploy(self.stack(), OUTPUTS)
        self.destroy()
        ecs = self.client("ecs")
        [cluster] = ecs.describe_clusters(clusters=[out["Cluster"]])["clusters"]
        self.assertEqual(cluster["status"], "INACTIVE")
        [service] = ecs.describe_services(cluster=out["Cluster"], services=[out["ServiceName"]])["services"]
        self.assertEqual(service["status"], "INACTIVE")
        self.assertEqual(ecs.list_task_definitions(status="ACTIVE")["taskDefinitionArns"], [])
        [stack] = self.cfn.list_stacks()["StackSummaries"]
        self.assertEqual(stack["StackStatus"], "DELETE_COMPLETE")


if __name__ == "__main__":
    import unittest

    unittest.main()
