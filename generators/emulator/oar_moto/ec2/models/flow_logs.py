"""Fix to moto's AWS::EC2::FlowLog model (moto.ec2.models.flow_logs)."""

from typing import Any

from moto.core.common_models import CloudFormationModel
from moto.ec2.exceptions import InvalidFlowLogIdError
from moto.ec2.models import ec2_backends
from moto.ec2.models.flow_logs import FlowLogs as MotoFlowLogs
from moto.ec2.models.flow_logs import FlowLogsBackend


class FlowLogs(MotoFlowLogs, CloudFormationModel):
    """moto's model never deletes the flow log."""

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        try:
            ec2_backends[account_id][region_name].delete_flow_logs([resource_name])
        except InvalidFlowLogIdError:
            pass  # already gone


_create_flow_logs = FlowLogsBackend.create_flow_logs


def create_flow_logs(self: FlowLogsBackend, *args: Any) -> Any:
    # moto takes everything after the S3 ARN's last colon for the bucket name, so a destination
    # with a folder (arn:aws:s3:::bucket/vpc-flow-logs/, as CDK writes it) names no bucket and
    # is refused. Check the bucket alone, and keep the whole destination, as EC2 does.
    resource_type, resource_ids, traffic_type, role_arn, destination_type, destination, *rest = args
    if destination_type == "s3" and destination and "/" in destination.split(":", 5)[-1]:
        bucket_only = destination.split("/", 1)[0]
        logs, unsuccessful = _create_flow_logs(
            self, resource_type, resource_ids, traffic_type, role_arn, destination_type, bucket_only, *rest
        )
        for log in logs:
            log.log_destination = destination
        return logs, unsuccessful
    return _create_flow_logs(self, *args)


FlowLogsBackend.create_flow_logs = create_flow_logs  # type: ignore[method-assign]
