import json

from support import StackTestCase

ROLE = {
    "Type": "AWS::IAM::Role",
    "Properties": {
        "AssumeRolePolicyDocument": {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Principal": {"Service": "states.amazonaws.com"}, "Action": "sts:AssumeRole"}],
        }
    },
}
LOGS = {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": "/saga/orders"}}
DEFINITION = json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}})
MACHINE = {
    "Type": "AWS::StepFunctions::StateMachine",
    "Properties": {
        "StateMachineName": "orders",
        "StateMachineType": "STANDARD",
        "RoleArn": {"Fn::GetAtt": ["Role", "Arn"]},
        "DefinitionString": DEFINITION,
        "TracingConfiguration": {"Enabled": "true"},
        "LoggingConfiguration": {
            "Level": "ALL",
            "IncludeExecutionData": "false",
            "Destinations": [{"CloudWatchLogsLogGroup": {"LogGroupArn": {"Fn::GetAtt": ["Logs", "Arn"]}}}],
        },
        "Tags": [{"Key": "team", "Value": "orders"}],
    },
}
RESOURCES = {"Role": ROLE, "Logs": LOGS, "Machine": MACHINE}
OUTPUTS = {"Arn": {"Value": {"Ref": "Machine"}}, "Name": {"Value": {"Fn::GetAtt": ["Machine", "Name"]}}}


class StateMachineTest(StackTestCase):
    def test_creates_the_state_machine_with_tracing_and_logging(self) -> None:
        out = self.deploy(RESOURCES, OUTPUTS)
        sfn = self.client("stepfunctions")
        machine = sfn.describe_state_machine(stateMachineArn=out["Arn"])
        self.assertEqual(out["Name"], "orders")
        self.assertEqual(machine["name"], "orders")
        self.assertEqual(machine["type"], "STANDARD")
        self.assertEqual(machine["definition"], DEFINITION)
        self.assertEqual(machine["tracingConfiguration"], {"enabled": True})
        logging = machine["loggingConfiguration"]
        self.assertEqual(logging["level"], "ALL")
        self.assertIs(logging["includeExecutionData"], False)
        [destination] = logging["destinations"]
        self.assertTrue(destination["cloudWatchLogsLogGroup"]["logGroupArn"].startswith("arn:aws:logs:us-east-1:"))
        tags = sfn.list_tags_for_resource(resourceArn=out["Arn"])["tags"]
        self.assertEqual(tags, [{"key": "team", "value": "orders"}])

    def test_updates_tracing_and_logging_in_place(self) -> None:
        out = self.deploy(RESOURCES, OUTPUTS)
        changed = {**MACHINE, "Properties": {**MACHINE["Properties"], "TracingConfiguration": {"Enabled": False}}}
        changed["Properties"]["LoggingConfiguration"] = {**MACHINE["Properties"]["LoggingConfiguration"], "Level": "ERROR"}
        after = self.update({**RESOURCES, "Machine": changed}, OUTPUTS)
        self.assertEqual(after["Arn"], out["Arn"])
        machine = self.client("stepfunctions").describe_state_machine(stateMachineArn=out["Arn"])
        self.assertEqual(machine["tracingConfiguration"], {"enabled": False})
        self.assertEqual(machine["loggingConfiguration"]["level"], "ERROR")

    def test_an_express_machine_keeps_its_type(self) -> None:
        express = {**MACHINE, "Properties": {**MACHINE["Properties"], "StateMachineType": "EXPRESS"}}
        out = self.deploy({**RESOURCES, "Machine": express}, OUTPUTS)
        machine = self.client("stepfunctions").describe_state_machine(stateMachineArn=out["Arn"])
        self.assertEqual(machine["type"], "EXPRESS")

    def test_deleting_the_stack_deletes_the_state_machine(self) -> None:
        self.deploy(RESOURCES, OUTPUTS)
        self.destroy()
        self.assertEqual(self.client("stepfunctions").list_state_machines()["stateMachines"], [])


if __name__ == "__main__":
    import unittest

    unittest.main()
