from typing import Any

from support import StackTestCase

TABLE = {
    "Type": "AWS::DynamoDB::Table",
    "Properties": {
        "TableName": "orders",
        "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
        "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
        "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
    },
}
TARGET = {
    "Type": "AWS::ApplicationAutoScaling::ScalableTarget",
    "DependsOn": ["Table"],
    "Properties": {
        "ServiceNamespace": "dynamodb",
        "ResourceId": "table/orders",
        "ScalableDimension": "dynamodb:table:ReadCapacityUnits",
        "MinCapacity": "5",  # as CloudFormation may pass it
        "MaxCapacity": 50,
        "RoleARN": "arn:aws:iam::123456789012:role/scaling",
        "ScheduledActions": [
            {
                "ScheduledActionName": "night",
                "Schedule": "cron(0 22 * * ? *)",
                "Timezone": "Europe/Paris",
                "ScalableTargetAction": {"MinCapacity": 1, "MaxCapacity": "10"},
            }
        ],
    },
}
TRACKING = {
    "Type": "AWS::ApplicationAutoScaling::ScalingPolicy",
    "Properties": {
        "PolicyName": "reads",
        "PolicyType": "TargetTrackingScaling",
        "ScalingTargetId": {"Ref": "Target"},
        "TargetTrackingScalingPolicyConfiguration": {
            "PredefinedMetricSpecification": {"PredefinedMetricType": "DynamoDBReadCapacityUtilization"},
            "TargetValue": "70",
            "ScaleInCooldown": 300,
            "ScaleOutCooldown": "60",
            "DisableScaleIn": "false",
        },
    },
}
OUTPUTS = {
    "TargetRef": {"Value": {"Ref": "Target"}},
    "TargetId": {"Value": {"Fn::GetAtt": ["Target", "Id"]}},
    "PolicyRef": {"Value": {"Ref": "Tracking"}},
    "PolicyArn": {"Value": {"Fn::GetAtt": ["Tracking", "Arn"]}},
}


def with_props(resource: dict[str, Any], **props: Any) -> dict[str, Any]:
    return {**resource, "Properties": {**resource["Properties"], **props}}


class ScalableTargetTest(StackTestCase):
    def test_registers_the_target_with_the_templates_capacity_role_and_schedule(self) -> None:
        out = self.deploy({"Table": TABLE, "Target": TARGET}, {k: OUTPUTS[k] for k in ("TargetRef", "TargetId")})
        scaling = self.client("application-autoscaling")
        [target] = scaling.describe_scalable_targets(ServiceNamespace="dynamodb")["ScalableTargets"]
        self.assertEqual(target["ResourceId"], "table/orders")
        self.assertEqual(target["ScalableDimension"], "dynamodb:table:ReadCapacityUnits")
        self.assertEqual((target["MinCapacity"], target["MaxCapacity"]), (5, 50))
        self.assertEqual(target["RoleARN"], "arn:aws:iam::123456789012:role/scaling")
        # Ref and Id are what CloudFormation returns: resource id|dimension|namespace
        self.assertEqual(out["TargetRef"], "table/orders|dynamodb:table:ReadCapacityUnits|dynamodb")
        self.assertEqual(out["TargetId"], out["TargetRef"])
        [action] = scaling.describe_scheduled_actions(ServiceNamespace="dynamodb")["ScheduledActions"]
        self.assertEqual(action["ScheduledActionName"], "night")
        self.assertEqual(action["Schedule"], "cron(0 22 * * ? *)")
        self.assertEqual(action["Timezone"], "Europe/Paris")
        self.assertEqual(action["ScalableTargetAction"], {"MinCapacity": 1, "MaxCapacity": 10})

    def test_updates_capacity_in_place_and_drops_a_removed_scheduled_action(self) -> None:
        self.deploy({"Table": TABLE, "Target": TARGET})
        self.update({"Table": TABLE, "Target": with_props(TARGET, MaxCapacity=80, ScheduledActions=[])})
        scaling = self.client("application-autoscaling")
        [target] = scaling.describe_scalable_targets(ServiceNamespace="dynamodb")["ScalableTargets"]
        self.assertEqual((target["MinCapacity"], target["MaxCapacity"]), (5, 80))
        self.assertEqual(scaling.describe_scheduled_actions(ServiceNamespace="dynamodb")["ScheduledActions"], [])

    def test_a_new_resource_id_replaces_the_target(self) -> None:
        other = with_props(TABLE, TableName="invoices")
        self.deploy({"Table": TABLE, "Other": other, "Target": TARGET})
        moved = with_props(TARGET, ResourceId="table/invoices", ScheduledActions=[])
        out = self.update({"Table": TABLE, "Other": other, "Target": moved}, {"Ref": {"Value": {"Ref": "Target"}}})
        self.assertEqual(out["Ref"], "table/invoices|dynamodb:table:ReadCapacityUnits|dynamodb")
        targets = self.client("application-autoscaling").describe_scalable_targets(ServiceNamespace="dynamodb")["ScalableTargets"]
        self.assertEqual([t["ResourceId"] for t in targets], ["table/invoices"])

    def test_deleting_the_stack_deregisters_the_target_with_its_schedule(self) -> None:
        self.deploy({"Table": TABLE, "Target": TARGET})
        self.destroy()
        scaling = self.client("application-autoscaling")
        self.assertEqual(scaling.describe_scalable_targets(ServiceNamespace="dynamodb")["ScalableTargets"], [])
        self.assertEqual(scaling.describe_scheduled_actions(ServiceNamespace="dynamodb")["ScheduledActions"], [])


class ScalingPolicyTest(StackTestCase):
    def test_puts_a_target_tracking_policy_on_the_target_its_scaling_target_id_names(self) -> None:
        out = self.deploy({"Table": TABLE, "Target": TARGET, "Tracking": TRACKING}, OUTPUTS)
        scaling = self.client("application-autoscaling")
        [policy] = scaling.describe_scaling_policies(ServiceNamespace="dynamodb")["ScalingPolicies"]
        self.assertEqual(policy["PolicyName"], "reads")
        self.assertEqual(policy["ResourceId"], "table/orders")
        self.assertEqual(policy["ScalableDimension"], "dynamodb:table:ReadCapacityUnits")
        self.assertEqual(policy["PolicyType"], "TargetTrackingScaling")
        config = policy["TargetTrackingScalingPolicyConfiguration"]
        self.assertEqual(config["PredefinedMetricSpecification"], {"PredefinedMetricType": "DynamoDBReadCapacityUtilization"})
        self.assertEqual((config["TargetValue"], config["ScaleInCooldown"], config["ScaleOutCooldown"]), (70.0, 300, 60))
        self.assertIs(config["DisableScaleIn"], False)
        self.assertEqual(out["PolicyRef"], policy["PolicyARN"])
        self.assertEqual(out["PolicyArn"], policy["PolicyARN"])
        # Target tracking makes its CloudWatch alarms, as the service does.
        self.assertTrue(policy["Alarms"])
        self.assertEqual(len(self.client("cloudwatch").describe_alarms()["MetricAlarms"]), len(policy["Alarms"]))

    def test_puts_a_step_scaling_policy_on_an_ecs_service(self) -> None:
        resources = {
            "Cluster": {"Type": "AWS::ECS::Cluster", "Properties": {"ClusterName": "web"}},
            "Task": {
                "Type": "AWS::ECS::TaskDefinition",
                "Properties": {"Family": "app", "ContainerDefinitions": [{"Name": "app", "Image": "nginx", "Memory": 512}]},
            },
            "Service": {
                "Type": "AWS::ECS::Service",
                "Properties": {"ServiceName": "app", "Cluster": {"Ref": "Cluster"}, "TaskDefinition": {"Ref": "Task"}, "DesiredCount": 2},
            },
            "Target": {
                "Type": "AWS::ApplicationAutoScaling::ScalableTarget",
                "Properties": {
                    "ServiceNamespace": "ecs",
                    "ResourceId": {"Fn::Join": ["/", ["service", {"Ref": "Cluster"}, {"Fn::GetAtt": ["Service", "Name"]}]]},
                    "ScalableDimension": "ecs:service:DesiredCount",
                    "MinCapacity": 2,
                    "MaxCapacity": 10,
                },
            },
            "Step": {
                "Type": "AWS::ApplicationAutoScaling::ScalingPolicy",
                "Properties": {
                    "PolicyName": "backlog",
                    "PolicyType": "StepScaling",
                    "ScalingTargetId": {"Ref": "Target"},
                    "StepScalingPolicyConfiguration": {
                        "AdjustmentType": "ChangeInCapacity",
                        "Cooldown": "120",
                        "MetricAggregationType": "Average",
                        "StepAdjustments": [
                            {"MetricIntervalLowerBound": 0, "MetricIntervalUpperBound": "10", "ScalingAdjustment": "1"},
                            {"MetricIntervalLowerBound": "10", "ScalingAdjustment": 3},
                        ],
                    },
                },
            },
        }
        out = self.deploy(resources, {"Target": {"Value": {"Ref": "Target"}}})
        self.assertEqual(out["Target"], "service/web/app|ecs:service:DesiredCount|ecs")
        [policy] = self.client("application-autoscaling").describe_scaling_policies(ServiceNamespace="ecs")["ScalingPolicies"]
        self.assertEqual(policy["ResourceId"], "service/web/app")
        config = policy["StepScalingPolicyConfiguration"]
        self.assertEqual((config["AdjustmentType"], config["Cooldown"]), ("ChangeInCapacity", 120))
        self.assertEqual(
            config["StepAdjustments"],
            [
                {"MetricIntervalLowerBound": 0.0, "MetricIntervalUpperBound": 10.0, "ScalingAdjustment": 1},
                {"MetricIntervalLowerBound": 10.0, "ScalingAdjustment": 3},
            ],
        )

    def test_updates_the_policy_and_replaces_its_alarms(self) -> None:
        self.deploy({"Table": TABLE, "Target": TARGET, "Tracking": TRACKING})
        config = {**TRACKING["Properties"]["TargetTrackingScalingPolicyConfiguration"], "TargetValue": 50}
        self.update({"Table": TABLE, "Target": TARGET, "Tracking": with_props(TRACKING, TargetTrackingScalingPolicyConfiguration=config)})
        [policy] = self.client("application-autoscaling").describe_scaling_policies(ServiceNamespace="dynamodb")["ScalingPolicies"]
        self.assertEqual(policy["TargetTrackingScalingPolicyConfiguration"]["TargetValue"], 50.0)
        alarms = self.client("cloudwatch").describe_alarms()["MetricAlarms"]
        self.assertEqual(sorted(a["AlarmName"] for a in alarms), sorted(a["AlarmName"] for a in policy["Alarms"]))

    def test_deleting_the_stack_deletes_the_policy_and_its_alarms(self) -> None:
        self.deploy({"Table": TABLE, "Target": TARGET, "Tracking": TRACKING})
        self.destroy()
        self.assertEqual(self.client("application-autoscaling").describe_scaling_policies(ServiceNamespace="dynamodb")["ScalingPolicies"], [])
        self.assertEqual(self.client("cloudwatch").describe_alarms()["MetricAlarms"], [])

    def test_removing_only_the_policy_keeps_the_target(self) -> None:
        self.deploy({"Table": TABLE, "Target": TARGET, "Tracking": TRACKING})
        self.update({"Table": TABLE, "Target": TARGET})
        scaling = self.client("application-autoscaling")
        self.assertEqual(scaling.describe_scaling_policies(ServiceNamespace="dynamodb")["ScalingPolicies"], [])
        self.assertEqual(len(scaling.describe_scalable_targets(ServiceNamespace="dynamodb")["ScalableTargets"]), 1)


if __name__ == "__main__":
    import unittest

    unittest.main()
