"""AWS::StepFunctions::StateMachine: moto's model, with the logging, tracing and encryption configuration that
its CloudFormation layer drops, passed to the backend's create_state_machine and update_state_machine."""

from typing import Any

from moto.core.common_models import CloudFormationModel
from moto.stepfunctions.models import StateMachine as MotoStateMachine
from moto.stepfunctions.models import stepfunctions_backends
from moto.stepfunctions.utils import cfn_to_api_tags


def _bool(value: Any) -> bool:
    return value.lower() == "true" if isinstance(value, str) else bool(value)


def _logging(props: dict[str, Any]) -> dict[str, Any] | None:
    """LoggingConfiguration in the API's shape: level, includeExecutionData, destinations."""
    config = props.get("LoggingConfiguration")
    if config is None:
        return None
    out: dict[str, Any] = {"level": config.get("Level", "OFF")}
    if "IncludeExecutionData" in config:
        out["includeExecutionData"] = _bool(config["IncludeExecutionData"])
    out["destinations"] = [
        {"cloudWatchLogsLogGroup": {"logGroupArn": d["CloudWatchLogsLogGroup"]["LogGroupArn"]}}
        for d in config.get("Destinations", [])
        if "CloudWatchLogsLogGroup" in d
    ]
    return out


def _tracing(props: dict[str, Any]) -> dict[str, Any] | None:
    config = props.get("TracingConfiguration")
    return None if config is None else {"enabled": _bool(config.get("Enabled", False))}


def _encryption(props: dict[str, Any]) -> dict[str, Any] | None:
    config = props.get("EncryptionConfiguration")
    if config is None:
        return None
    out: dict[str, Any] = {"type": config["Type"]}
    if "KmsKeyId" in config:
        out["kmsKeyId"] = config["KmsKeyId"]
    if "KmsDataKeyReusePeriodSeconds" in config:
        out["kmsDataKeyReusePeriodSeconds"] = int(config["KmsDataKeyReusePeriodSeconds"])
    return out


class StateMachine(MotoStateMachine, CloudFormationModel):
    # moto's model passes only the name, definition, role and tags; the rest of the template was dropped.

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> MotoStateMachine:
        props = cloudformation_json["Properties"]
        backend = stepfunctions_backends[account_id][region_name]
        machine = backend.create_state_machine(
            props.get("StateMachineName", resource_name),
            props.get("DefinitionString", ""),
            props.get("RoleArn", ""),
            tags=cfn_to_api_tags(props.get("Tags", [])),
            loggingConfiguration=_logging(props),
            tracingConfiguration=_tracing(props),
            encryptionConfiguration=_encryption(props),
        )
        if "StateMachineType" in props:
            machine.type = props["StateMachineType"]
        return machine

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: Any,
        new_resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
    ) -> MotoStateMachine:
        props = cloudformation_json.get("Properties", {})
        name = props.get("StateMachineName", original_resource.name)
        kind = props.get("StateMachineType", "STANDARD")
        if name != original_resource.name or kind != original_resource.type:
            # StateMachineName and StateMachineType need a replacement.
            backend = stepfunctions_backends[account_id][region_name]
            backend.delete_state_machine(original_resource.arn)
            return cls.create_from_cloudformation_json(name, cloudformation_json, account_id, region_name)
        backend = stepfunctions_backends[account_id][region_name]
        machine = backend.update_state_machine(
            original_resource.arn,
            definition=props.get("DefinitionString"),
            role_arn=props.get("RoleArn"),
            logging_configuration=_logging(props) or {"level": "OFF"},
            tracing_configuration=_tracing(props) or {"enabled": False},
            encryption_configuration=_encryption(props),
        )
        return machine
