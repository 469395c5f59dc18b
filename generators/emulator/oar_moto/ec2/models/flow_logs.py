"""Fix to moto's AWS::EC2::FlowLog model (moto.ec2.models.flow_logs)."""

from typing import Any

from moto.core.common_models import CloudFormationModel
from moto.ec2.exceptions import InvalidFlowLogIdError
from moto.ec2.models import ec2_backends
from moto.ec2.models.flow_logs import FlowLogs as MotoFlowLogs


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
