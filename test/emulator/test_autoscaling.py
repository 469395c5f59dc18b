from typing import Any

from support import StackTestCase, amazon_image_id


def with_props(resource: dict[str, Any], **props: Any) -> dict[str, Any]:
    return {**resource, "Properties": {**resource["Properties"], **props}}


def subnet(cidr: str, zone: str) -> dict[str, Any]:
    return {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": cidr, "AvailabilityZone": zone}}


GROUP = {
    "Type": "AWS::AutoScaling::AutoScalingGroup",
    "Properties": {
        "AutoScalingGroupName": "web",
        "MinSize": "2",
        "MaxSize": "6",
        "Cooldown": "120",
        "HealthCheckType": "ELB",
        "HealthCheckGracePeriod": 180,
        "CapacityRebalance": "true",
        "LaunchTemplate": {"LaunchTemplateId": {"Ref": "Template"}, "Version": {"Fn::GetAtt": ["Template", "LatestVersionNumber"]}},
        "VPCZoneIdentifier": [{"Ref": "SubnetA"}, {"Ref": "SubnetB"}],
        "TargetGroupARNs": [{"Ref": "Targets"}],
        "Tags": [
            {"Key": "release", "Value": "r1", "PropagateAtLaunch": "true"},
            {"Key": "team", "Value": "web", "PropagateAtLaunch": "false"},
        ],
        "LifecycleHookSpecificationList": [
            {
                "LifecycleHookName": "bootstrap",
                "LifecycleTransition": "autoscaling:EC2_INSTANCE_LAUNCHING",
                "HeartbeatTimeout": "900",
                "DefaultResult": "ABANDON",
            }
        ],
        "MetricsCollection": [{"Granularity": "1Minute"}],
        # Not stored by moto's backend: accepted and ignored.
        "MaxInstanceLifetime": 604800,
        "DefaultInstanceWarmup": 300,
    },
}
TRACKING = {
    "Type": "AWS::AutoScaling::ScalingPolicy",
    "Properties": {
        "AutoScalingGroupName": {"Ref": "Group"},
        "PolicyType": "TargetTrackingScaling",
        "TargetTrackingConfiguration": {
            "PredefinedMetricSpecification": {"PredefinedMetricType": "ASGAverageCPUUtilization"},
            "TargetValue": "50",
            "DisableScaleIn": "false",
        },
    },
}
STEP = {
    "Type": "AWS::AutoScaling::ScalingPolicy",
    "Properties": {
        "AutoScalingGroupName": {"Ref": "Group"},
        "PolicyType": "StepScaling",
        "AdjustmentType": "ChangeInCapacity",
        "MetricAggregationType": "Average",
        "EstimatedInstanceWarmup": "60",
        "StepAdjustments": [
            {"MetricIntervalLowerBound": "0", "MetricIntervalUpperBound": 20, "ScalingAdjustment": "1"},
            {"MetricIntervalLowerBound": 20, "ScalingAdjustment": 2},
        ],
    },
}


class AutoScalingTestCase(StackTestCase):
    def setUp(self) -> None:
        super().setUp()
        image = amazon_image_id()
        self.base = {
            "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
            "SubnetA": subnet("10.0.0.0/24", "us-east-1a"),
            "SubnetB": subnet("10.0.1.0/24", "us-east-1b"),
            "Template": {
                "Type": "AWS::EC2::LaunchTemplate",
                "Properties": {"LaunchTemplateData": {"ImageId": image, "InstanceType": "t3.micro"}},
            },
            "Targets": {
                "Type": "AWS::ElasticLoadBalancingV2::TargetGroup",
                "Properties": {"VpcId": {"Ref": "Vpc"}, "Port": 80, "Protocol": "HTTP"},
            },
        }

    def group(self) -> dict[str, Any]:
        [group] = self.client("autoscaling").describe_auto_scaling_groups(AutoScalingGroupNames=["web"])["AutoScalingGroups"]
        return dict(group)


class AutoScalingGroupTest(AutoScalingTestCase):
    def test_creates_the_group_with_its_hooks_metrics_and_tags(self) -> None:
        out = self.deploy({**self.base, "Group": GROUP}, {"Name": {"Value": {"Ref": "Group"}}})
        self.assertEqual(out["Name"], "web")
        group = self.group()
        self.assertEqual((group["MinSize"], group["MaxSize"], group["DesiredCapacity"]), (2, 6, 2))
        self.assertEqual(len(group["Instances"]), 2)
        self.assertEqual(group["DefaultCooldown"], 120)
        self.assertEqual(group["HealthCheckType"], "ELB")
        self.assertEqual(group["HealthCheckGracePeriod"], 180)
        self.assertIs(group["CapacityRebalance"], True)
        self.assertEqual(group["TargetGroupARNs"], [self.physical_id("Targets")])
        self.assertEqual(sorted(z for z in group["AvailabilityZones"]), ["us-east-1a", "us-east-1b"])
        tags = {t["Key"]: t["PropagateAtLaunch"] for t in group["Tags"]}
        self.assertEqual(tags, {"release": True, "team": False})
        # MetricsCollection without Metrics enables every group metric, as EnableMetricsCollection does.
        metrics = {m["Metric"] for m in group["EnabledMetrics"]}
        self.assertIn("GroupInServiceInstances", metrics)
        self.assertEqual({m["Granularity"] for m in group["EnabledMetrics"]}, {"1Minute"})
        [hook] = self.client("autoscaling").describe_lifecycle_hooks(AutoScalingGroupName="web")["LifecycleHooks"]
        self.assertEqual(hook["LifecycleHookName"], "bootstrap")
        self.assertEqual(hook["LifecycleTransition"], "autoscaling:EC2_INSTANCE_LAUNCHING")
        self.assertEqual((hook["HeartbeatTimeout"], hook["DefaultResult"]), (900, "ABANDON"))
        # The instances carry the tags that propagate at launch, and not the others.
        [reservation] = self.client("ec2").describe_instances(InstanceIds=[i["InstanceId"] for i in group["Instances"]])["Reservations"]
        instance_tags = {t["Key"]: t["Value"] for t in reservation["Instances"][0]["Tags"]}
        self.assertEqual(instance_tags.get("release"), "r1")
        self.assertNotIn("team", instance_tags)

    def test_updates_the_group_in_place(self) -> None:
        self.deploy({**self.base, "Group": GROUP})
        before = {i["InstanceId"] for i in self.group()["Instances"]}
        changed = with_props(
            GROUP,
            MaxSize="8",
            HealthCheckGracePeriod=300,
            LifecycleHookSpecificationList=[],
            MetricsCollection=[{"Granularity": "1Minute", "Metrics": ["GroupDesiredCapacity"]}],
            Tags=[{"Key": "release", "Value": "r2", "PropagateAtLaunch": True}],
        )
        self.update({**self.base, "Group": changed})
        group = self.group()
        self.assertEqual((group["MaxSize"], group["HealthCheckGracePeriod"]), (8, 300))
        self.assertEqual({i["InstanceId"] for i in group["Instances"]}, before, "the group was replaced")
        self.assertEqual([(t["Key"], t["Value"]) for t in group["Tags"]], [("release", "r2")])
        self.assertEqual([m["Metric"] for m in group["EnabledMetrics"]], ["GroupDesiredCapacity"])
        self.assertEqual(self.client("autoscaling").describe_lifecycle_hooks(AutoScalingGroupName="web")["LifecycleHooks"], [])

    def test_a_new_launch_template_version_updates_the_group(self) -> None:
        self.deploy({**self.base, "Group": GROUP})
        template = self.base["Template"]
        data = {**template["Properties"]["LaunchTemplateData"], "InstanceType": "t3.small"}
        # moto's stack update only updates resources whose own template changed, not those whose
        # Fn::GetAtt values did (LatestVersionNumber here), so the group names the version itself.
        version = {"LaunchTemplateId": {"Ref": "Template"}, "Version": "2"}
        self.update(
            {**self.base, "Template": {**template, "Properties": {"LaunchTemplateData": data}}, "Group": with_props(GROUP, LaunchTemplate=version)}
        )
        group = self.group()
        self.assertEqual(group["LaunchTemplate"]["LaunchTemplateId"], self.physical_id("Template"))
        self.assertEqual(group["LaunchTemplate"]["Version"], "2")
        # moto has no instance refresh: the nodes stay as they were.
        self.assertEqual(len(group["Instances"]), 2)

    def test_creates_a_group_with_a_mixed_instances_policy(self) -> None:
        mixed = {k: v for k, v in GROUP["Properties"].items() if k != "LaunchTemplate"}
        mixed["MixedInstancesPolicy"] = {
            "LaunchTemplate": {
                "LaunchTemplateSpecification": {
                    "LaunchTemplateId": {"Ref": "Template"},
                    "Version": {"Fn::GetAtt": ["Template", "LatestVersionNumber"]},
                },
                "Overrides": [{"InstanceType": "m6i.large", "WeightedCapacity": 1}, {"InstanceType": "m5.large"}],
            },
            "InstancesDistribution": {"OnDemandBaseCapacity": "1", "OnDemandPercentageAboveBaseCapacity": "100"},
        }
        self.deploy({**self.base, "Group": {**GROUP, "Properties": mixed}})
        group = self.group()
        policy = group["MixedInstancesPolicy"]
        self.assertEqual(policy["LaunchTemplate"]["LaunchTemplateSpecification"]["LaunchTemplateId"], self.physical_id("Template"))
        self.assertEqual([o["InstanceType"] for o in policy["LaunchTemplate"]["Overrides"]], ["m6i.large", "m5.large"])
        self.assertEqual(policy["InstancesDistribution"]["OnDemandBaseCapacity"], 1)
        self.assertEqual(len(group["Instances"]), 2)

    def test_deleting_the_stack_deletes_the_group_its_hooks_and_policies_and_terminates_its_instances(self) -> None:
        self.deploy({**self.base, "Group": GROUP, "Tracking": TRACKING})
        instances = [i["InstanceId"] for i in self.group()["Instances"]]
        self.destroy()
        autoscaling = self.client("autoscaling")
        self.assertEqual(autoscaling.describe_auto_scaling_groups()["AutoScalingGroups"], [])
        self.assertEqual(autoscaling.describe_lifecycle_hooks(AutoScalingGroupName="web")["LifecycleHooks"], [])
        self.assertEqual(autoscaling.describe_policies()["ScalingPolicies"], [])
        [reservation] = self.client("ec2").describe_instances(InstanceIds=instances)["Reservations"]
        self.assertEqual({i["State"]["Name"] for i in reservation["Instances"]}, {"terminated"})

    def test_deletes_the_group_after_its_target_group(self) -> None:
        # moto's stack delete does not follow dependencies: the target group may go first.
        self.deploy({**self.base, "Group": GROUP})
        self.client("elbv2").delete_target_group(TargetGroupArn=self.physical_id("Targets"))
        self.cfn.delete_stack(StackName="s")
        self.assertEqual(self.client("autoscaling").describe_auto_scaling_groups()["AutoScalingGroups"], [])


class ScalingPolicyTest(AutoScalingTestCase):
    def test_puts_a_target_tracking_policy_on_the_group(self) -> None:
        out = self.deploy(
            {**self.base, "Group": GROUP, "Tracking": TRACKING},
            {
                "Ref": {"Value": {"Ref": "Tracking"}},
                "Arn": {"Value": {"Fn::GetAtt": ["Tracking", "Arn"]}},
                "PolicyName": {"Value": {"Fn::GetAtt": ["Tracking", "PolicyName"]}},
            },
        )
        [policy] = self.client("autoscaling").describe_policies(AutoScalingGroupName="web")["ScalingPolicies"]
        self.assertEqual(policy["PolicyType"], "TargetTrackingScaling")
        config = policy["TargetTrackingConfiguration"]
        self.assertEqual(config["PredefinedMetricSpecification"], {"PredefinedMetricType": "ASGAverageCPUUtilization"})
        self.assertEqual(config["TargetValue"], 50.0)
        self.assertIs(config["DisableScaleIn"], False)
        # Ref and Arn are the policy ARN; the name is CloudFormation's, after the stack and logical id.
        self.assertEqual(out["Ref"], policy["PolicyARN"])
        self.assertEqual(out["Arn"], policy["PolicyARN"])
        self.assertEqual(out["PolicyName"], policy["PolicyName"])
        self.assertIn("Tracking", policy["PolicyName"])

    def test_puts_a_step_scaling_policy_on_the_group(self) -> None:
        self.deploy({**self.base, "Group": GROUP, "Step": STEP})
        [policy] = self.client("autoscaling").describe_policies(AutoScalingGroupName="web")["ScalingPolicies"]
        self.assertEqual(policy["PolicyType"], "StepScaling")
        self.assertEqual((policy["AdjustmentType"], policy["MetricAggregationType"]), ("ChangeInCapacity", "Average"))
        self.assertEqual(policy["EstimatedInstanceWarmup"], 60)
        self.assertEqual(
            policy["StepAdjustments"],
            [
                {"MetricIntervalLowerBound": 0.0, "MetricIntervalUpperBound": 20.0, "ScalingAdjustment": 1},
                {"MetricIntervalLowerBound": 20.0, "ScalingAdjustment": 2},
            ],
        )

    def test_updates_the_policy_in_place(self) -> None:
        out = self.deploy({**self.base, "Group": GROUP, "Tracking": TRACKING}, {"Ref": {"Value": {"Ref": "Tracking"}}})
        config = {**TRACKING["Properties"]["TargetTrackingConfiguration"], "TargetValue": 65}
        after = self.update(
            {**self.base, "Group": GROUP, "Tracking": with_props(TRACKING, TargetTrackingConfiguration=config)},
            {"Ref": {"Value": {"Ref": "Tracking"}}},
        )
        self.assertEqual(after["Ref"], out["Ref"])
        [policy] = self.client("autoscaling").describe_policies(AutoScalingGroupName="web")["ScalingPolicies"]
        self.assertEqual(policy["TargetTrackingConfiguration"]["TargetValue"], 65.0)

    def test_removing_the_policy_deletes_it(self) -> None:
        self.deploy({**self.base, "Group": GROUP, "Tracking": TRACKING})
        self.update({**self.base, "Group": GROUP})
        self.assertEqual(self.client("autoscaling").describe_policies()["ScalingPolicies"], [])
        self.assertEqual(len(self.group()["Instances"]), 2)


if __name__ == "__main__":
    import unittest

    unittest.main()
